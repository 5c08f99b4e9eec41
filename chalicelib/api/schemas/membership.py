"""Membership plans and a customer's membership."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from .common import MoneyIn, ShortText, Strict, money, ts


class BenefitsIn(Strict):
    member_prices: bool = True
    percent_off: int = Field(default=0, ge=0, le=50)
    free_shipping: bool = True


class PlanIn(Strict):
    name: str = ShortText
    price: MoneyIn
    period: Literal["year", "month"]
    benefits: BenefitsIn = BenefitsIn()


class MembershipPurchaseIn(Strict):
    plan_id: str = Field(min_length=1, max_length=64)
    payment_method_id: str = Field(pattern=r"^pm_[A-Za-z0-9_]{1,100}$")
    auto_renew: bool = True


def plan_out(plan: Any) -> dict[str, Any]:
    b = plan.benefits
    return {
        "id": plan.id,
        "name": plan.name,
        "price": money(plan.price, plan.currency),
        "period": plan.period,
        "benefits": {"member_prices": b.member_prices, "percent_off": b.percent_off, "free_shipping": b.free_shipping},
        "created_at": ts(plan.created_at),
    }


def membership_out(m: Any, now: datetime) -> dict[str, Any]:
    return {
        "plan": plan_out(m.plan),
        "status": m.status,
        "is_member": m.is_member(now),
        "auto_renew": m.auto_renew,
        "period": m.period,
        "current_period_start": ts(m.current_period_start),
        "current_period_end": ts(m.current_period_end),
        "next_renewal_at": ts(m.next_action_at()) if m.auto_renew and m.status in ("active", "past_due") else None,
        "failed_attempts": m.failed_attempts,
        "history": list(m.history),
        "created_at": ts(m.created_at),
        "updated_at": ts(m.updated_at),
    }
