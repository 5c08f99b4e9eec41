"""Domain errors. Each carries a stable snake_case ``code``; the HTTP layer maps
codes to statuses (api/errors.py). Never match on message text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message}


class DomainError(Exception):
    code = "domain_error"

    def __init__(self, detail: str, *, code: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = code
        self.extra = extra


class ValidationFailed(DomainError):
    code = "validation_error"

    def __init__(self, detail: str, errors: list[FieldError] | None = None, *, code: str | None = None) -> None:
        super().__init__(detail, code=code)
        self.errors = list(errors or [])


class ReadOnlyField(ValidationFailed):
    code = "read_only_field"


class NotFound(DomainError):
    code = "not_found"


class Conflict(DomainError):
    code = "conflict"


class Unauthorized(DomainError):
    code = "unauthorized"


class Forbidden(DomainError):
    code = "forbidden"


class InsufficientStock(Conflict):
    """A stock change would take available stock below zero."""

    code = "insufficient_stock"


class InvalidTransition(Conflict):
    code = "invalid_transition"


class CouponInvalid(DomainError):
    """The coupon cannot be used (``reason`` says why: unknown, expired, usage_exhausted, ...)."""

    code = "coupon_invalid"


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

    code = "payment_provider_unavailable"


class PaymentFailed(DomainError):
    code = "payment_failed"


class RefundRefused(DomainError):
    """The payment provider answered and refused the refund (already refunded in
    its dashboard, disputed, more than what is left): retrying cannot help."""

    code = "refund_refused"
