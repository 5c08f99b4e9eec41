"""Customer stats: a read model of a customer's paid orders, kept from order
events (order.paid, order.refunded, order.completed; docs/events.md).

Every event is applied through ``apply_event``, a pure function of the stats,
the order's own record in the stats (what of that order is counted already) and
the event, so replays are harmless twice over: the worker skips an event id it
has seen, and an order is counted paid once and its refunds by the order's
cumulative refunded amount (a late or repeated refund event adds only what is
new). Monthly buckets (orders and net spend by the month of payment, pruned to
13 months) give the 365-day windows RFM needs in bounded space."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from .events import Event

STATS_EVENTS = frozenset({"order.paid", "order.refunded", "order.completed"})
MONTHS_KEPT = 13  # the month of as_of and the 12 before it cover any 365-day window
WINDOW_DAYS = 365


@dataclass(frozen=True)
class OrderTally:
    """What the stats counted of one order."""

    order_id: str
    paid: bool = False
    total: int = 0
    refunded: int = 0  # the order's cumulative refunded amount seen so far
    paid_month: str | None = None
    completed: bool = False


@dataclass(frozen=True)
class CustomerStats:
    customer_id: str
    orders_count: int = 0
    total_spent: int = 0  # net: paid totals less refunds
    refunded: int = 0
    completed_count: int = 0
    first_order_at: datetime | None = None
    last_order_at: datetime | None = None
    currency: str = "CNY"
    # "YYYY-MM" -> [orders, net spend] by the month the orders were paid
    months: dict[str, list[int]] = field(default_factory=dict)
    version: int = 0

    @property
    def average_order_value(self) -> int:
        return self.total_spent // self.orders_count if self.orders_count else 0


def month_of(at: datetime) -> str:
    at = at.astimezone(UTC)
    return f"{at.year:04d}-{at.month:02d}"


def _prune(months: dict[str, list[int]]) -> dict[str, list[int]]:
    return {k: months[k] for k in sorted(months)[-MONTHS_KEPT:]}


def _bump(months: dict[str, list[int]], month: str, orders: int, spend: int) -> dict[str, list[int]]:
    out = {k: list(v) for k, v in months.items()}
    n, s = out.get(month, [0, 0])
    out[month] = [n + orders, s + spend]
    return _prune(out)


def _money(data: Any, key: str) -> int | None:
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, dict) and isinstance(value.get("amount"), int):
        return int(value["amount"])
    return None


def apply_event(stats: CustomerStats, tally: OrderTally, event: Event) -> tuple[CustomerStats, OrderTally]:
    """The stats and the order's tally after one event (unchanged for other types)."""
    data = dict(event.data)
    total = _money(data, "total") or 0
    if event.type == "order.paid":
        if tally.paid:
            return stats, tally
        month = month_of(event.occurred_at)
        net = total - tally.refunded  # refunds seen before the payment's own event
        first = stats.first_order_at
        last = stats.last_order_at
        stats = replace(
            stats,
            orders_count=stats.orders_count + 1,
            total_spent=stats.total_spent + net,
            first_order_at=event.occurred_at if first is None or event.occurred_at < first else first,
            last_order_at=event.occurred_at if last is None or event.occurred_at > last else last,
            currency=str((data.get("total") or {}).get("currency") or stats.currency),
            months=_bump(stats.months, month, 1, net),
        )
        return stats, replace(tally, paid=True, total=total, paid_month=month)
    if event.type == "order.refunded":
        cumulative = _money(data, "refunded")
        if cumulative is None:  # events from before the field: only a full refund is known
            cumulative = total if data.get("payment_status") == "refunded" else tally.refunded
        delta = cumulative - tally.refunded
        if delta <= 0:
            return stats, tally
        stats = replace(stats, refunded=stats.refunded + delta)
        if tally.paid:
            stats = replace(stats, total_spent=stats.total_spent - delta)
            if tally.paid_month is not None and tally.paid_month in stats.months:
                stats = replace(stats, months=_bump(stats.months, tally.paid_month, 0, -delta))
        return stats, replace(tally, refunded=cumulative)
    if event.type == "order.completed":
        if tally.completed:
            return stats, tally
        return replace(stats, completed_count=stats.completed_count + 1), replace(tally, completed=True)
    return stats, tally


def window_start(as_of: date) -> str:
    """The first month counted in the 365 days up to ``as_of`` (the month that day
    falls in: month buckets count its whole month, the design's approximation)."""
    from datetime import timedelta

    return month_of(datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC) - timedelta(days=WINDOW_DAYS - 1))


def in_window(stats: CustomerStats, as_of: date) -> tuple[int, int]:
    """(orders, net spend) in the 365 days up to ``as_of``, by month buckets."""
    start, end = window_start(as_of), f"{as_of.year:04d}-{as_of.month:02d}"
    orders = spend = 0
    for month, (n, s) in stats.months.items():
        if start <= month <= end:
            orders += n
            spend += s
    return orders, max(spend, 0)


def days_since_last(stats: CustomerStats, as_of: date) -> int | None:
    if stats.last_order_at is None:
        return None
    return max((as_of - stats.last_order_at.astimezone(UTC).date()).days, 0)
