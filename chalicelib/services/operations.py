"""Operational SLAs: orders confirmed (a paid order taken into fulfillment, within
the confirmation hours of payment; an order held for review, decided within them
of placement), shipped within the shipping hours of payment, and shipments with a
tracking update at least every so many hours (all three settings, 24/48/48 by
default). Each breach is one exception per order and kind, owned by a role,
resolved by staff."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from ..domain.clock import Clock
from ..domain.errors import FieldError, InvalidTransition, NotFound, ValidationFailed
from ..domain.events import new_event
from ..domain.operations import LEGACY_NAME, OrderException, current_kind, exception_id
from ..domain.orders import Order, order_data
from .ports import Metrics, NoMetrics, OrderRepository, OutboxEvent, Page, Position

log = logging.getLogger("commerce.operations")


@dataclass(frozen=True)
class SlaPolicy:
    confirm_within: timedelta = timedelta(hours=24)
    ship_within: timedelta = timedelta(hours=48)
    tracking_silence: timedelta = timedelta(hours=48)


# kind -> (statuses scanned, owner role)
KINDS = {
    "not_confirmed": (("paid", "under_review"), "operations"),
    "not_shipped": (("paid", "fulfilling"), "operations"),
    "no_tracking_update": (("shipped",), "customer_service"),
}
MAX_SCANNED_PER_STATUS = 2000
# Not an SLA: recorded when Stripe refuses a refund the API asked for (OrderService).
REFUND_REFUSED = ("refund_refused", "customer_service")
# Nor this: a payment that succeeded for another amount or currency than the order's.
PAYMENT_MISMATCH = ("payment_mismatch", "customer_service")
# Nor this: a chargeback, due by Stripe's evidence deadline (charge.dispute.created).
DISPUTE = ("dispute", "customer_service")
# Nor this: a carrier reported a delivery exception; followed up with the carrier within
# COMMERCE_CARRIER_FOLLOW_UP_HOURS (the customer is told: order.carrier_exception). The
# default here is settings.py's, for a FulfillmentService built without settings (tests).
CARRIER_EXCEPTION = ("carrier_exception", "customer_service")
CARRIER_FOLLOW_UP = timedelta(hours=4)
# The breach the customer is told of (order.tracking_stalled), besides staff.
CUSTOMER_TOLD = {"no_tracking_update": "order.tracking_stalled"}


class ExceptionRepository(Protocol):
    # False if this order and kind has one already; ``events`` are written with it (the outbox).
    def add(self, exception: OrderException, events: Sequence[OutboxEvent] = ()) -> bool: ...
    def get(self, exception_id: str) -> OrderException | None: ...
    def save(self, exception: OrderException) -> None: ...
    def by_status(self, status: str, limit: int, after: Position | None) -> Page: ...


def paid_at(order: Order) -> datetime | None:
    return next((e.at for e in order.timeline if e.type == "status_changed" and e.to_status == "paid"), None)


def last_tracking_at(order: Order) -> datetime | None:
    moments = [s.shipped_at for s in order.shipments] + [e.at for s in order.shipments for e in s.events]
    return max(moments) if moments else None


def hours(span: timedelta) -> int:
    return int(span.total_seconds() // 3600)


@dataclass(frozen=True)
class Breach:
    kind: str
    due_at: datetime
    detail: str
    deadline_hours: int


def breaches(order: Order, policy: SlaPolicy, as_of: datetime) -> list[Breach]:
    """Each SLA this order has broken as of now: its kind, when it fell due, and the
    threshold in force (the policy's, from the settings)."""
    found = []
    confirm, ship, silence = hours(policy.confirm_within), hours(policy.ship_within), hours(policy.tracking_silence)
    paid = paid_at(order)
    if paid is not None and order.status == "paid" and paid + policy.confirm_within <= as_of:
        detail = f"Paid and not taken into fulfillment within {confirm} h."
        found.append(Breach("not_confirmed", paid + policy.confirm_within, detail, confirm))
    # Held for risk review: the promise is confirmation within the hours of the order
    # itself, so the clock runs from placement, not from payment.
    if order.status == "under_review" and order.created_at + policy.confirm_within <= as_of:
        detail = f"Held for review and not confirmed within {confirm} h of the order."
        found.append(Breach("not_confirmed", order.created_at + policy.confirm_within, detail, confirm))
    if paid is not None and order.status in ("paid", "fulfilling") and paid + policy.ship_within <= as_of:
        found.append(Breach("not_shipped", paid + policy.ship_within, f"Paid and not shipped within {ship} h.", ship))
    last = last_tracking_at(order)
    if order.status == "shipped" and last is not None and last + policy.tracking_silence <= as_of:
        detail = f"No tracking update for {silence} h."
        found.append(Breach("no_tracking_update", last + policy.tracking_silence, detail, silence))
    return found


class OperationsService:
    def __init__(
        self,
        orders: OrderRepository,
        exceptions: ExceptionRepository,
        clock: Clock,
        policy: SlaPolicy,
        metrics: Metrics | None = None,
        relay: Callable[[list[OutboxEvent]], Any] | None = None,
    ) -> None:
        self.metrics = metrics or NoMetrics()
        self.relay = relay  # publishes the events written with an exception, right away
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
                    for breach in breaches(order, self.policy, as_of):
                        kind = breach.kind
                        if order.status not in KINDS[kind][0]:
                            continue
                        summary["breaches"] += 1
                        if self._recorded_under_old_name(order.id, kind):
                            continue
                        exception = OrderException(
                            id=exception_id(order.id, kind),
                            order_id=order.id,
                            kind=kind,
                            status="open",
                            owner_role=KINDS[kind][1],
                            detail=breach.detail,
                            due_at=breach.due_at,
                            created_at=as_of,
                            deadline_hours=breach.deadline_hours,
                        )
                        told = self._told(order, kind, breach)
                        if self.exceptions.add(exception, told):
                            summary["recorded"] += 1
                            if told and self.relay is not None:
                                self.relay(told)
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

    @staticmethod
    def _told(order: Order, kind: str, breach: Breach) -> list[OutboxEvent]:
        """The event telling the customer of this breach, if they are told of its kind."""
        told = CUSTOMER_TOLD.get(kind)
        if told is None:
            return []
        data = {**order_data(order), "hours": breach.deadline_hours}
        return [new_event(told, data, breach.due_at)]

    def _recorded_under_old_name(self, order_id: str, kind: str) -> bool:
        """An exception recorded (open or resolved) before the kinds were renamed
        covers the same breach: the order gets no second one under the new name."""
        old = LEGACY_NAME.get(kind)
        return old is not None and self.exceptions.get(exception_id(order_id, old)) is not None

    def list(self, status: str, limit: int, after: Position | None) -> Page:
        if status not in ("open", "resolved"):
            raise ValidationFailed("Unknown status.", [FieldError("status", "invalid_choice", "open or resolved")])
        page = self.exceptions.by_status(status, limit, after)
        return Page([_current(e) for e in page.items], page.next_position)

    def resolve(self, exception_id: str, actor: str, note: str | None) -> OrderException:
        found = self.exceptions.get(exception_id)
        if found is None:
            raise NotFound(f"No exception {exception_id}.")
        exception = _current(found)
        if exception.status == "resolved":
            raise InvalidTransition("The exception is resolved already.")
        resolved = replace(exception, status="resolved", resolved_at=self.clock.now(), resolved_by=actor, note=note)
        self.exceptions.save(resolved)
        return resolved


def _current(exception: OrderException) -> OrderException:
    """A record stored under an old SLA kind name, read as the current kind (its id,
    being the key, stays as stored)."""
    kind = current_kind(exception.kind)
    return exception if kind == exception.kind else replace(exception, kind=kind)
