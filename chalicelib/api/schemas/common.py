"""Shared pieces of the request models and response serialisers: the strict
base model, bounded field types, money, timestamps.

Requests are strict: no type coercion ("12" is not 12, 1.0 is not 1), unknown
fields are refused, server-computed fields are refused as read_only_field.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from ...domain.clock import rfc3339_or_none
from ...domain.money import Money


class Strict(BaseModel):
    # Built on first use, not at import: a cold start builds only the models its request needs.
    model_config = ConfigDict(strict=True, extra="forbid", str_strip_whitespace=False, defer_build=True)


Code = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
ShortText = Field(min_length=1, max_length=200)
# Keys and values of specs and attributes are bounded so that an item always fits DynamoDB's 400 KB.
Key = Annotated[str, StringConstraints(min_length=1, max_length=50)]
Value = Annotated[str, StringConstraints(max_length=500)]
Labels = dict[Key, Value]


MIN_YEAR, MAX_YEAR = 1970, 9999


def _in_range(value: datetime) -> datetime:
    """A moment whose UTC year is 1970 to 9999: 9999-12-31T23:59:59-01:00 overflows
    when moved to UTC, 0001-01-01T00:00:00+01:00 too."""
    try:
        year = value.astimezone(UTC).year
    except (OverflowError, ValueError):
        year = 0
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PydanticCustomError(
            "invalid_date",
            "The moment must fall in the years {low} to {high} UTC.",
            {"low": MIN_YEAR, "high": MAX_YEAR},
        )
    return value


# Every timestamp a request carries: RFC 3339 with an offset, in 1970-9999 once in UTC (else invalid_date).
Timestamp = Annotated[AwareDatetime, AfterValidator(_in_range)]


def not_blank(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise ValueError("must not be blank")
    return value


class MoneyIn(Strict):
    amount: int = Field(ge=0, le=10**12)
    currency: str = Field(pattern=r"^[A-Z]{3}$")

    def to_money(self) -> Money:
        return Money(self.amount, self.currency)


class EmptyIn(Strict):
    """A body with no fields: anything sent is refused."""


class RejectIn(Strict):
    reason: str | None = Field(default=None, max_length=500)


ts = rfc3339_or_none  # an optional moment on the wire


def money(amount: int | None, currency: str) -> dict[str, Any] | None:
    return None if amount is None else {"amount": amount, "currency": currency}
