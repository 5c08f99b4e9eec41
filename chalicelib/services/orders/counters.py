"""What checkout's transaction counts besides stock: flash-sale and first_n units per
promotion (one update per promotion item: a first_n promotion may price several lines),
and the discount money taken from budgets (ADR 0028)."""

from __future__ import annotations

from collections.abc import Mapping

from ...domain.budgets import FIRST_N, BudgetUse
from ...domain.orders import Order
from ...domain.promotions import Promotion
from ..ports import FlashUse


def flash_uses(order: Order, promotions: Mapping[str, Promotion]) -> list[FlashUse]:
    """The order's flash-priced units, one use per promotion (its lines' units summed)."""
    units: dict[str, int] = {}
    for line in order.lines:
        if line.flash_promotion_id and line.flash_units:
            units[line.flash_promotion_id] = units.get(line.flash_promotion_id, 0) + line.flash_units
    uses = []
    for promotion_id, n in units.items():
        p = promotions[promotion_id]
        uses.append(FlashUse(promotion_id, order.customer_id, n, p.quantity, p.per_customer_limit, p.type == FIRST_N))
    return uses


def budget_spends(uses: list[BudgetUse]) -> dict[str, int]:
    """The order's record of what it took from budgets, given back if it is cancelled."""
    return {f"{u.kind}:{u.id}": u.amount for u in uses}


def extra_items(uses: list[BudgetUse], flash: list[FlashUse]) -> int:
    """Transaction items the budgets add: a budgeted promotion without flash units is one
    update more (a coupon's and a flash promotion's spend join their update)."""
    counted = {f.promotion_id for f in flash}
    return sum(1 for u in uses if u.kind == "promotion" and u.id not in counted)
