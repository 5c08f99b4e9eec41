"""Customer care: what customers and staff send about tickets, the ticket as
answered, wallet coupons and the report rows."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator

from ...domain.promotions import CouponGrant
from ...domain.ticket_reports import ReportRow
from ...domain.tickets import Message, Ticket
from .common import Strict, money, not_blank, ts

Category = Literal["question", "complaint", "logistics", "after_sales", "other"]


class TicketIn(Strict):
    category: Category
    subject: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=4000)
    order_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,64}$")

    _blank = field_validator("subject", "body")(not_blank)


class TicketMessageIn(Strict):
    body: str = Field(min_length=1, max_length=4000)

    _blank = field_validator("body")(not_blank)


class StaffMessageIn(Strict):
    body: str = Field(min_length=1, max_length=4000)
    internal: bool = False

    _blank = field_validator("body")(not_blank)


class RatingIn(Strict):
    score: int = Field(ge=1, le=5)
    comment: str | None = Field(default=None, max_length=1000)


class AssignIn(Strict):
    assignee: str = Field(min_length=1, max_length=100)

    _blank = field_validator("assignee")(not_blank)


class ResolveIn(Strict):
    resolution: str = Field(min_length=1, max_length=2000)

    _blank = field_validator("resolution")(not_blank)


class CompensateIn(Strict):
    amount: int = Field(ge=1, le=10**9)  # minor units of the store currency
    reason: str = Field(min_length=1, max_length=500)

    _blank = field_validator("reason")(not_blank)


def message_out(m: Message) -> dict[str, Any]:
    return {"id": m.id, "author": m.author, "body": m.body, "internal": m.internal, "created_at": ts(m.at)}


def ticket_out(t: Ticket, currency: str, *, staff: bool = False, thread: bool = True) -> dict[str, Any]:
    """The ticket as its customer sees it; staff also see internal notes, who wrote
    each message, the assignee and the compensation's reason. Lists leave the
    messages out (``thread=False``)."""
    messages = t.messages if staff else t.public_messages()
    body: dict[str, Any] = {
        "id": t.id,
        "customer_id": t.customer_id,
        "category": t.category,
        "subject": t.subject,
        "status": t.status,
        "order_id": t.order_id,
        "first_response_due_at": ts(t.first_response_due_at),
        "first_responded_at": ts(t.first_responded_at),
        "breached": t.breached,
        "resolution": t.resolution,
        "resolved_at": ts(t.resolved_at),
        "closed_at": ts(t.closed_at),
        "rating": None if t.rating is None else {"score": t.rating.score, "comment": t.rating.comment},
        "compensation": None
        if t.compensation is None
        else {"coupon_code": t.compensation.coupon_code, "amount": money(t.compensation.amount, currency)},
        "created_at": ts(t.created_at),
        "updated_at": ts(t.updated_at),
    }
    if thread:
        body["messages"] = [{**message_out(m), **({"actor": m.actor} if staff else {})} for m in messages]
    if staff:
        body["assignee"] = t.assignee
        body["breached_at"] = ts(t.breached_at)
        if t.compensation is not None:
            body["compensation"] |= {"reason": t.compensation.reason, "granted_by": t.compensation.actor}
    return body


def grant_out(g: CouponGrant, currency: str) -> dict[str, Any]:
    return {
        "code": g.code,
        "amount_off": money(g.amount_off, currency),
        "granted_at": ts(g.granted_at),
        "ends_at": ts(g.ends_at),
        "source": g.source,
        "used": g.used,
    }


def report_row_out(r: ReportRow) -> dict[str, Any]:
    return {
        "week": r.week,
        "category": r.category,
        "count": r.count,
        "median_first_response_minutes": r.median_first_response_minutes,
        "breach_rate": r.breach_rate,
        "average_rating": r.average_rating,
    }
