"""Optimistic concurrency: read, decide, write guarded by what was read; when the
write finds the data moved (Conflict ``concurrent_update``), do it all again."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TypeVar

from ..domain.error_codes import CommonErrorCode, ErrorCode
from ..domain.errors import Conflict

T = TypeVar("T")


def retry_on_conflict(
    attempt: Callable[[], T],
    attempts: int = 4,
    codes: Collection[ErrorCode] = (CommonErrorCode.CONCURRENT_UPDATE,),
) -> T:
    """``attempt()``, run again while it raises a Conflict whose code is in ``codes``
    (``concurrent_update`` by default), at most ``attempts`` times in all; the last
    attempt's Conflict propagates, as does every other error at once."""
    for remaining in range(attempts - 1, -1, -1):
        try:
            return attempt()
        except Conflict as error:
            if error.code not in codes or remaining == 0:
                raise
    raise ValueError("attempts must be at least 1")
