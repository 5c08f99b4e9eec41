"""Staff: operational exceptions from the SLA scans."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import actor_of, json_response, page_body, page_params, parse_body, query_param, route, staff

if TYPE_CHECKING:  # for annotations only: kept out of the cold import
    from ..domain.operations import OrderException

bp = Blueprint(__name__)


def _out(e: OrderException) -> dict[str, Any]:
    from .schemas.common import ts

    return {
        "id": e.id,
        "order_id": e.order_id,
        "kind": e.kind,
        "status": e.status,
        "owner_role": e.owner_role,
        "detail": e.detail,
        "due_at": ts(e.due_at),
        "created_at": ts(e.created_at),
        "resolved_at": ts(e.resolved_at),
        "resolved_by": e.resolved_by,
        "note": e.note,
        "deadline_hours": e.deadline_hours,
    }


@route(bp, "/admin/exceptions")
def list_exceptions() -> Response:
    staff(bp.current_request, "exceptions:read")
    status = query_param(bp.current_request, "status") or "open"
    context = f"exceptions|{status}"
    limit, after = page_params(bp.current_request, context)
    page = get_container().operations.list(status, limit, after)
    return json_response(page_body([_out(e) for e in page.items], page.next_position, context))


@route(bp, "/admin/exceptions/{exception_id}/resolve", ("POST",))
def resolve(exception_id: str) -> Response:
    from .schemas.common import RejectIn

    member = staff(bp.current_request, "exceptions:write")
    body = parse_body(bp.current_request, RejectIn)
    return json_response(_out(get_container().operations.resolve(exception_id, actor_of(member), body.reason)))
