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
    return _summary(samples, runs)


def timed_together(fns: dict[str, Callable[[], Any]], runs: int, warmup: int = 20) -> dict[str, dict[str, float]]:
    """``timed`` for several functions at once, their calls interleaved (a b c, b c a,
    c a b, ...: each takes every place in turn): a ratio between them compares runs
    made under the same load of a shared machine, none always right after another."""
    for _ in range(warmup):
        for fn in fns.values():
            fn()
    order = list(fns.items())
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for run in range(runs):
        shift = run % len(order)
        for name, fn in order[shift:] + order[:shift]:
            started = time.perf_counter()
            fn()
            samples[name].append((time.perf_counter() - started) * 1000)
    return {name: _summary(found, runs) for name, found in samples.items()}


def _summary(samples: list[float], runs: int) -> dict[str, float]:
    samples.sort()
    return {
        "median_ms": statistics.median(samples),
        "p90_ms": samples[int(len(samples) * 0.9) - 1],
        "min_ms": samples[0],
        "runs": runs,
    }


class RoundTrips:
    """Counts DynamoDB API calls made through PynamoDB and through the raw reads
    (chalicelib/adapters/dynamo/raw_reads.py), in the order they are made."""

    def __init__(self) -> None:
        self.calls: list[str] = []


@contextmanager
def count_round_trips() -> Iterator[RoundTrips]:
    from pynamodb.connection.base import Connection

    from chalicelib.adapters.dynamo import raw_reads

    counter = RoundTrips()
    original = Connection._make_api_call
    original_raw = raw_reads.call

    def counting(self: Any, operation_name: str, operation_kwargs: dict[str, Any]) -> Any:
        counter.calls.append(operation_name)
        return original(self, operation_name, operation_kwargs)

    def counting_raw(operation: str, params: dict[str, Any]) -> dict[str, Any]:
        counter.calls.append(operation)
        return original_raw(operation, params)

    Connection._make_api_call = counting  # type: ignore[method-assign]
    raw_reads.call = counting_raw
    try:
        yield counter
    finally:
        Connection._make_api_call = original  # type: ignore[method-assign]
        raw_reads.call = original_raw
