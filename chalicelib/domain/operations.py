"""An operational exception: one per order and kind (an SLA breach, a refused
refund, a mismatched payment), owned by a role until staff resolve it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class OrderException:
    id: str
    order_id: str
    kind: str
    status: str
    owner_role: str
    detail: str
    due_at: datetime
    created_at: datetime
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    note: str | None = None
