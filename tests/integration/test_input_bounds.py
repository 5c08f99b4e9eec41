"""No input is a 500: every input the API reads is bounded at the edge and an
input out of bounds is a clear 4xx problem (or, for a correctly signed webhook
of a shape we cannot use, a 200 "ignored" so the provider stops retrying), and
nothing is written."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.signatures import sign_timestamped, stripe_signature
from tests.payments import WEBHOOK_SECRET, event, signed
from tests.support import ADMIN, iso, money, sku_body

LONG = "A" * 2048
NOW = datetime.now(UTC)
LOGISTICS_SECRET = "logistics-local-secret"


def problem(r, status: int, code: str) -> None:
    assert r.status == status, (r.status, r.body)
    assert r.header("Content-Type") == "application/problem+json", r.headers
    assert r.body["code"] == code, r.body


# --- 1. path parameters ------------------------------------------------------------------------
BAD_IDS = [LONG, "a" * 65, "ord_1%20x", "ord_1'", "ord_%C3%A9", "a%2Fb", "%00"]
GOOD = {"code": "SAVE10", "sku": "SKU-1", "name": "settle"}


def bounded_routes() -> list[tuple[str, str, str]]:
    """(method, path with one parameter left as {}, that parameter) for every route and parameter."""
    from app import app

    found = []
    for path, methods in app.routes.items():
        for method, entry in methods.items():
            for name in entry.view_args:
                if name == "day":  # a business date: parsed by the view (400 invalid_date)
                    continue
                concrete = path
                for other in entry.view_args:
                    if other != name:
                        concrete = concrete.replace(f"{{{other}}}", GOOD.get(other, "x_1"))
                found.append((method, concrete.replace(f"{{{name}}}", "{}"), name))
    return found


def test_a_path_parameter_that_cannot_exist_is_not_found_on_every_route(api):
    routes = bounded_routes()
    assert len(routes) >= 34
    for method, template, name in routes:
        for bad in BAD_IDS:
            r = api.request(method, template.format(bad), {}, headers=ADMIN)
            assert (r.status, r.body["code"]) == (404, "not_found"), (method, template, name, bad[:20], r.body)
            assert r.header("Content-Type") == "application/problem+json"
    # nothing was written: no cart, order, product or coupon came of it
    assert api.get("/admin/orders", headers=ADMIN).body["items"] == []
    assert api.get("/admin/products", headers=ADMIN).body["items"] == []


def test_every_path_parameter_of_every_route_has_a_bound():
    from app import app
    from chalicelib.api.http import PATH_PARAMETERS

    names = {name for methods in app.routes.values() for entry in methods.values() for name in entry.view_args}
    assert names == set(PATH_PARAMETERS)


def test_legitimate_ids_still_reach_the_view(api):
    category = api.category()
    product = api.product(category["id"], skus=[sku_body("BND.sku-1_a", stock=3)])
    assert api.get(f"/products/{product['id']}").status == 200
    assert api.get("/admin/inventory/BND.sku-1_a", headers=ADMIN).status == 200
    problem(api.get("/products/prod_doesnotexist"), 404, "not_found")
    r = api.get("/admin/settlements/2026-13-01", headers=ADMIN)  # a day keeps its own rule
    problem(r, 400, "validation_error")
    problem(api.get(f"/admin/settlements/{LONG}", headers=ADMIN), 400, "validation_error")


# --- 2. webhook timestamps ---------------------------------------------------------------------
@pytest.mark.parametrize("t", ["²", "¹²³", "١٧٦٠"])
def test_a_stripe_signature_timestamp_in_superscripts_is_an_invalid_signature(api, t):
    payload = json.dumps(event("payment_intent.succeeded", {"id": "pi_x"})).encode()
    good = stripe_signature(payload, WEBHOOK_SECRET, int(time.time()))
    header = f"t={t}," + good.split(",", 1)[1]
    problem(api.post("/webhooks/stripe", raw=payload, headers={"Stripe-Signature": header}), 400, "invalid_signature")


@pytest.mark.parametrize("t", ["¹", "²³", "١٧٦٠"])
def test_a_logistics_timestamp_in_superscripts_is_an_invalid_signature(api, t):
    body = json.dumps({"event_id": "e1"}).encode()
    headers = {"X-Logistics-Timestamp": t, "X-Logistics-Signature": sign_timestamped(body, LOGISTICS_SECRET, 1)}
    problem(api.post("/webhooks/logistics", raw=body, headers=headers), 400, "invalid_signature")


# --- 3. dates that overflow when moved to UTC -----------------------------------------------------
OUT_OF_RANGE_DATES = ["9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00", "1969-12-31T23:59:59Z"]
WINDOW = {"starts_at": iso(NOW - timedelta(hours=1)), "ends_at": iso(NOW + timedelta(days=1))}


def date_problem(r, field: str) -> None:
    problem(r, 400, "invalid_date")
    assert [(e["field"], e["code"]) for e in r.body["errors"]] == [(field, "invalid_date")], r.body


@pytest.mark.parametrize("bad", OUT_OF_RANGE_DATES)
def test_a_coupon_or_promotion_date_outside_1970_to_9999_is_invalid_date_and_nothing_is_stored(api, bad):
    for field in ("starts_at", "ends_at"):
        r = api.post("/admin/coupons", {"code": "BOUND1", "percent_off": 10, **WINDOW, field: bad}, headers=ADMIN)
        date_problem(r, field)
        body = {"name": "P", "type": "percent_off", "percent": 10, **WINDOW, field: bad}
        date_problem(api.post("/admin/promotions", body, headers=ADMIN), field)
    problem(api.get("/admin/coupons/BOUND1", headers=ADMIN), 404, "not_found")
    assert api.get("/admin/promotions", headers=ADMIN).body["items"] == []
    promo = api.post("/admin/promotions", {"name": "P", "type": "percent_off", "percent": 10, **WINDOW}, headers=ADMIN)
    assert promo.status == 201, promo.body
    date_problem(api.patch(f"/admin/promotions/{promo.body['id']}", {"ends_at": bad}, headers=ADMIN), "ends_at")
    after = api.get(f"/admin/promotions/{promo.body['id']}", headers=ADMIN).body
    assert after["ends_at"] == promo.body["ends_at"]


@pytest.mark.parametrize("bad", OUT_OF_RANGE_DATES[:2])
def test_product_schedules_and_job_as_of_outside_the_range_are_invalid_date(api, bad):
    category = api.category()
    product = api.product(category["id"], skus=[sku_body(stock=1)])
    date_problem(api.post(f"/admin/products/{product['id']}/list", {"at": bad}, headers=ADMIN), "at")
    date_problem(
        api.post(f"/admin/products/{product['id']}/delist", {"at": bad, "reason": "discontinued"}, headers=ADMIN), "at"
    )
    after = api.get(f"/admin/products/{product['id']}", headers=ADMIN).body
    assert (after["status"], after["list_at"], after["delist_at"]) == (
        product["status"],
        product["list_at"],
        product["delist_at"],
    )
    body = {"title": "T", "category_id": category["id"], "skus": [sku_body()], "list_at": bad}
    date_problem(api.post("/admin/products", body, headers=ADMIN), "list_at")
    assert len(api.get("/admin/products", headers=ADMIN).body["items"]) == 1
    date_problem(api.post("/admin/jobs/settle/runs", {"as_of": bad}, headers=ADMIN), "as_of")


@pytest.mark.parametrize("bad", OUT_OF_RANGE_DATES[:2])
def test_a_carrier_update_at_outside_the_range_is_invalid_date(api, bad):
    update = {"event_id": "e-1", "carrier": "sf", "tracking_number": "SF0001", "status": "in_transit", "at": bad}
    body = json.dumps(update).encode()
    now = int(time.time())
    headers = {
        "X-Logistics-Timestamp": str(now),
        "X-Logistics-Signature": sign_timestamped(body, LOGISTICS_SECRET, now),
    }
    date_problem(api.post("/webhooks/logistics", raw=body, headers=headers), "at")


@pytest.mark.parametrize("query", ["to=0001-01-05", "from=0001-01-01&to=0001-01-05", "to=1969-12-31"])
def test_a_settlement_date_before_1970_is_refused(api, query):
    r = api.get(f"/admin/settlements?{query}", headers=ADMIN)
    problem(r, 400, "validation_error")
    assert r.body["errors"][0]["code"] == "invalid_date"
    problem(api.get("/admin/settlements/0001-01-01", headers=ADMIN), 400, "validation_error")


def test_a_date_error_among_other_errors_is_a_validation_error(api):
    body = {"code": "bad code!", "percent_off": 10, **WINDOW, "ends_at": OUT_OF_RANGE_DATES[0]}
    r = api.post("/admin/coupons", body, headers=ADMIN)
    problem(r, 400, "validation_error")
    assert {(e["field"], e["code"]) for e in r.body["errors"]} == {
        ("code", "invalid_format"),
        ("ends_at", "invalid_date"),
    }


# --- 4. integers --------------------------------------------------------------------------------
HUGE = 10**40


@pytest.mark.parametrize(
    ("field", "value"),
    [("usage_limit", HUGE), ("usage_limit", 1_000_001), ("per_customer_limit", HUGE), ("percent_off", HUGE)],
)
def test_a_coupon_integer_beyond_its_maximum_is_out_of_range_and_nothing_is_stored(api, field, value):
    body = {"code": "BIG1", "percent_off": 10, **WINDOW, field: value}
    r = api.post("/admin/coupons", body, headers=ADMIN)
    problem(r, 400, "validation_error")
    assert [(e["field"], e["code"]) for e in r.body["errors"]] == [(field, "out_of_range")]
    problem(api.get("/admin/coupons/BIG1", headers=ADMIN), 404, "not_found")


@pytest.mark.parametrize(("field", "value"), [("n", HUGE), ("n", 101), ("percent", HUGE), ("weekday", HUGE)])
def test_a_promotion_integer_beyond_its_maximum_is_out_of_range(api, field, value):
    kind = {"n": "nth_item_discount", "weekday": "member_day"}.get(field, "percent_off")
    body = {"name": "P", "type": kind, "percent": 10, "n": 2, "weekday": 1, **WINDOW, field: value}
    body = {k: v for k, v in body.items() if k in ("name", "type", "starts_at", "ends_at", "percent", field)}
    r = api.post("/admin/promotions", body, headers=ADMIN)
    problem(r, 400, "validation_error")
    assert (field, "out_of_range") in {(e["field"], e["code"]) for e in r.body["errors"]}
    assert api.get("/admin/promotions", headers=ADMIN).body["items"] == []


def test_flash_sale_quantities_and_prices_beyond_their_maximum_are_out_of_range(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("FL-1", price=9900, stock=5)])
    flash = {"name": "F", "type": "flash_sale", **WINDOW, "sku": "FL-1", "price": money(5000), "quantity": 5}
    for field, value in [("quantity", HUGE), ("per_customer_limit", 10**6 + 1), ("price", money(HUGE))]:
        r = api.post("/admin/promotions", {**flash, field: value}, headers=ADMIN)
        problem(r, 400, "validation_error")
        assert r.body["errors"][0]["code"] == "out_of_range", r.body
    assert api.get("/admin/promotions", headers=ADMIN).body["items"] == []
    r = api.post("/admin/inventory/FL-1/adjustments", {"delta": HUGE, "reason": "count"}, headers=ADMIN)
    problem(r, 400, "validation_error")
    assert api.get("/admin/inventory/FL-1", headers=ADMIN).body["on_hand"] == 5


# --- 5. Stripe events of an unexpected shape ---------------------------------------------------
ADDRESS = {"name": "Mei", "phone": "+86 138 0000 0000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Rd"}


def webhook(api, evt):
    payload, headers = signed(evt) if not isinstance(evt, bytes) else (evt, None)
    if headers is None:
        headers = {"Stripe-Signature": stripe_signature(payload, WEBHOOK_SECRET, int(time.time()))}
    return api.post("/webhooks/stripe", raw=payload, headers=headers)


def pending_order(api, code: str):
    """A customer's order placed and not paid: (order, payment, the customer's headers)."""
    category = api.category()
    api.product(category["id"], skus=[sku_body(code, price=10000, stock=5)])
    _, token = api.customer()
    h = {"Authorization": f"Bearer {token}"}
    cart_id = api.post("/carts", headers=h).body["id"]
    assert api.post(f"/carts/{cart_id}/items", {"sku": code, "quantity": 1}, headers=h).status == 200
    key = {"Idempotency-Key": f"k-{code}"}
    r = api.post("/checkout", {"cart_id": cart_id, "shipping_address": ADDRESS}, headers={**h, **key})
    assert r.status == 201, r.body
    return r.body["order"], r.body["payment"], h


def order_state(api, order_id):
    body = api.get(f"/admin/orders/{order_id}", headers=ADMIN).body
    return {k: body[k] for k in ("status", "payment_status", "amount_paid", "amount_refunded", "timeline")}


@pytest.mark.parametrize(
    "raw", [b"[]", b'"evt_1"', b"{}", b'{"id": "evt_1"}', b'{"type": "charge.refunded"}', b'{"id": 7, "type": "x"}']
)
def test_a_signed_body_that_is_not_a_stripe_event_is_a_validation_error(api, raw):
    r = webhook(api, raw)
    problem(r, 400, "validation_error")
    assert r.body["errors"][0]["code"] == "invalid_event"


def test_a_signed_body_nested_too_deep_for_the_json_parser_is_a_validation_error(api):
    deep = b"[" * 100_000 + b"]" * 100_000
    problem(webhook(api, deep), 400, "validation_error")


def test_signed_events_of_an_unexpected_shape_are_ignored_once_and_change_nothing(api, gateway):
    order, payment, _ = pending_order(api, "SH-1")
    pi = gateway.intents[payment["payment_intent_id"]]
    before = order_state(api, order["id"])
    succeeded = {**pi, "status": "succeeded", "amount_received": pi["amount"]}
    shapes = [
        {"id": "evt_shape_1", "type": "payment_intent.succeeded", "data": [1]},
        {"id": "evt_shape_2", "type": "payment_intent.succeeded", "data": {"object": [1]}},
        event("payment_intent.succeeded", {**succeeded, "metadata": "order"}, "evt_shape_3"),
        event("payment_intent.succeeded", {**succeeded, "amount_received": str(pi["amount"])}, "evt_shape_4"),
        event("payment_intent.succeeded", {**succeeded, "amount_received": 10**40}, "evt_shape_5"),
        event("payment_intent.succeeded", {**succeeded, "metadata": {"order_id": ["x"]}}, "evt_shape_6"),
        event("payment_intent.payment_failed", {**pi, "last_payment_error": "declined"}, "evt_shape_7"),
        event("charge.refunded", {"id": "ch_1", "payment_intent": pi["id"], "amount_refunded": "9"}, "evt_shape_8"),
        event("charge.refunded", {"id": "ch_1", "payment_intent": 5, "amount_refunded": 9}, "evt_shape_9"),
        event("charge.dispute.created", {"id": "dp_1", "payment_intent": pi["id"], "reason": 1}, "evt_shape_10"),
        {"id": "evt_shape_11", "type": "payment_intent.succeeded"},
    ]
    for evt in shapes:
        r = webhook(api, evt)
        assert (r.status, r.body["outcome"]) == (200, "ignored"), (evt["id"], r.body)
        again = webhook(api, evt)
        assert (again.status, again.body["outcome"]) == (200, "duplicate"), (evt["id"], again.body)
    assert order_state(api, order["id"]) == before
    # the well-formed event still pays the order
    assert webhook(api, event("payment_intent.succeeded", succeeded)).body["outcome"] == "paid"


def test_a_refund_of_a_pending_order_is_recorded_only_with_a_whole_number_and_within_its_total(api, gateway):
    order, payment, _ = pending_order(api, "SH-2")
    before = order_state(api, order["id"])
    as_text = event(
        "charge.refunded", {"id": "ch_2", "payment_intent": payment["payment_intent_id"], "amount_refunded": "9"}
    )
    assert webhook(api, as_text).body["outcome"] == "ignored"
    assert order_state(api, order["id"]) == before
    huge = event(
        "charge.refunded",
        {"id": "ch_2", "payment_intent": payment["payment_intent_id"], "amount_refunded": 10**12},
    )
    assert webhook(api, huge).body["outcome"] == "refunded"
    assert order_state(api, order["id"])["amount_refunded"] == order["total"]


def test_a_membership_event_of_an_unexpected_shape_is_ignored(api):
    customer, _ = api.customer()
    meta = {"kind": "membership", "customer_id": customer["id"], "plan_id": "plan_1", "period": 1}
    evt = event("payment_intent.succeeded", {"id": "pi_m1", "amount": 100, "currency": "cny", "metadata": meta})
    r = webhook(api, evt)
    assert (r.status, r.body["outcome"]) == (200, "ignored"), r.body
    problem(api.get("/me/membership", headers={"Authorization": f"Bearer {api.customer()[1]}"}), 404, "not_found")


# --- 6. tokens and cursors only in the form they were issued ----------------------------------
@pytest.mark.parametrize("suffix", ["=", "==", "!!"])
def test_an_access_token_with_padding_or_junk_appended_is_invalid(api, suffix):
    _, token = api.customer()
    assert api.get("/me", headers={"Authorization": f"Bearer {token}"}).status == 200
    problem(api.get("/me", headers={"Authorization": f"Bearer {token}{suffix}"}), 401, "invalid_token")
    problem(api.post("/carts", headers={"Authorization": f"Bearer {token}{suffix}"}), 401, "invalid_token")
    r = api.get("/orders", headers={"Authorization": f"Bearer {token}"})
    assert r.status == 200 and r.body["items"] == []


@pytest.mark.parametrize("suffix", ["=", "!!"])
def test_a_cursor_with_padding_or_junk_is_invalid(api, suffix):
    category = api.category()
    for i in range(3):
        api.product(category["id"], skus=[sku_body(f"CUR-{i}-{suffix == '='}")])
    first = api.get("/admin/products?limit=1", headers=ADMIN)
    cursor = first.body["next_cursor"]
    assert cursor and api.get(f"/admin/products?limit=1&cursor={cursor}", headers=ADMIN).status == 200
    body, mac = cursor.split(".")
    for bad in (cursor + suffix, f"{body}{suffix}.{mac}"):
        r = api.request(
            "GET", "/admin/products?limit=1&cursor=" + bad.replace("=", "%3D").replace("!", "%21"), headers=ADMIN
        )
        problem(r, 400, "invalid_cursor")
