"""The campaign-batches queue worker (ADR 0012): each message is one batch of a
fanned-out marketing campaign (a range of customer ids), as settle-chunks is for
``settle``. One message per invocation; the batch resumes from its checkpoint
and hands itself on when the invocation's time runs short; the last batch done
marks the campaign sent. A batch that keeps failing reaches the DLQ after 5
receives, with its checkpoint kept for a redrive."""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from chalice.app import Blueprint

from .settlement import seconds_left_of

log = logging.getLogger("commerce.workers.campaigns")
bp = Blueprint(__name__)

# Read at import: Chalice declares event sources when the app is packaged.
QUEUE = os.environ.get("COMMERCE_QUEUE_PREFIX", "commerce-") + "campaign-batches"


def handle_record(record: Any, seconds_left: Any) -> str:
    from ..bootstrap import get_container
    from ..domain.notifications import CampaignBatch

    batch = CampaignBatch.of_message(json.loads(record.body))
    outcome, counts = get_container().notifications.run_campaign_batch(batch, seconds_left)
    log.info(
        "campaign %s batch %s: %s",
        batch.campaign_id,
        batch.number,
        outcome,
        extra={
            "event": "campaign_batch",
            "campaign_id": batch.campaign_id,
            "batch": batch.number,
            "outcome": outcome,
            "outcomes": counts,
        },
    )
    return outcome


@bp.on_sqs_message(queue=QUEUE, batch_size=1)
def campaign_batches(event):  # type: ignore[no-untyped-def]
    from .batch import process

    seconds_left = seconds_left_of(getattr(event, "context", None))
    return process(event, QUEUE, lambda record: handle_record(record, seconds_left))
