"""Storefront analytics (ADR 0021): what a batch of visitor events adds to the
day's aggregates, and what an order event adds to the day's sales.

Pure arithmetic. The intake turns a batch into a ``TrafficDelta`` (counts to
ADD to a random shard of each day's counters, the HyperLogLog registers its
visitors offer, the page counts of its sessions); the sales read model turns an
order event and what it already counted of that order (``SalesTally``) into a
``SalesDelta``. Days are the store's calendar days (``business_date``).

Sessions and bounces: every session has an item per day holding how many events
and pages (``page_view`` and ``product_view``) it had. Its counters move by
``session_change``: a session counts once, on its first event of the day, and
is a single-page session while it has exactly one page, so a bounce is counted
and uncounted as its page count passes 1 (each ADD answers the count it left,
so concurrent batches of one session never count it twice).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from .clock import business_date
from .hll import DEFAULT_PRECISION, position
from .product_health import product_sales

EVENT_TYPES = ("page_view", "product_view", "add_to_cart", "begin_checkout", "search")
PAGE_TYPES = frozenset({"page_view", "product_view"})
MAX_BATCH = 50
MAX_AGE = timedelta(hours=24)  # an event older than this is refused (the day's KPIs may be final)
MAX_AHEAD = timedelta(minutes=5)  # a client clock at most this far ahead
COUNTER_SHARDS = 10  # shards per day counter item: 10 x DynamoDB's 1,000 writes/s per item
PRODUCT_PRECISION = 10  # per-product sketches: 1,024 registers, about 3 % error
SESSION_TTL = timedelta(days=3)
SALES_EVENTS = frozenset({"order.paid", "order.refunded"})
REPURCHASE_DAYS = 90


@dataclass(frozen=True)
class VisitorEvent:
    type: str
    visitor_id: str
    session_id: str
    at: datetime
    product_id: str | None = None
    page: str | None = None


def skew_problem(at: datetime, now: datetime) -> str | None:
    """Why an event's time is refused, or None: within MAX_AGE before now and MAX_AHEAD after."""
    if at > now + MAX_AHEAD:
        return f"more than {int(MAX_AHEAD.total_seconds())} s ahead of the server's clock"
    if at < now - MAX_AGE:
        return f"more than {int(MAX_AGE.total_seconds() // 3600)} h in the past"
    return None


@dataclass
class TrafficDelta:
    """What one batch adds, by store day."""

    counts: dict[date, dict[str, int]] = field(default_factory=dict)  # day -> event type -> n
    product_counts: dict[tuple[date, str], dict[str, int]] = field(default_factory=dict)
    visitors: dict[date, dict[int, int]] = field(default_factory=dict)  # day -> register -> rank
    product_visitors: dict[tuple[date, str], dict[int, int]] = field(default_factory=dict)
    sessions: dict[tuple[date, str], tuple[int, int]] = field(default_factory=dict)  # -> (events, pages)


def _offer(registers: dict[int, int], value: str, precision: int) -> None:
    index, rank = position(value, precision)
    if rank > registers.get(index, 0):
        registers[index] = rank


def plan_batch(events: Iterable[VisitorEvent], timezone: str) -> TrafficDelta:
    delta = TrafficDelta()
    for e in events:
        day = business_date(e.at, timezone)
        counts = delta.counts.setdefault(day, {})
        counts[e.type] = counts.get(e.type, 0) + 1
        _offer(delta.visitors.setdefault(day, {}), e.visitor_id, DEFAULT_PRECISION)
        if e.product_id:
            key = (day, e.product_id)
            product = delta.product_counts.setdefault(key, {})
            product[e.type] = product.get(e.type, 0) + 1
            _offer(delta.product_visitors.setdefault(key, {}), e.visitor_id, PRODUCT_PRECISION)
        events_n, pages_n = delta.sessions.get((day, e.session_id), (0, 0))
        delta.sessions[(day, e.session_id)] = (events_n + 1, pages_n + (1 if e.type in PAGE_TYPES else 0))
    return delta


def session_change(events_after: int, pages_after: int, events_added: int, pages_added: int) -> tuple[int, int]:
    """(sessions, single-page sessions) to add, given a session's counts right after
    one atomic ADD of this batch's counts."""
    events_before, pages_before = events_after - events_added, pages_after - pages_added
    sessions = 1 if events_before == 0 and events_after > 0 else 0
    single = (1 if pages_after == 1 else 0) - (1 if pages_before == 1 else 0)
    return sessions, single


def shard(shards: int = COUNTER_SHARDS, rng: random.Random | None = None) -> int:
    return (rng or random).randrange(shards)


# --- the day's traffic as read back --------------------------------------------------------------
@dataclass(frozen=True)
class Traffic:
    counts: Mapping[str, int]  # event type -> n
    sessions: int = 0
    single_page_sessions: int = 0

    @property
    def page_views(self) -> int:
        return sum(self.counts.get(t, 0) for t in PAGE_TYPES)


def sum_shards(shards: Iterable[Mapping[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for item in shards:
        for name, n in item.items():
            total[name] = total.get(name, 0) + int(n)
    return total


# --- the sales read model ------------------------------------------------------------------------
SALES_FIELDS = (
    "orders",  # paid orders
    "gmv",  # their totals
    "cost",  # cost of the lines whose SKU had a cost price at checkout
    "costed_revenue",  # what those lines were paid
    "member_orders",
    "member_gmv",
    "refunds",  # refunded amounts, on the day of the refund
    "refunded_orders",  # orders with a first refund that day
)


@dataclass(frozen=True)
class SalesTally:
    """What the sales read model counted of one order."""

    order_id: str
    paid: bool = False
    paid_day: date | None = None
    refunded: int = 0  # cumulative refunded amount counted
    version: int = 0


@dataclass(frozen=True)
class SalesDelta:
    day: date
    counts: dict[str, int]
    customer_id: str | None = None  # a paying customer of ``day`` (an order paid)
    products: dict[str, dict[str, int]] = field(default_factory=dict)  # product id -> its day's sales (paid)


def _amount(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    if isinstance(value, dict) and isinstance(value.get("amount"), int):
        return int(value["amount"])
    return None


def line_costs(lines: Any) -> tuple[int, int]:
    """(cost, costed revenue) of the order's lines that carry ``unit_cost``."""
    cost = revenue = 0
    for line in lines if isinstance(lines, list) else []:
        if not isinstance(line, dict):
            continue
        unit_cost, quantity, payable = line.get("unit_cost"), line.get("quantity"), line.get("payable")
        if isinstance(unit_cost, int) and isinstance(quantity, int) and isinstance(payable, int):
            cost += unit_cost * quantity
            revenue += payable
    return cost, revenue


def apply_sale(
    tally: SalesTally, kind: str, data: Mapping[str, Any], at: datetime, timezone: str, member: bool
) -> tuple[SalesTally, SalesDelta | None]:
    """The tally and what to add to the day's sales after one order event (None: nothing)."""
    day = business_date(at, timezone)
    total = _amount(data, "total") or 0
    if kind == "order.paid":
        if tally.paid:
            return tally, None
        cost, revenue = line_costs(data.get("lines"))
        counts = {"orders": 1, "gmv": total, "cost": cost, "costed_revenue": revenue}
        if member:
            counts |= {"member_orders": 1, "member_gmv": total}
        customer = data.get("customer_id")
        return replace(tally, paid=True, paid_day=day), SalesDelta(
            day, counts, customer if isinstance(customer, str) else None, product_sales(data.get("lines"))
        )
    if kind == "order.refunded":
        cumulative = _amount(data, "refunded")
        if cumulative is None:
            cumulative = total if data.get("payment_status") == "refunded" else tally.refunded
        added = cumulative - tally.refunded
        if added <= 0:
            return tally, None
        counts = {"refunds": added, "refunded_orders": 1 if tally.refunded == 0 else 0}
        return replace(tally, refunded=cumulative), SalesDelta(day, counts)
    return tally, None


def repurchase(orders_by_customer: Mapping[str, int]) -> tuple[int, int]:
    """(customers with an order, customers with two or more) in a window."""
    buyers = sum(1 for n in orders_by_customer.values() if n >= 1)
    repeat = sum(1 for n in orders_by_customer.values() if n >= 2)
    return buyers, repeat


def window_days(last: date, days: int = REPURCHASE_DAYS) -> list[date]:
    return [last - timedelta(days=i) for i in range(days - 1, -1, -1)]
