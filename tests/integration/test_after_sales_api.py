"""After-sale requests through the real app (moto): a customer opens one on a
delivered order with an Idempotency-Key, staff answer, the warehouse receives
and inspects, the real refund service refunds it (a refund record on the order,
its source the request), the stock comes back; the rules' 422 codes, 404 for
another customer's, roles and the deadlines job. Concurrent calls run against
DynamoDB Local (tests/system/test_after_sales_system.py): moto's in-memory engine is
not safe under concurrent transactions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.payments import signed
from tests.support import ADMIN, iso, sku_body

from .test_fulfillment_api import ADDRESS, drain, runner, tracking  # noqa: F401 - the runner fixture

__all__ = ["runner"]


def delivered_order(api, gateway, runner, lines, number="SF7001", returnable=True):  # noqa: F811
    category = api.category()
    skus = [sku_body(code, price=9900, stock=10) for code in ("AS-1", "AS-2")]
    api.product(category["id"], skus=skus, returnable_without_reason=returnable)
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=me).body["id"]
    for sku, quantity in lines.items():
        api.post(f"/carts/{cart}/items", {"sku": sku, "quantity": quantity}, headers=me)
    placed = api.post(
        "/checkout", {"cart_id": cart, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": cart}
    ).body
    payload, headers = signed(gateway.succeed(placed["payment"]["payment_intent_id"]))
    api.request("POST", "/webhooks/stripe", raw=payload, headers=headers)
    order_id = placed["order"]["id"]
    drain(runner)
    shipped = api.post(
        f"/admin/orders/{order_id}/shipments", {"carrier": "sf", "tracking_number": number}, headers=ADMIN
    )
    assert shipped.status == 201
    assert tracking(api, number, "delivered", f"ev-{number}").status == 200
    return order_id, me


def ask(api, order_id, me, key, **body):
    body = {"type": "return_refund", "reason": "damaged", "lines": [{"sku": "AS-1", "quantity": 1}], **body}
    return api.post(f"/orders/{order_id}/after-sales", body, headers={**me, "Idempotency-Key": key})


def test_a_return_is_answered_received_inspected_refunded_and_restocked(api, gateway, runner):  # noqa: F811
    order_id, me = delivered_order(api, gateway, runner, {"AS-1": 2})
    no_key = api.post(
        f"/orders/{order_id}/after-sales",
        {"type": "return_refund", "reason": "damaged", "lines": [{"sku": "AS-1", "quantity": 1}]},
        headers=me,
    )
    assert no_key.code == "idempotency_key_required"
    created = ask(api, order_id, me, "k1", description="torn", images=["https://img.example/1.jpg"])
    assert created.status == 201, created.body
    request = created.body
    assert request["id"].startswith("as_") and request["status"] == "requested"
    assert request["refund_amount"] == {"amount": 9900, "currency": "CNY"} and "respond_by" in request["due"]
    replay = ask(api, order_id, me, "k1", description="torn", images=["https://img.example/1.jpg"])
    assert replay.status == 201 and replay.body["id"] == request["id"]
    assert replay.header("Idempotent-Replayed") == "true"
    assert [r["id"] for r in api.get(f"/orders/{order_id}/after-sales", headers=me).body["items"]] == [request["id"]]

    _, other = api.customer()
    stranger = {"Authorization": f"Bearer {other}"}
    assert api.get(f"/after-sales/{request['id']}", headers=stranger).status == 404
    assert ask(api, order_id, stranger, "k9").status == 404
    assert api.get(f"/orders/{order_id}/after-sales", headers=stranger).status == 404

    service, warehouse, finance = (api.staff_key(r) for r in ("customer_service", "warehouse", "finance"))
    base = f"/admin/after-sales/{request['id']}"
    assert api.post(f"{base}/approve", {}, headers=warehouse).status == 403
    assert api.get(base, headers=finance).status == 200
    approved = api.post(f"{base}/approve", {"return_address": ADDRESS}, headers=service)
    assert approved.status == 200 and approved.body["status"] == "approved"
    assert approved.body["return_address"]["city"] == "Hangzhou"
    assert api.post(f"{base}/approve", {}, headers=service).code == "invalid_transition"
    shipped = api.post(
        f"/after-sales/{request['id']}/return-shipment", {"carrier": "sf", "tracking_number": "RT1001"}, headers=me
    )
    assert shipped.body["status"] == "return_in_transit"
    assert api.post(f"/after-sales/{request['id']}/cancel", {}, headers=me).code == "invalid_transition"
    assert api.post(f"{base}/receive", {}, headers=warehouse).body["status"] == "received"
    assert api.post(f"{base}/inspect", {"result": "pass"}, headers=service).status == 403
    before = api.get("/admin/inventory/AS-1", headers=ADMIN).body["on_hand"]
    done = api.post(f"{base}/inspect", {"result": "pass", "note": "as described"}, headers=warehouse)
    assert done.status == 200 and done.body["status"] == "refunded", done.body
    assert api.get("/admin/inventory/AS-1", headers=ADMIN).body["on_hand"] == before + 1
    order = api.get(f"/admin/orders/{order_id}", headers=ADMIN).body
    assert order["amount_refunded"]["amount"] == 9900, (order["refunds"], order["timeline"][-4:]) and order[
        "payment_status"
    ] == "partially_refunded"
    assert [amount for _, amount, _ in gateway.refunds] == [9900]
    listed = api.get("/admin/after-sales?status=refunded&type=return_refund", headers=finance).body["items"]
    assert [r["id"] for r in listed] == [request["id"]]
    assert api.get("/admin/after-sales?status=refunded&type=exchange", headers=finance).body["items"] == []


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"lines": [{"sku": "AS-1", "quantity": 3}]}, "quantity_exceeds_returnable"),
        ({"lines": [{"sku": "NOPE-1", "quantity": 1}]}, "unknown_order_line"),
        ({"type": "refund_only", "reason": "no_reason"}, "order_not_eligible"),
        ({"reason": "no_reason"}, "not_returnable"),
    ],
)
def test_the_rules_answer_422_with_their_code(api, gateway, runner, body, code):  # noqa: F811
    order_id, me = delivered_order(api, gateway, runner, {"AS-1": 2}, returnable=False)
    answer = ask(api, order_id, me, "k", **body)
    assert (answer.status, answer.code) == (422, code), answer.body


def test_bounds_are_enforced(api, gateway, runner):  # noqa: F811
    order_id, me = delivered_order(api, gateway, runner, {"AS-1": 1})
    for body in (
        {"description": "x" * 2001},
        {"images": ["http://img.example/1.jpg"]},
        {"images": ["https://img.example/1.jpg"] * 10},
        {"lines": []},
        {"lines": [{"sku": "AS-1", "quantity": 1000}]},
    ):
        assert ask(api, order_id, me, "b", **body).status == 400


def test_one_open_request_per_line_and_the_order_waits_for_it(api, gateway, runner):  # noqa: F811
    order_id, me = delivered_order(api, gateway, runner, {"AS-1": 2})
    first = ask(api, order_id, me, "a").body
    assert ask(api, order_id, me, "b").code == "after_sale_open"
    assert api.post(f"/orders/{order_id}/confirm-receipt", {}, headers=me).code == "invalid_transition"
    later = iso(datetime.now(UTC) + timedelta(days=8))
    run = api.post("/admin/jobs/auto_complete_orders/runs", {"as_of": later}, headers=ADMIN).body["summary"]
    assert run["waiting"] == 1 and run["completed"] == 0
    assert api.post(f"/after-sales/{first['id']}/cancel", {}, headers=me).body["status"] == "cancelled"
    assert api.post(f"/orders/{order_id}/confirm-receipt", {}, headers=me).body["status"] == "completed"


def test_the_deadlines_job_approves_closes_and_records_one_exception(api, gateway, runner):  # noqa: F811
    order_id, me = delivered_order(api, gateway, runner, {"AS-1": 1})
    request = ask(api, order_id, me, "a").body
    as_of = iso(datetime.now(UTC) + timedelta(hours=49))
    summary = api.post("/admin/jobs/after_sale_deadlines/runs", {"as_of": as_of}, headers=ADMIN).body["summary"]
    assert (summary["approved"], summary["recorded"]) == (1, 1)
    again = api.post("/admin/jobs/after_sale_deadlines/runs", {"as_of": as_of}, headers=ADMIN).body["summary"]
    assert again["examined"] == 0
    kinds = [e["kind"] for e in api.get("/admin/exceptions?status=open", headers=ADMIN).body["items"]]
    assert kinds == ["after_sale_not_answered"]
    as_of = iso(datetime.now(UTC) + timedelta(days=9))
    summary = api.post("/admin/jobs/after_sale_deadlines/runs", {"as_of": as_of}, headers=ADMIN).body["summary"]
    assert summary["closed"] == 1
    assert api.get(f"/after-sales/{request['id']}", headers=me).body["status"] == "closed"


def test_refund_only_before_shipment_is_refunded_at_once(api, gateway, runner):  # noqa: F811
    category = api.category()
    api.product(category["id"], skus=[sku_body("AS-1", price=9900, stock=10)])
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=me).body["id"]
    api.post(f"/carts/{cart}/items", {"sku": "AS-1", "quantity": 3}, headers=me)
    placed = api.post(
        "/checkout", {"cart_id": cart, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": cart}
    ).body
    payload, headers = signed(gateway.succeed(placed["payment"]["payment_intent_id"]))
    api.request("POST", "/webhooks/stripe", raw=payload, headers=headers)
    order_id = placed["order"]["id"]
    answer = ask(api, order_id, me, "r", type="refund_only", reason="no_reason")
    assert answer.status == 201 and answer.body["status"] == "refunded", answer.body
    level = api.get("/admin/inventory/AS-1", headers=ADMIN).body
    assert (level["reserved"], level["available"]) == (2, 8)
    drain(runner)
    shipped = api.post(
        f"/admin/orders/{order_id}/shipments", {"carrier": "sf", "tracking_number": "SF7100"}, headers=ADMIN
    )
    assert shipped.body["status"] == "shipped" and shipped.body["shipments"][0]["lines"] == [
        {"sku": "AS-1", "quantity": 2}
    ]


def test_staff_flag_a_product_not_returnable_without_reason(api, gateway, runner):  # noqa: F811
    order_id, me = delivered_order(api, gateway, runner, {"AS-1": 1})
    product_id = api.get(f"/admin/orders/{order_id}", headers=ADMIN).body["lines"][0]["product_id"]
    patched = api.patch(f"/admin/products/{product_id}", {"returnable_without_reason": False}, headers=ADMIN)
    assert patched.status == 200 and patched.body["returnable_without_reason"] is False
    assert ask(api, order_id, me, "n", reason="no_reason").code == "not_returnable"
    assert ask(api, order_id, me, "q", reason="quality").status == 201


def test_refund_only_of_every_unit_before_shipment_cancels_the_order(api, gateway, runner):  # noqa: F811
    category = api.category()
    api.product(category["id"], skus=[sku_body("AS-1", price=9900, stock=10)])
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=me).body["id"]
    api.post(f"/carts/{cart}/items", {"sku": "AS-1", "quantity": 2}, headers=me)
    placed = api.post(
        "/checkout", {"cart_id": cart, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": cart}
    ).body
    payload, headers = signed(gateway.succeed(placed["payment"]["payment_intent_id"]))
    api.request("POST", "/webhooks/stripe", raw=payload, headers=headers)
    order_id = placed["order"]["id"]
    answer = ask(api, order_id, me, "all", type="refund_only", reason="other", lines=[{"sku": "AS-1", "quantity": 2}])
    assert answer.status == 201 and answer.body["status"] == "refunded", answer.body
    order = api.get(f"/orders/{order_id}", headers=me).body
    assert order["status"] == "cancelled" and order["amount_refunded"]["amount"] == order["total"]["amount"]
    level = api.get("/admin/inventory/AS-1", headers=ADMIN).body
    assert (level["on_hand"], level["reserved"], level["available"]) == (10, 0, 10)
    drain(runner)  # the fulfillment message finds nothing to take
    assert api.get(f"/orders/{order_id}", headers=me).body["status"] == "cancelled"
