"""Domain errors. Each carries a stable snake_case ``code``, a member of one of
the per-context enums of domain/error_codes.py; the HTTP layer maps codes to
statuses (api/errors.py). Never match on message text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .error_codes import CartErrorCode, CommonErrorCode, ErrorCode, InventoryErrorCode, PaymentErrorCode, error_code


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message}


class DomainError(Exception):
    code: ErrorCode = CommonErrorCode.DOMAIN_ERROR

    def __init__(self, detail: str, *, code: ErrorCode | str | None = None, **extra: Any) -> None:
        """``code`` overrides the class's code; a plain string is taken as its enum member
        (ValueError if no context defines it)."""
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = error_code(code)
        self.extra = extra


class ValidationFailed(DomainError):
    code: ErrorCode = CommonErrorCode.VALIDATION_ERROR

    def __init__(
        self, detail: str, errors: list[FieldError] | None = None, *, code: ErrorCode | str | None = None
    ) -> None:
        super().__init__(detail, code=code)
        self.errors = list(errors or [])


class ReadOnlyField(ValidationFailed):
    code: ErrorCode = CommonErrorCode.READ_ONLY_FIELD


class NotFound(DomainError):
    code: ErrorCode = CommonErrorCode.NOT_FOUND


class Conflict(DomainError):
    code: ErrorCode = CommonErrorCode.CONFLICT


class Unauthorized(DomainError):
    code: ErrorCode = CommonErrorCode.UNAUTHORIZED


class Forbidden(DomainError):
    code: ErrorCode = CommonErrorCode.FORBIDDEN


class PreconditionFailed(DomainError):
    """A conditional request's precondition (If-Match) does not hold: nothing was written."""

    code: ErrorCode = CommonErrorCode.PRECONDITION_FAILED


class InsufficientStock(Conflict):
    """A stock change would take available stock below zero."""

    code: ErrorCode = InventoryErrorCode.INSUFFICIENT_STOCK


class InvalidTransition(Conflict):
    code: ErrorCode = CommonErrorCode.INVALID_TRANSITION


class CouponInvalid(DomainError):
    """The coupon cannot be used (``reason`` says why: unknown, expired, usage_exhausted, ...)."""

    code: ErrorCode = CartErrorCode.COUPON_INVALID


@dataclass
class ErrorList:
    """Collects field errors, then raises them together."""

    items: list[FieldError] = field(default_factory=list)

    def add(self, field_name: str, code: str, message: str) -> None:
        self.items.append(FieldError(field_name, code, message))

    def raise_if_any(self, detail: str = "The request is not valid.") -> None:
        if self.items:
            raise ValidationFailed(detail, self.items)


class PaymentProviderUnavailable(DomainError):
    """The payment provider could not be reached (or timed out): retry later."""

    code: ErrorCode = PaymentErrorCode.PAYMENT_PROVIDER_UNAVAILABLE


class PaymentFailed(DomainError):
    code: ErrorCode = PaymentErrorCode.PAYMENT_FAILED


class RefundRefused(DomainError):
    """The payment provider answered and refused the refund (already refunded in
    its dashboard, disputed, more than what is left): retrying cannot help."""

    code: ErrorCode = PaymentErrorCode.REFUND_REFUSED


class RateLimited(DomainError):
    """Too many attempts for now; ``retry_after`` is the seconds until one more is
    allowed (the HTTP layer sends it as ``Retry-After``, not in the body)."""

    code: ErrorCode = CommonErrorCode.RATE_LIMITED

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail, retry_after=retry_after)
        self.retry_after = retry_after
