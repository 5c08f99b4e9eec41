"""The customer's tickets (customer care). The coupon wallet: api/wallet.py."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import bearer_customer, json_response, page_body, page_params, parse_body, route

bp = Blueprint(__name__)


def _customer() -> str:
    customer_id = bearer_customer(bp.current_request, required=True)
    assert customer_id is not None
    return customer_id


def _currency() -> str:
    return get_container().settings.currency


@route(bp, "/me/tickets", ("POST",))
def open_ticket() -> Response:
    from .schemas.tickets import TicketIn, ticket_out

    customer_id = _customer()
    body = parse_body(bp.current_request, TicketIn)
    ticket = get_container().tickets.open(customer_id, body.category, body.subject, body.body, body.order_id)
    return json_response(ticket_out(ticket, _currency()), 201)


@route(bp, "/me/tickets")
def list_tickets() -> Response:
    from .schemas.tickets import ticket_out

    customer_id = _customer()
    limit, after = page_params(bp.current_request, "tickets")
    page = get_container().tickets.mine(customer_id, limit, after)
    items = [ticket_out(t, _currency(), thread=False) for t in page.items]
    return json_response(page_body(items, page.next_position, "tickets"))


@route(bp, "/me/tickets/{ticket_id}")
def get_ticket(ticket_id: str) -> Response:
    from .schemas.tickets import ticket_out

    return json_response(ticket_out(get_container().tickets.own(_customer(), ticket_id), _currency()))


@route(bp, "/me/tickets/{ticket_id}/messages", ("POST",))
def write(ticket_id: str) -> Response:
    from .schemas.tickets import TicketMessageIn, ticket_out

    customer_id = _customer()
    body = parse_body(bp.current_request, TicketMessageIn)
    return json_response(ticket_out(get_container().tickets.write(customer_id, ticket_id, body.body), _currency()), 201)


@route(bp, "/me/tickets/{ticket_id}/close", ("POST",))
def close(ticket_id: str) -> Response:
    from .schemas.common import EmptyIn
    from .schemas.tickets import ticket_out

    customer_id = _customer()
    parse_body(bp.current_request, EmptyIn)
    return json_response(ticket_out(get_container().tickets.close(customer_id, ticket_id), _currency()))


@route(bp, "/me/tickets/{ticket_id}/rating", ("POST",))
def rate(ticket_id: str) -> Response:
    from .schemas.tickets import RatingIn, ticket_out

    customer_id = _customer()
    body = parse_body(bp.current_request, RatingIn)
    ticket = get_container().tickets.rate(customer_id, ticket_id, body.score, body.comment)
    return json_response(ticket_out(ticket, _currency()))
