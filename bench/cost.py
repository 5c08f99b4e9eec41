"""`python -m bench cost`: what 1,000 orders cost on AWS, from one order's journey
(browse, cart, checkout, pay, fulfil, settle), at list prices (us-east-1).

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GOAL_PER_1000 = 0.10

# AWS list prices, us-east-1, as published on PRICES_AS_OF (DynamoDB's on-demand
# prices are those of the 1 November 2024 reduction). Written down from the AWS
# pricing pages as of that date, not fetched by this script (the bench machine has
# no network): re-check them before quoting a figure outside this repository.
PRICES_AS_OF = "2024-11-01"
PRICES: dict[str, tuple[float, str]] = {
    "dynamodb_write": (0.625 / 1e6, "per write request unit, on-demand (1 KB)"),
    "dynamodb_read": (0.125 / 1e6, "per read request unit, on-demand (4 KB strongly consistent, 8 KB eventually)"),
    "dynamodb_storage": (0.25, "per GB-month, Standard table class"),
    "dynamodb_pitr": (0.20, "per GB-month, continuous backups"),
    "lambda_request": (0.20 / 1e6, "per invocation"),
    "lambda_gb_second": (0.0000166667, "per GB-second, x86"),
    "api_gateway_rest": (3.50 / 1e6, "per REST API request (first 333 million a month)"),
    "sqs_request": (0.40 / 1e6, "per standard queue request (64 KB chunk), beyond the free million"),
    "eventbridge_event": (1.00 / 1e6, "per custom event published to a bus"),
    "cloudwatch_logs_gb": (0.50, "per GB ingested, Standard log class"),
    "xray_trace": (5.00 / 1e6, "per trace recorded, beyond the free 100,000 a month"),
}

# Assumptions (not measured): sizes, log volume and tracing.
ORDER_KB = 4  # an order item with its timeline, lines, address (written whole each change)
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


def journey(results: dict[str, Any], order_kb: float = ORDER_KB) -> list[Step]:
    api_ms = DEFAULT_API_MS
    checkout_ms = DEFAULT_CHECKOUT_MS
    if "get_product" in results:
        api_ms = float(results["get_product"]["app"]["median_ms"])
    if "checkout" in results:
        checkout_ms = float(results["checkout"]["sequential"]["median_ms"])
    settle = results.get("settle", {})
    settle_calls = float(settle.get("dynamodb_calls_per_order", 1.1))
    settle_ms = 1000 / float(settle.get("orders_per_second_per_worker", 100))

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
            writes=2 * SMALL_KB + 2 * (order_kb + 6 * SMALL_KB) + 2 * (order_kb + SMALL_KB),
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
            writes=2 * (order_kb + 3 * SMALL_KB) + 2 * SMALL_KB,
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
            writes=2 * (order_kb + SMALL_KB)
            + 2 * (order_kb + 4 * SMALL_KB)
            + 3 * 2 * (order_kb + SMALL_KB)
            + 2 * order_kb
            + 4 * SMALL_KB,
            events=4,
        ),
        # Per order: its share of the due-key read and page reads, a consistent BatchGetItem share, the
        # transaction (order + line), its share of checkpoints, and the statement's read of its line.
        Step(
            "settle",
            invocations=0,
            lambda_ms=settle_ms,
            reads=0.5 + order_kb / 4 + 0.1,
            writes=2 * (order_kb + SMALL_KB) + 0.02,
            sqs=3 / 500,
            notes=[
                f"{settle_calls:.2f} DynamoDB calls per order",
                "Stripe: 3 GETs per order (PaymentIntent, Charge, BalanceTransaction)",
            ],
        ),
    ]
    return steps


def cost_report() -> dict[str, Any]:
    results = _bench_results()
    report = _report(results, ORDER_KB, {})
    # What-ifs: the levers on what dominates.
    http_api = {"api_gateway_rest": 1.00 / 1e6}  # an HTTP API instead of a REST API
    report["what_if"] = {
        "http_api_instead_of_rest": _report(results, ORDER_KB, http_api)["per_1000_orders"],
        "order_item_2kb": _report(results, 2, {})["per_1000_orders"],
        "both": _report(results, 2, http_api)["per_1000_orders"],
    }
    return report


def _report(results: dict[str, Any], order_kb: float, overrides: dict[str, float]) -> dict[str, Any]:
    steps = journey(results, order_kb)
    p = {name: price for name, (price, _) in PRICES.items()} | overrides
    per_step: dict[str, dict[str, float]] = {}
    for s in steps:
        invocations = s.invocations
        per_step[s.name] = {
            "dynamodb": s.reads * p["dynamodb_read"] + s.writes * p["dynamodb_write"],
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
        "prices": {name: {"usd": price, "unit": unit} for name, (price, unit) in PRICES.items()},
        "assumptions": {
            "order_kb": order_kb,
            "small_item_kb": SMALL_KB,
            "log_kb_per_invocation": LOG_KB_PER_INVOCATION,
            "xray_sampled": XRAY_SAMPLED,
            "memory_gb": MEMORY_GB,
            "stored_kb_per_order": STORED_KB_PER_ORDER,
            "from_bench_results": sorted(k for k in ("get_product", "checkout", "settle") if k in results),
        },
        "steps": [s.__dict__ for s in steps],
        "per_1000_orders_by_service": dict(ranked),
        "per_1000_orders_by_step": by_step,
        "per_1000_orders": total,
        "goal": GOAL_PER_1000,
        "dominant": ranked[0][0],
    }


def print_cost(r: dict[str, Any]) -> None:
    print(f"\n== cost per 1,000 orders (AWS list prices, us-east-1, as of {r['prices_as_of']}) ==")
    print("  prices (list prices as of that date, not re-checked here):")
    for name, price in r["prices"].items():
        print(f"    {name:<22} ${price['usd']:.10g}  {price['unit']}")
    used = r["assumptions"]["from_bench_results"]
    print(f"  measured inputs from bench/results/latest.json: {', '.join(used) if used else 'none (defaults)'}")
    print("  by service:")
    for service, dollars in r["per_1000_orders_by_service"].items():
        share = dollars / r["per_1000_orders"] * 100 if r["per_1000_orders"] else 0
        print(f"    {service:<30} ${dollars:.4f}  {share:4.1f} %")
    print("  by step: " + ", ".join(f"{name} ${d:.4f}" for name, d in r["per_1000_orders_by_step"].items()))
    verdict = "within" if r["per_1000_orders"] <= r["goal"] else "OVER"
    print(
        f"  total ${r['per_1000_orders']:.4f} per 1,000 orders: {verdict} the goal of ${r['goal']:.2f}; "
        f"dominated by {r['dominant']}"
    )
    w = r["what_if"]
    print(
        f"  what if: an HTTP API instead of the REST API ${w['http_api_instead_of_rest']:.4f}; "
        f"order items of 2 KB instead of {r['assumptions']['order_kb']} ${w['order_item_2kb']:.4f}; "
        f"both ${w['both']:.4f}"
    )
