"""DynamoDB: the customer profile (on the account item), the address book (one
versioned item) and token revocation (docs/data-model.md, "Customers")."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from pynamodb.exceptions import DoesNotExist, PutError, UpdateError

from ...domain.errors import NotFound
from ...domain.profiles import DEFAULT_LOCALE, Address, Consent, Profile
from . import keys, transact
from .customer_models import AddressBookItem, CustomerItem, NotificationPreferencesItem


def consent_out(consent: Consent) -> dict[str, Any]:
    return {
        "granted": consent.granted,
        "at": consent.at.isoformat() if consent.at else None,
        "source": consent.source,
    }


def consent_in(raw: Any) -> Consent:
    if not isinstance(raw, dict):
        return Consent()
    at = raw.get("at")
    return Consent(bool(raw.get("granted")), datetime.fromisoformat(at) if at else None, raw.get("source"))


def profile_of(item: CustomerItem) -> Profile:
    return Profile(
        customer_id=item.id,
        email=item.email,
        name=item.name,
        created_at=item.created_at,
        phone=item.phone,
        birthday=date.fromisoformat(item.birthday) if item.birthday else None,
        locale=item.locale or DEFAULT_LOCALE,
        marketing=consent_in(item.marketing),
        updated_at=item.updated_at,
        erased_at=item.erased_at,
    )


def read_customer(customer_id: str) -> CustomerItem | None:
    try:
        return CustomerItem.get(*keys.customer(customer_id), consistent_read=True)
    except DoesNotExist:
        return None


class DynamoProfiles:
    def get(self, customer_id: str) -> Profile | None:
        item = read_customer(customer_id)
        if item is None or item.erased_at is not None:
            return None
        return profile_of(item)

    def save(self, profile: Profile) -> None:
        """The profile's own fields (never the e-mail or password), on the live account only.
        Consent to marketing puts the customer in the campaign audience (notifications)."""
        from .crm import search_keys
        from .targeting import birthday_keys

        item = CustomerItem(*keys.customer(profile.customer_id))
        by_name = search_keys(profile.email, profile.name, profile.customer_id)  # the staff's name search
        by_day = birthday_keys(profile.birthday, profile.customer_id)  # the birthday coupons' index (ADR 0019)
        try:
            item.update(
                actions=[
                    CustomerItem.name.set(profile.name),
                    CustomerItem.GSI2PK.set(by_name["GSI2PK"]),
                    CustomerItem.GSI2SK.set(by_name["GSI2SK"]),
                    CustomerItem.phone.set(profile.phone) if profile.phone else CustomerItem.phone.remove(),
                    CustomerItem.birthday.set(profile.birthday.isoformat())
                    if profile.birthday
                    else CustomerItem.birthday.remove(),
                    CustomerItem.GSI5PK.set(by_day["GSI5PK"]) if by_day else CustomerItem.GSI5PK.remove(),
                    CustomerItem.GSI5SK.set(by_day["GSI5SK"]) if by_day else CustomerItem.GSI5SK.remove(),
                    CustomerItem.locale.set(profile.locale),
                    CustomerItem.marketing.set(consent_out(profile.marketing)),
                    CustomerItem.updated_at.set(profile.updated_at or profile.created_at),
                ],
                condition=CustomerItem.PK.exists() & CustomerItem.erased_at.does_not_exist(),
            )
        except UpdateError as error:
            if transact.put_refused(error):
                raise NotFound("No such customer.") from error
            raise
        if profile.marketing.granted:
            join_audience(profile.customer_id)


def join_audience(customer_id: str) -> None:
    """A preferences item (all channels on) unless there is one: the campaign audience index."""
    try:
        NotificationPreferencesItem(
            *keys.notify_preferences(customer_id),
            customer_id=customer_id,
            channels={"in_app": True, "email": True, "sms": True},
            GSI1PK=keys.NOTIFY_AUDIENCE_GSI1PK,
            GSI1SK=customer_id,
        ).save(condition=NotificationPreferencesItem.PK.does_not_exist())
    except PutError as error:
        if not transact.put_refused(error):
            raise


# --- the address book -------------------------------------------------------------------------
def _address_out(a: Address) -> dict[str, Any]:
    return {
        "id": a.id,
        "fields": a.fields,
        "is_default": a.is_default,
        "created_at": a.created_at.isoformat(),
        "updated_at": a.updated_at.isoformat(),
    }


def _address_in(raw: dict[str, Any]) -> Address:
    return Address(
        raw["id"],
        dict(raw["fields"]),
        bool(raw["is_default"]),
        datetime.fromisoformat(raw["created_at"]),
        datetime.fromisoformat(raw["updated_at"]),
    )


class DynamoAddressBook:
    def get(self, customer_id: str) -> tuple[list[Address], int | None]:
        """The addresses, oldest first, and the item's version (None: no book yet)."""
        try:
            item = AddressBookItem.get(*keys.address_book(customer_id), consistent_read=True)
        except DoesNotExist:
            return [], None
        return [_address_in(a) for a in item.addresses or []], item.version

    def save(self, customer_id: str, book: list[Address], version: int | None) -> bool:
        """Replace the book if it is still at ``version``: False when another write came first."""
        item = AddressBookItem(
            *keys.address_book(customer_id),
            customer_id=customer_id,
            addresses=[_address_out(a) for a in book],
        )
        if version is not None:
            item.version = version
        try:
            item.save()
        except PutError as error:
            if transact.put_refused(error):
                return False
            raise
        return True


# --- token revocation -------------------------------------------------------------------------
REVOCATION_CACHE_SECONDS = 30.0  # how stale a "not revoked" answer may be on another warm process
REVOCATION_CACHE_SIZE = 10_000

# customer id -> (revoked up to, when read): process-wide, so an erasure in this process is seen at once.
_revocations: dict[str, tuple[int | None, float]] = {}


def forget_revocation(customer_id: str) -> None:
    _revocations.pop(customer_id, None)


class DynamoTokenRevocations:
    """When a customer's tokens were revoked, read at most every REVOCATION_CACHE_SECONDS per
    process (ADR 0017): a Bearer request costs no read while the answer is fresh, and an
    erasure takes effect at once here and within that bound everywhere else."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock

    def revoked_up_to(self, customer_id: str) -> int | None:
        now = self.clock()
        cached = _revocations.get(customer_id)
        if cached is not None and now - cached[1] < REVOCATION_CACHE_SECONDS:
            return cached[0]
        value = self._read(customer_id)
        if len(_revocations) >= REVOCATION_CACHE_SIZE:
            _revocations.clear()
        _revocations[customer_id] = (value, now)
        return value

    @staticmethod
    def _read(customer_id: str) -> int | None:
        try:
            item = CustomerItem.get(
                *keys.customer(customer_id), consistent_read=True, attributes_to_get=["type", "tokens_revoked_at"]
            )
        except DoesNotExist:
            return None
        return int(item.tokens_revoked_at) if item.tokens_revoked_at is not None else None
