"""Cycle counts: a count sheet of SKUs (an ABC class's, on its cadence, or chosen
ones); the counted quantities become stock adjustments and a variance per line
and overall, judged against the 1 % target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

TARGET_PCT = 1.0  # the accuracy target: overall variance at most 1 % of the units expected
MAX_LINES = 500  # SKUs on one sheet
CADENCE = {"A": "daily", "B": "weekly", "C": "monthly"}


def due_classes(day: date) -> tuple[str, ...]:
    """The classes whose sheet is due on a business day: A every day, B on Mondays,
    C on the first of the month."""
    due = ["A"]
    if day.weekday() == 0:
        due.append("B")
    if day.day == 1:
        due.append("C")
    return tuple(due)


@dataclass(frozen=True)
class CountLine:
    sku: str
    expected: int | None = None  # on hand when the count was submitted
    counted: int | None = None
    adjusted: int = 0  # the adjustment made (counted - expected), 0 when none was needed
    error: str | None = None  # why no adjustment was made (e.g. units reserved by orders)

    @property
    def variance(self) -> int | None:
        return None if self.counted is None or self.expected is None else self.counted - self.expected

    @property
    def variance_pct(self) -> float | None:
        return line_pct(self.expected, self.counted)


def line_pct(expected: int | None, counted: int | None) -> float | None:
    """|counted - expected| as a percentage of expected (100 % when none was expected but some were found)."""
    if expected is None or counted is None:
        return None
    if expected == 0:
        return 0.0 if counted == 0 else 100.0
    return round(abs(counted - expected) / expected * 100, 2)


@dataclass(frozen=True)
class CountSheet:
    id: str
    status: str  # open | counting | submitted
    lines: tuple[CountLine, ...]
    created_at: datetime
    created_by: str
    abc_class: str | None = None  # None: chosen SKUs
    business_date: str | None = None  # the day a scheduled sheet is for
    submitted_at: datetime | None = None
    submitted_by: str | None = None

    @property
    def skus(self) -> tuple[str, ...]:
        return tuple(line.sku for line in self.lines)


@dataclass(frozen=True)
class Variance:
    expected: int
    absolute: int  # the sum of |counted - expected|
    net: int  # the sum of counted - expected

    @property
    def pct(self) -> float:
        return line_pct(self.expected, self.expected + self.absolute) or 0.0

    @property
    def within_target(self) -> bool:
        return self.pct <= TARGET_PCT


def variance_of(lines: list[CountLine]) -> Variance:
    counted = [line for line in lines if line.variance is not None]
    return Variance(
        sum(line.expected or 0 for line in counted),
        sum(abs(line.variance or 0) for line in counted),
        sum(line.variance or 0 for line in counted),
    )
