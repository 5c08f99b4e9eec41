"""Staff (customer_service, admin): the ticket desk, compensation coupons and the
weekly customer-care report."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from ..domain.errors import FieldError, ValidationFailed
from .http import actor_of, date_param, json_response, page_body, page_params, parse_body, query_param, route, staff
from .idempotency import idempotent

if TYPE_CHECKING:  # for annotations only: kept out of the cold import
    from ..domain.ticket_reports import ReportRow

bp = Blueprint(__name__)
STATUSES = ("open", "answered", "resolved", "closed")  # domain/tickets.py
CATEGORIES = ("question", "complaint", "logistics", "after_sales", "other")


def _currency() -> str:
    return get_container().settings.currency


def _choice(name: str, allowed: tuple[str, ...]) -> str | None:
    value = query_param(bp.current_request, name)
    if value is not None and value not in allowed:
        raise ValidationFailed(
            f"{name} must be one of {', '.join(allowed)}.", [FieldError(name, "invalid_choice", "Not a known value.")]
        )
    return value


@route(bp, "/admin/tickets")
def list_tickets() -> Response:
    from .schemas.tickets import ticket_out

    staff(bp.current_request, "tickets:handle")
    status, category = _choice("status", STATUSES), _choice("category", CATEGORIES)
    flag = _choice("breached", ("true", "false"))
    breached = None if flag is None else flag == "true"
    context = f"admin-tickets|{status or ''}|{category or ''}|{flag or ''}"
    limit, after = page_params(bp.current_request, context)
    page = get_container().tickets.listing(status, category, breached, limit, after)
    items = [ticket_out(t, _currency(), staff=True, thread=False) for t in page.items]
    return json_response(page_body(items, page.next_position, context))


@route(bp, "/admin/tickets/{ticket_id}")
def get_ticket(ticket_id: str) -> Response:
    from .schemas.tickets import ticket_out

    staff(bp.current_request, "tickets:handle")
    return json_response(ticket_out(get_container().tickets.get(ticket_id), _currency(), staff=True))


@route(bp, "/admin/tickets/{ticket_id}/messages", ("POST",))
def reply(ticket_id: str) -> Response:
    from .schemas.tickets import StaffMessageIn, ticket_out

    member = staff(bp.current_request, "tickets:handle")
    body = parse_body(bp.current_request, StaffMessageIn)
    ticket = get_container().tickets.reply(ticket_id, actor_of(member), body.body, body.internal)
    return json_response(ticket_out(ticket, _currency(), staff=True), 201)


@route(bp, "/admin/tickets/{ticket_id}/assign", ("POST",))
def assign(ticket_id: str) -> Response:
    from .schemas.tickets import AssignIn, ticket_out

    staff(bp.current_request, "tickets:handle")
    body = parse_body(bp.current_request, AssignIn)
    return json_response(ticket_out(get_container().tickets.assign(ticket_id, body.assignee), _currency(), staff=True))


@route(bp, "/admin/tickets/{ticket_id}/resolve", ("POST",))
def resolve(ticket_id: str) -> Response:
    from .schemas.tickets import ResolveIn, ticket_out

    staff(bp.current_request, "tickets:handle")
    body = parse_body(bp.current_request, ResolveIn)
    ticket = get_container().tickets.resolve(ticket_id, body.resolution)
    return json_response(ticket_out(ticket, _currency(), staff=True))


@route(bp, "/admin/tickets/{ticket_id}/compensate", ("POST",))
def compensate(ticket_id: str) -> Response:
    from ..services.tickets import Staff
    from .schemas.tickets import CompensateIn, grant_out, ticket_out

    member = staff(bp.current_request, "tickets:handle")
    body = parse_body(bp.current_request, CompensateIn)

    def grant() -> tuple[int, dict[str, Any]]:
        who = Staff(actor_of(member), member.roles)
        ticket, coupon = get_container().tickets.compensate(ticket_id, who, body.amount, body.reason)
        return 201, {"ticket": ticket_out(ticket, _currency(), staff=True), "coupon": grant_out(coupon, _currency())}

    return idempotent(bp.current_request, f"ticket-compensate:{ticket_id}", grant)


def _day(name: str, default: date) -> date:
    return date_param(bp.current_request, name, default)


def _report() -> tuple[date, date, list[ReportRow]]:
    from zoneinfo import ZoneInfo

    staff(bp.current_request, "tickets:handle")
    container = get_container()
    zone = ZoneInfo(container.settings.store_timezone)
    last = _day("to", container.clock.now().astimezone(zone).date())
    first = _day("from", last - timedelta(days=27))
    if first > last:
        raise ValidationFailed("from must not be after to.", [FieldError("from", "invalid_range", "from <= to.")])
    start, end = datetime.combine(first, time(), zone), datetime.combine(last, time.max, zone)
    return first, last, container.tickets.report(start, end)


@route(bp, "/admin/reports/tickets")
def report() -> Response:
    from .schemas.tickets import report_row_out

    first, last, rows = _report()
    return json_response(
        {"from": first.isoformat(), "to": last.isoformat(), "items": [report_row_out(r) for r in rows]}
    )


@route(bp, "/admin/reports/tickets/csv")
def report_csv() -> Response:
    from ..domain.ticket_reports import to_csv

    first, last, rows = _report()
    return Response(
        body=to_csv(rows),
        status_code=200,
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="tickets-{first.isoformat()}-{last.isoformat()}.csv"',
        },
    )
