"""RFM: recency, frequency and monetary scores (1-5) by quintiles over the
active customer base, and the one table naming segments by them (ADR 0016).

Quintiles come from bounded histograms, so scoring a million customers holds a
few hundred counters, not a million values: recency (days) and frequency
(orders) are small integers counted exactly up to a cap; monetary falls in
log-spaced buckets (8 a doubling, about 9 % wide), the one approximation.
A value's score is its mid-rank percentile p (the share of customers below it
plus half of those equal to it) as 1 + floor(5p): ties share a score, and a
base of distinct values splits into fifths."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

SEGMENTS = ("champions", "loyal", "potential", "new", "at_risk", "cant_lose", "hibernating", "lost")

# The segment map: rows are R (5 = bought most recently), columns FM, the
# frequency and monetary scores together: (f + m + 1) // 2. Klaviyo/Putler-style.
#                 FM:  1              2              3          4            5
SEGMENT_TABLE: dict[int, tuple[str, str, str, str, str]] = {
    5: ("new", "potential", "loyal", "champions", "champions"),
    4: ("potential", "potential", "loyal", "champions", "champions"),
    3: ("potential", "potential", "loyal", "loyal", "loyal"),
    2: ("hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"),
    1: ("lost", "hibernating", "at_risk", "cant_lose", "cant_lose"),
}

RECENCY_CAP = 3650  # days; older counts as 3650 (ten years)
FREQUENCY_CAP = 1000  # orders in 365 days
MONETARY_STEPS = 8  # buckets per doubling of the amount


def fm_score(f: int, m: int) -> int:
    return (f + m + 1) // 2


def segment_of(r: int, f: int, m: int) -> str:
    return SEGMENT_TABLE[r][fm_score(f, m) - 1]


def monetary_bucket(amount: int) -> int:
    """Bucket 0 holds 0 (and less); bucket k >= 1 amounts in [2^((k-1)/8), 2^(k/8))."""
    if amount <= 0:
        return 0
    return 1 + math.floor(math.log2(amount) * MONETARY_STEPS)


@dataclass
class Histogram:
    """Counts of values (already bucketed to small non-negative integers)."""

    counts: dict[int, int] = field(default_factory=dict)
    total: int = 0

    def add(self, value: int) -> None:
        self.counts[value] = self.counts.get(value, 0) + 1
        self.total += 1

    def merge(self, other: Histogram) -> None:
        for value, n in other.counts.items():
            self.counts[value] = self.counts.get(value, 0) + n
        self.total += other.total

    def to_json(self) -> dict[str, int]:
        return {str(k): v for k, v in self.counts.items()}

    @classmethod
    def from_json(cls, raw: dict[str, int]) -> Histogram:
        counts = {int(k): int(v) for k, v in raw.items()}
        return cls(counts, sum(counts.values()))

    def scores(self, higher_is_better: bool = True) -> dict[int, int]:
        """Each value's score 1-5: its mid-rank percentile among the counts."""
        out: dict[int, int] = {}
        below = 0
        for value in sorted(self.counts, reverse=not higher_is_better):
            n = self.counts[value]
            p = (below + n / 2) / self.total
            out[value] = min(5, 1 + math.floor(p * 5))
            below += n
        return out


@dataclass
class Breakpoints:
    """Each bucketed value's score, from one pass's histograms."""

    recency: dict[int, int]
    frequency: dict[int, int]
    monetary: dict[int, int]

    @classmethod
    def of(cls, r: Histogram, f: Histogram, m: Histogram) -> Breakpoints:
        return cls(r.scores(higher_is_better=False), f.scores(), m.scores())

    def score(self, days: int, orders: int, spent: int) -> tuple[int, int, int]:
        r = self.recency.get(min(days, RECENCY_CAP), 1)
        # No order (or nothing net) in the window scores 1, whatever the ranks.
        f = self.frequency.get(min(orders, FREQUENCY_CAP), 1) if orders > 0 else 1
        m = self.monetary.get(monetary_bucket(spent), 1) if spent > 0 else 1
        return r, f, m


@dataclass(frozen=True)
class RfmScore:
    r: int
    f: int
    m: int
    segment: str
    scored_on: date

    def same_scores(self, other: RfmScore | None) -> bool:
        return other is not None and (self.r, self.f, self.m, self.segment) == (
            other.r,
            other.f,
            other.m,
            other.segment,
        )


def histograms() -> tuple[Histogram, Histogram, Histogram]:
    return Histogram(), Histogram(), Histogram()


def observe(hists: tuple[Histogram, Histogram, Histogram], days: int, orders: int, spent: int) -> None:
    r, f, m = hists
    r.add(min(days, RECENCY_CAP))
    if orders > 0:
        f.add(min(orders, FREQUENCY_CAP))
    if spent > 0:
        m.add(monetary_bucket(spent))
