"""DynamoDB: notification preferences, send records, the in-app inbox and the monthly
marketing counters (docs/data-model.md, "Notifications"); campaigns are in campaigns.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.attributes import UTCDateTimeAttribute as Moment
from pynamodb.exceptions import DoesNotExist, PutError, UpdateError

from ...domain.errors import NotFound
from ...domain.notifications import DEFAULT_LOCALE, FAILED, InboxEntry, Message, Preferences, SendRecord
from ...domain.profiles import Profile, consent_change
from ...services.ports import Page, Position
from . import keys, transact
from .customer_models import NotificationPreferencesItem
from .models import Item
from .paging import BASE_KEYS, GSI1_KEYS, query_page


class NotificationSendItem(Item, discriminator="NotificationSend"):
    customer_id = UnicodeAttribute()
    source_id = UnicodeAttribute()
    channel = UnicodeAttribute()
    kind = UnicodeAttribute()
    category = UnicodeAttribute()
    status = UnicodeAttribute()  # sending | sent | skipped | failed
    subject = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)
    provider_id = UnicodeAttribute(null=True)
    created_at = Moment()


class InboxItem(Item, discriminator="InboxMessage"):
    customer_id = UnicodeAttribute()
    source_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    subject = UnicodeAttribute()
    body = UnicodeAttribute()
    created_at = Moment()


class MarketingCapItem(Item, discriminator="MarketingCap"):
    """Marketing messages sent to one customer in one calendar month: only ADDed to
    on condition it stays at or under the cap; DynamoDB deletes it by ``expires_at``."""

    sent = NumberAttribute(default=0)
    expires_at = TTLAttribute(null=True)


class CustomerContacts:
    """Where e-mail goes: the address on the customer profile (none once erased)."""

    def email_of(self, customer_id: str) -> str | None:
        from .profiles import DynamoProfiles

        profile = DynamoProfiles().get(customer_id)
        return profile.email if profile is not None else None


# --- preferences ------------------------------------------------------------------------------
def _preferences(item: NotificationPreferencesItem | None, profile: Profile | None, customer_id: str) -> Preferences:
    """The channels from the preferences item; locale, phone and consent from the profile
    (the only source), falling back to what an item written before the profile held."""
    channels = dict(item.channels or {}) if item is not None else {}
    legacy = item if item is not None and profile is None else None
    return Preferences(
        customer_id,
        profile.marketing.granted if profile is not None else bool(legacy and legacy.marketing),
        email=bool(channels.get("email", True)),
        sms=bool(channels.get("sms", True)),
        in_app=bool(channels.get("in_app", True)),
        locale=profile.locale if profile is not None else (legacy and legacy.locale) or DEFAULT_LOCALE,
        phone=profile.phone if profile is not None else (legacy.phone if legacy else None),
        updated_at=_latest(item.updated_at if item else None, profile.updated_at if profile else None),
    )


def _latest(*moments: datetime | None) -> datetime | None:
    present = [m for m in moments if m is not None]
    return max(present) if present else None


class DynamoPreferences:
    """Preferences as the notification service sees them: the channels item joined with
    the customer profile, which keeps locale, phone and marketing consent (ADR 0017)."""

    def get(self, customer_id: str) -> Preferences | None:
        from .profiles import DynamoProfiles

        try:
            item: NotificationPreferencesItem | None = NotificationPreferencesItem.get(
                *keys.notify_preferences(customer_id), consistent_read=True
            )
        except DoesNotExist:
            item = None
        profile = DynamoProfiles().get(customer_id)
        if item is None and profile is None:
            return None
        return _preferences(item, profile, customer_id)

    def save(self, preferences: Preferences) -> None:
        """Channels on the preferences item; locale, phone and consent (source
        ``preferences`` when it changes) on the profile."""
        from .profiles import DynamoProfiles

        profiles = DynamoProfiles()
        profile = profiles.get(preferences.customer_id)
        if profile is None:
            raise NotFound("No such customer.")
        at = preferences.updated_at or profile.updated_at
        consent = profile.marketing
        if at is not None:
            consent = consent_change(consent, preferences.marketing, "preferences", at)
        NotificationPreferencesItem(
            *keys.notify_preferences(preferences.customer_id),
            customer_id=preferences.customer_id,
            channels=preferences.channels(),
            updated_at=preferences.updated_at,
            GSI1PK=keys.NOTIFY_AUDIENCE_GSI1PK,
            GSI1SK=preferences.customer_id,
        ).save()
        profiles.save(
            replace(profile, locale=preferences.locale, phone=preferences.phone, marketing=consent, updated_at=at)
        )

    def audience(self, limit: int, after: Position | None) -> Page:
        """Every customer with a preferences item, with consent from their profiles (one batch read a page)."""
        page = query_page(keys.NOTIFY_AUDIENCE_GSI1PK, "GSI1", GSI1_KEYS, limit, after)
        return Page(_joined(page.items), page.next_position)

    def audience_between(self, lo: str, hi: str, after: str | None, limit: int) -> list[Preferences]:
        """Customer ids in ``[lo, hi)`` after ``after``, ascending (GSI1, eventually
        consistent: a customer saved a moment ago may be missed, never one read twice),
        with consent from their profiles."""
        start = max(lo, after + "\x00") if after is not None else lo
        if start >= hi:
            return []
        found = NotificationPreferencesItem.gsi1.query(
            keys.NOTIFY_AUDIENCE_GSI1PK,
            NotificationPreferencesItem.GSI1SK.between(start, hi),
            limit=limit + 1,
            page_size=limit + 1,
        )
        return _joined([i for i in found if str(i.GSI1SK) < hi][:limit])


def _joined(items: list[NotificationPreferencesItem]) -> list[Preferences]:
    """Preferences items joined with their customers' profiles (one batch read); an
    erased customer's profile is left out, so they read as having given no consent."""
    from .customer_models import CustomerItem
    from .profiles import profile_of

    ids = {i.customer_id for i in items}
    profiles: dict[str, Profile] = {}
    if ids:
        for found in CustomerItem.batch_get([keys.customer(i) for i in ids]):
            if found.erased_at is None:
                profiles[found.id] = profile_of(found)
    return [_preferences(i, profiles.get(i.customer_id), i.customer_id) for i in items]


# --- send records -----------------------------------------------------------------------------
def _send_item(record: SendRecord) -> NotificationSendItem:
    return NotificationSendItem(
        *keys.notify_send(record.customer_id, record.source_id, record.channel),
        customer_id=record.customer_id,
        source_id=record.source_id,
        channel=record.channel,
        kind=record.kind,
        category=record.category,
        status=record.status,
        subject=record.subject or None,
        reason=record.reason,
        provider_id=record.provider_id,
        created_at=record.created_at,
        GSI1PK=keys.notify_sends(record.customer_id),
        GSI1SK=f"{keys.iso_key(record.created_at)}#{record.source_id}#{record.channel}",
    )


def _send_record(item: NotificationSendItem) -> SendRecord:
    return SendRecord(
        item.customer_id,
        item.source_id,
        item.channel,
        item.kind,
        item.category,
        item.status,
        item.created_at,
        item.subject or "",
        item.reason,
        item.provider_id,
    )


class DynamoSendLog:
    def claim(self, record: SendRecord) -> bool:
        """Put the record (status sending) unless one exists for this source and
        channel; a failed one is taken over (its retry)."""
        condition = NotificationSendItem.PK.does_not_exist() | (NotificationSendItem.status == FAILED)
        try:
            _send_item(record).save(condition=condition)
        except PutError as error:
            if transact.put_refused(error):
                return False
            raise
        return True

    def finish(self, record: SendRecord) -> None:
        _send_item(record).save()

    def get(self, customer_id: str, source_id: str, channel: str) -> SendRecord | None:
        try:
            item = NotificationSendItem.get(*keys.notify_send(customer_id, source_id, channel), consistent_read=True)
        except DoesNotExist:
            return None
        return _send_record(item)

    def for_customer(self, customer_id: str, limit: int, after: Position | None) -> Page:
        page = query_page(keys.notify_sends(customer_id), "GSI1", GSI1_KEYS, limit, after, forward=False)
        return Page([_send_record(i) for i in page.items], page.next_position)


# --- inbox ------------------------------------------------------------------------------------
class DynamoInbox:
    """The in-app channel: a message is an item in the customer's partition, read newest first."""

    def send(self, address: str, message: Message, record: SendRecord) -> str:
        pk, sk = keys.inbox_entry(address, record.created_at, record.source_id)
        InboxItem(
            pk,
            sk,
            customer_id=address,
            source_id=record.source_id,
            kind=record.kind,
            subject=message.subject,
            body=message.body,
            created_at=record.created_at,
        ).save()
        return sk.removeprefix(keys.INBOX_PREFIX)

    def newest(self, customer_id: str, limit: int, after: Position | None) -> Page:
        page = query_page(
            keys.notify_partition(customer_id),
            None,
            BASE_KEYS,
            limit,
            after,
            forward=False,
            range_key_condition=Item.SK.startswith(keys.INBOX_PREFIX),
        )
        return Page(
            [InboxEntry(i.customer_id, i.source_id, i.kind, i.subject, i.body, i.created_at) for i in page.items],
            page.next_position,
        )


# --- the monthly marketing cap ----------------------------------------------------------------
class DynamoMarketingCaps:
    def take(self, customer_id: str, month: str, cap: int, expires_at: datetime) -> bool:
        item = MarketingCapItem(*keys.notify_cap(customer_id, month))
        try:
            item.update(
                actions=[
                    MarketingCapItem.sent.add(1),
                    MarketingCapItem.expires_at.set(expires_at),
                    MarketingCapItem.type.set(MarketingCapItem),
                ],
                condition=MarketingCapItem.sent.does_not_exist() | (MarketingCapItem.sent < cap),
            )
        except UpdateError as error:
            if transact.put_refused(error):
                return False
            raise
        return True

    def give_back(self, customer_id: str, month: str) -> None:
        item = MarketingCapItem(*keys.notify_cap(customer_id, month))
        try:
            item.update(actions=[MarketingCapItem.sent.add(-1)], condition=MarketingCapItem.sent > 0)
        except UpdateError as error:
            if not transact.put_refused(error):
                raise
