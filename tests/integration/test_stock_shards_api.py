"""Stock shards (ADR 0025) through the app on moto: split, checkout from the
shards, cancel back to the line's shard, merge, the rebalance job."""

from __future__ import annotations

from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.models import SkuItem
from chalicelib.adapters.dynamo.shard_models import StockShardItem
from tests.integration.test_orders_api import (
    cart_with,
    checkout,
    order_of,
    placed,
    run_job,
    shop,
    shopper,
    stock,
)
from tests.support import ADMIN, sku_body


def levels(product_id: str, code: str, shards: int) -> list[tuple[int, int]]:
    """(on_hand, reserved) of shard 0 (the SKU item) and of each other shard."""
    base = SkuItem.get(*keys.sku(product_id, code), consistent_read=True)
    found = [(int(base.on_hand), int(base.reserved))]
    for i in range(1, shards):
        s = StockShardItem.get(*keys.stock_shard(code, i), consistent_read=True)
        assert int(s.available) == int(s.on_hand) - int(s.reserved)
        found.append((int(s.on_hand), int(s.reserved)))
    return found


def set_shards(api, code: str, count: int, headers=ADMIN):
    return api.put(f"/admin/inventory/{code}/shards", {"count": count}, headers=headers)


def test_split_checkout_cancel_and_merge(api):
    product = shop(api, sku_body("HOT-1", stock=20))
    r = set_shards(api, "HOT-1", 4)
    assert r.status == 200, r.body
    assert r.body["stock_shards"] == 4
    assert r.body["available"] == 20
    assert [s["available"] for s in r.body["shards"]] == [5, 5, 5, 5]
    assert levels(product["id"], "HOT-1", 4) == [(5, 0), (5, 0), (5, 0), (5, 0)]
    # The product (one Query of its partition) shows the total counted at the split.
    page = api.get(f"/admin/products/{product['id']}", headers=ADMIN)
    assert page.status == 200 and page.body["skus"][0]["available"] == 20, page.body
    assert api.get(f"/products/{product['id']}").body["skus"][0]["in_stock"] is True

    _, h = shopper(api)
    order, _ = placed(api, h, ("HOT-1", 3))
    after = levels(product["id"], "HOT-1", 4)
    taken = [i for i, (on_hand, reserved) in enumerate(after) if reserved]
    assert len(taken) == 1 and after[taken[0]] == (5, 3)  # one shard, in the order's transaction
    assert stock(api, "HOT-1") == {"on_hand": 20, "reserved": 3, "available": 17}

    r = api.post(f"/orders/{order['id']}/cancel", {}, headers=h)
    assert r.status == 200, r.body
    assert levels(product["id"], "HOT-1", 4) == [(5, 0), (5, 0), (5, 0), (5, 0)]  # back to that shard
    assert stock(api, "HOT-1") == {"on_hand": 20, "reserved": 0, "available": 20}

    r = set_shards(api, "HOT-1", 1)
    assert r.status == 200, r.body
    assert r.body["stock_shards"] == 1 and r.body["shards"] == []
    assert levels(product["id"], "HOT-1", 4) == [(20, 0), (0, 0), (0, 0), (0, 0)]


def test_every_unit_sells_once_across_shards_and_then_out_of_stock(api):
    product = shop(api, sku_body("HOT-2", stock=6))
    assert set_shards(api, "HOT-2", 3).status == 200  # 2 + 2 + 2
    _, late = shopper(api)
    late_cart = cart_with(api, late, ("HOT-2", 1))  # put in the cart while there is stock
    orders = []
    for _ in range(3):
        _, h = shopper(api)
        order, _ = placed(api, h, ("HOT-2", 2))
        orders.append(order)
    assert sorted(levels(product["id"], "HOT-2", 3)) == [(2, 2), (2, 2), (2, 2)]
    assert {order_of(api, o["id"])["status"] for o in orders} == {"pending_payment"}
    r = checkout(api, late, late_cart)
    assert r.status == 409 and r.code == "out_of_stock", r.body
    assert stock(api, "HOT-2") == {"on_hand": 6, "reserved": 6, "available": 0}


def test_a_shard_found_short_in_the_transaction_makes_checkout_take_another(api, monkeypatch):
    """The batch read saw stock on every shard; by the transaction one ran short."""
    product = shop(api, sku_body("HOT-5", stock=4))
    assert set_shards(api, "HOT-5", 2).status == 200  # 2 + 2
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("HOT-5", 2))
    from chalicelib.domain import stock_shards

    picks: list[int] = []
    real = stock_shards.choose_shard

    def first_shard_1(available, quantity, tried=(), rng=None):
        pick = 1 if 1 not in set(tried) else real(available, quantity, tried, rng)
        picks.append(pick)
        return pick

    monkeypatch.setattr("chalicelib.services.orders.checkout.choose_shard", first_shard_1)
    # Shard 1 emptied behind the read's back (another buyer, as the transaction saw it).
    StockShardItem(*keys.stock_shard("HOT-5", 1)).update(
        actions=[StockShardItem.reserved.add(2), StockShardItem.available.add(-2)]
    )
    monkeypatch.setattr(
        "chalicelib.adapters.dynamo.pricing_reads.read_shards",
        lambda items, consistent=False: {
            "HOT-5": [StockShardItem(code="HOT-5", product_id=product["id"], shard=1, on_hand=2, reserved=0)]
        },
    )
    r = checkout(api, h, cart_id)
    assert r.status == 201, r.body
    assert picks == [1, 0]
    assert levels(product["id"], "HOT-5", 2) == [(2, 2), (2, 2)]
    line = order_of(api, r.body["order"]["id"])["lines"][0]
    assert line["quantity"] == 2


def test_adjustments_and_the_rebalance_job(api):
    product = shop(api, sku_body("HOT-3", stock=8))
    assert set_shards(api, "HOT-3", 2).status == 200  # 4 + 4
    r = api.post("/admin/inventory/HOT-3/adjustments", {"delta": 6, "reason": "receiving"}, headers=ADMIN)
    assert r.status == 201, r.body
    assert r.body["available"] == 14  # to shard 0, the SKU item: sold at once
    assert levels(product["id"], "HOT-3", 2) == [(10, 0), (4, 0)]
    summary = run_job(api, "rebalance_stock_shards")
    assert summary["skus"] == 1 and summary["units_moved"] == 3, summary
    assert levels(product["id"], "HOT-3", 2) == [(7, 0), (7, 0)]
    assert stock(api, "HOT-3") == {"on_hand": 14, "reserved": 0, "available": 14}


def test_shard_count_is_bounded_and_staff_only(api):
    shop(api, sku_body("HOT-4", stock=3))
    assert set_shards(api, "HOT-4", 0).status == 400
    assert set_shards(api, "HOT-4", 33).status == 400
    assert set_shards(api, "NOPE", 2).status == 404
    assert set_shards(api, "HOT-4", 2, headers={}).status == 401


def test_the_ledger_lists_every_shards_rows_newest_first_across_pages(api):
    product = shop(api, sku_body("HOT-L", stock=12))
    assert set_shards(api, "HOT-L", 4).status == 200  # 3 + 3 + 3 + 3
    for _ in range(4):  # every shard's stock taken: each one's ledger row in its own partition
        _, h = shopper(api)
        placed(api, h, ("HOT-L", 3))
    assert sorted(levels(product["id"], "HOT-L", 4)) == [(3, 3)] * 4
    whole = api.get("/admin/inventory/HOT-L/ledger?limit=100", headers=ADMIN)
    assert whole.status == 200 and whole.body["next_cursor"] is None, whole.body
    reserved = [e for e in whole.body["items"] if e["reason"] == "reserved"]
    assert len(reserved) == 4 and sum(e["reserved_delta"] for e in reserved) == 12
    ids = [e["id"] for e in whole.body["items"]]
    assert ids == sorted(ids, reverse=True)  # newest first, all partitions merged

    paged, cursor = [], None
    while True:  # two rows a page: the same rows, once each, in the same order
        url = "/admin/inventory/HOT-L/ledger?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = api.get(url, headers=ADMIN)
        assert page.status == 200, page.body
        paged += [e["id"] for e in page.body["items"]]
        cursor = page.body["next_cursor"]
        if cursor is None:
            break
    assert paged == ids
