"""The customer-care report: tickets by category and ISO week (of their creation,
in the store's timezone) with the count, the median first response in minutes,
the breach rate and the average rating."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median
from zoneinfo import ZoneInfo

from .tickets import Ticket

COLUMNS = ("week", "category", "count", "median_first_response_minutes", "breach_rate", "average_rating")


@dataclass(frozen=True)
class ReportRow:
    week: str  # ISO week: 2026-W49
    category: str
    count: int
    median_first_response_minutes: float | None  # of the tickets answered; None when none was
    breach_rate: float  # breached / count, 0..1
    average_rating: float | None  # of the tickets rated; None when none was


def iso_week(ticket: Ticket, timezone: str) -> str:
    year, week, _ = ticket.created_at.astimezone(ZoneInfo(timezone)).isocalendar()
    return f"{year:04d}-W{week:02d}"


def weekly_report(tickets: Iterable[Ticket], timezone: str) -> list[ReportRow]:
    groups: dict[tuple[str, str], list[Ticket]] = {}
    for ticket in tickets:
        groups.setdefault((iso_week(ticket, timezone), ticket.category), []).append(ticket)
    rows = []
    for (week, category), group in sorted(groups.items()):
        responses = [m for t in group if (m := t.first_response_minutes) is not None]
        ratings = [t.rating.score for t in group if t.rating is not None]
        rows.append(
            ReportRow(
                week=week,
                category=category,
                count=len(group),
                median_first_response_minutes=round(median(responses), 1) if responses else None,
                breach_rate=round(sum(1 for t in group if t.breached) / len(group), 4),
                average_rating=round(sum(ratings) / len(ratings), 2) if ratings else None,
            )
        )
    return rows


def to_csv(rows: Iterable[ReportRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow(
            [
                r.week,
                r.category,
                r.count,
                "" if r.median_first_response_minutes is None else r.median_first_response_minutes,
                r.breach_rate,
                "" if r.average_rating is None else r.average_rating,
            ]
        )
    return out.getvalue()
