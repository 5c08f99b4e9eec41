"""The ports of notifications (services/notifications.py): the channels a message
goes out on, the record of sends, the inbox, preferences, the marketing cap and
campaigns. Adapters: adapters/messaging.py (SES, SNS) and
adapters/dynamo/notifications.py."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from ..domain.notifications import Campaign, Message, Preferences, SendRecord
from .ports import Page, Position


class Channel(Protocol):
    """One way to reach a customer. ``send`` returns the provider's message id;
    it raises when the provider refuses (the send is retried)."""

    def send(self, address: str, message: Message, record: SendRecord) -> str: ...


class SendLog(Protocol):
    def claim(self, record: SendRecord) -> bool: ...  # False: this (source, channel) was claimed already
    def finish(self, record: SendRecord) -> None: ...  # the claimed record's outcome
    def for_customer(self, customer_id: str, limit: int, after: Position | None) -> Page: ...


class Inbox(Channel, Protocol):
    """The in-app channel: ``send`` puts the message in the customer's inbox."""

    def newest(self, customer_id: str, limit: int, after: Position | None) -> Page: ...


class PreferenceRepository(Protocol):
    def get(self, customer_id: str) -> Preferences | None: ...
    def save(self, preferences: Preferences) -> None: ...
    def audience(self, limit: int, after: Position | None) -> Page: ...  # every customer with preferences


class MarketingCaps(Protocol):
    def take(self, customer_id: str, month: str, cap: int, expires_at: datetime) -> bool: ...  # False: at the cap
    def give_back(self, customer_id: str, month: str) -> None: ...


class CampaignRepository(Protocol):
    def add(self, campaign: Campaign) -> None: ...
    def get(self, campaign_id: str) -> Campaign | None: ...
    def start(self, campaign_id: str) -> bool: ...  # draft -> sending; False when it is not a draft
    def finish(self, campaign: Campaign) -> None: ...


class Contacts(Protocol):
    def email_of(self, customer_id: str) -> str | None: ...
