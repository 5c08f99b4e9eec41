"""Optimistic concurrency: read, decide, write guarded by what was read; when the
write finds the data moved (Conflict ``concurrent_update``), do it all again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..domain.error_codes import CommonErrorCode
from ..domain.errors import Conflict

T = TypeVar("T")


def retry_on_conflict(attempt: Callable[[], T], attempts: int = 4) -> T:
    """``attempt()``, run again while it raises Conflict ``concurrent_update``, at
    most ``attempts`` times in all; the last attempt's Conflict propagates, as does
    every other error at once."""
    for remaining in range(attempts - 1, -1, -1):
        try:
            return attempt()
        except Conflict as error:
            if error.code != CommonErrorCode.CONCURRENT_UPDATE or remaining == 0:
                raise
    raise ValueError("attempts must be at least 1")
