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

from chalice.app import Response

from ..domain.error_codes import (
    AfterSaleErrorCode,
    AuthErrorCode,
    CartErrorCode,
    CatalogErrorCode,
    CheckoutErrorCode,
    CommonErrorCode,
    ErrorCode,
    ExperimentErrorCode,
    FulfillmentErrorCode,
    InventoryErrorCode,
    MarketingErrorCode,
    MembershipErrorCode,
    MerchErrorCode,
    PaymentErrorCode,
    ProfileErrorCode,
    RefundErrorCode,
    ReviewErrorCode,
    TicketErrorCode,
    WalletErrorCode,
)
from ..domain.errors import DomainError, ValidationFailed

logger = logging.getLogger("commerce.api")

PROBLEM_CONTENT_TYPE = "application/problem+json"

# Every member of every context's error-code enum, and nothing else (tests/unit/test_error_codes.py).
STATUS_BY_CODE: dict[ErrorCode, int] = {
    # common
    CommonErrorCode.DOMAIN_ERROR: 400,
    CommonErrorCode.VALIDATION_ERROR: 400,
    CommonErrorCode.READ_ONLY_FIELD: 400,
    CommonErrorCode.MALFORMED_JSON: 400,
    CommonErrorCode.INVALID_CURSOR: 400,
    CommonErrorCode.INVALID_SIGNATURE: 400,
    CommonErrorCode.INVALID_DATE: 400,
    CommonErrorCode.IDEMPOTENCY_KEY_REQUIRED: 400,
    CommonErrorCode.IDEMPOTENCY_KEY_REUSED: 422,
    CommonErrorCode.IDEMPOTENCY_KEY_IN_USE: 409,
    CommonErrorCode.UNAUTHORIZED: 401,
    CommonErrorCode.FORBIDDEN: 403,
    CommonErrorCode.NOT_FOUND: 404,
    CommonErrorCode.METHOD_NOT_ALLOWED: 405,
    CommonErrorCode.CONFLICT: 409,
    CommonErrorCode.CONCURRENT_UPDATE: 409,
    CommonErrorCode.INVALID_TRANSITION: 409,
    CommonErrorCode.DUPLICATE_EVENT: 409,
    CommonErrorCode.PRECONDITION_FAILED: 412,
    CommonErrorCode.PAYLOAD_TOO_LARGE: 413,
    CommonErrorCode.UNSUPPORTED_MEDIA_TYPE: 415,
    CommonErrorCode.RATE_LIMITED: 429,
    CommonErrorCode.REQUEST_HEADER_FIELDS_TOO_LARGE: 431,
    CommonErrorCode.INTERNAL_ERROR: 500,
    CommonErrorCode.SERVICE_UNAVAILABLE: 503,
    # auth
    AuthErrorCode.INVALID_CREDENTIALS: 401,
    AuthErrorCode.INVALID_TOKEN: 401,
    AuthErrorCode.TOKEN_EXPIRED: 401,
    AuthErrorCode.INVALID_API_KEY: 401,
    AuthErrorCode.EMAIL_TAKEN: 409,
    # catalog
    CatalogErrorCode.SLUG_TAKEN: 409,
    CatalogErrorCode.SKU_CODE_TAKEN: 409,
    CatalogErrorCode.HANDLE_TAKEN: 409,
    CatalogErrorCode.NOT_AVAILABLE: 409,
    # merchandising
    MerchErrorCode.MARGIN_TOO_LOW: 422,
    MerchErrorCode.MEDIA_SPEC: 422,
    MerchErrorCode.LISTING_INCOMPLETE: 422,
    # inventory
    InventoryErrorCode.INSUFFICIENT_STOCK: 409,
    InventoryErrorCode.OUT_OF_STOCK: 409,
    InventoryErrorCode.ALERT_OPEN: 409,
    InventoryErrorCode.OVER_RECEIPT: 409,
    InventoryErrorCode.RECEIPT_ID_REUSED: 422,
    InventoryErrorCode.NOT_SOLD_OUT: 409,
    # carts
    CartErrorCode.ACTIVE_CART_EXISTS: 409,
    CartErrorCode.COUPON_INVALID: 422,
    # checkout
    CheckoutErrorCode.CART_CHECKED_OUT: 409,
    CheckoutErrorCode.CART_EMPTY: 400,
    CheckoutErrorCode.CART_TOO_LARGE: 400,
    CheckoutErrorCode.SHIPPING_ADDRESS_REQUIRED: 400,
    CheckoutErrorCode.PRESALE_MIXED_CART: 422,
    CheckoutErrorCode.BALANCE_NOT_DUE: 409,
    CheckoutErrorCode.BALANCE_WINDOW_NOT_OPEN: 409,
    CheckoutErrorCode.BALANCE_WINDOW_CLOSED: 409,
    # payment
    PaymentErrorCode.PAYMENT_FAILED: 402,
    PaymentErrorCode.PAYMENT_PROVIDER_UNAVAILABLE: 503,
    PaymentErrorCode.PAYMENT_IN_PROGRESS: 409,
    PaymentErrorCode.REFUND_REFUSED: 400,
    # fulfillment
    FulfillmentErrorCode.TRACKING_NUMBER_TAKEN: 409,
    FulfillmentErrorCode.DUPLICATE_FULFILLMENT: 409,
    FulfillmentErrorCode.RESERVATION_MISMATCH: 409,
    FulfillmentErrorCode.UNKNOWN_TRACKING: 404,
    # marketing
    MarketingErrorCode.COUPON_CODE_TAKEN: 409,
    MarketingErrorCode.FLASH_SALE_UNAVAILABLE: 409,
    MarketingErrorCode.PROMOTION_EXHAUSTED: 409,
    # membership
    MembershipErrorCode.MEMBERSHIP_ACTIVE: 409,
    MembershipErrorCode.MEMBERSHIP_EXPIRED: 409,
    MembershipErrorCode.MEMBERSHIP_PENDING: 409,
    # refunds
    RefundErrorCode.REFUND_EXCEEDS_PAID: 422,
    RefundErrorCode.NOTHING_TO_REFUND: 422,
    RefundErrorCode.ORDER_NOT_PAID: 422,
    # after-sales
    AfterSaleErrorCode.AFTER_SALE_WINDOW_CLOSED: 422,
    AfterSaleErrorCode.NOT_RETURNABLE: 422,
    AfterSaleErrorCode.QUANTITY_EXCEEDS_RETURNABLE: 422,
    AfterSaleErrorCode.AFTER_SALE_OPEN: 422,
    AfterSaleErrorCode.ORDER_NOT_ELIGIBLE: 422,
    AfterSaleErrorCode.UNKNOWN_ORDER_LINE: 422,
    # tickets
    TicketErrorCode.TICKET_ALREADY_RATED: 409,
    TicketErrorCode.TICKET_ALREADY_COMPENSATED: 409,
    TicketErrorCode.TICKET_MESSAGE_LIMIT: 409,
    TicketErrorCode.COMPENSATION_OVER_CAP: 403,
    # reviews
    ReviewErrorCode.REVIEW_EXISTS: 409,
    ReviewErrorCode.ORDER_NOT_DELIVERED: 409,
    ReviewErrorCode.REVIEW_WINDOW_CLOSED: 422,
    ReviewErrorCode.FOLLOW_UP_EXISTS: 409,
    ReviewErrorCode.FOLLOW_UP_WINDOW_CLOSED: 422,
    # profiles
    ProfileErrorCode.ADDRESS_BOOK_FULL: 409,
    # the coupon wallet
    WalletErrorCode.COUPON_NOT_CLAIMABLE: 422,
    WalletErrorCode.COUPON_EXPIRED: 409,
    WalletErrorCode.COUPON_ALREADY_CLAIMED: 409,
    WalletErrorCode.CLAIMS_EXHAUSTED: 409,
    WalletErrorCode.WALLET_COUPON_UNAVAILABLE: 422,
    # experiments
    ExperimentErrorCode.EXPERIMENT_ALREADY_RUNNING: 409,
}


def status_for(error: DomainError) -> int:
    return STATUS_BY_CODE[error.code]


def problem(
    status: int,
    code: ErrorCode,
    detail: str,
    *,
    errors: list[dict[str, str]] | None = None,
    headers: Mapping[str, str | list[str]] | None = None,
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
    all_headers: dict[str, str | list[str]] = {"Content-Type": PROBLEM_CONTENT_TYPE, **(headers or {})}
    return Response(body=json.dumps(body), status_code=status, headers=all_headers)


def from_domain(error: DomainError) -> Response:
    status = status_for(error)
    errors = [e.to_dict() for e in error.errors] if isinstance(error, ValidationFailed) else None
    challenge = getattr(error, "challenge", "Bearer")
    headers = {"WWW-Authenticate": challenge} if status == 401 and challenge else None
    if status == 503:
        headers = {"Retry-After": "2"}  # the payment provider, or another dependency, is briefly unavailable
    extra = dict(error.extra)
    retry_after = extra.pop("retry_after", None)  # a header, not a member of the problem
    if isinstance(retry_after, int) and retry_after > 0:
        headers = {**(headers or {}), "Retry-After": str(retry_after)}
    return problem(status, error.code, error.detail, errors=errors, headers=headers, extra=extra)


def internal_error() -> Response:
    logger.exception("unhandled error")
    return problem(500, CommonErrorCode.INTERNAL_ERROR, "Something went wrong on our side; it has been logged.")


def unavailable(detail: str, retry_after: int = 1) -> Response:
    return problem(503, CommonErrorCode.SERVICE_UNAVAILABLE, detail, headers={"Retry-After": str(retry_after)})
