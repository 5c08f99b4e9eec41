"""Product health (ADR 0021, "Product health"): the weekly flags on listed products.

Pure rules over the per-product aggregates:

- ``low_conversion``: the product's conversion (orders paid / product views) is
  under ``conversion_bps`` (100: 1 %) in each of the two complete store weeks
  before the run, and each week had at least ``min_views`` views (fewer is too
  small a sample to judge, and is never flagged).
- ``slow_moving``: stock on hand (summed over the SKUs) and no order paid for it
  in the ``slow_days`` days to the end of the later week; a product listed less
  than ``slow_days`` days before that day is too new to judge.
- ``low_margin``: a SKU with a cost price whose margin at its current price,
  (price - cost) / price, is under ``min_margin_pct``.

Weeks are ISO weeks (Monday to Sunday) of the store's calendar: every run in
one week judges the same two weeks, so a rerun gives the same flags.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

FLAGS = ("low_conversion", "slow_moving", "low_margin")
SUGGESTIONS = {
    "low_conversion": "Try a new main image or a lower price (an experiment can compare them).",
    "slow_moving": "Run a promotion, or clear the stock.",
    "low_margin": "Review the price (or the cost with the supplier).",
}


@dataclass(frozen=True)
class HealthPolicy:
    conversion_bps: int = 100  # under 1 % of views ordering
    min_views: int = 100  # views a week needs before its conversion is judged
    slow_days: int = 30
    min_margin_pct: int = 30


@dataclass(frozen=True)
class Week:
    first: date  # a Monday
    last: date  # its Sunday

    @property
    def label(self) -> str:
        year, number, _ = self.first.isocalendar()
        return f"{year}-W{number:02d}"

    def days(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range(7)]


def weeks_before(day: date) -> tuple[Week, Week]:
    """The two complete ISO weeks before ``day``'s week: (earlier, later)."""
    monday = day - timedelta(days=day.weekday())
    later = Week(monday - timedelta(days=7), monday - timedelta(days=1))
    earlier = Week(monday - timedelta(days=14), monday - timedelta(days=8))
    return earlier, later


def week_of_label(label: str) -> Week:
    """``2026-W49`` -> that week; ValueError when it is not one."""
    year, _, number = label.partition("-W")
    if not (year.isdigit() and number.isdigit() and len(year) == 4 and len(number) == 2):
        raise ValueError(label)
    first = date.fromisocalendar(int(year), int(number), 1)
    return Week(first, first + timedelta(days=6))


@dataclass(frozen=True)
class DaySales:
    """A product's sales of one store day (the analytics-sales read model)."""

    day: date
    orders: int = 0
    units: int = 0
    revenue: int = 0  # what its lines were paid
    cost: int = 0  # cost of the lines that had a cost price
    costed_revenue: int = 0  # what those lines were paid


def product_sales(lines: Any) -> dict[str, dict[str, int]]:
    """Product id -> what one paid order adds to its day: one order, its units,
    revenue, and cost with the revenue of the lines that carry ``unit_cost``."""
    totals: dict[str, dict[str, int]] = {}
    for line in lines if isinstance(lines, list) else []:
        if not isinstance(line, dict):
            continue
        product_id, quantity, payable = line.get("product_id"), line.get("quantity"), line.get("payable")
        if not isinstance(product_id, str) or not isinstance(quantity, int) or not isinstance(payable, int):
            continue
        t = totals.setdefault(product_id, {"orders": 1, "units": 0, "revenue": 0, "cost": 0, "costed_revenue": 0})
        t["units"] += quantity
        t["revenue"] += payable
        unit_cost = line.get("unit_cost")
        if isinstance(unit_cost, int):
            t["cost"] += unit_cost * quantity
            t["costed_revenue"] += payable
    return totals


@dataclass(frozen=True)
class SkuPrice:
    code: str
    price: int
    cost_price: int | None
    on_hand: int


@dataclass(frozen=True)
class ProductFacts:
    """What the job read of one listed product."""

    product_id: str
    title: str
    listed_on: date | None
    skus: tuple[SkuPrice, ...]
    views: Mapping[date, int]  # product views per day of the two weeks
    sales: tuple[DaySales, ...]  # days with sales within the two weeks
    last_sale: date | None  # the last day with an order paid, up to the end of the later week


@dataclass(frozen=True)
class Flag:
    product_id: str
    title: str
    flag: str
    week: str  # the later week's label
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def suggestion(self) -> str:
        return SUGGESTIONS[self.flag]


def rate(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else round(numerator / denominator, 4)


def _week_figures(week: Week, facts: ProductFacts) -> dict[str, Any]:
    days = set(week.days())
    views = sum(n for d, n in facts.views.items() if d in days)
    orders = sum(s.orders for s in facts.sales if s.day in days)
    return {"week": week.label, "views": views, "orders": orders, "conversion_rate": rate(orders, views)}


def low_conversion(facts: ProductFacts, weeks: tuple[Week, Week], policy: HealthPolicy) -> dict[str, Any] | None:
    figures = [_week_figures(w, facts) for w in weeks]
    for f in figures:
        if f["views"] < policy.min_views or f["orders"] * 10_000 >= policy.conversion_bps * f["views"]:
            return None
    return {"weeks": figures, "threshold": policy.conversion_bps / 10_000, "min_views": policy.min_views}


def slow_moving(facts: ProductFacts, end: date, policy: HealthPolicy) -> dict[str, Any] | None:
    on_hand = sum(max(s.on_hand, 0) for s in facts.skus)
    since = end - timedelta(days=policy.slow_days - 1)  # the window's first day
    if on_hand <= 0:
        return None
    if facts.listed_on is not None and facts.listed_on > end - timedelta(days=policy.slow_days):
        return None  # too new to judge
    if facts.last_sale is not None and facts.last_sale >= since:
        return None
    return {
        "on_hand": on_hand,
        "last_sale_on": facts.last_sale.isoformat() if facts.last_sale else None,
        "days": policy.slow_days,
        "since": since.isoformat(),
        "until": end.isoformat(),
    }


def margin_bps(price: int, cost: int) -> int:
    """(price - cost) / price in basis points, rounded down; price > 0."""
    return ((price - cost) * 10_000) // price


def low_margin(facts: ProductFacts, policy: HealthPolicy) -> dict[str, Any] | None:
    under = []
    for s in facts.skus:
        if s.cost_price is None or s.price <= 0:
            continue  # no cost price: no margin to judge
        bps = margin_bps(s.price, s.cost_price)
        if bps < policy.min_margin_pct * 100:
            under.append({"sku": s.code, "price": s.price, "cost_price": s.cost_price, "margin": bps / 10_000})
    if not under:
        return None
    return {"skus": under, "min_margin": policy.min_margin_pct / 100}


def evaluate(facts: ProductFacts, weeks: tuple[Week, Week], policy: HealthPolicy) -> list[Flag]:
    """The product's flags for the two weeks (the later one names them)."""
    found = {
        "low_conversion": low_conversion(facts, weeks, policy),
        "slow_moving": slow_moving(facts, weeks[1].last, policy),
        "low_margin": low_margin(facts, policy),
    }
    label = weeks[1].label
    return [Flag(facts.product_id, facts.title, name, label, figures) for name, figures in found.items() if figures]


def count_flags(flags: Iterable[Flag]) -> dict[str, int]:
    counts = dict.fromkeys(FLAGS, 0)
    for f in flags:
        counts[f.flag] += 1
    return counts


CSV_COLUMNS = ("product_id", "title", "flag", "week", "figures", "suggestion")


def to_csv(flags: Iterable[Flag]) -> str:
    """One row a flagged product; the figures as compact JSON."""
    import csv
    import io
    import json

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for f in flags:
        figures = json.dumps(f.figures, separators=(",", ":"), sort_keys=True)
        writer.writerow([f.product_id, f.title, f.flag, f.week, figures, f.suggestion])
    return out.getvalue()
