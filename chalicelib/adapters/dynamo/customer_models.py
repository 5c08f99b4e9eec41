"""The customer's items: the account with its profile, the e-mail pointer, the address
book and the notification channels (docs/data-model.md, "Customers"). Apart from
models.py, which is at its size cap."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)

from .models import Item


class CustomerItem(Item, discriminator="Customer"):
    """The account and the profile: the one source of a customer's phone, birthday,
    locale and marketing consent (ADR 0017). Erased: the personal fields are blanked
    and ``erased_at`` set; tokens issued up to ``tokens_revoked_at`` are refused."""

    id = UnicodeAttribute()
    email = UnicodeAttribute()
    name = UnicodeAttribute()
    password_hash = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    phone = UnicodeAttribute(null=True)
    birthday = UnicodeAttribute(null=True)  # ISO date
    locale = UnicodeAttribute(null=True)
    marketing = JSONAttribute(null=True)  # {"granted": bool, "at": iso, "source": str}
    updated_at = UTCDateTimeAttribute(null=True)
    erased_at = UTCDateTimeAttribute(null=True)
    tokens_revoked_at = NumberAttribute(null=True)  # epoch seconds


class NotificationPreferencesItem(Item, discriminator="NotificationPreferences"):
    """The channels, and membership of the campaign audience (GSI1). Locale, phone and
    marketing consent live on the customer profile (ADR 0017): ``marketing``, ``locale``
    and ``phone`` here are read only from items written before, never written."""

    customer_id = UnicodeAttribute()
    marketing = BooleanAttribute(null=True)
    channels = JSONAttribute()  # {"in_app": bool, "email": bool, "sms": bool}
    locale = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    updated_at = UTCDateTimeAttribute(null=True)


class AddressBookItem(Item, discriminator="AddressBook"):
    """A customer's address book, one item (at most 20 addresses), versioned so a
    default moves atomically."""

    customer_id = UnicodeAttribute()
    addresses = JSONAttribute(default=list)
    version = VersionAttribute()


class CustomerEmailItem(Item, discriminator="CustomerEmail"):
    customer_id = UnicodeAttribute()
