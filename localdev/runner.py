"""Runs the app's own declared event sources locally: `chalice local` serves only
HTTP, and moto never fires schedules. Reads `app.event_sources` (nothing is
declared twice), fires schedules on their Rate/Cron, long-polls each SQS queue
and hands the handlers real Lambda-shaped events, honouring
batchItemFailures (failed messages stay on the queue and reach the DLQ after
maxReceiveCount receives)."""

from __future__ import annotations

import hashlib
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chalice.app import Chalice, ScheduledEventConfig, SQSEventConfig
from chalice.local import LambdaContext

from .cron import next_fire

log = logging.getLogger("localdev.runner")
ACCOUNT = "123456789012"


@dataclass
class Schedule:
    name: str
    expression: str
    handler: Callable[..., Any]


@dataclass
class QueueSource:
    name: str
    queue: str
    batch_size: int
    handler: Callable[..., Any]


def _context(name: str) -> LambdaContext:
    return LambdaContext(function_name=name, memory_size=512, max_runtime_ms=60_000)


def scheduled_event(name: str, at: datetime, region: str) -> dict[str, Any]:
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": ACCOUNT,
        "time": at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": region,
        "resources": [f"arn:aws:events:{region}:{ACCOUNT}:rule/{name}"],
        "detail": {},
    }


def sqs_event(messages: list[dict[str, Any]], queue_arn: str, region: str) -> dict[str, Any]:
    return {
        "Records": [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": m.get("Attributes", {}),
                "messageAttributes": m.get("MessageAttributes", {}),
                "md5OfBody": m.get("MD5OfBody") or hashlib.md5(m["Body"].encode()).hexdigest(),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": region,
            }
            for m in messages
        ]
    }


class EventRunner:
    def __init__(self, app: Chalice, region: str, sqs_client: Any = None) -> None:
        self.region = region
        self.sqs = sqs_client
        self.schedules: list[Schedule] = []
        self.queues: list[QueueSource] = []
        for source in app.event_sources:
            handler = app.handler_map[source.name]
            if isinstance(source, ScheduledEventConfig):
                expression = source.schedule_expression
                text = expression if isinstance(expression, str) else expression.to_string()
                self.schedules.append(Schedule(source.name, text, handler))
            elif isinstance(source, SQSEventConfig):
                queue = source.queue or (source.queue_arn or "").rsplit(":", 1)[-1]
                self.queues.append(QueueSource(source.name, queue, source.batch_size, handler))
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    # --- one step each, used by the loops and by tests --------------------------------
    def fire(self, name: str, at: datetime) -> Any:
        schedule = next(s for s in self.schedules if s.name == name)
        return schedule.handler(scheduled_event(name, at, self.region), _context(name))

    def poll_once(self, source: QueueSource, wait_seconds: int = 1) -> tuple[int, int]:
        """Receive one batch and process it; returns (delivered, failed)."""
        url = self.sqs.get_queue_url(QueueName=source.queue)["QueueUrl"]
        arn = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        received = self.sqs.receive_message(
            QueueUrl=url,
            MaxNumberOfMessages=min(source.batch_size, 10),
            WaitTimeSeconds=wait_seconds,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        if not received:
            return 0, 0
        try:
            result = source.handler(sqs_event(received, arn, self.region), _context(source.name))
        except Exception:  # the whole batch fails and comes back after the visibility timeout
            log.exception("%s: batch of %d failed", source.name, len(received))
            return len(received), len(received)
        failures = result.get("batchItemFailures", []) if isinstance(result, dict) else []
        failed_ids = {f.get("itemIdentifier") for f in failures}
        done = [m for m in received if m["MessageId"] not in failed_ids]
        for i in range(0, len(done), 10):
            self.sqs.delete_message_batch(
                QueueUrl=url,
                Entries=[{"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]} for n, m in enumerate(done[i : i + 10])],
            )
        return len(received), len(failed_ids)

    # --- loops -------------------------------------------------------------------------
    def start(self) -> EventRunner:
        self._threads.append(threading.Thread(target=self._schedule_loop, name="schedules", daemon=True))
        for source in self.queues:
            self._threads.append(
                threading.Thread(target=self._queue_loop, args=(source,), name=f"sqs:{source.queue}", daemon=True)
            )
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5)

    def _schedule_loop(self) -> None:
        now = datetime.now(UTC)
        due = {s.name: next_fire(s.expression, now) for s in self.schedules}
        while not self._stop.is_set():
            now = datetime.now(UTC)
            for schedule in self.schedules:
                if due[schedule.name] <= now:
                    try:
                        result = self.fire(schedule.name, due[schedule.name])
                        log.info("schedule %s ran: %s", schedule.name, result)
                    except Exception:
                        log.exception("schedule %s failed", schedule.name)
                    due[schedule.name] = next_fire(schedule.expression, now)
            wait = min((d - now).total_seconds() for d in due.values()) if due else 60
            self._stop.wait(max(0.2, min(wait, 5)))

    def _queue_loop(self, source: QueueSource) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once(source, wait_seconds=2)
            except Exception:
                log.exception("polling %s failed", source.queue)
                self._stop.wait(2)
