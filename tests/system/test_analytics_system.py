"""Analytics on the local stack (DynamoDB Local), over HTTP: 1,000 visitor events
of 100 visitors in 20 batches sent from 8 threads at once (each visitor's ten
events split over two batches, as a browser sending twice) give exact page
views, sessions and bounces (atomic ADDs on sharded counters and session items)
and unique visitors within 2 % (HyperLogLog registers raised concurrently),
through aggregate_kpis and the report."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from chalicelib.domain.throttle import Limit
from tests.support import ADMIN, iso

VISITORS = 100
PER_BATCH = 10  # visitors a batch carries five events of
FIRST = ("page_view", "search", "add_to_cart", "begin_checkout", "search")  # one page: a bounce, for now
SECOND = ("product_view", "add_to_cart", "page_view", "search", "begin_checkout")  # two more pages


def test_concurrent_batches_count_exactly_and_visitors_within_two_percent(api):
    from chalicelib.bootstrap import get_container

    container = get_container()
    container.analytics.intake.limit = Limit(10_000, 1)  # one source address sends everything here
    at = iso(datetime.now(UTC))
    order = list(range(VISITORS))
    random.Random(21).shuffle(order)
    batches = []
    for half in range(2):  # a visitor's first five events in one batch, the other five in another
        for start in range(0, VISITORS, PER_BATCH):
            batch = []
            for i in order[start : start + PER_BATCH]:
                ids = {"visitor_id": f"visitor-{i:05d}", "session_id": f"session-{i:05d}", "at": at}
                for kind in FIRST if half == 0 else SECOND:
                    product = {"product_id": "prod_system"} if kind in ("product_view", "add_to_cart") else {}
                    batch.append({"type": kind, "page": "/", **ids, **product})
            batches.append(batch)
        order = order[::-1]
    random.Random(5).shuffle(batches)
    assert sum(len(b) for b in batches) == 1000 and len(batches) == 20

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda b: api.post("/events", {"events": b}).status, batches))
    assert statuses == [202] * 20

    run = api.post("/admin/jobs/aggregate_kpis/runs", {}, headers=ADMIN)
    assert run.status == 200, run.body
    today = run.body["summary"]["days"][-1]
    [row] = api.get(f"/admin/reports/kpis?from={today}&to={today}", headers=ADMIN).body["items"]
    assert row["pv"] == 3 * VISITORS  # page_view and product_view; search and the others are not pages
    assert row["sessions"] == VISITORS and row["bounce_rate"] == 0.0  # every session saw its second page
    assert abs(row["uv"] - VISITORS) / VISITORS <= 0.02, row["uv"]
    counts, registers = container.analytics.kpis.traffic.product_day(
        datetime.fromisoformat(today).date(), "prod_system"
    )
    assert counts == {"product_view": VISITORS, "add_to_cart": 2 * VISITORS}
    from chalicelib.domain.hll import HyperLogLog

    product_uv = HyperLogLog.from_bytes(registers, 10).estimate()
    assert abs(product_uv - VISITORS) / VISITORS <= 0.05, product_uv  # 1,024 registers: about 3 % error
