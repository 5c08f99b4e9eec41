"""Staff refunds over HTTP (POST/GET /admin/orders/{order_id}/refunds) on moto:
recorded before Stripe is called and named by the Idempotency-Key, bounded by
what is left of the payment, shown on the order; Stripe down leaves a failed
refund that retry_refunds takes with the same key."""

from __future__ import annotations

import itertools

from tests.support import ADMIN, money, sku_body

from .test_orders_api import order_of, pay, placed, run_job, shop, shopper

_keys = itertools.count(1)


def paid_order(api, gateway, sku, quantity=2, price=5000):
    shop(api, sku_body(sku, price=price))
    _, h = shopper(api)
    order, payment = placed(api, h, (sku, quantity))
    pay(api, gateway, payment)
    return order, payment, h


def refund(api, order_id, body, key=None, headers=ADMIN):
    return api.post(
        f"/admin/orders/{order_id}/refunds",
        body,
        headers={**headers, "Idempotency-Key": key or f"refund-{next(_keys)}"},
    )


def test_a_staff_refund_of_units_is_recorded_paid_and_shown_on_the_order(api, gateway):
    order, payment, h = paid_order(api, gateway, "SR-1")

    r = refund(api, order["id"], {"lines": [{"sku": "SR-1", "quantity": 1}], "reason": "scratched"}, key="k-sr-1")

    assert r.status == 201, r.body
    assert r.body["id"].startswith("rf_") and r.body["order_id"] == order["id"]
    assert (r.body["status"], r.body["amount"], r.body["reason"]) == ("succeeded", money(5000), "scratched")
    assert r.body["lines"] == [{"sku": "SR-1", "quantity": 1, "amount": money(5000)}]
    assert r.body["shipping"] == money(0)
    assert gateway.refunds == [(payment["payment_intent_id"], 5000, f"{order['id']}:refund:staff:k-sr-1")]
    again = refund(api, order["id"], {"lines": [{"sku": "SR-1", "quantity": 1}], "reason": "scratched"}, key="k-sr-1")
    assert (again.status, again.body["id"]) == (201, r.body["id"]) and len(gateway.refunds) == 1
    staff_view = order_of(api, order["id"])
    assert (staff_view["payment_status"], staff_view["amount_refunded"]) == ("partially_refunded", money(5000))
    assert staff_view["refunds"] == [{k: r.body[k] for k in ("id", "amount", "status", "lines", "created_at")}]
    mine = api.get(f"/orders/{order['id']}", headers=h).body
    assert mine["refunds"] == staff_view["refunds"] and mine["dispute"] is None
    listed = api.get(f"/admin/orders/{order['id']}/refunds", headers=ADMIN)
    assert listed.status == 200 and listed.body["items"] == [r.body]


def test_a_refund_is_never_above_what_is_left_and_names_what_is_wrong(api, gateway):
    order, _, _ = paid_order(api, gateway, "SR-2")
    assert refund(api, order["id"], {"amount": 6000, "reason": "goodwill"}).status == 201

    over = refund(api, order["id"], {"amount": 4001, "reason": "goodwill"})
    assert (over.status, over.code) == (422, "refund_exceeds_paid")
    unknown = refund(api, order["id"], {"lines": [{"sku": "NOPE", "quantity": 1}], "reason": "x"})
    assert (unknown.status, unknown.code) == (422, "unknown_order_line")
    too_many = refund(api, order["id"], {"lines": [{"sku": "SR-2", "quantity": 3}], "reason": "x"})
    assert (too_many.status, too_many.code) == (422, "quantity_exceeds_returnable")
    nothing = refund(api, order["id"], {"reason": "x"})
    assert (nothing.status, nothing.code) == (422, "nothing_to_refund")
    no_key = api.post(f"/admin/orders/{order['id']}/refunds", {"amount": 1, "reason": "x"}, headers=ADMIN)
    assert (no_key.status, no_key.code) == (400, "idempotency_key_required")
    assert order_of(api, order["id"])["amount_refunded"] == money(6000)


def test_an_unpaid_order_has_nothing_to_refund(api, gateway):
    shop(api, sku_body("SR-3", price=5000))
    _, h = shopper(api)
    order, _ = placed(api, h, ("SR-3", 1))

    r = refund(api, order["id"], {"amount": 100, "reason": "x"})

    assert (r.status, r.code) == (422, "order_not_paid")
    assert refund(api, "ord_nope", {"amount": 100, "reason": "x"}).status == 404


def test_stripe_down_answers_201_failed_and_retry_refunds_pays_it_once_with_the_same_key(api, gateway):
    order, payment, _ = paid_order(api, gateway, "SR-4")
    gateway.down = True

    r = refund(api, order["id"], {"amount": 2500, "reason": "late delivery"}, key="k-sr-4")

    assert (r.status, r.body["status"]) == (201, "failed")
    assert order_of(api, order["id"])["amount_refunded"] == money(0)
    gateway.down = False
    summary = run_job(api, "retry_refunds")
    assert summary == {"examined": 1, "refunded": 1, "failed": 0, "refused": 0}
    assert gateway.refunds == [(payment["payment_intent_id"], 2500, f"{order['id']}:refund:staff:k-sr-4")]
    body = order_of(api, order["id"])
    assert body["amount_refunded"] == money(2500) and body["refunds"][0]["status"] == "succeeded"


def test_only_admin_finance_and_customer_service_refund(api, gateway):
    order, _, _ = paid_order(api, gateway, "SR-5")
    body = {"amount": 100, "reason": "x"}
    assert refund(api, order["id"], body, headers=api.staff_key("warehouse")).status == 403
    assert refund(api, order["id"], body, headers=api.staff_key("operations")).status == 403
    assert refund(api, order["id"], body, headers={}).status == 401
    assert refund(api, order["id"], body, headers=api.staff_key("finance")).status == 201
    assert refund(api, order["id"], body, headers=api.staff_key("customer_service")).status == 201
    assert len(order_of(api, order["id"])["refunds"]) == 2
