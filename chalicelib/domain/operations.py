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
    # SLA kinds: the threshold in force when the breach was recorded (due_at is the
    # deadline itself); None for the other kinds and for records from before it was kept.
    deadline_hours: int | None = None


# The SLA kinds were named after their default thresholds until the thresholds became
# settings; exceptions recorded then keep their stored kind and id. They are read as the
# current kind, and a scan looks for the old id before recording a breach again.
LEGACY_KINDS = {
    "not_confirmed_24h": "not_confirmed",
    "not_shipped_48h": "not_shipped",
    "no_tracking_update_48h": "no_tracking_update",
}
LEGACY_NAME = {new: old for old, new in LEGACY_KINDS.items()}


def current_kind(kind: str) -> str:
    """The kind's current name (an old SLA name read from a record made before the rename)."""
    return LEGACY_KINDS.get(kind, kind)


def exception_id(order_id: str, kind: str) -> str:
    return f"exc_{order_id.removeprefix('ord_')}_{kind}"
