"""Transactions with bounded retries on transaction conflicts."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from .models import Item

T = TypeVar("T")
MAX_ATTEMPTS = 4


class TransactionConflictExhausted(Exception):
    """The transaction kept conflicting with concurrent ones; the caller may retry later."""


def connection() -> Connection:
    return Item._get_connection().connection


def reasons(error: TransactWriteError) -> list[str | None]:
    return [r.code if r is not None else None for r in (error.cancellation_reasons or [])]


def is_conflict(error: TransactWriteError) -> bool:
    return "TransactionConflict" in reasons(error)


def condition_failed(error: TransactWriteError) -> bool:
    return "ConditionalCheckFailed" in reasons(error)


def run(build: Callable[[TransactWrite], None], sleep: Callable[[float], None] = time.sleep) -> None:
    """Run one TransactWriteItems built by ``build``; retry (jittered backoff, bounded)
    when DynamoDB cancels it for a conflict with another transaction. Other
    cancellations (a failed condition) propagate at once."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            with TransactWrite(connection=connection()) as tw:
                build(tw)
            return
        except TransactWriteError as error:
            if not is_conflict(error):
                raise
            if attempt == MAX_ATTEMPTS:
                raise TransactionConflictExhausted("transaction conflicted repeatedly") from error
            sleep(random.uniform(0, 0.02 * 2**attempt))
