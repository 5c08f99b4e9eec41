"""Staff: suppliers, purchase orders and their receipts, and a stock alert's
suggestion drafted as a purchase order (ADR 0022)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import actor_of, json_response, page_body, page_params, parse_body, query_param, route, staff

if TYPE_CHECKING:  # for annotations only: kept out of the cold import
    from ..services.ports import StaffKey

bp = Blueprint(__name__)


@route(bp, "/admin/suppliers", ("POST",))
def add_supplier() -> Response:
    from .schemas.planning import SupplierIn, supplier_out

    staff(bp.current_request, "purchasing:write")
    body = parse_body(bp.current_request, SupplierIn)
    contact = body.contact.model_dump(exclude_none=True) if body.contact is not None else None
    supplier = get_container().planning.purchasing.add_supplier(body.name, body.lead_time_days, contact)
    return json_response(supplier_out(supplier), 201)


@route(bp, "/admin/suppliers")
def list_suppliers() -> Response:
    from .schemas.planning import supplier_out

    staff(bp.current_request, "purchasing:read")
    context = "suppliers"
    limit, after = page_params(bp.current_request, context)
    page = get_container().planning.purchasing.suppliers(limit, after)
    return json_response(page_body([supplier_out(s) for s in page.items], page.next_position, context))


@route(bp, "/admin/suppliers/{supplier_id}")
def get_supplier(supplier_id: str) -> Response:
    from .schemas.planning import supplier_out

    staff(bp.current_request, "purchasing:read")
    return json_response(supplier_out(get_container().planning.purchasing.supplier(supplier_id)))


@route(bp, "/admin/purchase-orders", ("POST",))
def draft() -> Response:
    from .schemas.planning import PurchaseOrderIn, po_out

    member = staff(bp.current_request, "purchasing:write")
    body = parse_body(bp.current_request, PurchaseOrderIn)
    lines = [(x.sku, x.quantity, x.unit_cost) for x in body.lines]
    po = get_container().planning.purchasing.draft(body.supplier_id, lines, actor_of(member))
    return json_response(po_out(po), 201)


@route(bp, "/admin/purchase-orders")
def list_orders() -> Response:
    from .schemas.planning import po_out

    staff(bp.current_request, "purchasing:read")
    status = query_param(bp.current_request, "status") or "draft"
    context = f"purchase-orders|{status}"
    limit, after = page_params(bp.current_request, context)
    page = get_container().planning.purchasing.orders(status, limit, after)
    return json_response(page_body([po_out(p) for p in page.items], page.next_position, context))


@route(bp, "/admin/purchase-orders/{po_id}")
def get_order(po_id: str) -> Response:
    from .schemas.planning import po_out

    staff(bp.current_request, "purchasing:read")
    return json_response(po_out(get_container().planning.purchasing.get(po_id)))


def _move(po_id: str, to: str, member: StaffKey, reason: str | None) -> Response:
    from .schemas.planning import po_out

    return json_response(po_out(get_container().planning.purchasing.move(po_id, to, actor_of(member), reason)))


@route(bp, "/admin/purchase-orders/{po_id}/order", ("POST",))
def place(po_id: str) -> Response:
    from .schemas.common import RejectIn

    member = staff(bp.current_request, "purchasing:write")
    return _move(po_id, "ordered", member, parse_body(bp.current_request, RejectIn).reason)


@route(bp, "/admin/purchase-orders/{po_id}/cancel", ("POST",))
def cancel(po_id: str) -> Response:
    from .schemas.common import RejectIn

    member = staff(bp.current_request, "purchasing:write")
    return _move(po_id, "cancelled", member, parse_body(bp.current_request, RejectIn).reason)


@route(bp, "/admin/purchase-orders/{po_id}/close", ("POST",))
def close(po_id: str) -> Response:
    from .schemas.common import RejectIn

    member = staff(bp.current_request, "purchasing:write")
    return _move(po_id, "closed", member, parse_body(bp.current_request, RejectIn).reason)


@route(bp, "/admin/purchase-orders/{po_id}/receipts", ("POST",))
def receive(po_id: str) -> Response:
    from .schemas.planning import ReceiptIn, po_out, receipt_out

    member = staff(bp.current_request, "purchasing:receive")
    body = parse_body(bp.current_request, ReceiptIn)
    purchasing = get_container().planning.purchasing
    lines = [(x.sku, x.quantity) for x in body.lines]
    receipt, new = purchasing.receive(po_id, body.receipt_id, lines, actor_of(member))
    out = {**receipt_out(receipt), "replayed": not new, "purchase_order": po_out(purchasing.get(po_id))}
    return json_response(out, 201 if new else 200)


@route(bp, "/admin/stock-alerts/{alert_id}/purchase-order", ("POST",))
def draft_from_alert(alert_id: str) -> Response:
    from .schemas.planning import FromAlertIn, po_out

    member = staff(bp.current_request, "purchasing:write")
    body = parse_body(bp.current_request, FromAlertIn)
    po, new = get_container().planning.purchasing.draft_from_alert(alert_id, body.supplier_id, actor_of(member))
    return json_response(po_out(po), 201 if new else 200)
