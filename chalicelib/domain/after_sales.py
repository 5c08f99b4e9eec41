"""After-sale requests: returns, exchanges and refunds without a return.

A request moves through one table per type (``TRANSITIONS``); anything else is
409 invalid_transition. ``transition`` is the only way a status changes: it
appends the timeline entry and sets the deadline of the status entered
(``Due``). Which orders may have which request (``check_eligible``) and what the
units are worth (refund_allocation) are rules of their own. ADR 0009."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from .errors import InvalidTransition
from .events import Event, new_event
from .orders import Order
from .refund_allocation import SELLER_FAULT_REASONS

TYPES = ("refund_only", "return_refund", "exchange")
STATUSES = (
    "requested",
    "approved",
    "return_in_transit",
    "received",
    "inspected",
    "refunded",
    "exchanged",
    "closed",
    "rejected",
    "cancelled",
)
FINAL = frozenset({"refunded", "exchanged", "closed", "rejected", "cancelled"})

_ANSWER = {"requested": frozenset({"approved", "rejected", "cancelled"})}
_RETURN = {
    **_ANSWER,
    # closed: not shipped back in time; cancelled: the customer, before shipping back
    # received straight from approved: the parcel came without the customer's tracking number
    "approved": frozenset({"return_in_transit", "received", "cancelled", "closed"}),
    "return_in_transit": frozenset({"received"}),
    "received": frozenset({"inspected", "rejected"}),  # rejected: the inspection failed
}
# The transition tables, one per type. A status missing from a type's table has no exit.
TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    "refund_only": {**_ANSWER, "approved": frozenset({"refunded"})},
    "return_refund": {**_RETURN, "inspected": frozenset({"refunded"})},
    "exchange": {**_RETURN, "inspected": frozenset({"exchanged"})},
}


@dataclass(frozen=True)
class AfterSalePolicy:
    return_window: timedelta = timedelta(days=7)  # no_reason returns, from delivered_at
    respond_within: timedelta = timedelta(hours=48)  # staff answer, else approved automatically
    ship_back_within: timedelta = timedelta(days=7)  # from approval, else closed
    inspect_within: timedelta = timedelta(hours=24)  # from receipt
    refund_within: timedelta = timedelta(days=3)  # from a passed inspection (or a refund_only approval)


@dataclass(frozen=True)
class AfterSaleLine:
    sku: str
    quantity: int
    refund_amount: int = 0
    exchange_sku: str | None = None


@dataclass(frozen=True)
class Due:
    respond_by: datetime | None = None
    ship_back_by: datetime | None = None
    inspect_by: datetime | None = None
    refund_by: datetime | None = None


@dataclass(frozen=True)
class Entry:
    at: datetime
    actor: str
    from_status: str | None
    to_status: str | None
    note: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AfterSale:
    id: str  # as_<ulid>
    order_id: str
    customer_id: str
    type: str
    reason: str
    status: str
    currency: str
    lines: tuple[AfterSaleLine, ...]
    created_at: datetime
    updated_at: datetime
    shipping_refund: int = 0
    description: str | None = None
    images: tuple[str, ...] = ()
    return_address: dict[str, Any] | None = None
    due: Due = Due()
    timeline: tuple[Entry, ...] = ()
    return_shipment: dict[str, str] | None = None  # carrier, tracking_number
    exchange_shipment: dict[str, str] | None = None
    inspection: dict[str, str] | None = None  # result, note
    refund_id: str | None = None
    refund_status: str | None = None
    escalated: tuple[str, ...] = ()  # deadlines breached and recorded (not filed for them again)
    version: int = 1

    @property
    def refund_amount(self) -> int:
        return sum(line.refund_amount for line in self.lines) + self.shipping_refund

    @property
    def is_open(self) -> bool:
        return self.status not in FINAL

    @property
    def units(self) -> dict[str, int]:
        return {line.sku: line.quantity for line in self.lines}

    @property
    def source(self) -> str:
        """The refund's source: asking the refund service again never refunds twice."""
        return f"after_sale:{self.id}"

    @property
    def seller_fault(self) -> bool:
        return self.reason in SELLER_FAULT_REASONS

    def can_move_to(self, status: str) -> bool:
        return status in TRANSITIONS[self.type].get(self.status, frozenset())


@dataclass(frozen=True)
class StockUnits:
    product_id: str
    sku: str
    quantity: int


@dataclass(frozen=True)
class AfterSaleWrite:
    """What one conditional write does besides saving the request."""

    order: Order | None = None  # the order as changed: written guarded by its version
    release: tuple[StockUnits, ...] = ()  # reserved -> available (units refunded before shipment)
    reserve: tuple[StockUnits, ...] = ()  # available -> reserved (an exchange's new SKU), never below zero
    restock: tuple[StockUnits, ...] = ()  # units back on hand (ledger reason customer_return)
    ship: tuple[StockUnits, ...] = ()  # an exchange's units sent: on_hand and reserved down
    events: tuple[Event, ...] = ()


def transition(
    request: AfterSale,
    to: str,
    at: datetime,
    actor: str,
    policy: AfterSalePolicy,
    note: str | None = None,
    **data: Any,
) -> AfterSale:
    """Move ``request`` to ``to`` (InvalidTransition when its type's table has no
    such move), with a timeline entry and the deadline of the status entered."""
    if not request.can_move_to(to):
        raise InvalidTransition(
            f"A {request.type} request that is {request.status} cannot become {to}.", current_status=request.status
        )
    due = request.due
    if to == "approved":
        if request.type == "refund_only":
            due = replace(due, refund_by=at + policy.refund_within)
        else:
            due = replace(due, ship_back_by=at + policy.ship_back_within)
    elif to == "received":
        due = replace(due, inspect_by=at + policy.inspect_within)
    elif to == "inspected" and request.type == "return_refund":
        due = replace(due, refund_by=at + policy.refund_within)
    entry = Entry(at, actor, request.status, to, note, dict(data))
    return replace(request, status=to, due=due, updated_at=at, timeline=request.timeline + (entry,))


def deadline(request: AfterSale) -> tuple[str, datetime] | None:
    """The deadline the request waits on now, by what breaching it is called."""
    due = request.due
    found: tuple[str, datetime | None] | None = None
    if request.status == "requested":
        found = ("not_answered", due.respond_by)
    elif request.status == "approved":
        found = (
            ("not_refunded", due.refund_by) if request.type == "refund_only" else ("not_shipped_back", due.ship_back_by)
        )
    elif request.status == "received":
        found = ("not_inspected", due.inspect_by)
    elif request.status == "inspected" and request.type == "return_refund":
        found = ("not_refunded", due.refund_by)
    if found is None or found[1] is None:
        return None
    return found[0], found[1]


def awaiting_refund(request: AfterSale) -> bool:
    """Approved refund_only and inspected returns wait for their refund to succeed."""
    return (request.status, request.type) in (("approved", "refund_only"), ("inspected", "return_refund"))


def filed_at(request: AfterSale) -> datetime | None:
    """When the deadlines job next has work on the request: a request waiting for its
    refund at once (it asks again each run), any other at its deadline."""
    if awaiting_refund(request) and request.refund_status != "refused":
        return request.updated_at
    found = deadline(request)
    return found[1] if found and found[0] not in request.escalated else None


def after_sale_event(kind: str, request: AfterSale) -> Event:
    """An after-sale event (docs/events.md): the request as it stands after the change."""
    return new_event(
        kind,
        {
            "after_sale_id": request.id,
            "order_id": request.order_id,
            "customer_id": request.customer_id,
            "type": request.type,
            "reason": request.reason,
            "status": request.status,
            "lines": [{"sku": line.sku, "quantity": line.quantity} for line in request.lines],
            "refund_amount": {"amount": request.refund_amount, "currency": request.currency},
        },
        request.updated_at,
    )
