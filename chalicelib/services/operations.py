"""Operational SLAs: paid orders confirmed (taken into fulfillment) within 24 h,
shipped within 48 h, and shipments with a tracking update at least every 48 h.
Each breach is one exception per order and kind, owned by a role, resolved by staff."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from ..domain.clock import Clock
from ..domain.errors import FieldError, InvalidTransition, NotFound, ValidationFailed
from ..domain.operations import OrderException
from ..domain.orders import Order
from .ports import Metrics, NoMetrics, OrderRepository, Page, Position

log = logging.getLogger("commerce.operations")


@dataclass(frozen=True)
class SlaPolicy:
    confirm_within: timedelta = timedelta(hours=24)
    ship_within: timedelta = timedelta(hours=48)
    tracking_silence: timedelta = timedelta(hours=48)


# kind -> (statuses scanned, owner role)
KINDS = {
    "not_confirmed_24h": (("paid",), "operations"),
    "not_shipped_48h": (("paid", "fulfilling"), "operations"),
    "no_tracking_update_48h": (("shipped",), "customer_service"),
}
MAX_SCANNED_PER_STATUS = 2000
# Not an SLA: recorded when Stripe refuses a refund the API asked for (OrderService).
REFUND_REFUSED = ("refund_refused", "customer_service")
# Nor this: a payment that succeeded for another amount or currency than the order's.
PAYMENT_MISMATCH = ("payment_mismatch", "customer_service")


class ExceptionRepository(Protocol):
    def add(self, exception: OrderException) -> bool: ...  # False if this order and kind has one already
    def get(self, exception_id: str) -> OrderException | None: ...
    def save(self, exception: OrderException) -> None: ...
    def by_status(self, status: str, limit: int, after: Position | None) -> Page: ...


def paid_at(order: Order) -> datetime | None:
    return next((e.at for e in order.timeline if e.type == "status_changed" and e.to_status == "paid"), None)


def last_tracking_at(order: Order) -> datetime | None:
    moments = [s.shipped_at for s in order.shipments] + [e.at for s in order.shipments for e in s.events]
    return max(moments) if moments else None


def breaches(order: Order, policy: SlaPolicy, as_of: datetime) -> list[tuple[str, datetime, str]]:
    """(kind, when it fell due, detail) for each SLA this order has broken as of now."""
    found = []
    paid = paid_at(order)
    if paid is not None and order.status == "paid" and paid + policy.confirm_within <= as_of:
        found.append(
            ("not_confirmed_24h", paid + policy.confirm_within, "Paid and not taken into fulfillment within 24 h.")
        )
    if paid is not None and order.status in ("paid", "fulfilling") and paid + policy.ship_within <= as_of:
        found.append(("not_shipped_48h", paid + policy.ship_within, "Paid and not shipped within 48 h."))
    last = last_tracking_at(order)
    if order.status == "shipped" and last is not None and last + policy.tracking_silence <= as_of:
        found.append(("no_tracking_update_48h", last + policy.tracking_silence, "No tracking update for 48 h."))
    return found


class OperationsService:
    def __init__(
        self,
        orders: OrderRepository,
        exceptions: ExceptionRepository,
        clock: Clock,
        policy: SlaPolicy,
        metrics: Metrics | None = None,
    ) -> None:
        self.metrics = metrics or NoMetrics()
        self.orders = orders
        self.exceptions = exceptions
        self.clock = clock
        self.policy = policy

    def scan_slas(self, as_of: datetime) -> dict[str, int]:
        """Idempotent: an order's breach of one kind is recorded once, however often
        (or concurrently) the scan runs."""
        summary = {"scanned": 0, "breaches": 0, "recorded": 0}
        statuses = sorted({s for kinds, _ in KINDS.values() for s in kinds})
        for status in statuses:
            after: Position | None = None
            scanned = 0
            # Oldest first: the longest-waiting orders are the ones breaching, so a
            # capped scan of a long backlog never misses them.
            while scanned < MAX_SCANNED_PER_STATUS:
                page = self.orders.by_status(
                    status, min(100, MAX_SCANNED_PER_STATUS - scanned), after, oldest_first=True
                )
                for order in page.items:
                    scanned += 1
                    for kind, due_at, detail in breaches(order, self.policy, as_of):
                        if order.status not in KINDS[kind][0]:
                            continue
                        summary["breaches"] += 1
                        exception = OrderException(
                            id=f"exc_{order.id.removeprefix('ord_')}_{kind}",
                            order_id=order.id,
                            kind=kind,
                            status="open",
                            owner_role=KINDS[kind][1],
                            detail=detail,
                            due_at=due_at,
                            created_at=as_of,
                        )
                        if self.exceptions.add(exception):
                            summary["recorded"] += 1
                            log.warning(
                                "SLA breach %s on order %s",
                                kind,
                                order.id,
                                extra={"event": "sla_breach", "order_id": order.id, "kind": kind},
                            )
                            self.metrics.count("SlaBreaches", kind=kind)
                after = page.next_position
                if after is None:
                    break
            summary["scanned"] += scanned
        return summary

    def list(self, status: str, limit: int, after: Position | None) -> Page:
        if status not in ("open", "resolved"):
            raise ValidationFailed("Unknown status.", [FieldError("status", "invalid_choice", "open or resolved")])
        return self.exceptions.by_status(status, limit, after)

    def resolve(self, exception_id: str, actor: str, note: str | None) -> OrderException:
        exception = self.exceptions.get(exception_id)
        if exception is None:
            raise NotFound(f"No exception {exception_id}.")
        if exception.status == "resolved":
            raise InvalidTransition("The exception is resolved already.")
        resolved = replace(exception, status="resolved", resolved_at=self.clock.now(), resolved_by=actor, note=note)
        self.exceptions.save(resolved)
        return resolved
