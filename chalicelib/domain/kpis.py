"""The KPIs of a day, a week or a month (ADR 0021).

``DayKpis`` is what the aggregate_kpis job stores for one store day: additive
counts, the day's distinct visitors and paying customers as HyperLogLog
registers, and the 90-day repurchase counts as of that day. ``period_rows``
merges days into periods: counts add, distinct counts are the union of the
days' sketches (a visitor of Monday and Tuesday counts once in the week), and
the repurchase rate is the one of the period's last aggregated day. Rates are
derived last, from the merged counts; a rate whose denominator is zero is None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .hll import HyperLogLog

GRANULARITIES = ("day", "week", "month")
MONEY_METRICS = ("gmv", "aov", "refunds", "gross_margin", "marketing_spend")
RATE_METRICS = (
    "bounce_rate",
    "conversion_rate",
    "refund_rate",
    "gross_margin_rate",
    "repurchase_rate",
    "member_sales_share",
    "roi",
)
COUNT_METRICS = ("uv", "pv", "sessions", "orders", "paying_customers", "new_customers", "returning_customers")
METRICS = COUNT_METRICS + MONEY_METRICS + RATE_METRICS
ADDITIVE = (
    "pv",
    "sessions",
    "single_page_sessions",
    "orders",
    "new_customers",
    "gmv",
    "cost",
    "costed_revenue",
    "member_orders",
    "member_gmv",
    "refunds",
    "refunded_orders",
    "marketing_spend",
)


@dataclass(frozen=True)
class DayKpis:
    day: date
    uv: int = 0
    pv: int = 0
    sessions: int = 0
    single_page_sessions: int = 0
    events: dict[str, int] = field(default_factory=dict)
    orders: int = 0
    paying_customers: int = 0
    new_customers: int = 0
    gmv: int = 0
    cost: int = 0
    costed_revenue: int = 0
    member_orders: int = 0
    member_gmv: int = 0
    refunds: int = 0
    refunded_orders: int = 0
    marketing_spend: int = 0
    buyers_90d: int = 0
    repeat_buyers_90d: int = 0
    visitors: bytes = b""  # HyperLogLog registers (DEFAULT_PRECISION)
    customers: bytes = b""


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _sketch(data: bytes) -> HyperLogLog:
    return HyperLogLog.from_bytes(data) if data else HyperLogLog()


def period_of(day: date, granularity: str) -> tuple[str, date, date]:
    """(label, first day, last day) of the period holding ``day``."""
    if granularity == "week":
        monday = day - timedelta(days=day.weekday())
        year, week, _ = monday.isocalendar()
        return f"{year:04d}-W{week:02d}", monday, monday + timedelta(days=6)
    if granularity == "month":
        first = day.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return f"{day.year:04d}-{day.month:02d}", first, following - timedelta(days=1)
    return day.isoformat(), day, day


def merge(days: Sequence[DayKpis]) -> dict[str, Any]:
    """The counts of several days, with distinct counts from the union of their sketches."""
    out: dict[str, Any] = {name: sum(getattr(d, name) for d in days) for name in ADDITIVE}
    if len(days) == 1:
        out["uv"], out["paying_customers"] = days[0].uv, days[0].paying_customers
    else:
        out["uv"] = HyperLogLog.union(_sketch(d.visitors) for d in days).estimate() if days else 0
        out["paying_customers"] = HyperLogLog.union(_sketch(d.customers) for d in days).estimate() if days else 0
    last = max(days, key=lambda d: d.day) if days else None
    out["buyers_90d"] = last.buyers_90d if last else 0
    out["repeat_buyers_90d"] = last.repeat_buyers_90d if last else 0
    return out


def derive(label: str, first: date, last: date, c: dict[str, Any]) -> dict[str, Any]:
    """A report row: the merged counts and the rates derived from them (money in minor units)."""
    margin = c["costed_revenue"] - c["cost"]
    spend = c["marketing_spend"]
    paying = c["paying_customers"]
    new = min(c["new_customers"], paying) if paying else c["new_customers"]
    return {
        "period": label,
        "from": first.isoformat(),
        "to": last.isoformat(),
        "uv": c["uv"],
        "pv": c["pv"],
        "sessions": c["sessions"],
        "bounce_rate": _ratio(c["single_page_sessions"], c["sessions"]),
        "orders": c["orders"],
        "paying_customers": paying,
        "new_customers": new,
        "returning_customers": max(paying - new, 0),
        "conversion_rate": _ratio(paying, c["uv"]),
        "gmv": c["gmv"],
        "aov": c["gmv"] // c["orders"] if c["orders"] else 0,
        "refunds": c["refunds"],
        "refund_rate": _ratio(c["refunds"], c["gmv"]),
        "gross_margin": margin,
        "gross_margin_rate": _ratio(margin, c["costed_revenue"]),
        "repurchase_rate": _ratio(c["repeat_buyers_90d"], c["buyers_90d"]),
        "member_sales_share": _ratio(c["member_gmv"], c["gmv"]),
        "marketing_spend": spend,
        "roi": _ratio(margin - spend, spend),
    }


def period_rows(days: Sequence[DayKpis], first: date, last: date, granularity: str) -> list[dict[str, Any]]:
    """One row per period from ``first`` to ``last`` (periods clipped to the range); a day
    the job has not aggregated counts as nothing."""
    by_day = {d.day: d for d in days if first <= d.day <= last}
    rows: list[dict[str, Any]] = []
    day = first
    while day <= last:
        label, start, end = period_of(day, granularity)
        start, end = max(start, first), min(end, last)
        inside = [by_day[d] for d in _days(start, end) if d in by_day]
        rows.append(derive(label, start, end, merge(inside)))
        day = end + timedelta(days=1)
    return rows


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


CSV_COLUMNS = ("period", "from", "to", *METRICS)


def to_csv(rows: Sequence[dict[str, Any]], currency: str) -> str:
    """Rows as CSV (money in minor units of ``currency``, rates as decimals, blank when undefined)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*CSV_COLUMNS, "currency"])
    for row in rows:
        writer.writerow([("" if row[c] is None else row[c]) for c in CSV_COLUMNS] + [currency])
    return buffer.getvalue()
