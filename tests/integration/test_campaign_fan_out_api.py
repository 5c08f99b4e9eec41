"""A campaign over the inline maximum (ADR 0012), the real app over moto: the send
answers 202 ``sending`` and plans batches of customer ids on the
campaign-batches queue; the worker (real SQS event shapes through the local
runner) sends each batch with a checkpoint per page; a batch delivered twice
sends nobody twice and adds nothing twice; the last batch marks the campaign
``sent`` with counts that add up; the monthly cap holds across campaigns."""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import quote

import boto3
import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

from tests.integration.test_openapi_contract import Checked
from tests.support import drain_source

QUEUE = "commerce-campaign-batches"


@pytest.fixture
def small_batches(monkeypatch):
    """Five customers inline at most, four a batch, one marketing message a month."""
    from chalicelib.settings import reset_settings

    monkeypatch.setenv("COMMERCE_CAMPAIGN_INLINE_MAX", "5")
    monkeypatch.setenv("COMMERCE_CAMPAIGN_BATCH_SIZE", "4")
    monkeypatch.setenv("COMMERCE_MARKETING_MONTHLY_CAP", "1")
    reset_settings()


@pytest.fixture
def runner(api):
    from app import app
    from localdev.runner import EventRunner

    return EventRunner(app, "us-east-1", boto3.client("sqs"))


def drain(runner) -> tuple[int, int]:
    (source,) = [q for q in runner.queues if q.queue == QUEUE]
    return drain_source(runner, source)


def emails() -> Counter[str]:
    sent = ses_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].sent_messages
    return Counter(a for m in sent for a in m.destinations.get("ToAddresses", []))


def audience(api, c: Checked, count: int) -> tuple[list[str], list[str]]:
    """``count`` customers with preferences, every fifth opted out: (consenting, opted out) e-mails."""
    consenting, opted_out = [], []
    for n in range(count):
        _, token = api.customer()
        me = {"Authorization": f"Bearer {token}"}
        c.call("PUT", "/me/notification-preferences", json_body={"marketing": n % 5 != 0}, headers=me, expect=200)
        (opted_out if n % 5 == 0 else consenting).append(api.get("/me", headers=me).body["email"])
    return consenting, opted_out


def test_a_campaign_over_the_inline_maximum_goes_through_the_worker_once_per_customer(small_batches, api, runner):
    c = Checked(api)
    consenting, opted_out = audience(api, c, 10)  # 8 consent, 2 opted out: 3 batches of 4, 4, 2
    ops = api.staff_key("operations")
    body = {"name": "Flash sale", "message": "Today only", "channel": "email"}
    made = c.call("POST", "/admin/campaigns", json_body=body, headers=ops, expect=201).body
    ids = {"campaign_id": made["id"]}
    sending = c.call("POST", "/admin/campaigns/{campaign_id}/send", params=ids, headers=ops, expect=202).body
    assert (sending["status"], sending["batches"], sending["batches_done"]) == ("sending", 3, 0)
    assert sending["result"] == {"sent": 0, "capped": 0, "opted_out": 0, "failed": 0}
    assert sum(emails()[a] for a in consenting) == 0  # nothing sent in the request
    c.call("POST", "/admin/campaigns/{campaign_id}/send", params=ids, headers=ops, expect=409)

    # The first batch is delivered, then delivered again (SQS at least once): both run.
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=QUEUE)["QueueUrl"]
    (first,) = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1)["Messages"]
    sqs.send_message(QueueUrl=url, MessageBody=first["Body"])
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=first["ReceiptHandle"], VisibilityTimeout=0)
    assert drain(runner) == (4, 0)
    assert json.loads(first["Body"])["batch"] == 0

    done = c.call("GET", "/admin/campaigns/{campaign_id}", params=ids, headers=ops, expect=200).body
    assert (done["status"], done["batches_done"]) == ("sent", 3) and done["sent_at"] is not None
    assert done["result"] == {"sent": 8, "capped": 0, "opted_out": 2, "failed": 0}
    sent = emails()
    assert [sent[a] for a in consenting] == [1] * 8
    assert [sent[a] for a in opted_out] == [0, 0]

    # A second campaign the same month: everyone consenting is at the cap of 1.
    second = c.call("POST", "/admin/campaigns", json_body={**body, "name": "Again"}, headers=ops, expect=201).body
    c.call("POST", "/admin/campaigns/{campaign_id}/send", params={"campaign_id": second["id"]}, headers=ops, expect=202)
    assert drain(runner) == (3, 0)
    again = api.get(f"/admin/campaigns/{second['id']}", headers=ops).body
    assert (again["status"], again["result"]) == ("sent", {"sent": 0, "capped": 8, "opted_out": 2, "failed": 0})
    assert [emails()[a] for a in consenting] == [1] * 8

    listed = c.call("GET", "/admin/campaigns", query="limit=1", headers=ops, expect=200).body
    assert [x["id"] for x in listed["items"]] == [second["id"]]
    rest = c.call(
        "GET", "/admin/campaigns", query=f"cursor={quote(listed['next_cursor'])}", headers=ops, expect=200
    ).body
    assert [x["id"] for x in rest["items"]] == [made["id"]] and rest["next_cursor"] is None
    c.call("GET", "/admin/campaigns/{campaign_id}", params={"campaign_id": "cmp_nope"}, headers=ops, expect=404)
    c.call("GET", "/admin/campaigns", headers=api.staff_key("warehouse"), expect=403)


def test_up_to_the_inline_maximum_the_send_still_answers_the_counts(small_batches, api, runner):
    c = Checked(api)
    audience(api, c, 5)
    ops = api.staff_key("operations")
    body = {"name": "Small", "message": "Hello", "channel": "in_app"}
    made = c.call("POST", "/admin/campaigns", json_body=body, headers=ops, expect=201).body
    counts = c.call(
        "POST", "/admin/campaigns/{campaign_id}/send", params={"campaign_id": made["id"]}, headers=ops, expect=200
    ).body
    assert counts == {"sent": 4, "capped": 0, "opted_out": 1, "failed": 0}
    assert drain(runner) == (0, 0)
    shown = api.get(f"/admin/campaigns/{made['id']}", headers=ops).body
    assert (shown["status"], shown["result"], shown["batches"]) == ("sent", counts, 0)
