"""Daily settlement maths (T+N): what each order contributes to a statement.

An order is settled once. On the ``paid`` basis (the default, the platforms'
"T+7"), N days after it was paid, whatever its status then (an order under
risk review waits for the review); on the ``completed`` basis, N days after it
completed. A cancelled order that took money settles once refunded, at once.
An order with an after-sale request still open waits until the request ends.
A refund of an order already settled is carried into the next statement as an
adjustment line. Every line and statement keeps ``net = gross - refunds - fees``;
``discounts`` and ``shipping`` are shown for the record (already inside gross,
which is what the customer paid).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .orders import Order

BASES = ("paid", "completed")
# Paid and past risk review: on the paid basis these settle N days after payment.
SETTLING_OPEN = ("paid", "fulfilling", "shipped", "delivered", "completed")


@dataclass(frozen=True)
class SettlementPolicy:
    days: int = 7  # N of T+N
    basis: str = "paid"  # paid | completed

    @property
    def window(self) -> timedelta:
        return timedelta(days=self.days)


DEFAULT_POLICY = SettlementPolicy()


def paid_at(order: Order) -> datetime | None:
    """When the order was paid: its first move to ``paid`` on the timeline."""
    return next((e.at for e in order.timeline if e.type == "status_changed" and e.to_status == "paid"), None)


def settlement_due(order: Order, policy: SettlementPolicy = DEFAULT_POLICY) -> datetime | None:
    """When the order falls due for settlement under ``policy`` (None: not now)."""
    if order.amount_paid <= 0:
        return None
    if order.settled_on is not None:
        return order.updated_at if order.amount_refunded > order.settled_refunds else None
    if order.open_after_sales:
        return None  # a return or refund is still being decided: settled once it ends
    if order.status == "cancelled":
        return order.closed_at
    if policy.basis == "paid":
        if order.status not in SETTLING_OPEN:
            return None
        moment = paid_at(order) or order.closed_at
        return moment + policy.window if moment is not None else None
    closed = order.closed_at
    return closed + policy.window if order.status == "completed" and closed is not None else None


def settlement_filed_at(order: Order, days: int) -> datetime | None:
    """Where the order is filed on the settlement queue: the earliest it can fall
    due under either basis, so the queue is the same whichever basis wrote it and
    a switch of basis loses nothing (the job skips orders not yet due under its own)."""
    dues = [d for b in BASES if (d := settlement_due(order, replace(DEFAULT_POLICY, days=days, basis=b)))]
    return min(dues) if dues else None


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


# -- fan-out: a run's chunks (ADR 0012) -------------------------------------------------------
# A run of the job splits the due queue (its index keys, in order) into chunks of
# consecutive keys: chunk i takes the keys k with ``lo <= k < hi``. The first chunk
# starts below every key and the last ends above the run's cutoff, so the chunks
# cover the whole due range without gaps or overlap, whatever is filed later.
LOWEST_KEY = "0"  # every due key starts with a year: "2026-..." > "0"


@dataclass(frozen=True)
class Chunk:
    number: int
    lo: str  # inclusive
    hi: str  # exclusive
    size: int  # due keys seen when planned (an upper bound of the orders settled)


def plan_chunks(keys: Any, size: int, upper: str) -> list[Chunk]:
    """Chunks of ``size`` consecutive keys from ``keys`` (ascending, all below
    ``upper``); the boundaries are the first key of each chunk after the first.
    No keys: no chunks."""
    if size < 1:
        raise ValueError("a chunk holds at least one order")
    bounds: list[str] = [LOWEST_KEY]
    sizes: list[int] = [0]
    previous: str | None = None
    for key in keys:
        if previous is not None and key <= previous:
            raise ValueError("due keys must be strictly ascending")
        if key >= upper:
            raise ValueError("a due key is past the run's cutoff")
        previous = key
        if sizes[-1] == size:
            bounds.append(key)
            sizes.append(0)
        sizes[-1] += 1
    if sizes == [0]:
        return []
    bounds.append(upper)
    return [Chunk(i, bounds[i], bounds[i + 1], n) for i, n in enumerate(sizes)]


OUTCOMES = ("settled", "adjustments", "skipped")  # what settling one order can come to


@dataclass(frozen=True)
class DueSlice:
    """A page of the due queue: the orders due by the cutoff among the index keys
    read, and the last key read (the checkpoint; None when none was read)."""

    orders: list[Order]
    last_key: str | None
    exhausted: bool  # nothing left in the range after last_key


@dataclass(frozen=True)
class RunRef:
    """One run of a job: its business date and the moment it ran as of."""

    job: str
    business_date: date
    run: str  # the run's as_of, RFC 3339

    def message(self, chunk: int) -> dict[str, Any]:
        return {"job": self.job, "business_date": self.business_date.isoformat(), "run": self.run, "chunk": chunk}

    @staticmethod
    def of_message(body: dict[str, Any]) -> tuple[RunRef, int]:
        return (
            RunRef(str(body["job"]), date.fromisoformat(str(body["business_date"])), str(body["run"])),
            int(body["chunk"]),
        )


@dataclass(frozen=True)
class RunState:
    chunks: int
    done: int
    due: int
    closed: bool = False


@dataclass(frozen=True)
class ChunkState:
    chunk: Chunk
    checkpoint: str | None = None  # the last index key read and settled
    done: bool = False
    counts: dict[str, int] = field(default_factory=dict)
