"""A gift with purchase under concurrency (ADR 0027), over HTTP against DynamoDB Local
and localstripe: 12 buyers of the trigger SKU check out at once while 5 gift units
are in stock. Every order is placed; exactly 5 carry the gift, each with its unit
reserved in its own transaction; the others say why (``gift_out_of_stock``)."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from tests.support import ADMIN, sku_body
from tests.system.test_budgets_system import promotion
from tests.system.test_checkout_system import checkout, shoppers


def test_five_gifts_and_twelve_concurrent_checkouts_give_exactly_five(api):
    category = api.category()
    api.product(
        category["id"], skus=[sku_body("GS-BAG", price=8800, stock=100), sku_body("GS-PIN", price=900, stock=5)]
    )
    gift = promotion(api, type="gift_with_purchase", trigger_sku="GS-BAG", gift_sku="GS-PIN")
    people = shoppers(12, "GS-BAG")
    with ThreadPoolExecutor(max_workers=12) as pool:
        responses = list(pool.map(lambda p: checkout(api.base_url, p[1], p[2]), people))

    assert Counter(r.status_code for r in responses) == Counter({201: 12}), [r.text for r in responses[:3]]
    orders = [r.json()["order"] for r in responses]
    gifted = [o for o in orders if any(line["sku"] == "GS-PIN" for line in o["lines"])]
    assert len(gifted) == 5
    for order in gifted:
        (pin,) = [line for line in order["lines"] if line["sku"] == "GS-PIN"]
        assert pin["gift"] is True and pin["quantity"] == 1 and pin["payable"]["amount"] == 0
        assert pin["gift_promotion_id"] == gift["id"]
    # a gift costs the buyer nothing: every order's goods are the bag's price
    assert {o["total"]["amount"] - o["shipping"]["amount"] for o in orders} == {8800}
    without = [r.json() for r in responses if r.json()["order"] not in gifted]
    assert all([w["code"] for w in body["warnings"]] == ["gift_out_of_stock"] for body in without), without[:1]

    level = api.get("/admin/inventory/GS-PIN", headers=ADMIN).body
    assert (level["on_hand"], level["reserved"], level["available"]) == (5, 5, 0)  # never oversold
    bags = api.get("/admin/inventory/GS-BAG", headers=ADMIN).body
    assert bags["reserved"] == 12
