"""The storefront's visitor events (no sign-in; throttled per source address; ADR 0021)."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import json_response, parse_body, route
from .source import source_ip

bp = Blueprint(__name__)


@route(bp, "/events", ("POST",))
def collect() -> Response:
    from .schemas.analytics import EventBatchIn

    intake = get_container().analytics.intake
    source = source_ip(bp.current_request)
    body = parse_body(bp.current_request, EventBatchIn)
    return json_response(intake.accept([e.to_event() for e in body.events], source), status=202)
