"""`python -m bench analytics`: storefront analytics (ADR 0021).

1. POST /events with a batch of 50 events (5 visitors, one session each, ten
   events each: pages, product views of 3 products, add to cart, search; new
   visitors every batch) through the whole app in-process (chalice.test.Client)
   on DynamoDB Local: median and p90 latency, and the DynamoDB calls one batch
   makes, counted as bench/reads.py counts round trips (PynamoDB and the raw
   reads) plus the analytics adapter's own low-level client, whose writes run
   in parallel threads (so calls, not sequential round trips). Then one
   aggregate_kpis pass over that day (Kpis.aggregate_day: reads the day's
   sharded counters and register segments; its cost does not grow with the
   number of events).
2. Aggregating a million events, pure and in memory: ``BENCH_ANALYTICS_EVENTS``
   (default 1,000,000) synthetic events of 200,000 visitors, generated lazily,
   planned in batches of 50 by ``plan_batch`` (what the intake computes before
   it writes) and folded into one day's counters and HyperLogLog registers, as
   the sharded counter items and register segments hold them; then the
   estimate. Timed once without tracemalloc, then again under tracemalloc for
   the Python heap's peak (the second run's time is tracemalloc-slowed and not
   the figure). The DynamoDB writes are not part of this path.

Prints figures; never asserts. Writes bench/results/latest.json key ``analytics``.
"""

from __future__ import annotations

import json
import os
import threading
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

RUNS = int(os.environ.get("BENCH_ANALYTICS_RUNS", "100"))
EVENTS = int(os.environ.get("BENCH_ANALYTICS_EVENTS", "1000000"))
VISITORS = 200_000
KINDS = ("page_view", "product_view", "add_to_cart", "product_view", "search")


def _batch(at: str) -> list[dict[str, Any]]:
    events = []
    for v in range(5):
        tag = uuid.uuid4().hex[:12]
        ids = {"visitor_id": f"vis-{tag}", "session_id": f"ses-{tag}", "at": at}
        for k in range(10):
            kind = KINDS[k % len(KINDS)]
            product = {"product_id": f"prod_bench{(v + k) % 3}"} if kind in ("product_view", "add_to_cart") else {}
            events.append({"type": kind, "page": f"/p{k}", **ids, **product})
    return events


def bench_events(client: Any) -> dict[str, Any]:
    from bench.util import count_round_trips, timed
    from chalicelib.adapters.dynamo import analytics as adapter
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.throttle import Limit

    container = get_container()
    container.analytics.intake.limit = Limit(1_000_000, 1)  # one source address sends every batch here
    headers = {"Content-Type": "application/json"}

    def post() -> None:
        at = datetime.now(UTC).isoformat().replace("+00:00", "Z")
        response = client.http.post("/events", headers=headers, body=json.dumps({"events": _batch(at)}).encode())
        if response.status_code != 202:
            raise RuntimeError(response.body)

    timing = timed(post, RUNS, warmup=10)
    low_level: list[str] = []
    lock = threading.Lock()

    def note(event_name: str, **_: Any) -> None:
        with lock:
            low_level.append(event_name.rsplit(".", 1)[-1])

    events = adapter.client().meta.events
    events.register("before-call.dynamodb", note)
    try:
        with count_round_trips() as trips:
            post()
    finally:
        events.unregister("before-call.dynamodb", note)
    calls = trips.calls + low_level
    started = time.perf_counter()
    row = container.analytics.kpis.aggregate_day(container.analytics.kpis.today())
    aggregate_ms = (time.perf_counter() - started) * 1000
    return {
        **timing,
        "events_per_batch": 50,
        "dynamodb_calls": len(calls),
        "dynamodb_writes": sum(
            1 for c in calls if c in ("UpdateItem", "PutItem", "BatchWriteItem", "TransactWriteItems")
        ),
        "calls": sorted(set(calls)),
        "call_counts": {c: calls.count(c) for c in sorted(set(calls))},
        "aggregate_day_ms": aggregate_ms,
        "aggregated_pv": row.pv,
        "aggregated_sessions": row.sessions,
        "load_average": os.getloadavg()[0],
    }


def synthetic(n: int, at: datetime) -> Iterator[Any]:
    from chalicelib.domain.analytics import VisitorEvent

    for i in range(n):
        v = (i * 7919) % VISITORS
        kind = KINDS[i % len(KINDS)]
        product = f"prod_{i % 500}" if kind in ("product_view", "add_to_cart") else None
        yield VisitorEvent(kind, f"visitor-{v:06d}", f"session-{v:06d}", at, product, "/")


def aggregate_in_memory(n: int) -> dict[str, Any]:
    """Plan ``n`` events in batches of 50 and fold them into one day's counters and registers."""
    from chalicelib.domain.analytics import plan_batch
    from chalicelib.domain.hll import HyperLogLog

    at = datetime(2026, 12, 6, 12, tzinfo=UTC)
    counts: dict[str, int] = {}
    sketch = HyperLogLog()
    sessions: dict[str, int] = {}
    batch: list[Any] = []

    def fold() -> None:
        delta = plan_batch(batch, "Asia/Shanghai")
        for day_counts in delta.counts.values():
            for name, k in day_counts.items():
                counts[name] = counts.get(name, 0) + k
        for registers in delta.visitors.values():
            for index, rank in registers.items():
                sketch.set_max(index, rank)
        for (_, session), (_, pages) in delta.sessions.items():
            sessions[session] = sessions.get(session, 0) + pages
        batch.clear()

    for event in synthetic(n, at):
        batch.append(event)
        if len(batch) == 50:
            fold()
    if batch:
        fold()
    return {
        "events": sum(counts.values()),
        "uv_estimate": sketch.estimate(),
        "visitors": min(n, VISITORS),
        "sessions": len(sessions),
        "single_page_sessions": sum(1 for p in sessions.values() if p == 1),
    }


def bench_aggregation(n: int = EVENTS) -> dict[str, Any]:
    started = time.perf_counter()
    figures = aggregate_in_memory(n)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    aggregate_in_memory(n)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {**figures, "seconds": seconds, "events_per_second": n / seconds, "peak_heap_mib": peak / 2**20}


def bench_analytics() -> dict[str, Any]:
    from app import app
    from localdev.server import test_client

    return {"post_events": bench_events(test_client(app)), "aggregation": bench_aggregation()}


def print_analytics(results: dict[str, Any]) -> None:
    p = results["post_events"]
    print("\n== POST /events, 50 events (5 visitors), in-process on DynamoDB Local ==")
    print(f"  median {p['median_ms']:.1f} ms   p90 {p['p90_ms']:.1f} ms   ({p['runs']} batches)")
    print(
        f"  DynamoDB calls per batch: {p['dynamodb_calls']}, of them writes: {p['dynamodb_writes']} "
        f"({', '.join(f'{c} x{n}' for c, n in p['call_counts'].items())})"
    )
    print(
        f"  aggregate_kpis of that day (aggregate_day): {p['aggregate_day_ms']:.0f} ms "
        f"(pv {p['aggregated_pv']}, sessions {p['aggregated_sessions']})"
    )
    a = results["aggregation"]
    print(f"\n== aggregating {a['events']:,} synthetic events in memory (plan_batch per 50, counters + HLL) ==")
    print(
        f"  {a['seconds']:.1f} s, {a['events_per_second']:,.0f} events/s; peak Python heap {a['peak_heap_mib']:.1f} MiB"
    )
    print(
        f"  uv estimate {a['uv_estimate']:,} of {a['visitors']:,} visitors; "
        f"{a['sessions']:,} sessions, {a['single_page_sessions']:,} single-page"
    )
