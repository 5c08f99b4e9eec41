"""Budgets and owners, first_n and the promotion report (ADR 0028) over the API on
moto: budgets on create, update and reads; a promotion whose budget cannot cover an
order's discount is left out, a coupon's is refused (budget_exhausted); a
cancellation gives the budget back; first_n prices the first N units; the report
is kept from order events by the promotion-reports worker. Answers are checked
against the OpenAPI document."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.integration.test_openapi_contract import Checked
from tests.integration.test_refunds_api import refund
from tests.payments import signed
from tests.support import ADMIN, drain_ok, event_runner, iso, money, sku_body

NOW = datetime.now(UTC)
WINDOW = {"starts_at": iso(NOW - timedelta(hours=1)), "ends_at": iso(NOW + timedelta(hours=2))}
ADDRESS = {"name": "Mei", "phone": "13800000000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 West Lake Rd"}
TEN_OFF = {"type": "spend_threshold", "tiers": [{"threshold": money(1000), "discount": money(1000)}]}


@pytest.fixture
def c(api) -> Checked:
    return Checked(api)


def promotion(c, **body):
    return c.call("POST", "/admin/promotions", json_body={"name": "Promo", **WINDOW, **body}, headers=ADMIN, expect=201)


def cart_for(api, sku, quantity=1, coupon=None):
    """A new customer's cart with ``quantity`` of ``sku`` (and ``coupon``): (cart id, headers)."""
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=me).body["id"]
    assert api.post(f"/carts/{cart}/items", {"sku": sku, "quantity": quantity}, headers=me).status == 200
    if coupon:
        applied = api.post(f"/carts/{cart}/coupons", {"code": coupon}, headers=me)
        assert applied.status == 200, applied.body
    return cart, me


def place(api, cart, me):
    body = {"cart_id": cart, "shipping_address": ADDRESS}
    return api.post("/checkout", body, headers={**me, "Idempotency-Key": cart})


def checkout(api, sku, quantity=1):
    """A new customer's checkout of ``quantity`` of ``sku``: (the response, headers)."""
    cart, me = cart_for(api, sku, quantity)
    return place(api, cart, me), me


def test_budget_and_owner_on_create_update_and_reads(api, c):
    p = promotion(c, **TEN_OFF, budget=money(5000), owner="ops@example.com").body
    assert (p["budget"], p["spent"], p["budget_left"], p["owner"]) == (
        money(5000),
        money(0),
        money(5000),
        "ops@example.com",
    )
    pid = {"promotion_id": p["id"]}
    changed = c.call(
        "PATCH",
        "/admin/promotions/{promotion_id}",
        params=pid,
        json_body={"budget": money(3000)},
        headers=ADMIN,
        expect=200,
    )
    assert (changed.body["budget"], changed.body["owner"]) == (money(3000), "ops@example.com")
    cleared = c.call(
        "PATCH",
        "/admin/promotions/{promotion_id}",
        params=pid,
        json_body={"budget": None, "owner": None},
        headers=ADMIN,
        expect=200,
    )
    assert (cleared.body["budget"], cleared.body["budget_left"], cleared.body["owner"]) == (None, None, None)
    bad = api.post("/admin/promotions", {"name": "x", **WINDOW, **TEN_OFF, "budget": money(0)}, headers=ADMIN)
    assert (bad.status, bad.body["errors"][0]["field"], bad.body["errors"][0]["code"]) == (
        400,
        "budget",
        "out_of_range",
    )
    coupon = {"code": "BUDGET5", **WINDOW, "amount_off": money(500), "budget": money(1000), "owner": "crm@example.com"}
    made = c.call("POST", "/admin/coupons", json_body=coupon, headers=ADMIN, expect=201).body
    assert (made["budget"], made["spent"], made["owner"]) == (money(1000), money(0), "crm@example.com")
    code = {"code": "budget5"}
    patched = c.call(
        "PATCH", "/admin/coupons/{code}", params=code, json_body={"budget": money(2000)}, headers=ADMIN, expect=200
    )
    assert (patched.body["budget"], patched.body["owner"]) == (money(2000), "crm@example.com")
    read = c.call("GET", "/admin/coupons/{code}", params=code, headers=ADMIN, expect=200).body
    assert read["budget"] == money(2000)
    c.call(
        "PATCH", "/admin/coupons/{code}", params={"code": "NOPE"}, json_body={"owner": "x"}, headers=ADMIN, expect=404
    )


def test_a_promotion_beyond_its_budget_is_left_out_and_a_cancellation_gives_it_back(api, c):
    api.product(api.category()["id"], skus=[sku_body("BG-1", price=5000, stock=10)])
    p = promotion(c, **TEN_OFF, budget=money(1500)).body
    first, me = checkout(api, "BG-1")
    assert first.status == 201 and first.body["order"]["discounts"][0]["amount"] == money(1000)
    # 500 left: not enough for 1,000 off (no partial discount); the order goes on without it.
    second, _ = checkout(api, "BG-1")
    assert second.status == 201 and second.body["order"]["discounts"] == []
    read = api.get(f"/admin/promotions/{p['id']}", headers=ADMIN).body
    assert (read["spent"], read["budget_left"]) == (money(1000), money(500))
    # The first order cancelled before payment: its 1,000 back in the budget.
    assert api.post(f"/orders/{first.body['order']['id']}/cancel", headers=me).status == 200
    assert api.get(f"/admin/promotions/{p['id']}", headers=ADMIN).body["spent"] == money(0)
    third, _ = checkout(api, "BG-1")
    assert third.body["order"]["discounts"][0]["amount"] == money(1000)


def test_a_coupon_beyond_its_budget_is_refused_with_budget_exhausted(api, c):
    api.product(api.category()["id"], skus=[sku_body("BG-2", price=5000, stock=10)])
    coupon = {"code": "TENOFF", **WINDOW, "amount_off": money(1000), "budget": money(1000)}
    c.call("POST", "/admin/coupons", json_body=coupon, headers=ADMIN, expect=201)
    # Both carts take the coupon while its budget covers it; the second checkout finds it spent.
    carts = [cart_for(api, "BG-2", coupon="TENOFF") for _ in range(2)]
    first = place(api, *carts[0])
    assert first.status == 201 and first.body["order"]["coupon_code"] == "TENOFF"
    second = place(api, *carts[1])
    assert (second.status, second.body["code"], second.body["reason"]) == (422, "coupon_invalid", "budget_exhausted")
    assert api.get("/admin/coupons/TENOFF", headers=ADMIN).body["spent"] == money(1000)
    third, me = cart_for(api, "BG-2")
    refused = api.post(f"/carts/{third}/coupons", {"code": "TENOFF"}, headers=me)
    assert (refused.status, refused.body["reason"]) == (422, "budget_exhausted")


def test_first_n_prices_the_first_n_units_in_its_scope_and_the_rest_at_the_normal_price(api, c):
    category = api.category()
    api.product(category["id"], skus=[sku_body("FN-A", price=5000, stock=10), sku_body("FN-B", price=3000, stock=10)])
    p = promotion(c, type="first_n", quantity=3, percent=50, scope={"category_ids": [category["id"]]}).body
    assert (p["quantity"], p["percent"], p["price"], p["sold"]) == (3, 50, None, 0)
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=me).body["id"]
    api.post(f"/carts/{cart}/items", {"sku": "FN-A", "quantity": 2}, headers=me)
    api.post(f"/carts/{cart}/items", {"sku": "FN-B", "quantity": 2}, headers=me)
    lines = {line["sku"]: line for line in api.get(f"/carts/{cart}", headers=me).body["lines"]}
    # SKU order: FN-A's 2 units at half price, then 1 of FN-B's 2.
    assert (lines["FN-A"]["unit_price"], lines["FN-A"]["price_source"]) == (money(2500), "first_n")
    assert lines["FN-B"]["line_total"] == money(1500 + 3000)
    assert lines["FN-B"]["adjustments"][0]["type"] == "first_n"
    placed = api.post(
        "/checkout", {"cart_id": cart, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": cart}
    )
    assert placed.status == 201, placed.body
    assert api.get(f"/admin/promotions/{p['id']}", headers=ADMIN).body["sold"] == 3
    again, _ = checkout(api, "FN-A")
    assert again.body["order"]["lines"][0]["unit_price"] == money(5000)
    both = api.post(
        "/admin/promotions",
        {"name": "x", **WINDOW, "type": "first_n", "quantity": 1, "percent": 5, "price": money(1)},
        headers=ADMIN,
    )
    assert (both.status, both.body["errors"][0]["code"]) == (400, "one_of")


def test_the_report_is_kept_from_order_events_once_each(api, c, gateway):
    runner = event_runner("commerce-promotion-reports")
    api.product(api.category()["id"], skus=[sku_body("RP-1", price=5000, stock=10)])
    p = promotion(c, **TEN_OFF, budget=money(10000), owner="ops@example.com").body
    placed, me = checkout(api, "RP-1", quantity=2)
    payload, headers = signed(gateway.succeed(placed.body["payment"]["payment_intent_id"]))
    assert api.request("POST", "/webhooks/stripe", raw=payload, headers=headers).body["outcome"] == "paid"
    order_id = placed.body["order"]["id"]
    r = refund(api, order_id, {"lines": [{"sku": "RP-1", "quantity": 1}], "reason": "scratched"})
    assert r.status == 201, r.body
    assert drain_ok(runner, "promotion_reports") == 2  # order.paid and order.refunded
    pid = {"promotion_id": p["id"]}
    report = c.call("GET", "/admin/promotions/{promotion_id}/report", params=pid, headers=ADMIN, expect=200).body
    assert (report["orders"], report["units"], report["gmv"], report["discount"]) == (1, 2, money(9000), money(1000))
    assert report["refunds"] == {"count": 1, "amount": r.body["amount"]}
    assert (report["budget"], report["spent"], report["budget_left"]) == (money(10000), money(1000), money(9000))
    assert report["owner"] == "ops@example.com" and report["as_of"] is not None
    # The same events again (a redelivery) change nothing.
    from chalicelib.bootstrap import get_container
    from chalicelib.bootstrap_budgets import promotion_reports
    from chalicelib.domain.orders import order_event

    order = get_container().orders.orders.get(order_id)
    assert promotion_reports(get_container()).apply(order_event("order.paid", order)) == "duplicate"
    assert promotion_reports(get_container()).apply(order_event("order.refunded", order)) == "duplicate"
    again = c.call("GET", "/admin/promotions/{promotion_id}/report", params=pid, headers=ADMIN, expect=200).body
    assert (again["orders"], again["refunds"]["count"]) == (1, 1)
    c.call(
        "GET",
        "/admin/promotions/{promotion_id}/report",
        params={"promotion_id": "promo_nope"},
        headers=ADMIN,
        expect=404,
    )
    warehouse = api.staff_key("warehouse")
    c.call("GET", "/admin/promotions/{promotion_id}/report", params=pid, headers=warehouse, expect=403)
