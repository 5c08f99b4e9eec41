"""Domain events: one typed, versioned envelope for everything the system tells
the world (EventBridge) and its own workers (SQS).

On the wire every event is ``{"type", "version", "id", "occurred_at", "data"}``
(docs/events.md is the catalog). Delivery is at least once: consumers dedupe by
``id``. Adding a field to ``data`` keeps the version; renaming, removing or
changing the meaning of one is a new version of that type."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .clock import parse_rfc3339, to_rfc3339
from .ids import new_id

# Every event type the system emits, with its current version.
CATALOG: dict[str, int] = {
    "analytics.events_collected": 1,
    "order.placed": 1,
    "order.paid": 1,
    "order.balance_due": 1,  # a presale order's deposit paid (ADR 0026)
    "order.review_required": 1,
    "order.ready_for_fulfillment": 1,
    "order.fulfilling": 1,
    "order.partially_shipped": 1,
    "order.shipped": 1,
    "order.delivered": 1,
    "order.completed": 1,
    "order.cancelled": 1,
    "order.refunded": 1,
    "order.dispute_opened": 1,
    "order.dispute_closed": 1,
    "order.carrier_exception": 1,
    "order.tracking_stalled": 1,
    "after_sale.requested": 1,
    "after_sale.approved": 1,
    "after_sale.rejected": 1,
    "after_sale.received": 1,
    "after_sale.inspected": 1,
    "after_sale.refunded": 1,
    "after_sale.exchanged": 1,
    "after_sale.closed": 1,
    "after_sale.cancelled": 1,
    "stock.low": 1,
    "stock.replenished": 1,
    "stock.restocked": 1,
    "membership.activated": 1,
    "membership.renewed": 1,
    "membership.auto_renew_changed": 1,
    "membership.renewal_upcoming": 1,
    "membership.renewal_failed": 1,
    "membership.expired": 1,
    "membership.double_payment_refunded": 1,
    "membership.double_payment_refund_refused": 1,
    "ticket.opened": 1,
    "ticket.replied": 1,
    "ticket.breached": 1,
    "ticket.resolved": 1,
    "review.submitted": 1,
    "review.published": 1,
    "review.hidden": 1,
    "review.followed_up": 1,
}

_TYPE = re.compile(r"^[a-z][a-z_]*(\.[a-z][a-z_]*)+$")
MAX_ID = 64


class MalformedEvent(ValueError):
    """A message that is not an event envelope this code understands."""


@dataclass(frozen=True)
class Event:
    type: str
    id: str
    occurred_at: datetime
    data: Mapping[str, Any] = field(default_factory=dict)
    version: int = 1

    def to_wire(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "version": self.version,
            "id": self.id,
            "occurred_at": to_rfc3339(self.occurred_at),
            "data": dict(self.data),
        }

    @classmethod
    def from_wire(cls, body: Mapping[str, Any]) -> Event:
        """The envelope read back (an SQS body, an EventBridge detail); MalformedEvent
        when it is not one."""
        kind, event_id, version = body.get("type"), body.get("id"), body.get("version")
        data, occurred_at = body.get("data"), body.get("occurred_at")
        if not isinstance(kind, str) or not _TYPE.match(kind):
            raise MalformedEvent(f"type {kind!r} is not an event type")
        if not isinstance(event_id, str) or not 0 < len(event_id) <= MAX_ID:
            raise MalformedEvent("id must be a string of 1 to 64 characters")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise MalformedEvent("version must be a positive integer")
        if not isinstance(data, dict):
            raise MalformedEvent("data must be an object")
        if not isinstance(occurred_at, str):
            raise MalformedEvent("occurred_at must be an RFC 3339 timestamp")
        try:
            at = parse_rfc3339(occurred_at)
        except ValueError as error:
            raise MalformedEvent(f"occurred_at: {error}") from error
        return cls(type=kind, id=event_id, occurred_at=at, data=data, version=version)


def read_message(body: Mapping[str, Any]) -> Event:
    """A queue message: the envelope, or the flat shape written before it (``id``,
    ``type``, ``at`` and the data beside them), still in the queues and the outbox
    when a deployment switches to the envelope; read as version 1."""
    if "data" in body or "version" in body:
        return Event.from_wire(body)
    legacy = {k: v for k, v in body.items() if k not in ("id", "type", "at", "occurred_at")}
    return Event.from_wire(
        {"type": body.get("type"), "id": body.get("id"), "version": 1, "occurred_at": body.get("at"), "data": legacy}
    )


def new_event(kind: str, data: Mapping[str, Any], at: datetime) -> Event:
    """A new event of a catalogued type, at its current version."""
    if kind not in CATALOG:
        raise ValueError(f"{kind} is not in the event catalog")
    return Event(type=kind, id=new_id("evt"), occurred_at=at, data=dict(data), version=CATALOG[kind])
