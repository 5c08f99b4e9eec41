"""The promotion-reports queue worker (ADR 0028): each message is an order event
(paid, refunded) added to the reports of the promotions and coupons the order
took a discount from, once per order (services/promotion_reports.py). Partial
batch failures, as the fulfillment worker."""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from chalice.app import Blueprint

from ..domain.events import read_message

log = logging.getLogger("commerce.workers.promotion_reports")
bp = Blueprint(__name__)

# Read at import: Chalice declares event sources when the app is packaged.
QUEUE = os.environ.get("COMMERCE_QUEUE_PREFIX", "commerce-") + "promotion-reports"


def handle_record(record: Any) -> str:
    from ..bootstrap import get_container
    from ..bootstrap_budgets import promotion_reports

    event = read_message(json.loads(record.body))
    outcome = promotion_reports(get_container()).apply(event)
    log.info(
        "%s %s: %s",
        event.type,
        event.id,
        outcome,
        extra={
            "event": "promotion_report_applied",
            "message_type": event.type,
            "event_id": event.id,
            "outcome": outcome,
        },
    )
    return outcome


@bp.on_sqs_message(queue=QUEUE, batch_size=10)
def promotion_reports(event):  # type: ignore[no-untyped-def]
    from .batch import process

    return process(event, QUEUE, handle_record)
