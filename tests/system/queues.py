"""Reading what the app sent to the local stack's real SQS queues."""

from __future__ import annotations

import json

from chalicelib.domain.events import Event


def stock_events(stack, sku: str) -> list[tuple[str, int]]:
    """(type, available) of every message about ``sku`` on the stock-alerts queue,
    consumed (messages about other SKUs are consumed too)."""
    from chalicelib.settings import get_settings
    from localdev.stack import clients

    _, sqs, _ = clients(stack.config)
    url = sqs.get_queue_url(QueueName=get_settings().queue_prefix + "stock-alerts")["QueueUrl"]
    events = []
    while batch := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages"):
        for message in batch:
            event = Event.from_wire(json.loads(message["Body"]))
            if event.data.get("sku") == sku:
                events.append((event.type, event.data["available"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    return events
