"""The ports of notifications (services/notifications.py): the channels a message
goes out on, the record of sends, the inbox, preferences, the marketing cap and
campaigns. Adapters: adapters/messaging.py (SES, SNS) and
adapters/dynamo/notifications.py."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from ..domain.notifications import Campaign, CampaignBatch, Message, Preferences, SendRecord
from .ports import Page, Position


class Channel(Protocol):
    """One way to reach a customer. ``send`` returns the provider's message id;
    it raises when the provider refuses (the send is retried)."""

    def send(self, address: str, message: Message, record: SendRecord) -> str: ...


class SendLog(Protocol):
    def claim(self, record: SendRecord) -> bool: ...  # False: this (source, channel) was claimed already
    def finish(self, record: SendRecord) -> None: ...  # the claimed record's outcome
    def for_customer(self, customer_id: str, limit: int, after: Position | None) -> Page: ...
    def get(self, customer_id: str, source_id: str, channel: str) -> SendRecord | None: ...


class Inbox(Channel, Protocol):
    """The in-app channel: ``send`` puts the message in the customer's inbox."""

    def newest(self, customer_id: str, limit: int, after: Position | None) -> Page: ...


class PreferenceRepository(Protocol):
    def get(self, customer_id: str) -> Preferences | None: ...
    def save(self, preferences: Preferences) -> None: ...
    def audience(self, limit: int, after: Position | None) -> Page: ...  # every customer with preferences
    # The audience with ids in [lo, hi) after ``after``, ascending: a campaign batch's page.
    def audience_between(self, lo: str, hi: str, after: str | None, limit: int) -> list[Preferences]: ...


class MarketingCaps(Protocol):
    def take(self, customer_id: str, month: str, cap: int, expires_at: datetime) -> bool: ...  # False: at the cap
    def give_back(self, customer_id: str, month: str) -> None: ...


class CampaignRepository(Protocol):
    def add(self, campaign: Campaign) -> None: ...
    def get(self, campaign_id: str) -> Campaign | None: ...
    # draft -> sending (with the number of batch messages when fanned out); False when not a draft
    def start(self, campaign_id: str, batches: int = 0) -> bool: ...
    def finish(self, campaign: Campaign) -> None: ...  # an inline send's counts, status sent
    def recent(self, limit: int, after: Position | None) -> Page: ...  # newest first
    # A fanned-out campaign's batches (ADR 0012): where a batch got to, and its progress.
    def batch(self, campaign_id: str, number: int) -> CampaignBatch | None: ...
    # The page's counts added to the campaign, once: False when the checkpoint was at or past ``key``.
    def checkpoint(self, campaign_id: str, number: int, key: str, counts: dict[str, int]) -> bool: ...
    def finish_batch(self, campaign_id: str, number: int) -> bool: ...  # False: it was done already
    def close(self, campaign_id: str, at: datetime) -> bool: ...  # sending -> sent once every batch is done


class Contacts(Protocol):
    def email_of(self, customer_id: str) -> str | None: ...
