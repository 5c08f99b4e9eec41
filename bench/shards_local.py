"""The stock shards on DynamoDB Local, through the app in-process (ADR 0025): ``buyers``
concurrent checkouts (``threads`` at a time, the checkout service as the API calls it,
with its PaymentIntent on the stack's localstripe) of one SKU holding half as many
units, unsharded and split over 16 shards. Counts the checkouts/s, every DynamoDB call
that failed on a condition (ConditionalCheckFailed, or TransactionCanceledException
with its reasons: ConditionalCheckFailed, TransactionConflict), and checks nothing was
oversold (orders made + units left = the stock, nothing left below zero).

DynamoDB Local has no partitions and no throughput limit: its figures show the
contention (cancelled transactions, the service's retries), not the ceiling a hot key
meets on AWS, which the simulation in bench/shards.py models.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

BUYERS = int(os.environ.get("BENCH_SHARDS_BUYERS", "200"))
THREADS = int(os.environ.get("BENCH_SHARDS_THREADS", "8"))
SHARDS = (1, 16)


@contextmanager
def count_failed_calls() -> Iterator[Counter[str]]:
    """Every DynamoDB call through PynamoDB, and each one that failed by its code (a
    cancelled transaction also by each cancellation reason)."""
    from pynamodb.connection.base import Connection

    counts: Counter[str] = Counter()
    lock = threading.Lock()
    original = Connection._make_api_call

    def counting(self: Any, operation_name: str, operation_kwargs: dict[str, Any]) -> Any:
        try:
            result = original(self, operation_name, operation_kwargs)
        except Exception as error:
            code = str(getattr(error, "response", {}).get("Error", {}).get("Code", type(error).__name__))
            reasons = [r.code for r in getattr(error, "cancellation_reasons", None) or [] if r is not None]
            with lock:
                counts[f"{operation_name}:{code}"] += 1
                for reason in reasons:
                    counts[f"reason:{reason}"] += 1
            raise
        with lock:
            counts[operation_name] += 1
        return result

    Connection._make_api_call = counting  # type: ignore[method-assign]
    try:
        yield counts
    finally:
        Connection._make_api_call = original  # type: ignore[method-assign]


def _product(client: Any, code: str, stock: int) -> None:
    import json

    from tests.support import ADMIN_KEY

    headers = {"X-Api-Key": ADMIN_KEY, "Content-Type": "application/json"}

    def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        r = client.http.post(path, headers=headers, body=json.dumps(body))
        if r.status_code >= 300:
            raise RuntimeError(f"{path}: {r.status_code} {r.body!r}")
        return dict(json.loads(r.body))

    category = post("/admin/categories", {"name": "Shards bench", "slug": f"shards-{uuid.uuid4().hex[:6]}"})
    post(
        "/admin/products",
        {
            "title": "Flash sale item",
            "description": "A bench product, described well enough to list.",
            "images": ["https://images.example.com/bench.jpg"],
            "category_id": category["id"],
            "status": "listed",
            "skus": [
                {
                    "code": code,
                    "price": {"amount": 9900, "currency": "CNY"},
                    "weight_grams": 200,
                    "stock": stock,
                    "safety_stock": 0,
                }
            ],
        },
    )


def one_run(client: Any, shards: int, buyers: int, threads: int) -> dict[str, Any]:
    import json

    from bench.checkout import ADDRESS, _shoppers
    from chalicelib.bootstrap import get_container
    from tests.support import ADMIN_KEY

    code, stock = f"BENCH-SHARD{shards}-{uuid.uuid4().hex[:4]}", buyers // 2
    _product(client, code, stock)
    if shards > 1:
        r = client.http.put(
            f"/admin/inventory/{code}/shards",
            headers={"X-Api-Key": ADMIN_KEY, "Content-Type": "application/json"},
            body=json.dumps({"count": shards}),
        )
        if r.status_code != 200:
            raise RuntimeError(f"shards: {r.status_code} {r.body!r}")
    people = _shoppers(buyers, code)
    checkout = get_container().checkout
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def buy(person: tuple[str, str, str]) -> None:
        try:
            checkout.checkout(person[0], person[2], ADDRESS)
            outcome = "ordered"
        except Exception as error:  # noqa: BLE001 - the outcome is counted, never raised: a bench goes on
            outcome = str(getattr(error, "code", type(error).__name__))
        with lock:
            outcomes[outcome] += 1

    with count_failed_calls() as calls:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(buy, people))
        elapsed = time.perf_counter() - started
    view = get_container().inventory.get(code)
    left = view.stock.available
    cancelled = sum(n for k, n in calls.items() if k.endswith(":TransactionCanceledException"))
    conditional = sum(n for k, n in calls.items() if k.endswith(":ConditionalCheckFailedException"))
    return {
        "shards": shards,
        "buyers": buyers,
        "threads": threads,
        "stock": stock,
        "seconds": round(elapsed, 2),
        "checkouts_per_second": round(buyers / elapsed, 1),
        "orders": outcomes["ordered"],
        "out_of_stock": outcomes["out_of_stock"],
        "other": {k: n for k, n in outcomes.items() if k not in ("ordered", "out_of_stock")},
        "transactions": calls["TransactWriteItems"] + cancelled,
        "transactions_cancelled": cancelled,
        "cancellation_reasons": {k.split(":", 1)[1]: n for k, n in calls.items() if k.startswith("reason:")},
        "conditional_check_failed": conditional,
        "available_left": left,
        "oversold": outcomes["ordered"] + left != stock or left < 0,
    }


def bench_shards_local(buyers: int = BUYERS, threads: int = THREADS) -> dict[str, Any]:
    """Unsharded, then 16 shards, each on a SKU of its own, on a stack of its own."""
    from bench.__main__ import local_config
    from localdev.stack import LocalStack, StackConfig

    config = local_config()
    assert isinstance(config, StackConfig)
    with LocalStack(config):
        from app import app
        from localdev.server import test_client

        client = test_client(app)
        return {"runs": [one_run(client, n, buyers, threads) for n in SHARDS]}


def print_shards_local(report: dict[str, Any]) -> None:
    print("\n== hot SKU on DynamoDB Local, through the app in-process (ADR 0025) ==")
    print("  DynamoDB Local has no partitions and no throughput limit: these figures show contention")
    print("  (cancelled transactions, retries) and the oversell check, not the AWS ceiling simulated above.")
    for run in report["runs"]:
        reasons = ", ".join(f"{k} {n}" for k, n in sorted(run["cancellation_reasons"].items())) or "none"
        print(
            f"  {run['shards']:>2} shard(s): {run['buyers']} buyers, {run['threads']} threads, {run['stock']} units: "
            f"{run['checkouts_per_second']:>5.1f} checkouts/s ({run['seconds']} s); {run['orders']} orders, "
            f"{run['out_of_stock']} out_of_stock, other {run['other'] or 'none'}"
        )
        print(
            f"      {run['transactions']} TransactWriteItems, {run['transactions_cancelled']} cancelled "
            f"(reasons: {reasons}); {run['conditional_check_failed']} ConditionalCheckFailed single writes; "
            f"{run['available_left']} left; oversold: {'YES' if run['oversold'] else 'no'}"
        )
