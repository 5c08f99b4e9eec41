"""The customer-care commands (tickets, reports, notifications, campaigns) against
a fake API that answers as the routes do: what each command sends, what it prints."""

from __future__ import annotations

import json
from types import SimpleNamespace

from typer.testing import CliRunner

from commerce_cli.client import ApiError
from commerce_cli.main import app
from commerce_cli.state import State

runner = CliRunner()

TICKET = {
    "id": "tkt_1",
    "customer_id": "cus_1",
    "category": "complaint",
    "subject": "Broken cup",
    "status": "open",
    "breached": True,
    "first_response_due_at": "2026-12-06T15:00:00Z",
    "assignee": None,
    "messages": [
        {"author": "customer", "body": "It arrived broken.", "internal": False, "created_at": "2026-12-06T14:00:00Z"},
        {"author": "staff", "body": "checking stock", "internal": True, "created_at": "2026-12-06T14:05:00Z"},
    ],
    "created_at": "2026-12-06T14:00:00Z",
}


class CareApi:
    """The care routes, in memory: records every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, object, object]] = []
        self.compensated = False

    def pages(self, path, params=None, limit=None):
        self.calls.append(("PAGES", path, params, limit))
        if path == "/admin/tickets":
            return iter([{k: v for k, v in TICKET.items() if k != "messages"}][:limit])
        assert path == "/admin/notifications"
        record = {"channel": "in_app", "kind": "ticket.replied", "status": "sent", "subject": "Reply on tkt_1"}
        return iter([record, {**record, "channel": "sms", "status": "skipped", "reason": "no_sms_address"}][:limit])

    def get(self, path, params=None):
        self.calls.append(("GET", path, params, None))
        if path == "/admin/tickets/tkt_1":
            return TICKET
        if path == "/admin/reports/tickets":
            row = {"week": "2026-W49", "category": "complaint", "count": 3, "median_first_response_minutes": 42.5}
            return {
                "from": params.get("from", "2026-11-09"),
                "to": "2026-12-06",
                "items": [{**row, "breach_rate": 0.5}],
            }
        raise ApiError(404, {"status": 404, "code": "not_found", "detail": f"No ticket {path.rsplit('/', 1)[1]}."})

    def send(self, method, path, body=None, params=None, idempotent=False):
        self.calls.append((method, path, params, None))
        assert path == "/admin/reports/tickets/csv"
        return SimpleNamespace(text="week,category,count\r\n2026-W49,complaint,3\r\n")

    def post(self, path, body=None, idempotent=False):
        self.calls.append(("POST", path, body, idempotent))
        if path.endswith("/compensate"):
            if self.compensated:
                raise ApiError(409, {"status": 409, "code": "ticket_already_compensated", "detail": "Once a ticket."})
            self.compensated = True
            coupon = {"code": "CARE-1", "amount_off": {"amount": body["amount"], "currency": "CNY"}}
            return {"ticket": TICKET, "coupon": {**coupon, "ends_at": "2027-03-06T00:00:00Z"}}
        if path == "/admin/campaigns":
            return {"id": "cmp_1", "status": "draft", "segment": None, **body}
        if path == "/admin/campaigns/cmp_1/send":
            return {"sent": 3, "capped": 1, "opted_out": 2, "failed": 0}
        return {**TICKET, "status": "answered" if path.endswith("/messages") and not body.get("internal") else "open"}


def run(args, api):
    return runner.invoke(app, ["--api-key", "k", *args], obj=State(connect=lambda target: api), env={"COLUMNS": "250"})


def test_the_ticket_queue_sends_its_filters_and_prints_a_table_or_json():
    api = CareApi()
    result = run(["tickets", "list", "--status", "open", "--category", "complaint", "--breached"], api)
    assert result.exit_code == 0, result.output
    assert api.calls[-1] == (
        "PAGES",
        "/admin/tickets",
        {"status": "open", "category": "complaint", "breached": "true"},
        50,
    )
    assert "tkt_1" in result.output and "Broken cup" in result.output
    result = run(["tickets", "list", "--not-breached", "--limit", "5", "--json"], api)
    assert api.calls[-1][2] == {"breached": "false"}
    assert json.loads(result.output)[0]["id"] == "tkt_1"


def test_show_prints_the_thread_with_internal_notes_and_an_unknown_ticket_exits_1():
    api = CareApi()
    result = run(["tickets", "show", "tkt_1"], api)
    assert result.exit_code == 0 and "It arrived broken." in result.output and "checking stock" in result.output
    missing = run(["tickets", "show", "tkt_x", "--json"], api)
    assert missing.exit_code == 1
    assert json.loads(missing.stdout)["error"]["code"] == "not_found"


def test_reply_assign_and_resolve_post_their_bodies():
    api = CareApi()
    assert run(["tickets", "reply", "tkt_1", "Sorry, a new one is on its way"], api).exit_code == 0
    assert run(["tickets", "reply", "tkt_1", "stock checked", "--internal"], api).exit_code == 0
    assert run(["tickets", "assign", "tkt_1", "li.wei"], api).exit_code == 0
    assert run(["tickets", "resolve", "tkt_1", "Replaced", "--json"], api).exit_code == 0
    posts = [(path, body) for kind, path, body, _ in api.calls if kind == "POST"]
    assert posts == [
        ("/admin/tickets/tkt_1/messages", {"body": "Sorry, a new one is on its way", "internal": False}),
        ("/admin/tickets/tkt_1/messages", {"body": "stock checked", "internal": True}),
        ("/admin/tickets/tkt_1/assign", {"assignee": "li.wei"}),
        ("/admin/tickets/tkt_1/resolve", {"resolution": "Replaced"}),
    ]


def test_compensate_sends_an_idempotency_key_prints_the_coupon_and_a_second_grant_exits_1():
    api = CareApi()
    result = run(["tickets", "compensate", "tkt_1", "--amount", "5000", "--reason", "broken on arrival"], api)
    assert result.exit_code == 0, result.output
    assert api.calls[-1] == (
        "POST",
        "/admin/tickets/tkt_1/compensate",
        {"amount": 5000, "reason": "broken on arrival"},
        True,
    )
    assert "CARE-1" in result.output and "50.00 CNY" in result.output
    again = run(["tickets", "compensate", "tkt_1", "--amount", "5000", "--reason", "again"], api)
    assert again.exit_code == 1 and "ticket_already_compensated" in again.output
    assert run(["tickets", "compensate", "tkt_1", "--amount", "0", "--reason", "x"], api).exit_code == 2


def test_the_ticket_report_as_a_table_json_or_csv(tmp_path):
    api = CareApi()
    result = run(["reports", "tickets", "--from", "2026-11-01", "--to", "2026-12-06"], api)
    assert result.exit_code == 0 and "2026-W49" in result.output and "42.5" in result.output
    assert api.calls[-1] == ("GET", "/admin/reports/tickets", {"from": "2026-11-01", "to": "2026-12-06"}, None)
    assert json.loads(run(["reports", "tickets", "--json"], api).output)["items"][0]["count"] == 3
    csv = run(["reports", "tickets", "--csv"], api)
    assert csv.stdout_bytes == b"week,category,count\r\n2026-W49,complaint,3\r\n"
    target = tmp_path / "tickets.csv"
    assert run(["reports", "tickets", "--csv", "-o", str(target)], api).exit_code == 0
    assert target.read_text().startswith("week,category,count")


def test_a_customers_notifications_need_the_customer():
    api = CareApi()
    result = run(["notifications", "list", "--customer", "cus_1"], api)
    assert result.exit_code == 0 and "ticket.replied" in result.output and "no_sms_address" in result.output
    assert api.calls[-1] == ("PAGES", "/admin/notifications", {"customer_id": "cus_1"}, 50)
    assert run(["notifications", "list"], api).exit_code == 2


def test_campaigns_are_created_then_sent():
    api = CareApi()
    created = run(["campaigns", "create", "Winter sale", "--message", "20% off", "--channel", "email", "--json"], api)
    assert json.loads(created.output)["id"] == "cmp_1"
    assert api.calls[-1][2] == {"name": "Winter sale", "message": "20% off", "channel": "email"}
    sent = run(["campaigns", "send", "cmp_1"], api)
    assert sent.exit_code == 0 and "opted_out" in sent.output
    assert api.calls[-1][1] == "/admin/campaigns/cmp_1/send"
