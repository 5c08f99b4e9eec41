"""Stock shards (ADR 0025): staff set how many items a hot SKU's stock is split
over; the rebalance_stock_shards job evens the shards out again."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from ..domain.catalog import Sku, StockLevel
from ..domain.clock import Clock
from ..domain.errors import Conflict, ErrorList
from ..domain.stock_shards import MAX_STOCK_SHARDS
from .retry import retry_on_conflict

ATTEMPTS = 5  # a split under a flash sale's checkouts reads again


class StockShardRepository(Protocol):
    def level(self, code: str) -> tuple[Sku, StockLevel]: ...
    def distribute(self, code: str, count: int, at: datetime) -> dict[int, int]: ...
    def sharded(self) -> list[tuple[str, int]]: ...


def shard_view(sku: Sku, stock: StockLevel) -> dict[str, Any]:
    return {
        "sku": sku.code,
        "stock_shards": sku.stock_shards,
        "on_hand": stock.on_hand,
        "reserved": stock.reserved,
        "available": stock.available,
        "shards": [{"shard": i, "available": units} for i, units in enumerate(stock.shards)],
    }


class StockShardService:
    def __init__(self, shards: StockShardRepository, clock: Clock) -> None:
        self.shards = shards
        self.clock = clock

    def get(self, code: str) -> dict[str, Any]:
        return shard_view(*self.shards.level(code))

    def set_count(self, code: str, count: int) -> dict[str, Any]:
        """Split the SKU's available stock over ``count`` shards (1: merge it back)."""
        errors = ErrorList()
        if not 1 <= count <= MAX_STOCK_SHARDS:
            errors.add("count", "out_of_range", f"count must be 1..{MAX_STOCK_SHARDS}.")
        errors.raise_if_any()
        self._distribute(code, count)
        return self.get(code)

    def _distribute(self, code: str, count: int) -> dict[int, int]:
        return retry_on_conflict(lambda: self.shards.distribute(code, count, self.clock.now()), ATTEMPTS)

    def rebalance(self) -> dict[str, Any]:
        """The job: every SKU with shard items evened out over the shards it uses
        (a merged one's leftovers back to the SKU item). A SKU busy throughout is left
        for the next run."""
        moved, busy = 0, []
        skus = self.shards.sharded()
        for code, count in skus:
            try:
                delta = self._distribute(code, count)
            except Conflict:  # busy throughout: one SKU does not stop the others
                busy.append(code)
                continue
            moved += sum(d for d in delta.values() if d > 0)
        return {"skus": len(skus), "units_moved": moved, "busy": busy}
