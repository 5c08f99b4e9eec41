"""Budgets and first_n promotions around the pricing pipeline (ADR 0028).

``price_cart`` is domain/pricing.py's ``price_cart`` with two rules more:

- **first_n**: the first ``quantity`` (N) units sold in the promotion's scope are
  priced at its ``price`` (a fixed unit price) or ``percent`` off the unit price;
  the units beyond N at the normal price. Here the units still left (N - sold)
  are handed out over the cart's scoped lines in SKU order and each line is
  offered them like a flash sale of its own SKU (the pipeline's flash-sale step:
  those units take no other line promotion); checkout counts them on the
  promotion's ``sold`` counter in its transaction (``sold + units <= N``).
- **budgets**: a promotion or coupon with a ``budget`` gives its discount to an
  order only when what is left of it (``budget - spent``) covers the whole of
  that order's discount: no partial discount. A promotion that cannot is left
  out and the cart priced again without it; a coupon that cannot is refused with
  reason ``budget_exhausted``. Checkout adds the discount to ``spent`` in its
  transaction under the condition ``spent + amount <= budget``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from .pricing import (
    Adjustment,
    CartLine,
    CouponResult,
    PricedCart,
    PricedLine,
    PricingContext,
    percent_of,
)
from .pricing import price_cart as _pipeline
from .promotions import Coupon, Promotion
from .shipping import ShippingTemplate

FIRST_N = "first_n"


@dataclass(frozen=True)
class BudgetUse:
    """The discount money one order takes from a budget: ``kind`` promotion or coupon."""

    kind: str
    id: str  # the promotion id, or the coupon code
    amount: int
    budget: int


def price_cart(
    lines: Sequence[CartLine],
    promotions: Sequence[Promotion],
    context: PricingContext,
    coupon: Coupon | None = None,
    coupon_code: str | None = None,
    shipping_template: ShippingTemplate | None = None,
) -> PricedCart:
    """Price a cart (domain/pricing.py), with first_n promotions and budgets."""
    left_out = {p.id for p in promotions if p.budget is not None and p.spent >= p.budget}
    coupon_refused = False
    while True:
        offered = [p for p in promotions if p.id not in left_out]
        priced = _pipeline(
            lines,
            first_n_offers(lines, offered, context),
            context,
            coupon=None if coupon_refused else coupon,
            coupon_code=None if coupon_refused else coupon_code,
            shipping_template=shipping_template,
        )
        priced = _named(priced, {p.id: p for p in offered if p.type == FIRST_N})
        spent = discounts_by_promotion(priced)
        over = {p.id for p in offered if p.id in spent and not covers(p.budget, p.spent, spent[p.id])}
        if over:
            left_out |= over
            continue
        if _coupon_over(coupon, priced.coupon):
            coupon_refused = True
            continue
        if coupon_refused and coupon is not None:
            priced = replace(priced, coupon=CouponResult(coupon.code, False, "budget_exhausted"))
        return priced


def _coupon_over(coupon: Coupon | None, result: CouponResult | None) -> bool:
    if coupon is None or result is None or not result.applied:
        return False
    return not covers(coupon.budget, coupon.spent, result.amount)


def counted(promotion: Promotion) -> bool:
    """Whether checkout reads the promotion afresh (its counters move with every order):
    a budgeted one, or a first_n one (flash sales: by their SKU)."""
    return promotion.budget is not None or promotion.type == FIRST_N


def covers(budget: int | None, spent: int, amount: int) -> bool:
    """Whether what is left of a budget covers ``amount`` (no budget: always)."""
    return budget is None or amount <= 0 or spent + amount <= budget


def discounts_by_promotion(priced: PricedCart) -> dict[str, int]:
    """The discount money each promotion gives this cart: its line adjustments (a
    flash-priced or first_n-priced line's difference from its unit price included)
    and its order discounts."""
    out: dict[str, int] = {}
    for line in priced.lines:
        for a in line.adjustments:
            if a.promotion_id is not None:
                out[a.promotion_id] = out.get(a.promotion_id, 0) + a.amount
        if line.flash_promotion_id and line.flash_units == line.quantity:
            # The whole line at the flash/first_n price: the difference is in its unit price.
            saved = (line.list_price - line.unit_price) * line.quantity
            out[line.flash_promotion_id] = out.get(line.flash_promotion_id, 0) + max(0, saved)
    for d in priced.discounts:
        if d.promotion_id is not None:
            out[d.promotion_id] = out.get(d.promotion_id, 0) + d.amount
    return out


def budget_uses(priced: PricedCart, promotions: Sequence[Promotion], coupon: Coupon | None) -> list[BudgetUse]:
    """What the order priced takes from budgets: each budgeted promotion's discount,
    and the applied coupon's, when it has a budget."""
    spent = discounts_by_promotion(priced)
    uses = [
        BudgetUse("promotion", p.id, spent[p.id], p.budget)
        for p in sorted(promotions, key=lambda p: p.id)
        if p.budget is not None and spent.get(p.id, 0) > 0
    ]
    result = priced.coupon
    if coupon is not None and coupon.budget is not None and result is not None and result.applied and result.amount:
        uses.append(BudgetUse("coupon", coupon.code, result.amount, coupon.budget))
    return uses


def first_n_offers(
    lines: Sequence[CartLine], promotions: Sequence[Promotion], context: PricingContext
) -> list[Promotion]:
    """The promotions, each first_n one replaced by a flash-sale offer per scoped line
    (SKU order) of the units still left, at its price: fixed, or percent off the
    line's unit price (list, or member price for a member)."""
    out = [p for p in promotions if p.type != FIRST_N]
    for p in promotions:
        if p.type != FIRST_N or p.quantity is None or not p.is_active(context.now):
            continue
        left = max(0, p.quantity - p.sold)
        for line in sorted(lines, key=lambda line: line.sku):
            if left <= 0 or not p.scope.matches(line):
                continue
            unit = _unit(line, context)
            price = p.price if p.price is not None else unit - percent_of(unit, p.percent or 0)
            if price >= unit:
                continue
            units = min(line.quantity, left)
            left -= units
            out.append(replace(p, type="flash_sale", sku=line.sku, price=price, quantity=units, sold=0))
    return out


def _unit(line: CartLine, context: PricingContext) -> int:
    if context.is_member and context.member_prices and line.member_price is not None:
        return min(line.list_price, line.member_price)
    return line.list_price


def _named(priced: PricedCart, first_n: Mapping[str, Promotion]) -> PricedCart:
    """Lines priced by a first_n offer say so (price_source and adjustment ``first_n``)."""
    if not first_n:
        return priced
    lines: list[PricedLine] = []
    for line in priced.lines:
        promotion = first_n.get(line.flash_promotion_id or "")
        if promotion is None:
            lines.append(line)
            continue
        adjustments = tuple(
            replace(a, kind=FIRST_N, label=f"{promotion.name} ({line.flash_units} at the first-N price)")
            if a.kind == "flash_sale" and a.promotion_id == promotion.id
            else a
            for a in line.adjustments
        )
        source = FIRST_N if line.price_source == "flash_sale" else line.price_source
        lines.append(replace(line, adjustments=adjustments, price_source=source))
    return replace(priced, lines=tuple(lines))


__all__ = ["Adjustment", "BudgetUse", "budget_uses", "counted", "covers", "discounts_by_promotion", "price_cart"]
