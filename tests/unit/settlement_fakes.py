"""In-memory fakes of the settle job's ports (due queue, statement store, job
runs, chunk queue), faithful where the fan-out depends on them: a settled order
leaves the due queue, an order is recorded once (a conditional write on its
version), the checkpoint only moves forward, a chunk is finished once."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from chalicelib.adapters.dynamo.order_records import settlement_policy
from chalicelib.domain.clock import FixedClock
from chalicelib.domain.orders import Order, TimelineEntry
from chalicelib.domain.settlement import (
    Chunk,
    ChunkState,
    DueSlice,
    Line,
    RunRef,
    RunState,
    Statement,
    settlement_due,
)
from chalicelib.services.settlement import SettlementService

from .order_builders import STORE_TIMEZONE, an_order

DUE_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def a_paid_order(at: datetime, amount: int = 10000, **overrides: Any) -> Order:
    order = an_order({"SKU-1": 1}, prices={"SKU-1": amount}, at=at)
    paid = TimelineEntry(at, "status_changed", "stripe", from_status="pending_payment", to_status="paid")
    return replace(
        order,
        status="paid",
        payment_status="paid",
        amount_paid=order.total,
        timeline=(*order.timeline, paid),
        **overrides,
    )


class Crash(RuntimeError):
    """The worker died (a timeout, an out-of-memory): nothing after it ran."""


class DueIndex:
    """The due queue over a dict of orders: the orders settlement_due files, by
    (due time, id); a settled order leaves it (unless a later refund is owed)."""

    def __init__(self, orders: dict[str, Order]) -> None:
        self.orders = orders

    def key_of(self, order: Order) -> str | None:
        due = settlement_due(order, settlement_policy())
        return f"{due.astimezone(UTC).strftime(DUE_FORMAT)}#{order.id}" if due is not None else None

    def cutoff_key(self, cutoff: datetime) -> str:
        return f"{cutoff.astimezone(UTC).strftime(DUE_FORMAT)}#\uffff"

    def _index(self) -> list[tuple[str, Order]]:
        return sorted(((k, o) for o in self.orders.values() if (k := self.key_of(o)) is not None), key=lambda p: p[0])

    def due_keys(self, upper: str) -> list[str]:
        return [k for k, _ in self._index() if k < upper]

    def due_between(self, lo: str, hi: str, after: str | None, as_of: datetime, limit: int) -> DueSlice:
        inside = [(k, o) for k, o in self._index() if lo <= k < hi and (after is None or k > after)]
        page = inside[:limit]
        kept = [o for _, o in page if (d := settlement_due(o, settlement_policy())) is not None and d <= as_of]
        return DueSlice(kept, page[-1][0] if page else None, len(inside) <= limit)


class FakeWorld(DueIndex):
    """Orders by id, their due queue, and the statement store (lines, statements)."""

    def __init__(self) -> None:
        super().__init__({})
        self.lines: dict[date, dict[str, Line]] = {}
        self.statements: dict[date, dict[str, Any]] = {}
        self.crash_after_records: int | None = None  # raise Crash once this many more orders are recorded
        self.records = 0

    def add(self, order: Order) -> None:
        self.orders[order.id] = order

    # -- SettlementStore
    def record(self, day: date, before: Order, after: Order, line: Line) -> bool:
        if self.crash_after_records is not None and self.records >= self.crash_after_records:
            self.crash_after_records = None
            raise Crash("the worker died")
        if self.orders[before.id].version != before.version:
            return False
        key = f"{line.order_id}#{after.settled_refunds}"
        day_lines = self.lines.setdefault(day, {})
        assert key not in day_lines, "a line recorded twice"
        day_lines[key] = line
        self.orders[before.id] = replace(after, version=before.version + 1)
        self.records += 1
        return True

    def lines_of(self, day: date) -> list[Line]:
        return list(self.lines.get(day, {}).values())

    def save_statement(self, statement: Statement, generated_at: datetime) -> None:
        current = self.statements.get(statement.business_date)
        if current is None or current["line_count"] < len(statement.lines):
            self.statements[statement.business_date] = {
                "line_count": len(statement.lines),
                "net": sum(line.net for line in statement.lines),
                "fees": statement.total("fees"),
                "gross": statement.total("gross"),
            }

    def statement(self, day: date) -> dict[str, Any] | None:
        return self.statements.get(day)

    def statements_between(self, first: date, last: date) -> list[dict[str, Any]]:
        return [s for d, s in self.statements.items() if first <= d <= last]


class StoreView:
    """The SettlementStore port over a FakeWorld (``lines`` is a method there)."""

    def __init__(self, world: FakeWorld) -> None:
        self.world = world

    def record(self, day: date, before: Order, after: Order, line: Line) -> bool:
        return self.world.record(day, before, after, line)

    def lines(self, day: date) -> list[Line]:
        return self.world.lines_of(day)

    def save_statement(self, statement: Statement, generated_at: datetime) -> None:
        self.world.save_statement(statement, generated_at)

    def statement(self, day: date) -> dict[str, Any] | None:
        return self.world.statement(day)

    def statements(self, first: date, last: date) -> list[dict[str, Any]]:
        return self.world.statements_between(first, last)


class FakeRuns:
    def __init__(self) -> None:
        self.runs: dict[RunRef, dict[str, Any]] = {}
        self.chunk_items: dict[tuple[RunRef, int], dict[str, Any]] = {}

    def run(self, ref: RunRef) -> RunState | None:
        r = self.runs.get(ref)
        return RunState(r["chunks"], r["done"], r["due"], r["closed"]) if r else None

    def save_plan(self, ref: RunRef, chunks: list[Chunk]) -> None:
        for c in chunks:
            self.chunk_items[(ref, c.number)] = {"chunk": c, "checkpoint": None, "done": False, "counts": {}}
        self.runs[ref] = {"chunks": len(chunks), "done": 0, "due": sum(c.size for c in chunks), "closed": False}

    def _state(self, item: dict[str, Any]) -> ChunkState:
        return ChunkState(item["chunk"], item["checkpoint"], item["done"], dict(item["counts"]))

    def chunk(self, ref: RunRef, number: int) -> ChunkState | None:
        item = self.chunk_items.get((ref, number))
        return self._state(item) if item else None

    def chunks(self, ref: RunRef) -> list[ChunkState]:
        return [self._state(i) for (r, _), i in sorted(self.chunk_items.items(), key=lambda kv: kv[0][1]) if r == ref]

    def checkpoint(self, ref: RunRef, number: int, key: str, counts: dict[str, int]) -> None:
        item = self.chunk_items[(ref, number)]
        if item["checkpoint"] is not None and item["checkpoint"] >= key:
            return
        item["checkpoint"] = key
        for name, n in counts.items():
            item["counts"][name] = item["counts"].get(name, 0) + n

    def finish_chunk(self, ref: RunRef, number: int) -> bool:
        item = self.chunk_items[(ref, number)]
        if item["done"]:
            return False
        item["done"] = True
        self.runs[ref]["done"] += 1
        return True

    def close(self, ref: RunRef) -> None:
        self.runs[ref]["closed"] = True


class FakeQueue:
    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    def send(self, messages: list[dict[str, Any]]) -> None:
        self.messages.extend(messages)

    def take(self) -> list[dict[str, Any]]:
        taken, self.messages = self.messages, []
        return taken


class NoStripe:
    def payment_facts(self, payment_intent_id: str) -> tuple[int | None, int | None]:
        return None, None


def a_service(
    world: FakeWorld, runs: FakeRuns, queue: FakeQueue, now: datetime, chunk_size: int = 3, inline_max: int = 0
) -> SettlementService:
    return SettlementService(
        world,
        StoreView(world),
        NoStripe(),
        FixedClock(now),
        STORE_TIMEZONE,
        "CNY",
        60,
        runs,
        queue,
        chunk_size=chunk_size,
        inline_max=inline_max,
    )


def a_day_of_orders(world: FakeWorld, start: datetime, count: int) -> None:
    """``count`` paid orders, a minute apart, of different amounts."""
    for i in range(count):
        world.add(a_paid_order(start + timedelta(minutes=i), amount=1000 + 37 * i))
