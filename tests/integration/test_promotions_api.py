"""Promotions, coupons and shipping templates, priced in carts over the API.
Also run over HTTP against DynamoDB Local (tests/system/test_promotions_http.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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


def cart_with(api, items, headers=None):
    headers = dict(headers or {})
    r = api.post("/carts", headers=headers)
    cart_id = r.body["id"]
    if "token" in r.body:
        headers["X-Cart-Token"] = r.body["token"]
    for sku, quantity in items:
        added = api.post(f"/carts/{cart_id}/items", {"sku": sku, "quantity": quantity}, headers=headers)
        assert added.status == 200, added.body
    return cart_id, headers


def priced(api, cart_id, headers):
    r = api.get(f"/carts/{cart_id}", headers=headers)
    assert r.status == 200, r.body
    return r.body


def test_percent_off_applies_to_its_scope_only(api):
    tea = api.category("Tea")
    shoes = api.category("Shoes")
    api.product(tea["id"], skus=[sku_body("PO-TEA", price=10000)])
    api.product(shoes["id"], skus=[sku_body("PO-SHOE", price=10000)])
    promo = promotion(api, type="percent_off", percent=15, scope={"category_ids": [tea["id"]]}, name="Tea 15% off")
    cart_id, h = cart_with(api, [("PO-TEA", 1), ("PO-SHOE", 1)])
    body = priced(api, cart_id, h)
    lines = {line["sku"]: line for line in body["lines"]}
    assert lines["PO-TEA"]["adjustments"] == [
        {
            "type": "percent_off",
            "promotion_id": promo["id"],
            "code": None,
            "label": "Tea 15% off",
            "amount": money(1500),
        }
    ]
    assert lines["PO-TEA"]["line_total"] == money(8500) and lines["PO-SHOE"]["line_total"] == money(10000)
    assert body["total"] == money(18500)


def test_nth_item_discounts_the_cheapest_units(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("NI-A", price=10000), sku_body("NI-B", price=3000)])
    promotion(api, type="nth_item_discount", n=2, percent=50, scope={"category_ids": [category["id"]]})
    cart_id, h = cart_with(api, [("NI-A", 3), ("NI-B", 1)])
    # 4 units -> 2 discounted, cheapest first: NI-B (3000 -> 1500 off) and one NI-A (10000 -> 5000 off)
    body = priced(api, cart_id, h)
    assert body["subtotal"] == money(30000 + 3000 - 1500 - 5000)


def test_spend_threshold_uses_the_highest_tier_reached(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("ST-1", price=10000, stock=50)])
    promotion(
        api,
        type="spend_threshold",
        name="Spend 200 save 20, spend 400 save 50",
        tiers=[
            {"threshold": money(20000), "discount": money(2000)},
            {"threshold": money(40000), "discount": money(5000)},
        ],
        scope={"category_ids": [category["id"]]},
    )
    cart_id, h = cart_with(api, [("ST-1", 1)])
    assert priced(api, cart_id, h)["discounts"] == []
    api.patch(f"/carts/{cart_id}/items/ST-1", {"quantity": 3}, headers=h)
    body = priced(api, cart_id, h)
    assert [d["amount"] for d in body["discounts"]] == [money(2000)] and body["total"] == money(28000)
    api.patch(f"/carts/{cart_id}/items/ST-1", {"quantity": 4}, headers=h)
    body = priced(api, cart_id, h)
    assert [d["amount"] for d in body["discounts"]] == [money(5000)] and body["total"] == money(35000)
    assert sum(line["order_discount"]["amount"] for line in body["lines"]) == 5000


def test_flash_sale_price_up_to_the_customer_limit(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("FL-1", price=10000, stock=50)])
    promotion(api, type="flash_sale", sku="FL-1", price=money(5900), quantity=100, per_customer_limit=2, name="Flash")
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart_id, h = cart_with(api, [("FL-1", 1)], me)
    line = priced(api, cart_id, h)["lines"][0]
    assert line["unit_price"] == money(5900) and line["price_source"] == "flash_sale"
    api.patch(f"/carts/{cart_id}/items/FL-1", {"quantity": 3}, headers=h)
    line = priced(api, cart_id, h)["lines"][0]
    # two units at the flash price, the third at the list price
    assert line["unit_price"] == money(10000) and line["line_total"] == money(2 * 5900 + 10000)
    assert line["adjustments"][0]["type"] == "flash_sale" and line["adjustments"][0]["amount"] == money(2 * 4100)


def test_guests_do_not_get_a_per_customer_flash_price(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("FL-G", price=10000)])
    promotion(api, type="flash_sale", sku="FL-G", price=money(5900), quantity=10, per_customer_limit=1)
    cart_id, h = cart_with(api, [("FL-G", 1)])
    body = priced(api, cart_id, h)
    assert body["lines"][0]["unit_price"] == money(10000)
    assert "flash_sale_requires_sign_in" in {w["code"] for w in body["warnings"]}


def test_member_day_does_not_apply_to_non_members(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("MD-1", price=10000)])
    today = (NOW + timedelta(hours=8)).isoweekday()  # Asia/Shanghai
    promotion(api, type="member_day", weekday=today, percent=10)
    _, token = api.customer()
    cart_id, h = cart_with(api, [("MD-1", 1)], {"Authorization": f"Bearer {token}"})
    assert priced(api, cart_id, h)["total"] == money(10000)


def test_ending_a_promotion_early_stops_it(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("END-1", price=10000)])
    promo = promotion(api, type="percent_off", percent=10, scope={"skus": ["END-1"]})
    cart_id, h = cart_with(api, [("END-1", 1)])
    assert priced(api, cart_id, h)["total"] == money(9000)
    r = api.post(f"/admin/promotions/{promo['id']}/end", headers=ADMIN)
    assert r.status == 200 and r.body["state"] == "ended"
    assert priced(api, cart_id, h)["total"] == money(10000)
    assert api.post(f"/admin/promotions/{promo['id']}/end", headers=ADMIN).code == "invalid_transition"


def test_promotion_validation_and_roles(api):
    r = api.post(
        "/admin/promotions",
        {"name": "x", "type": "percent_off", "starts_at": ENDS, "ends_at": STARTED, "percent": 0},
        headers=ADMIN,
    )
    assert r.status == 400
    assert {(e["field"], e["code"]) for e in r.body["errors"]} == {
        ("ends_at", "before_starts_at"),
        ("percent", "out_of_range"),
    }
    r = api.post(
        "/admin/promotions",
        {
            "name": "x",
            "type": "spend_threshold",
            "starts_at": STARTED,
            "ends_at": ENDS,
            "tiers": [
                {"threshold": money(40000), "discount": money(5000)},
                {"threshold": money(20000), "discount": money(2000)},
            ],
        },
        headers=ADMIN,
    )
    assert r.status == 400 and r.body["errors"][0]["code"] == "not_increasing"
    r = api.post(
        "/admin/promotions",
        {
            "name": "x",
            "type": "flash_sale",
            "starts_at": STARTED,
            "ends_at": ENDS,
            "sku": "NOPE",
            "price": money(1),
            "quantity": 1,
        },
        headers=ADMIN,
    )
    assert r.status == 400 and r.body["errors"][0] == {"field": "sku", "code": "not_found", "message": "No SKU NOPE."}
    warehouse = api.staff_key("warehouse")
    r = api.post(
        "/admin/promotions",
        {"name": "x", "type": "percent_off", "starts_at": STARTED, "ends_at": ENDS, "percent": 5},
        headers=warehouse,
    )
    assert r.status == 403
    listed = api.get("/admin/promotions", headers=api.staff_key("customer_service"))
    assert listed.status == 200 and isinstance(listed.body["items"], list)


def coupon(api, code, **body):
    r = api.post("/admin/coupons", {"code": code, "starts_at": STARTED, "ends_at": ENDS, **body}, headers=ADMIN)
    assert r.status == 201, r.body
    return r.body


def test_coupon_amount_and_percent_off(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("CP-1", price=10000, stock=50)])
    coupon(api, "SAVE30", amount_off=money(3000), min_spend=money(10000))
    coupon(api, "TENPCT", percent_off=10, max_discount=money(1500))
    cart_id, h = cart_with(api, [("CP-1", 2)])
    r = api.post(f"/carts/{cart_id}/coupons", {"code": "save30"}, headers=h)
    assert r.status == 200 and r.body["coupon"] == {"code": "SAVE30", "applied": True, "reason": None}
    assert r.body["total"] == money(17000)
    r = api.post(f"/carts/{cart_id}/coupons", {"code": "TENPCT"}, headers=h)
    assert r.body["coupon"]["code"] == "TENPCT" and r.body["total"] == money(20000 - 1500)
    r = api.delete(f"/carts/{cart_id}/coupons/TENPCT", headers=h)
    assert r.status == 200 and r.body["coupon"] is None and r.body["total"] == money(20000)
    assert api.delete(f"/carts/{cart_id}/coupons/TENPCT", headers=h).status == 404


def test_each_coupon_refusal_reason(api):
    category = api.category()
    other = api.category()
    api.product(category["id"], skus=[sku_body("CR-1", price=5000)])
    past = {"starts_at": iso(NOW - timedelta(days=2)), "ends_at": iso(NOW - timedelta(days=1))}
    future = {"starts_at": iso(NOW + timedelta(days=1)), "ends_at": iso(NOW + timedelta(days=2))}
    api.post("/admin/coupons", {"code": "OLD", "amount_off": money(100), **past}, headers=ADMIN)
    api.post("/admin/coupons", {"code": "SOON", "amount_off": money(100), **future}, headers=ADMIN)
    coupon(api, "BIGSPEND", amount_off=money(100), min_spend=money(10000))
    coupon(api, "ELSEWHERE", amount_off=money(100), scope={"category_ids": [other["id"]]})
    coupon(api, "USEDUP", amount_off=money(100), usage_limit=1)
    set_coupon_used("USEDUP", 1)
    cart_id, h = cart_with(api, [("CR-1", 1)])
    for code, reason in (
        ("NOSUCH", "not_found"),
        ("OLD", "expired"),
        ("SOON", "not_started"),
        ("BIGSPEND", "min_spend_not_met"),
        ("ELSEWHERE", "not_applicable"),
        ("USEDUP", "usage_exhausted"),
    ):
        r = api.post(f"/carts/{cart_id}/coupons", {"code": code}, headers=h)
        assert (r.status, r.code, r.body.get("reason")) == (422, "coupon_invalid", reason), code
    assert priced(api, cart_id, h)["coupon"] is None


def test_a_coupon_that_stops_applying_is_shown_with_its_reason(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("CW-1", price=6000, stock=10)])
    coupon(api, "MIN100", amount_off=money(1000), min_spend=money(10000))
    cart_id, h = cart_with(api, [("CW-1", 2)])
    assert api.post(f"/carts/{cart_id}/coupons", {"code": "MIN100"}, headers=h).status == 200
    api.patch(f"/carts/{cart_id}/items/CW-1", {"quantity": 1}, headers=h)
    body = priced(api, cart_id, h)
    assert body["coupon"] == {"code": "MIN100", "applied": False, "reason": "min_spend_not_met"}
    assert body["total"] == money(6000 + body["shipping"]["amount"])
    assert "coupon_not_applied" in {w["code"] for w in body["warnings"]}


def test_coupon_codes_are_unique_and_validated(api):
    coupon(api, "ONCE", amount_off=money(100))
    r = api.post(
        "/admin/coupons", {"code": "once", "starts_at": STARTED, "ends_at": ENDS, "amount_off": money(1)}, headers=ADMIN
    )
    assert r.status == 409 and r.code == "coupon_code_taken"
    r = api.post(
        "/admin/coupons",
        {"code": "BOTH", "starts_at": STARTED, "ends_at": ENDS, "amount_off": money(1), "percent_off": 5},
        headers=ADMIN,
    )
    assert r.status == 400 and r.body["errors"][0]["code"] == "one_of"


def test_shipping_template_by_region_weight_and_free_over(api):
    r = api.post(
        "/admin/shipping-templates",
        {
            "name": "Standard",
            "is_default": True,
            "first_weight_grams": 1000,
            "first_fee": money(1000),
            "additional_weight_grams": 500,
            "additional_fee": money(500),
            "free_over": money(29900),
            "regions": [{"provinces": ["Xinjiang", "Tibet"], "first_fee": money(2500), "additional_fee": money(1500)}],
            "no_free_shipping_provinces": ["Xinjiang", "Tibet"],
        },
        headers=ADMIN,
    )
    assert r.status == 201, r.body
    category = api.category()
    api.product(category["id"], skus=[sku_body("SH-1", price=10000, weight_grams=600, stock=50)])
    cart_id, h = cart_with(api, [("SH-1", 2)])  # 1200 g: first 1000 g + one 500 g step
    body = priced(api, cart_id, h)
    assert body["shipping"] == money(1500) and body["shipping_details"]["estimated"] is True
    assert "shipping_estimated" in {w["code"] for w in body["warnings"]}

    def ship_to(province):
        address = {"name": "A", "phone": "13800000000", "province": province, "city": "C", "line1": "L"}
        return api.request("PUT", f"/carts/{cart_id}/shipping-address", address, headers=h).body

    assert ship_to("Xinjiang")["shipping"] == money(2500 + 1500)
    api.patch(f"/carts/{cart_id}/items/SH-1", {"quantity": 3}, headers=h)  # 30000 >= free_over, 1800 g
    assert priced(api, cart_id, h)["shipping"] == money(2500 + 2 * 1500)  # no free shipping to Xinjiang
    body = ship_to("Zhejiang")
    assert body["shipping"] == money(0) and body["shipping_details"]["free_reason"] == "free_over"
    listed = api.get("/admin/shipping-templates", headers=ADMIN).body["items"]
    assert [t["is_default"] for t in listed if t["name"] == "Standard"] == [True]


def set_coupon_used(code: str, used: int) -> None:
    """Arrange prior redemptions (checkout, which counts them, lands with #4)."""
    import boto3

    from chalicelib.bootstrap import get_container

    settings = get_container().settings
    client = boto3.client("dynamodb", endpoint_url=settings.dynamodb_endpoint, region_name=settings.region)
    client.update_item(
        TableName=settings.table_name,
        Key={"PK": {"S": f"COUPON#{code}"}, "SK": {"S": "COUPON"}},
        UpdateExpression="SET used = :u",
        ExpressionAttributeValues={":u": {"N": str(used)}},
    )


def test_promotion_type_cannot_change_and_server_fields_are_read_only(api):
    promo = promotion(api, type="percent_off", percent=10)
    r = api.patch(f"/admin/promotions/{promo['id']}", {"type": "nth_item_discount"}, headers=ADMIN)
    assert r.status == 400 and r.body["errors"][0]["code"] == "immutable"
    r = api.patch(f"/admin/promotions/{promo['id']}", {"sold": 5}, headers=ADMIN)
    assert r.status == 400 and r.code == "read_only_field"


def test_renaming_a_flash_sale_does_not_recheck_its_price(api):
    category = api.category()
    product = api.product(category["id"], skus=[sku_body("FLR-1", price=10000)])
    promo = promotion(api, type="flash_sale", sku="FLR-1", price=money(5900), quantity=10)
    api.patch(f"/admin/products/{product['id']}", {"skus": [{"code": "FLR-1", "price": money(5000)}]}, headers=ADMIN)
    r = api.patch(f"/admin/promotions/{promo['id']}", {"name": "Renamed"}, headers=ADMIN)
    assert r.status == 200 and r.body["name"] == "Renamed"
    r = api.patch(f"/admin/promotions/{promo['id']}", {"price": money(5500)}, headers=ADMIN)
    assert r.status == 400 and r.body["errors"][0]["code"] == "not_a_discount"
