"""The local event runner hands SQS handlers real Lambda-shaped batches and
honours partial batch failures (Powertools BatchProcessor)."""

from __future__ import annotations

import json

import boto3
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from chalice import Chalice, Rate

from localdev.runner import EventRunner


def _app(seen: list[str]) -> Chalice:
    app = Chalice(app_name="runner-test")
    processor = BatchProcessor(event_type=EventType.SQS)

    def record_handler(record):
        body = json.loads(record.body)
        if body.get("poison"):
            raise ValueError("poison message")
        seen.append(body["id"])

    @app.on_sqs_message(queue="runner-test-queue", batch_size=10)
    def consume(event):
        return process_partial_response(
            event=event.to_dict(), record_handler=record_handler, processor=processor, context=None
        )

    @app.schedule(Rate(5, unit=Rate.MINUTES))
    def tick(event):
        return {"time": event.time}

    return app


def test_runner_reads_the_apps_declared_sources(aws):
    runner = EventRunner(_app([]), "us-east-1", boto3.client("sqs"))
    assert [(q.name, q.queue) for q in runner.queues] == [("consume", "runner-test-queue")]
    assert [(s.name, s.expression) for s in runner.schedules] == [("tick", "rate(5 minutes)")]


def test_poison_messages_fail_alone_and_stay_on_the_queue(aws):
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName="runner-test-queue", Attributes={"VisibilityTimeout": "0"})["QueueUrl"]
    for i in range(5):
        sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"id": f"m{i}", "poison": i == 2}))
    seen: list[str] = []
    runner = EventRunner(_app(seen), "us-east-1", sqs)
    delivered, failed = runner.poll_once(runner.queues[0], wait_seconds=0)
    assert (delivered, failed) == (5, 1)
    assert sorted(seen) == ["m0", "m1", "m3", "m4"]
    left = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    assert [json.loads(m["Body"])["id"] for m in left] == ["m2"]


def test_scheduled_handlers_get_a_scheduled_event(aws):
    from datetime import UTC, datetime

    runner = EventRunner(_app([]), "us-east-1")
    assert runner.fire("tick", datetime(2026, 11, 22, 8, 0, tzinfo=UTC)) == {"time": "2026-11-22T08:00:00Z"}
