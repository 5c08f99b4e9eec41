"""What a refund of some units of an order gives back, to the cent.

A line's ``payable`` is what the customer paid for all of its units once every
discount, promotion and coupon was shared out across the order. Units are worth
a cumulative share: the first ``m`` of a line's ``n`` units are worth
``payable * m // n``. Returning ``k`` units after ``r`` came back already gives

    payable * (r + k) // n  -  payable * r // n

so any sequence of partial returns telescopes: a line that comes back in full,
in however many requests, refunds exactly its ``payable`` — no cent lost or
gained. Shipping comes back only when the whole order does, for a reason that is
the seller's fault (a customer who changes their mind pays the postage)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .error_codes import AfterSaleErrorCode
from .errors import FieldError, ValidationFailed
from .orders import Order

REASONS = ("no_reason", "quality", "damaged", "wrong_item", "not_as_described", "missing_item", "other")
SELLER_FAULT_REASONS = frozenset({"quality", "damaged", "wrong_item", "not_as_described", "missing_item"})


@dataclass(frozen=True)
class Allocation:
    lines: dict[str, int]  # sku -> refund amount for the units returned now
    shipping: int = 0

    @property
    def total(self) -> int:
        return sum(self.lines.values()) + self.shipping


def units_refund(payable: int, quantity: int, already: int, returning: int) -> int:
    """The share of ``payable`` (a line of ``quantity`` units) that ``returning``
    units are worth after ``already`` came back."""
    if quantity <= 0 or already < 0 or returning < 0 or already + returning > quantity:
        raise ValueError(f"cannot return {returning} of {quantity} units with {already} already returned")
    return payable * (already + returning) // quantity - payable * already // quantity


def returnable(order: Order, returned: Mapping[str, int]) -> dict[str, int]:
    """Units of each line that can still come back: bought minus already returned."""
    return {line.sku: line.quantity - returned.get(line.sku, 0) for line in order.lines}


def allocate(
    order: Order,
    returned: Mapping[str, int],
    returning: Mapping[str, int],
    *,
    seller_fault: bool,
    shipping_refunded: bool = False,
) -> Allocation:
    """The refund for ``returning`` units (sku -> quantity) of ``order`` when
    ``returned`` units came back before. Shipping is included when, after these
    units, every unit of the order has come back, the reason is the seller's
    fault, and shipping was not refunded already. Unknown SKUs and quantities
    above what can still come back are a 422 naming the line."""
    by_sku = {line.sku: line for line in order.lines}
    left = returnable(order, returned)
    errors: list[FieldError] = []
    for index, (sku, quantity) in enumerate(returning.items()):
        if sku not in by_sku:
            errors.append(
                FieldError(f"lines[{index}].sku", AfterSaleErrorCode.UNKNOWN_ORDER_LINE, f"{sku} is not on the order.")
            )
        elif quantity <= 0 or quantity > left[sku]:
            errors.append(
                FieldError(
                    f"lines[{index}].quantity",
                    AfterSaleErrorCode.QUANTITY_EXCEEDS_RETURNABLE,
                    f"{sku}: {left[sku]} unit(s) can still come back.",
                )
            )
    if errors:
        # An unknown line names the code before a quantity does.
        unknown = any(error.code == AfterSaleErrorCode.UNKNOWN_ORDER_LINE for error in errors)
        code = AfterSaleErrorCode.UNKNOWN_ORDER_LINE if unknown else AfterSaleErrorCode.QUANTITY_EXCEEDS_RETURNABLE
        raise ValidationFailed("The lines cannot be returned.", errors, code=code)
    amounts = {
        sku: units_refund(by_sku[sku].payable, by_sku[sku].quantity, returned.get(sku, 0), quantity)
        for sku, quantity in returning.items()
    }
    everything_back = all(  # a gift need not come back (ADR 0027)
        returned.get(sku, 0) + returning.get(sku, 0) >= line.quantity
        for sku, line in by_sku.items()
        if line.gift_promotion_id is None
    )
    shipping = order.shipping if seller_fault and everything_back and not shipping_refunded else 0
    return Allocation(amounts, shipping)
