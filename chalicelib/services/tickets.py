"""Customer care: tickets customers open and staff answer, the first-response SLA
scan (job ``scan_ticket_slas``), compensation coupons and the weekly report."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from ..domain import tickets as rules
from ..domain.clock import Clock
from ..domain.errors import Conflict, FieldError, NotFound, ValidationFailed
from ..domain.ids import new_id, ulid
from ..domain.orders import Order
from ..domain.promotions import CouponGrant
from ..domain.ticket_reports import ReportRow, weekly_report
from ..domain.tickets import Ticket, TicketChange, TicketPolicy
from .ports import Metrics, NoMetrics, Page, Position, Relay

log = logging.getLogger("commerce.tickets")

BREACH_KIND = "ticket_first_response"  # the SlaBreaches metric's kind (an alarm in infra)
MAX_REPORT_DAYS = 366


class TicketRepository(Protocol):
    def add(self, change: TicketChange) -> None: ...
    def save(self, change: TicketChange) -> Ticket: ...  # guarded by version: Conflict(concurrent_update)
    def mark_breached(self, change: TicketChange) -> bool: ...  # False: answered, closed or marked meanwhile
    def compensate(self, change: TicketChange, grant: CouponGrant) -> Ticket: ...  # Conflict: compensated already
    def get(self, ticket_id: str) -> Ticket | None: ...  # with its messages, oldest first
    def for_customer(self, customer_id: str, limit: int, after: Position | None) -> Page: ...
    def listing(
        self, status: str | None, category: str | None, breached: bool | None, limit: int, after: Position | None
    ) -> Page: ...
    def due(self, as_of: datetime, limit: int) -> list[Ticket]: ...  # awaiting a first response, due by as_of
    def created_between(self, start: datetime, end: datetime) -> list[Ticket]: ...  # without messages


class OrderReader(Protocol):
    def get(self, order_id: str) -> Order | None: ...


class WalletRepository(Protocol):
    def grants(self, customer_id: str, limit: int, after: Position | None) -> Page: ...  # CouponGrant, newest first


@dataclass(frozen=True)
class Staff:
    actor: str  # staff:<key id>
    roles: frozenset[str]


class TicketService:
    def __init__(
        self,
        tickets: TicketRepository,
        wallet: WalletRepository,
        orders: OrderReader,
        clock: Clock,
        policy: TicketPolicy | None = None,
        metrics: Metrics | None = None,
        store_timezone: str = "Asia/Shanghai",
        relay: Relay | None = None,
    ) -> None:
        self.tickets = tickets
        self.wallet = wallet
        self.orders = orders
        self.clock = clock
        self.policy = policy or TicketPolicy()
        self.metrics = metrics or NoMetrics()
        self.store_timezone = store_timezone
        self.relay = relay

    # --- customers ---------------------------------------------------------------------
    def open(self, customer_id: str, category: str, subject: str, body: str, order_id: str | None) -> Ticket:
        order = self.orders.get(order_id) if order_id is not None else None
        if order_id is not None and (order is None or order.customer_id != customer_id):
            raise ValidationFailed(
                "order_id must be one of your orders.",
                [FieldError("order_id", "not_found", "No order of yours has this id.")],
            )
        change = rules.open_ticket(
            new_id("tkt"), new_id("msg"), customer_id, category, subject, body, order_id, self.policy, self.clock.now()
        )
        self.tickets.add(change)
        self._publish(change)
        return change.ticket

    def open_once(
        self, ticket_id: str, customer_id: str, category: str, subject: str, body: str, order_id: str | None
    ) -> bool:
        """A ticket the system opens for the customer under an id of its own (a low
        review's): once, however often it is asked. False: it exists already."""
        if self.tickets.get(ticket_id) is not None:
            return False
        change = rules.open_ticket(
            ticket_id, new_id("msg"), customer_id, category, subject, body, order_id, self.policy, self.clock.now()
        )
        try:
            self.tickets.add(change)
        except Conflict:  # a concurrent run added it first
            return False
        self._publish(change)
        return True

    def own(self, customer_id: str, ticket_id: str) -> Ticket:
        """The customer's ticket; another's is not found (and not told apart)."""
        ticket = self.tickets.get(ticket_id)
        if ticket is None or ticket.customer_id != customer_id:
            raise NotFound(f"No ticket {ticket_id}.")
        return ticket

    def mine(self, customer_id: str, limit: int, after: Position | None) -> Page:
        return self.tickets.for_customer(customer_id, limit, after)

    def write(self, customer_id: str, ticket_id: str, body: str) -> Ticket:
        ticket = self.own(customer_id, ticket_id)
        return self._save(rules.customer_message(ticket, new_id("msg"), body, self.clock.now()))

    def close(self, customer_id: str, ticket_id: str) -> Ticket:
        return self._save(rules.close(self.own(customer_id, ticket_id), self.clock.now()))

    def rate(self, customer_id: str, ticket_id: str, score: int, comment: str | None) -> Ticket:
        return self._save(rules.rate(self.own(customer_id, ticket_id), score, comment, self.clock.now()))

    def coupons(self, customer_id: str, limit: int, after: Position | None) -> Page:
        return self.wallet.grants(customer_id, limit, after)

    # --- staff -------------------------------------------------------------------------
    def get(self, ticket_id: str) -> Ticket:
        ticket = self.tickets.get(ticket_id)
        if ticket is None:
            raise NotFound(f"No ticket {ticket_id}.")
        return ticket

    def listing(
        self, status: str | None, category: str | None, breached: bool | None, limit: int, after: Position | None
    ) -> Page:
        return self.tickets.listing(status, category, breached, limit, after)

    def reply(self, ticket_id: str, actor: str, body: str, internal: bool) -> Ticket:
        change = rules.staff_reply(self.get(ticket_id), new_id("msg"), actor, body, internal, self.clock.now())
        saved = self._save(change)
        if any(e.type == "ticket.breached" for e in change.events):
            self.metrics.count("SlaBreaches", kind=BREACH_KIND)
        return saved

    def assign(self, ticket_id: str, assignee: str) -> Ticket:
        return self._save(rules.assign(self.get(ticket_id), assignee, self.clock.now()))

    def resolve(self, ticket_id: str, resolution: str) -> Ticket:
        return self._save(rules.resolve(self.get(ticket_id), resolution, self.clock.now()))

    def compensate(self, ticket_id: str, staff: Staff, amount: int, reason: str) -> tuple[Ticket, CouponGrant]:
        """One single-use coupon into the customer's wallet, once per ticket, within
        the staff member's cap. The ticket, the coupon and the grant are one write."""
        ticket = self.get(ticket_id)
        now = self.clock.now()
        code = f"CARE-{ulid()}"
        compensation = rules.compensate(ticket, code, amount, reason, staff.actor, staff.roles, self.policy, now)
        grant = CouponGrant(
            code=code,
            customer_id=ticket.customer_id,
            amount_off=amount,
            granted_at=now,
            ends_at=now + timedelta(days=self.policy.coupon_valid_days),
            source=f"ticket:{ticket.id}",
            reason=reason,
        )
        changed = replace(ticket, compensation=compensation, updated_at=now)
        return self.tickets.compensate(TicketChange(changed), grant), grant

    # --- the SLA scan ------------------------------------------------------------------
    def scan_slas(self, as_of: datetime, batch: int = 200) -> dict[str, int]:
        """Marks every ticket past its first-response deadline without a public staff
        reply as breached, once: the mark is a conditional write, so two runs (or a run
        racing a reply) never mark or count one ticket twice."""
        summary = {"examined": 0, "breached": 0, "skipped": 0, "failed": 0}
        for ticket in self.tickets.due(as_of, batch):
            summary["examined"] += 1
            try:
                change = rules.breach(ticket, as_of)
                if change is None or not self.tickets.mark_breached(change):
                    summary["skipped"] += 1
                    continue
                self._publish(change)
            except Exception:  # noqa: BLE001 - one ticket's failure must not stop the others
                log.exception("ticket SLA scan failed", extra={"event": "ticket_sla_failed", "ticket_id": ticket.id})
                summary["failed"] += 1
                continue
            summary["breached"] += 1
            self.metrics.count("SlaBreaches", kind=BREACH_KIND)
            log.warning(
                "ticket first response breached",
                extra={"event": "sla_breach", "ticket_id": ticket.id, "kind": BREACH_KIND},
            )
        return summary

    # --- reports -----------------------------------------------------------------------
    def report(self, start: datetime, end: datetime) -> list[ReportRow]:
        if end <= start or end - start > timedelta(days=MAX_REPORT_DAYS):
            raise ValidationFailed(
                f"to must be after from, at most {MAX_REPORT_DAYS} days later.",
                [FieldError("to", "invalid_range", f"Use a range of at most {MAX_REPORT_DAYS} days.")],
            )
        return weekly_report(self.tickets.created_between(start, end), self.store_timezone)

    def _save(self, change: TicketChange) -> Ticket:
        saved = self.tickets.save(change)
        self._publish(change)
        return saved

    def _publish(self, change: TicketChange) -> None:
        """The change's events go out right after its write (the outbox holds them
        until they did; the relay_outbox schedule sends any left behind)."""
        if self.relay is not None and change.events:
            self.relay.relay(list(change.events))
