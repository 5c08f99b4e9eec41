"""The staff's customer view: response bodies (docs/api.md, "Staff: customers")."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ...domain.rfm import RfmScore
from ...services.crm_ports import ScoredCustomer, SegmentChange
from ...services.ports import Customer
from .common import money, ts


def customer_summary_out(c: Customer) -> dict[str, Any]:
    return {"id": c.id, "email": c.email, "name": c.name, "created_at": ts(c.created_at)}


def stats_out(scored: ScoredCustomer | None, currency: str) -> dict[str, Any]:
    if scored is None:
        return {
            "orders_count": 0,
            "total_spent": money(0, currency),
            "first_order_at": None,
            "last_order_at": None,
            "average_order_value": money(0, currency),
            "refunded": money(0, currency),
            "completed_count": 0,
        }
    s = scored.stats
    return {
        "orders_count": s.orders_count,
        "total_spent": money(s.total_spent, s.currency),
        "first_order_at": ts(s.first_order_at),
        "last_order_at": ts(s.last_order_at),
        "average_order_value": money(s.average_order_value, s.currency),
        "refunded": money(s.refunded, s.currency),
        "completed_count": s.completed_count,
    }


def rfm_out(score: RfmScore | None) -> dict[str, Any] | None:
    if score is None:
        return None
    return {
        "r": score.r,
        "f": score.f,
        "m": score.m,
        "segment": score.segment,
        "scored_on": score.scored_on.isoformat(),
    }


def change_out(c: SegmentChange) -> dict[str, Any]:
    return {"on": c.on.isoformat(), "from": c.from_segment, "to": c.to_segment, "r": c.r, "f": c.f, "m": c.m}


def profile_out(profile: dict[str, Any]) -> dict[str, Any]:
    return {k: ts(v) if isinstance(v, datetime) else v for k, v in sorted(profile.items())}
