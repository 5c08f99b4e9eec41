"""Ports of the customer profile, the address book and erasure."""

from __future__ import annotations

from typing import Any, Protocol

from ..domain.profiles import Address, Profile


class ProfileRepository(Protocol):
    def get(self, customer_id: str) -> Profile | None: ...  # None: no such customer, or erased
    def save(self, profile: Profile) -> None: ...  # NotFound when the account is gone or erased


class AddressBookRepository(Protocol):
    def get(self, customer_id: str) -> tuple[list[Address], int | None]: ...
    def save(self, customer_id: str, book: list[Address], version: int | None) -> bool: ...  # False: lost a race


class TokenRevocations(Protocol):
    def revoked_up_to(self, customer_id: str) -> int | None: ...


class PersonalData(Protocol):
    """Everything stored about one customer: the export, and the erasure."""

    def export(self, customer_id: str) -> dict[str, Any]: ...
    def erase(self, customer_id: str, erased_at: Any) -> dict[str, int]: ...  # item kind -> items changed
