"""Fulfillment: a paid order reaches the fulfillment queue, the worker (real SQS
event shapes through the local runner) moves it to fulfilling, warehouse staff
ship it, signed carrier updates deliver it, and it completes."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import boto3
import pytest

from chalicelib.domain.signatures import sign_timestamped
from tests.payments import signed
from tests.support import ADMIN, envelope, iso, sku_body, use_risk

ADDRESS = {"name": "Mei", "phone": "13800000000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Rd"}
SECRET = "logistics-local-secret"


@pytest.fixture
def runner(api):
    from app import app
    from localdev.runner import EventRunner

    sqs = boto3.client("sqs")
    for queue in ("commerce-fulfillment",):  # messages come back at once in tests
        url = sqs.get_queue_url(QueueName=queue)["QueueUrl"]
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "0"})
    events = EventRunner(app, "us-east-1", sqs)
    return events


def drain(runner) -> list[tuple[int, int]]:
    source = next(q for q in runner.queues if q.name == "fulfillment")
    results = []
    while True:
        delivered, failed = runner.poll_once(source, wait_seconds=0)
        if delivered == 0:
            return results
        results.append((delivered, failed))
        if failed == delivered:
            return results


def paid_order(api, gateway, sku="FF-1", quantity=2):
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=me).body["id"]
    api.post(f"/carts/{cart}/items", {"sku": sku, "quantity": quantity}, headers=me)
    placed = api.post(
        "/checkout", {"cart_id": cart, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": cart}
    ).body
    payload, headers = signed(gateway.succeed(placed["payment"]["payment_intent_id"]))
    assert api.request("POST", "/webhooks/stripe", raw=payload, headers=headers).body["outcome"] == "paid"
    return placed["order"]["id"], me


def tracking(api, tracking_number, status, event_id, at=None, carrier="sf", secret=SECRET):
    body = json.dumps(
        {
            "event_id": event_id,
            "carrier": carrier,
            "tracking_number": tracking_number,
            "status": status,
            "at": iso(at or datetime.now(UTC)),
            "description": status.replace("_", " "),
        }
    ).encode()
    now = int(time.time())
    headers = {"X-Logistics-Timestamp": str(now), "X-Logistics-Signature": sign_timestamped(body, secret, now)}
    return api.request("POST", "/webhooks/logistics", raw=body, headers=headers)


def test_a_paid_order_reaches_fulfilling_through_the_queue_once(api, gateway, runner):
    category = api.category()
    api.product(category["id"], skus=[sku_body("FF-1", stock=10)])
    order_id, me = paid_order(api, gateway)
    assert drain(runner) == [(1, 0)]
    order = api.get(f"/orders/{order_id}", headers=me).body
    assert order["status"] == "fulfilling"
    listed = api.get("/admin/fulfillments?status=awaiting_shipment", headers=api.staff_key("warehouse")).body["items"]
    assert [f["order_id"] for f in listed] == [order_id]
    from chalicelib.bootstrap import get_container

    assert get_container().fulfillment.start_fulfillment(order_id) == "skipped:fulfilling"
    timeline = api.get(f"/admin/orders/{order_id}", headers=ADMIN).body["timeline"]
    assert [e["to"] for e in timeline if e["type"] == "status_changed"] == ["paid", "fulfilling"]


def test_a_poison_message_fails_alone(api, gateway, runner):
    category = api.category()
    api.product(category["id"], skus=[sku_body("FF-1", stock=10)])
    order_id, _ = paid_order(api, gateway)
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName="commerce-fulfillment")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="{not json")
    sqs.send_message(QueueUrl=url, MessageBody=envelope("order.ready_for_fulfillment", order_id="ord_nope"))
    source = next(q for q in runner.queues if q.name == "fulfillment")
    delivered, failed = runner.poll_once(source, wait_seconds=0)
    assert (delivered, failed) == (3, 2)
    assert api.get(f"/admin/orders/{order_id}", headers=ADMIN).body["status"] == "fulfilling"
    left = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    assert len(left) == 2


def test_an_order_under_review_is_not_fulfilled_until_approved(api, gateway, runner, monkeypatch):
    from chalicelib.bootstrap import get_container

    use_risk(get_container(), type(get_container().risk_policy)(review_over=1))
    category = api.category()
    api.product(category["id"], skus=[sku_body("FF-1", stock=10)])
    order_id, _ = paid_order(api, gateway)
    assert drain(runner) == []
    assert api.get(f"/admin/orders/{order_id}", headers=ADMIN).body["status"] == "under_review"
    api.post(f"/admin/orders/{order_id}/approve", headers=ADMIN)
    assert drain(runner) == [(1, 0)]
    assert api.get(f"/admin/orders/{order_id}", headers=ADMIN).body["status"] == "fulfilling"


def test_ship_deliver_and_complete(api, gateway, runner):
    category = api.category()
    api.product(category["id"], skus=[sku_body("FF-1", stock=10), sku_body("FF-2", stock=10)])
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=me).body["id"]
    api.post(f"/carts/{cart}/items", {"sku": "FF-1", "quantity": 2}, headers=me)
    api.post(f"/carts/{cart}/items", {"sku": "FF-2", "quantity": 1}, headers=me)
    placed = api.post(
        "/checkout", {"cart_id": cart, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": cart}
    ).body
    payload, headers = signed(gateway.succeed(placed["payment"]["payment_intent_id"]))
    api.request("POST", "/webhooks/stripe", raw=payload, headers=headers)
    order_id = placed["order"]["id"]
    drain(runner)
    warehouse = api.staff_key("warehouse")

    first = api.post(
        f"/admin/orders/{order_id}/shipments",
        {"carrier": "sf", "tracking_number": "SF1001", "lines": [{"sku": "FF-1", "quantity": 2}]},
        headers=warehouse,
    )
    assert first.status == 201 and first.body["status"] == "fulfilling"
    level = api.get("/admin/inventory/FF-1", headers=ADMIN).body
    assert (level["on_hand"], level["reserved"], level["available"]) == (8, 0, 8)
    too_many = api.post(
        f"/admin/orders/{order_id}/shipments",
        {"carrier": "sf", "tracking_number": "SF1002", "lines": [{"sku": "FF-2", "quantity": 2}]},
        headers=warehouse,
    )
    assert too_many.status == 400 and too_many.body["errors"][0]["code"] == "exceeds_remaining"
    reused = api.post(
        f"/admin/orders/{order_id}/shipments", {"carrier": "sf", "tracking_number": "SF1001"}, headers=warehouse
    )
    assert reused.status == 409 and reused.code == "tracking_number_taken"
    rest = api.post(
        f"/admin/orders/{order_id}/shipments", {"carrier": "sf", "tracking_number": "SF1002"}, headers=warehouse
    )
    assert rest.status == 201 and rest.body["status"] == "shipped"
    assert api.get("/admin/inventory/FF-2/ledger", headers=ADMIN).body["items"][0]["reason"] == "shipped"
    product_id = placed["order"]["lines"][0]["product_id"]
    assert api.get(f"/admin/products/{product_id}", headers=ADMIN).body["sales"] == 3  # two SKUs, one product
    assert (
        api.post(
            f"/admin/orders/{order_id}/shipments", {"carrier": "sf", "tracking_number": "SF1003"}, headers=warehouse
        ).status
        == 409
    )

    assert tracking(api, "SF1001", "in_transit", "t1").body["outcome"] == "shipped"
    assert tracking(api, "SF1001", "delivered", "t2").body["outcome"] == "shipped"  # one of two parcels
    assert tracking(api, "SF1001", "in_transit", "t3").status == 200  # late and out of order
    assert tracking(api, "SF1002", "delivered", "t4").body["outcome"] == "delivered"
    assert tracking(api, "SF1002", "delivered", "t4").body["outcome"] == "duplicate"
    order = api.get(f"/orders/{order_id}", headers=me).body
    assert order["status"] == "delivered" and order["delivered_at"]
    parcels = {s["tracking_number"]: s for s in order["shipments"]}
    assert parcels["SF1001"]["status"] == "delivered"
    assert [t["status"] for t in parcels["SF1001"]["tracking"]] == ["in_transit", "delivered", "in_transit"]

    early = iso(datetime.now(UTC) + timedelta(days=6))
    assert (
        api.post("/admin/jobs/auto_complete_orders/runs", {"as_of": early}, headers=ADMIN).body["summary"]["completed"]
        == 0
    )
    r = api.post(f"/orders/{order_id}/confirm-receipt", headers=me)
    assert r.status == 200 and r.body["status"] == "completed"


def test_delivered_orders_complete_by_themselves_after_seven_days(api, gateway, runner):
    category = api.category()
    api.product(category["id"], skus=[sku_body("FF-1", stock=10)])
    order_id, _ = paid_order(api, gateway)
    drain(runner)
    api.post(f"/admin/orders/{order_id}/shipments", {"carrier": "sf", "tracking_number": "SF2001"}, headers=ADMIN)
    tracking(api, "SF2001", "delivered", "d1")
    late = iso(datetime.now(UTC) + timedelta(days=7, minutes=1))
    run = api.post("/admin/jobs/auto_complete_orders/runs", {"as_of": late}, headers=ADMIN).body
    assert run["summary"] == {"examined": 1, "completed": 1, "waiting": 0}
    assert api.get(f"/admin/orders/{order_id}", headers=ADMIN).body["status"] == "completed"
    assert (
        api.post("/admin/jobs/auto_complete_orders/runs", {"as_of": late}, headers=ADMIN).body["summary"]["completed"]
        == 0
    )


def test_carrier_updates_must_be_signed_and_known(api):
    assert tracking(api, "SF9", "delivered", "x1", secret="wrong").status == 400
    r = api.request("POST", "/webhooks/logistics", raw=b"{}", headers={})
    assert r.status == 400 and r.code == "invalid_signature"
    unknown = tracking(api, "SF9999", "delivered", "x2")
    assert unknown.status == 404 and unknown.code == "unknown_tracking"


def test_an_early_update_is_applied_when_redelivered_and_event_ids_are_per_carrier(api, gateway, runner):
    category = api.category()
    api.product(category["id"], skus=[sku_body("FF-E", stock=10)])
    order_id, me = paid_order(api, gateway, sku="FF-E", quantity=1)
    drain(runner)
    early = tracking(api, "SFE1", "in_transit", "evt-1")  # before staff entered the parcel
    assert early.status == 404 and early.code == "unknown_tracking"
    warehouse = api.staff_key("warehouse")
    shipped = api.post(
        f"/admin/orders/{order_id}/shipments", {"carrier": "sf", "tracking_number": "SFE1"}, headers=warehouse
    )
    assert shipped.status == 201, shipped.body
    assert tracking(api, "SFE1", "in_transit", "evt-1").body["outcome"] == "shipped"  # the redelivery counts
    assert tracking(api, "SFE1", "in_transit", "evt-1").body["outcome"] == "duplicate"
    events = api.get(f"/orders/{order_id}", headers=me).body["shipments"][0]["tracking"]
    assert [e["status"] for e in events] == ["in_transit"]
    # Another carrier's event with the same id is its own event.
    other_id, them = paid_order(api, gateway, sku="FF-E", quantity=1)
    drain(runner)
    api.post(f"/admin/orders/{other_id}/shipments", {"carrier": "yto", "tracking_number": "YTO1"}, headers=warehouse)
    assert tracking(api, "YTO1", "in_transit", "evt-1", carrier="yto").body["outcome"] == "shipped"
    assert api.get(f"/orders/{other_id}", headers=them).body["shipments"][0]["tracking"][0]["status"] == "in_transit"


def test_shipping_needs_a_warehouse_role(api, gateway, runner):
    category = api.category()
    api.product(category["id"], skus=[sku_body("FF-1", stock=10)])
    order_id, _ = paid_order(api, gateway)
    drain(runner)
    finance = api.staff_key("finance")
    r = api.post(f"/admin/orders/{order_id}/shipments", {"carrier": "sf", "tracking_number": "SF3001"}, headers=finance)
    assert r.status == 403


@pytest.fixture
def simulated_carrier(api):
    """The simulated carrier, its updates signed and posted to our own logistics webhook."""
    from chalicelib.bootstrap import get_container
    from chalicelib.services.carriers import SimulatedCarrier

    sent: list[dict] = []
    failures = {"left": 0}

    def send(update):
        if failures["left"]:
            failures["left"] -= 1
            raise ConnectionError("carrier webhook unreachable")
        body = json.dumps(update).encode()
        now = int(time.time())
        headers = {"X-Logistics-Timestamp": str(now), "X-Logistics-Signature": sign_timestamped(body, SECRET, now)}
        r = api.request("POST", "/webhooks/logistics", raw=body, headers=headers)
        assert r.status == 200, r.body
        sent.append({**update, "outcome": r.body["outcome"]})

    container = get_container()
    container.carrier = SimulatedCarrier(send, container.clock)
    return sent, failures


def test_the_simulated_carrier_books_a_parcel_and_reports_it_delivered(api, gateway, runner, simulated_carrier):
    sent, _ = simulated_carrier
    category = api.category()
    api.product(category["id"], skus=[sku_body("FF-1", stock=10)])
    order_id, me = paid_order(api, gateway)
    assert drain(runner) == [(1, 0)]
    order = api.get(f"/orders/{order_id}", headers=me).body
    assert order["status"] == "delivered"
    [parcel] = order["shipments"]
    assert parcel["carrier"] == "simulated" and parcel["tracking_number"].startswith("SIM-")
    assert [t["status"] for t in parcel["tracking"]] == ["in_transit", "out_for_delivery", "delivered"]
    assert [u["outcome"] for u in sent] == ["shipped", "shipped", "delivered"]

    # The same message again (SQS delivers at least once): nothing is booked or reported twice.
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName="commerce-fulfillment")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody=envelope("order.ready_for_fulfillment", order_id=order_id))
    assert drain(runner) == [(1, 0)]
    again = api.get(f"/orders/{order_id}", headers=me).body
    assert len(again["shipments"]) == 1 and len(again["shipments"][0]["tracking"]) == 3
    assert len(sent) == 3


def test_a_failed_carrier_report_is_retried_without_a_second_parcel(api, gateway, runner, simulated_carrier):
    sent, failures = simulated_carrier
    failures["left"] = 1  # the first update cannot be sent: the message fails and comes back
    category = api.category()
    api.product(category["id"], skus=[sku_body("FF-1", stock=10)])
    order_id, me = paid_order(api, gateway)
    assert drain(runner) == [(1, 1)]
    assert drain(runner) == [(1, 0)]
    order = api.get(f"/orders/{order_id}", headers=me).body
    assert order["status"] == "delivered" and len(order["shipments"]) == 1
    assert [u["status"] for u in sent] == ["in_transit", "out_for_delivery", "delivered"]


def test_a_shipment_the_reserved_stock_does_not_cover_is_409_and_changes_nothing(api, gateway, runner):
    from chalicelib.adapters.dynamo import keys
    from chalicelib.adapters.dynamo.models import SkuItem

    category = api.category()
    product = api.product(category["id"], skus=[sku_body("FF-R", stock=10)])
    order_id, me = paid_order(api, gateway, sku="FF-R", quantity=2)
    drain(runner)
    sku = SkuItem.get(*keys.sku(product["id"], "FF-R"))
    sku.update(actions=[SkuItem.reserved.set(1)])  # the books say only 1 is reserved (a bad manual fix, say)
    warehouse = api.staff_key("warehouse")
    r = api.post(f"/admin/orders/{order_id}/shipments", {"carrier": "sf", "tracking_number": "SFR1"}, headers=warehouse)
    assert r.status == 409 and r.code == "reservation_mismatch" and "FF-R" in r.body["detail"]
    assert api.get(f"/orders/{order_id}", headers=me).body["status"] == "fulfilling"
    assert api.get("/admin/inventory/FF-R", headers=ADMIN).body["on_hand"] == 10
