"""Purchasing: suppliers and purchase orders. A purchase order moves through one
table of transitions (``TRANSITIONS``); receipts add what arrived, never more
than was ordered, and decide whether it is partially or fully received."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from .clock import to_rfc3339
from .error_codes import InventoryErrorCode
from .errors import Conflict, InvalidTransition

STATUSES = ("draft", "ordered", "partially_received", "received", "closed", "cancelled")
TERMINAL = frozenset({"received", "closed", "cancelled"})

# The one transition table. Anything else is 409 invalid_transition. A partially
# received order takes further receipts (to itself) until it is received, or is
# closed short (what is missing will not come).
TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"ordered", "cancelled"}),
    "ordered": frozenset({"partially_received", "received", "cancelled"}),
    "partially_received": frozenset({"partially_received", "received", "closed"}),
    "received": frozenset(),
    "closed": frozenset(),
    "cancelled": frozenset(),
}
RECEIVABLE = frozenset({"ordered", "partially_received"})
MAX_LINES = 50  # lines of a purchase order
MAX_RECEIPT_LINES = 20  # lines of one receipt: one DynamoDB transaction (SKU, ledger, events per line)
MAX_QUANTITY = 1_000_000
MAX_UNIT_COST = 100_000_000


@dataclass(frozen=True)
class Supplier:
    id: str
    name: str
    lead_time_days: int
    created_at: datetime
    contact: Mapping[str, str] = field(default_factory=dict)  # name, email, phone: bounded by the API


@dataclass(frozen=True)
class PoLine:
    sku: str
    quantity: int
    unit_cost: int  # minor units of the store's currency
    received: int = 0

    @property
    def outstanding(self) -> int:
        return self.quantity - self.received


@dataclass(frozen=True)
class PurchaseOrder:
    id: str
    supplier_id: str
    status: str
    lines: tuple[PoLine, ...]
    currency: str
    created_at: datetime
    updated_at: datetime
    created_by: str
    history: tuple[dict[str, Any], ...] = ()
    receipts: tuple[str, ...] = ()  # receipt ids, in the order they arrived
    alert_id: str | None = None  # the stock alert it was drafted from
    version: int = 0  # bumped by every write: two writers cannot both move it

    def can_move_to(self, to: str) -> bool:
        return to in TRANSITIONS[self.status]

    @property
    def total(self) -> int:
        return sum(line.quantity * line.unit_cost for line in self.lines)

    def line(self, sku: str) -> PoLine | None:
        return next((line for line in self.lines if line.sku == sku), None)


@dataclass(frozen=True)
class Receipt:
    id: str  # chosen by the client: the same id twice is the same receipt
    po_id: str
    lines: tuple[tuple[str, int], ...]  # (sku, quantity)
    at: datetime
    actor: str


def transition(po: PurchaseOrder, to: str, at: datetime, actor: str, reason: str | None = None) -> PurchaseOrder:
    if not po.can_move_to(to):
        raise InvalidTransition(f"A purchase order that is {po.status} cannot become {to}.", current_status=po.status)
    entry = {"at": to_rfc3339(at), "from": po.status, "to": to, "actor": actor, "reason": reason}
    return replace(po, status=to, updated_at=at, history=po.history + (entry,))


# The moves staff make by hand; partially_received and received are reached by receipts only.
MANUAL = frozenset({"ordered", "cancelled", "closed"})


def move(po: PurchaseOrder, to: str, at: datetime, actor: str, reason: str | None = None) -> PurchaseOrder:
    """A move staff make (order, cancel, close): receipts alone mark goods received."""
    if to not in MANUAL:
        raise InvalidTransition(f"A purchase order becomes {to} by its receipts.", current_status=po.status)
    return transition(po, to, at, actor, reason)


def receive(po: PurchaseOrder, receipt: Receipt) -> PurchaseOrder:
    """The order with ``receipt`` added: every line must be on the order and within
    what is outstanding (409 over_receipt otherwise); received when nothing is
    outstanding any more, partially received until then."""
    if po.status not in RECEIVABLE:
        raise InvalidTransition(f"A purchase order that is {po.status} takes no receipts.", current_status=po.status)
    added: dict[str, int] = {}
    for sku, quantity in receipt.lines:
        added[sku] = added.get(sku, 0) + quantity
    for sku, quantity in added.items():
        line = po.line(sku)
        if line is None:
            raise Conflict(f"{sku} is not on purchase order {po.id}.", code=InventoryErrorCode.OVER_RECEIPT, sku=sku)
        if quantity > line.outstanding:
            raise Conflict(
                f"{quantity} of {sku} is more than the {line.outstanding} outstanding on {po.id}.",
                code=InventoryErrorCode.OVER_RECEIPT,
                sku=sku,
                outstanding=line.outstanding,
            )
    lines = tuple(replace(line, received=line.received + added.get(line.sku, 0)) for line in po.lines)
    done = all(line.outstanding == 0 for line in lines)
    moved = transition(po, "received" if done else "partially_received", receipt.at, receipt.actor, receipt.id)
    return replace(moved, lines=lines, receipts=po.receipts + (receipt.id,))


def suggested_quantity(reorder_quantity: int) -> int:
    """A draft's quantity from an alert's suggestion: at least one unit."""
    return max(1, min(MAX_QUANTITY, int(reorder_quantity)))
