"""Ports of the customer read models: stats, RFM scores and the staff's
customer search (adapters: chalicelib/adapters/dynamo/crm.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from ..domain.customer_stats import CustomerStats, OrderTally
from ..domain.rfm import RfmScore
from .ports import Customer, Page, Position

STATS_SHARDS = 16  # the stats index's partitions, paged one after another


@dataclass(frozen=True)
class ScoredCustomer:
    stats: CustomerStats
    rfm: RfmScore | None
    changes: int = 0  # how many times its scores changed (its history ring's position)


@dataclass
class RfmRun:
    """A score_rfm run of one day, saved after every page (the checkpoint)."""

    day: date
    phase: str = "histogram"  # histogram | score | done
    shard: int = 0
    after: Position | None = None
    histograms: dict[str, dict[str, int]] = field(default_factory=dict)  # r, f, m
    counts: dict[str, int] = field(default_factory=dict)  # segment -> customers (score phase)
    scanned: int = 0
    changed: int = 0
    finished_at: datetime | None = None


@dataclass(frozen=True)
class SegmentChange:
    on: date
    from_segment: str | None
    to_segment: str
    r: int
    f: int
    m: int


class StatsStore(Protocol):
    def load(self, customer_id: str, order_id: str) -> tuple[CustomerStats, OrderTally]: ...
    def save(
        self, stats: CustomerStats, tally: OrderTally, event_id: str, expected_version: int, at: datetime
    ) -> str: ...  # "saved" | "duplicate" (the event's marker exists) | "conflict" (the version moved)
    def get(self, customer_id: str) -> ScoredCustomer | None: ...


class RfmStore(Protocol):
    def page(self, shard: int, after: Position | None, limit: int) -> tuple[list[ScoredCustomer], Position | None]: ...
    def set_scores(self, changed: list[tuple[ScoredCustomer, RfmScore]]) -> None: ...  # new scores + history
    def run(self, day: date) -> RfmRun | None: ...
    def save_run(self, run: RfmRun) -> None: ...
    def latest_run(self) -> RfmRun | None: ...  # the last finished run
    def history(self, customer_id: str) -> list[SegmentChange]: ...  # newest first


class CustomerDirectory(Protocol):
    def by_email_prefix(self, prefix: str, limit: int, after: Position | None) -> Page: ...  # Customer
    def by_name_prefix(self, prefix: str, limit: int, after: Position | None) -> Page: ...  # Customer
    def by_phone_prefix(self, prefix: str, limit: int, after: Position | None) -> Page: ...  # Customer
    def in_segment(self, segment: str, limit: int, after: Position | None) -> Page: ...  # customer ids
    def customers(self, ids: list[str]) -> dict[str, Customer]: ...
    def profile(self, customer_id: str) -> dict[str, Any] | None: ...  # the profile item's fields, no secrets
