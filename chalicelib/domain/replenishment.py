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
