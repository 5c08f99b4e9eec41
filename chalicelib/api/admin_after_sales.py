"""Staff: after-sale requests. Customer service answers (approve, reject), the
warehouse receives, inspects and ships exchanges, finance may read."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import actor_of, json_response, page_body, page_params, parse_body, query_param, route, staff

bp = Blueprint(__name__)


@route(bp, "/admin/after-sales")
def list_after_sales() -> Response:
    from .schemas.after_sales import after_sale_out

    staff(bp.current_request, "after_sales:read")
    status = query_param(bp.current_request, "status") or "requested"
    type = query_param(bp.current_request, "type")
    context = f"admin-after-sales|{status}|{type or ''}"
    limit, after = page_params(bp.current_request, context)
    page = get_container().after_sales.by_status(status, type, limit, after)
    return json_response(page_body([after_sale_out(r) for r in page.items], page.next_position, context))


@route(bp, "/admin/after-sales/{after_sale_id}")
def get_after_sale(after_sale_id: str) -> Response:
    from .schemas.after_sales import after_sale_out

    staff(bp.current_request, "after_sales:read")
    return json_response(after_sale_out(get_container().after_sales.get(after_sale_id)))


@route(bp, "/admin/after-sales/{after_sale_id}/approve", ("POST",))
def approve(after_sale_id: str) -> Response:
    from .schemas.after_sales import ApproveAfterSaleIn, after_sale_out

    member = staff(bp.current_request, "after_sales:decide")
    body = parse_body(bp.current_request, ApproveAfterSaleIn)
    address = body.return_address.model_dump(exclude_none=True) if body.return_address else None
    return json_response(after_sale_out(get_container().after_sales.approve(after_sale_id, actor_of(member), address)))


@route(bp, "/admin/after-sales/{after_sale_id}/reject", ("POST",))
def reject(after_sale_id: str) -> Response:
    from .schemas.after_sales import RejectAfterSaleIn, after_sale_out

    member = staff(bp.current_request, "after_sales:decide")
    body = parse_body(bp.current_request, RejectAfterSaleIn)
    return json_response(
        after_sale_out(get_container().after_sales.reject(after_sale_id, actor_of(member), body.reason))
    )


@route(bp, "/admin/after-sales/{after_sale_id}/receive", ("POST",))
def receive(after_sale_id: str) -> Response:
    from .schemas.after_sales import after_sale_out
    from .schemas.common import EmptyIn

    member = staff(bp.current_request, "after_sales:handle")
    parse_body(bp.current_request, EmptyIn)
    return json_response(after_sale_out(get_container().after_sales.receive(after_sale_id, actor_of(member))))


@route(bp, "/admin/after-sales/{after_sale_id}/inspect", ("POST",))
def inspect(after_sale_id: str) -> Response:
    from .schemas.after_sales import InspectIn, after_sale_out

    member = staff(bp.current_request, "after_sales:handle")
    body = parse_body(bp.current_request, InspectIn)
    request = get_container().after_sales.inspect(after_sale_id, actor_of(member), body.result == "pass", body.note)
    return json_response(after_sale_out(request))


@route(bp, "/admin/after-sales/{after_sale_id}/exchange-shipments", ("POST",))
def ship_exchange(after_sale_id: str) -> Response:
    from .schemas.after_sales import ParcelIn, after_sale_out

    member = staff(bp.current_request, "after_sales:handle")
    body = parse_body(bp.current_request, ParcelIn)
    request = get_container().after_sales.ship_exchange(
        after_sale_id, actor_of(member), body.carrier, body.tracking_number
    )
    return json_response(after_sale_out(request), 201)
