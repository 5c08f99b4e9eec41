"""renew_memberships fanned out (ADR 0012), the real app over moto: the
schedule's coordinator plans the due memberships in chunks, sends one message
per chunk to the renew-chunks queue, the worker renews each chunk, and the last
one closes the run. A chunk delivered again, the coordinator run again, and a
worker that crashes between renewing a member and storing its checkpoint,
charge nobody twice."""

from __future__ import annotations

import json
from datetime import timedelta

import boto3
import pytest

from tests.support import ADMIN, drain_source, iso

from .test_membership_api import a_plan, member, period_end


class Crash(RuntimeError):
    pass


@pytest.fixture
def fan_out(monkeypatch):
    """Two memberships a chunk, nothing inline: every run with a due membership fans out."""
    from chalicelib.settings import reset_settings

    monkeypatch.setenv("COMMERCE_RENEWAL_CHUNK_SIZE", "2")
    monkeypatch.setenv("COMMERCE_RENEWAL_INLINE_MAX", "0")
    reset_settings()


@pytest.fixture
def fan_out_by_three(monkeypatch):
    from chalicelib.settings import reset_settings

    monkeypatch.setenv("COMMERCE_RENEWAL_CHUNK_SIZE", "3")
    monkeypatch.setenv("COMMERCE_RENEWAL_INLINE_MAX", "0")
    reset_settings()


def members(api, gateway, count):
    plan = a_plan(api)
    mes = [member(api, gateway, plan["id"], pm=f"pm_card_visa_{i}") for i in range(count)]  # a card each
    ends = [period_end(api, me) for me in mes]
    return mes, max(ends) - timedelta(hours=12)  # every renewal due: reminded and charged in one go


def drain(runner) -> tuple[int, int]:
    (source,) = [q for q in runner.queues if q.queue.endswith("renew-chunks")]
    return drain_source(runner, source)


def test_a_scheduled_run_fans_out_to_the_chunk_worker_and_renews_everyone_once(fan_out, api, gateway):
    from app import app
    from localdev.runner import EventRunner

    mes, at = members(api, gateway, 5)
    runner = EventRunner(app, "us-east-1", boto3.client("sqs"))

    summary = runner.fire("renew_memberships", at)
    assert (summary["due"], summary["chunks"], summary["chunks_sent"], summary["examined"]) == (5, 3, 3, 0)
    assert gateway.off_session_calls == []  # nothing charged by the coordinator

    assert drain(runner) == (3, 0)
    assert len(gateway.off_session_calls) == 5
    assert len({key for _, _, key in gateway.off_session_calls}) == 5  # one charge per member and period
    for me in mes:
        mine = api.get("/me/membership", headers=me).body
        assert (mine["period"], mine["status"]) == (2, "active")

    # A chunk delivered again, and the schedule's retry: nobody charged twice.
    url = boto3.client("sqs").get_queue_url(QueueName="commerce-renew-chunks")["QueueUrl"]
    body = {"job": "renew_memberships", "business_date": at.date().isoformat(), "run": summary["run"], "chunk": 1}
    boto3.client("sqs").send_message(QueueUrl=url, MessageBody=json.dumps(body))
    assert drain(runner) == (1, 0)
    again = runner.fire("renew_memberships", at)
    assert (again["chunks"], again["chunks_sent"]) == (3, 0)
    assert drain(runner) == (0, 0)
    assert len(gateway.off_session_calls) == 5

    # The admin route: a later run finds nothing due (renewed memberships left the due queue).
    r = api.post("/admin/jobs/renew_memberships/runs", {"as_of": iso(at + timedelta(minutes=1))}, headers=ADMIN)
    assert r.status == 200, r.body
    assert r.body["summary"] == {"examined": 0}


def test_a_chunk_that_crashes_before_its_checkpoint_resumes_and_charges_nobody_twice(
    fan_out_by_three, api, gateway, monkeypatch
):
    from chalicelib.adapters.dynamo.settlement_jobs import DynamoJobRuns
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.settlement import RunRef
    from chalicelib.services import membership_renewals

    monkeypatch.setattr(membership_renewals, "PAGE", 1)  # a checkpoint after every membership
    _, at = members(api, gateway, 3)
    service = get_container().memberships
    summary = service.renew(at)
    assert (summary["due"], summary["chunks"]) == (3, 1)
    ref = RunRef("renew_memberships", at.date(), summary["run"])

    real_checkpoint = DynamoJobRuns.checkpoint
    calls = []

    def dying(self, ref, number, key, counts):
        calls.append(key)
        if len(calls) == 2:  # the second member is renewed, its checkpoint never written
            raise Crash("the worker died")
        return real_checkpoint(self, ref, number, key, counts)

    monkeypatch.setattr(DynamoJobRuns, "checkpoint", dying)
    with pytest.raises(Crash):
        service.run_renewal_chunk(ref, 0)
    assert len(gateway.off_session_calls) == 2
    assert service.renewal_runs.chunk(ref, 0).checkpoint == calls[0]

    monkeypatch.setattr(DynamoJobRuns, "checkpoint", real_checkpoint)
    outcome, counts = service.run_renewal_chunk(ref, 0)  # the redelivery
    assert (outcome, counts) == ("done", {"renewed": 1})  # only the third: the second left the due queue
    assert len(gateway.off_session_calls) == 3
    assert len({key for _, _, key in gateway.off_session_calls}) == 3
    assert service.renewal_runs.run(ref).closed
    assert service.run_renewal_chunk(ref, 0) == ("already_done", {})
    assert len(gateway.off_session_calls) == 3


def test_a_worker_short_of_time_hands_its_chunk_on_and_the_next_delivery_finishes_it(
    fan_out_by_three, api, gateway, monkeypatch
):
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.settlement import RunRef
    from chalicelib.services import membership_renewals

    monkeypatch.setattr(membership_renewals, "PAGE", 1)
    _, at = members(api, gateway, 3)
    service = get_container().memberships
    summary = service.renew(at)
    ref = RunRef("renew_memberships", at.date(), summary["run"])
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName="commerce-renew-chunks")["QueueUrl"]
    sent = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    assert [json.loads(m["Body"])["chunk"] for m in sent] == [0]
    sqs.delete_message(QueueUrl=url, ReceiptHandle=sent[0]["ReceiptHandle"])

    assert service.run_renewal_chunk(ref, 0, lambda: 1.0) == ("continued", {"renewed": 1})
    handed_on = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    assert [json.loads(m["Body"]) for m in handed_on] == [{**json.loads(sent[0]["Body"])}]
    assert not service.renewal_runs.run(ref).closed

    assert service.run_renewal_chunk(ref, 0) == ("done", {"renewed": 2})
    assert service.renewal_runs.run(ref).closed
    assert len(gateway.off_session_calls) == 3
