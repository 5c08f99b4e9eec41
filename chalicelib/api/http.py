"""Helpers every blueprint uses: route registration with error mapping, JSON
body parsing into pydantic models, authentication, pagination."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from chalice.app import Blueprint, CORSConfig, Request, Response

from .. import observability
from ..bootstrap import get_container
from ..domain.error_codes import AuthErrorCode, CommonErrorCode
from ..domain.errors import DomainError, FieldError, NotFound, ReadOnlyField, Unauthorized, ValidationFailed
from . import errors

if TYPE_CHECKING:  # for annotations only: pydantic, the ports and the cursor codec load on first use
    from pydantic import BaseModel, ValidationError

    from ..services.ports import Position, StaffKey

M = TypeVar("M", bound="BaseModel")

CORS = CORSConfig(
    allow_origin="*",
    allow_headers=["Authorization", "X-Api-Key", "X-Cart-Token", "Idempotency-Key", "If-Match", "Content-Type"],
    expose_headers=["X-Request-Id", "Location", "Idempotent-Replayed", "Retry-After", "ETag", "X-Next-Cursor"],
    max_age=600,
)

# Fields a client may never send, wherever they appear: the server computes them.
READ_ONLY_FIELDS = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "version",
        "sales",
        "on_hand",
        "reserved",
        "available",
        "in_stock",
        "effective_price",
        "price",
        "unit_price",
        "line_total",
        "subtotal",
        "discounts",
        "shipping",
        "total",
        "status",
        "payment_status",
        "timeline",
        "customer_id",
        "abc_class",
        "visible",
        "state",
        "sold",
        "used",
        "ended_at",
        "amount_paid",
        "amount_refunded",
        "risk_reasons",
        "payment_intent_id",
    }
)


# Path parameters, by name: what a value that can exist looks like. Anything else is
# not found before any lookup (a 2 KB key would be refused by DynamoDB as a 500).
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
PATH_PARAMETERS: dict[str, re.Pattern[str]] = {
    "cart_id": _ID,
    "order_id": _ID,
    "after_sale_id": _ID,
    "product_id": _ID,
    "promotion_id": _ID,
    "alert_id": _ID,
    "exception_id": _ID,
    "key_id": _ID,
    "ticket_id": _ID,
    "campaign_id": _ID,
    "customer_id": _ID,
    "address_id": _ID,
    "grant_id": _ID,
    "review_id": _ID,
    "supplier_id": _ID,
    "po_id": _ID,
    "sheet_id": _ID,
    "media_id": _ID,
    "slot": re.compile(r"(?=.{1,64}\Z)[a-z0-9]+(?:[-_][a-z0-9]+)*"),  # a content slot (domain.content.SLOT_PATTERN)
    "experiment_id": _ID,
    "sku": re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}"),  # a SKU code (schemas.common.Code)
    "code": re.compile(r"[A-Za-z0-9_-]{1,32}"),  # a coupon code (schemas.marketing.CouponIn)
    "name": re.compile(r"[a-z0-9_]{1,64}"),  # a job name
    "asset": re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}"),  # a file of the API reference (api/reference.py)
    "day": re.compile(r".*", re.DOTALL),  # a business date: parsed by the view (400 invalid_date), never a key
}


def check_path_parameters(params: Mapping[str, Any]) -> None:
    """404 not_found for a path parameter that cannot name anything (unknown names are refused too)."""
    for name, value in params.items():
        pattern = PATH_PARAMETERS.get(name)
        if pattern is None:
            raise LookupError(f"path parameter {name!r} has no bound in PATH_PARAMETERS")
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise NotFound("Nothing exists at this address.")


def route(
    bp: Blueprint, path: str, methods: tuple[str, ...] = ("GET",)
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a view that maps domain errors (and anything unexpected) to problem+json.
    Path parameters are bounded first (``PATH_PARAMETERS``)."""
    for name in re.findall(r"{(\w+)}", path):
        if name not in PATH_PARAMETERS:
            raise LookupError(f"{path}: path parameter {name!r} has no bound in PATH_PARAMETERS")

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapped(**kwargs: Any) -> Any:
            try:
                check_path_parameters(kwargs)
                return view(**kwargs)
            except DomainError as error:
                return errors.from_domain(error)
            except Exception as error:  # noqa: BLE001 - the last line of defence
                return _infrastructure_error(error)

        bp.route(path, methods=list(methods), cors=CORS, content_types=["application/json"])(wrapped)
        return view

    return decorator


_UNAVAILABLE_CODES = frozenset(
    {
        "ThrottlingException",
        "ProvisionedThroughputExceededException",
        "RequestLimitExceeded",
        "InternalServerError",
        "ServiceUnavailable",
    }
)


def _infrastructure_error(error: Exception) -> Response:
    """Storage faults become a clear 503 with Retry-After; anything else is a bug (500)."""
    from botocore.exceptions import ClientError, ReadTimeoutError
    from botocore.exceptions import ConnectionError as BotoConnectionError

    from ..adapters.dynamo.transact import TransactionConflictExhausted

    if isinstance(error, TransactionConflictExhausted):
        return errors.unavailable("The store is busy with concurrent updates; retry shortly.")
    cause: BaseException | None = error
    while cause is not None:
        code = getattr(cause, "cause_response_code", None)
        if isinstance(cause, ClientError):
            code = cause.response.get("Error", {}).get("Code")
        if code in _UNAVAILABLE_CODES or isinstance(cause, (BotoConnectionError, ReadTimeoutError)):
            errors.logger.warning("storage unavailable: %r", cause)
            return errors.unavailable("Storage is temporarily unavailable; retry shortly.", retry_after=2)
        cause = cause.__cause__
    return errors.internal_error()


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        body=json.dumps(body, ensure_ascii=False),
        status_code=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def parse_body(request: Request, model: type[M]) -> M:
    from pydantic import ValidationError

    raw = raw_body(request) or b"{}"
    try:
        return model.model_validate_json(raw)
    except ValidationError as error:
        raise _validation_failed(error) from None


def _validation_failed(error: ValidationError) -> ValidationFailed:
    field_errors: list[FieldError] = []
    read_only: list[FieldError] = []
    for item in error.errors(include_url=False):
        kind = item["type"]
        where = ".".join(str(part) for part in item["loc"]) or "(body)"
        if kind == "json_invalid":
            return ValidationFailed(
                "The request body is not valid JSON.",
                [FieldError("(body)", "malformed_json", item["msg"])],
                code=CommonErrorCode.MALFORMED_JSON,
            )
        if kind == "extra_forbidden" and str(item["loc"][-1]) in READ_ONLY_FIELDS:
            read_only.append(FieldError(where, "read_only_field", "This field is set by the server; do not send it."))
            continue
        field_errors.append(FieldError(where, _CODE_BY_PYDANTIC_TYPE.get(kind, kind), item["msg"]))
    if read_only:
        return ReadOnlyField("The request sets fields that only the server may set.", read_only + field_errors)
    if field_errors and all(e.code == CommonErrorCode.INVALID_DATE for e in field_errors):
        return ValidationFailed(
            "A date is outside the years 1970 to 9999 UTC.", field_errors, code=CommonErrorCode.INVALID_DATE
        )
    return ValidationFailed("The request is not valid.", field_errors)


_CODE_BY_PYDANTIC_TYPE = {
    "missing": "required",
    "extra_forbidden": "unknown_field",
    "int_type": "invalid_type",
    "int_parsing": "invalid_type",
    "string_type": "invalid_type",
    "bool_type": "invalid_type",
    "dict_type": "invalid_type",
    "list_type": "invalid_type",
    "model_type": "invalid_type",
    "model_attributes_type": "invalid_type",
    "float_type": "invalid_type",
    "greater_than": "out_of_range",
    "greater_than_equal": "out_of_range",
    "less_than": "out_of_range",
    "less_than_equal": "out_of_range",
    "string_too_short": "invalid_length",
    "string_too_long": "invalid_length",
    "too_short": "invalid_length",
    "too_long": "invalid_length",
    "string_pattern_mismatch": "invalid_format",
    "literal_error": "invalid_choice",
    "enum": "invalid_choice",
    "datetime_type": "invalid_datetime",
    "datetime_parsing": "invalid_datetime",
    "datetime_from_date_parsing": "invalid_datetime",
    "timezone_aware": "invalid_datetime",
    "invalid_date": CommonErrorCode.INVALID_DATE,  # schemas.common.Timestamp: outside 1970-9999 UTC
    "value_error": "invalid_value",
    "url_parsing": "invalid_format",
    "url_scheme": "invalid_format",
    "url_type": "invalid_type",
}


# --- authentication ---------------------------------------------------------------
class StaffUnauthorized(Unauthorized):
    """A staff credential problem: answered without a Bearer challenge."""

    challenge = None


def _header(request: Request, name: str) -> str | None:
    value = request.headers.get(name)
    return value.strip() if value else None


def bearer_customer(request: Request, required: bool = True) -> str | None:
    """The customer id from ``Authorization: Bearer <token>``."""
    header = _header(request, "authorization")
    if header is None:
        if required:
            raise Unauthorized("Sign in: send Authorization: Bearer <access_token>.")
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("Use Authorization: Bearer <access_token>.", code=AuthErrorCode.INVALID_TOKEN)
    return str(get_container().auth.customer_id_from_token(token.strip()))


def staff(request: Request, action: str) -> StaffKey:
    """The staff key from ``X-Api-Key``, allowed to perform ``action``."""
    key = _header(request, "x-api-key")
    if key is None:
        raise StaffUnauthorized("Staff routes need an X-Api-Key header.")
    auth = get_container().auth
    try:
        member: StaffKey = auth.staff_from_key(key)
    except Unauthorized as error:
        raise StaffUnauthorized(error.detail, code=error.code) from None
    observability.note_caller("staff")  # the access line's caller: a key that checked out
    auth.authorize(member, action)
    return member


def actor_of(member: StaffKey) -> str:
    return f"staff:{member.id}"


# --- pagination -------------------------------------------------------------------
def page_params(request: Request, context: str) -> tuple[int, Position | None]:
    params: Mapping[str, str] = request.query_params or {}
    raw_limit = params.get("limit")
    limit = 20
    if raw_limit is not None:
        if not (raw_limit.isascii() and raw_limit.isdigit()):
            raise ValidationFailed(
                "limit must be a whole number from 1 to 100.", [FieldError("limit", "invalid_type", "Use 1 to 100.")]
            )
        if not 1 <= int(raw_limit) <= 100:
            raise ValidationFailed(
                "limit must be a whole number from 1 to 100.", [FieldError("limit", "out_of_range", "Use 1 to 100.")]
            )
        limit = int(raw_limit)
    cursor = params.get("cursor")
    secret = get_container().settings.token_secret
    from ..domain.cursor import decode_cursor

    return limit, (decode_cursor(cursor, secret, context) if cursor else None)


def page_body(items: list[Any], next_position: Position | None, context: str) -> dict[str, Any]:
    from ..domain.cursor import encode_cursor

    secret = get_container().settings.token_secret
    return {
        "items": items,
        "next_cursor": encode_cursor(next_position, secret, context) if next_position else None,
    }


def raw_body(request: Request) -> bytes:
    """The request body as sent (Chalice types it str or bytes)."""
    body = request.raw_body
    return body.encode() if isinstance(body, str) else (body or b"")


def query_param(request: Request, name: str) -> str | None:
    params: Mapping[str, str] = request.query_params or {}
    value = params.get(name)
    return value if value not in (None, "") else None


def date_param(request: Request, name: str, default: date) -> date:
    """A query parameter holding a date (YYYY-MM-DD, years 1970 on), else ``default``;
    anything else is 400 ``invalid_date`` on the parameter."""
    from .schemas.common import MIN_YEAR

    text = query_param(request, name)
    if text is None:
        return default
    try:
        day = date.fromisoformat(text)
        if day.year < MIN_YEAR:
            raise ValueError(text)
        return day
    except ValueError:
        raise ValidationFailed(
            "Dates are YYYY-MM-DD.", [FieldError(name, "invalid_date", "A date, e.g. 2026-12-01.")]
        ) from None
