"""DynamoDB: attempt buckets of throttled keys (ADR 0007). One partition per key,
one item per minute; a window is one Query over a range of sort keys."""

from __future__ import annotations

from datetime import datetime

from . import keys
from .models import AttemptBucket


class DynamoAttemptCounter:
    def buckets(self, key: str, first: int, last: int) -> dict[int, int]:
        pk, low = keys.attempt_bucket(key, first)
        _, high = keys.attempt_bucket(key, last)
        found: dict[int, int] = {}
        for item in AttemptBucket.query(pk, AttemptBucket.SK.between(low, high), consistent_read=True):
            found[int(item.SK.removeprefix(keys.ATTEMPT_BUCKET_PREFIX))] = int(item.attempts)
        return found

    def add(self, key: str, bucket: int, expires_at: datetime) -> None:
        # UpdateItem with ADD: atomic, creates the item on the first attempt, no condition.
        AttemptBucket(*keys.attempt_bucket(key, bucket)).update(
            actions=[
                AttemptBucket.attempts.add(1),
                AttemptBucket.expires_at.set(expires_at),
                AttemptBucket.type.set(AttemptBucket),
            ]
        )

    def clear(self, key: str, buckets: list[int]) -> None:
        with AttemptBucket.batch_write() as batch:
            for bucket in buckets:
                batch.delete(AttemptBucket(*keys.attempt_bucket(key, bucket)))
