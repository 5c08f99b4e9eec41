"""Transactions with bounded retries on transaction conflicts."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

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


# What a failed condition means: the error to raise (from the cancellation), or a
# function of the cancellation giving it (None: re-raise the cancellation as is).
Refusal = BaseException | Callable[[TransactWriteError], BaseException | None]


def run_checked(build: Callable[[TransactWrite], None], refused: Refusal | None = None) -> bool:
    """``run(build)``, mapping a failed condition to a domain error: True when the
    transaction applied; when a condition failed, raise what ``refused`` gives
    (chained to the cancellation), or return False when ``refused`` is None.
    Cancellations for other reasons propagate."""
    try:
        run(build)
    except TransactWriteError as error:
        if not condition_failed(error):
            raise
        if refused is None:
            return False
        mapped = refused if isinstance(refused, BaseException) else refused(error)
        if mapped is None:
            raise
        raise mapped from error
    return True


def put_refused(error: Exception) -> bool:
    """A single conditional write (PutError, UpdateError, DeleteError) whose condition failed."""
    return getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException"


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


class Labelled:
    """Records a label for each item added to a TransactWrite, in the order
    DynamoDB receives them (PynamoDB sends condition checks, deletes, puts,
    then updates), so a cancellation reason names what failed."""

    def __init__(self, tw: TransactWrite) -> None:
        self.tw = tw
        self._labels: dict[str, list[str]] = {"check": [], "delete": [], "put": [], "update": []}

    def check(self, label: str, *args: Any, **kwargs: Any) -> None:
        self._labels["check"].append(label)
        self.tw.condition_check(*args, **kwargs)

    def delete(self, label: str, *args: Any, **kwargs: Any) -> None:
        self._labels["delete"].append(label)
        self.tw.delete(*args, **kwargs)

    def save(self, label: str, *args: Any, **kwargs: Any) -> None:
        self._labels["put"].append(label)
        self.tw.save(*args, **kwargs)

    def update(self, label: str, *args: Any, **kwargs: Any) -> None:
        self._labels["update"].append(label)
        self.tw.update(*args, **kwargs)

    def raw_update(self, label: str, hash_key: str, range_key: str, actions: list[Any], condition: Any) -> None:
        """An UpdateItem built without a model instance, so PynamoDB adds no
        version handling to it (a counter on a versioned item)."""
        from pynamodb.constants import KEY

        kwargs = Item._get_connection().get_operation_kwargs(
            hash_key, range_key=range_key, key=KEY, actions=actions, condition=condition
        )
        self._labels["update"].append(label)
        self.tw._update_items.append(kwargs)

    @property
    def labels(self) -> list[str]:
        return self._labels["check"] + self._labels["delete"] + self._labels["put"] + self._labels["update"]


def failed_labels(error: TransactWriteError, labels: list[str]) -> list[str]:
    return [label for label, reason in zip(labels, reasons(error), strict=False) if reason == "ConditionalCheckFailed"]
