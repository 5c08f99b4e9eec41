"""The customer profile and address book."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import Field, field_validator

from ...domain.profiles import Address, Consent, Profile
from .carts import AddressIn
from .common import Strict, not_blank, ts


class ProfilePatch(Strict):
    """Only the fields sent change; ``null`` clears the phone or the birthday."""

    name: str | None = Field(default=None, min_length=1, max_length=100)
    phone: str | None = Field(default=None, min_length=1, max_length=32)
    birthday: date | None = None
    locale: Literal["zh-CN", "en"] | None = None
    marketing_consent: bool | None = None

    _blank = field_validator("name")(not_blank)

    def changes(self) -> dict[str, Any]:
        changes = {name: getattr(self, name) for name in self.model_fields_set}
        for required in ("locale", "marketing_consent"):
            if changes.get(required, "") is None:
                del changes[required]  # null: no change
        return changes


class AddressCreate(AddressIn):
    is_default: bool = False


class AddressPatch(Strict):
    name: str | None = Field(default=None, min_length=1, max_length=50)
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9][0-9 -]{4,19}$")
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    province: str | None = Field(default=None, min_length=1, max_length=30)
    city: str | None = Field(default=None, min_length=1, max_length=30)
    district: str | None = Field(default=None, max_length=30)
    line1: str | None = Field(default=None, min_length=1, max_length=200)
    line2: str | None = Field(default=None, max_length=200)
    postal_code: str | None = Field(default=None, pattern=r"^[0-9A-Za-z -]{3,10}$")
    is_default: Literal[True] | None = None  # a default moves to another address; it is never unset

    _blank = field_validator("name", "province", "city", "line1")(not_blank)

    def fields(self) -> dict[str, Any]:
        required = ("name", "phone", "country", "province", "city", "line1")
        return {
            k: getattr(self, k)
            for k in self.model_fields_set - {"is_default"}
            if not (k in required and getattr(self, k) is None)
        }


def consent_out(c: Consent) -> dict[str, Any]:
    return {"granted": c.granted, "at": ts(c.at) if c.at else None, "source": c.source}


def profile_out(p: Profile) -> dict[str, Any]:
    return {
        "id": p.customer_id,
        "email": p.email,
        "name": p.name,
        "phone": p.phone,
        "birthday": p.birthday.isoformat() if p.birthday else None,
        "locale": p.locale,
        "marketing_consent": consent_out(p.marketing),
        "created_at": ts(p.created_at),
        "updated_at": ts(p.updated_at) if p.updated_at else None,
    }


def address_out(a: Address) -> dict[str, Any]:
    return {
        "id": a.id,
        **a.fields,
        "is_default": a.is_default,
        "created_at": ts(a.created_at),
        "updated_at": ts(a.updated_at),
    }
