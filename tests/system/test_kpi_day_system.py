"""A scripted store day on the local stack (DynamoDB Local, moto server's SQS),
over HTTP, and the KPI row of that day checked against a hand computation.

- Traffic: 1,000 visitors, one session each, send their events to POST /events
  in batches of 50 (eight batches in flight at once): 200 see one page and
  leave (a bounce), 800 see a page and a product and search. Page views,
  sessions and bounce rate are exact; unique visitors within 2 %.
- Sales: 40 paid orders of 30 known customers (10 of them order twice) and 3
  refunds (one full, two partial) reach the analytics-sales worker as the order
  events the app publishes (``order.paid``, ``order.refunded``) put on the real
  analytics-sales queue and drained through the local event runner, as the RFM
  system test seeds order history; the refunds go the same way (the
  ``order.refunded`` event path the worker consumes, not the refund API, which
  would need 40 real payments first). Two events are delivered twice and count
  once. No customer is a member (the member share is 0.0): a membership needs a paid plan.
- Spend: two entries through POST /admin/marketing-spend.
Then POST /admin/jobs/aggregate_kpis/runs and GET /admin/reports/kpis."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from chalicelib.domain.events import new_event
from chalicelib.domain.throttle import Limit
from tests.support import ADMIN, iso, money
from tests.system.test_notifications_system import sqs_client

VISITORS = 1000
BOUNCERS = 200  # one page_view and nothing else
BATCH = 50
CUSTOMERS = 30
REPEATERS = 10  # the first ten customers order twice
UNIT_COST = 4_000  # each order: one line of 2 units costing 4,000 each
REFUNDS = {0: None, 1: 3_000, 2: 5_000}  # order index -> cumulative refunded (None: all of it)
SPEND = (20_000, 15_000)


def visitor_events(at: str) -> list[dict]:
    events = []
    for i in range(VISITORS):
        ids = {"visitor_id": f"kpi-visitor-{i:05d}", "session_id": f"kpi-session-{i:05d}", "at": at}
        events.append({"type": "page_view", "page": "/", **ids})
        if i >= BOUNCERS:
            events.append({"type": "product_view", "page": "/p/kpi", "product_id": "prod_kpi", **ids})
            events.append({"type": "search", "page": "/search", **ids})
    return events


def orders() -> list[dict]:
    """(data of each order.paid): order i by customer i % 30; totals 10,000 + 137 i."""
    out = []
    for i in range(CUSTOMERS + REPEATERS):
        total = 10_000 + 137 * i
        out.append(
            {
                "order_id": f"ord_kpiday{i:03d}",
                "customer_id": f"cus_kpiday{i % CUSTOMERS:03d}",
                "status": "paid",
                "payment_status": "paid",
                "total": money(total),
                "refunded": money(0),
                "lines": [{"sku": "KPI-1", "quantity": 2, "unit_cost": UNIT_COST, "payable": total}],
            }
        )
    return out


def test_a_scripted_day_gives_the_hand_computed_kpi_row(api, stack):
    from app import app
    from chalicelib.bootstrap import get_container
    from localdev.runner import EventRunner

    container = get_container()
    container.analytics.intake.limit = Limit(10_000, 1)  # one source address sends everything here
    now = datetime.now(UTC)

    # --- traffic --------------------------------------------------------------------------------
    events = visitor_events(iso(now))
    batches = [events[i : i + BATCH] for i in range(0, len(events), BATCH)]
    assert len(events) == BOUNCERS + 3 * (VISITORS - BOUNCERS) and all(len(b) == BATCH for b in batches)
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda b: api.post("/events", {"events": b}).status, batches))
    assert statuses == [202] * len(batches)

    # --- sales: order events on the analytics-sales queue, through its worker ----------------------
    sqs = sqs_client(stack)
    url = sqs.get_queue_url(QueueName=container.settings.queue_prefix + "analytics-sales")["QueueUrl"]
    paid = orders()
    bodies = [json.dumps(new_event("order.paid", data, now).to_wire()) for data in paid]
    for i, refunded in REFUNDS.items():
        data = paid[i]
        amount = data["total"]["amount"] if refunded is None else refunded
        refund = {
            **data,
            "status": "refunded" if refunded is None else "paid",
            "payment_status": "refunded" if refunded is None else "partially_refunded",
            "refunded": money(amount),
        }
        bodies.append(json.dumps(new_event("order.refunded", refund, now).to_wire()))
    for body in bodies + [bodies[0], bodies[-1]]:  # one payment and one refund delivered twice
        sqs.send_message(QueueUrl=url, MessageBody=body)
    runner = EventRunner(app, "us-east-1", sqs)
    worker = next(q for q in runner.queues if q.name == "analytics_sales")
    handled = 0
    while (got := runner.poll_once(worker, wait_seconds=1))[0]:
        assert got[1] == 0, got
        handled += got[0]
    assert handled == len(bodies) + 2

    # --- spend ------------------------------------------------------------------------------------
    today = container.analytics.kpis.today().isoformat()
    for n, amount in enumerate(SPEND):
        spend = {"date": today, "channel": "search_ads", "amount": money(amount), "campaign": f"day-{n}"}
        assert api.post("/admin/marketing-spend", spend, headers=ADMIN).status == 201

    # --- the job and the report -------------------------------------------------------------------
    run = api.post("/admin/jobs/aggregate_kpis/runs", {}, headers=ADMIN)
    assert run.status == 200, run.body
    assert run.body["summary"]["days"][-1] == today
    [row] = api.get(f"/admin/reports/kpis?from={today}&to={today}", headers=ADMIN).body["items"]

    gmv = sum(o["total"]["amount"] for o in paid)
    refunds = sum(paid[i]["total"]["amount"] if r is None else r for i, r in REFUNDS.items())
    margin = gmv - len(paid) * 2 * UNIT_COST
    spend_total = sum(SPEND)
    assert abs(row["uv"] - VISITORS) / VISITORS <= 0.02, row["uv"]
    expected = {
        "pv": BOUNCERS + 2 * (VISITORS - BOUNCERS),  # page_view and product_view; search is no page
        "sessions": VISITORS,
        "bounce_rate": round(BOUNCERS / VISITORS, 4),
        "orders": 40,
        "paying_customers": CUSTOMERS,
        "new_customers": CUSTOMERS,  # first orders all today
        "returning_customers": 0,
        "conversion_rate": round(CUSTOMERS / row["uv"], 4),
        "gmv": money(gmv),
        "aov": money(gmv // 40),
        "refunds": money(refunds),
        "refund_rate": round(refunds / gmv, 4),
        "gross_margin": money(margin),
        "gross_margin_rate": round(margin / gmv, 4),
        "member_sales_share": 0.0,
        "marketing_spend": money(spend_total),
        "roi": round((margin - spend_total) / spend_total, 4),
        "repurchase_rate": round(REPEATERS / CUSTOMERS, 4),
    }
    assert {k: row[k] for k in expected} == expected
    # the hand figures themselves, so a wrong formula above cannot pass silently
    assert (gmv, refunds, margin) == (
        10_000 * 40 + 137 * 780,
        10_000 + 3_000 + 5_000,
        10_000 * 40 + 137 * 780 - 320_000,
    )
