"""Checkout benchmarks against DynamoDB Local and localstripe, over HTTP."""

from __future__ import annotations

import statistics
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import requests

from bench.util import count_round_trips

ADDRESS = {"name": "Bench", "phone": "13800000000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Rd"}


def _shoppers(count: int, sku: str) -> list[tuple[str, str, str]]:
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.auth import hash_password, issue_token
    from chalicelib.domain.carts import Caller
    from chalicelib.domain.ids import new_id
    from chalicelib.services.ports import Customer

    container = get_container()
    now = datetime.now(UTC)
    password = hash_password("bench")

    def one(i: int) -> tuple[str, str, str]:
        customer = Customer(new_id("cus"), f"bench{i}-{uuid.uuid4().hex[:6]}@example.com", "B", password, now)
        container.auth.customers.add(customer)
        view, _, _ = container.carts.create(Caller(customer_id=customer.id))
        container.carts.add_item(view.cart.id, Caller(customer_id=customer.id), sku, 1)
        return customer.id, issue_token(customer.id, container.settings.token_secret, now, 3600), view.cart.id

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(one, range(count)))


def _checkout(base_url: str, token: str, cart_id: str) -> int:
    return requests.post(
        f"{base_url}/checkout",
        json={"cart_id": cart_id, "shipping_address": ADDRESS},
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())},
        timeout=60,
    ).status_code


def bench_checkout(base_url: str, admin: dict[str, str], sequential: int = 40, contended: int = 200) -> dict[str, Any]:
    def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        r = requests.post(base_url + path, json=body, headers=admin, timeout=30)
        r.raise_for_status()
        return r.json()

    category = post("/admin/categories", {"name": "Checkout bench", "slug": f"checkout-bench-{uuid.uuid4().hex[:6]}"})
    money = {"amount": 9900, "currency": "CNY"}
    post(
        "/admin/products",
        {
            "title": "Hot item",
            "description": "A bench product, described well enough to list.",
            "images": ["https://images.example.com/bench.jpg"],
            "category_id": category["id"],
            "status": "listed",
            "skus": [
                {"code": "BENCH-COLD", "price": money, "weight_grams": 200, "stock": 100000, "safety_stock": 0},
                {"code": "BENCH-HOT", "price": money, "weight_grams": 200, "stock": contended // 2, "safety_stock": 0},
            ],
        },
    )

    # Latency: one checkout at a time (order + reservation transaction + PaymentIntent).
    people = _shoppers(sequential + 1, "BENCH-COLD")
    from chalicelib.bootstrap import get_container

    customer_id, _, cart_id = people.pop()
    with count_round_trips() as trips:
        get_container().checkout.checkout(customer_id, cart_id, ADDRESS)
    samples = []
    for _, token, cart in people:
        started = time.perf_counter()
        status = _checkout(base_url, token, cart)
        samples.append((time.perf_counter() - started) * 1000)
        if status != 201:
            raise RuntimeError(f"checkout failed: {status}")
    samples.sort()

    # Contention: `contended` buyers, half as many units, 32 at a time.
    hot = _shoppers(contended, "BENCH-HOT")
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=32) as pool:
        statuses = list(pool.map(lambda p: _checkout(base_url, p[1], p[2]), hot))
    elapsed = time.perf_counter() - started
    return {
        "sequential": {
            "runs": len(samples),
            "median_ms": statistics.median(samples),
            "p90_ms": samples[int(len(samples) * 0.9) - 1],
        },
        "dynamodb_round_trips": len(trips.calls),
        "dynamodb_calls": trips.calls,
        "contended": {
            "requests": contended,
            "stock": contended // 2,
            "orders": statuses.count(201),
            "out_of_stock": statuses.count(409),
            "other": len(statuses) - statuses.count(201) - statuses.count(409),
            "seconds": elapsed,
            "requests_per_second": contended / elapsed,
        },
    }
