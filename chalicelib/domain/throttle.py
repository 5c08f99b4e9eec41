"""Attempt throttling: a sliding window of per-minute buckets (ADR 0007).

An attempt is counted in the bucket of the minute it happened in (minutes since
the epoch). A window of ``n`` minutes counts the buckets ``current - n + 1`` to
``current``: the minute under way and the ``n - 1`` before it, so an attempt
stops counting ``n`` minutes after the start of its minute. Pure arithmetic: the
storage adds to a bucket and reads a key's buckets back; everything else is here.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

BUCKET_SECONDS = 60
UNKNOWN_SOURCE = "unknown"  # the source address when the request names none


@dataclass(frozen=True)
class Limit:
    """At most ``attempts`` within ``window_minutes``."""

    attempts: int
    window_minutes: int

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.window_minutes < 1:
            raise ValueError("a limit needs at least one attempt and one minute")


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    attempts: int  # counted in the window now
    retry_after: int  # seconds until one more attempt is allowed (0 when allowed)


def bucket_of(at: datetime) -> int:
    """The minute (since the epoch) ``at`` falls in."""
    return math.floor(at.astimezone(UTC).timestamp()) // BUCKET_SECONDS


def first_bucket(now: datetime, limit: Limit) -> int:
    """The oldest bucket the window counts at ``now``."""
    return bucket_of(now) - limit.window_minutes + 1


def bucket_expiry(bucket: int, limit: Limit) -> datetime:
    """When a bucket can go: one bucket after it stops counting (the TTL attribute)."""
    return datetime.fromtimestamp((bucket + limit.window_minutes + 1) * BUCKET_SECONDS, UTC)


def counted(buckets: Mapping[int, int], now: datetime, limit: Limit) -> int:
    first, last = first_bucket(now, limit), bucket_of(now)
    return sum(n for b, n in buckets.items() if first <= b <= last)


def check(buckets: Mapping[int, int], now: datetime, limit: Limit) -> Verdict:
    """May one more attempt happen at ``now``? If not, how long until the window
    has room: the first minute boundary where the buckets still counted then sum
    to less than the limit (assuming no attempt meanwhile, since refused attempts
    are not counted)."""
    attempts = counted(buckets, now, limit)
    if attempts < limit.attempts:
        return Verdict(True, attempts, 0)
    current = bucket_of(now)
    later = current + 1
    while counted(buckets, _start_of(later), limit) >= limit.attempts:
        later += 1
    wait = _start_of(later) - now.astimezone(UTC)
    return Verdict(False, attempts, max(1, math.ceil(wait.total_seconds())))


def strictest(verdicts: list[Verdict]) -> Verdict:
    """All must allow; the wait is the longest of the refusals."""
    refused = [v for v in verdicts if not v.allowed]
    if not refused:
        return Verdict(True, max((v.attempts for v in verdicts), default=0), 0)
    return max(refused, key=lambda v: v.retry_after)


def subject(scope: str, value: str) -> str:
    """The stored key of what is counted: the scope and a digest of the value, so
    the table never holds an e-mail address or an IP address in clear."""
    return f"{scope}#{hashlib.sha256(value.encode()).hexdigest()[:32]}"


def _start_of(bucket: int) -> datetime:
    return datetime.fromtimestamp(bucket * BUCKET_SECONDS, UTC)
