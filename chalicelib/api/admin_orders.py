"""Staff: orders by status, review decisions, refunds."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import actor_of, json_response, page_body, page_params, parse_body, query_param, route, staff
from .idempotency import idempotent

bp = Blueprint(__name__)


@route(bp, "/admin/orders")
def list_orders() -> Response:
    from .schemas.orders import order_summary_out

    staff(bp.current_request, "orders:read")
    status = query_param(bp.current_request, "status") or "paid"
    context = f"admin-orders|{status}"
    limit, after = page_params(bp.current_request, context)
    page = get_container().orders.by_status(status, limit, after)
    return json_response(page_body([order_summary_out(o) for o in page.items], page.next_position, context))


@route(bp, "/admin/orders/{order_id}")
def get_order(order_id: str) -> Response:
    from .schemas.orders import order_out

    staff(bp.current_request, "orders:read")
    return json_response(order_out(get_container().orders.get(order_id)))


@route(bp, "/admin/orders/{order_id}/approve", ("POST",))
def approve(order_id: str) -> Response:
    from .schemas.common import EmptyIn
    from .schemas.orders import order_out

    member = staff(bp.current_request, "orders:review")
    parse_body(bp.current_request, EmptyIn)
    return json_response(order_out(get_container().orders.approve(order_id, actor_of(member))))


@route(bp, "/admin/orders/{order_id}/reject", ("POST",))
def reject(order_id: str) -> Response:
    from .schemas.common import RejectIn
    from .schemas.orders import order_out

    member = staff(bp.current_request, "orders:review")
    body = parse_body(bp.current_request, RejectIn)
    return json_response(order_out(get_container().orders.reject(order_id, actor_of(member), body.reason)))


@route(bp, "/admin/orders/{order_id}/shipments", ("POST",))
def ship(order_id: str) -> Response:
    from .schemas.fulfillment import ShipmentIn
    from .schemas.orders import order_out

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
    from .schemas.common import ts

    staff(bp.current_request, "fulfillment:read")
    status = query_param(bp.current_request, "status") or "awaiting_shipment"
    context = f"fulfillments|{status}"
    limit, after = page_params(bp.current_request, context)
    page = get_container().fulfillment.fulfillments(status, limit, after)
    items = [
        {
            "order_id": f["order_id"],
            "status": f["status"],
            "priority": f.get("priority", False),
            "created_at": ts(f["created_at"]),
            "updated_at": ts(f["updated_at"]),
        }
        for f in page.items
    ]
    return json_response(page_body(items, page.next_position, context))


@route(bp, "/admin/orders/{order_id}/refunds", ("POST",))
def create_refund(order_id: str) -> Response:
    """A refund recorded before Stripe is called, named by the Idempotency-Key (its
    Stripe key too). 201 whatever Stripe answered: ``failed`` (Stripe down) is
    retried by retry_refunds, ``refused`` is an exception for customer service."""
    from ..domain.refunds import RefundRequest, staff_source
    from .schemas.orders import RefundIn, refund_out

    member = staff(bp.current_request, "refunds:write")
    body = parse_body(bp.current_request, RefundIn)
    request = bp.current_request

    def refund() -> tuple[int, dict[str, Any]]:
        container = get_container()
        key = (request.headers.get("idempotency-key") or "").strip()  # checked by idempotent()
        made = container.refunds.refund_order(
            RefundRequest(
                order_id=order_id,
                source=staff_source(key),
                reason=body.reason,
                actor=actor_of(member),
                lines=body.units(),
                amount=body.amount or 0,
                include_shipping=body.include_shipping,
            )
        )
        return 201, refund_out(made, container.orders.get(order_id).currency)

    return idempotent(request, f"admin-refund:{order_id}", refund)


@route(bp, "/admin/orders/{order_id}/refunds")
def list_refunds(order_id: str) -> Response:
    from .schemas.orders import refund_out

    staff(bp.current_request, "orders:read")
    order = get_container().orders.get(order_id)
    return json_response({"items": [refund_out(r, order.currency) for r in order.refunds]})
