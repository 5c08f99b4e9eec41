"""Stock shards on DynamoDB Local over HTTP (ADR 0025): 200 buyers race for 50
units split over 16 shards; exactly 50 orders, no 5xx, and every shard ends at 0
available."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.models import SkuItem
from chalicelib.adapters.dynamo.shard_models import StockShardItem
from tests.support import ADMIN, sku_body
from tests.system.test_checkout_system import checkout, shoppers


def test_two_hundred_concurrent_checkouts_on_fifty_units_over_sixteen_shards_make_exactly_fifty_orders(api):
    category = api.category()
    product = api.product(category["id"], skus=[sku_body("HOT-S", price=9900, stock=50)])
    r = api.put("/admin/inventory/HOT-S/shards", {"count": 16}, headers=ADMIN)
    assert r.status == 200, r.body
    split = [s["available"] for s in r.body["shards"]]
    assert sum(split) == 50 and len(split) == 16 and max(split) - min(split) <= 1, split
    people = shoppers(200, "HOT-S")
    with ThreadPoolExecutor(max_workers=50) as pool:
        responses = list(pool.map(lambda p: checkout(api.base_url, p[1], p[2]), people))
    statuses = Counter(r.status_code for r in responses)
    assert statuses == Counter({201: 50, 409: 150}), statuses  # no 5xx
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"out_of_stock"}

    level = api.get("/admin/inventory/HOT-S", headers=ADMIN).body
    assert (level["on_hand"], level["reserved"], level["available"]) == (50, 50, 0)
    base = SkuItem.get(*keys.sku(product["id"], "HOT-S"), consistent_read=True)
    shards = [StockShardItem.get(*keys.stock_shard("HOT-S", i), consistent_read=True) for i in range(1, 16)]
    assert [int(i.available) for i in [base, *shards]] == [0] * 16
    assert [int(i.reserved) for i in [base, *shards]] == split
    orders = api.get("/admin/orders?status=pending_payment&limit=100", headers=ADMIN).body["items"]
    assert len(orders) == 50
    lines = [api.get(f"/admin/orders/{o['id']}", headers=ADMIN).body["lines"][0] for o in orders]
    assert sum(line["quantity"] for line in lines) == 50
