"""Stock alert maths: replenishment suggestions and ABC classification."""

from __future__ import annotations

import math
from dataclasses import dataclass

SAFETY_DAYS = 3
TRAILING_DAYS = 14


@dataclass(frozen=True)
class Suggestion:
    average_daily_sales: float
    suggested_safety_stock: int  # covers SAFETY_DAYS of average sales
    reorder_quantity: int  # to get back to safety stock plus the lead time's sales


def suggest(units_sold_trailing: int, available: int, lead_time_days: int, days: int = TRAILING_DAYS) -> Suggestion:
    average = units_sold_trailing / days if days > 0 else 0.0
    safety = math.ceil(average * SAFETY_DAYS)
    target = safety + math.ceil(average * lead_time_days)
    return Suggestion(round(average, 2), safety, max(0, target - max(available, 0)))


def classify_abc(revenue: dict[str, int], a_share: float = 0.80, b_share: float = 0.95) -> dict[str, str]:
    """A: the SKUs that make the top 80 % of revenue, B: the next 15 %, C: the rest
    (SKUs without revenue are C). Ties broken by SKU code, so the result is stable."""
    total = sum(v for v in revenue.values() if v > 0)
    classes: dict[str, str] = {}
    running = 0
    for sku, amount in sorted(revenue.items(), key=lambda kv: (-kv[1], kv[0])):
        if amount <= 0 or total == 0:
            classes[sku] = "C"
            continue
        share_before = running / total
        running += amount
        classes[sku] = "A" if share_before < a_share else ("B" if share_before < b_share else "C")
    return classes


# --- safety policies and reorder points (the recompute_safety_stock job) ---------------------
SAFETY_MODES = ("fixed", "days_of_sales")
MAX_SAFETY_DAYS = 365


@dataclass(frozen=True)
class SafetyPolicy:
    """How a SKU's safety stock is set: ``fixed`` keeps the one staff set on the SKU;
    ``days_of_sales`` covers ``days`` of average daily sales, never below ``floor``.
    A SKU without a policy is ``fixed``."""

    mode: str = "fixed"
    days: int = SAFETY_DAYS
    floor: int = 0
    supplier_id: str | None = None  # whose lead time the reorder point covers


def safety_stock(policy: SafetyPolicy, average_daily_sales: float, current: int) -> int:
    if policy.mode == "days_of_sales":
        return max(policy.floor, math.ceil(round(average_daily_sales * policy.days, 6)))
    return current


def reorder_point(average_daily_sales: float, lead_time_days: int, safety: int) -> int:
    """The lead time's demand plus the safety stock: at or below it, an alert (time to order)."""
    return math.ceil(round(average_daily_sales * lead_time_days, 6)) + safety


def abc_order(abc_class: str | None, turnover: float | None, sku: str) -> tuple[int, float, str]:
    """The sort key that puts what matters first (alerts, count sheets, suggestions):
    class A before B before C (unclassified last), then the faster turnover, then the code."""
    rank = {"A": 0, "B": 1, "C": 2}.get(abc_class or "", 3)
    return rank, -(turnover or 0.0), sku


def turnover(units_sold: int, on_hand: int) -> float:
    """Units sold over the window per unit on hand now (the window's turns); all sold
    and none left counts as the units sold."""
    return round(units_sold / max(on_hand, 1), 4)
