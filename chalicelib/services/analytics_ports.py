"""What the analytics services need from storage (ADR 0021); DynamoDB adapters in
adapters/dynamo/analytics.py and adapters/dynamo/analytics_sales.py, fakes in the
unit tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from ..domain.analytics import SalesDelta, SalesTally
from ..domain.kpis import DayKpis

SessionKey = tuple[date, str]


class TrafficStore(Protocol):
    def add_sessions(
        self, sessions: dict[SessionKey, tuple[int, int]], expires_at: datetime
    ) -> dict[SessionKey, tuple[int, int]]:
        """ADD each session's (events, pages) atomically; answers the counts each ADD left."""
        ...

    def add_counts(
        self, counts: dict[date, dict[str, int]], product_counts: dict[tuple[date, str], dict[str, int]]
    ) -> None:
        """ADD to one random shard of each day's (and day and product's) counters."""
        ...

    def offer_registers(
        self, visitors: dict[date, dict[int, int]], product_visitors: dict[tuple[date, str], dict[int, int]]
    ) -> None:
        """Raise each named HyperLogLog register to the rank unless it is higher already."""
        ...

    def day_counts(self, day: date) -> dict[str, int]:
        """The day's counters, summed over the shards."""
        ...

    def day_visitors(self, day: date) -> bytes:
        """The day's visitor sketch registers (DEFAULT_PRECISION)."""
        ...

    def product_day(self, day: date, product_id: str) -> tuple[dict[str, int], bytes]:
        """A product's counters (summed) and visitor registers (PRODUCT_PRECISION) of a day."""
        ...


class SalesStore(Protocol):
    def load(self, order_id: str) -> SalesTally: ...

    def save(
        self, tally: SalesTally, delta: SalesDelta | None, event_id: str, expected_version: int, at: datetime
    ) -> str:
        """One transaction: the event id's marker (refused if seen: "duplicate"), the
        tally at ``expected_version`` (else "conflict") and the delta ADDed to a shard
        of its day's sales and to the paying customer's day; "saved" when written."""
        ...

    def note_first_order(self, customer_id: str, day: date) -> None:
        """Keep the earliest day the customer paid an order (idempotent, any order)."""
        ...

    def day_sales(self, day: date) -> dict[str, int]: ...

    def day_customers(self, day: date) -> dict[str, int]:
        """Customer id -> orders paid that day."""
        ...

    def first_days(self, customer_ids: list[str]) -> dict[str, date]: ...


@dataclass(frozen=True)
class SpendEntry:
    id: str
    day: date
    channel: str
    amount: int
    currency: str
    campaign: str | None
    created_at: datetime
    created_by: str


class SpendStore(Protocol):
    def add(self, entry: SpendEntry) -> None: ...

    def for_day(self, day: date) -> list[SpendEntry]: ...


class KpiStore(Protocol):
    def save(self, kpis: DayKpis) -> None: ...

    def days(self, first: date, last: date) -> list[DayKpis]: ...
