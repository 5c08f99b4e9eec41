"""DynamoDB: customer-care tickets and the coupon grants of customers' wallets.

A ticket is one item (TicketRecord) with its messages beside it in its partition
(one Query reads the thread). It is listed by customer (GSI1), by status (GSI2,
filtered by category and breached), all of them by creation time (GSI3: the
unfiltered staff list and the report), and filed on the DUE# index at its
first-response deadline while staff owe that answer (GSI5). Every write is one
transaction: the ticket guarded by its version, the message it adds, its outbox
events; a compensation adds the coupon and the wallet's grant."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from ...domain.clock import parse_rfc3339, parse_rfc3339_or_none, rfc3339_or_none, to_rfc3339
from ...domain.error_codes import CommonErrorCode, TicketErrorCode
from ...domain.errors import Conflict
from ...domain.promotions import CouponGrant
from ...domain.tickets import Compensation, Message, Rating, Ticket, TicketChange
from ...services.ports import Page, Position
from . import keys, transact
from .commerce import coupon_item
from .models import CouponItem, Item
from .outbox import outbox_record
from .paging import BASE_KEYS, GSI1_KEYS, GSI2_KEYS, GSI3_KEYS, query_page


class TicketRecord(Item, discriminator="Ticket"):
    id = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    category = UnicodeAttribute()
    status = UnicodeAttribute()
    breached = BooleanAttribute(default=False)
    body = JSONAttribute()  # subject, order, deadlines, assignee, resolution, rating, compensation
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    version = VersionAttribute()


class TicketMessageRecord(Item, discriminator="TicketMessage"):
    id = UnicodeAttribute()
    author = UnicodeAttribute()
    actor = UnicodeAttribute()
    body = UnicodeAttribute()
    internal = BooleanAttribute(default=False)
    at = UTCDateTimeAttribute()


class CouponGrantRecord(Item, discriminator="CouponGrant"):
    code = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    amount_off = NumberAttribute()
    granted_at = UTCDateTimeAttribute()
    ends_at = UTCDateTimeAttribute()
    source = UnicodeAttribute()
    reason = UnicodeAttribute()


def grant_record(grant: CouponGrant) -> CouponGrantRecord:
    """A coupon's wallet entry of one customer (a compensation, a reward, a birthday coupon)."""
    return CouponGrantRecord(
        *keys.wallet_coupon(grant.customer_id, grant.code),
        code=grant.code,
        customer_id=grant.customer_id,
        amount_off=grant.amount_off,
        granted_at=grant.granted_at,
        ends_at=grant.ends_at,
        source=grant.source,
        reason=grant.reason,
    )


def _body(t: Ticket) -> dict[str, Any]:
    rating = t.rating
    paid = t.compensation
    return {
        "subject": t.subject,
        "order_id": t.order_id,
        "first_response_due_at": to_rfc3339(t.first_response_due_at),
        "first_responded_at": rfc3339_or_none(t.first_responded_at),
        "breached_at": rfc3339_or_none(t.breached_at),
        "assignee": t.assignee,
        "resolution": t.resolution,
        "resolved_at": rfc3339_or_none(t.resolved_at),
        "closed_at": rfc3339_or_none(t.closed_at),
        "rating": None
        if rating is None
        else {"score": rating.score, "comment": rating.comment, "at": to_rfc3339(rating.at)},
        "compensation": None
        if paid is None
        else {
            "coupon_code": paid.coupon_code,
            "amount": paid.amount,
            "reason": paid.reason,
            "actor": paid.actor,
            "at": to_rfc3339(paid.at),
        },
        "message_count": t.message_count,
    }


def ticket_of(item: TicketRecord, messages: tuple[Message, ...] = ()) -> Ticket:
    b = item.body
    rating, paid = b.get("rating"), b.get("compensation")
    return Ticket(
        id=item.id,
        customer_id=item.customer_id,
        category=item.category,
        subject=b["subject"],
        status=item.status,
        created_at=item.created_at,
        updated_at=item.updated_at,
        first_response_due_at=parse_rfc3339(b["first_response_due_at"]),
        order_id=b.get("order_id"),
        first_responded_at=parse_rfc3339_or_none(b.get("first_responded_at")),
        breached=bool(item.breached),
        breached_at=parse_rfc3339_or_none(b.get("breached_at")),
        assignee=b.get("assignee"),
        resolution=b.get("resolution"),
        resolved_at=parse_rfc3339_or_none(b.get("resolved_at")),
        closed_at=parse_rfc3339_or_none(b.get("closed_at")),
        rating=None
        if rating is None
        else Rating(int(rating["score"]), parse_rfc3339(rating["at"]), rating.get("comment")),
        compensation=None
        if paid is None
        else Compensation(
            paid["coupon_code"], int(paid["amount"]), paid["reason"], paid["actor"], parse_rfc3339(paid["at"])
        ),
        message_count=int(b.get("message_count", 0)),
        messages=messages,
        version=int(item.version or 1),
    )


def ticket_record(t: Ticket) -> TicketRecord:
    due = t.awaiting_first_response
    return TicketRecord(
        *keys.ticket(t.id),
        id=t.id,
        customer_id=t.customer_id,
        category=t.category,
        status=t.status,
        breached=t.breached,
        body=_body(t),
        created_at=t.created_at,
        updated_at=t.updated_at,
        GSI1PK=keys.customer_tickets(t.customer_id),
        GSI1SK=t.id,
        GSI2PK=keys.tickets_by_status(t.status),
        GSI2SK=t.id,
        GSI3PK=keys.TICKETS_PK,
        GSI3SK=int(t.created_at.timestamp() * 1000),
        GSI5PK=keys.DUE_TICKET_PK if due else None,
        GSI5SK=keys.due_sort_key(t.first_response_due_at, t.id) if due else None,
    )


def _message_of(item: TicketMessageRecord) -> Message:
    return Message(item.id, item.author, item.actor, item.body, item.at, bool(item.internal))


def grant_of(item: CouponGrantRecord, used: bool) -> CouponGrant:
    return CouponGrant(
        code=item.code,
        customer_id=item.customer_id,
        amount_off=int(item.amount_off),
        granted_at=item.granted_at,
        ends_at=item.ends_at,
        source=item.source,
        reason=item.reason,
        used=used,
    )


class DynamoTickets:
    def add(self, change: TicketChange) -> None:
        self._write(change, new=True)

    def save(self, change: TicketChange) -> Ticket:
        self._write(change, new=False)
        return replace(change.ticket, version=change.ticket.version + 1)

    def mark_breached(self, change: TicketChange) -> bool:
        try:
            self._write(change, new=False, condition=TicketRecord.breached == False)  # noqa: E712 - a DynamoDB condition
        except Conflict:
            return False
        return True

    def compensate(self, change: TicketChange, grant: CouponGrant) -> Ticket:
        try:
            self._write(change, new=False, grant=grant)
        except Conflict:
            current = self.get(change.ticket.id)
            if current is not None and current.compensation is not None:
                raise Conflict(
                    "This ticket has been compensated already.", code=TicketErrorCode.TICKET_ALREADY_COMPENSATED
                ) from None
            raise
        return replace(change.ticket, version=change.ticket.version + 1)

    def _write(
        self, change: TicketChange, *, new: bool, condition: Any = None, grant: CouponGrant | None = None
    ) -> None:
        ticket = change.ticket
        labels: list[str] = []

        def build(tw: TransactWrite) -> None:
            t = transact.Labelled(tw)
            record = ticket_record(ticket)
            if new:
                t.save("ticket", record, condition=TicketRecord.PK.does_not_exist())
            else:
                record.version = ticket.version
                t.save("ticket", record, condition=condition)
            if change.message is not None:
                m = change.message
                t.save(
                    "message",
                    TicketMessageRecord(
                        *keys.ticket_message(ticket.id, m.id),
                        id=m.id,
                        author=m.author,
                        actor=m.actor,
                        body=m.body,
                        internal=m.internal,
                        at=m.at,
                    ),
                    condition=TicketMessageRecord.PK.does_not_exist(),
                )
            if grant is not None:
                t.save(
                    "coupon",
                    coupon_item(grant.coupon(), grant.granted_at, listed=False),
                    condition=CouponItem.PK.does_not_exist(),
                )
                t.save(
                    "grant",
                    grant_record(grant),
                    condition=CouponGrantRecord.PK.does_not_exist(),
                )
            for event in change.events:
                t.save("outbox", outbox_record(event))
            labels[:] = t.labels

        def refused(error: TransactWriteError) -> BaseException | None:
            if transact.failed_labels(error, labels):
                return Conflict("The ticket changed meanwhile; read it again.", code=CommonErrorCode.CONCURRENT_UPDATE)
            return None

        transact.run_checked(build, refused)

    def get(self, ticket_id: str) -> Ticket | None:
        record: TicketRecord | None = None
        messages: list[Message] = []
        for item in Item.query(keys.ticket_partition(ticket_id), consistent_read=True):
            if isinstance(item, TicketRecord):
                record = item
            elif isinstance(item, TicketMessageRecord):
                messages.append(_message_of(item))
        if record is None:
            return None
        return ticket_of(record, tuple(sorted(messages, key=lambda m: (m.at, m.id))))

    def for_customer(self, customer_id: str, limit: int, after: Position | None) -> Page:
        page = query_page(keys.customer_tickets(customer_id), "GSI1", GSI1_KEYS, limit, after, forward=False)
        return Page([ticket_of(i) for i in page.items], page.next_position)

    def listing(
        self, status: str | None, category: str | None, breached: bool | None, limit: int, after: Position | None
    ) -> Page:
        condition = None
        if category is not None:
            condition = TicketRecord.category == category
        if breached is not None:
            flag = TicketRecord.breached == breached
            condition = flag if condition is None else condition & flag
        if status is not None:
            page = query_page(
                keys.tickets_by_status(status),
                "GSI2",
                GSI2_KEYS,
                limit,
                after,
                forward=False,
                filter_condition=condition,
            )
        else:
            page = query_page(
                keys.TICKETS_PK, "GSI3", GSI3_KEYS, limit, after, forward=False, filter_condition=condition
            )
        return Page([ticket_of(i) for i in page.items], page.next_position)

    def due(self, as_of: datetime, limit: int) -> list[Ticket]:
        upper = keys.due_sort_key(as_of, "\uffff")
        found = TicketRecord.gsi5.query(keys.DUE_TICKET_PK, upper >= TicketRecord.GSI5SK, limit=limit)
        fresh = [self.get(i.id) for i in found]  # the index is eventually consistent
        return [t for t in fresh if t is not None and t.awaiting_first_response and t.first_response_due_at <= as_of]

    def created_between(self, start: datetime, end: datetime) -> list[Ticket]:
        low, high = int(start.timestamp() * 1000), int(end.timestamp() * 1000) - 1
        found = TicketRecord.gsi3.query(keys.TICKETS_PK, TicketRecord.GSI3SK.between(low, high))
        return [ticket_of(i) for i in found if isinstance(i, TicketRecord)]


class DynamoWallet:
    def grants(self, customer_id: str, limit: int, after: Position | None) -> Page:
        pk, _ = keys.wallet_coupon(customer_id, "")
        page = query_page(
            pk,
            None,
            BASE_KEYS,
            limit,
            after,
            forward=False,
            range_key_condition=Item.SK.startswith(keys.WALLET_PREFIX),
        )
        records = [i for i in page.items if isinstance(i, CouponGrantRecord)]
        used: dict[str, int] = {}
        if records:
            for coupon in CouponItem.batch_get([keys.coupon(r.code) for r in records]):
                used[coupon.code] = int(coupon.used or 0)
        return Page([grant_of(r, used.get(r.code, 0) > 0) for r in records], page.next_position)
