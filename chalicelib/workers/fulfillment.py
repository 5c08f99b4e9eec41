"""The fulfillment queue worker: each message is an order ready for fulfillment.
Powertools' BatchProcessor reports partial batch failures: a poison message
fails alone and reaches the DLQ after 5 receives; the others are done once."""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from chalice.app import Blueprint

from ..domain.events import read_message

log = logging.getLogger("commerce.workers.fulfillment")
bp = Blueprint(__name__)

# Chalice declares event sources when the app is packaged, so the stage's queue
# prefix is read here, at import (the one setting that cannot be lazy).
QUEUE = os.environ.get("COMMERCE_QUEUE_PREFIX", "commerce-") + "fulfillment"


def handle_record(record: Any) -> str:
    from ..bootstrap import get_container
    from ..services.carriers import dispatch

    event = read_message(json.loads(record.body))
    if event.type != "order.ready_for_fulfillment":
        log.info(
            "ignoring an event", extra={"event": "message_ignored", "message_type": event.type, "event_id": event.id}
        )
        return "ignored"
    container = get_container()
    order_id = str(event.data["order_id"])
    outcome = dispatch(container.fulfillment, container.carrier, order_id)
    log.info(
        "fulfillment dispatched", extra={"event": "fulfillment_dispatched", "order_id": order_id, "outcome": outcome}
    )
    return outcome


@bp.on_sqs_message(queue=QUEUE, batch_size=10)
def fulfillment(event):  # type: ignore[no-untyped-def]
    from .batch import process

    return process(event, QUEUE, handle_record)
