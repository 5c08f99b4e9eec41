"""Inventory: stock levels per SKU, staff adjustments and the ledger."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from ..domain.catalog import Sku, StockLevel
from ..domain.clock import Clock, business_date
from ..domain.errors import ErrorList, NotFound
from ..domain.events import new_event
from ..domain.ids import new_id
from ..domain.replenishment import classify_abc, turnover
from .ports import InventoryRepository, LedgerEntry, OutboxEvent, Page, Position
from .retry import retry_on_conflict

ADJUSTMENT_REASONS = ("receiving", "stock_count", "damaged", "lost", "customer_return", "correction")
MAX_ADJUSTMENT = 1_000_000
ABC_WINDOW_DAYS = 30
ATTEMPTS = 4


def level_event(sku: Sku, available_after: int, delta: int, at: datetime) -> OutboxEvent | None:
    """What a stock change tells the stock-alerts queue: ``stock.low`` when a removal
    leaves available at or below the alert level (the safety stock, or the reorder
    point planning set), ``stock.replenished`` when an addition lifts it above (the
    worker re-reads the level either way)."""
    if delta < 0 and available_after <= sku.alert_level:
        kind = "stock.low"
    elif delta > 0 and available_after > sku.alert_level:
        kind = "stock.replenished"
    else:
        return None
    data = {
        "sku": sku.code,
        "product_id": sku.product_id,
        "available": available_after,
        "safety_stock": sku.safety_stock,
        "reorder_point": sku.alert_level,
    }
    return new_event(kind, data, at)


def restock_event(sku: Sku, available_before: int, delta: int, at: datetime) -> OutboxEvent | None:
    """``stock.restocked`` when an addition makes a sold-out SKU available again: the
    notify-me subscribers are told, by the stock-alerts worker (ADR 0022)."""
    if delta <= 0 or available_before > 0 or available_before + delta <= 0:
        return None
    data = {"sku": sku.code, "product_id": sku.product_id, "available": available_before + delta}
    return new_event("stock.restocked", data, at)


def stock_events(
    sku: Sku, available_before: int, delta: int, at: datetime
) -> tuple[list[OutboxEvent], tuple[int | None, int | None]]:
    """The events of a change of ``delta`` decided on ``available_before``, and the range
    of ``available`` the write must still find for that decision to hold."""
    events = [
        e
        for e in (
            level_event(sku, available_before + delta, delta, at),
            restock_event(sku, available_before, delta, at),
        )
        if e is not None
    ]
    if sku.stock_shards > 1:
        # Sharded (ADR 0025): decided on the total read, but the write lands on shard 0
        # alone, whose level says nothing of the total: not guarded.
        return events, (None, None)
    low, high = level_guard(available_before, sku.alert_level, delta)
    if delta > 0:  # the same side of sold out, too
        sold_out_low, sold_out_high = (None, 0) if available_before <= 0 else (1, None)
        low = sold_out_low if low is None else (low if sold_out_low is None else max(low, sold_out_low))
        high = sold_out_high if high is None else (high if sold_out_high is None else min(high, sold_out_high))
    return events, (low, high)


def level_guard(available_before: int, safety_stock: int, delta: int) -> tuple[int | None, int | None]:
    """The range of ``available`` (before a change of ``delta``) within which a
    stock event decided on ``available_before`` is still the right one: the same
    side of the tipping point ``safety_stock - delta`` (at or below it, the change
    leaves available at or below the safety stock)."""
    tipping = safety_stock - delta
    return (None, tipping) if available_before <= tipping else (tipping + 1, None)


class SalesFacts(Protocol):
    """Daily sales per SKU and the ABC classes derived from them."""

    def sales_by_sku(self, days: list[date]) -> dict[str, tuple[int, int]]: ...  # (revenue, units)
    def on_hand_of(self, codes: list[str]) -> dict[str, int]: ...
    def save_abc(
        self,
        run: date,
        first: date,
        last: date,
        classes: dict[str, str],
        at: datetime,
        turnover: dict[str, float] | None = None,
    ) -> dict[str, Any]: ...
    def abc_of(self, code: str) -> tuple[str | None, str | None]: ...  # (class, run date)


@dataclass(frozen=True)
class InventoryView:
    sku: Sku
    stock: StockLevel
    abc_class: str | None = None
    abc_run: str | None = None  # the business date of the classification shown


class InventoryService:
    def __init__(
        self,
        inventory: InventoryRepository,
        clock: Clock,
        relay: Callable[[list[OutboxEvent]], Any] | None = None,
        sales: SalesFacts | None = None,
        store_timezone: str = "Asia/Shanghai",
    ) -> None:
        self.inventory = inventory
        self.clock = clock
        self.relay = relay  # publishes the stock events an adjustment wrote (at least once: relay_outbox)
        self.sales = sales
        self.store_timezone = store_timezone

    def get(self, code: str) -> InventoryView:
        found = self.inventory.get(code)
        if found is None:
            raise NotFound(f"No SKU {code}.")
        abc_class, abc_run = self.sales.abc_of(code) if self.sales is not None else (None, None)
        return InventoryView(*found, abc_class=abc_class, abc_run=abc_run)

    def classify_abc(self, as_of: datetime) -> dict[str, Any]:
        """The weekly job: A/B/C per SKU by revenue over the 30 whole business days
        before ``as_of``'s, and each sold SKU's turnover over them (units sold per
        unit on hand at the run), which orders SKUs within a class (ADR 0022).
        Deterministic for a business date's sales, so a rerun writes the same classes."""
        if self.sales is None:
            raise RuntimeError("classify_abc needs sales facts")
        run = business_date(as_of, self.store_timezone)
        first, last = run - timedelta(days=ABC_WINDOW_DAYS), run - timedelta(days=1)
        sold = self.sales.sales_by_sku([first + timedelta(days=i) for i in range(ABC_WINDOW_DAYS)])
        revenue = {code: amount for code, (amount, _units) in sold.items()}
        classes = classify_abc(revenue)
        on_hand = self.sales.on_hand_of(sorted(classes))
        turns = {code: turnover(sold[code][1], on_hand.get(code, 0)) for code in classes}
        summary = self.sales.save_abc(run, first, last, classes, self.clock.now(), turns)
        return {
            "business_date": run.isoformat(),
            "window": {"from": first.isoformat(), "to": last.isoformat()},
            "revenue": sum(revenue.values()),
            **summary,
        }

    def adjust(
        self, code: str, delta: int, reason: str, note: str | None, actor: str
    ) -> tuple[InventoryView, LedgerEntry]:
        errors = ErrorList()
        if delta == 0:
            errors.add("delta", "zero", "delta must not be zero.")
        elif abs(delta) > MAX_ADJUSTMENT:
            errors.add("delta", "out_of_range", f"|delta| must be at most {MAX_ADJUSTMENT}.")
        if reason not in ADJUSTMENT_REASONS:
            errors.add("reason", "invalid_choice", f"One of {', '.join(ADJUSTMENT_REASONS)}.")
        errors.raise_if_any()
        entry = LedgerEntry(
            id=new_id("led"),
            sku=code,
            on_hand_delta=delta,
            reserved_delta=0,
            reason=reason,
            note=note,
            actor=actor,
            at=self.clock.now(),
        )

        # The stock event is written in the adjustment's own transaction, decided
        # from the level read just before. The write is conditioned on the level
        # being on the same side of the safety threshold as the one read, so only a
        # concurrent change that would change the decision makes it read again
        # (checkouts on a busy SKU do not starve adjustments).
        def attempt() -> list[OutboxEvent]:
            found = self.inventory.get(code)
            if found is None:
                raise NotFound(f"No SKU {code}.")
            sku, before = found
            events, guard = stock_events(sku, before.available, delta, entry.at)
            self.inventory.adjust(entry, available_between=guard, events=events)
            return events

        events = retry_on_conflict(attempt, ATTEMPTS)
        if events and self.relay is not None:
            self.relay(events)
        return self.get(code), entry

    def ledger(self, code: str, limit: int, after: Position | None) -> Page:
        found = self.inventory.get(code)
        if found is None:
            raise NotFound(f"No SKU {code}.")
        # A sharded SKU's rows are in its shards' partitions too (ADR 0025): one per shard item.
        return self.inventory.ledger(code, limit, after, max(1, len(found[1].shards)))
