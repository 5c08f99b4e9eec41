"""requeue_fulfillment over HTTP and from its schedule (moto): paid orders whose
fulfillment messages were lost (the queue purged) are sent again once they have
waited COMMERCE_REQUEUE_AFTER_MINUTES (10), and the worker takes them into
fulfillment."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import boto3
import pytest

from tests.integration.test_fulfillment_api import drain, paid_order
from tests.support import ADMIN, iso, sku_body

QUEUE = "commerce-fulfillment"


@pytest.fixture
def runner(api):
    from app import app
    from localdev.runner import EventRunner

    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=QUEUE)["QueueUrl"]
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "0"})  # messages come back at once
    return EventRunner(app, "us-east-1", sqs)


def lose_the_queued_messages() -> list[dict]:
    """What a restarted moto server or a DLQ does to them: gone from the queue."""
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=QUEUE)["QueueUrl"]
    lost = []
    while batch := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", []):
        for message in batch:
            lost.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    return lost


def status(api, order_id: str) -> str:
    return str(api.get(f"/admin/orders/{order_id}", headers=ADMIN).body["status"])


def test_paid_orders_whose_messages_were_lost_are_requeued_and_fulfilled(api, gateway, runner):
    category = api.category()
    api.product(category["id"], skus=[sku_body("RQ-1", stock=10)])
    orders = [paid_order(api, gateway, sku="RQ-1", quantity=1)[0] for _ in range(2)]
    lost = lose_the_queued_messages()
    assert sorted(m["data"]["order_id"] for m in lost) == sorted(orders)
    assert drain(runner) == []
    paid_at = datetime.now(UTC)

    early = api.post("/admin/jobs/requeue_fulfillment/runs", {"as_of": iso(paid_at)}, headers=ADMIN)
    assert early.status == 200
    assert early.body["summary"] == {"examined": 0, "requeued": 0, "skipped": 0, "failed": 0}

    as_of = paid_at + timedelta(minutes=11)
    run = api.post("/admin/jobs/requeue_fulfillment/runs", {"as_of": iso(as_of)}, headers=ADMIN).body
    assert run["job"] == "requeue_fulfillment"
    assert run["summary"] == {"examined": 2, "requeued": 2, "skipped": 0, "failed": 0}
    again = api.post("/admin/jobs/requeue_fulfillment/runs", {"as_of": iso(as_of)}, headers=ADMIN).body
    assert again["summary"]["requeued"] == 0  # once per period

    assert [status(api, o) for o in orders] == ["paid", "paid"]
    assert drain(runner) == [(2, 0)]
    assert [status(api, o) for o in orders] == ["fulfilling", "fulfilling"]
    timeline = api.get(f"/admin/orders/{orders[0]}", headers=ADMIN).body["timeline"]
    assert [e["type"] for e in timeline][-2:] == ["fulfillment_requeued", "status_changed"]

    later = api.post("/admin/jobs/requeue_fulfillment/runs", {"as_of": iso(as_of + timedelta(hours=1))}, headers=ADMIN)
    assert later.body["summary"]["examined"] == 0


def test_the_schedule_requeues_with_a_new_event_on_the_queue(api, gateway, runner):
    category = api.category()
    api.product(category["id"], skus=[sku_body("RQ-2", stock=10)])
    order_id, _ = paid_order(api, gateway, sku="RQ-2", quantity=1)
    [first] = lose_the_queued_messages()

    summary = runner.fire("requeue_fulfillment", datetime.now(UTC) + timedelta(minutes=10, seconds=5))
    assert summary["requeued"] == 1
    [sent] = lose_the_queued_messages()
    assert sent["type"] == "order.ready_for_fulfillment" and sent["version"] == 1
    assert sent["data"]["order_id"] == order_id and sent["id"] != first["id"]
    assert status(api, order_id) == "paid"


def test_the_period_is_the_setting(api, gateway, runner, monkeypatch):
    from chalicelib.bootstrap import Container, get_container, reset_container
    from chalicelib.settings import load_settings

    category = api.category()
    api.product(category["id"], skus=[sku_body("RQ-3", stock=10)])
    order_id, _ = paid_order(api, gateway, sku="RQ-3", quantity=1)
    lose_the_queued_messages()
    paid_at = datetime.now(UTC)
    monkeypatch.setenv("COMMERCE_REQUEUE_AFTER_MINUTES", "30")
    reset_container(Container(load_settings(), get_container().clock))

    def requeued(minutes: int) -> int:
        as_of = iso(paid_at + timedelta(minutes=minutes))
        return int(
            api.post("/admin/jobs/requeue_fulfillment/runs", {"as_of": as_of}, headers=ADMIN).body["summary"][
                "requeued"
            ]
        )

    assert requeued(29) == 0
    assert requeued(31) == 1
    assert drain(runner) == [(1, 0)]
    assert status(api, order_id) == "fulfilling"
