"""A campaign over the inline maximum goes out in batches (ADR 0012), with fakes:
the send plans batches of customer ids and answers ``sending``; each batch is
sent by the worker a page at a time with a checkpoint; a batch delivered again
sends nobody twice and counts nobody twice; the last batch marks it sent."""

from __future__ import annotations

from collections import Counter

import pytest

from chalicelib.domain.errors import InvalidTransition
from chalicelib.domain.notifications import CampaignBatch, Preferences

from .test_notifications import Harness


def audience(h: Harness, n: int, opted_out_every: int = 0) -> list[str]:
    ids = [f"cus_{i:04d}" for i in range(n)]
    for i, customer_id in enumerate(ids):
        marketing = not (opted_out_every and i % opted_out_every == 0)
        h.prefs.save(Preferences(customer_id, marketing))
        h.contacts.emails[customer_id] = f"{customer_id}@example.com"
    return ids


def forever() -> float:
    return 600.0


def drain(h: Harness) -> list[str]:
    outcomes = []
    while h.queue.messages:
        message = h.queue.messages.pop(0)
        outcomes.append(h.service.run_campaign_batch(CampaignBatch.of_message(message), forever)[0])
    return outcomes


def test_up_to_the_inline_maximum_the_request_sends_it():
    h = Harness(campaign_inline_max=10, campaign_batch_size=4)
    audience(h, 10)
    campaign = h.service.create_campaign("Sale", "10% off", "email", None, "s")
    sent = h.service.send_campaign(campaign.id)
    assert (sent.status, sent.result, sent.batches) == (
        "sent",
        {"sent": 10, "capped": 0, "opted_out": 0, "failed": 0},
        0,
    )
    assert h.queue.messages == []


def test_beyond_it_the_campaign_is_sent_in_batches_by_the_worker():
    h = Harness(campaign_inline_max=10, campaign_batch_size=4)
    audience(h, 11, opted_out_every=5)  # cus_0000, 0005, 0010 opted out
    campaign = h.service.create_campaign("Sale", "10% off", "email", None, "s")
    sending = h.service.send_campaign(campaign.id)
    assert (sending.status, sending.batches) == ("sending", 3)
    assert len(h.email.sent) == 0 and len(h.queue.messages) == 3
    assert [m["lo"] for m in h.queue.messages] == ["0", "cus_0004", "cus_0008"]
    with pytest.raises(InvalidTransition):
        h.service.send_campaign(campaign.id)  # a second send: 409, nothing planned again
    assert len(h.queue.messages) == 3
    assert drain(h) == ["done", "done", "done"]
    done = h.campaigns.get(campaign.id)
    assert done.status == "sent" and done.batches_done == 3 and done.sent_at is not None
    assert done.result == {"sent": 8, "capped": 0, "opted_out": 3, "failed": 0}
    assert Counter(a for a, _, _ in h.email.sent) == {f"cus_{i:04d}@example.com": 1 for i in range(11) if i % 5}


def test_a_batch_delivered_twice_sends_and_counts_nobody_twice():
    h = Harness(cap=1, campaign_inline_max=5, campaign_batch_size=60)
    audience(h, 60)
    campaign = h.service.create_campaign("Sale", "10% off", "email", None, "s")
    h.service.send_campaign(campaign.id)
    (message,) = h.queue.messages
    batch = CampaignBatch.of_message(message)
    assert h.service.run_campaign_batch(batch, forever)[0] == "done"
    assert h.service.run_campaign_batch(batch, forever) == (
        "duplicate",
        dict.fromkeys(("sent", "capped", "opted_out", "failed"), 0),
    )
    assert len(h.email.sent) == 60
    assert h.campaigns.get(campaign.id).result == {"sent": 60, "capped": 0, "opted_out": 0, "failed": 0}


def test_a_page_done_again_after_a_crash_before_its_checkpoint_counts_each_customer_once():
    h = Harness(cap=2, campaign_inline_max=5, campaign_batch_size=100)
    audience(h, 60)
    campaign = h.service.create_campaign("Sale", "10% off", "email", None, "s")
    h.service.send_campaign(campaign.id)
    batch = CampaignBatch.of_message(h.queue.messages.pop())
    real_checkpoint = h.campaigns.checkpoint
    calls = {"n": 0}

    def crash_on_second_page(campaign_id, number, key, counts):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("the invocation died")
        return real_checkpoint(campaign_id, number, key, counts)

    h.campaigns.checkpoint = crash_on_second_page  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        h.service.run_campaign_batch(batch, forever)
    assert len(h.email.sent) == 50  # two pages of 25 went out; the second page's checkpoint did not
    assert h.service.run_campaign_batch(batch, forever)[0] == "done"  # the redelivery
    assert Counter(a for a, _, _ in h.email.sent) == {f"cus_{i:04d}@example.com": 1 for i in range(60)}
    assert h.campaigns.get(campaign.id).result == {"sent": 60, "capped": 0, "opted_out": 0, "failed": 0}
    assert sum(h.caps.counts.values()) == 60  # the cap taken once per customer


def test_a_batch_short_of_time_sends_itself_on_and_the_next_delivery_resumes():
    h = Harness(campaign_inline_max=5, campaign_batch_size=100)
    audience(h, 60)
    campaign = h.service.create_campaign("Sale", "10% off", "email", None, "s")
    h.service.send_campaign(campaign.id)
    outcome, counts = h.service.run_campaign_batch(CampaignBatch.of_message(h.queue.messages.pop()), lambda: 1.0)
    assert (outcome, counts["sent"], len(h.queue.messages)) == ("handed_on", 25, 1)
    assert h.campaigns.get(campaign.id).status == "sending"
    assert drain(h) == ["done"]  # with time enough, the next delivery finishes from the checkpoint
    assert h.campaigns.get(campaign.id).result == {"sent": 60, "capped": 0, "opted_out": 0, "failed": 0}
    assert len(h.email.sent) == 60


def test_two_fanned_out_campaigns_respect_the_cap_and_add_up():
    h = Harness(cap=1, campaign_inline_max=5, campaign_batch_size=7)
    audience(h, 30, opted_out_every=10)
    first = h.service.create_campaign("A", "a", "email", None, "s")
    second = h.service.create_campaign("B", "b", "email", None, "s")
    h.service.send_campaign(first.id)
    h.service.send_campaign(second.id)
    h.queue.messages.sort(key=lambda m: m["batch"])  # interleave the two campaigns' batches
    drain(h)
    results = [h.campaigns.get(c.id).result for c in (first, second)]
    assert all(sum(r.values()) == 30 for r in results)
    assert sum(r["sent"] for r in results) == 27 and sum(r["capped"] for r in results) == 27
    assert all(r["opted_out"] == 3 for r in results)
    assert set(Counter(a for a, _, _ in h.email.sent).values()) == {1}
