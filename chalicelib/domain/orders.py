"""Orders: the state machine, its timeline, and risk review rules."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from .errors import InvalidTransition
from .events import Event, new_event
from .presale import PresaleTerms
from .promotion_reports import takes
from .refunds import Dispute, Refund

STATUSES = (
    "pending_payment",
    "deposit_pending",  # a presale order (ADR 0026): its deposit not paid yet
    "balance_due",  # a presale order: deposit paid, stock reserved, the balance to pay in its window
    "paid",
    "under_review",
    "fulfilling",
    "shipped",
    "delivered",
    "completed",
    "cancelled",
)
PAYMENT_STATUSES = ("unpaid", "deposit_paid", "paid", "partially_refunded", "refunded", "disputed")

# The one transition table. Anything else is 409 invalid_transition.
TRANSITIONS: dict[str, frozenset[str]] = {
    "deposit_pending": frozenset({"balance_due", "cancelled"}),  # deposit paid; unpaid, released
    "balance_due": frozenset({"paid", "cancelled"}),  # balance paid; unpaid past the balance window
    "pending_payment": frozenset({"paid", "cancelled"}),
    "paid": frozenset({"under_review", "fulfilling", "cancelled"}),
    "under_review": frozenset({"paid", "cancelled"}),  # approve -> paid (cleared), reject -> cancelled
    "fulfilling": frozenset({"shipped"}),
    "shipped": frozenset({"delivered", "completed"}),
    "delivered": frozenset({"completed"}),
    "completed": frozenset(),
    "cancelled": frozenset(),
}
# How far along each status is: payment events never move an order back.
PROGRESS = {s: i for i, s in enumerate(STATUSES[:-1])} | {"cancelled": 100}
CANCELLABLE_BY_CUSTOMER = frozenset({"deposit_pending", "pending_payment", "paid", "under_review"})
UNPAID = ("pending_payment", "deposit_pending")  # released when the payment window closes


@dataclass(frozen=True)
class OrderLine:
    sku: str
    product_id: str
    title: str
    specs: dict[str, str]
    quantity: int
    list_price: int
    unit_price: int
    line_total: int
    order_discount: int
    payable: int
    adjustments: tuple[dict[str, Any], ...] = ()
    flash_promotion_id: str | None = None
    flash_units: int = 0
    unit_cost: int | None = None  # the SKU's cost price at checkout, for gross margin (None: not set)
    experiment: dict[str, str] | None = None  # {id, variant}: the A/B variant the line was priced in (ADR 0024)
    stock_shard: int | None = None  # the stock shard reserved from (ADR 0025); None: the SKU item
    gift_promotion_id: str | None = None  # a gift with purchase at 0 (ADR 0027)
    lucky_bag: dict[str, str] | None = None  # {promotion_id, sku}: the bag this line was picked for (ADR 0027)


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    type: str  # status_changed | payment_failed | refund | review | note
    actor: str  # customer:<id> | staff:<key id> | system | stripe
    from_status: str | None = None
    to_status: str | None = None
    reason: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


TRACKING_STATUSES = ("in_transit", "out_for_delivery", "delivered", "exception")


@dataclass(frozen=True)
class TrackingEvent:
    at: datetime
    status: str
    description: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class Shipment:
    carrier: str
    tracking_number: str
    lines: dict[str, int]  # sku -> quantity
    shipped_at: datetime
    status: str = "shipped"  # shipped | in_transit | out_for_delivery | delivered | exception
    events: tuple[TrackingEvent, ...] = ()


@dataclass(frozen=True)
class Order:
    id: str
    customer_id: str
    cart_id: str
    status: str
    payment_status: str
    currency: str
    lines: tuple[OrderLine, ...]
    subtotal: int
    discounts: tuple[dict[str, Any], ...]
    shipping: int
    total: int
    shipping_address: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    payment_due_at: datetime
    timeline: tuple[TimelineEntry, ...] = ()
    coupon_code: str | None = None
    payment_intent_id: str | None = None
    amount_paid: int = 0
    amount_refunded: int = 0
    risk_reasons: tuple[str, ...] = ()
    review_cleared: bool = False
    shipments: tuple[Shipment, ...] = ()
    delivered_at: datetime | None = None
    settled_on: str | None = None  # the business date of the settlement statement that took it
    settled_refunds: int = 0  # refunds already carried into statements
    # Stripe's fee and captured amount, learnt when the payment was recorded (ADR 0029):
    # settlement reads them here instead of asking Stripe; None: not known then.
    payment_fee: int | None = None
    payment_captured: int | None = None
    refunds: tuple[Refund, ...] = ()  # every refund asked for, in order (domain/refunds.py)
    dispute: Dispute | None = None  # a chargeback on the payment (domain/refunds.py)
    # After-sales (domain/after_sales.py): the requests still open (completion and
    # settlement wait for them), and units refunded before shipment (never shipped).
    open_after_sales: tuple[str, ...] = ()
    withdrawn: dict[str, int] = field(default_factory=dict)
    priority: bool = False  # a high-value customer's order: shipped first (ADR 0019)
    # What it took from budgets (ADR 0028): "promotion:<id>" or "coupon:<code>" -> discount money.
    budget_spends: dict[str, int] = field(default_factory=dict)
    version: int = 1
    presale: PresaleTerms | None = None  # a presale order's deposit and balance (ADR 0026)

    @property
    def closed_at(self) -> datetime | None:
        """When the order became completed or cancelled (None while open)."""
        if self.status not in ("completed", "cancelled"):
            return None
        for entry in reversed(self.timeline):
            if entry.type == "status_changed" and entry.to_status == self.status:
                return entry.at
        return self.updated_at

    @property
    def payment_mismatched(self) -> bool:
        """A payment succeeded for another amount or currency than the order's: it is
        not paid, and it is left to a person (a payment_mismatch exception)."""
        return any(entry.type == "payment_mismatch" for entry in self.timeline)

    def shipped_quantities(self) -> dict[str, int]:
        shipped: dict[str, int] = {}
        for shipment in self.shipments:
            for sku, quantity in shipment.lines.items():
                shipped[sku] = shipped.get(sku, 0) + quantity
        return shipped

    def unshipped(self) -> dict[str, int]:
        """Units still to ship: bought, less shipped, less refunded before shipment."""
        shipped = self.shipped_quantities()
        left = {
            line.sku: line.quantity - shipped.get(line.sku, 0) - self.withdrawn.get(line.sku, 0) for line in self.lines
        }
        return {sku: quantity for sku, quantity in left.items() if quantity > 0}

    def reserved_units(self) -> dict[str, int]:
        """Units the order holds in reserve until shipped or released: bought less withdrawn."""
        return {line.sku: line.quantity - self.withdrawn.get(line.sku, 0) for line in self.lines}

    def can_move_to(self, status: str) -> bool:
        return status in TRANSITIONS[self.status]


def transition(order: Order, to: str, at: datetime, actor: str, reason: str | None = None) -> Order:
    if not order.can_move_to(to):
        raise InvalidTransition(f"An order that is {order.status} cannot become {to}.", current_status=order.status)
    entry = TimelineEntry(at, "status_changed", actor, order.status, to, reason)
    return replace(order, status=to, updated_at=at, timeline=order.timeline + (entry,))


def note(order: Order, at: datetime, type: str, actor: str, reason: str | None = None, **data: Any) -> Order:
    return replace(
        order, updated_at=at, timeline=order.timeline + (TimelineEntry(at, type, actor, reason=reason, data=data),)
    )


@dataclass(frozen=True)
class RiskPolicy:
    review_over: int | None = None  # order total in minor units
    provinces: frozenset[str] = frozenset()
    max_orders_per_hour: int | None = None


def risk_reasons(order: Order, policy: RiskPolicy, orders_last_hour: int) -> tuple[str, ...]:
    """Why a paid order needs a human look, if it does."""
    reasons = []
    if policy.review_over is not None and order.total > policy.review_over:
        reasons.append("large_order")
    if order.shipping_address.get("province") in policy.provinces:
        reasons.append("high_risk_region")
    if policy.max_orders_per_hour is not None and orders_last_hour > policy.max_orders_per_hour:
        reasons.append("order_velocity")
    return tuple(reasons)


def refund_status(total_paid: int, refunded: int) -> str:
    if refunded <= 0:
        return "paid"
    return "refunded" if refunded >= total_paid else "partially_refunded"


def order_event(kind: str, order: Order, **extra: Any) -> Event:
    """An order event (docs/events.md): the order as it stands after the change
    (and, for some types, ``extra`` fields beside it)."""
    return new_event(kind, {**order_data(order), **extra}, order.updated_at)


def order_data(order: Order) -> dict[str, Any]:
    """The ``data`` every order event carries."""
    return {
        "order_id": order.id,
        "customer_id": order.customer_id,
        "status": order.status,
        "payment_status": order.payment_status,
        "total": {"amount": order.total, "currency": order.currency},
        "refunded": {"amount": order.amount_refunded, "currency": order.currency},
        "lines": [
            {
                "sku": line.sku,
                "product_id": line.product_id,
                "quantity": line.quantity,
                "payable": line.payable,
                "unit_cost": line.unit_cost,
                **({"experiment": line.experiment} if line.experiment else {}),
            }
            for line in order.lines
        ],
        # What it took from each promotion and coupon (ADR 0028), when it took any.
        **({"promotions": [t.to_json() for t in found]} if (found := takes(order.lines, order.discounts)) else {}),
    }


def settle_paid(order: Order, at: datetime, reasons: tuple[str, ...]) -> tuple[Order, tuple[Event, ...]]:
    """The one rule after a payment lands on an order just moved to paid: it is held
    for review when risk rules flag it, else it is ready for fulfillment."""
    events = [order_event("order.paid", order)]
    if reasons:
        order = replace(transition(order, "under_review", at, "system", ", ".join(reasons)), risk_reasons=reasons)
        events.append(order_event("order.review_required", order))
    else:
        events.append(order_event("order.ready_for_fulfillment", order))
    return order, tuple(events)
