"""The notifications queue worker: each message is a domain event a customer is
told of (domain/notifications.py NOTIFYING_EVENTS), sent on its channels once
per (event id, channel). Partial batch failures, as the fulfillment worker: a
channel the provider refused fails the message, whose retry sends only what
was not sent."""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from chalice.app import Blueprint

from ..domain.events import read_message

log = logging.getLogger("commerce.workers.notifications")
bp = Blueprint(__name__)

# Read at import: Chalice declares event sources when the app is packaged.
QUEUE = os.environ.get("COMMERCE_QUEUE_PREFIX", "commerce-") + "notifications"


def handle_record(record: Any) -> str:
    from ..bootstrap import get_container

    event = read_message(json.loads(record.body))
    outcomes = get_container().notifications.notify(event)
    outcome = ",".join(f"{channel}:{result}" for channel, result in outcomes.items()) or "ignored"
    log.info(
        "%s %s: %s",
        event.type,
        event.id,
        outcome,
        extra={"event": "notification_handled", "message_type": event.type, "event_id": event.id, "outcome": outcome},
    )
    return outcome


@bp.on_sqs_message(queue=QUEUE, batch_size=10)
def notifications(event):  # type: ignore[no-untyped-def]
    from .batch import process

    return process(event, QUEUE, handle_record)
