"""Daily settlement maths (T+7): what each order contributes to a statement.

An order is settled once, when it is closed for good: a completed order when
its 7-day after-sales window ends, a cancelled order that took money at once.
A refund of an order already settled is carried into the next statement as an
adjustment line. Every line and statement keeps ``net = gross - refunds - fees``;
``discounts`` and ``shipping`` are shown for the record (already inside gross,
which is what the customer paid).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .orders import Order

AFTER_SALES_WINDOW = timedelta(days=7)


def settlement_due(order: Order) -> datetime | None:
    closed = order.closed_at
    if closed is None or order.amount_paid <= 0:
        return None
    if order.settled_on is None:
        return closed + AFTER_SALES_WINDOW if order.status == "completed" else closed
    if order.amount_refunded > order.settled_refunds:
        return order.updated_at
    return None


def day_end(day: date, timezone: str) -> datetime:
    """The last moment of a business day: midnight after it, in the store's time zone."""
    return datetime.combine(day + timedelta(days=1), time(0), ZoneInfo(timezone)) - timedelta(microseconds=1)


def estimated_fee(amount: int, fee_bps: int) -> int:
    """A configured rate (basis points), rounded half up to the minor unit."""
    return (amount * fee_bps + 5000) // 10000


@dataclass(frozen=True)
class Line:
    order_id: str
    kind: str  # order | adjustment
    gross: int
    discounts: int
    shipping: int
    refunds: int
    fees: int
    fee_source: str  # stripe | estimated | none
    order_status: str
    mismatch: dict[str, int] | None = None  # {"ours": ..., "stripe": ...} when the captured amounts differ

    @property
    def net(self) -> int:
        return self.gross - self.refunds - self.fees


def order_line(order: Order, fee: int, fee_source: str, captured: int | None) -> Line:
    mismatch = None
    if captured is not None and captured != order.amount_paid:
        mismatch = {"ours": order.amount_paid, "stripe": captured}
    return Line(
        order_id=order.id,
        kind="order",
        gross=order.amount_paid,
        # Everything off the list price: member and flash prices, promotions, coupons.
        discounts=sum(line.list_price * line.quantity - line.payable for line in order.lines),
        shipping=order.shipping,
        refunds=order.amount_refunded,
        fees=fee,
        fee_source=fee_source,
        order_status=order.status,
        mismatch=mismatch,
    )


def adjustment_line(order: Order) -> Line:
    return Line(
        order_id=order.id,
        kind="adjustment",
        gross=0,
        discounts=0,
        shipping=0,
        refunds=order.amount_refunded - order.settled_refunds,
        fees=0,
        fee_source="none",
        order_status=order.status,
    )


@dataclass(frozen=True)
class Statement:
    business_date: date
    currency: str
    lines: tuple[Line, ...] = field(default=())

    def total(self, name: str) -> int:
        return sum(int(getattr(line, name)) for line in self.lines)

    @property
    def exceptions(self) -> list[dict[str, Any]]:
        return [{"order_id": line.order_id, **line.mismatch} for line in self.lines if line.mismatch]
