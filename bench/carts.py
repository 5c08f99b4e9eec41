"""Cart benchmarks: the pure pricing pipeline, and GET /carts/{id} end to end."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.util import count_round_trips, timed, timed_together
from chalicelib.domain.pricing import CartLine, PricingContext, price_cart
from chalicelib.domain.promotions import Coupon, Promotion, Scope, Tier
from chalicelib.domain.shipping import RegionRate, ShippingTemplate

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def pricing_inputs(lines: int = 50) -> tuple[list[CartLine], list[Promotion], Coupon, ShippingTemplate]:
    cart = [
        CartLine(
            sku=f"SKU-{i:03d}",
            product_id=f"prod_{i // 5}",
            category_path=("cat_root", f"cat_{i % 4}"),
            quantity=1 + i % 3,
            list_price=1000 + 137 * i,
            member_price=900 + 120 * i,
            weight_grams=200 + 10 * i,
        )
        for i in range(lines)
    ]
    start, end = NOW - timedelta(days=1), NOW + timedelta(days=1)
    promotions = [
        Promotion("p1", "10% tea", "percent_off", start, end, Scope(category_ids=frozenset({"cat_1"})), percent=10),
        Promotion("p2", "15% shoes", "percent_off", start, end, Scope(category_ids=frozenset({"cat_2"})), percent=15),
        Promotion("p3", "5% all", "percent_off", start, end, percent=5),
        Promotion("p4", "2nd half", "nth_item_discount", start, end, n=2, percent=50),
        Promotion(
            "p5",
            "3rd free",
            "nth_item_discount",
            start,
            end,
            Scope(category_ids=frozenset({"cat_3"})),
            n=3,
            percent=100,
        ),
        Promotion("p6", "member day", "member_day", start, end, weekday=NOW.isoweekday(), percent=12),
        Promotion(
            "p7", "spend 200 save 20", "spend_threshold", start, end, tiers=(Tier(20000, 2000), Tier(40000, 5000))
        ),
        Promotion("p8", "spend 1000 save 150", "spend_threshold", start, end, tiers=(Tier(100000, 15000),)),
        Promotion(
            "p9", "flash", "flash_sale", start, end, sku="SKU-007", price=500, quantity=100, per_customer_limit=2
        ),
        Promotion("p10", "flash 2", "flash_sale", start, end, sku="SKU-011", price=700, quantity=50),
    ]
    coupon = Coupon("SAVE30", start, end, amount_off=3000, min_spend=10000)
    template = ShippingTemplate(
        "ship_1",
        "Standard",
        1000,
        1000,
        500,
        500,
        free_over=99900,
        regions=(RegionRate(frozenset({"Xinjiang"}), 2500, 1500),),
    )
    return cart, promotions, coupon, template


def bench_pricing(runs: int) -> dict[str, Any]:
    lines, promotions, coupon, template = pricing_inputs()
    context = PricingContext(now=NOW, is_member=True, province="Zhejiang", flash_used={"p9": 1})

    def run() -> None:
        price_cart(lines, promotions, context, coupon, "SAVE30", template)

    return {"lines": len(lines), "promotions": len(promotions), **timed(run, runs)}


def bench_get_cart(
    client: Any, headers: dict[str, str], runs: int, app: Any = None, floor: Callable[[], None] | None = None
) -> dict[str, Any]:
    """A 20-line customer cart with promotions, a coupon, an address and a shipping template.
    With ``app`` and ``floor``: also as Lambda invokes it, interleaved with the floor (bench/reads.py)."""

    def call(method: str, path: str, body: Any = None, extra: dict[str, str] | None = None) -> Any:
        response = client.http.request(
            method, path, headers={**headers, **(extra or {})}, body=json.dumps(body).encode() if body else b""
        )
        if response.status_code >= 300:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.body!r}")
        return json.loads(response.body) if response.body else None

    money = lambda amount: {"amount": amount, "currency": "CNY"}  # noqa: E731
    category = call("POST", "/admin/categories", {"name": "Cart bench", "slug": "cart-bench"})
    for p in range(4):
        skus = [
            {"code": f"CB-{p}-{s}", "price": money(1000 + 100 * s), "weight_grams": 300, "stock": 1000}
            for s in range(5)
        ]
        call(
            "POST",
            "/admin/products",
            {
                "title": f"Cart bench {p}",
                "description": "A bench product, described well enough to list.",
                "images": ["https://images.example.com/bench.jpg"],
                "category_id": category["id"],
                "status": "listed",
                "skus": skus,
            },
        )
    start = (datetime.now(UTC) - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    window = {"starts_at": start, "ends_at": end}
    call("POST", "/admin/promotions", {"name": "10%", "type": "percent_off", "percent": 10, **window})
    call(
        "POST", "/admin/promotions", {"name": "2nd half", "type": "nth_item_discount", "n": 2, "percent": 50, **window}
    )
    call(
        "POST",
        "/admin/promotions",
        {
            "name": "200-20",
            "type": "spend_threshold",
            "tiers": [{"threshold": money(20000), "discount": money(2000)}],
            **window,
        },
    )
    call("POST", "/admin/coupons", {"code": "BENCH10", "amount_off": money(1000), **window})
    call(
        "POST",
        "/admin/shipping-templates",
        {
            "name": "Bench",
            "is_default": True,
            "first_weight_grams": 1000,
            "first_fee": money(1000),
            "additional_weight_grams": 500,
            "additional_fee": money(500),
        },
    )
    customer = call("POST", "/auth/register", {"email": "bench@example.com", "password": "bench password", "name": "B"})
    me = {"Authorization": f"Bearer {customer['access_token']}"}
    cart = call("POST", "/carts", None, me)
    for p in range(4):
        for s in range(5):
            call("POST", f"/carts/{cart['id']}/items", {"sku": f"CB-{p}-{s}", "quantity": 2}, me)
    call("POST", f"/carts/{cart['id']}/coupons", {"code": "BENCH10"}, me)
    address = {"name": "B", "phone": "13800000000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Rd"}
    call("PUT", f"/carts/{cart['id']}/shipping-address", address, me)
    path = f"/carts/{cart['id']}"

    def get_cart() -> None:
        call("GET", path, None, me)

    get_cart()  # a view before: the cart's read-ahead (ADR 0030) knows what it is priced from
    with count_round_trips() as trips:
        get_cart()
    rounds: dict[str, Any] = {"dynamodb_round_trips": len(trips.calls), "dynamodb_calls": trips.calls}
    if app is None or floor is None:
        return {"lines": 20, **timed(get_cart, runs), **rounds}
    from bench.reads import handler_call, proxy_event, ratios
    from chalicelib.adapters.dynamo import read_ahead

    event = proxy_event("GET", path, "/carts/{cart_id}", {"cart_id": cart["id"]}, {"Accept": "*/*", **me})
    handler = handler_call(app, event)

    def first_view() -> None:  # this process has not viewed the cart yet: GetItem, then BatchGetItem
        read_ahead.forget_all()
        handler()

    timing = timed_together(
        {"app": get_cart, "handler": handler, "handler_first_view": first_view, "getitem_floor": floor}, runs
    )
    ratio = ratios(timing)
    read_ahead.forget_all()
    with count_round_trips() as first_trips:
        get_cart()
    rounds["first_view_round_trips"] = len(first_trips.calls)
    rounds["first_view_calls"] = first_trips.calls
    return {
        "lines": 20,
        **timing["app"],  # the figures at the top level: what bench/cost.py and older readers take
        **timing,
        "ratio": ratio["handler"],
        "ratio_test_client": ratio["app"],
        "ratio_first_view": timing["handler_first_view"]["median_ms"] / timing["getitem_floor"]["median_ms"],
        "judged_on": "handler",
        "load_average": os.getloadavg()[0],
        **rounds,
    }
