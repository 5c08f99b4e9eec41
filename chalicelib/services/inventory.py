"""Inventory: stock levels per SKU, staff adjustments and the ledger."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..domain.catalog import Sku, StockLevel
from ..domain.clock import Clock
from ..domain.errors import ErrorList, NotFound
from ..domain.ids import new_id
from .ports import InventoryRepository, LedgerEntry, Page, Position

ADJUSTMENT_REASONS = ("receiving", "stock_count", "damaged", "lost", "customer_return", "correction")
MAX_ADJUSTMENT = 1_000_000


@dataclass(frozen=True)
class InventoryView:
    sku: Sku
    stock: StockLevel
    abc_class: str | None = None


class InventoryService:
    def __init__(
        self,
        inventory: InventoryRepository,
        clock: Clock,
        on_level: Callable[[Sku, StockLevel, int], None] | None = None,
    ) -> None:
        self.inventory = inventory
        self.clock = clock
        self.on_level = on_level  # told of the new level after each adjustment (stock alerts)

    def get(self, code: str) -> InventoryView:
        found = self.inventory.get(code)
        if found is None:
            raise NotFound(f"No SKU {code}.")
        return InventoryView(*found)

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
        self.inventory.adjust(entry)
        view = self.get(code)
        if self.on_level is not None:
            self.on_level(view.sku, view.stock, delta)
        return view, entry

    def ledger(self, code: str, limit: int, after: Position | None) -> Page:
        if self.inventory.get(code) is None:
            raise NotFound(f"No SKU {code}.")
        return self.inventory.ledger(code, limit, after)
