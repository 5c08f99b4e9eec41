"""The analytics-sales queue worker: each message is an order event (paid,
refunded) applied to the daily sales read model once per event id (a marker
written in the same transaction; ADR 0021). Partial batch failures, as the
customer-stats worker."""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from chalice.app import Blueprint

from ..domain.events import read_message

log = logging.getLogger("commerce.workers.analytics_sales")
bp = Blueprint(__name__)

# Read at import: Chalice declares event sources when the app is packaged.
QUEUE = os.environ.get("COMMERCE_QUEUE_PREFIX", "commerce-") + "analytics-sales"


def handle_record(record: Any) -> str:
    from ..bootstrap import get_container

    event = read_message(json.loads(record.body))
    analytics = get_container().analytics
    outcome = analytics.sales.apply(event)
    if outcome == "applied":  # once per event id: the orders and revenue of A/B variants (ADR 0024)
        analytics.experiments.record_order(event)
    log.info(
        "%s %s: %s",
        event.type,
        event.id,
        outcome,
        extra={
            "event": "analytics_sales_applied",
            "message_type": event.type,
            "event_id": event.id,
            "outcome": outcome,
        },
    )
    return outcome


@bp.on_sqs_message(queue=QUEUE, batch_size=10)
def analytics_sales(event):  # type: ignore[no-untyped-def]
    from .batch import process

    return process(event, QUEUE, handle_record)
