"""The settle-chunks queue worker (ADR 0012): each message is one chunk of a
fanned-out settle run. One message per invocation (a chunk is minutes of work);
the chunk resumes from its checkpoint, hands itself on when the invocation's
time runs short, and the last chunk done closes the run (the statement).
Partial batch failures, as the fulfillment worker: a chunk that keeps failing
reaches the DLQ after 5 receives, with its checkpoint kept for a redrive."""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from typing import Any

from chalice.app import Blueprint

log = logging.getLogger("commerce.workers.settlement")
bp = Blueprint(__name__)

# Read at import: Chalice declares event sources when the app is packaged.
QUEUE = os.environ.get("COMMERCE_QUEUE_PREFIX", "commerce-") + "settle-chunks"
FALLBACK_SECONDS = 600.0  # no Lambda context (a test): this much time per chunk


def seconds_left_of(context: Any) -> Callable[[], float]:
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    if callable(remaining):
        return lambda: float(remaining()) / 1000
    deadline = time.monotonic() + FALLBACK_SECONDS
    return lambda: deadline - time.monotonic()


def handle_record(record: Any, seconds_left: Callable[[], float]) -> str:
    from ..bootstrap import get_container
    from ..domain.settlement import RunRef

    ref, number = RunRef.of_message(json.loads(record.body))
    outcome = get_container().settlements.run_chunk(ref, number, seconds_left)
    log.info(
        "settlement chunk %s of run %s: %s",
        number,
        ref.run,
        outcome,
        extra={"event": "settlement_chunk", "run": ref.run, "chunk": number, "outcome": outcome},
    )
    return outcome


@bp.on_sqs_message(queue=QUEUE, batch_size=1)
def settle_chunks(event):  # type: ignore[no-untyped-def]
    from .batch import process

    seconds_left = seconds_left_of(getattr(event, "context", None))
    return process(event, QUEUE, lambda record: handle_record(record, seconds_left))
