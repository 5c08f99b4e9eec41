"""In-memory tickets and wallet (``TicketRepository``, ``WalletRepository`` in
services/tickets.py): each call checks its conditions first (the ticket's
version; not breached for a breach; not compensated for a compensation) and
writes last, as DynamoTickets' transactions do; and a metrics recorder."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from chalicelib.domain.error_codes import CommonErrorCode, TicketErrorCode
from chalicelib.domain.errors import Conflict
from chalicelib.domain.events import Event
from chalicelib.domain.orders import Order
from chalicelib.domain.promotions import CouponGrant
from chalicelib.domain.tickets import Ticket, TicketChange
from chalicelib.services.ports import Page, Position

from .fakes import paginate
from .order_builders import an_order


class FakeTickets:
    def __init__(self) -> None:
        self.tickets: dict[str, Ticket] = {}
        self.events: list[Event] = []
        self.grants: dict[str, CouponGrant] = {}
        self.used: set[str] = set()

    def add(self, change: TicketChange) -> None:
        if change.ticket.id in self.tickets:
            raise Conflict("exists", code=CommonErrorCode.CONCURRENT_UPDATE)
        self._apply(replace(change.ticket, version=0), change)

    def save(self, change: TicketChange) -> Ticket:
        self._check(change.ticket)
        return self._apply(change.ticket, change)

    def mark_breached(self, change: TicketChange) -> bool:
        current = self.tickets.get(change.ticket.id)
        if current is None or current.version != change.ticket.version or current.breached:
            return False
        self._apply(change.ticket, change)
        return True

    def compensate(self, change: TicketChange, grant: CouponGrant) -> Ticket:
        current = self._check(change.ticket)
        if current.compensation is not None or grant.code in self.grants:
            raise Conflict("compensated", code=TicketErrorCode.TICKET_ALREADY_COMPENSATED)
        self.grants[grant.code] = grant
        return self._apply(change.ticket, change)

    def _check(self, ticket: Ticket) -> Ticket:
        current = self.tickets.get(ticket.id)
        if current is None or current.version != ticket.version:
            raise Conflict("The ticket changed meanwhile.", code=CommonErrorCode.CONCURRENT_UPDATE)
        return current

    def _apply(self, ticket: Ticket, change: TicketChange) -> Ticket:
        saved = replace(ticket, version=ticket.version + 1)
        self.tickets[ticket.id] = saved
        self.events.extend(change.events)
        return saved

    def get(self, ticket_id: str) -> Ticket | None:
        return self.tickets.get(ticket_id)

    def for_customer(self, customer_id: str, limit: int, after: Position | None) -> Page:
        mine = [t for t in self.tickets.values() if t.customer_id == customer_id]
        return paginate(mine, lambda t: (t.id,), descending=True, limit=limit, after=after)

    def listing(
        self, status: str | None, category: str | None, breached: bool | None, limit: int, after: Position | None
    ) -> Page:
        found = [
            t
            for t in self.tickets.values()
            if (status is None or t.status == status)
            and (category is None or t.category == category)
            and (breached is None or t.breached == breached)
        ]
        return paginate(found, lambda t: (t.id,), descending=True, limit=limit, after=after)

    def due(self, as_of: datetime, limit: int) -> list[Ticket]:
        due = [t for t in self.tickets.values() if t.awaiting_first_response and t.first_response_due_at <= as_of]
        return sorted(due, key=lambda t: (t.first_response_due_at, t.id))[:limit]

    def created_between(self, start: datetime, end: datetime) -> list[Ticket]:
        return [replace(t, messages=()) for t in self.tickets.values() if start <= t.created_at <= end]


class FakeWallet:
    def __init__(self, tickets: FakeTickets) -> None:
        self.tickets = tickets

    def grants(self, customer_id: str, limit: int, after: Position | None) -> Page:
        mine = [replace(g, used=g.code in self.tickets.used) for g in self.tickets.grants.values()]
        mine = [g for g in mine if g.customer_id == customer_id]
        return paginate(mine, lambda g: (g.code,), descending=True, limit=limit, after=after)


class FakeOrderReader:
    def __init__(self, owners: dict[str, str] | None = None) -> None:
        self.owners = owners or {}

    def get(self, order_id: str) -> Order | None:
        owner = self.owners.get(order_id)
        if owner is None:
            return None
        return replace(an_order({"A": 1}, customer_id=owner), id=order_id)


class RecordingMetrics:
    def __init__(self) -> None:
        self.counts: list[tuple[str, int, dict[str, str]]] = []

    def count(self, name: str, value: int = 1, **dimensions: str) -> None:
        self.counts.append((name, value, dimensions))

    def total(self, name: str, **dimensions: str) -> int:
        return sum(v for n, v, d in self.counts if n == name and all(d.get(k) == x for k, x in dimensions.items()))


class RecordingRelay:
    def __init__(self) -> None:
        self.published: list[Event] = []

    def relay(self, events: list[Event]) -> int:
        self.published.extend(events)
        return len(events)
