"""One error table: domain error codes -> HTTP status, rendered as RFC 9457
problem+json. Chalice REST middleware never sees exceptions raised in views,
so views are wrapped (api/http.py) and Chalice's own error responses are
rewritten by the middleware (api/middleware.py)."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from chalice import Response

from ..domain.errors import (
    Conflict,
    DomainError,
    Forbidden,
    NotFound,
    Unauthorized,
    ValidationFailed,
)

logger = logging.getLogger("commerce.api")

PROBLEM_CONTENT_TYPE = "application/problem+json"

STATUS_BY_CODE: dict[str, int] = {
    "validation_error": 400,
    "read_only_field": 400,
    "malformed_json": 400,
    "invalid_cursor": 400,
    "unauthorized": 401,
    "invalid_credentials": 401,
    "invalid_token": 401,
    "token_expired": 401,
    "invalid_api_key": 401,
    "forbidden": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "conflict": 409,
    "out_of_stock": 409,
    "not_available": 409,
    "active_cart_exists": 409,
    "coupon_code_taken": 409,
    "coupon_invalid": 422,
    "idempotency_key_required": 400,
    "idempotency_key_reused": 422,
    "payment_failed": 402,
    "payment_provider_unavailable": 503,
    "payment_in_progress": 409,
    "cart_checked_out": 409,
    "cart_empty": 400,
    "cart_too_large": 400,
    "tracking_number_taken": 409,
    "duplicate_fulfillment": 409,
    "reservation_mismatch": 409,
    "unknown_tracking": 404,
    "shipping_address_required": 400,
    "flash_sale_unavailable": 409,
    "invalid_signature": 400,
    "idempotency_key_in_use": 409,
    "email_taken": 409,
    "slug_taken": 409,
    "sku_code_taken": 409,
    "insufficient_stock": 409,
    "invalid_transition": 409,
    "concurrent_update": 409,
    "membership_active": 409,
    "membership_expired": 409,
    "membership_pending": 409,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "rate_limited": 429,
    "internal_error": 500,
    "service_unavailable": 503,
}

_STATUS_BY_CLASS: tuple[tuple[type[DomainError], int], ...] = (
    (ValidationFailed, 400),
    (Unauthorized, 401),
    (Forbidden, 403),
    (NotFound, 404),
    (Conflict, 409),
)


def status_for(error: DomainError) -> int:
    if error.code in STATUS_BY_CODE:
        return STATUS_BY_CODE[error.code]
    for cls, status in _STATUS_BY_CLASS:
        if isinstance(error, cls):
            return status
    return 400


def problem(
    status: int,
    code: str,
    detail: str,
    *,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Response:
    """Extra members may add to the problem, never replace its standard ones."""
    body: dict[str, Any] = {
        "type": f"urn:commerce:problem:{code}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if errors:
        body["errors"] = errors
    body.update({k: v for k, v in (extra or {}).items() if v is not None and k not in body and k != "errors"})
    all_headers = {"Content-Type": PROBLEM_CONTENT_TYPE, **(headers or {})}
    return Response(body=json.dumps(body), status_code=status, headers=all_headers)


def from_domain(error: DomainError) -> Response:
    status = status_for(error)
    errors = [e.to_dict() for e in error.errors] if isinstance(error, ValidationFailed) else None
    challenge = getattr(error, "challenge", "Bearer")
    headers = {"WWW-Authenticate": challenge} if status == 401 and challenge else None
    if status == 503:
        headers = {"Retry-After": "2"}  # the payment provider, or another dependency, is briefly unavailable
    return problem(status, error.code, error.detail, errors=errors, headers=headers, extra=error.extra)


def internal_error() -> Response:
    logger.exception("unhandled error")
    return problem(500, "internal_error", "Something went wrong on our side; it has been logged.")


def unavailable(detail: str, retry_after: int = 1) -> Response:
    return problem(503, "service_unavailable", detail, headers={"Retry-After": str(retry_after)})
