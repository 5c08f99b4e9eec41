"""The coupon-grants queue worker (ADR 0018): each message is one batch of a
staff grant job (up to 100 customer ids), as campaign-batches is for a campaign.
A batch writes one wallet entry per customer who holds none of the coupon yet
(conditional puts, so a batch delivered again, or two jobs of one coupon, give
each customer one entry) and then its counts. A batch that keeps failing reaches
the DLQ after 5 receives."""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from chalice.app import Blueprint

log = logging.getLogger("commerce.workers.coupon_grants")
bp = Blueprint(__name__)

# Read at import: Chalice declares event sources when the app is packaged.
QUEUE = os.environ.get("COMMERCE_QUEUE_PREFIX", "commerce-") + "coupon-grants"


def handle_record(record: Any) -> str:
    from ..bootstrap import get_container
    from ..bootstrap_wallet import wallet_of
    from ..domain.wallet import GrantBatch

    batch = GrantBatch.of_message(json.loads(record.body))
    granted, skipped = wallet_of(get_container()).run_batch(batch)
    log.info(
        "grant %s batch %s: %d granted, %d skipped",
        batch.grant_id,
        batch.number,
        granted,
        skipped,
        extra={
            "event": "coupon_grant_batch",
            "grant_id": batch.grant_id,
            "code": batch.code,
            "batch": batch.number,
            "granted": granted,
            "skipped": skipped,
        },
    )
    return "done"


@bp.on_sqs_message(queue=QUEUE, batch_size=1)
def coupon_grants(event):  # type: ignore[no-untyped-def]
    from .batch import process

    return process(event, QUEUE, handle_record)
