"""Gift with purchase, bundles, lucky bags and members-only flash sales over the API
(ADR 0027): the cart shows them, checkout reserves their stock in its one transaction."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chalicelib.domain.merchandising import pick
from tests.integration.test_membership_api import PLAN, member
from tests.integration.test_orders_api import ADDRESS, bearer, cart_with, checkout
from tests.support import ADMIN, iso, money, sku_body

NOW = datetime.now(UTC)
STARTED = iso(NOW - timedelta(hours=1))
ENDS = iso(NOW + timedelta(hours=2))


def promotion(api, **body):
    r = api.post(
        "/admin/promotions",
        {"name": body.pop("name", "Promo"), "starts_at": STARTED, "ends_at": ENDS, **body},
        headers=ADMIN,
    )
    assert r.status == 201, r.body
    return r.body


def stock_of(api, sku):
    r = api.get(f"/admin/inventory/{sku}", headers=ADMIN)
    assert r.status == 200, r.body
    return r.body


def shopper(api):
    _, token = api.customer()
    return bearer(token)


def lines_of(body):
    return {line["sku"]: line for line in body["lines"]}


def test_gift_with_purchase_is_a_line_at_zero_with_its_own_reservation(api):
    category = api.category()
    api.product(
        category["id"], skus=[sku_body("GW-TEA", price=6000, stock=20), sku_body("GW-CUP", price=1500, stock=3)]
    )
    gift = promotion(
        api, type="gift_with_purchase", threshold=money(10000), gift_sku="GW-CUP", scope={"skus": ["GW-TEA"]}
    )
    assert gift["gift_sku"] == "GW-CUP" and gift["threshold"] == money(10000) and gift["gift_quantity"] == 1
    h = shopper(api)
    cart_id = cart_with(api, h, ("GW-TEA", 1))
    assert "GW-CUP" not in lines_of(api.get(f"/carts/{cart_id}", headers=h).body)  # 6000 < 10000
    api.patch(f"/carts/{cart_id}/items/GW-TEA", {"quantity": 2}, headers=h)
    body = api.get(f"/carts/{cart_id}", headers=h).body
    cup = lines_of(body)["GW-CUP"]
    assert cup["gift"] is True and cup["gift_promotion_id"] == gift["id"]
    assert cup["unit_price"] == money(0) and cup["payable"] == money(0) and cup["quantity"] == 1
    assert body["total"]["amount"] == 12000 + body["shipping"]["amount"]
    r = checkout(api, h, cart_id)
    assert r.status == 201, r.body
    ordered = lines_of(r.body["order"])
    assert ordered["GW-CUP"]["gift"] is True and ordered["GW-CUP"]["payable"] == money(0)
    assert stock_of(api, "GW-CUP")["available"] == 2 and stock_of(api, "GW-CUP")["reserved"] == 1
    assert r.body["warnings"] == []


def test_gift_per_trigger_sku_with_a_limit_and_out_of_stock_goes_on_with_a_warning(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("GT-PEN", price=1000, stock=50), sku_body("GT-INK", price=300, stock=3)])
    gift = promotion(
        api, type="gift_with_purchase", trigger_sku="GT-PEN", trigger_quantity=2, gift_sku="GT-INK", gift_limit=2
    )
    h = shopper(api)
    cart_id = cart_with(api, h, ("GT-PEN", 7))  # 3 triggers, capped at 2 gifts
    assert lines_of(api.get(f"/carts/{cart_id}", headers=h).body)["GT-INK"]["quantity"] == 2
    assert checkout(api, h, cart_id).status == 201
    h2 = shopper(api)
    cart_id = cart_with(api, h2, ("GT-PEN", 4))  # earns 2; 1 left
    body = api.get(f"/carts/{cart_id}", headers=h2).body
    assert lines_of(body)["GT-INK"]["quantity"] == 1
    assert [w["code"] for w in body["warnings"] if w.get("sku") == "GT-INK"] == ["gift_out_of_stock"]
    assert checkout(api, h2, cart_id).status == 201
    h3 = shopper(api)
    cart_id = cart_with(api, h3, ("GT-PEN", 2))
    r = checkout(api, h3, cart_id)
    assert r.status == 201, r.body
    assert "GT-INK" not in lines_of(r.body["order"])
    assert r.body["warnings"][0]["code"] == "gift_out_of_stock" and r.body["warnings"][0]["promotion_id"] == gift["id"]
    assert stock_of(api, "GT-INK")["available"] == 0


def test_gifts_go_to_the_first_orders_and_every_order_is_placed(api):
    """5 gift units, 12 qualifying checkouts: exactly 5 orders carry the gift, all 12 are placed."""
    category = api.category()
    api.product(
        category["id"], skus=[sku_body("GC-BAG", price=5000, stock=100), sku_body("GC-PIN", price=100, stock=5)]
    )
    promotion(api, type="gift_with_purchase", trigger_sku="GC-BAG", gift_sku="GC-PIN")
    carts = [(h, cart_with(api, h, ("GC-BAG", 1))) for h in (shopper(api) for _ in range(12))]
    placed = [checkout(api, h, cart_id) for h, cart_id in carts]  # every cart priced before any checkout
    assert all(r.status == 201 for r in placed), [r.body for r in placed if r.status != 201]
    gifted = [r for r in placed if "GC-PIN" in lines_of(r.body["order"])]
    assert len(gifted) == 5
    assert all(r.body["warnings"][0]["code"] == "gift_out_of_stock" for r in placed if r not in gifted)
    assert stock_of(api, "GC-PIN")["available"] == 0 and stock_of(api, "GC-PIN")["reserved"] == 5


def test_a_gift_taken_between_the_read_and_the_transaction_is_dropped_not_failed(api, monkeypatch):
    from chalicelib.bootstrap import get_container

    category = api.category()
    api.product(category["id"], skus=[sku_body("GR-BOX", price=5000, stock=10), sku_body("GR-BOW", price=100, stock=1)])
    promotion(api, type="gift_with_purchase", trigger_sku="GR-BOX", gift_sku="GR-BOW")
    h = shopper(api)
    cart_id = cart_with(api, h, ("GR-BOX", 1))
    orders = get_container().checkout.orders
    place = orders.place

    def taken_meanwhile(order, *args, **kwargs):
        if any(line.sku == "GR-BOW" for line in order.lines):  # another order takes the last bow now
            r = api.post("/admin/inventory/GR-BOW/adjustments", {"delta": -1, "reason": "damaged"}, headers=ADMIN)
            assert r.status in (200, 201), r.body
        return place(order, *args, **kwargs)

    monkeypatch.setattr(orders, "place", taken_meanwhile)
    r = checkout(api, h, cart_id)
    assert r.status == 201, r.body
    assert list(lines_of(r.body["order"])) == ["GR-BOX"]
    assert r.body["warnings"][0]["code"] == "gift_out_of_stock"


def test_bundle_discount_is_allocated_to_its_lines_and_applies_per_complete_set(api):
    category = api.category()
    api.product(
        category["id"],
        skus=[sku_body("BU-CAM", price=30000, stock=10), sku_body("BU-LENS", price=10000, stock=10)],
    )
    bundle = promotion(
        api,
        type="bundle",
        items=[{"sku": "BU-CAM", "quantity": 1}, {"sku": "BU-LENS", "quantity": 2}],
        price=money(40000),
    )
    assert bundle["items"] == [{"sku": "BU-CAM", "quantity": 1}, {"sku": "BU-LENS", "quantity": 2}]
    h = shopper(api)
    cart_id = cart_with(api, h, ("BU-LENS", 5), ("BU-CAM", 2))  # two complete sets, one lens left
    lines = lines_of(api.get(f"/carts/{cart_id}", headers=h).body)
    # per set 50000 -> 40000: 10000 off, 6000 on the camera, 4000 on the lenses; twice
    assert lines["BU-CAM"]["adjustments"][0]["type"] == "bundle"
    assert lines["BU-CAM"]["adjustments"][0]["amount"] == money(12000)
    assert lines["BU-LENS"]["adjustments"][0]["amount"] == money(8000)
    assert lines["BU-CAM"]["line_total"] == money(48000) and lines["BU-LENS"]["line_total"] == money(42000)
    r = checkout(api, h, cart_id)
    assert r.status == 201, r.body
    assert lines_of(r.body["order"])["BU-LENS"]["payable"] == money(42000)


def test_lucky_bag_picks_reproducibly_among_stocked_pool_skus(api):
    category = api.category()
    api.product(
        category["id"],
        skus=[
            sku_body("LB-BAG", price=2000, stock=50),
            sku_body("LB-A", price=3000, stock=2),
            sku_body("LB-B", price=3000, stock=0),
            sku_body("LB-C", price=3000, stock=5),
        ],
    )
    bag = promotion(api, type="lucky_bag", sku="LB-BAG", pool=["LB-A", "LB-B", "LB-C"])
    assert bag["pool"] == ["LB-A", "LB-B", "LB-C"]
    h = shopper(api)
    cart_id = cart_with(api, h, ("LB-BAG", 3))
    r = checkout(api, h, cart_id)
    assert r.status == 201, r.body
    order = r.body["order"]
    expected = pick(order["id"], "LB-BAG", 3, ["LB-A", "LB-B", "LB-C"], {"LB-A": 2, "LB-B": 0, "LB-C": 5})
    assert expected is not None and "LB-B" not in expected
    got = {line["sku"]: line["quantity"] for line in order["lines"]}
    assert got == expected
    assert all(line["lucky_bag"] == {"promotion_id": bag["id"], "sku": "LB-BAG"} for line in order["lines"])
    assert sum(line["payable"]["amount"] for line in order["lines"]) == 6000
    for sku, units in expected.items():
        assert stock_of(api, sku)["reserved"] == units
    # The pool's stock is what limits bags: 4 units left, a cart of 5 bags is refused.
    h2 = shopper(api)
    cart_id = cart_with(api, h2, ("LB-BAG", 5))
    body = api.get(f"/carts/{cart_id}", headers=h2).body
    assert [w["code"] for w in body["warnings"] if w.get("sku") == "LB-BAG"] == ["lucky_bag_short"]
    refused = checkout(api, h2, cart_id)
    assert refused.status == 409 and refused.code == "out_of_stock"


def test_members_only_flash_sale_is_refused_to_a_non_member(api, gateway):
    category = api.category()
    api.product(category["id"], skus=[sku_body("MO-1", price=10000, stock=20)])
    flash = promotion(api, type="flash_sale", sku="MO-1", price=money(5000), quantity=10, members_only=True)
    assert flash["members_only"] is True
    h = shopper(api)
    cart_id = cart_with(api, h, ("MO-1", 1))
    body = api.get(f"/carts/{cart_id}", headers=h).body
    assert body["lines"][0]["unit_price"] == money(10000)
    assert [w for w in body["warnings"] if w["code"] == "members_only"][0]["promotion_id"] == flash["id"]
    r = checkout(api, h, cart_id)
    assert r.status == 201 and r.body["order"]["lines"][0]["unit_price"] == money(10000)
    plan = api.post("/admin/membership/plans", {**PLAN, "benefits": {"member_prices": True}}, headers=ADMIN)
    assert plan.status == 201, plan.body
    me = member(api, gateway, plan.body["id"])
    cart_id = cart_with(api, me, ("MO-1", 1))
    body = api.get(f"/carts/{cart_id}", headers=me).body
    assert body["lines"][0]["unit_price"] == money(5000) and body["lines"][0]["price_source"] == "flash_sale"
    assert not [w for w in body["warnings"] if w["code"] == "members_only"]


def test_merch_promotions_are_validated(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("MV-1", price=1000)])
    both = api.post(
        "/admin/promotions",
        {
            "name": "x",
            "type": "gift_with_purchase",
            "starts_at": STARTED,
            "ends_at": ENDS,
            "gift_sku": "MV-1",
            "threshold": money(100),
            "trigger_sku": "MV-1",
        },
        headers=ADMIN,
    )
    assert both.status == 400 and any(e["code"] == "one_of" for e in both.body["errors"])
    unknown = api.post(
        "/admin/promotions",
        {"name": "x", "type": "lucky_bag", "starts_at": STARTED, "ends_at": ENDS, "sku": "MV-1", "pool": ["MV-NO"]},
        headers=ADMIN,
    )
    assert unknown.status == 400 and unknown.body["errors"][0]["field"] == "pool.0"
    misplaced = api.post(
        "/admin/promotions",
        {"name": "x", "type": "percent_off", "starts_at": STARTED, "ends_at": ENDS, "percent": 5, "members_only": True},
        headers=ADMIN,
    )
    assert misplaced.status == 400 and misplaced.body["errors"][0]["field"] == "members_only"


def test_a_checkout_with_a_gift_a_bundle_and_a_lucky_bag_costs_three_round_trips(api, gateway, monkeypatch):
    from bench.util import count_round_trips
    from chalicelib.bootstrap import get_container
    from chalicelib.services import carts

    monkeypatch.setattr(carts, "PRICING_CHANGE_SETTLE", timedelta(0))
    category = api.category()
    api.product(
        category["id"],
        skus=[
            sku_body("RM-A", price=4000, stock=10),
            sku_body("RM-B", price=6000, stock=10),
            sku_body("RM-GIFT", price=500, stock=10),
            sku_body("RM-BAG", price=1000, stock=10),
            sku_body("RM-P1", price=2000, stock=10),
            sku_body("RM-P2", price=2000, stock=10),
        ],
    )
    promotion(
        api, type="bundle", items=[{"sku": "RM-A", "quantity": 1}, {"sku": "RM-B", "quantity": 1}], price=money(8000)
    )
    promotion(api, type="gift_with_purchase", threshold=money(5000), gift_sku="RM-GIFT")
    promotion(api, type="lucky_bag", sku="RM-BAG", pool=["RM-P1", "RM-P2"])
    customer, token = api.customer()
    h = bearer(token)
    cart_id = cart_with(api, h, ("RM-A", 1), ("RM-B", 1), ("RM-BAG", 2))
    with count_round_trips() as trips:
        result = get_container().checkout.checkout(customer["id"], cart_id, ADDRESS)
    assert trips.calls == ["GetItem", "BatchGetItem", "TransactWriteItems"]
    lines = {line.sku: line for line in result.order.lines}
    assert lines["RM-GIFT"].payable == 0 and lines["RM-GIFT"].gift_promotion_id is not None
    assert lines["RM-A"].payable + lines["RM-B"].payable == 8000
    assert "RM-BAG" not in lines and sum(line.quantity for line in lines.values() if line.lucky_bag) == 2
    assert result.order.subtotal == 8000 + 2000


def test_merch_promotions_can_be_patched_but_not_their_skus(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("MP-A", price=1000), sku_body("MP-B", price=1000)])
    flash = promotion(api, type="flash_sale", sku="MP-A", price=money(500), quantity=5)
    r = api.patch(f"/admin/promotions/{flash['id']}", {"members_only": True}, headers=ADMIN)
    assert r.status == 200 and r.body["members_only"] is True
    bundle = promotion(api, type="bundle", items=[{"sku": "MP-A", "quantity": 1}], price=money(900))
    r = api.patch(
        f"/admin/promotions/{bundle['id']}",
        {"items": [{"sku": "MP-A", "quantity": 1}, {"sku": "MP-B", "quantity": 1}], "price": money(1500)},
        headers=ADMIN,
    )
    assert r.status == 200 and len(r.body["items"]) == 2 and r.body["price"] == money(1500)
    gift = promotion(api, type="gift_with_purchase", threshold=money(5000), gift_sku="MP-B")
    r = api.patch(f"/admin/promotions/{gift['id']}", {"gift_quantity": 2, "threshold": money(8000)}, headers=ADMIN)
    assert r.status == 200 and (r.body["gift_quantity"], r.body["threshold"]) == (2, money(8000))
    assert r.body["gift_sku"] == "MP-B" and r.body["trigger_sku"] is None
    assert api.patch(f"/admin/promotions/{gift['id']}", {"gift_sku": "MP-A"}, headers=ADMIN).status == 400
    assert api.get(f"/admin/promotions/{gift['id']}", headers=ADMIN).body["gift_quantity"] == 2


def test_merch_answers_match_the_document(api):
    """Promotions of the new types, a cart with a gift and a bundle, a checkout opening a
    lucky bag with a warning, validated against docs/openapi.yaml."""
    from tests.integration.test_openapi_contract import Checked

    c = Checked(api)
    category = api.category()
    api.product(
        category["id"],
        skus=[
            sku_body("OC-A", price=4000, stock=10),
            sku_body("OC-B", price=6000, stock=10),
            sku_body("OC-GIFT", price=500, stock=0),
            sku_body("OC-BAG", price=1000, stock=10),
            sku_body("OC-P1", price=2000, stock=10),
        ],
    )
    window = {"starts_at": STARTED, "ends_at": ENDS}
    for body in (
        {
            "type": "bundle",
            "items": [{"sku": "OC-A", "quantity": 1}, {"sku": "OC-B", "quantity": 1}],
            "price": money(8000),
        },
        {"type": "gift_with_purchase", "trigger_sku": "OC-A", "gift_sku": "OC-GIFT", "gift_limit": 3},
        {"type": "lucky_bag", "sku": "OC-BAG", "pool": ["OC-P1"]},
        {"type": "flash_sale", "sku": "OC-B", "price": money(5000), "quantity": 5, "members_only": True},
    ):
        created = c.call(
            "POST", "/admin/promotions", json_body={"name": "M", **body, **window}, headers=ADMIN, expect=201
        )
        c.call(
            "GET",
            "/admin/promotions/{promotion_id}",
            params={"promotion_id": created.body["id"]},
            headers=ADMIN,
            expect=200,
        )
    h = shopper(api)
    cart_id = cart_with(api, h, ("OC-A", 1), ("OC-B", 1), ("OC-BAG", 1))
    body = c.call("GET", "/carts/{cart_id}", params={"cart_id": cart_id}, headers=h, expect=200).body
    assert {w["code"] for w in body["warnings"]} >= {"gift_out_of_stock", "members_only"}
    placed = c.call(
        "POST",
        "/checkout",
        json_body={"cart_id": cart_id, "shipping_address": ADDRESS},
        headers={**h, "Idempotency-Key": "oc-1"},
        expect=201,
    ).body
    assert {line["sku"] for line in placed["order"]["lines"]} == {"OC-A", "OC-B", "OC-P1"}
    assert {w["code"] for w in placed["warnings"]} == {"gift_out_of_stock", "members_only"}
    c.call("GET", "/orders/{order_id}", params={"order_id": placed["order"]["id"]}, headers=h, expect=200)
