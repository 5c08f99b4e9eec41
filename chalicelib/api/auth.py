"""Customer accounts: register and login (the profile: api/profile.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import json_response, parse_body, route
from .source import source_ip

if TYPE_CHECKING:  # for annotations only: kept out of the cold import
    from ..services.ports import Customer

bp = Blueprint(__name__)


def _session(customer: Customer, token: str) -> dict[str, Any]:
    from .schemas.auth import customer_out

    return {
        "customer": customer_out(customer),
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": get_container().settings.token_ttl_seconds,
    }


@route(bp, "/auth/register", ("POST",))
def register() -> Response:
    from .schemas.auth import RegisterIn

    body = parse_body(bp.current_request, RegisterIn)
    customer, token = get_container().auth.register(body.email, body.password, body.name, source_ip(bp.current_request))
    return json_response(_session(customer, token), 201)


@route(bp, "/auth/login", ("POST",))
def login() -> Response:
    from .schemas.auth import LoginIn

    body = parse_body(bp.current_request, LoginIn)
    customer, token = get_container().auth.login(body.email, body.password, source_ip(bp.current_request))
    return json_response(_session(customer, token))
