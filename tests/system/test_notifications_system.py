"""Notifications on the local stack (moto server's SQS, SES and SNS, DynamoDB
Local, localstripe), over HTTP: what was sent is read from moto's own
inspection endpoint, /moto-api/data.json."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import boto3
import requests

from tests.support import ADMIN, sku_body
from tests.system.test_checkout_system import checkout, pay_on_localstripe, shoppers, wait_for


def moto_data(stack) -> dict[str, Any]:
    r = requests.get(f"http://127.0.0.1:{stack.config.moto_port}/moto-api/data.json", timeout=10)
    assert r.status_code == 200
    return r.json()


def emails_to(stack, address: str) -> list[str]:
    """The subjects of the e-mails SES (moto) accepted for ``address``."""
    messages = moto_data(stack)["ses"]["Message"]
    return [m["subject"] for m in messages if address in m["destinations"].get("ToAddresses", [])]


def sqs_client(stack) -> Any:
    return boto3.client(
        "sqs",
        endpoint_url=f"http://127.0.0.1:{stack.config.moto_port}",
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )


def take_all(sqs, url: str) -> list[str]:
    bodies = []
    while batch := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages"):
        for message in batch:
            bodies.append(message["Body"])
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    return bodies


def test_paying_and_shipping_tells_the_customer_twice_each_once_even_when_delivered_twice(api, stack):
    from app import app
    from chalicelib.bootstrap import get_container
    from localdev.runner import EventRunner

    sqs = sqs_client(stack)
    runner = EventRunner(app, "us-east-1", sqs)
    runner.schedules = []
    notifications = next(q for q in runner.queues if q.name == "notifications")
    runner.queues = [q for q in runner.queues if q.name == "fulfillment"]  # notifications are delivered below
    runner.start()
    try:
        api.product(api.category()["id"], skus=[sku_body("NTF-1", price=8800, stock=5)])
        [(customer_id, token, cart_id)] = shoppers(1, "NTF-1")
        placed = checkout(api.base_url, token, cart_id).json()
        order_id = placed["order"]["id"]
        pay_on_localstripe(f"http://127.0.0.1:{stack.config.stripe_port}", placed["payment"]["payment_intent_id"])
        me = {"Authorization": f"Bearer {token}"}
        wait_for(lambda: api.get(f"/orders/{order_id}", headers=me).body["status"] == "fulfilling", timeout=30)
    finally:
        runner.stop()
    shipped = api.post(
        f"/admin/orders/{order_id}/shipments", {"carrier": "sf", "tracking_number": "SFNTF1"}, headers=ADMIN
    )
    assert shipped.status == 201 and shipped.body["status"] == "shipped"

    url = sqs.get_queue_url(QueueName=get_container().settings.queue_prefix + "notifications")["QueueUrl"]
    bodies = take_all(sqs, url)
    assert sorted(json.loads(b)["type"] for b in bodies) == ["order.paid", "order.shipped"]
    for body in bodies * 2:  # every event delivered twice
        sqs.send_message(QueueUrl=url, MessageBody=body)
    delivered = 0
    while delivered < 4:
        got, failed = runner.poll_once(notifications, wait_seconds=1)
        assert failed == 0
        delivered += got
    assert runner.poll_once(notifications, wait_seconds=0) == (0, 0)

    inbox = api.get("/me/notifications", headers=me).body["items"]
    assert [m["kind"] for m in inbox] == ["order.shipped", "order.paid"]
    email = get_container().auth.customers.get(customer_id).email
    assert Counter(emails_to(stack, email)) == {f"订单 {order_id} 支付成功": 1, f"订单 {order_id} 已发货": 1}
    sends = api.get(f"/admin/notifications?customer_id={customer_id}", headers=ADMIN).body["items"]
    assert Counter((s["channel"], s["status"]) for s in sends) == {
        ("in_app", "sent"): 2,
        ("email", "sent"): 2,
        ("sms", "skipped"): 1,  # order.shipped by SMS: the customer gave no phone
    }


def test_two_concurrent_campaigns_never_pass_the_monthly_cap(api, stack):
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.auth import hash_password, issue_token
    from chalicelib.domain.ids import new_id
    from chalicelib.services.ports import Customer

    container = get_container()
    cap = container.settings.marketing_monthly_cap
    assert cap == 2
    now = datetime.now(UTC)
    password = hash_password("not used here")
    people: list[tuple[str, str, bool]] = []  # (customer id, e-mail, consents)
    for i in range(50):
        customer = Customer(new_id("cus"), f"fan{i}-{uuid.uuid4().hex[:8]}@example.com", "Fan", password, now)
        container.auth.customers.add(customer)
        consents = i % 5 != 0  # 10 opted out
        token = issue_token(customer.id, container.settings.token_secret, now, 3600)
        r = api.put(
            "/me/notification-preferences",
            {"marketing": consents},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert r.status == 200
        people.append((customer.id, customer.email, consents))

    ops = api.staff_key("operations")

    def campaign(name: str) -> str:
        body = {"name": name, "message": f"{name}: 20% off", "channel": "email"}
        return api.post("/admin/campaigns", body, headers=ops).body["id"]

    first = api.post(f"/admin/campaigns/{campaign('Early bird')}/send", headers=ops).body
    assert first == {"sent": 40, "capped": 0, "opted_out": 10, "failed": 0}
    ids = [campaign("Flash A"), campaign("Flash B")]
    results: dict[str, dict[str, int]] = {}
    start = threading.Barrier(2)

    def send(campaign_id: str) -> None:
        start.wait()
        r = requests.post(f"{api.base_url}/admin/campaigns/{campaign_id}/send", headers=ops, timeout=120)
        assert r.status_code == 200, r.text
        results[campaign_id] = r.json()

    threads = [threading.Thread(target=send, args=(i,)) for i in ids]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert time.monotonic() - began < 120
    for result in results.values():
        assert sum(result.values()) == 50  # every customer with preferences counted once
        assert result["opted_out"] == 10 and result["failed"] == 0
    assert sum(r["sent"] for r in results.values()) == 40  # each consenting customer's second message
    assert sum(r["capped"] for r in results.values()) == 40

    for customer_id, email, consents in people:
        received = emails_to(stack, email)
        if not consents:
            assert received == []
            assert (
                api.get(f"/admin/notifications?customer_id={customer_id}", headers=ADMIN).body["items"][0]["reason"]
                == "opted_out"
            )
        else:
            assert len(received) == cap and received[0] == "Early bird" and received[1] in ("Flash A", "Flash B")


def test_two_large_campaigns_sent_concurrently_in_batches_never_pass_the_cap(api, stack, monkeypatch):
    """Over the inline maximum (ADR 0012): both sends answer 202, two workers drain
    the campaign-batches queue at once (moto server's SQS, DynamoDB Local), and
    the cap of 1 holds: each consenting customer gets one of the two."""
    from app import app
    from chalicelib.bootstrap import get_container, reset_container
    from chalicelib.domain.auth import hash_password, issue_token
    from chalicelib.domain.ids import new_id
    from chalicelib.services.ports import Customer
    from chalicelib.settings import reset_settings
    from localdev.runner import EventRunner

    monkeypatch.setenv("COMMERCE_CAMPAIGN_INLINE_MAX", "20")
    monkeypatch.setenv("COMMERCE_CAMPAIGN_BATCH_SIZE", "8")
    monkeypatch.setenv("COMMERCE_MARKETING_MONTHLY_CAP", "1")
    reset_settings()
    reset_container()
    container = get_container()
    now = datetime.now(UTC)
    password = hash_password("not used here")
    people: list[tuple[str, bool]] = []  # (e-mail, consents)
    for i in range(60):
        customer = Customer(new_id("cus"), f"big{i}-{uuid.uuid4().hex[:8]}@example.com", "Fan", password, now)
        container.auth.customers.add(customer)
        consents = i % 5 != 0  # 12 opted out
        token = issue_token(customer.id, container.settings.token_secret, now, 3600)
        me = {"Authorization": f"Bearer {token}"}
        assert api.put("/me/notification-preferences", {"marketing": consents}, headers=me).status == 200
        people.append((customer.email, consents))

    ops = api.staff_key("operations")
    ids = []
    for name in ("Big A", "Big B"):
        ids.append(
            api.post("/admin/campaigns", {"name": name, "message": "hi", "channel": "email"}, headers=ops).body["id"]
        )
    answers: dict[str, Any] = {}
    start = threading.Barrier(2)

    def send(campaign_id: str) -> None:
        start.wait()
        r = requests.post(f"{api.base_url}/admin/campaigns/{campaign_id}/send", headers=ops, timeout=60)
        answers[campaign_id] = (r.status_code, r.json())

    senders = [threading.Thread(target=send, args=(i,)) for i in ids]
    for t in senders:
        t.start()
    for t in senders:
        t.join()
    for status, body in answers.values():
        assert status == 202 and body["status"] == "sending" and body["batches"] == 8

    runner = EventRunner(app, "us-east-1", sqs_client(stack))
    source = next(q for q in runner.queues if q.name == "campaign_batches")
    failures: list[int] = []

    def work() -> None:
        idle = 0
        while idle < 3:
            got, failed = runner.poll_once(source, wait_seconds=1)
            failures.append(failed)
            idle = idle + 1 if got == 0 else 0

    workers = [threading.Thread(target=work) for _ in range(2)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    assert sum(failures) == 0

    results = []
    for campaign_id in ids:
        shown = api.get(f"/admin/campaigns/{campaign_id}", headers=ops).body
        assert (shown["status"], shown["batches_done"]) == ("sent", 8)
        results.append(shown["result"])
    for result in results:
        assert sum(result.values()) == 60 and result["opted_out"] == 12 and result["failed"] == 0
    assert sum(r["sent"] for r in results) == 48  # each consenting customer once: the cap is 1
    assert sum(r["capped"] for r in results) == 48
    for email, consents in people:
        received = emails_to(stack, email)
        assert len(received) == (1 if consents else 0) and set(received) <= {"Big A", "Big B"}
