"""The renew-chunks queue worker (ADR 0012): each message is one chunk of a
fanned-out ``renew_memberships`` run, as settle-chunks is for ``settle``. One
message per invocation; the chunk resumes from its checkpoint and hands itself
on when the invocation's time runs short. A chunk that keeps failing reaches the
DLQ after 5 receives, with its checkpoint kept for a redrive."""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from chalice.app import Blueprint

from .settlement import seconds_left_of

log = logging.getLogger("commerce.workers.renewals")
bp = Blueprint(__name__)

# Read at import: Chalice declares event sources when the app is packaged.
QUEUE = os.environ.get("COMMERCE_QUEUE_PREFIX", "commerce-") + "renew-chunks"


def handle_record(record: Any, seconds_left: Any) -> str:
    from ..bootstrap import get_container
    from ..domain.settlement import RunRef

    ref, number = RunRef.of_message(json.loads(record.body))
    outcome, counts = get_container().memberships.run_renewal_chunk(ref, number, seconds_left)
    log.info(
        "renewal chunk %s of run %s: %s",
        number,
        ref.run,
        outcome,
        extra={"event": "renewal_chunk", "run": ref.run, "chunk": number, "outcome": outcome, "outcomes": counts},
    )
    return outcome


@bp.on_sqs_message(queue=QUEUE, batch_size=1)
def renew_chunks(event):  # type: ignore[no-untyped-def]
    from .batch import process

    seconds_left = seconds_left_of(getattr(event, "context", None))
    return process(event, QUEUE, lambda record: handle_record(record, seconds_left))
