"""A stock alert: raised when a SKU's available stock falls to or below its
safety stock (one open per SKU), with a replenishment suggestion."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class StockAlert:
    id: str
    sku: str
    product_id: str
    status: str
    available: int
    safety_stock: int
    suggestion: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    history: tuple[dict[str, Any], ...] = field(default=())
