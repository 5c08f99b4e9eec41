"""A customer's profile and address book: the rules, without storage.

The profile is the one source of a customer's name, phone, birthday, locale and
marketing consent; notification preferences read and write the same fields
(ADR 0017, docs/data-model.md "Customers").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from .error_codes import ProfileErrorCode
from .errors import Conflict
from .notifications import DEFAULT_LOCALE, LOCALES

PHONE_MAX_DIGITS = 15  # E.164
PHONE_MIN_DIGITS = 7
NAME_MAX = 100
EARLIEST_BIRTHDAY = date(1900, 1, 1)
ADDRESS_BOOK_LIMIT = 20
CONSENT_SOURCES = ("profile", "checkout", "preferences", "register")

# What a phone may be sent as (docs/openapi.yaml states the same pattern): a Chinese mobile
# number, or + (or 00) and 7 to 15 digits, the first not 0; single spaces or dashes between digits.
PHONE_INPUT = re.compile(r"(?:1[3-9](?:[ -]?[0-9]){9}|(?:\+|00) ?[1-9](?:[ -]?[0-9]){6,14})")
_SEPARATORS = re.compile(r"[ -]")

__all__ = ["DEFAULT_LOCALE", "LOCALES"]


def normalise_phone(raw: str) -> str:
    """E.164 (``+8613800000001``) from ``PHONE_INPUT``: a bare 11-digit Chinese mobile
    number (``1[3-9]`` and 9 digits) gains +86; ``00`` becomes ``+``; single spaces or
    dashes between digits are dropped. ValueError otherwise."""
    text = raw.strip()
    if not PHONE_INPUT.fullmatch(text):
        raise ValueError("Use E.164 (+ country code and number) or an 11-digit Chinese mobile number.")
    digits = _SEPARATORS.sub("", text)
    if digits.startswith("00"):
        return "+" + digits[2:]
    return digits if digits.startswith("+") else f"+86{digits}"


def check_birthday(value: date, today: date) -> None:
    if not EARLIEST_BIRTHDAY <= value <= today:
        raise ValueError(f"A birthday is from {EARLIEST_BIRTHDAY.isoformat()} to today.")


@dataclass(frozen=True)
class Consent:
    """Consent to marketing, with when and how it was given or withdrawn."""

    granted: bool = False
    at: datetime | None = None
    source: str | None = None


@dataclass(frozen=True)
class Profile:
    customer_id: str
    email: str
    name: str
    created_at: datetime
    phone: str | None = None
    birthday: date | None = None
    locale: str = DEFAULT_LOCALE
    marketing: Consent = field(default_factory=Consent)
    updated_at: datetime | None = None
    erased_at: datetime | None = None


def consent_change(current: Consent, granted: bool, source: str, now: datetime) -> Consent:
    """The consent after a choice: unchanged (with its when and how) when the choice is the same."""
    if current.at is not None and current.granted == granted:
        return current
    return Consent(granted, now, source)


# --- the address book -------------------------------------------------------------------------
ADDRESS_FIELDS = ("name", "phone", "country", "province", "city", "district", "line1", "line2", "postal_code")


@dataclass(frozen=True)
class Address:
    id: str
    fields: dict[str, Any]  # ADDRESS_FIELDS: the shape checkout takes as shipping_address
    is_default: bool
    created_at: datetime
    updated_at: datetime


def add_address(book: list[Address], address: Address, make_default: bool) -> list[Address]:
    """The book with ``address`` added: the first address is the default; ``make_default`` moves it."""
    if len(book) >= ADDRESS_BOOK_LIMIT:
        raise Conflict(
            f"An address book holds at most {ADDRESS_BOOK_LIMIT} addresses; delete one first.",
            code=ProfileErrorCode.ADDRESS_BOOK_FULL,
        )
    default = make_default or not book
    kept = [replace(a, is_default=False) if default else a for a in book]
    return [*kept, replace(address, is_default=default)]


def set_default(book: list[Address], address_id: str) -> list[Address]:
    return [replace(a, is_default=a.id == address_id) for a in book]


def remove_address(book: list[Address], address_id: str) -> list[Address]:
    """The book without the address; when it was the default, the next oldest becomes the default."""
    gone = next(a for a in book if a.id == address_id)
    kept = [a for a in book if a.id != address_id]
    if gone.is_default and kept:
        kept[0] = replace(kept[0], is_default=True)
    return kept


def default_of(book: list[Address]) -> Address | None:
    return next((a for a in book if a.is_default), None)
