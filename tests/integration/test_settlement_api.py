"""Daily settlement, T+7 (on the default basis, from the payment; these orders are
paid and completed at once, so either basis gives the same day): a statement for a day with completed, partly refunded,
cancelled-and-refunded and unpaid orders adds up to the cent; each order is
settled once however often (or concurrently) the job runs; a refund after
settlement is an adjustment in the next statement; Stripe's fee when it is
known, the configured rate otherwise; captured-amount mismatches are listed."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.payments import event, paid_order, signed
from tests.support import ADMIN, iso, sku_body


def completed(api, gateway, sku, quantity=1):
    """A paid order that was shipped, delivered and confirmed by its customer."""
    from chalicelib.bootstrap import get_container

    orders = get_container().fulfillment
    order_id, me, succeeded = paid_order(api, gateway, {sku: quantity})
    orders.start_fulfillment(order_id)
    tracking = f"SF{order_id[-10:]}"
    orders.ship(order_id, "sf", tracking, None, "staff:test")
    orders.apply_tracking(
        {
            "event_id": f"{tracking}-d",
            "carrier": "sf",
            "tracking_number": tracking,
            "status": "delivered",
            "at": datetime.now(UTC),
        }
    )
    assert api.post(f"/orders/{order_id}/confirm-receipt", headers=me).body["status"] == "completed"
    return order_id, succeeded["data"]["object"]["id"]


def refund_reported(api, intent_id, amount_refunded):
    payload, headers = signed(
        event("charge.refunded", {"id": "ch_x", "payment_intent": intent_id, "amount_refunded": amount_refunded})
    )
    return api.request("POST", "/webhooks/stripe", raw=payload, headers=headers).body["outcome"]


def settle(api, days_ahead):
    as_of = iso(datetime.now(UTC) + timedelta(days=days_ahead))
    r = api.post("/admin/jobs/settle/runs", {"as_of": as_of}, headers=ADMIN)
    assert r.status == 200, r.body
    return r.body["summary"]


def day_of(days_ahead):
    """The statement a run `days_ahead` from now produces: the business day before the run's."""
    return (
        (datetime.now(UTC) + timedelta(days=days_ahead)).astimezone(ZoneInfo("Asia/Shanghai")).date()
        - timedelta(days=1)
    ).isoformat()


def amounts(statement):
    return {k: statement[k]["amount"] for k in ("gross", "discounts", "shipping", "refunds", "fees", "net")}


def test_a_statement_adds_up_and_reruns_change_nothing(api, gateway):
    category = api.category()
    api.product(category["id"], skus=[sku_body("ST-1", price=10000, stock=50), sku_body("ST-2", price=25000, stock=50)])
    a, a_intent = completed(api, gateway, "ST-1")  # Stripe's fee known: 320; Stripe captured a different amount
    gateway.fees[a_intent] = 320
    gateway.captured[a_intent] = 9900
    b, b_intent = completed(api, gateway, "ST-2", quantity=2)  # partly refunded after completion; fee unknown
    assert refund_reported(api, b_intent, 5000) == "refunded"
    c, me_c, c_event = paid_order(api, gateway, {"ST-1": 3})  # cancelled after payment: fully refunded
    assert api.post(f"/orders/{c}/cancel", headers=me_c).body["status"] == "cancelled"
    c_intent = c_event["data"]["object"]["id"]
    gateway.fees[c_intent] = 450
    _, token = api.customer()  # an order never paid, cancelled: nothing to settle
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=me).body["id"]
    api.post(f"/carts/{cart}/items", {"sku": "ST-1", "quantity": 1}, headers=me)
    unpaid = api.post(
        "/checkout",
        {
            "cart_id": cart,
            "shipping_address": {
                "name": "M",
                "phone": "13800000000",
                "province": "Zhejiang",
                "city": "H",
                "line1": "1",
            },
        },
        headers={**me, "Idempotency-Key": cart},
    ).body["order"]["id"]
    api.post(f"/orders/{unpaid}/cancel", headers=me)

    early = settle(api, 5)  # A and B were paid (and completed) under 7 days ago; C is closed
    assert (early["settled"], early["lines"]) == (1, 1)
    summary = settle(api, 9)
    assert summary["settled"] == 2 and summary["business_date"] == day_of(9)

    statement = api.get(f"/admin/settlements/{day_of(9)}", headers=ADMIN).body
    lines = {line["order_id"]: line for line in statement["lines"]}
    assert set(lines) == {a, b}
    assert amounts(lines[a]) == {"gross": 10000, "discounts": 0, "shipping": 0, "refunds": 0, "fees": 320, "net": 9680}
    assert lines[a]["fee_source"] == "stripe" and lines[a]["mismatch"] == {"ours": 10000, "stripe": 9900}
    assert amounts(lines[b]) == {
        "gross": 50000,
        "discounts": 0,
        "shipping": 0,
        "refunds": 5000,
        "fees": 300,
        "net": 44700,
    }
    assert lines[b]["fee_source"] == "estimated"  # 0.6 % of 50000
    assert amounts(statement) == {
        "gross": 60000,
        "discounts": 0,
        "shipping": 0,
        "refunds": 5000,
        "fees": 620,
        "net": 54380,
    }
    assert statement["orders"] == 2 and statement["exceptions"] == [{"order_id": a, "ours": 10000, "stripe": 9900}]
    first = api.get(f"/admin/settlements/{day_of(5)}", headers=ADMIN).body
    assert [(line["order_id"], line["refunds"]["amount"], line["net"]["amount"]) for line in first["lines"]] == [
        (c, 30000, -450)
    ]

    # A rerun: the same single statement (overlapping runs: tests/system/test_back_office_http.py).
    assert settle(api, 9)["settled"] == 0
    again = api.get(f"/admin/settlements/{day_of(9)}", headers=ADMIN).body
    assert again == statement  # not rewritten: the same lines, totals and generated_at

    # A refund after settlement is carried into the next statement, the old one untouched.
    assert refund_reported(api, a_intent, 2500) == "refunded"
    later = settle(api, 10)
    assert (later["adjustments"], later["lines"]) == (1, 1)
    adjustment = api.get(f"/admin/settlements/{day_of(10)}", headers=ADMIN).body
    assert [(x["order_id"], x["kind"], x["refunds"]["amount"], x["net"]["amount"]) for x in adjustment["lines"]] == [
        (a, "adjustment", 2500, -2500)
    ]
    assert amounts(api.get(f"/admin/settlements/{day_of(9)}", headers=ADMIN).body) == amounts(statement)


def test_finance_reads_lists_and_csv_and_others_cannot(api, gateway):
    category = api.category()
    api.product(category["id"], skus=[sku_body("ST-4", price=12345, stock=50)])
    order_id, _ = completed(api, gateway, "ST-4")
    settle(api, 9)
    finance = api.staff_key("finance")
    assert api.get(f"/admin/settlements/{day_of(9)}", headers=api.staff_key("warehouse")).status == 403
    listed = api.get(f"/admin/settlements?from={day_of(0)}&to={day_of(30)}", headers=finance).body["items"]
    assert [s["business_date"] for s in listed] == [day_of(9)]
    assert api.get("/admin/settlements?from=2026-13-01", headers=finance).status == 400
    assert api.get("/admin/settlements/2020-01-01", headers=finance).status == 404
    r = api.get(f"/admin/settlements/{day_of(9)}/csv", headers=finance)
    assert r.status == 200 and r.header("Content-Type").startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.body.decode())))
    assert rows[0][:3] == ["business_date", "order_id", "kind"]
    assert rows[1][1] == order_id and rows[1][4] == "123.45" and rows[1][8] == "0.74"  # fee 0.6 % of 123.45
    assert rows[-1][1] == "TOTAL" and rows[-1][4] == "123.45" and rows[-1][9] == "122.71"


def test_the_fee_recorded_with_the_payment_settles_the_order_without_asking_stripe(api, gateway):
    """ADR 0029: the webhook records Stripe's fee with the payment (on the order's item);
    the night's run reads it there, so Stripe being unreachable then changes nothing."""
    from tests.payments import ADDRESS

    category = api.category()
    api.product(category["id"], skus=[sku_body("ST-5", price=20000, stock=5)])
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=me).body["id"]
    api.post(f"/carts/{cart}/items", {"sku": "ST-5", "quantity": 1}, headers=me)
    placed = api.post(
        "/checkout", {"cart_id": cart, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": cart}
    ).body
    intent = placed["payment"]["payment_intent_id"]
    gateway.fees[intent] = 610  # the charge's balance transaction exists once it succeeded
    payload, headers = signed(gateway.succeed(intent))
    assert api.request("POST", "/webhooks/stripe", raw=payload, headers=headers).body["outcome"] == "paid"

    gateway.down = True
    try:
        assert settle(api, 9)["settled"] == 1
    finally:
        gateway.down = False
    (line,) = api.get(f"/admin/settlements/{day_of(9)}", headers=ADMIN).body["lines"]
    assert (line["order_id"], line["fees"]["amount"], line["fee_source"]) == (placed["order"]["id"], 610, "stripe")
    assert line["mismatch"] is None
