"""Reading what the app sent to the local stack's real SQS queues."""

from __future__ import annotations

import json


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
            body = json.loads(message["Body"])
            if body.get("sku") == sku:
                events.append((body["type"], body["available"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    return events
