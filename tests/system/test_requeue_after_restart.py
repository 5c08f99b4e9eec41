"""Kill the local stack while paid orders' fulfillment messages are in the queue,
restart it: moto server keeps its queues in memory, so the messages are gone,
while DynamoDB Local keeps the orders `paid`. One run of requeue_fulfillment
(every 5 minutes), as of COMMERCE_REQUEUE_AFTER_MINUTES after the payments, sends
them again, and the worker takes every one into fulfillment."""

from __future__ import annotations

import time
from datetime import timedelta

from chalicelib.domain.clock import parse_rfc3339
from localdev.server import ApiServer
from tests.support import ADMIN, iso, sku_body
from tests.system.conftest import HttpApi, stack_config
from tests.system.test_checkout_system import checkout, pay_on_localstripe, shoppers, wait_for

PAID = 3


def queued(stack) -> int:
    from chalicelib.settings import get_settings
    from localdev.stack import clients

    _, sqs, _ = clients(stack.config)
    url = sqs.get_queue_url(QueueName=get_settings().queue_prefix + "fulfillment")["QueueUrl"]
    attributes = sqs.get_queue_attributes(
        QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(attributes["ApproximateNumberOfMessagesNotVisible"])


def forget_the_queues(config) -> None:  # type: ignore[no-untyped-def]
    """What a new moto server process starts with under make run: no queues. (Here
    moto runs on a thread of this process, and its state outlives the thread; the
    restart provisions the same queues again, so other tests' stacks keep theirs.)"""
    from chalicelib.resources import queue_names
    from chalicelib.settings import get_settings
    from localdev.stack import clients

    _, sqs, _ = clients(config)
    for name in queue_names(get_settings().queue_prefix):  # the ones the restart provisions again
        for queue in (name, f"{name}-dlq"):
            sqs.delete_queue(QueueUrl=sqs.get_queue_url(QueueName=queue)["QueueUrl"])


def status(http: HttpApi, order_id: str) -> str:
    return str(http.get(f"/admin/orders/{order_id}", headers=ADMIN).body["status"])


def paid_at(http: HttpApi, order_id: str):  # type: ignore[no-untyped-def]
    timeline = http.get(f"/admin/orders/{order_id}", headers=ADMIN).body["timeline"]
    return max(parse_rfc3339(e["at"]) for e in timeline if e["type"] == "status_changed" and e["to"] == "paid")


def test_paid_orders_whose_messages_a_restart_lost_reach_fulfilling_after_one_job_run(tmp_path):
    from app import app
    from localdev.runner import EventRunner
    from localdev.stack import LocalStack, clients

    config = stack_config(data_dir=tmp_path)
    with LocalStack(config) as stack:  # make run, with no event runner: nothing consumes the queue
        server = ApiServer(app, "127.0.0.1", config.api_port).start()
        try:
            http = HttpApi(server.url)
            category = http.category("Requeue")
            http.product(category["id"], skus=[sku_body("RQS-1", price=8800, stock=20)])
            http.product(category["id"], skus=[sku_body("RQS-BIG", price=600000, stock=5)])  # held for review
            stripe_base = f"http://127.0.0.1:{config.stripe_port}"
            buyers = shoppers(PAID, "RQS-1") + shoppers(1, "RQS-BIG")
            orders = []
            for _, token, cart_id in buyers:
                placed = checkout(http.base_url, token, cart_id).json()
                pay_on_localstripe(stripe_base, placed["payment"]["payment_intent_id"])
                orders.append(placed["order"]["id"])
            *paid, held = orders
            wait_for(lambda: [status(http, o) for o in orders] == ["paid"] * PAID + ["under_review"], timeout=30)
            wait_for(lambda: queued(stack) == PAID)  # the messages sit in moto's queue
        finally:
            server.stop()
        forget_the_queues(config)

    with LocalStack(config) as stack:  # the restart: queues recreated, empty
        server = ApiServer(app, "127.0.0.1", config.api_port).start()
        try:
            http = HttpApi(server.url)
            assert queued(stack) == 0
            assert [status(http, o) for o in orders] == ["paid"] * PAID + ["under_review"]

            # One period after the last payment (as_of is sent to the second).
            as_of = max(paid_at(http, o) for o in paid) + timedelta(minutes=10, seconds=1)
            run = http.post("/admin/jobs/requeue_fulfillment/runs", {"as_of": iso(as_of)}, headers=ADMIN)
            assert run.status == 200, run.body
            assert run.body["summary"] == {"examined": PAID, "requeued": PAID, "skipped": 0, "failed": 0}
            assert queued(stack) == PAID

            _, sqs, _ = clients(config)
            runner = EventRunner(app, "us-east-1", sqs)
            source = next(q for q in runner.queues if q.name == "fulfillment")
            deadline = time.monotonic() + 30
            while queued(stack) and time.monotonic() < deadline:
                delivered, failed = runner.poll_once(source, wait_seconds=1)
                assert failed == 0
            assert [status(http, o) for o in paid] == ["fulfilling"] * PAID
            assert status(http, held) == "under_review"
            listed = http.get("/admin/fulfillments?status=awaiting_shipment", headers=http.staff_key("warehouse"))
            assert sorted(f["order_id"] for f in listed.body["items"]) == sorted(paid)

            again = http.post("/admin/jobs/requeue_fulfillment/runs", {"as_of": iso(as_of)}, headers=ADMIN)
            assert again.body["summary"]["examined"] == 0
        finally:
            server.stop()
