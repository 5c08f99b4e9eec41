"""In-memory fakes of the notification ports (services/notification_ports.py),
with the same once-only and cap rules as the DynamoDB adapters."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime

from chalicelib.domain.notifications import (
    CAMPAIGN_OUTCOMES,
    FAILED,
    Campaign,
    CampaignBatch,
    InboxEntry,
    Message,
    Preferences,
    SendRecord,
)
from chalicelib.services.ports import Page, Position

from .fakes import paginate


class FakeChannel:
    """Records what it sent; ``fail`` makes it refuse (a provider outage)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, Message, SendRecord]] = []
        self.fail = False

    def send(self, address: str, message: Message, record: SendRecord) -> str:
        if self.fail:
            raise RuntimeError("provider refused")
        self.sent.append((address, message, record))
        return f"msg-{len(self.sent)}"


class FakeInbox(FakeChannel):
    def newest(self, customer_id: str, limit: int, after: Position | None) -> Page:
        entries = [
            InboxEntry(a, r.source_id, r.kind, m.subject, m.body, r.created_at)
            for a, m, r in self.sent
            if a == customer_id
        ]
        return paginate(
            entries, lambda e: (e.created_at.isoformat(), e.source_id), descending=True, limit=limit, after=after
        )


class FakeSendLog:
    def __init__(self) -> None:
        self.records: dict[tuple[str, str, str], SendRecord] = {}
        self._lock = threading.Lock()

    def claim(self, record: SendRecord) -> bool:
        key = (record.customer_id, record.source_id, record.channel)
        with self._lock:
            found = self.records.get(key)
            if found is not None and found.status != FAILED:
                return False
            self.records[key] = record
            return True

    def finish(self, record: SendRecord) -> None:
        self.records[(record.customer_id, record.source_id, record.channel)] = record

    def get(self, customer_id: str, source_id: str, channel: str) -> SendRecord | None:
        return self.records.get((customer_id, source_id, channel))

    def for_customer(self, customer_id: str, limit: int, after: Position | None) -> Page:
        mine = [r for r in self.records.values() if r.customer_id == customer_id]
        return paginate(
            mine,
            lambda r: (r.created_at.isoformat(), r.source_id, r.channel),
            descending=True,
            limit=limit,
            after=after,
        )


class FakePreferences:
    def __init__(self) -> None:
        self.by_customer: dict[str, Preferences] = {}

    def get(self, customer_id: str) -> Preferences | None:
        return self.by_customer.get(customer_id)

    def save(self, preferences: Preferences) -> None:
        self.by_customer[preferences.customer_id] = preferences

    def audience(self, limit: int, after: Position | None) -> Page:
        return paginate(
            self.by_customer.values(), lambda p: (p.customer_id,), descending=False, limit=limit, after=after
        )

    def audience_between(self, lo: str, hi: str, after: str | None, limit: int) -> list[Preferences]:
        ids = sorted(i for i in self.by_customer if lo <= i < hi and (after is None or i > after))
        return [self.by_customer[i] for i in ids[:limit]]


class FakeCaps:
    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()

    def take(self, customer_id: str, month: str, cap: int, expires_at: datetime) -> bool:
        with self._lock:
            count = self.counts.get((customer_id, month), 0)
            if count >= cap:
                return False
            self.counts[(customer_id, month)] = count + 1
            return True

    def give_back(self, customer_id: str, month: str) -> None:
        with self._lock:
            self.counts[(customer_id, month)] = max(0, self.counts.get((customer_id, month), 0) - 1)


class FakeCampaigns:
    def __init__(self) -> None:
        self.by_id: dict[str, Campaign] = {}
        self.batches: dict[tuple[str, int], CampaignBatch] = {}
        self._lock = threading.Lock()

    def add(self, campaign: Campaign) -> None:
        self.by_id[campaign.id] = campaign

    def get(self, campaign_id: str) -> Campaign | None:
        return self.by_id.get(campaign_id)

    def start(self, campaign_id: str, batches: int = 0) -> bool:
        with self._lock:
            found = self.by_id.get(campaign_id)
            if found is None or found.status != "draft":
                return False
            zero = dict.fromkeys(CAMPAIGN_OUTCOMES, 0)
            self.by_id[campaign_id] = replace(found, status="sending", result=zero, batches=batches, batches_done=0)
            return True

    def finish(self, campaign: Campaign) -> None:
        self.by_id[campaign.id] = campaign

    def recent(self, limit: int, after: Position | None) -> Page:
        return paginate(
            self.by_id.values(), lambda c: (c.created_at.isoformat(), c.id), descending=True, limit=limit, after=after
        )

    def batch(self, campaign_id: str, number: int) -> CampaignBatch | None:
        return self.batches.get((campaign_id, number))

    def checkpoint(self, campaign_id: str, number: int, key: str, counts: dict[str, int]) -> bool:
        with self._lock:
            found = self.batches.get((campaign_id, number)) or CampaignBatch(campaign_id, number, "", "")
            if found.checkpoint is not None and found.checkpoint >= key:
                return False
            self.batches[(campaign_id, number)] = replace(found, checkpoint=key)
            campaign = self.by_id[campaign_id]
            result = {k: (campaign.result or {}).get(k, 0) + counts.get(k, 0) for k in CAMPAIGN_OUTCOMES}
            self.by_id[campaign_id] = replace(campaign, result=result)
            return True

    def finish_batch(self, campaign_id: str, number: int) -> bool:
        with self._lock:
            found = self.batches.get((campaign_id, number)) or CampaignBatch(campaign_id, number, "", "")
            if found.done:
                return False
            self.batches[(campaign_id, number)] = replace(found, done=True)
            campaign = self.by_id[campaign_id]
            self.by_id[campaign_id] = replace(campaign, batches_done=campaign.batches_done + 1)
            return True

    def close(self, campaign_id: str, at: datetime) -> bool:
        with self._lock:
            c = self.by_id[campaign_id]
            if c.status != "sending" or c.batches == 0 or c.batches_done < c.batches:
                return False
            self.by_id[campaign_id] = replace(c, status="sent", sent_at=at)
            return True


class FakeContacts:
    def __init__(self, emails: dict[str, str] | None = None) -> None:
        self.emails = dict(emails or {})

    def email_of(self, customer_id: str) -> str | None:
        return self.emails.get(customer_id)
