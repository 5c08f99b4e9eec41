"""`python -m bench settle`: the settle job fanned out (ADR 0012) on DynamoDB
Local (and moto's SQS for the chunk messages).

Seeds ``BENCH_SETTLE_ORDERS`` (default 20,000) paid orders, due for settlement,
with batch writes straight into the table; runs the coordinator (plan + chunk
messages), then one worker draining the chunk queue (the settle_chunks function
with a concurrency of one), then times the statement's recomputation again on
its own. Prints orders/s per worker, DynamoDB calls per order, and the projected
wall time for a million due orders with the reserved concurrency of
settle_chunks (infra/commerce_infra/stages.py), against the job's window.

The seeded orders have no PaymentIntent, so their fee is estimated and Stripe is
not called: the measure is the DynamoDB side. The Stripe side is projected from
the calls per order (3: PaymentIntent, Charge, BalanceTransaction; see
chalicelib/adapters/stripe_gateway.py) and an assumed latency per call
(``BENCH_STRIPE_MS``, default 150 ms: an assumption, not a measurement).
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from typing import Any

SIZE = int(os.environ.get("BENCH_SETTLE_ORDERS", "20000"))
STRIPE_MS = float(os.environ.get("BENCH_STRIPE_MS", "150"))
STRIPE_CALLS_PER_ORDER = 3
STRIPE_BUDGET_PER_SECOND = 100  # Stripe's live-mode rate limit, shared with checkout and refunds
MILLION = 1_000_000
# The job's window: the run starts at 02:00 store time (chalicelib/resources.py SCHEDULES)
# and its statement must be closed before 06:00, when finance's day starts.
WINDOW_SECONDS = 4 * 3600
WINDOW = "02:00-06:00 store time (4 h)"


def _orders(count: int, paid_from: datetime) -> list[Any]:
    from chalicelib.domain.ids import new_id
    from chalicelib.domain.orders import Order, OrderLine, TimelineEntry

    orders = []
    spread = timedelta(hours=20) / max(count, 1)
    for i in range(count):
        at = paid_from + spread * i
        price = 1000 + (i % 97) * 100
        line = OrderLine(
            sku="BENCH-SETTLE",
            product_id="prod_bench",
            title="Bench",
            specs={},
            quantity=1,
            list_price=price,
            unit_price=price,
            line_total=price,
            order_discount=0,
            payable=price,
        )
        orders.append(
            Order(
                id=new_id("ord"),
                customer_id=f"cus_bench{i % 1000}",
                cart_id=new_id("cart"),
                status="paid",
                payment_status="paid",
                currency="CNY",
                lines=(line,),
                subtotal=price,
                discounts=(),
                shipping=0,
                total=price,
                shipping_address={"name": "B", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Rd"},
                created_at=at,
                updated_at=at,
                payment_due_at=at + timedelta(minutes=30),
                amount_paid=price,
                timeline=(
                    TimelineEntry(at, "status_changed", "stripe", from_status="pending_payment", to_status="paid"),
                ),
            )
        )
    return orders


def seed(count: int, paid_from: datetime) -> float:
    """Batch writes (25 items a request) of ``count`` due orders; returns seconds."""
    from chalicelib.adapters.dynamo.models import OrderRecord
    from chalicelib.adapters.dynamo.order_records import order_record

    started = time.perf_counter()
    with OrderRecord.batch_write() as batch:
        for order in _orders(count, paid_from):
            record = order_record(order)
            record.version = order.version  # as checkout's conditional write leaves it (a batch write sets none)
            batch.save(record)
    return time.perf_counter() - started


def bench_settle(size: int = SIZE) -> dict[str, Any]:
    """Needs the local stack's environment (DynamoDB Local, moto SQS) applied."""
    import json

    import boto3

    from bench.util import count_round_trips
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.settlement import RunRef, Statement
    from infra.commerce_infra.stages import RESERVED_CONCURRENCY

    container = get_container()
    settings = container.settings
    service = container.settlements
    as_of = datetime.now(UTC).replace(microsecond=0)
    seed_seconds = seed(size, as_of - timedelta(days=9))

    started = time.perf_counter()
    summary = service.settle(as_of)
    plan_seconds = time.perf_counter() - started

    sqs = boto3.client("sqs", region_name=settings.region, endpoint_url=settings.sqs_endpoint)
    url = sqs.get_queue_url(QueueName=settings.queue_prefix + "settle-chunks")["QueueUrl"]
    chunks = 0
    calls: list[str] = []
    started = time.perf_counter()
    while True:
        received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1, WaitTimeSeconds=0).get("Messages", [])
        if not received:
            break
        message = received[0]
        ref, number = RunRef.of_message(json.loads(message["Body"]))
        if chunks == 0:
            with count_round_trips() as trips:
                service.run_chunk(ref, number)
            calls = trips.calls
        else:
            service.run_chunk(ref, number)
        sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        chunks += 1
    work_seconds = time.perf_counter() - started

    ref = RunRef("settle", date_of(summary["business_date"]), summary["run"])
    # The close on its own, again: every line read, the totals computed and written (a
    # write the stored statement refuses: it has as many lines).
    started = time.perf_counter()
    lines = service.store.lines(ref.business_date)
    service.store.save_statement(Statement(ref.business_date, settings.currency, tuple(lines)), as_of)
    close_seconds = time.perf_counter() - started
    statement = service.store.statement(ref.business_date) or {}
    settled = int(statement.get("line_count", 0))
    if settled != size:
        raise RuntimeError(f"settled {settled} of {size} orders ({chunks} chunks run; the run: {summary})")

    first_chunk = min(size, settings.settlement_chunk_size)
    workers = RESERVED_CONCURRENCY["settle_chunks"][0]
    per_worker = size / work_seconds
    dynamo_ms = 1000 / per_worker
    scale = MILLION / size
    # One worker's time per order with Stripe: the DynamoDB part measured, Stripe's assumed.
    stripe_per_worker = 1000 / (dynamo_ms + STRIPE_CALLS_PER_ORDER * STRIPE_MS)
    stripe_rate = min(workers * stripe_per_worker, STRIPE_BUDGET_PER_SECOND / STRIPE_CALLS_PER_ORDER)
    projected_dynamo = plan_seconds * scale + MILLION / (per_worker * workers) + close_seconds * scale
    projected_stripe = plan_seconds * scale + MILLION / stripe_rate + close_seconds * scale
    # The next step of ADR 0012: one Stripe call per order (the PaymentIntent with its charge's
    # balance transaction expanded).
    one_call_rate = min(workers * 1000 / (dynamo_ms + STRIPE_MS), STRIPE_BUDGET_PER_SECOND)
    projected_one_call = plan_seconds * scale + MILLION / one_call_rate + close_seconds * scale
    return {
        "orders": size,
        "chunk_size": settings.settlement_chunk_size,
        "chunks": chunks,
        "seed_seconds": seed_seconds,
        "plan_seconds": plan_seconds,
        "work_seconds": work_seconds,
        "close_seconds": close_seconds,
        "orders_per_second_per_worker": per_worker,
        "dynamodb_calls_first_chunk": len(calls),
        "dynamodb_calls_per_order": len(calls) / first_chunk,
        "dynamodb_call_kinds": sorted({c: calls.count(c) for c in calls}.items()),
        "workers": workers,
        "stripe_ms_assumed": STRIPE_MS,
        "projected_million_seconds_dynamodb_only": projected_dynamo,
        "projected_million_seconds_with_stripe": projected_stripe,
        "stripe_bound_orders_per_second": stripe_rate,
        "projected_million_seconds_one_stripe_call": projected_one_call,
        "one_stripe_call_orders_per_second": one_call_rate,
        "window": WINDOW,
        "window_seconds": WINDOW_SECONDS,
    }


def date_of(text: str) -> Any:
    from datetime import date

    return date.fromisoformat(text)


def print_settle(r: dict[str, Any]) -> None:
    hours = 3600
    print(f"\n== settle fanned out, DynamoDB Local + moto SQS: {r['orders']} due orders ==")
    print(
        f"  seeded (batch writes) in {r['seed_seconds']:.1f} s; coordinator (keys read, {r['chunks']} chunks of "
        f"{r['chunk_size']} planned and sent) {r['plan_seconds']:.2f} s"
    )
    print(
        f"  one worker: {r['work_seconds']:.1f} s for every chunk = {r['orders_per_second_per_worker']:.0f} orders/s; "
        f"statement recomputed from {r['orders']} lines in {r['close_seconds']:.2f} s"
    )
    kinds = ", ".join(f"{name} x{n}" for name, n in r["dynamodb_call_kinds"])
    print(
        f"  DynamoDB calls, first chunk: {r['dynamodb_calls_first_chunk']} ({kinds}) = "
        f"{r['dynamodb_calls_per_order']:.2f} per order"
    )
    print(f"  projected for 1,000,000 with settle_chunks' reserved concurrency {r['workers']}:")
    dyn, stripe = r["projected_million_seconds_dynamodb_only"], r["projected_million_seconds_with_stripe"]
    print(f"    DynamoDB side only (fees estimated): {dyn:.0f} s = {dyn / hours:.2f} h")
    print(
        f"    with Stripe ({STRIPE_CALLS_PER_ORDER} calls/order at an assumed {r['stripe_ms_assumed']:.0f} ms, "
        f"capped at {STRIPE_BUDGET_PER_SECOND} req/s): {r['stripe_bound_orders_per_second']:.0f} orders/s, "
        f"{stripe:.0f} s = {stripe / hours:.2f} h"
    )
    one = r["projected_million_seconds_one_stripe_call"]
    print(
        f"    with 1 Stripe call/order (expand; not done yet): {r['one_stripe_call_orders_per_second']:.0f} "
        f"orders/s, {one:.0f} s = {one / hours:.2f} h"
    )
    for label, seconds in (("DynamoDB side", dyn), ("with Stripe", stripe), ("1 Stripe call/order", one)):
        verdict = "fits" if seconds <= r["window_seconds"] else "does NOT fit"
        print(f"    window {r['window']}: {label} {verdict}")
