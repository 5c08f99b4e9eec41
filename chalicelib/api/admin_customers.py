"""Staff (customer_service, operations, admin): the customer view, search by
e-mail, phone or name prefix, a segment's customers, and RFM segment counts."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import json_response, page_body, page_params, query_param, route, staff

bp = Blueprint(__name__)


@route(bp, "/admin/customers")
def list_customers() -> Response:
    from .schemas.customers import customer_summary_out

    staff(bp.current_request, "customers:read")
    q, segment = query_param(bp.current_request, "q"), query_param(bp.current_request, "segment")
    context = f"admin-customers|{q or ''}|{segment or ''}"
    limit, after = page_params(bp.current_request, context)
    page = get_container().insights.view.search(q, segment, limit, after)
    items = [customer_summary_out(c) for c, _ in page.items]
    return json_response(page_body(items, page.next_position, context))


@route(bp, "/admin/customers/{customer_id}")
def get_customer(customer_id: str) -> Response:
    from .schemas.customers import change_out, profile_out, rfm_out, stats_out
    from .schemas.membership import membership_out
    from .schemas.orders import order_summary_out
    from .schemas.tickets import ticket_out

    staff(bp.current_request, "customers:read")
    container = get_container()
    currency = container.settings.currency
    detail = container.insights.view.detail(customer_id)
    membership = detail.membership
    return json_response(
        {
            "profile": profile_out(detail.profile),
            "stats": stats_out(detail.scored, currency),
            "rfm": rfm_out(detail.scored.rfm if detail.scored else None),
            "segment_history": [change_out(c) for c in detail.history],
            "membership": membership_out(membership, container.clock.now()) if membership else None,
            "recent_orders": [order_summary_out(o) for o in detail.orders],
            "recent_tickets": [ticket_out(t, currency, staff=True, thread=False) for t in detail.tickets],
        }
    )


@route(bp, "/admin/customers/{customer_id}/orders")
def customer_orders(customer_id: str) -> Response:
    from .schemas.orders import order_summary_out

    staff(bp.current_request, "customers:read")
    context = f"admin-customer-orders|{customer_id}"
    limit, after = page_params(bp.current_request, context)
    page = get_container().insights.view.customer_orders(customer_id, limit, after)
    return json_response(page_body([order_summary_out(o) for o in page.items], page.next_position, context))


@route(bp, "/admin/segments")
def segments() -> Response:
    staff(bp.current_request, "customers:read")
    return json_response(get_container().insights.rfm.segments())
