"""`python -m bench settle`: the settle job fanned out (ADR 0012) on DynamoDB
Local (and moto's SQS for the chunk messages).

Seeds ``BENCH_SETTLE_ORDERS`` (default 20,000) paid orders, due for settlement,
with batch writes straight into the table; runs the coordinator (plan + chunk
messages), then one worker draining the chunk queue (the settle_chunks function
with a concurrency of one), then times the statement's recomputation again on
its own. Prints orders/s per worker, DynamoDB calls per order, and the projected
wall time for a million due orders with the reserved concurrency of
settle_chunks (infra/commerce_infra/stages.py), against the job's window.

Every ``BENCH_SETTLE_STRIPE_EVERY``-th seeded order (default 100th: 200 of
20,000) carries a real PaymentIntent, created and paid on the stack's
localstripe; the others have none (their fee is estimated, as for an order
Stripe cannot tell about). The drain counts every HTTP request the Stripe client
makes (like the DynamoDB calls), so the Stripe GETs per order are measured on
the real path, not assumed. Stripe's latency is not (localstripe answers in
milliseconds): the projection adds ``BENCH_STRIPE_MS`` (default 150 ms, an
assumption) per counted call, and caps the rate at Stripe's documented live
limits: 100 requests/s for the account, and 25 requests/s per endpoint unless
Stripe raises it (every settlement GET is one endpoint,
``GET /v1/payment_intents/{id}``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

SIZE = int(os.environ.get("BENCH_SETTLE_ORDERS", "20000"))
STRIPE_EVERY = int(os.environ.get("BENCH_SETTLE_STRIPE_EVERY", "100"))
STRIPE_MS = float(os.environ.get("BENCH_STRIPE_MS", "150"))
# Stripe's live-mode limits (docs.stripe.com/rate-limits): 100 requests/s for the account,
# shared with checkout, the webhooks' follow-ups and the other jobs; and a default of 25
# requests/s per endpoint, which Stripe raises for an account on request (weeks ahead).
STRIPE_ACCOUNT_PER_SECOND = 100
STRIPE_ENDPOINT_PER_SECOND = 25
STRIPE_SETTLE_SHARE = 80  # of the account's 100/s: the rest stays for checkout and refunds at night
MILLION = 1_000_000
# The job's window: the run starts at 02:00 store time (chalicelib/resources.py SCHEDULES)
# and its statement must be closed before 06:00, when finance's day starts.
WINDOW_SECONDS = 4 * 3600
WINDOW = "02:00-06:00 store time (4 h)"


def _orders(count: int, paid_from: datetime, intents: dict[int, str]) -> list[Any]:
    from chalicelib.domain.ids import new_id
    from chalicelib.domain.orders import Order, OrderLine, TimelineEntry

    orders = []
    spread = timedelta(hours=20) / max(count, 1)
    for i in range(count):
        at = paid_from + spread * i
        price = price_of(i)
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
                payment_intent_id=intents.get(i, f"pi_bench{i}"),
                # Recorded by the payment webhook (ADR 0029); none on an order paid before it.
                payment_fee=None if i in intents else recorded_fee(price),
                payment_captured=None if i in intents else price,
                timeline=(
                    TimelineEntry(at, "status_changed", "stripe", from_status="pending_payment", to_status="paid"),
                ),
            )
        )
    return orders


def price_of(i: int) -> int:
    return 1000 + (i % 97) * 100


def recorded_fee(price: int) -> int:
    return (price * 34 + 999) // 1000  # 3.4 %, as the webhook would have found it on the balance transaction


def paid_intents(count: int, every: int) -> dict[int, str]:
    """Every ``every``-th order's PaymentIntent, created and paid (a test card) on
    the stack's localstripe: order number -> PaymentIntent id."""
    from chalicelib.bootstrap import get_container

    client = get_container().payment_gateway._stripe()
    intents = {}
    for i in range(0, count, every):
        pi = client.v1.payment_intents.create(
            params={
                "amount": price_of(i),
                "currency": "cny",
                "payment_method_types": ["card"],
                "payment_method": "pm_card_visa",
                "confirm": True,
            }
        )
        intents[i] = str(pi["id"])
    return intents


def seed(count: int, paid_from: datetime, intents: dict[int, str]) -> float:
    """Batch writes (25 items a request) of ``count`` due orders and their index items
    (ADR 0031); returns seconds."""
    from chalicelib.adapters.dynamo.models import OrderRecord
    from chalicelib.adapters.dynamo.order_index import items
    from chalicelib.adapters.dynamo.order_records import order_record

    started = time.perf_counter()
    with OrderRecord.batch_write() as batch:
        for order in _orders(count, paid_from, intents):
            record = order_record(order)
            record.version = order.version  # as checkout's conditional write leaves it (a batch write sets none)
            batch.save(record)
            for item in items(order):
                batch.save(item)
    return time.perf_counter() - started


class StripeCalls:
    """Counts the Stripe client's HTTP requests (each a try: retries count) and their time."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.seconds = 0.0


@contextmanager
def count_stripe_calls() -> Iterator[StripeCalls]:
    import stripe

    counter = StripeCalls()
    original = stripe.RequestsClient.request

    def counting(self: Any, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        path = url.split("://", 1)[-1].split("/", 1)[-1].split("?", 1)[0]
        counter.calls.append(f"{method.upper()} /{path.rsplit('/', 1)[0]}/{{id}}")
        started = time.perf_counter()
        try:
            return original(self, method, url, *args, **kwargs)
        finally:
            counter.seconds += time.perf_counter() - started

    stripe.RequestsClient.request = counting  # type: ignore[method-assign]
    try:
        yield counter
    finally:
        stripe.RequestsClient.request = original  # type: ignore[method-assign]


def projection(
    plan_seconds: float, close_seconds: float, size: int, dynamo_ms: float, calls: float, workers: int, limit: float
) -> dict[str, float]:
    """A million due orders: the plan and the close scaled, the chunks at ``workers``
    workers each spending ``dynamo_ms`` + ``calls`` x STRIPE_MS an order, capped by
    ``limit`` Stripe requests/s."""
    scale = MILLION / size
    per_worker = 1000 / (dynamo_ms + calls * STRIPE_MS)
    rate = workers * per_worker
    if calls > 0:
        rate = min(rate, limit / calls)
    seconds = plan_seconds * scale + MILLION / rate + close_seconds * scale
    return {"orders_per_second": rate, "seconds": seconds, "stripe_requests_per_second": rate * calls}


def workers_to_fit(plan_seconds: float, close_seconds: float, size: int, dynamo_ms: float, calls: float) -> int | None:
    """The fewest workers that fit the window within the settlement's share of Stripe's
    account limit (with the per-endpoint limit raised to it), or None."""
    for workers in range(1, 201):
        p = projection(plan_seconds, close_seconds, size, dynamo_ms, calls, workers, STRIPE_SETTLE_SHARE)
        if p["seconds"] <= WINDOW_SECONDS:
            return workers
    return None


def bench_settle(size: int = SIZE) -> dict[str, Any]:
    """Needs the local stack's environment (DynamoDB Local, moto SQS, localstripe) applied."""
    import json

    import boto3

    from bench.journey import Usage, count_usage
    from bench.util import count_round_trips
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.settlement import RunRef, Statement
    from infra.commerce_infra.stages import RESERVED_CONCURRENCY

    container = get_container()
    settings = container.settings
    service = container.settlements
    as_of = datetime.now(UTC).replace(microsecond=0)
    intents = paid_intents(size, STRIPE_EVERY)
    seed_seconds = seed(size, as_of - timedelta(days=9), intents)

    started = time.perf_counter()
    summary = service.settle(as_of)
    plan_seconds = time.perf_counter() - started

    sqs = boto3.client("sqs", region_name=settings.region, endpoint_url=settings.sqs_endpoint)
    url = sqs.get_queue_url(QueueName=settings.queue_prefix + "settle-chunks")["QueueUrl"]
    chunks = 0
    calls: list[str] = []
    usage = Usage()
    started = time.perf_counter()
    with count_stripe_calls() as stripe_calls:
        while True:
            received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1, WaitTimeSeconds=0).get("Messages", [])
            if not received:
                break
            message = received[0]
            ref, number = RunRef.of_message(json.loads(message["Body"]))
            if chunks == 0:
                with count_round_trips() as trips, count_usage() as usage:
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
    from_stripe = sum(1 for line in lines if line.fee_source == "stripe")
    if from_stripe != size:
        raise RuntimeError(f"{from_stripe} of {size} fees from Stripe (recorded or asked for)")

    first_chunk = min(size, settings.settlement_chunk_size)
    workers = RESERVED_CONCURRENCY["settle_chunks"][0]
    per_worker = size / work_seconds
    # Each order's own time without localstripe's answers (Stripe's time is added at its assumed latency).
    dynamo_ms = (work_seconds - stripe_calls.seconds) * 1000 / size
    stripe_per_order = len(stripe_calls.calls) / size  # all seeded orders: the transition's share
    stripe_per_legacy = len(stripe_calls.calls) / len(intents) if intents else 0.0
    args = (plan_seconds, close_seconds, size, dynamo_ms)
    endpoint = min(STRIPE_ENDPOINT_PER_SECOND, STRIPE_SETTLE_SHARE)
    steady = projection(*args, 0.0, workers, STRIPE_ACCOUNT_PER_SECOND)
    transition = projection(*args, stripe_per_order, workers, endpoint)
    default_limit = projection(*args, stripe_per_legacy, workers, endpoint)
    raised_limit = projection(*args, stripe_per_legacy, workers, STRIPE_SETTLE_SHARE)
    return {
        "orders": size,
        "chunk_size": settings.settlement_chunk_size,
        "chunks": chunks,
        "seed_seconds": seed_seconds,
        "plan_seconds": plan_seconds,
        "work_seconds": work_seconds,
        "close_seconds": close_seconds,
        "orders_per_second_per_worker": per_worker,
        "order_ms_without_stripe": dynamo_ms,
        "dynamodb_calls_first_chunk": len(calls),
        "dynamodb_calls_per_order": len(calls) / first_chunk,
        "dynamodb_call_kinds": sorted({c: calls.count(c) for c in calls}.items()),
        # Counted from DynamoDB's answers (bench/journey.py), the first chunk's per order.
        "dynamodb_read_units_per_order": usage.read_units / first_chunk,
        "dynamodb_write_units_per_order": usage.write_units / first_chunk,
        "dynamodb_write_units_by_index_per_order": {k: v / first_chunk for k, v in usage.write_units_by_index.items()},
        "orders_fee_recorded": size - len(intents),
        "orders_paid_before_fee_recorded": len(intents),
        "stripe_calls": len(stripe_calls.calls),
        "stripe_call_kinds": sorted({c: stripe_calls.calls.count(c) for c in stripe_calls.calls}.items()),
        "stripe_calls_per_order": stripe_per_order,
        "stripe_calls_per_order_paid_before": stripe_per_legacy,
        "stripe_ms_local": stripe_calls.seconds * 1000 / max(len(stripe_calls.calls), 1),
        "stripe_ms_assumed": STRIPE_MS,
        "workers": workers,
        # The headline: every order's fee recorded with its payment (DynamoDB only).
        "projected_million_seconds": steady["seconds"],
        "projected_million_orders_per_second": steady["orders_per_second"],
        "fits_window": steady["seconds"] <= WINDOW_SECONDS,
        "projected_million_seconds_transition": transition["seconds"],
        "transition_fits_window": transition["seconds"] <= WINDOW_SECONDS,
        # The old path, for comparison: every order asking Stripe at night.
        "projected_million_seconds_with_stripe": default_limit["seconds"],
        "stripe_bound_orders_per_second": default_limit["orders_per_second"],
        "projected_million_seconds_stripe_limit_raised": raised_limit["seconds"],
        "stripe_limit_raised_orders_per_second": raised_limit["orders_per_second"],
        "workers_to_fit_with_limit_raised": workers_to_fit(*args, stripe_per_legacy),
        "stripe_limits": {
            "account_per_second": STRIPE_ACCOUNT_PER_SECOND,
            "endpoint_per_second_default": STRIPE_ENDPOINT_PER_SECOND,
            "settlement_share_per_second": STRIPE_SETTLE_SHARE,
        },
        "window": WINDOW,
        "window_seconds": WINDOW_SECONDS,
    }


def date_of(text: str) -> Any:
    from datetime import date

    return date.fromisoformat(text)


def print_settle(r: dict[str, Any]) -> None:
    hours = 3600
    print(f"\n== settle fanned out, DynamoDB Local + moto SQS + localstripe: {r['orders']} due orders ==")
    print(
        f"  seeded (batch writes) in {r['seed_seconds']:.1f} s; coordinator (keys read, {r['chunks']} chunks of "
        f"{r['chunk_size']} planned and sent) {r['plan_seconds']:.2f} s"
    )
    print(
        f"  one worker: {r['work_seconds']:.1f} s for every chunk = {r['orders_per_second_per_worker']:.0f} orders/s "
        f"({r['order_ms_without_stripe']:.2f} ms an order without Stripe's answers); statement recomputed from "
        f"{r['orders']} lines in {r['close_seconds']:.2f} s"
    )
    kinds = ", ".join(f"{name} x{n}" for name, n in r["dynamodb_call_kinds"])
    print(
        f"  DynamoDB calls, first chunk: {r['dynamodb_calls_first_chunk']} ({kinds}) = "
        f"{r['dynamodb_calls_per_order']:.2f} per order: {r['dynamodb_read_units_per_order']:.2f} read and "
        f"{r['dynamodb_write_units_per_order']:.2f} write units an order (counted)"
    )
    skinds = ", ".join(f"{name} x{n}" for name, n in r["stripe_call_kinds"]) or "none"
    print(
        f"  Stripe calls, counted: {r['stripe_calls']} ({skinds}): none for the {r['orders_fee_recorded']} orders "
        f"whose fee the payment webhook recorded; {r['stripe_calls_per_order_paid_before']:.2f} for each of the "
        f"{r['orders_paid_before_fee_recorded']} paid before (the fallback) = {r['stripe_calls_per_order']:.3f} per "
        f"order (localstripe {r['stripe_ms_local']:.1f} ms a call; projected at an assumed "
        f"{r['stripe_ms_assumed']:.0f} ms)"
    )
    lim = r["stripe_limits"]
    verdict = "fits" if r["fits_window"] else "does NOT fit"
    seconds = r["projected_million_seconds"]
    print(
        f"  1,000,000 due orders, fees recorded with their payments, settle_chunks' reserved concurrency "
        f"{r['workers']}: {r['projected_million_orders_per_second']:.0f} orders/s, {seconds:.0f} s = "
        f"{seconds / hours:.2f} h: {verdict} {r['window']} ({r['window_seconds']} s)"
    )
    print("  beside it:")
    rows = (
        (
            "the transition (this run's share of orders paid before the fee was recorded)",
            r["projected_million_seconds_transition"],
            None,
        ),
        (
            f"the old path, every order asking Stripe, Stripe's default {lim['endpoint_per_second_default']} req/s "
            "per endpoint",
            r["projected_million_seconds_with_stripe"],
            r["stripe_bound_orders_per_second"],
        ),
        (
            f"the same, endpoint limit raised to the settlement's {lim['settlement_share_per_second']} of "
            f"the account's {lim['account_per_second']} req/s",
            r["projected_million_seconds_stripe_limit_raised"],
            r["stripe_limit_raised_orders_per_second"],
        ),
    )
    for label, seconds, rate in rows:
        verdict = "fits" if seconds <= r["window_seconds"] else "does NOT fit"
        pace = f"{rate:.0f} orders/s, " if rate is not None else ""
        print(f"    {label}: {pace}{seconds:.0f} s = {seconds / hours:.2f} h: {verdict} {r['window']}")
    need = r["workers_to_fit_with_limit_raised"]
    print(f"    workers needed to fit with the raised limit: {need if need is not None else 'none fits'}")
