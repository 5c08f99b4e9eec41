"""Shipments and carrier tracking updates."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ...domain.orders import Order
from .common import Code, Strict, Timestamp, ts


class ShipmentLineIn(Strict):
    sku: str = Code
    quantity: int = Field(ge=1, le=99)


class ShipmentIn(Strict):
    carrier: str = Field(pattern=r"^[a-z0-9_-]{2,30}$")
    tracking_number: str = Field(pattern=r"^[A-Za-z0-9-]{4,40}$")
    lines: list[ShipmentLineIn] | None = Field(default=None, max_length=40)


class TrackingUpdateIn(Strict):
    event_id: str = Field(min_length=1, max_length=100)
    carrier: str = Field(pattern=r"^[a-z0-9_-]{2,30}$")
    tracking_number: str = Field(pattern=r"^[A-Za-z0-9-]{4,40}$")
    status: Literal["in_transit", "out_for_delivery", "delivered", "exception"]
    at: Timestamp
    description: str | None = Field(default=None, max_length=500)
    location: str | None = Field(default=None, max_length=200)


def shipments_out(order: Order) -> list[dict[str, Any]]:
    return [
        {
            "carrier": s.carrier,
            "tracking_number": s.tracking_number,
            "status": s.status,
            "lines": [{"sku": sku, "quantity": q} for sku, q in s.lines.items()],
            "shipped_at": ts(s.shipped_at),
            "tracking": [
                {"at": ts(e.at), "status": e.status, "description": e.description, "location": e.location}
                for e in sorted(s.events, key=lambda e: e.at)
            ],
        }
        for s in order.shipments
    ]
