"""Notifications: domain events told to the customer (the notifications queue
worker), preferences, and marketing campaigns under a monthly cap.

Each (source, channel) is sent at most once: a send record is put on condition
that none exists before anything goes out, so an event delivered twice (or two
workers at once) sends once. A provider failure marks the record failed and
raises, so the queue retries; the retry takes the failed record over."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import timedelta
from itertools import chain, islice
from typing import Any

from ..domain.clock import Clock, business_date
from ..domain.errors import FieldError, InvalidTransition, NotFound, ValidationFailed
from ..domain.events import Event
from ..domain.ids import new_id
from ..domain.notifications import (
    CAMPAIGN_OUTCOMES,
    CHANNELS,
    FAILED,
    LAST_KEY,
    LOCALES,
    MARKETING,
    SENDING,
    SENT,
    SKIPPED,
    TRANSACTIONAL,
    Campaign,
    CampaignBatch,
    Message,
    Preferences,
    SendRecord,
    Template,
    fields_of,
    month_of,
    outcome_of,
    template_for,
)
from ..domain.settlement import plan_chunks
from .notification_ports import (
    CampaignRepository,
    Channel,
    Contacts,
    Inbox,
    MarketingCaps,
    PreferenceRepository,
    SendLog,
)
from .ports import Metrics, NoMetrics, Page, Position
from .settlement import ChunkQueue

log = logging.getLogger("commerce.notifications")
AUDIENCE_PAGE = 100
BATCH_PAGE = 25  # a campaign batch's customers per checkpoint
HAND_ON_SECONDS = 30.0  # a batch with less time left sends itself on (ADR 0012)
CAP_KEPT = timedelta(days=70)  # a month's counter outlives its month, then DynamoDB deletes it


class ChannelFailed(RuntimeError):
    """A provider refused one or more channels of an event: the message is retried."""


@dataclass(frozen=True)
class NotificationPolicy:
    monthly_marketing_cap: int = 2
    store_timezone: str = "Asia/Shanghai"
    campaign_inline_max: int = 200  # more customers than this: the campaign-batches queue
    campaign_batch_size: int = 100  # customers per batch message


class NotificationService:
    def __init__(
        self,
        send_log: SendLog,
        inbox: Inbox,
        email: Channel,
        sms: Channel,
        preferences: PreferenceRepository,
        caps: MarketingCaps,
        campaigns: CampaignRepository,
        contacts: Contacts,
        clock: Clock,
        policy: NotificationPolicy,
        metrics: Metrics | None = None,
        batch_queue: ChunkQueue | None = None,
    ) -> None:
        self.send_log, self.inbox, self.preferences, self.caps = send_log, inbox, preferences, caps
        self.campaigns, self.contacts, self.clock, self.policy = campaigns, contacts, clock, policy
        self.channels: dict[str, Channel] = {"in_app": inbox, "email": email, "sms": sms}
        self.metrics = metrics or NoMetrics()
        self.batch_queue = batch_queue  # campaign-batches; None: every campaign is sent inline

    # --- transactional: the worker --------------------------------------------------------
    def notify(self, event: Event) -> dict[str, str]:
        """Tell the event's customer, on its template's channels: {channel: outcome}."""
        template = template_for(event.type, event.data)
        customer_id = event.data.get("customer_id")
        if template is None or not isinstance(customer_id, str):
            return {}
        prefs = self.preferences.get(customer_id) or Preferences(customer_id)
        message = template.render(prefs.locale, fields_of(event.type, event.data))
        outcomes: dict[str, str] = {}
        failed: list[str] = []
        for channel in template.channels:
            record = self._record(customer_id, event.id, channel, event.type, TRANSACTIONAL, message)
            try:
                outcomes[channel] = self._deliver(record, self._address(channel, customer_id, prefs), message)
            except Exception:  # noqa: BLE001 - recorded as failed; the others still go, then the retry
                log.warning(
                    "sending %s by %s failed",
                    event.type,
                    channel,
                    exc_info=True,
                    extra={"event": "notification_failed", "event_id": event.id, "channel": channel},
                )
                outcomes[channel] = FAILED
                failed.append(channel)
        if failed:
            raise ChannelFailed(f"{event.type} {event.id}: {', '.join(failed)} failed")
        return outcomes

    def _address(self, channel: str, customer_id: str, prefs: Preferences) -> str | None:
        if channel == "in_app":
            return customer_id
        if channel == "email":
            return self.contacts.email_of(customer_id)
        return prefs.phone

    def _record(
        self, customer_id: str, source_id: str, channel: str, kind: str, category: str, message: Message
    ) -> SendRecord:
        return SendRecord(customer_id, source_id, channel, kind, category, SENDING, self.clock.now(), message.subject)

    def _deliver(self, record: SendRecord, address: str | None, message: Message) -> str:
        if not self.send_log.claim(record):
            return "duplicate"
        if address is None:
            self.send_log.finish(replace(record, status=SKIPPED, reason=f"no_{record.channel}_address"))
            return SKIPPED
        try:
            provider_id = self.channels[record.channel].send(address, message, record)
        except Exception as error:
            self.send_log.finish(replace(record, status=FAILED, reason=f"{type(error).__name__}: {error}"[:300]))
            self.metrics.count("NotificationsFailed", channel=record.channel)
            raise
        self.send_log.finish(replace(record, status=SENT, provider_id=provider_id))
        self.metrics.count("NotificationsSent", channel=record.channel, category=record.category)
        return SENT

    def offer(
        self, customer_id: str, source_id: str, kind: str, template: Template, fields: Mapping[str, Any]
    ) -> dict[str, str]:
        """Tell a customer of an offer made to them alone (a birthday or loyalty coupon,
        ADR 0019): marketing, so only on the channels they consent to; once per
        (``source_id``, channel), like every send. Not counted against the monthly
        campaign cap: it is their own benefit, at most a few a year. {channel: outcome}."""
        prefs = self.preferences_of(customer_id)
        message = template.render(prefs.locale, fields)
        outcomes: dict[str, str] = {}
        for channel in template.channels:
            record = self._record(customer_id, source_id, channel, kind, MARKETING, message)
            if not prefs.allows_marketing(channel):
                if self.send_log.claim(record):
                    self.send_log.finish(replace(record, status=SKIPPED, reason="opted_out"))
                outcomes[channel] = SKIPPED
                continue
            try:
                outcomes[channel] = self._deliver(record, self._address(channel, customer_id, prefs), message)
            except Exception:  # noqa: BLE001 - recorded as failed; the grant stands, the others still go
                outcomes[channel] = FAILED
        return outcomes

    # --- reads --------------------------------------------------------------------------------
    def inbox_of(self, customer_id: str, limit: int, after: Position | None) -> Page:
        return self.inbox.newest(customer_id, limit, after)

    def sends_of(self, customer_id: str, limit: int, after: Position | None) -> Page:
        return self.send_log.for_customer(customer_id, limit, after)

    # --- preferences --------------------------------------------------------------------------
    def preferences_of(self, customer_id: str) -> Preferences:
        return self.preferences.get(customer_id) or Preferences(customer_id)

    def set_preferences(self, customer_id: str, changes: Mapping[str, Any]) -> Preferences:
        current = self.preferences_of(customer_id)
        channels = dict(changes.get("channels") or {})
        locale = changes.get("locale") or current.locale
        if locale not in LOCALES:
            raise ValidationFailed("Unknown locale.", [FieldError("locale", "invalid_choice", " or ".join(LOCALES))])
        updated = replace(
            current,
            marketing=bool(changes.get("marketing", current.marketing)),
            locale=locale,
            phone=changes.get("phone", current.phone),
            updated_at=self.clock.now(),
            email=bool(channels.get("email", current.email)),
            sms=bool(channels.get("sms", current.sms)),
            in_app=bool(channels.get("in_app", current.in_app)),
        )
        self.preferences.save(updated)
        return updated

    # --- campaigns ----------------------------------------------------------------------------
    def create_campaign(self, name: str, message: str, channel: str, segment: str | None, actor: str) -> Campaign:
        if channel not in CHANNELS:
            raise ValidationFailed("Unknown channel.", [FieldError("channel", "invalid_choice", ", ".join(CHANNELS))])
        if segment not in (None, "all"):  # customer segments are not modelled yet: never widen a narrow one
            raise ValidationFailed("Unknown segment.", [FieldError("segment", "invalid_choice", "all (or none)")])
        campaign = Campaign(new_id("cmp"), name, message, channel, segment, "draft", self.clock.now(), actor)
        self.campaigns.add(campaign)
        return campaign

    def get_campaign(self, campaign_id: str) -> Campaign:
        campaign = self.campaigns.get(campaign_id)
        if campaign is None:
            raise NotFound(f"No campaign {campaign_id}.")
        return campaign

    def campaigns_page(self, limit: int, after: Position | None) -> Page:
        return self.campaigns.recent(limit, after)

    def send_campaign(self, campaign_id: str) -> Campaign:
        """Fan the campaign out to every customer with preferences: those who consent
        to marketing on its channel get it unless the month's cap is reached (a
        conditional counter per customer and month, so concurrent campaigns never
        pass it). Once per campaign. Up to the inline maximum the request sends it
        (the campaign comes back ``sent`` with its counts); beyond, the audience is
        split into batches of customer ids for the campaign-batches queue (ADR 0012)
        and the campaign comes back ``sending``."""
        campaign = self.get_campaign(campaign_id)
        if campaign.status != "draft":
            raise InvalidTransition(f"Campaign {campaign_id} is {campaign.status}: it is sent once.")
        audience = self._audience()
        first = list(islice(audience, self.policy.campaign_inline_max + 1))
        if len(first) <= self.policy.campaign_inline_max or self.batch_queue is None:
            return self._send_inline(campaign, chain(first, audience))
        ids = (p.customer_id for p in chain(first, audience))
        batches = plan_chunks(ids, self.policy.campaign_batch_size, LAST_KEY)
        if not self.campaigns.start(campaign_id, len(batches)):
            raise InvalidTransition(f"Campaign {campaign_id} is being sent already: it is sent once.")
        self.batch_queue.send([CampaignBatch(campaign_id, b.number, b.lo, b.hi).message() for b in batches])
        log.info(
            "campaign %s fanned out in %d batches",
            campaign_id,
            len(batches),
            extra={"event": "campaign_fanned_out", "campaign_id": campaign_id, "batches": len(batches)},
        )
        zero = dict.fromkeys(CAMPAIGN_OUTCOMES, 0)
        return replace(campaign, status="sending", result=zero, batches=len(batches))

    def _audience(self) -> Iterator[Preferences]:
        after: Position | None = None
        while True:
            page = self.preferences.audience(AUDIENCE_PAGE, after)
            yield from page.items
            after = page.next_position
            if after is None:
                return

    def _send_inline(self, campaign: Campaign, audience: Iterable[Preferences]) -> Campaign:
        if not self.campaigns.start(campaign.id):
            raise InvalidTransition(f"Campaign {campaign.id} is being sent already: it is sent once.")
        counts = dict.fromkeys(CAMPAIGN_OUTCOMES, 0)
        message = Message(campaign.name, campaign.message)
        month = month_of(business_date(self.clock.now(), self.policy.store_timezone))
        for prefs in audience:
            counts[self._market(campaign, prefs, message, month)] += 1
        sent = replace(campaign, status="sent", result=dict(counts), sent_at=self.clock.now())
        self.campaigns.finish(sent)
        log.info(
            "campaign %s sent: %s",
            campaign.id,
            counts,
            extra={"event": "campaign_sent", "campaign_id": campaign.id, **counts},
        )
        return sent

    def run_campaign_batch(self, batch: CampaignBatch, seconds_left: Callable[[], float]) -> tuple[str, dict[str, int]]:
        """The campaign-batches worker: the batch's customers a page at a time from
        its checkpoint; each page's counts go onto the campaign with the checkpoint,
        once. A customer's send is claimed per (campaign, customer) before anything
        goes out, so a page done again (a crash before its checkpoint, a duplicate
        message) sends nobody twice and counts each customer by what was recorded.
        The last batch done marks the campaign sent."""
        campaign = self.get_campaign(batch.campaign_id)
        state = self.campaigns.batch(batch.campaign_id, batch.number)
        totals = dict.fromkeys(CAMPAIGN_OUTCOMES, 0)
        if state is not None and state.done:
            self._close(campaign.id)
            return "duplicate", totals
        after = state.checkpoint if state is not None else None
        message = Message(campaign.name, campaign.message)
        while True:
            page = self.preferences.audience_between(batch.lo, batch.hi, after, BATCH_PAGE)
            if not page:
                break
            month = month_of(business_date(self.clock.now(), self.policy.store_timezone))
            counts = dict.fromkeys(CAMPAIGN_OUTCOMES, 0)
            for prefs in page:
                counts[self._market(campaign, prefs, message, month)] += 1
            after = page[-1].customer_id
            if self.campaigns.checkpoint(campaign.id, batch.number, after, counts):
                totals = {k: totals[k] + counts[k] for k in totals}
            if len(page) < BATCH_PAGE:
                break
            if seconds_left() < HAND_ON_SECONDS and self.batch_queue is not None:
                self.batch_queue.send([batch.message()])  # the next delivery resumes from the checkpoint
                return "handed_on", totals
        self.campaigns.finish_batch(campaign.id, batch.number)
        self._close(campaign.id)
        return "done", totals

    def _close(self, campaign_id: str) -> None:
        if self.campaigns.close(campaign_id, self.clock.now()):
            done = self.get_campaign(campaign_id)
            log.info(
                "campaign %s sent: %s",
                campaign_id,
                done.result,
                extra={"event": "campaign_sent", "campaign_id": campaign_id, **(done.result or {})},
            )

    def _market(self, campaign: Campaign, prefs: Preferences, message: Message, month: str) -> str:
        customer_id, channel = prefs.customer_id, campaign.channel
        record = self._record(customer_id, campaign.id, channel, "campaign", MARKETING, message)
        if not self.send_log.claim(record):  # sent (or skipped) already: counted by what happened
            found = self.send_log.get(customer_id, campaign.id, channel)
            return outcome_of(found) if found is not None else FAILED
        if not prefs.allows_marketing(channel):
            self.send_log.finish(replace(record, status=SKIPPED, reason="opted_out"))
            return "opted_out"
        address = self._address(channel, customer_id, prefs)
        if address is None:
            self.send_log.finish(replace(record, status=SKIPPED, reason=f"no_{channel}_address"))
            return "opted_out"
        if not self.caps.take(customer_id, month, self.policy.monthly_marketing_cap, self.clock.now() + CAP_KEPT):
            self.send_log.finish(replace(record, status=SKIPPED, reason="monthly_cap"))
            return "capped"
        try:
            provider_id = self.channels[channel].send(address, message, record)
        except Exception as error:  # noqa: BLE001 - one customer's failure does not stop the campaign
            self.caps.give_back(customer_id, month)
            self.send_log.finish(replace(record, status=FAILED, reason=f"{type(error).__name__}: {error}"[:300]))
            return FAILED
        self.send_log.finish(replace(record, status=SENT, provider_id=provider_id))
        self.metrics.count("NotificationsSent", channel=channel, category=MARKETING)
        return SENT
