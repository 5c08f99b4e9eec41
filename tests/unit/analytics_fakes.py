"""In-memory analytics stores (services/analytics_ports.py), with what the DynamoDB
adapters guarantee: counters ADD atomically to a random shard and are summed on
read, a register is only ever raised, a session's ADD answers the counts it left,
a sales event is applied in one all-or-nothing step, once per event id."""

from __future__ import annotations

import random
import threading
from datetime import date, datetime

from chalicelib.domain.analytics import COUNTER_SHARDS, PRODUCT_PRECISION, SALES_FIELDS, SalesDelta, SalesTally
from chalicelib.domain.hll import DEFAULT_PRECISION, HyperLogLog
from chalicelib.domain.kpis import DayKpis
from chalicelib.services.analytics_ports import SessionKey, SpendEntry


class FakeTraffic:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.shards: dict[tuple[str, int], dict[str, int]] = {}  # (partition, shard) -> counters
        self.registers: dict[str, dict[int, int]] = {}
        self.session_items: dict[SessionKey, list[int]] = {}
        self.expiry: dict[SessionKey, datetime] = {}

    def add_sessions(
        self, sessions: dict[SessionKey, tuple[int, int]], expires_at: datetime
    ) -> dict[SessionKey, tuple[int, int]]:
        out = {}
        with self.lock:
            for key, (events, pages) in sessions.items():
                item = self.session_items.setdefault(key, [0, 0])
                item[0] += events
                item[1] += pages
                self.expiry[key] = expires_at
                out[key] = (item[0], item[1])
        return out

    def _add(self, partition: str, counts: dict[str, int]) -> None:
        shard = self.rng.randrange(COUNTER_SHARDS)
        item = self.shards.setdefault((partition, shard), {})
        for name, n in counts.items():
            item[name] = item.get(name, 0) + n

    def add_counts(
        self, counts: dict[date, dict[str, int]], product_counts: dict[tuple[date, str], dict[str, int]]
    ) -> None:
        with self.lock:
            for day, named in counts.items():
                self._add(day.isoformat(), named)
            for (day, product_id), named in product_counts.items():
                self._add(f"{day.isoformat()}#{product_id}", named)

    def offer_registers(
        self, visitors: dict[date, dict[int, int]], product_visitors: dict[tuple[date, str], dict[int, int]]
    ) -> None:
        with self.lock:
            for partition, registers in [
                *((d.isoformat(), r) for d, r in visitors.items()),
                *((f"{d.isoformat()}#{p}", r) for (d, p), r in product_visitors.items()),
            ]:
                stored = self.registers.setdefault(partition, {})
                for index, rank in registers.items():
                    stored[index] = max(stored.get(index, 0), rank)

    def _sum(self, partition: str) -> dict[str, int]:
        total: dict[str, int] = {}
        for (p, _), item in self.shards.items():
            if p == partition:
                for name, n in item.items():
                    total[name] = total.get(name, 0) + n
        return total

    def day_counts(self, day: date) -> dict[str, int]:
        return self._sum(day.isoformat())

    def day_visitors(self, day: date) -> bytes:
        regs = self.registers.get(day.isoformat())
        return HyperLogLog.from_registers(regs, DEFAULT_PRECISION).to_bytes() if regs else b""

    def product_day(self, day: date, product_id: str) -> tuple[dict[str, int], bytes]:
        partition = f"{day.isoformat()}#{product_id}"
        regs = self.registers.get(partition)
        sketch = HyperLogLog.from_registers(regs, PRODUCT_PRECISION).to_bytes() if regs else b""
        return self._sum(partition), sketch


class FakeSales:
    def __init__(self) -> None:
        self.tallies: dict[str, SalesTally] = {}
        self.markers: set[str] = set()
        self.days: dict[date, dict[str, int]] = {}
        self.customers: dict[date, dict[str, int]] = {}
        self.first: dict[str, date] = {}
        self.conflicts_to_raise = 0

    def load(self, order_id: str) -> SalesTally:
        return self.tallies.get(order_id, SalesTally(order_id))

    def save(
        self, tally: SalesTally, delta: SalesDelta | None, event_id: str, expected_version: int, at: datetime
    ) -> str:
        if event_id in self.markers:
            return "duplicate"
        current = self.tallies.get(tally.order_id)
        if self.conflicts_to_raise or (current.version if current else 0) != expected_version:
            self.conflicts_to_raise = max(0, self.conflicts_to_raise - 1)
            return "conflict"
        self.markers.add(event_id)
        self.tallies[tally.order_id] = tally
        if delta is not None:
            day = self.days.setdefault(delta.day, {})
            for name, n in delta.counts.items():
                assert name in SALES_FIELDS
                day[name] = day.get(name, 0) + n
            if delta.customer_id is not None:
                customers = self.customers.setdefault(delta.day, {})
                customers[delta.customer_id] = customers.get(delta.customer_id, 0) + 1
        return "saved"

    def note_first_order(self, customer_id: str, day: date) -> None:
        if customer_id not in self.first or self.first[customer_id] > day:
            self.first[customer_id] = day

    def day_sales(self, day: date) -> dict[str, int]:
        return dict(self.days.get(day, {}))

    def day_customers(self, day: date) -> dict[str, int]:
        return dict(self.customers.get(day, {}))

    def first_days(self, customer_ids: list[str]) -> dict[str, date]:
        return {c: self.first[c] for c in customer_ids if c in self.first}


class FakeSpend:
    def __init__(self) -> None:
        self.entries: list[SpendEntry] = []

    def add(self, entry: SpendEntry) -> None:
        self.entries.append(entry)

    def for_day(self, day: date) -> list[SpendEntry]:
        return [e for e in self.entries if e.day == day]


class FakeKpis:
    def __init__(self) -> None:
        self.rows: dict[date, DayKpis] = {}
        self.saves = 0

    def save(self, kpis: DayKpis) -> None:
        self.saves += 1
        self.rows[kpis.day] = kpis

    def days(self, first: date, last: date) -> list[DayKpis]:
        return [self.rows[d] for d in sorted(self.rows) if first <= d <= last]
