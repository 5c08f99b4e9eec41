"""Staff API keys (admin only). A key's secret is shown once, at creation."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import actor_of, json_response, parse_body, route, staff

bp = Blueprint(__name__)


@route(bp, "/admin/api-keys", ("POST",))
def create_key() -> Response:
    from .schemas.staff import ApiKeyIn, staff_key_out

    member = staff(bp.current_request, "staff:manage")
    body = parse_body(bp.current_request, ApiKeyIn)
    key, secret = get_container().auth.create_key(body.name, body.roles, actor_of(member))
    return json_response({**staff_key_out(key), "key": secret}, 201)


@route(bp, "/admin/api-keys")
def list_keys() -> Response:
    from .schemas.staff import staff_key_out

    staff(bp.current_request, "staff:manage")
    return json_response({"items": [staff_key_out(k) for k in get_container().auth.list_keys()], "next_cursor": None})


@route(bp, "/admin/api-keys/{key_id}", ("DELETE",))
def revoke_key(key_id: str) -> Response:
    staff(bp.current_request, "staff:manage")
    get_container().auth.revoke_key(key_id)
    return Response(body="", status_code=204)
