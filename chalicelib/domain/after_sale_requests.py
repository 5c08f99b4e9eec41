"""Which after-sale requests an order may have: the request a customer makes
(``RequestSpec``), the order statuses each type is for, the return window, the
product flag, one open request per line, and the units already back (ADR 0009)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from .after_sales import TYPES, AfterSale, AfterSalePolicy
from .error_codes import AfterSaleErrorCode
from .errors import DomainError, FieldError, ValidationFailed
from .orders import Order
from .refund_allocation import REASONS, SELLER_FAULT_REASONS

# Order statuses each type may be requested in. refund_only before shipment is a
# partial cancellation (approved and refunded at once); after delivery it needs a
# reason that is the seller's fault (a missing item, a damaged one...).
BEFORE_SHIPMENT = frozenset({"paid", "under_review"})
AFTER_DELIVERY = frozenset({"delivered", "completed"})


@dataclass(frozen=True)
class LineSpec:
    sku: str
    quantity: int
    exchange_sku: str | None = None


@dataclass(frozen=True)
class RequestSpec:
    """What a customer asks for."""

    type: str
    reason: str
    lines: tuple[LineSpec, ...]
    description: str | None = None
    images: tuple[str, ...] = ()


def quantity_exceeded(skus: Iterable[str]) -> DomainError:
    errors = [
        FieldError("lines", AfterSaleErrorCode.QUANTITY_EXCEEDS_RETURNABLE, f"{sku}: more units than are left to ship.")
        for sku in skus
    ]
    return ValidationFailed(
        "Before shipment, a refund covers units not shipped yet.",
        errors,
        code=AfterSaleErrorCode.QUANTITY_EXCEEDS_RETURNABLE,
    )


def not_eligible(detail: str) -> DomainError:
    return ValidationFailed(
        detail,
        [FieldError("type", AfterSaleErrorCode.ORDER_NOT_ELIGIBLE, detail)],
        code=AfterSaleErrorCode.ORDER_NOT_ELIGIBLE,
    )


def before_shipment(order: Order) -> bool:
    return order.status in BEFORE_SHIPMENT and not order.shipments


def check_eligible(order: Order, type: str, reason: str) -> None:
    """order_not_eligible unless the order's status allows this type for this reason."""
    if type not in TYPES or reason not in REASONS:
        raise not_eligible(f"Unknown type {type} or reason {reason}.")
    # A presale order before its balance is paid (ADR 0026) has none either: its deposit follows the presale's rule.
    if order.payment_status == "unpaid" or order.status in (
        "pending_payment",
        "deposit_pending",
        "balance_due",
        "cancelled",
    ):
        raise not_eligible(f"An order that is {order.status} ({order.payment_status}) has no after-sales.")
    if order.payment_status in ("refunded", "disputed"):
        raise not_eligible(f"The order is {order.payment_status}.")
    if type == "refund_only":
        if before_shipment(order):
            return
        if order.status in AFTER_DELIVERY and reason in SELLER_FAULT_REASONS:
            return
        raise not_eligible(
            "A refund without a return is for an order not shipped yet, or a delivered one for a reason "
            f"that is the seller's fault; this one is {order.status}."
        )
    if order.status not in AFTER_DELIVERY:
        raise not_eligible(f"A {type} is for a delivered order; this one is {order.status}.")


def check_window(order: Order, type: str, reason: str, now: datetime, policy: AfterSalePolicy) -> None:
    """after_sale_window_closed: a return for no reason past the window from delivery."""
    if reason != "no_reason" or type == "refund_only" or order.delivered_at is None:
        return
    if now > order.delivered_at + policy.return_window:
        days = int(policy.return_window.total_seconds() // 86400)
        raise ValidationFailed(
            f"Returns for no reason close {days} days after delivery.",
            [FieldError("reason", AfterSaleErrorCode.AFTER_SALE_WINDOW_CLOSED, "Choose the reason, if there is one.")],
            code=AfterSaleErrorCode.AFTER_SALE_WINDOW_CLOSED,
        )


def check_returnable(reason: str, lines: Iterable[str], not_returnable: Iterable[str]) -> None:
    """not_returnable: a no-reason return of a product flagged not returnable without
    a reason (seller-fault reasons are always allowed)."""
    if reason != "no_reason":
        return
    refused = set(not_returnable)
    errors = [
        FieldError(f"lines[{i}].sku", AfterSaleErrorCode.NOT_RETURNABLE, f"{sku} cannot be returned without a reason.")
        for i, sku in enumerate(lines)
        if sku in refused
    ]
    if errors:
        raise ValidationFailed(
            "Some lines cannot be returned without a reason.", errors, code=AfterSaleErrorCode.NOT_RETURNABLE
        )


def check_not_open(lines: Iterable[str], open_requests: Iterable[AfterSale]) -> None:
    """after_sale_open: one open request per order line."""
    taken = {sku: r.id for r in open_requests if r.is_open for sku in r.units}
    errors = [
        FieldError(f"lines[{i}].sku", AfterSaleErrorCode.AFTER_SALE_OPEN, f"{sku} has an open request {taken[sku]}.")
        for i, sku in enumerate(lines)
        if sku in taken
    ]
    if errors:
        raise ValidationFailed("A line already has an open request.", errors, code=AfterSaleErrorCode.AFTER_SALE_OPEN)


def returned_units(refunded: Iterable[Mapping[str, int]], exchanged: Iterable[AfterSale]) -> dict[str, int]:
    """Units that came back already: those of refunds (not refused) plus those of
    exchanged requests (they are back, and the customer got other units)."""
    units: dict[str, int] = {}
    for lines in [*refunded, *(r.units for r in exchanged if r.status == "exchanged")]:
        for sku, quantity in lines.items():
            units[sku] = units.get(sku, 0) + quantity
    return units


def requested_units(spec: RequestSpec) -> dict[str, int]:
    """sku -> quantity; a SKU listed twice, or an exchange line without the SKU wanted, is a 422."""
    units: dict[str, int] = {}
    errors = []
    for i, line in enumerate(spec.lines):
        if line.sku in units:
            errors.append(FieldError(f"lines[{i}].sku", "duplicate_line", f"{line.sku} is listed twice."))
        if spec.type == "exchange" and not line.exchange_sku:
            errors.append(FieldError(f"lines[{i}].exchange_sku", "required", "An exchange names the SKU wanted."))
        units[line.sku] = line.quantity
    if errors:
        raise ValidationFailed("The lines are not valid.", errors)
    return units


def check_exchange_skus(
    spec: RequestSpec, product_of: Mapping[str, str], prices: Mapping[str, Mapping[str, int]]
) -> None:
    """The SKU wanted for each line: one of the same product (``product_of``: line SKU ->
    product id; ``prices``: product id -> SKU code -> current price) at the same price as
    the SKU bought, the same SKU included, so no money moves."""
    errors = []
    for i, line in enumerate(spec.lines):
        skus = prices.get(product_of[line.sku], {})
        wanted, bought = skus.get(line.exchange_sku or ""), skus.get(line.sku)
        if wanted is None or bought is None or wanted != bought:
            errors.append(
                FieldError(
                    f"lines[{i}].exchange_sku", "invalid_exchange_sku", "A SKU of the same product at the same price."
                )
            )
    if errors:
        raise ValidationFailed("The exchange SKUs are not valid.", errors)


def add_units(a: Mapping[str, int], b: Mapping[str, int]) -> dict[str, int]:
    return {sku: a.get(sku, 0) + b.get(sku, 0) for sku in {*a, *b}}


def check_listing(status: str, type: str | None, statuses: Iterable[str]) -> None:
    """The staff list's filters: a known status, and a known type if any."""
    known = tuple(statuses)
    errors = []
    if status not in known:
        errors.append(FieldError("status", "invalid_choice", f"One of {', '.join(known)}."))
    if type is not None and type not in TYPES:
        errors.append(FieldError("type", "invalid_choice", f"One of {', '.join(TYPES)}."))
    if errors:
        raise ValidationFailed("Unknown status or type.", errors)
