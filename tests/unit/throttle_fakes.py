"""In-memory AttemptCounter (services/ports.py), with what the DynamoDB adapter
guarantees: an add never reads, a read returns only the buckets asked for."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime


class FakeAttemptCounter:
    def __init__(self) -> None:
        self.attempts: dict[str, dict[int, int]] = defaultdict(dict)
        self.expiry: dict[tuple[str, int], datetime] = {}
        self.reads = 0
        self.adds = 0

    def buckets(self, key: str, first: int, last: int) -> dict[int, int]:
        self.reads += 1
        return {b: n for b, n in self.attempts[key].items() if first <= b <= last}

    def add(self, key: str, bucket: int, expires_at: datetime) -> None:
        self.adds += 1
        self.attempts[key][bucket] = self.attempts[key].get(bucket, 0) + 1
        self.expiry[(key, bucket)] = expires_at

    def clear(self, key: str, buckets: list[int]) -> None:
        for bucket in buckets:
            self.attempts[key].pop(bucket, None)
            self.expiry.pop((key, bucket), None)

    def total(self) -> int:
        """Every attempt stored, whatever its key."""
        return sum(sum(per_key.values()) for per_key in self.attempts.values())
