"""Customer care over real HTTP against DynamoDB Local: the test bodies of
tests/integration/test_tickets_api.py (a complaint unanswered for 61 minutes is
breached exactly once, a reply before the deadline prevents it; a compensation
coupon is usable at checkout by its customer only, a second compensation is
409), and the SLA scan run concurrently: DynamoDB's conditional write lets one
run mark a ticket, and the others skip it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import requests

from tests.integration.test_tickets_api import *  # noqa: F403
from tests.integration.test_tickets_api import customer, open_ticket, run_job
from tests.support import ADMIN, iso


def parse(text):
    from chalicelib.domain.clock import parse_rfc3339

    return parse_rfc3339(text)


def test_a_complaint_unanswered_for_61_minutes_is_breached_once_and_one_answered_at_59_is_not(api):
    me = customer(api)
    late, answered = open_ticket(api, me), open_ticket(api, me)
    created = parse(late["created_at"])
    assert run_job(api, created + timedelta(minutes=59)) == {"examined": 0, "breached": 0, "skipped": 0, "failed": 0}
    reply = api.post(f"/admin/tickets/{answered['id']}/messages", {"body": "We are on it."}, headers=ADMIN)
    assert reply.status == 201 and reply.body["first_responded_at"] is not None
    assert run_job(api, created + timedelta(minutes=61))["breached"] == 1
    assert run_job(api, created + timedelta(minutes=61))["breached"] == 0  # the same run again
    assert run_job(api, created + timedelta(minutes=90))["breached"] == 0
    late_now = api.get(f"/admin/tickets/{late['id']}", headers=ADMIN).body
    assert late_now["breached"] is True and late_now["breached_at"] == iso(created + timedelta(minutes=61))
    assert api.get(f"/me/tickets/{answered['id']}", headers=me).body["breached"] is False
    breached = api.get("/admin/tickets?breached=true", headers=ADMIN).body["items"]
    assert [t["id"] for t in breached] == [late["id"]]


def test_concurrent_scans_mark_each_ticket_once(api):
    me = customer(api)
    ids = [open_ticket(api, me)["id"] for _ in range(5)]
    created = parse(api.get(f"/me/tickets/{ids[-1]}", headers=me).body["created_at"])
    body = {"as_of": iso(created + timedelta(minutes=61))}

    def scan(_: int) -> dict:
        r = requests.post(f"{api.base_url}/admin/jobs/scan_ticket_slas/runs", json=body, headers=ADMIN, timeout=60)
        assert r.status_code == 200, r.text
        return r.json()["summary"]

    with ThreadPoolExecutor(max_workers=6) as pool:
        summaries = list(pool.map(scan, range(6)))
    assert sum(s["breached"] for s in summaries) == 5
    assert all(s["failed"] == 0 for s in summaries)
    assert all(api.get(f"/me/tickets/{i}", headers=me).body["breached"] for i in ids)
