"""Stock shards on DynamoDB Local over HTTP (ADR 0025): 100 buyers race for 20
units split over 4 shards; exactly 20 orders, and every shard ends at 0 available."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.models import SkuItem
from chalicelib.adapters.dynamo.shard_models import StockShardItem
from tests.support import ADMIN, sku_body
from tests.system.test_checkout_system import checkout, shoppers


def test_a_hundred_concurrent_checkouts_on_twenty_units_over_four_shards_make_exactly_twenty_orders(api):
    category = api.category()
    product = api.product(category["id"], skus=[sku_body("HOT-S", price=9900, stock=20)])
    r = api.put("/admin/inventory/HOT-S/shards", {"count": 4}, headers=ADMIN)
    assert r.status == 200, r.body
    assert [s["available"] for s in r.body["shards"]] == [5, 5, 5, 5]
    people = shoppers(100, "HOT-S")
    with ThreadPoolExecutor(max_workers=50) as pool:
        responses = list(pool.map(lambda p: checkout(api.base_url, p[1], p[2]), people))
    statuses = Counter(r.status_code for r in responses)
    assert statuses == Counter({201: 20, 409: 80}), statuses
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"out_of_stock"}

    level = api.get("/admin/inventory/HOT-S", headers=ADMIN).body
    assert (level["on_hand"], level["reserved"], level["available"]) == (20, 20, 0)
    base = SkuItem.get(*keys.sku(product["id"], "HOT-S"), consistent_read=True)
    shards = [StockShardItem.get(*keys.stock_shard("HOT-S", i), consistent_read=True) for i in (1, 2, 3)]
    assert [int(i.available) for i in [base, *shards]] == [0, 0, 0, 0]
    assert [int(i.reserved) for i in [base, *shards]] == [5, 5, 5, 5]
    orders = api.get("/admin/orders?status=pending_payment&limit=100", headers=ADMIN).body["items"]
    assert len(orders) == 20
    lines = [api.get(f"/admin/orders/{o['id']}", headers=ADMIN).body["lines"][0] for o in orders]
    assert sum(line["quantity"] for line in lines) == 20
