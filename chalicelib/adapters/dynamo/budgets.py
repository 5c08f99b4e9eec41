"""DynamoDB: budgets (ADR 0028). A promotion's or coupon's ``spent`` counter is on
its own item, added to by checkout's transaction under ``spent + amount <= budget``
(merged into the one update of that item the transaction makes anyway: the coupon's
``used``, a flash sale's or first_n promotion's ``sold``), and given back when the
order's usage is released (cancelled: order_writes.release)."""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import UpdateError
from pynamodb.expressions.update import Action

from ...domain.budgets import BudgetUse
from ...domain.errors import CouponInvalid, NotFound
from ...services.ports import CouponUse
from . import keys, transact
from .models import CouponItem, PromotionItem

Model = type[PromotionItem] | type[CouponItem]


def within(model: Model, use: BudgetUse) -> Any:
    """The condition of a budget's spend: the budget read is still the budget (staff did
    not change it meanwhile) and what is spent leaves room for ``use.amount``."""
    return (model.budget == use.budget if model is CouponItem else model.PK.exists()) & (
        model.spent.does_not_exist() | (model.spent <= use.budget - use.amount)
    )


def promotion_spend(use: BudgetUse) -> tuple[list[Any], Any]:
    """(actions, condition) of a promotion's budget spend, to merge into its update."""
    return [PromotionItem.spent.add(use.amount)], within(PromotionItem, use)


def coupon_spend(use: BudgetUse) -> tuple[list[Any], Any]:
    return [CouponItem.spent.add(use.amount)], within(CouponItem, use)


def coupon_refused(coupon: CouponUse | None, use: BudgetUse | None) -> CouponInvalid:
    """The coupon's update failed: its budget ran out (read again to tell) or a usage limit."""
    if coupon is not None and use is not None:
        item = CouponItem.get(*keys.coupon(coupon.code), consistent_read=True)
        if item.budget != use.budget or int(item.spent or 0) + use.amount > use.budget:
            return CouponInvalid("The coupon's budget is used up.", reason="budget_exhausted")
    return CouponInvalid("The coupon's usage limit was reached.", reason="usage_exhausted")


class CouponBudgets:
    """DynamoCoupons' budget and owner writes."""

    def set_budget(self, code: str, budget: int | None, owner: str | None) -> None:
        actions: list[Action] = [
            CouponItem.budget.set(budget) if budget is not None else CouponItem.budget.remove(),
            CouponItem.staff_owner.set(owner) if owner is not None else CouponItem.staff_owner.remove(),
        ]
        try:
            CouponItem(*keys.coupon(code)).update(actions=actions, condition=CouponItem.PK.exists())
        except UpdateError as error:
            if transact.put_refused(error):
                raise NotFound(f"No coupon {code}.") from error
            raise
