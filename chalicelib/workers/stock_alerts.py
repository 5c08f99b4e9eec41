"""The stock-alerts queue worker: stock.low raises an alert (one open per SKU),
stock.replenished resolves it, stock.restocked tells the SKU's notify-me
subscribers (ADR 0022). Partial batch failures, as the fulfillment worker."""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from chalice.app import Blueprint

from ..domain.events import read_message

log = logging.getLogger("commerce.workers.stock_alerts")
bp = Blueprint(__name__)

# Read at import: Chalice declares event sources when the app is packaged.
QUEUE = os.environ.get("COMMERCE_QUEUE_PREFIX", "commerce-") + "stock-alerts"


def handle_record(record: Any) -> str:
    from ..bootstrap import get_container

    event = read_message(json.loads(record.body))
    container = get_container()
    service = container.stock_alerts
    kind, sku = event.type, str(event.data.get("sku"))
    if kind == "stock.restocked":
        outcome = container.planning.notify_me.restocked(sku)
    elif kind == "stock.low":
        outcome = service.raise_for(sku)
    elif kind == "stock.replenished":
        outcome = service.replenished(sku)
    else:
        outcome = "ignored"
    log.info(
        "%s for %s: %s",
        kind,
        sku,
        outcome,
        extra={"event": "stock_event_handled", "sku": sku, "message_type": kind, "outcome": outcome},
    )
    return outcome


@bp.on_sqs_message(queue=QUEUE, batch_size=10)
def stock_alerts(event):  # type: ignore[no-untyped-def]
    from .batch import process

    return process(event, QUEUE, handle_record)
