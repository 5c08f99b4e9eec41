"""HTTP middleware: body size limit, request ids and access logs, and Chalice's
own error responses (405, 415, 500) rewritten as problem+json.

One access line per request (docs/observability.md): method, route template,
status, duration, caller kind and request id; never a credential, a query
string or the raw path."""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

from chalice.app import Chalice, Response

from .. import observability
from ..domain.error_codes import CommonErrorCode
from .errors import problem

MAX_BODY_BYTES = 1024 * 1024
logger = logging.getLogger("commerce.access")

_CHALICE_ERRORS = {
    "MethodNotAllowedError": (405, CommonErrorCode.METHOD_NOT_ALLOWED),
    "UnsupportedMediaType": (415, CommonErrorCode.UNSUPPORTED_MEDIA_TYPE),
    "BadRequest": (400, CommonErrorCode.VALIDATION_ERROR),
    "InternalServerError": (500, CommonErrorCode.INTERNAL_ERROR),
}


def _rewrite_chalice_error(response: Response) -> Response:
    body = response.body
    if isinstance(body, str) and body.startswith("{"):
        try:
            body = json.loads(body)
        except ValueError:
            return response
    if not isinstance(body, dict) or "Code" not in body or body.get("Code") not in _CHALICE_ERRORS:
        return response
    status, code = _CHALICE_ERRORS[body["Code"]]
    detail = str(body.get("Message") or code)
    if code == CommonErrorCode.INTERNAL_ERROR:
        detail = "Something went wrong on our side; it has been logged."
    headers = {
        k: v for k, v in response.headers.items() if k.lower() in ("allow",) or k.lower().startswith("access-control-")
    }
    return problem(status, code, detail, headers=headers)


def register(app: Chalice) -> None:
    @app.middleware("http")
    def http_middleware(event: Any, get_response: Any) -> Response:
        started = time.perf_counter()
        request_id = (event.headers.get("x-request-id") or "")[:64] or uuid.uuid4().hex
        observability.bind_request(request_id)
        try:
            body = event.raw_body or b""
            if len(body) > MAX_BODY_BYTES:
                response = problem(
                    413, CommonErrorCode.PAYLOAD_TOO_LARGE, f"Request bodies are limited to {MAX_BODY_BYTES} bytes."
                )
            else:
                response = _rewrite_chalice_error(get_response(event))
            response.headers["X-Request-Id"] = request_id
            _access(event, response.status_code, started)
            return response
        finally:
            observability.unbind_request()


def _access(event: Any, status: int, started: float) -> None:
    duration_ms = round((time.perf_counter() - started) * 1000, 1)
    route = (event.context or {}).get("resourcePath") or event.path
    logger.info(
        f"{event.method} {route} {status} {duration_ms}ms",
        extra={
            "event": "access",
            "method": event.method,
            "route": route,
            "status": status,
            "duration_ms": duration_ms,
            "caller": observability.caller_kind(event.headers),
        },
    )
