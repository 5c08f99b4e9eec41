"""Customer-care tickets: the state machine, the first-response clock, ratings and
the one compensation a ticket may carry.

A ticket is ``open`` while staff owe an answer, ``answered`` once staff replied in
public (the customer's turn), ``resolved`` when staff settle it and ``closed`` when
the customer closes it. A customer message on an answered or resolved ticket
opens it again. The first-response clock runs from creation to the first public
staff reply (internal notes do not stop it); a ticket still without one at its
``first_response_due_at`` is ``breached``, once (the ``scan_ticket_slas`` job, or
the late reply itself)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from .clock import to_rfc3339
from .error_codes import TicketErrorCode
from .errors import Conflict, Forbidden, InvalidTransition
from .events import Event, new_event

CATEGORIES = ("question", "complaint", "logistics", "after_sales", "other")
STATUSES = ("open", "answered", "resolved", "closed")

# The one transition table. Anything else is 409 invalid_transition.
TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"answered", "resolved", "closed"}),
    "answered": frozenset({"open", "resolved", "closed"}),
    "resolved": frozenset({"open", "closed"}),
    "closed": frozenset(),
}
RATABLE = frozenset({"resolved", "closed"})

# First-response targets by category, in minutes (settings may override any of them).
DEFAULT_FIRST_RESPONSE_MINUTES: dict[str, int] = {
    "complaint": 60,
    "question": 120,
    "logistics": 240,
    "after_sales": 120,
    "other": 120,
}
# The most a role may grant in one compensation, minor units (¥50 and ¥500 in CNY).
DEFAULT_COMPENSATION_CAPS: dict[str, int] = {"customer_service": 5000, "admin": 50000}
MAX_MESSAGES = 100  # per ticket, customer and staff together (keeps a ticket's read bounded)


@dataclass(frozen=True)
class TicketPolicy:
    first_response: Mapping[str, timedelta] = field(
        default_factory=lambda: {k: timedelta(minutes=v) for k, v in DEFAULT_FIRST_RESPONSE_MINUTES.items()}
    )
    compensation_caps: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_COMPENSATION_CAPS))
    coupon_valid_days: int = 90

    def cap_for(self, roles: frozenset[str]) -> int:
        """The largest compensation any of the roles may grant (0: none)."""
        return max((self.compensation_caps.get(role, 0) for role in roles), default=0)


@dataclass(frozen=True)
class Message:
    id: str
    author: str  # customer | staff
    actor: str  # customer:<id> | staff:<key id>
    body: str
    at: datetime
    internal: bool = False


@dataclass(frozen=True)
class Rating:
    score: int
    at: datetime
    comment: str | None = None


@dataclass(frozen=True)
class Compensation:
    coupon_code: str
    amount: int
    reason: str
    actor: str
    at: datetime


@dataclass(frozen=True)
class Ticket:
    id: str
    customer_id: str
    category: str
    subject: str
    status: str
    created_at: datetime
    updated_at: datetime
    first_response_due_at: datetime
    order_id: str | None = None
    first_responded_at: datetime | None = None
    breached: bool = False
    breached_at: datetime | None = None
    assignee: str | None = None
    resolution: str | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    rating: Rating | None = None
    compensation: Compensation | None = None
    message_count: int = 0
    messages: tuple[Message, ...] = ()  # as read; a write carries only the new one
    version: int = 1

    @property
    def awaiting_first_response(self) -> bool:
        """Staff owe the first answer: the clock runs (and the due index holds it)."""
        return self.status == "open" and self.first_responded_at is None and not self.breached

    @property
    def first_response_minutes(self) -> float | None:
        if self.first_responded_at is None:
            return None
        return (self.first_responded_at - self.created_at).total_seconds() / 60

    def public_messages(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if not m.internal)


@dataclass(frozen=True)
class TicketChange:
    """What one write stores: the ticket, the message it adds (if any), its events."""

    ticket: Ticket
    message: Message | None = None
    events: tuple[Event, ...] = ()


def transition(ticket: Ticket, to: str, at: datetime) -> Ticket:
    if to not in TRANSITIONS[ticket.status]:
        raise InvalidTransition(f"A ticket that is {ticket.status} cannot become {to}.", current_status=ticket.status)
    return replace(ticket, status=to, updated_at=at)


def ticket_event(kind: str, ticket: Ticket, **extra: object) -> Event:
    """A ticket event (docs/events.md): who, which ticket, its category and status."""
    data = {"ticket_id": ticket.id, "customer_id": ticket.customer_id, "category": ticket.category}
    return new_event(kind, {**data, "status": ticket.status, **extra}, ticket.updated_at)


def open_ticket(
    ticket_id: str,
    message_id: str,
    customer_id: str,
    category: str,
    subject: str,
    body: str,
    order_id: str | None,
    policy: TicketPolicy,
    at: datetime,
) -> TicketChange:
    if category not in CATEGORIES:
        raise ValueError(f"unknown ticket category {category!r}")
    message = Message(message_id, "customer", f"customer:{customer_id}", body, at)
    ticket = Ticket(
        id=ticket_id,
        customer_id=customer_id,
        category=category,
        subject=subject,
        status="open",
        created_at=at,
        updated_at=at,
        first_response_due_at=at + policy.first_response[category],
        order_id=order_id,
        message_count=1,
        messages=(message,),
    )
    event = ticket_event("ticket.opened", ticket, first_response_due_at=to_rfc3339(ticket.first_response_due_at))
    return TicketChange(ticket, message, (event,))


def _add_message(ticket: Ticket, message: Message) -> Ticket:
    if ticket.message_count >= MAX_MESSAGES:
        raise Conflict(
            f"A ticket holds at most {MAX_MESSAGES} messages; open a new one.",
            code=TicketErrorCode.TICKET_MESSAGE_LIMIT,
        )
    return replace(
        ticket, message_count=ticket.message_count + 1, messages=ticket.messages + (message,), updated_at=message.at
    )


def customer_message(ticket: Ticket, message_id: str, body: str, at: datetime) -> TicketChange:
    """The customer writes: an answered or resolved ticket is open again (staff's turn)."""
    if ticket.status == "closed":
        raise InvalidTransition("A closed ticket takes no more messages; open a new one.", current_status="closed")
    message = Message(message_id, "customer", f"customer:{ticket.customer_id}", body, at)
    changed = _add_message(ticket, message)
    if changed.status != "open":
        changed = replace(transition(changed, "open", at), resolution=None, resolved_at=None)
    return TicketChange(changed, message)


def staff_reply(ticket: Ticket, message_id: str, actor: str, body: str, internal: bool, at: datetime) -> TicketChange:
    """A staff message. A public one is the customer's to read: the first stops the
    first-response clock (breached too when it came after the deadline), and an open
    ticket becomes answered. An internal note changes nothing but the thread."""
    if ticket.status == "closed" and not internal:
        raise InvalidTransition("A closed ticket takes no more replies.", current_status="closed")
    message = Message(message_id, "staff", actor, body, at, internal=internal)
    changed = _add_message(ticket, message)
    events: list[Event] = []
    if not internal:
        if changed.first_responded_at is None:
            late = at > changed.first_response_due_at and not changed.breached
            changed = replace(changed, first_responded_at=at)
            if late:
                changed = replace(changed, breached=True, breached_at=at)
                events.append(ticket_event("ticket.breached", changed, sla="first_response"))
        if changed.status == "open":
            changed = transition(changed, "answered", at)
    events.append(ticket_event("ticket.replied", changed, message_id=message_id, public=not internal))
    return TicketChange(changed, message, tuple(events))


def breach(ticket: Ticket, as_of: datetime) -> TicketChange | None:
    """The first-response deadline passed without a public staff reply: breached
    (once). None when there is nothing to mark."""
    if not ticket.awaiting_first_response or ticket.first_response_due_at > as_of:
        return None
    changed = replace(ticket, breached=True, breached_at=as_of, updated_at=max(ticket.updated_at, as_of))
    return TicketChange(changed, None, (ticket_event("ticket.breached", changed, sla="first_response"),))


def assign(ticket: Ticket, assignee: str, at: datetime) -> TicketChange:
    if ticket.status == "closed":
        raise InvalidTransition("A closed ticket cannot be assigned.", current_status="closed")
    return TicketChange(replace(ticket, assignee=assignee, updated_at=at))


def resolve(ticket: Ticket, resolution: str, at: datetime) -> TicketChange:
    changed = replace(transition(ticket, "resolved", at), resolution=resolution, resolved_at=at)
    return TicketChange(changed, None, (ticket_event("ticket.resolved", changed),))


def close(ticket: Ticket, at: datetime) -> TicketChange:
    return TicketChange(replace(transition(ticket, "closed", at), closed_at=at))


def rate(ticket: Ticket, score: int, comment: str | None, at: datetime) -> TicketChange:
    if ticket.status not in RATABLE:
        raise InvalidTransition("Rate a ticket once it is resolved or closed.", current_status=ticket.status)
    if ticket.rating is not None:
        raise Conflict("This ticket is rated already.", code=TicketErrorCode.TICKET_ALREADY_RATED)
    if not 1 <= score <= 5:
        raise ValueError("score must be 1 to 5")
    return TicketChange(replace(ticket, rating=Rating(score, at, comment), updated_at=at))


def compensate(
    ticket: Ticket,
    coupon_code: str,
    amount: int,
    reason: str,
    actor: str,
    roles: frozenset[str],
    policy: TicketPolicy,
    at: datetime,
) -> Compensation:
    """Check a compensation may be granted on this ticket by these roles: one per
    ticket, within the largest cap of the roles."""
    if ticket.compensation is not None:
        raise Conflict("This ticket has been compensated already.", code=TicketErrorCode.TICKET_ALREADY_COMPENSATED)
    cap = policy.cap_for(roles)
    if amount > cap:
        raise Forbidden(
            f"Your role may grant at most {cap} (minor units) per ticket.",
            code=TicketErrorCode.COMPENSATION_OVER_CAP,
            cap=cap,
        )
    return Compensation(coupon_code, amount, reason, actor, at)
