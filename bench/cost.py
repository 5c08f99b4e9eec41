"""`python -m bench cost`: what 1,000 orders cost on AWS, from one order's journey
(browse, cart, checkout, pay, fulfil, settle), at list prices (us-east-1).

Order writes are counted with what DynamoDB really charges for them: the
order item's size (measured: the real record of a journey's order, serialised
by the adapter, rounded up to the KB) times its copies, the table's item plus
one per global secondary index the item is in (every index projects ALL:
chalicelib/resources.py), plus one more where a write moves an index key (the
old index entry deleted, the new one put). A transaction costs twice.

Each step lists its API requests, its DynamoDB calls (the round trips of
docs/data-model.md: "Round trips per cart request", "per order request", "per
back-office operation", "per membership and settlement operation"; settle's per
order from `python -m bench settle` when bench/results/latest.json has it), and
the events and messages it sends. Read and write request units follow from the
calls and the item sizes assumed below (a transaction costs twice its items'
units). Lambda time is the API's warm median from the latest bench results when
present (GET /products/{id}, POST /checkout), otherwise the defaults below;
billed at the prod stage's memory (.chalice/config.json: 1024 MB, x86).
Stripe's fees are not AWS costs and are left out (they are a percentage of
the amount paid, orders of magnitude above all of this).

Prints the cost per 1,000 orders, by service and by step, and what dominates.
Goal: at most $0.10 per 1,000 orders.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GOAL_PER_1000 = 0.10

# AWS list prices, us-east-1. PRICES_AS_OF is the date of the latest change among them
# (DynamoDB on-demand's 50 % cut of 1 November 2024); PRICES_CHECKED the day they were
# last compared with published price summaries (AWS's pricing whitepaper and third-party
# pricing guides dated March-June 2026: unchanged), not with AWS's own pricing pages,
# which this machine cannot fetch. Re-check before quoting a figure outside this repository.
PRICES_AS_OF = "2024-11-01"
PRICES_CHECKED = "2026-12-06"
PRICES: dict[str, tuple[float, str]] = {
    "dynamodb_write": (0.625 / 1e6, "per write request unit, on-demand (1 KB)"),
    "dynamodb_read": (0.125 / 1e6, "per read request unit, on-demand (4 KB strongly consistent, 8 KB eventually)"),
    "dynamodb_storage": (0.25, "per GB-month, Standard table class"),
    "dynamodb_pitr": (0.20, "per GB-month, continuous backups"),
    "lambda_request": (0.20 / 1e6, "per invocation"),
    "lambda_gb_second": (0.0000166667, "per GB-second, x86"),
    "api_gateway_rest": (3.50 / 1e6, "per REST API request (first 333 million a month): what Chalice deploys"),
    "api_gateway_http": (1.00 / 1e6, "per HTTP API request (first 300 million a month): not deployed (ADR 0013)"),
    "sqs_request": (0.40 / 1e6, "per standard queue request (64 KB chunk), beyond the free million"),
    "eventbridge_event": (1.00 / 1e6, "per custom event published to a bus"),
    "cloudwatch_logs_gb": (0.50, "per GB ingested, Standard log class"),
    "xray_trace": (5.00 / 1e6, "per trace recorded, beyond the free 100,000 a month"),
}

# Assumptions (not measured): sizes, log volume and tracing.
ORDER_KB_ASSUMED = 4  # the figure used before the order item was measured (order_item_kb)
SMALL_KB = 1  # pointers, outbox events, idempotency records, ledger rows, chunk items
LOG_KB_PER_INVOCATION = 1.5  # the access log line, the app's JSON lines, Lambda's START/END/REPORT
XRAY_SAMPLED = 0.05  # X-Ray's default rule: the first request each second, then 5 %
MEMORY_GB = 1024 / 1024  # prod
DEFAULT_API_MS = 40.0  # warm Lambda duration of a simple API request (billed per ms)
DEFAULT_CHECKOUT_MS = 250.0
STORED_KB_PER_ORDER = 12  # the order, its pointers, ledger rows, fulfillment, settlement line


@dataclass
class Step:
    name: str
    api_requests: int = 0
    lambda_ms: float = 0.0  # every invocation of the step together (API and workers)
    invocations: int = 0  # Lambda invocations (API requests included)
    reads: float = 0.0  # read request units
    writes: float = 0.0  # write request units
    events: int = 0  # EventBridge events
    sqs: int = 0  # SQS requests (send, receive, delete)
    notes: list[str] = field(default_factory=list)


def _bench_results() -> dict[str, Any]:
    path = Path(__file__).resolve().parent / "results" / "latest.json"
    return json.loads(path.read_text()) if path.exists() else {}


def _value_bytes(value: dict[str, Any]) -> int:
    """DynamoDB's size of one attribute value (its documented item-size rules)."""
    ((kind, v),) = value.items()
    if kind == "S":
        return len(v.encode())
    if kind == "N":
        return (len(v.lstrip("-").replace(".", "")) + 1) // 2 + 1
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "M":
        return 3 + sum(len(k.encode()) + _value_bytes(e) + 1 for k, e in v.items())
    if kind == "L":
        return 3 + sum(_value_bytes(e) + 1 for e in v)
    if kind == "SS":
        return sum(len(e.encode()) for e in v)
    raise ValueError(f"no size rule for {kind}")


def order_item_bytes() -> int:
    """The order item at the end of a journey (2 lines, an address, its PaymentIntent,
    paid, fulfilling, shipped, delivered, completed in its timeline), serialised by
    the adapter that writes it."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from bench.settle import _orders
    from chalicelib.adapters.dynamo.order_records import order_record
    from chalicelib.domain.orders import TimelineEntry

    order = _orders(1, datetime(2026, 1, 1, tzinfo=UTC), {0: "pi_3Q" + "x" * 22})[0]
    line = order.lines[0]
    steps = (("paid", "fulfilling"), ("fulfilling", "shipped"), ("shipped", "delivered"), ("delivered", "completed"))
    timeline = order.timeline + tuple(
        TimelineEntry(order.created_at, "status_changed", "system", from_status=a, to_status=b) for a, b in steps
    )
    order = replace(order, lines=(line, replace(line, sku="BENCH-SETTLE-2")), timeline=timeline)
    serialised = order_record(order).serialize()
    return sum(len(name.encode()) + _value_bytes(value) for name, value in serialised.items())


def order_item_kb() -> int:
    return max(1, math.ceil(order_item_bytes() / 1024))  # write units are whole KB


def journey(results: dict[str, Any], order_kb: float, lean_indexes: bool = False) -> list[Step]:
    """``lean_indexes``: the what-if of GSI2 and GSI5 projecting keys only (each copy
    then ~1 KB), GSI1 (the customer's order list) still ALL."""

    def ow(copies: int) -> float:
        """One order write: the item plus ``copies - 1`` index writes (GSI1, GSI2 and
        GSI5 when due; one more for each index key the write moves)."""
        if lean_indexes:
            return 2 * order_kb + (copies - 2) * SMALL_KB
        return copies * order_kb

    api_ms = DEFAULT_API_MS
    checkout_ms = DEFAULT_CHECKOUT_MS
    if "get_product" in results:
        api_ms = float(results["get_product"]["app"]["median_ms"])
    if "checkout" in results:
        checkout_ms = float(results["checkout"]["sequential"]["median_ms"])
    settle = results.get("settle", {})
    settle_calls = float(settle.get("dynamodb_calls_per_order", 1.1))
    settle_ms = 1000 / float(settle.get("orders_per_second_per_worker", 100))
    stripe_calls = float(settle.get("stripe_calls_per_order", 1.0))

    steps = [
        # 3 product pages (1 Query each, 1 RRU) and 2 listings (Query GSI1, ~8 KB eventually consistent).
        Step("browse", api_requests=5, invocations=5, lambda_ms=5 * api_ms, reads=3 * 1 + 2 * 1),
        # POST /carts (1 transaction of 1 item), 2 x POST items (3 reads, a 2-item transaction, the pricing
        # batch of ~4 items), 2 x GET /carts (GetItem, BatchGetItem).
        Step(
            "cart",
            api_requests=5,
            invocations=5,
            lambda_ms=5 * api_ms,
            writes=2 * SMALL_KB + 2 * (2 * 2 * SMALL_KB),
            reads=2 * (3 + 4) + 2 * (1 + 4),
        ),
        # 8 round trips: idempotency put + update, cart, pricing batch, promotions, template, the order
        # transaction (order, 2 SKUs, 2 ledger rows, cart, outbox), the PaymentIntent pointer transaction.
        Step(
            "checkout",
            api_requests=1,
            invocations=1,
            lambda_ms=checkout_ms,
            # The new order is in GSI1, GSI2 and GSI5 (DUE#payment): 4 copies; the pointer
            # transaction updates it in place (4 again).
            writes=2 * SMALL_KB + 2 * (ow(4) + 6 * SMALL_KB) + 2 * (ow(4) + SMALL_KB),
            reads=1 + 4 + 1 + 1,
            notes=["Stripe: create the PaymentIntent"],
        ),
        # The webhook: GetItem, Query, a transaction (order, processed event, 2 outbox events), 2 deletes;
        # order.paid and order.ready_for_fulfillment to the bus, the second to the fulfillment queue.
        Step(
            "pay",
            api_requests=1,
            invocations=1,
            lambda_ms=api_ms * 1.5,
            reads=1 + 1,
            # pending_payment -> paid moves GSI2 (ORDERS#<status>) and GSI5 (DUE#payment ->
            # DUE#settlement): 1 + 1 + 2 + 2 copies.
            writes=2 * (ow(6) + 3 * SMALL_KB) + 2 * SMALL_KB,
            events=2,
            sqs=3,
        ),
        # Worker (5 calls), staff shipment (4), 3 carrier webhooks (3-4 calls), confirm receipt (4):
        # order.fulfilling, shipped, delivered, completed.
        Step(
            "fulfil",
            api_requests=5,
            invocations=6,
            lambda_ms=6 * api_ms,
            reads=3 + 2 + 3 * 2 + 2,
            # Status changes move GSI2 (5 copies); the two in-transit webhooks move nothing (4).
            writes=2 * (ow(5) + SMALL_KB)
            + 2 * (ow(5) + 4 * SMALL_KB)
            + 2 * 2 * (ow(4) + SMALL_KB)
            + 2 * (ow(5) + SMALL_KB)
            + 2 * ow(5)
            + 4 * SMALL_KB,
            events=4,
        ),
        # Per order: its share of the due-key read and page reads, a consistent BatchGetItem share, the
        # transaction (order + line), its share of checkpoints, and the statement's read of its line.
        Step(
            "settle",
            invocations=0,
            lambda_ms=settle_ms,
            reads=0.5 + math.ceil(order_kb / 4) + 0.1,
            # The order leaves DUE#settlement (its GSI5 entry deleted): 4 copies; and the line.
            writes=2 * (ow(4) + SMALL_KB) + 0.02,
            sqs=3 / 500,
            notes=[
                f"{settle_calls:.2f} DynamoDB calls per order",
                f"Stripe: {stripe_calls:.2f} GET per order (the PaymentIntent, its fee expanded)",
            ],
        ),
    ]
    return steps


def measured_steps(results: dict[str, Any]) -> list[Step] | None:
    """The journey's steps as `python -m bench journey` counted them (bench/journey.py:
    DynamoDB's consumed capacity, EventBridge entries, SQS requests, Lambda invocations
    and time), and settlement's share per order from `python -m bench settle`'s first
    chunk, counted the same way. None when the results hold no journey."""
    journey_run = results.get("journey")
    if not journey_run:
        return None
    steps = [
        Step(
            s["name"],
            api_requests=int(s["api_requests"]),
            invocations=int(s["invocations"]),
            lambda_ms=float(s["lambda_ms"]),
            reads=float(s["reads"]),
            writes=float(s["writes"]),
            events=int(s["events"]),
            sqs=int(s["sqs"]),
            notes=[f"{s['dynamodb_calls']} DynamoDB calls, {s['worker_invocations']} worker invocations"],
        )
        for s in journey_run["steps"]
    ]
    settle = results.get("settle", {})
    if "dynamodb_write_units_per_order" in settle:
        stripe_calls = float(settle.get("stripe_calls_per_order", 0.0))
        steps.append(
            Step(
                "settle",
                lambda_ms=1000 / float(settle["orders_per_second_per_worker"]),
                reads=float(settle["dynamodb_read_units_per_order"]),
                writes=float(settle["dynamodb_write_units_per_order"]),
                sqs=3 / int(settle.get("chunk_size", 500)),
                notes=[f"Stripe: {stripe_calls:.3f} GET per order (orders paid before their fee was recorded)"],
            )
        )
    return steps


def cost_report() -> dict[str, Any]:
    results = _bench_results()
    kb = order_item_kb()
    measured = measured_steps(results)
    if measured is not None:
        report = _report(results, kb, {}, steps=measured)
        report["measured"] = True
        report["order_item_bytes"] = int(results["journey"]["order_item_bytes"])
        http_api = {"api_gateway_rest": PRICES["api_gateway_http"][0]}
        report["what_if"] = {
            "http_api_instead_of_rest": _report(results, kb, http_api, steps=measured)["per_1000_orders"],
            "modelled_before": _report(results, kb, {})["per_1000_orders"],
        }
        return report
    report = _report(results, kb, {})
    report["measured"] = False
    report["order_item_bytes"] = order_item_bytes()
    # What-ifs: the levers on what dominates.
    http_api = {"api_gateway_rest": PRICES["api_gateway_http"][0]}  # an HTTP API instead of a REST API
    report["what_if"] = {
        "http_api_instead_of_rest": _report(results, kb, http_api)["per_1000_orders"],
        "lean_indexes": _report(results, kb, {}, lean_indexes=True)["per_1000_orders"],
        "both": _report(results, kb, http_api, lean_indexes=True)["per_1000_orders"],
        "order_kb_assumed_before": _report(results, ORDER_KB_ASSUMED, {})["per_1000_orders"],
    }
    return report


def _report(
    results: dict[str, Any],
    order_kb: float,
    overrides: dict[str, float],
    lean_indexes: bool = False,
    steps: list[Step] | None = None,
) -> dict[str, Any]:
    steps = steps if steps is not None else journey(results, order_kb, lean_indexes)
    p = {name: price for name, (price, _) in PRICES.items()} | overrides
    per_step: dict[str, dict[str, float]] = {}
    for s in steps:
        invocations = s.invocations
        per_step[s.name] = {
            "dynamodb_writes": s.writes * p["dynamodb_write"],
            "dynamodb_reads": s.reads * p["dynamodb_read"],
            "lambda": invocations * p["lambda_request"] + s.lambda_ms / 1000 * MEMORY_GB * p["lambda_gb_second"],
            "api_gateway": s.api_requests * p["api_gateway_rest"],
            "sqs": s.sqs * p["sqs_request"],
            "eventbridge": s.events * p["eventbridge_event"],
            "logs": max(invocations, 1 if s.name == "settle" else 0)
            * LOG_KB_PER_INVOCATION
            / 1024
            / 1024
            * p["cloudwatch_logs_gb"],
            "xray": invocations * XRAY_SAMPLED * p["xray_trace"],
        }
    storage = STORED_KB_PER_ORDER / 1024 / 1024 * (p["dynamodb_storage"] + p["dynamodb_pitr"])
    by_service: dict[str, float] = {}
    for costs in per_step.values():
        for service, dollars in costs.items():
            by_service[service] = by_service.get(service, 0.0) + dollars * 1000
    by_service["dynamodb_storage_first_month"] = storage * 1000
    by_step = {name: sum(c.values()) * 1000 for name, c in per_step.items()}
    total = sum(by_service.values())
    ranked = sorted(by_service.items(), key=lambda kv: kv[1], reverse=True)
    return {
        "prices_as_of": PRICES_AS_OF,
        "prices_checked": PRICES_CHECKED,
        "prices": {name: {"usd": price, "unit": unit} for name, (price, unit) in PRICES.items()},
        "assumptions": {
            "order_kb": order_kb,
            "small_item_kb": SMALL_KB,
            "log_kb_per_invocation": LOG_KB_PER_INVOCATION,
            "xray_sampled": XRAY_SAMPLED,
            "memory_gb": MEMORY_GB,
            "stored_kb_per_order": STORED_KB_PER_ORDER,
            "from_bench_results": sorted(k for k in ("get_product", "checkout", "settle", "journey") if k in results),
        },
        "steps": [s.__dict__ for s in steps],
        "per_1000_orders_by_service": dict(ranked),
        "per_1000_orders_by_step": by_step,
        "per_1000_orders": total,
        "goal": GOAL_PER_1000,
        "dominant": ranked[0][0],
    }


def print_cost(r: dict[str, Any]) -> None:
    print(
        f"\n== cost per 1,000 orders (AWS list prices, us-east-1: latest change {r['prices_as_of']}, "
        f"checked {r['prices_checked']}) =="
    )
    print("  prices (compared with published price summaries on the checked date; see bench/cost.py):")
    for name, price in r["prices"].items():
        print(f"    {name:<22} ${price['usd']:.10g}  {price['unit']}")
    used = r["assumptions"]["from_bench_results"]
    print(f"  measured inputs from bench/results/latest.json: {', '.join(used) if used else 'none (defaults)'}")
    if r.get("measured"):
        print(
            "  counted, not modelled: one order's journey on the local stack (bench/journey.py), DynamoDB's "
            "consumed capacity per call (transactions at AWS's 2 units a KB), every event, message and invocation"
        )
        print(
            f"  the order item at the journey's end: {r['order_item_bytes']} bytes, written to the table only "
            "(its listings are index items of ~100 bytes, ADR 0031)"
        )
        for s in r["steps"]:
            print(
                f"    {s['name']:<9} {s['api_requests']} API requests, {s['invocations']} invocations, "
                f"{s['reads']:g} RRU, {s['writes']:g} WRU, {s['events']} events, {s['sqs']:g} SQS requests"
            )
    else:
        print(
            f"  modelled (no journey in the results): order item {r['order_item_bytes']} bytes = "
            f"{r['assumptions']['order_kb']} KB a write, times its copies"
        )
    print("  by service:")
    for service, dollars in r["per_1000_orders_by_service"].items():
        share = dollars / r["per_1000_orders"] * 100 if r["per_1000_orders"] else 0
        print(f"    {service:<30} ${dollars:.4f}  {share:4.1f} %")
    print("  by step: " + ", ".join(f"{name} ${d:.4f}" for name, d in r["per_1000_orders_by_step"].items()))
    verdict = "within" if r["per_1000_orders"] <= r["goal"] else "OVER"
    w = r["what_if"]
    http_verdict = "within" if w["http_api_instead_of_rest"] <= r["goal"] else "OVER"
    print(
        f"  total ${r['per_1000_orders']:.4f} per 1,000 orders with the deployed REST API: {verdict} the goal of "
        f"${r['goal']:.2f}; dominated by {r['dominant']}"
    )
    print(
        f"  the same journey behind an HTTP API (not deployed, ADR 0013): ${w['http_api_instead_of_rest']:.4f}: "
        f"{http_verdict} the goal"
    )
    if "lean_indexes" in w:
        print(
            f"  what if: GSI2 and GSI5 projecting keys only ${w['lean_indexes']:.4f}; both levers ${w['both']:.4f}; "
            f"(with the {ORDER_KB_ASSUMED} KB order item assumed before: ${w['order_kb_assumed_before']:.4f})"
        )
    else:
        print(f"  the model this replaces (assumed calls and sizes) said ${w['modelled_before']:.4f}")
