"""Staff: orders by status, review decisions."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import actor_of, json_response, page_body, page_params, parse_body, query_param, route, staff
from .schemas.common import EmptyIn, RejectIn, ts
from .schemas.fulfillment import ShipmentIn
from .schemas.orders import order_out, order_summary_out

bp = Blueprint(__name__)


@route(bp, "/admin/orders")
def list_orders() -> Response:
    staff(bp.current_request, "orders:read")
    status = query_param(bp.current_request, "status") or "paid"
    context = f"admin-orders|{status}"
    limit, after = page_params(bp.current_request, context)
    page = get_container().orders.by_status(status, limit, after)
    return json_response(page_body([order_summary_out(o) for o in page.items], page.next_position, context))


@route(bp, "/admin/orders/{order_id}")
def get_order(order_id: str) -> Response:
    staff(bp.current_request, "orders:read")
    return json_response(order_out(get_container().orders.get(order_id)))


@route(bp, "/admin/orders/{order_id}/approve", ("POST",))
def approve(order_id: str) -> Response:
    member = staff(bp.current_request, "orders:review")
    parse_body(bp.current_request, EmptyIn)
    return json_response(order_out(get_container().orders.approve(order_id, actor_of(member))))


@route(bp, "/admin/orders/{order_id}/reject", ("POST",))
def reject(order_id: str) -> Response:
    member = staff(bp.current_request, "orders:review")
    body = parse_body(bp.current_request, RejectIn)
    return json_response(order_out(get_container().orders.reject(order_id, actor_of(member), body.reason)))


@route(bp, "/admin/orders/{order_id}/shipments", ("POST",))
def ship(order_id: str) -> Response:
    member = staff(bp.current_request, "fulfillment:write")
    body = parse_body(bp.current_request, ShipmentIn)
    lines: dict[str, int] | None = None
    if body.lines:
        lines = {}
        for line in body.lines:
            lines[line.sku] = lines.get(line.sku, 0) + line.quantity
    order = get_container().fulfillment.ship(order_id, body.carrier, body.tracking_number, lines, actor_of(member))
    return json_response(order_out(order), 201)


@route(bp, "/admin/fulfillments")
def fulfillments() -> Response:
    staff(bp.current_request, "fulfillment:read")
    status = query_param(bp.current_request, "status") or "awaiting_shipment"
    context = f"fulfillments|{status}"
    limit, after = page_params(bp.current_request, context)
    page = get_container().fulfillment.fulfillments(status, limit, after)
    items = [
        {
            "order_id": f["order_id"],
            "status": f["status"],
            "created_at": ts(f["created_at"]),
            "updated_at": ts(f["updated_at"]),
        }
        for f in page.items
    ]
    return json_response(page_body(items, page.next_position, context))
