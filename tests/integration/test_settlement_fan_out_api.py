"""The settle job fanned out (ADR 0012), the real app over moto: the schedule's
coordinator sends one message per chunk to the settle-chunks queue, the worker
(Powertools' BatchProcessor, run by the local event runner) settles each chunk,
and the last one closes the run; the statement is the one an inline run makes.
A chunk delivered again, and the coordinator run again, settle nothing twice."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import boto3
import pytest

from tests.payments import paid_order
from tests.support import ADMIN, drain_source, iso, sku_body

from .test_settlement_api import amounts, day_of


@pytest.fixture
def fan_out(monkeypatch):
    """Two orders a chunk, nothing inline: every run with a due order fans out."""
    from chalicelib.settings import reset_settings

    monkeypatch.setenv("COMMERCE_SETTLEMENT_CHUNK_SIZE", "2")
    monkeypatch.setenv("COMMERCE_SETTLEMENT_INLINE_MAX", "0")
    reset_settings()


def chunk_queue(runner):
    (source,) = [q for q in runner.queues if q.queue.endswith("settle-chunks")]
    return source


def drain(runner) -> tuple[int, int]:
    return drain_source(runner, chunk_queue(runner))


def test_a_scheduled_run_fans_out_to_the_chunk_worker_and_closes_the_statement(fan_out, api, gateway):
    from app import app
    from localdev.runner import EventRunner

    category = api.category()
    api.product(category["id"], skus=[sku_body("FO-1", price=10000, stock=50), sku_body("FO-2", price=4000, stock=50)])
    orders = []
    for i in range(5):
        order_id, _, succeeded = paid_order(api, gateway, {"FO-1" if i % 2 else "FO-2": 1 + i})
        orders.append(order_id)
        if i < 3:
            gateway.fees[succeeded["data"]["object"]["id"]] = 100 + i  # Stripe's fee; estimated for the others
    sqs = boto3.client("sqs")
    runner = EventRunner(app, "us-east-1", sqs)
    at = datetime.now(UTC) + timedelta(days=9)
    at = at.replace(microsecond=0)

    summary = runner.fire("settle", at)
    assert summary["business_date"] == day_of(9)
    assert (summary["due"], summary["chunks"], summary["chunks_sent"], summary["settled"]) == (5, 3, 3, 0)
    assert api.get(f"/admin/settlements/{day_of(9)}", headers=ADMIN).status == 404  # not closed yet

    assert drain(runner) == (3, 0)
    statement = api.get(f"/admin/settlements/{day_of(9)}", headers=ADMIN).body
    assert sorted(line["order_id"] for line in statement["lines"]) == sorted(orders)
    gross = 4000 * 1 + 10000 * 2 + 4000 * 3 + 10000 * 4 + 4000 * 5
    fees = 100 + 101 + 102 + (10000 * 4 * 60 + 5000) // 10000 + (4000 * 5 * 60 + 5000) // 10000
    assert amounts(statement) == {
        "gross": gross,
        "discounts": 0,
        "shipping": 0,
        "refunds": 0,
        "fees": fees,
        "net": gross - fees,
    }
    from chalicelib.adapters.dynamo.orders import DynamoOrders

    assert {DynamoOrders().get(order_id).settled_on for order_id in orders} == {day_of(9)}

    # A chunk message delivered again, and the schedule's retry: nothing settled twice.
    url = sqs.get_queue_url(QueueName="commerce-settle-chunks")["QueueUrl"]
    sqs.send_message(
        QueueUrl=url, MessageBody=json.dumps({"job": "settle", "business_date": day_of(9), "run": iso(at), "chunk": 1})
    )
    assert drain(runner) == (1, 0)
    again = runner.fire("settle", at)
    assert again["chunks_sent"] == 0 and again["lines"] == 5
    assert drain(runner) == (0, 0)
    assert api.get(f"/admin/settlements/{day_of(9)}", headers=ADMIN).body == statement

    # The admin route keeps its answer: a later run finds nothing due (settled orders left the queue).
    r = api.post("/admin/jobs/settle/runs", {"as_of": iso(at + timedelta(minutes=1))}, headers=ADMIN)
    assert r.status == 200, r.body
    assert {k: r.body["summary"][k] for k in ("business_date", "settled", "adjustments", "skipped", "lines")} == {
        "business_date": day_of(9),
        "settled": 0,
        "adjustments": 0,
        "skipped": 0,
        "lines": 5,
    }
