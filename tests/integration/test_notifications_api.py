"""Notifications on moto (DynamoDB, SQS, SES, SNS in-process): events reach the
notifications queue, the worker (real SQS event shapes through the local
runner) tells the customer once per channel, staff read what was sent, and
campaigns respect consent and the monthly cap. Answers are checked against the
OpenAPI document."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import boto3
import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends
from moto.sns.models import sns_backends

from tests.integration.test_fulfillment_api import paid_order, tracking
from tests.integration.test_openapi_contract import Checked
from tests.support import ADMIN, drain_ok, event_runner, iso, sku_body


@pytest.fixture
def runner(api):
    return event_runner("commerce-fulfillment", "commerce-notifications")


@pytest.fixture
def c(api) -> Checked:
    return Checked(api)


def emails_to(address: str) -> list[object]:
    sent = ses_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].sent_messages
    return [m for m in sent if address in m.destinations.get("ToAddresses", [])]


def shipped_order(api, gateway, runner):
    api.product(api.category()["id"], skus=[sku_body("NT-1", stock=10)])
    order_id, me = paid_order(api, gateway, sku="NT-1", quantity=1)
    drain_ok(runner, "fulfillment")
    warehouse = api.staff_key("warehouse")
    r = api.post(
        f"/admin/orders/{order_id}/shipments", {"carrier": "sf", "tracking_number": "SF9009"}, headers=warehouse
    )
    assert r.status == 201, r.body
    return order_id, me


def test_paid_and_shipped_reach_the_inbox_and_ses_once_even_when_delivered_twice(api, gateway, runner, c):
    order_id, me = shipped_order(api, gateway, runner)
    email = api.get("/me", headers=me).body["email"]
    customer_id = api.get("/me", headers=me).body["id"]
    # deliver every notifications message twice: what the relay or SQS may do
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName="commerce-notifications")["QueueUrl"]
    bodies = [m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]]
    assert len(bodies) == 2
    for body in bodies:
        sqs.send_message(QueueUrl=url, MessageBody=body)
    assert drain_ok(runner, "notifications") == 4

    inbox = c.call("GET", "/me/notifications", headers=me, expect=200).body["items"]
    assert [m["kind"] for m in inbox] == ["order.shipped", "order.paid"]
    assert inbox[1]["subject"] == f"订单 {order_id} 支付成功"
    assert sorted(m.subject for m in emails_to(email)) == sorted(
        [f"订单 {order_id} 支付成功", f"订单 {order_id} 已发货"]
    )

    staff = api.staff_key("customer_service")
    sends = c.call("GET", "/admin/notifications", query=f"customer_id={customer_id}", headers=staff, expect=200)
    outcomes = sorted((s["kind"], s["channel"], s["status"], s["reason"]) for s in sends.body["items"])
    assert outcomes == [
        ("order.paid", "email", "sent", None),
        ("order.paid", "in_app", "sent", None),
        ("order.shipped", "email", "sent", None),
        ("order.shipped", "in_app", "sent", None),
        ("order.shipped", "sms", "skipped", "no_sms_address"),
    ]
    c.call(
        "GET",
        "/admin/notifications",
        query=f"customer_id={customer_id}",
        headers=api.staff_key("warehouse"),
        expect=403,
    )
    c.call("GET", "/admin/notifications", headers=staff, expect=400)


def test_the_customers_language_and_phone(api, gateway, runner, c):
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    prefs = c.call("GET", "/me/notification-preferences", headers=me, expect=200).body
    assert prefs["marketing"] is False and prefs["locale"] == "zh-CN"
    body = {"locale": "en", "phone": "+8613800000001", "channels": {"sms": False}}
    saved = c.call("PUT", "/me/notification-preferences", json_body=body, headers=me, expect=200).body
    assert saved["channels"] == {"in_app": True, "email": True, "sms": False} and saved["phone"] == "+8613800000001"
    c.call("PUT", "/me/notification-preferences", json_body={"locale": "fr"}, headers=me, expect=400)
    c.call("PUT", "/me/notification-preferences", json_body={"phone": "138"}, headers=me, expect=400)

    from chalicelib.bootstrap import get_container
    from chalicelib.domain.events import new_event

    customer_id = api.get("/me", headers=me).body["id"]
    data = {"order_id": "ord_X", "customer_id": customer_id}
    event = new_event("order.delivered", data, datetime.now(UTC))
    # transactional: SMS goes although the sms channel is off for marketing
    assert get_container().notifications.notify(event) == {"in_app": "sent", "email": "sent", "sms": "sent"}
    sms = sns_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].sms_messages
    assert (
        "+8613800000001",
        "Order ord_X was delivered: Order ord_X was delivered. Tell us if anything is wrong.",
    ) in (sms.values())
    inbox = c.call("GET", "/me/notifications", headers=me, expect=200).body["items"]
    assert inbox[0]["subject"] == "Order ord_X was delivered"


def test_campaigns_go_to_consenting_customers_under_the_monthly_cap(api, c):
    customers = []
    for n in range(5):
        _, token = api.customer()
        me = {"Authorization": f"Bearer {token}"}
        consent = {"marketing": n != 0, "channels": {"email": n != 1}}
        c.call("PUT", "/me/notification-preferences", json_body=consent, headers=me, expect=200)
        customers.append(me)
    api.customer()  # no preferences saved: no consent, not in the audience
    ops = api.staff_key("operations")
    results = []
    for n in range(3):
        body = {"name": f"Sale {n}", "message": "20% off this week", "channel": "email"}
        made = c.call("POST", "/admin/campaigns", json_body=body, headers=ops, expect=201).body
        assert made["status"] == "draft"
        results.append(
            c.call(
                "POST",
                "/admin/campaigns/{campaign_id}/send",
                params={"campaign_id": made["id"]},
                headers=ops,
                expect=200,
            ).body
        )
    assert results == [
        {"sent": 3, "capped": 0, "opted_out": 2, "failed": 0},
        {"sent": 3, "capped": 0, "opted_out": 2, "failed": 0},
        {"sent": 0, "capped": 3, "opted_out": 2, "failed": 0},
    ]
    again = {"campaign_id": made["id"]}
    c.call("POST", "/admin/campaigns/{campaign_id}/send", params=again, headers=ops, expect=409)
    c.call("POST", "/admin/campaigns/{campaign_id}/send", params={"campaign_id": "cmp_nope"}, headers=ops, expect=404)
    bad = {"name": "x", "message": "y", "channel": "pigeon"}
    c.call("POST", "/admin/campaigns", json_body=bad, headers=ops, expect=400)
    c.call(
        "POST",
        "/admin/campaigns",
        json_body={**bad, "channel": "sms"},
        headers=api.staff_key("customer_service"),
        expect=403,
    )
    opted_out = api.get("/me", headers=customers[0]).body["email"]
    assert emails_to(opted_out) == []
    consenting = api.get("/me", headers=customers[2]).body["email"]
    assert [m.subject for m in emails_to(consenting)] == ["Sale 0", "Sale 1"]


def test_a_carrier_exception_opens_a_follow_up_due_in_4_hours_and_tells_the_customer(api, gateway, runner, c):
    order_id, me = shipped_order(api, gateway, runner)
    drain_ok(runner, "notifications")
    before = datetime.now(UTC)
    assert tracking(api, "SF9009", "exception", "ev-exc-1").status == 200
    assert tracking(api, "SF9009", "exception", "ev-exc-1").status == 200  # the carrier's redelivery
    [entry] = [e for e in api.get("/admin/exceptions", headers=ADMIN).body["items"] if e["order_id"] == order_id]
    assert entry["kind"] == "carrier_exception" and entry["owner_role"] == "customer_service"
    due = datetime.fromisoformat(entry["due_at"].replace("Z", "+00:00"))
    assert timedelta(hours=4) - timedelta(minutes=1) <= due - before <= timedelta(hours=4, minutes=1)
    assert drain_ok(runner, "notifications") == 1
    inbox = api.get("/me/notifications", headers=me).body["items"]
    assert inbox[0]["kind"] == "order.carrier_exception" and "SF9009" in inbox[0]["body"]
    assert "4 小时内" in inbox[0]["body"]  # the default COMMERCE_CARRIER_FOLLOW_UP_HOURS, told in zh-CN


@pytest.fixture
def follow_up_in_6_hours(monkeypatch):
    from chalicelib.settings import reset_settings

    monkeypatch.setenv("COMMERCE_CARRIER_FOLLOW_UP_HOURS", "6")
    reset_settings()


def test_the_carrier_follow_up_hours_are_one_setting_for_the_due_time_and_the_message(
    follow_up_in_6_hours, api, gateway, runner
):
    order_id, me = shipped_order(api, gateway, runner)
    drain_ok(runner, "notifications")
    api.put("/me/notification-preferences", {"locale": "en"}, headers=me)
    before = datetime.now(UTC)
    assert tracking(api, "SF9009", "exception", "ev-exc-6").status == 200
    [entry] = [e for e in api.get("/admin/exceptions", headers=ADMIN).body["items"] if e["order_id"] == order_id]
    due = datetime.fromisoformat(entry["due_at"].replace("Z", "+00:00"))
    assert timedelta(hours=6) - timedelta(minutes=1) <= due - before <= timedelta(hours=6, minutes=1)
    assert drain_ok(runner, "notifications") == 1
    inbox = api.get("/me/notifications", headers=me).body["items"]
    assert "within 6 hours" in inbox[0]["body"] and "4 hours" not in inbox[0]["body"]


def test_no_tracking_update_for_48_hours_tells_the_customer_once(api, gateway, runner):
    order_id, me = shipped_order(api, gateway, runner)
    drain_ok(runner, "notifications")
    as_of = iso(datetime.now(UTC) + timedelta(hours=49))
    for _ in range(2):
        assert api.post("/admin/jobs/scan_slas/runs", {"as_of": as_of}, headers=ADMIN).status == 200
    assert drain_ok(runner, "notifications") == 1
    inbox = api.get("/me/notifications", headers=me).body["items"]
    assert inbox[0]["kind"] == "order.tracking_stalled" and "48" in inbox[0]["body"]
    kinds = [e["kind"] for e in api.get("/admin/exceptions", headers=ADMIN).body["items"] if e["order_id"] == order_id]
    assert kinds == ["no_tracking_update"]
