"""Notifications with fakes: templates by locale, once per (event, channel),
transactional always, marketing by consent and under the monthly cap."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

import pytest

from chalicelib.domain.clock import FixedClock
from chalicelib.domain.errors import InvalidTransition, ValidationFailed
from chalicelib.domain.events import new_event
from chalicelib.domain.notifications import DIRECT_KINDS, NOTIFYING_EVENTS, TEMPLATES, Preferences, template_for
from chalicelib.services.notifications import ChannelFailed, NotificationPolicy, NotificationService

from .notification_fakes import (
    FakeCampaigns,
    FakeCaps,
    FakeChannel,
    FakeContacts,
    FakeInbox,
    FakePreferences,
    FakeSendLog,
)

T0 = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)


class FakeQueue:
    """The campaign-batches queue: what was sent, in order."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    def send(self, messages: list[dict[str, Any]]) -> None:
        self.messages.extend(messages)


class Harness:
    def __init__(self, cap: int = 2, **policy: int) -> None:
        self.log, self.inbox, self.email, self.sms = FakeSendLog(), FakeInbox(), FakeChannel(), FakeChannel()
        self.prefs, self.caps, self.campaigns = FakePreferences(), FakeCaps(), FakeCampaigns()
        self.contacts = FakeContacts({"cus_1": "one@example.com", "cus_2": "two@example.com"})
        self.queue = FakeQueue()
        self.service = NotificationService(
            self.log,
            self.inbox,
            self.email,
            self.sms,
            self.prefs,
            self.caps,
            self.campaigns,
            self.contacts,
            FixedClock(T0),
            NotificationPolicy(monthly_marketing_cap=cap, **policy),
            batch_queue=self.queue,
        )


def paid(customer_id: str = "cus_1") -> object:
    data = {"order_id": "ord_1", "customer_id": customer_id, "total": {"amount": 9900, "currency": "CNY"}}
    return new_event("order.paid", data, T0)


def test_an_event_is_told_once_per_channel_even_when_delivered_twice():
    h = Harness()
    event = paid()
    assert h.service.notify(event) == {"in_app": "sent", "email": "sent"}
    assert h.service.notify(event) == {"in_app": "duplicate", "email": "duplicate"}
    assert len(h.inbox.sent) == 1 and len(h.email.sent) == 1
    address, message, _ = h.email.sent[0]
    assert address == "one@example.com"
    assert message.subject == "订单 ord_1 支付成功" and "¥99.00" in message.body


def test_the_customers_locale_picks_the_language_and_sms_needs_a_phone():
    h = Harness()
    h.service.set_preferences("cus_1", {"locale": "en"})
    shipped = new_event("order.shipped", {"order_id": "ord_1", "customer_id": "cus_1"}, T0)
    assert h.service.notify(shipped) == {"in_app": "sent", "email": "sent", "sms": "skipped"}
    assert h.email.sent[0][1].subject == "Order ord_1 has shipped"
    skipped = h.log.records[("cus_1", shipped.id, "sms")]
    assert (skipped.status, skipped.reason) == ("skipped", "no_sms_address")
    h.service.set_preferences("cus_1", {"phone": "+8613800000000"})
    again = new_event("order.delivered", {"order_id": "ord_1", "customer_id": "cus_1"}, T0)
    assert h.service.notify(again)["sms"] == "sent"
    assert h.sms.sent[0][0] == "+8613800000000"


def test_transactional_messages_go_whatever_the_marketing_preferences():
    h = Harness()
    h.service.set_preferences("cus_1", {"marketing": False, "channels": {"email": False, "in_app": False}})
    assert h.service.notify(paid()) == {"in_app": "sent", "email": "sent"}


def test_a_provider_failure_is_recorded_raised_and_the_retry_sends_only_what_is_missing():
    h = Harness()
    event = paid()
    h.email.fail = True
    with pytest.raises(ChannelFailed):
        h.service.notify(event)
    assert h.log.records[("cus_1", event.id, "email")].status == "failed"
    assert len(h.inbox.sent) == 1
    h.email.fail = False
    assert h.service.notify(event) == {"in_app": "duplicate", "email": "sent"}
    assert len(h.inbox.sent) == 1 and len(h.email.sent) == 1


def test_internal_ticket_notes_and_unknown_types_tell_nobody():
    h = Harness()
    note = {"ticket_id": "tkt_1", "customer_id": "cus_1", "category": "question", "message_id": "m1", "public": False}
    assert h.service.notify(new_event("order.placed", {"customer_id": "cus_1"}, T0)) == {}
    from chalicelib.domain.events import Event

    assert h.service.notify(Event("ticket.replied", "evt_x", T0, note)) == {}
    reply = Event("ticket.replied", "evt_y", T0, {**note, "public": True})
    assert h.service.notify(reply) == {"in_app": "sent", "email": "sent"}
    assert "tkt_1" in h.inbox.sent[0][1].subject


@pytest.mark.parametrize("kind", (*NOTIFYING_EVENTS, *DIRECT_KINDS))
def test_every_notifying_event_has_both_languages(kind):
    data = {"public": True, "customer_id": "cus_1", "order_id": "ord_1", "after_sale_id": "as_1", "ticket_id": "t"}
    template = template_for(kind, data)
    assert template is not None
    for locale in ("zh-CN", "en"):
        assert locale in template.texts
        message = template.render(locale, data)
        assert message.subject and message.body and "{" not in message.subject + message.body


def test_templates_are_all_reachable():
    reached = {id(template_for(k, {"public": True})) for k in (*NOTIFYING_EVENTS, *DIRECT_KINDS)}
    assert reached == {id(t) for t in TEMPLATES.values()}


def consent(h: Harness, customer_id: str, marketing: bool = True, **channels: bool) -> None:
    h.prefs.save(Preferences(customer_id, marketing, **channels))


def test_a_campaign_goes_to_consenting_customers_and_counts_add_up():
    h = Harness()
    consent(h, "cus_1")
    consent(h, "cus_2", marketing=False)
    consent(h, "cus_3", email=False)
    campaign = h.service.create_campaign("Winter sale", "20% off", "email", None, "staff:1")
    assert h.service.send_campaign(campaign.id).result == {"sent": 1, "capped": 0, "opted_out": 2, "failed": 0}
    assert [a for a, _, _ in h.email.sent] == ["one@example.com"]
    assert h.log.records[("cus_2", campaign.id, "email")].reason == "opted_out"
    assert h.log.records[("cus_3", campaign.id, "email")].reason == "opted_out"
    with pytest.raises(InvalidTransition):
        h.service.send_campaign(campaign.id)
    assert h.campaigns.get(campaign.id).status == "sent"


def test_the_monthly_cap_stops_the_third_campaign():
    h = Harness(cap=2)
    consent(h, "cus_1")
    results = []
    for n in range(3):
        campaign = h.service.create_campaign(f"c{n}", "hello", "email", None, "staff:1")
        results.append(dict(h.service.send_campaign(campaign.id).result or {}))
    assert [r["sent"] for r in results] == [1, 1, 0]
    assert results[2]["capped"] == 1


def test_concurrent_campaigns_never_pass_the_cap():
    h = Harness(cap=1)
    for n in range(30):
        consent(h, f"cus_{n:02d}")
        h.contacts.emails[f"cus_{n:02d}"] = f"c{n}@example.com"
    campaigns = [h.service.create_campaign(f"c{n}", "hello", "email", None, "s") for n in range(2)]
    results: list[dict[str, int]] = []
    threads = [
        threading.Thread(target=lambda c=c: results.append(dict(h.service.send_campaign(c.id).result or {})))
        for c in campaigns
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r["sent"] for r in results) == 30
    assert sum(r["capped"] for r in results) == 30
    per_customer: dict[str, int] = {}
    for address, _, _ in h.email.sent:
        per_customer[address] = per_customer.get(address, 0) + 1
    assert set(per_customer.values()) == {1}


def test_campaign_input_is_checked():
    h = Harness()
    with pytest.raises(ValidationFailed):
        h.service.create_campaign("x", "y", "pigeon", None, "s")
    with pytest.raises(ValidationFailed):
        h.service.create_campaign("x", "y", "email", "vip", "s")
    with pytest.raises(ValidationFailed):
        h.service.set_preferences("cus_1", {"locale": "fr"})
