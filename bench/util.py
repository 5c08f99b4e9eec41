"""Timing and DynamoDB round-trip counting helpers for the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


def timed(fn: Callable[[], Any], runs: int, warmup: int = 20) -> dict[str, float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "median_ms": statistics.median(samples),
        "p90_ms": samples[int(len(samples) * 0.9) - 1],
        "min_ms": samples[0],
        "runs": runs,
    }


class RoundTrips:
    """Counts DynamoDB API calls made through PynamoDB (and botocore clients)."""

    def __init__(self) -> None:
        self.calls: list[str] = []


@contextmanager
def count_round_trips() -> Iterator[RoundTrips]:
    from pynamodb.connection.base import Connection

    counter = RoundTrips()
    original = Connection._make_api_call

    def counting(self: Any, operation_name: str, operation_kwargs: dict[str, Any]) -> Any:
        counter.calls.append(operation_name)
        return original(self, operation_name, operation_kwargs)

    Connection._make_api_call = counting  # type: ignore[method-assign]
    try:
        yield counter
    finally:
        Connection._make_api_call = original  # type: ignore[method-assign]
