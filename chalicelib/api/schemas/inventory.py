"""Stock levels, adjustments and the stock ledger."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ...domain.catalog import StockLevel
from ...services.ports import LedgerEntry
from .common import Strict, ts


class AdjustmentIn(Strict):
    delta: int = Field(ge=-1_000_000, le=1_000_000)
    reason: str = Field(min_length=1, max_length=40)
    note: str | None = Field(default=None, max_length=500)


class StockShardsIn(Strict):
    count: int = Field(ge=1, le=32)  # MAX_STOCK_SHARDS


def stock_out(stock: StockLevel) -> dict[str, int]:
    return {"on_hand": stock.on_hand, "reserved": stock.reserved, "available": stock.available}


def ledger_out(e: LedgerEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "sku": e.sku,
        "on_hand_delta": e.on_hand_delta,
        "reserved_delta": e.reserved_delta,
        "reason": e.reason,
        "note": e.note,
        "reference": e.reference,
        "actor": e.actor,
        "at": ts(e.at),
    }
