"""The reviews queue worker: ``review.submitted`` opens the complaint ticket of a
low rating, ``review.published`` grants the customer's first-review reward. Each
is idempotent (the ticket's id follows from the review's; the reward has one
marker per customer), so a redelivered message changes nothing. Partial batch
failures, as the fulfillment worker."""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from chalice.app import Blueprint

from ..domain.events import read_message

log = logging.getLogger("commerce.workers.reviews")
bp = Blueprint(__name__)

# Read at import: Chalice declares event sources when the app is packaged.
QUEUE = os.environ.get("COMMERCE_QUEUE_PREFIX", "commerce-") + "reviews"


def handle_record(record: Any) -> str:
    from ..bootstrap import get_container

    event = read_message(json.loads(record.body))
    outcome = get_container().reviews.handle(event)
    log.info(
        "%s %s: %s",
        event.type,
        event.id,
        outcome,
        extra={"event": "review_handled", "message_type": event.type, "event_id": event.id, "outcome": outcome},
    )
    return outcome


@bp.on_sqs_message(queue=QUEUE, batch_size=10)
def reviews(event):  # type: ignore[no-untyped-def]
    from .batch import process

    return process(event, QUEUE, handle_record)
