"""The one way an order changes: read the freshest order, decide, write it with
its outbox events under a version condition, retry on a concurrent change, then
relay the events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

from ...domain.clock import Clock, business_date
from ...domain.errors import NotFound
from ...domain.operations import OrderException, exception_id
from ...domain.orders import Order
from ..operations import ExceptionRepository
from ..ports import Metrics, NoMetrics, OrderChange, OrderRepository
from ..relay import EventRelay
from ..retry import retry_on_conflict

ATTEMPTS = 4

Decide = Callable[[Order], tuple[Order, OrderChange] | None]


class OrderChanges:
    def __init__(
        self,
        orders: OrderRepository,
        relay: EventRelay,
        clock: Clock,
        store_timezone: str,
        exceptions: ExceptionRepository | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.orders = orders
        self.relay = relay
        self.clock = clock
        self.store_timezone = store_timezone
        self.exceptions = exceptions
        self.metrics = metrics or NoMetrics()

    def get(self, order_id: str) -> Order:
        order = self.orders.get(order_id)
        if order is None:
            raise NotFound(f"No order {order_id}.")
        return order

    def change(self, order_id: str, decide: Decide) -> Order:
        """Apply a decision to the freshest order, retrying on a concurrent change.
        ``decide`` returns None when there is nothing to do."""

        def attempt() -> tuple[Order, OrderChange | None]:
            order = self.get(order_id)
            decided = decide(order)
            if decided is None:
                return order, None
            updated, change = decided
            return self.orders.save(updated, change, order), change

        saved, change = retry_on_conflict(attempt, ATTEMPTS)
        if change is not None:
            self.relay.relay(list(change.events))
        return saved

    def save(self, order: Order, change: OrderChange, previous: Order | None = None) -> Order:
        """Write a change decided on ``previous`` as read (no retry), then relay its events."""
        saved = self.orders.save(order, change, previous)
        self.relay.relay(list(change.events))
        return saved

    def business_day(self, at: datetime) -> date:
        return business_date(at, self.store_timezone)

    def open_exception(
        self, order_id: str, kind: tuple[str, str], detail: str, now: datetime, due_at: datetime | None = None
    ) -> None:
        """An exception for a person to follow up (one per order and kind), due at
        ``due_at`` (now unless said)."""
        if self.exceptions is None:
            return
        self.exceptions.add(
            OrderException(
                id=exception_id(order_id, kind[0]),
                order_id=order_id,
                kind=kind[0],
                status="open",
                owner_role=kind[1],
                detail=detail,
                due_at=due_at or now,
                created_at=now,
            )
        )

    def resolve_exception(self, order_id: str, kind: tuple[str, str], actor: str, why: str, now: datetime) -> None:
        """Resolve the order's open exception of ``kind`` (nothing when there is none)."""
        if self.exceptions is None:
            return
        found = self.exceptions.get(exception_id(order_id, kind[0]))
        if found is None or found.status == "resolved":
            return
        self.exceptions.save(replace(found, status="resolved", resolved_at=now, resolved_by=actor, note=why))
