"""Staff: stock alerts (list, acknowledge, resolve)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import actor_of, json_response, page_body, page_params, parse_body, query_param, route, staff

if TYPE_CHECKING:  # for annotations only: kept out of the cold import
    from ..domain.stock_alerts import StockAlert

bp = Blueprint(__name__)


def _out(alert: StockAlert) -> dict[str, Any]:
    from .schemas.common import ts

    return {
        "id": alert.id,
        "sku": alert.sku,
        "product_id": alert.product_id,
        "status": alert.status,
        "available": alert.available,
        "safety_stock": alert.safety_stock,
        "suggestion": alert.suggestion,
        "history": list(alert.history),
        "created_at": ts(alert.created_at),
        "updated_at": ts(alert.updated_at),
    }


@route(bp, "/admin/stock-alerts")
def list_alerts() -> Response:
    staff(bp.current_request, "alerts:read")
    status = query_param(bp.current_request, "status") or "open"
    context = f"stock-alerts|{status}"
    limit, after = page_params(bp.current_request, context)
    page = get_container().stock_alerts.list(status, limit, after)
    return json_response(page_body([_out(a) for a in page.items], page.next_position, context))


@route(bp, "/admin/stock-alerts/{alert_id}/acknowledge", ("POST",))
def acknowledge(alert_id: str) -> Response:
    from .schemas.common import EmptyIn

    member = staff(bp.current_request, "alerts:write")
    parse_body(bp.current_request, EmptyIn)
    return json_response(_out(get_container().stock_alerts.acknowledge(alert_id, actor_of(member))))


@route(bp, "/admin/stock-alerts/{alert_id}/resolve", ("POST",))
def resolve(alert_id: str) -> Response:
    from .schemas.common import RejectIn

    member = staff(bp.current_request, "alerts:write")
    body = parse_body(bp.current_request, RejectIn)
    return json_response(_out(get_container().stock_alerts.resolve(alert_id, actor_of(member), body.reason)))
