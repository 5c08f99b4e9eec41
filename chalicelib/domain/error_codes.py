"""Error codes, one ``StrEnum`` per context. A member's value is the ``code``
clients see in problem responses: values never change. The HTTP status of
every member is in the one table of api/errors.py (``STATUS_BY_CODE``).

A ``StrEnum`` member is a ``str``: it serialises, formats, hashes and compares
as its value, so JSON bodies and code written with plain strings work unchanged;
new code names the member (``CommonErrorCode.NOT_FOUND``), never the string."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeAlias, cast


class CommonErrorCode(StrEnum):
    """Request shape, authentication, lookup and concurrency errors of every context."""

    DOMAIN_ERROR = "domain_error"
    VALIDATION_ERROR = "validation_error"
    READ_ONLY_FIELD = "read_only_field"
    MALFORMED_JSON = "malformed_json"
    INVALID_CURSOR = "invalid_cursor"
    INVALID_SIGNATURE = "invalid_signature"
    INVALID_DATE = "invalid_date"
    IDEMPOTENCY_KEY_REQUIRED = "idempotency_key_required"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use"
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    CONFLICT = "conflict"
    CONCURRENT_UPDATE = "concurrent_update"
    INVALID_TRANSITION = "invalid_transition"
    DUPLICATE_EVENT = "duplicate_event"
    PRECONDITION_FAILED = "precondition_failed"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    RATE_LIMITED = "rate_limited"
    REQUEST_HEADER_FIELDS_TOO_LARGE = "request_header_fields_too_large"
    INTERNAL_ERROR = "internal_error"
    SERVICE_UNAVAILABLE = "service_unavailable"


class AuthErrorCode(StrEnum):
    INVALID_CREDENTIALS = "invalid_credentials"
    INVALID_TOKEN = "invalid_token"
    TOKEN_EXPIRED = "token_expired"
    INVALID_API_KEY = "invalid_api_key"
    EMAIL_TAKEN = "email_taken"


class CatalogErrorCode(StrEnum):
    SLUG_TAKEN = "slug_taken"
    SKU_CODE_TAKEN = "sku_code_taken"
    HANDLE_TAKEN = "handle_taken"
    NOT_AVAILABLE = "not_available"


class MerchErrorCode(StrEnum):
    """Merchandising (ADR 0023): the margin guard, media checks and listing checks."""

    MARGIN_TOO_LOW = "margin_too_low"
    MEDIA_SPEC = "media_spec"
    LISTING_INCOMPLETE = "listing_incomplete"


class InventoryErrorCode(StrEnum):
    INSUFFICIENT_STOCK = "insufficient_stock"
    OUT_OF_STOCK = "out_of_stock"
    ALERT_OPEN = "alert_open"
    OVER_RECEIPT = "over_receipt"
    RECEIPT_ID_REUSED = "receipt_id_reused"
    NOT_SOLD_OUT = "not_sold_out"


class CartErrorCode(StrEnum):
    ACTIVE_CART_EXISTS = "active_cart_exists"
    COUPON_INVALID = "coupon_invalid"


class CheckoutErrorCode(StrEnum):
    CART_CHECKED_OUT = "cart_checked_out"
    CART_EMPTY = "cart_empty"
    CART_TOO_LARGE = "cart_too_large"
    SHIPPING_ADDRESS_REQUIRED = "shipping_address_required"
    PRESALE_MIXED_CART = "presale_mixed_cart"  # a presale order holds its presale line only (ADR 0026)
    BALANCE_NOT_DUE = "balance_not_due"  # the order is not a presale order awaiting its balance
    BALANCE_WINDOW_NOT_OPEN = "balance_window_not_open"
    BALANCE_WINDOW_CLOSED = "balance_window_closed"


class PaymentErrorCode(StrEnum):
    PAYMENT_FAILED = "payment_failed"
    PAYMENT_PROVIDER_UNAVAILABLE = "payment_provider_unavailable"
    PAYMENT_IN_PROGRESS = "payment_in_progress"
    REFUND_REFUSED = "refund_refused"


class FulfillmentErrorCode(StrEnum):
    TRACKING_NUMBER_TAKEN = "tracking_number_taken"
    DUPLICATE_FULFILLMENT = "duplicate_fulfillment"
    RESERVATION_MISMATCH = "reservation_mismatch"
    UNKNOWN_TRACKING = "unknown_tracking"


class MarketingErrorCode(StrEnum):
    """Promotions (flash sales included), coupons and shipping templates."""

    COUPON_CODE_TAKEN = "coupon_code_taken"
    FLASH_SALE_UNAVAILABLE = "flash_sale_unavailable"
    # A promotion's budget or first_n units ran out between pricing and the transaction:
    # checkout prices the cart again (ADR 0028); seen only if that keeps happening.
    PROMOTION_EXHAUSTED = "promotion_exhausted"


class MembershipErrorCode(StrEnum):
    MEMBERSHIP_ACTIVE = "membership_active"
    MEMBERSHIP_EXPIRED = "membership_expired"
    MEMBERSHIP_PENDING = "membership_pending"


class RefundErrorCode(StrEnum):
    """Refunds of part or all of an order (staff refunds, after-sales, disputes)."""

    REFUND_EXCEEDS_PAID = "refund_exceeds_paid"
    NOTHING_TO_REFUND = "nothing_to_refund"
    ORDER_NOT_PAID = "order_not_paid"


class AfterSaleErrorCode(StrEnum):
    """Customer requests after a sale: returns, exchanges, refund-only."""

    AFTER_SALE_WINDOW_CLOSED = "after_sale_window_closed"
    NOT_RETURNABLE = "not_returnable"
    QUANTITY_EXCEEDS_RETURNABLE = "quantity_exceeds_returnable"
    AFTER_SALE_OPEN = "after_sale_open"
    ORDER_NOT_ELIGIBLE = "order_not_eligible"
    UNKNOWN_ORDER_LINE = "unknown_order_line"


class TicketErrorCode(StrEnum):
    """Customer care: tickets and the compensation granted on them."""

    TICKET_ALREADY_RATED = "ticket_already_rated"
    TICKET_ALREADY_COMPENSATED = "ticket_already_compensated"
    TICKET_MESSAGE_LIMIT = "ticket_message_limit"
    COMPENSATION_OVER_CAP = "compensation_over_cap"


class ReviewErrorCode(StrEnum):
    """Reviews of delivered orders, their follow-ups and moderation."""

    REVIEW_EXISTS = "review_exists"
    ORDER_NOT_DELIVERED = "order_not_delivered"
    REVIEW_WINDOW_CLOSED = "review_window_closed"
    FOLLOW_UP_EXISTS = "follow_up_exists"
    FOLLOW_UP_WINDOW_CLOSED = "follow_up_window_closed"


class ProfileErrorCode(StrEnum):
    """Customer profiles, address books and erasure."""

    ADDRESS_BOOK_FULL = "address_book_full"


class WalletErrorCode(StrEnum):
    """The coupon wallet: claims, staff grants, checkout with a wallet coupon (ADR 0018)."""

    COUPON_NOT_CLAIMABLE = "coupon_not_claimable"
    COUPON_EXPIRED = "coupon_expired"
    COUPON_ALREADY_CLAIMED = "coupon_already_claimed"
    CLAIMS_EXHAUSTED = "claims_exhausted"
    WALLET_COUPON_UNAVAILABLE = "wallet_coupon_unavailable"


class ExperimentErrorCode(StrEnum):
    """A/B experiments (ADR 0024)."""

    EXPERIMENT_ALREADY_RUNNING = "experiment_already_running"


ErrorCode: TypeAlias = (
    CommonErrorCode
    | AuthErrorCode
    | CatalogErrorCode
    | MerchErrorCode
    | InventoryErrorCode
    | CartErrorCode
    | CheckoutErrorCode
    | PaymentErrorCode
    | FulfillmentErrorCode
    | MarketingErrorCode
    | MembershipErrorCode
    | RefundErrorCode
    | AfterSaleErrorCode
    | TicketErrorCode
    | ReviewErrorCode
    | ProfileErrorCode
    | WalletErrorCode
    | ExperimentErrorCode
)

ERROR_CODE_ENUMS: tuple[type[StrEnum], ...] = (
    CommonErrorCode,
    AuthErrorCode,
    CatalogErrorCode,
    MerchErrorCode,
    InventoryErrorCode,
    CartErrorCode,
    CheckoutErrorCode,
    PaymentErrorCode,
    FulfillmentErrorCode,
    MarketingErrorCode,
    MembershipErrorCode,
    RefundErrorCode,
    AfterSaleErrorCode,
    TicketErrorCode,
    ReviewErrorCode,
    ProfileErrorCode,
    WalletErrorCode,
    ExperimentErrorCode,
)

_BY_VALUE: dict[str, ErrorCode] = {
    member.value: cast(ErrorCode, member) for enum in ERROR_CODE_ENUMS for member in enum
}


def error_code(value: str) -> ErrorCode:
    """The member whose wire value is ``value``; ValueError for a code no context defines."""
    try:
        return _BY_VALUE[value]
    except KeyError:
        raise ValueError(f"unknown error code {value!r}") from None
