"""The customer profile and address book (ADR 0017)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

from ..domain import profiles as rules
from ..domain.clock import Clock
from ..domain.error_codes import CommonErrorCode
from ..domain.errors import Conflict, ErrorList, NotFound
from ..domain.ids import new_id
from ..domain.profiles import Address, Profile
from .profile_ports import AddressBookRepository, ProfileRepository

ATTEMPTS = 5


class ProfileService:
    def __init__(
        self,
        profiles: ProfileRepository,
        addresses: AddressBookRepository,
        clock: Clock,
        store_timezone: str = "Asia/Shanghai",
    ) -> None:
        self.profiles, self.addresses, self.clock = profiles, addresses, clock
        self.zone = ZoneInfo(store_timezone)

    # --- the profile ----------------------------------------------------------------------
    def get(self, customer_id: str) -> Profile:
        profile = self.profiles.get(customer_id)
        if profile is None:
            raise NotFound("No such customer.")
        return profile

    def update(self, customer_id: str, changes: Mapping[str, Any], source: str = "profile") -> Profile:
        """Apply ``changes`` (name, phone, birthday, locale, marketing_consent); a phone
        is stored in E.164, a change of consent with when and how (``source``)."""
        current = self.get(customer_id)
        now = self.clock.now()
        errors = ErrorList()
        updated = current
        if "name" in changes:
            name = str(changes["name"] or "").strip()
            if not name:
                errors.add("name", "required", "Name must not be blank.")
            updated = replace(updated, name=name)
        if "phone" in changes:
            updated = replace(updated, phone=self._phone(changes["phone"], errors))
        if "birthday" in changes:
            birthday = changes["birthday"]
            if birthday is not None:
                try:
                    rules.check_birthday(birthday, now.astimezone(self.zone).date())
                except ValueError as error:
                    errors.add("birthday", "invalid_range", str(error))  # relative to today: no schema can say it
            updated = replace(updated, birthday=birthday)
        if "locale" in changes:
            if changes["locale"] not in rules.LOCALES:
                errors.add("locale", "invalid_choice", " or ".join(rules.LOCALES))
            updated = replace(updated, locale=changes["locale"])
        if "marketing_consent" in changes:
            granted = bool(changes["marketing_consent"])
            updated = replace(updated, marketing=rules.consent_change(current.marketing, granted, source, now))
        errors.raise_if_any()
        if updated == current:
            return current
        updated = replace(updated, updated_at=now)
        self.profiles.save(updated)
        return updated

    @staticmethod
    def _phone(raw: Any, errors: ErrorList) -> str | None:
        if raw is None:
            return None
        try:
            return rules.normalise_phone(str(raw))
        except ValueError as error:
            errors.add("phone", "invalid_format", str(error))
            return None

    # --- the address book -----------------------------------------------------------------
    def addresses_of(self, customer_id: str) -> list[Address]:
        return self.addresses.get(customer_id)[0]

    def default_address(self, customer_id: str) -> dict[str, Any] | None:
        """The default address as checkout takes a shipping address (None: an empty book)."""
        found = rules.default_of(self.addresses_of(customer_id))
        return dict(found.fields) if found else None

    def add_address(self, customer_id: str, fields: Mapping[str, Any], make_default: bool) -> Address:
        self.get(customer_id)
        now = self.clock.now()
        address = Address(new_id("addr"), self._fields(fields), False, now, now)
        book = self._change(customer_id, lambda b: rules.add_address(b, address, make_default))
        return next(a for a in book if a.id == address.id)

    def update_address(
        self, customer_id: str, address_id: str, fields: Mapping[str, Any], make_default: bool
    ) -> Address:
        now = self.clock.now()

        def change(book: list[Address]) -> list[Address]:
            found = self._find(book, address_id)
            merged = replace(found, fields=self._fields({**found.fields, **fields}), updated_at=now)
            book = [merged if a.id == address_id else a for a in book]
            return rules.set_default(book, address_id) if make_default else book

        return self._find(self._change(customer_id, change), address_id)

    def delete_address(self, customer_id: str, address_id: str) -> None:
        self._change(customer_id, lambda b: rules.remove_address(b, self._find(b, address_id).id))

    @staticmethod
    def _fields(fields: Mapping[str, Any]) -> dict[str, Any]:
        out = {k: fields[k] for k in rules.ADDRESS_FIELDS if fields.get(k) is not None}  # null: left out
        if out.get("phone"):
            try:
                out["phone"] = rules.normalise_phone(str(out["phone"]))
            except ValueError:
                pass  # a landline or extension as given: the carrier's problem, already bounded by the schema
        return out

    @staticmethod
    def _find(book: list[Address], address_id: str) -> Address:
        for address in book:
            if address.id == address_id:
                return address
        raise NotFound("No such address.")

    def _change(self, customer_id: str, change: Callable[[list[Address]], list[Address]]) -> list[Address]:
        for _ in range(ATTEMPTS):
            book, version = self.addresses.get(customer_id)
            updated = change(book)
            if self.addresses.save(customer_id, updated, version):
                return updated
        raise Conflict("The address book changed meanwhile; retry.", code=CommonErrorCode.CONCURRENT_UPDATE)
