"""`python -m bench rfm`: the score_rfm job (ADR 0016) on DynamoDB Local.

Seeds ``BENCH_RFM_CUSTOMERS`` (default 100,000) synthetic customer stats items
(orders over the last two years, monthly buckets as the customer-stats worker
leaves them) with batch writes straight into the table, then runs score_rfm
once, in one invocation (no time budget), under tracemalloc: prints the wall
time of both passes, customers/s, the Python heap's peak during the run and the
process's peak RSS, the segment counts, and the time of a rerun of the same day
(which must change nothing). Writes bench/results/latest.json key ``rfm``.
"""

from __future__ import annotations

import os
import random
import resource
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from typing import Any

SIZE = int(os.environ.get("BENCH_RFM_CUSTOMERS", "100000"))
MILLION = 1_000_000


def _stats(i: int, now: datetime, rng: random.Random) -> Any:
    from chalicelib.domain.customer_stats import CustomerStats, month_of

    orders = min(1 + int(rng.expovariate(0.4)), 60)
    last = now - timedelta(days=int(rng.expovariate(1 / 120)) % 730)
    months: dict[str, list[int]] = {}
    spent = 0
    for k in range(orders):
        at = last - timedelta(days=int(rng.expovariate(1 / 60)) * (k > 0))
        amount = int(rng.lognormvariate(9.5, 1.0))
        spent += amount
        n, s = months.get(month_of(at), [0, 0])
        months[month_of(at)] = [n + 1, s + amount]
    kept = dict(sorted(months.items())[-13:])
    return CustomerStats(
        f"cus_bench{i:07d}", orders, spent, 0, 0, last - timedelta(days=400), last, "CNY", kept, version=1
    )


def seed(size: int, now: datetime) -> float:
    from chalicelib.adapters.dynamo.crm import CustomerStatsItem, _stats_body, shard_of, stats_key

    rng = random.Random(17)
    started = time.perf_counter()
    with CustomerStatsItem.batch_write() as batch:
        for i in range(size):
            s = _stats(i, now, rng)
            batch.save(
                CustomerStatsItem(
                    *stats_key(s.customer_id),
                    customer_id=s.customer_id,
                    body=_stats_body(s),
                    stats_version=1,
                    GSI5PK=f"CUSTSTATS#{shard_of(s.customer_id):02d}",
                    GSI5SK=s.customer_id,
                )
            )
    return time.perf_counter() - started


def bench_rfm(size: int = SIZE) -> dict[str, Any]:
    """Needs the local stack's environment (DynamoDB Local) applied."""
    from chalicelib.adapters.dynamo.crm import DynamoRfm
    from chalicelib.bootstrap import get_container
    from chalicelib.services.crm import RfmService

    settings = get_container().settings
    now = datetime.now(UTC).replace(microsecond=0)
    seed_seconds = seed(size, now)
    service = RfmService(DynamoRfm(), settings.store_timezone, budget_seconds=float("inf"))

    tracemalloc.start()
    started = time.perf_counter()
    summary = service.score(now)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    if summary["status"] != "done" or summary["scored"] != size:
        raise RuntimeError(f"scored {summary['scored']} of {size}: {summary}")

    started = time.perf_counter()
    again = service.score(now + timedelta(minutes=5))
    rerun_seconds = time.perf_counter() - started
    if not again["already_done"] or again["changed"]:
        raise RuntimeError(f"the rerun changed something: {again}")
    per_second = size / seconds
    return {
        "customers": size,
        "seed_seconds": round(seed_seconds, 1),
        "score_seconds": round(seconds, 1),
        "customers_per_second": round(per_second, 1),
        "peak_heap_mb": round(peak / 2**20, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "written": summary["changed"],
        "segments": summary["segments"],
        "rerun_seconds": round(rerun_seconds, 3),
        "million_invocations_of_600s": round(MILLION / per_second / 600, 1),
    }


def print_rfm(r: dict[str, Any]) -> None:
    print(f"\n== score_rfm on DynamoDB Local: {r['customers']:,} synthetic customers ==")
    print(f"  seeded in {r['seed_seconds']} s (batch writes)")
    print(
        f"  scored in {r['score_seconds']} s ({r['customers_per_second']:,.0f} customers/s, two passes, "
        f"{r['written']:,} scores written; under tracemalloc)"
    )
    print(f"  peak Python heap during the run: {r['peak_heap_mb']} MB; process peak RSS: {r['peak_rss_mb']} MB")
    print("  segments: " + ", ".join(f"{k} {v:,}" for k, v in r["segments"].items()))
    print(f"  rerun of the same day: {r['rerun_seconds']} s, nothing changed")
    print(
        f"  a million customers at this rate: {r['million_invocations_of_600s']} invocations of 600 s "
        "(each resumes from the checkpoint; DynamoDB Local is slower than DynamoDB)"
    )
