"""Visitor events and marketing spend (ADR 0021)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ...domain.analytics import MAX_BATCH, VisitorEvent
from ...services.analytics_ports import SpendEntry
from .common import MoneyIn, Strict, Timestamp, money, ts

PseudonymousId = Field(pattern=r"^[A-Za-z0-9_-]{8,64}$")
NEEDS_PRODUCT = ("product_view", "add_to_cart")


class EventIn(Strict):
    type: Literal["page_view", "product_view", "add_to_cart", "begin_checkout", "search"]
    visitor_id: str = PseudonymousId
    session_id: str = PseudonymousId
    at: Timestamp
    product_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,64}$")
    page: str | None = Field(default=None, min_length=1, max_length=512, pattern=r"^[^\x00-\x1f\x7f]+$")

    @model_validator(mode="after")
    def _product_named(self) -> EventIn:
        if self.type in NEEDS_PRODUCT and self.product_id is None:
            raise PydanticCustomError("required", "{kind} needs product_id.", {"kind": self.type})
        return self

    def to_event(self) -> VisitorEvent:
        return VisitorEvent(self.type, self.visitor_id, self.session_id, self.at, self.product_id, self.page)


class EventBatchIn(Strict):
    events: list[EventIn] = Field(min_length=1, max_length=MAX_BATCH)


class MarketingSpendIn(Strict):
    date: date
    channel: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")
    amount: MoneyIn
    campaign: str | None = Field(default=None, min_length=1, max_length=100)


def spend_out(entry: SpendEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "date": entry.day.isoformat(),
        "channel": entry.channel,
        "amount": money(entry.amount, entry.currency),
        "campaign": entry.campaign,
        "created_at": ts(entry.created_at),
        "created_by": entry.created_by,
    }
