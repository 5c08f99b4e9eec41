"""Customer care through the real app (moto): a customer opens a ticket, staff
answer (public replies stop the first-response clock, internal notes do not and
stay hidden), the SLA job marks a breach once, a compensation grants one coupon
that only its customer can use, once per ticket, within the role's cap; the
report by category and week, in JSON and CSV."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support import ADMIN, iso, sku_body

from .test_fulfillment_api import ADDRESS


@pytest.fixture
def published(api):
    """The events the app publishes (to the real, moto, bus and queues as well)."""
    from chalicelib.bootstrap import get_container

    relay = get_container().relay
    working, seen = relay.publisher, []

    class Recording:
        def publish(self, events):
            working.publish(events)
            seen.extend(events)

    relay.publisher = Recording()
    return seen


def customer(api):
    _, token = api.customer()
    return {"Authorization": f"Bearer {token}"}


def open_ticket(api, me, category="complaint", **body):
    r = api.post(
        "/me/tickets", {"category": category, "subject": "Broken cup", "body": "It arrived broken.", **body}, headers=me
    )
    assert r.status == 201, r.body
    return r.body


def run_job(api, as_of):
    r = api.post("/admin/jobs/scan_ticket_slas/runs", {"as_of": iso(as_of)}, headers=ADMIN)
    assert r.status == 200, r.body
    return r.body["summary"]


def test_a_ticket_is_opened_answered_resolved_rated_and_private_to_its_customer(api, published):
    me = customer(api)
    ticket = open_ticket(api, me)
    assert ticket["id"].startswith("tkt_") and ticket["status"] == "open" and ticket["breached"] is False
    created = datetime.fromisoformat(ticket["created_at"].replace("Z", "+00:00"))
    due = datetime.fromisoformat(ticket["first_response_due_at"].replace("Z", "+00:00"))
    assert due - created == timedelta(hours=1)
    assert [m["author"] for m in ticket["messages"]] == ["customer"]

    stranger = customer(api)
    assert api.get(f"/me/tickets/{ticket['id']}", headers=stranger).status == 404
    assert api.post(f"/me/tickets/{ticket['id']}/messages", {"body": "hi"}, headers=stranger).status == 404
    assert api.get("/me/tickets", headers=stranger).body["items"] == []
    assert [t["id"] for t in api.get("/me/tickets", headers=me).body["items"]] == [ticket["id"]]

    service, warehouse = api.staff_key("customer_service"), api.staff_key("warehouse")
    base = f"/admin/tickets/{ticket['id']}"
    assert api.get(base, headers=warehouse).status == 403
    note = api.post(f"{base}/messages", {"body": "Check the carrier photos.", "internal": True}, headers=service)
    assert note.status == 201 and note.body["status"] == "open" and note.body["first_responded_at"] is None
    assert api.post(f"{base}/assign", {"assignee": "li.wei"}, headers=service).body["assignee"] == "li.wei"
    answered = api.post(f"{base}/messages", {"body": "Sorry! We will resend."}, headers=service)
    assert answered.status == 201 and answered.body["status"] == "answered"
    assert answered.body["first_responded_at"] is not None

    mine = api.get(f"/me/tickets/{ticket['id']}", headers=me).body
    assert [m["body"] for m in mine["messages"]] == ["It arrived broken.", "Sorry! We will resend."]
    assert "assignee" not in mine
    staff_view = api.get(base, headers=service).body
    assert len(staff_view["messages"]) == 3 and staff_view["messages"][1]["internal"] is True

    early = api.post(f"/me/tickets/{ticket['id']}/rating", {"score": 5}, headers=me)
    assert early.status == 409 and early.code == "invalid_transition"
    reopened = api.post(f"/me/tickets/{ticket['id']}/messages", {"body": "When?"}, headers=me)
    assert reopened.status == 201 and reopened.body["status"] == "open"
    resolved = api.post(f"{base}/resolve", {"resolution": "Resent on SF123."}, headers=service)
    assert resolved.status == 200 and resolved.body["status"] == "resolved"
    rated = api.post(f"/me/tickets/{ticket['id']}/rating", {"score": 4, "comment": "ok"}, headers=me)
    assert rated.status == 200 and rated.body["rating"] == {"score": 4, "comment": "ok"}
    again = api.post(f"/me/tickets/{ticket['id']}/rating", {"score": 5}, headers=me)
    assert again.status == 409 and again.code == "ticket_already_rated"
    closed = api.post(f"/me/tickets/{ticket['id']}/close", {}, headers=me)
    assert closed.status == 200 and closed.body["status"] == "closed"
    late = api.post(f"/me/tickets/{ticket['id']}/messages", {"body": "more"}, headers=me)
    assert late.status == 409 and late.code == "invalid_transition"

    # published at once (nothing left in the outbox), each once
    from chalicelib.bootstrap import get_container

    assert get_container().relay.outbox.pending(100) == []
    kinds = [e.type for e in published if e.data["ticket_id"] == ticket["id"]]
    assert kinds == ["ticket.opened", "ticket.replied", "ticket.replied", "ticket.resolved"]
    replied = [e for e in published if e.type == "ticket.replied"]
    assert [e.data["public"] for e in replied] == [False, True]
    assert {"ticket_id", "customer_id", "category", "message_id", "public"} <= set(replied[0].data)
    assert replied[1].data["message_id"] == answered.body["messages"][-1]["id"]


def test_bounds_and_the_order_must_be_the_customers(api):
    me = customer(api)
    bad = [
        {"category": "praise", "subject": "s", "body": "b"},
        {"category": "question", "subject": "", "body": "b"},
        {"category": "question", "subject": "s" * 201, "body": "b"},
        {"category": "question", "subject": "s", "body": "b" * 4001},
        {"category": "question", "subject": "   ", "body": "b"},
    ]
    for body in bad:
        assert api.post("/me/tickets", body, headers=me).status == 400, body
    r = api.post(
        "/me/tickets", {"category": "logistics", "subject": "s", "body": "b", "order_id": "ord_nope"}, headers=me
    )
    assert r.status == 400 and r.body["errors"][0]["field"] == "order_id"
    assert api.post("/me/tickets", {"category": "question", "subject": "s", "body": "b"}).status == 401
    ticket = open_ticket(api, me, "question")
    base = f"/me/tickets/{ticket['id']}"
    assert api.post(f"{base}/rating", {"score": 6}, headers=me).status == 400
    assert api.post(f"{base}/rating", {"score": 0}, headers=me).status == 400
    staff = f"/admin/tickets/{ticket['id']}"
    assert api.post(f"{staff}/resolve", {"resolution": "r" * 2001}, headers=ADMIN).status == 400
    assert (
        api.post(f"{staff}/compensate", {"amount": 0, "reason": "x"}, headers={**ADMIN, "Idempotency-Key": "b1"}).status
        == 400
    )
    assert api.get("/admin/tickets?status=nope", headers=ADMIN).status == 400
    assert api.get("/admin/tickets?breached=maybe", headers=ADMIN).status == 400


def test_the_sla_job_breaches_an_unanswered_complaint_once_and_a_reply_prevents_it(api, published):
    me = customer(api)
    late, answered, question = open_ticket(api, me), open_ticket(api, me), open_ticket(api, me, "question")
    api.post(f"/admin/tickets/{answered['id']}/messages", {"body": "On it."}, headers=ADMIN)
    created = datetime.fromisoformat(late["created_at"].replace("Z", "+00:00"))
    assert run_job(api, created + timedelta(minutes=59))["breached"] == 0
    first = run_job(api, created + timedelta(minutes=61))
    assert first["breached"] == 1
    assert run_job(api, created + timedelta(minutes=62))["breached"] == 0
    assert api.get(f"/me/tickets/{late['id']}", headers=me).body["breached"] is True
    assert api.get(f"/me/tickets/{answered['id']}", headers=me).body["breached"] is False
    assert api.get(f"/me/tickets/{question['id']}", headers=me).body["breached"] is False

    listed = api.get("/admin/tickets?breached=true&category=complaint", headers=ADMIN).body["items"]
    assert [t["id"] for t in listed] == [late["id"]]
    opened = api.get("/admin/tickets?status=open&limit=1", headers=ADMIN).body
    assert len(opened["items"]) == 1 and opened["next_cursor"]
    rest = api.get(f"/admin/tickets?status=open&limit=1&cursor={opened['next_cursor']}", headers=ADMIN).body
    assert rest["items"][0]["id"] != opened["items"][0]["id"]
    wrong = api.get(f"/admin/tickets?status=answered&cursor={opened['next_cursor']}", headers=ADMIN)
    assert wrong.status == 400 and wrong.code == "invalid_cursor"

    breached = [e for e in published if e.type == "ticket.breached"]
    assert [e.data["ticket_id"] for e in breached] == [late["id"]]


def shop_cart(api, me):
    api.product(api.category()["id"], skus=[sku_body("TK-1", price=9900, stock=10)])
    cart = api.post("/carts", headers=me).body["id"]
    assert api.post(f"/carts/{cart}/items", {"sku": "TK-1", "quantity": 1}, headers=me).status in (200, 201)
    return cart


def test_compensation_grants_one_coupon_only_its_customer_can_use(api):
    me, other = customer(api), customer(api)
    ticket = open_ticket(api, me)
    service = api.staff_key("customer_service")
    url = f"/admin/tickets/{ticket['id']}/compensate"
    over = api.post(url, {"amount": 5001, "reason": "broken cup"}, headers={**service, "Idempotency-Key": "c0"})
    assert over.status == 403 and over.code == "compensation_over_cap"
    granted = api.post(url, {"amount": 5000, "reason": "broken cup"}, headers={**service, "Idempotency-Key": "c1"})
    assert granted.status == 201, granted.body
    code = granted.body["coupon"]["code"]
    assert granted.body["coupon"]["amount_off"] == {"amount": 5000, "currency": "CNY"}
    replay = api.post(url, {"amount": 5000, "reason": "broken cup"}, headers={**service, "Idempotency-Key": "c1"})
    assert replay.status == 201 and replay.body["coupon"]["code"] == code
    second = api.post(url, {"amount": 100, "reason": "again"}, headers={**ADMIN, "Idempotency-Key": "c2"})
    assert second.status == 409 and second.code == "ticket_already_compensated"

    wallet = api.get("/me/coupons", headers=me).body["items"]
    assert [(c["code"], c["used"]) for c in wallet] == [(code, False)]
    assert api.get("/me/coupons", headers=other).body["items"] == []

    theirs = shop_cart(api, other)
    refused = api.post(f"/carts/{theirs}/coupons", {"code": code}, headers=other)
    assert refused.status == 422 and refused.code == "coupon_invalid"

    mine = api.post("/carts", headers=me).body["id"]
    api.post(f"/carts/{mine}/items", {"sku": "TK-1", "quantity": 1}, headers=me)
    applied = api.post(f"/carts/{mine}/coupons", {"code": code}, headers=me)
    assert applied.status == 200, applied.body
    placed = api.post(
        "/checkout", {"cart_id": mine, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": mine}
    )
    assert placed.status == 201, placed.body
    assert placed.body["order"]["coupon_code"] == code
    assert api.get("/me/coupons", headers=me).body["items"][0]["used"] is True


def test_the_report_by_category_and_week_in_json_and_csv(api):
    me = customer(api)
    a, b = open_ticket(api, me), open_ticket(api, me)
    open_ticket(api, me, "question")
    api.post(f"/admin/tickets/{a['id']}/messages", {"body": "Answer."}, headers=ADMIN)
    created = datetime.fromisoformat(b["created_at"].replace("Z", "+00:00"))
    run_job(api, created + timedelta(hours=2))
    api.post(f"/admin/tickets/{a['id']}/resolve", {"resolution": "done"}, headers=ADMIN)
    api.post(f"/me/tickets/{a['id']}/rating", {"score": 4}, headers=me)
    today = datetime.now(UTC).date()
    window = f"from={(today - timedelta(days=1)).isoformat()}&to={(today + timedelta(days=1)).isoformat()}"
    r = api.get(f"/admin/reports/tickets?{window}", headers=ADMIN)
    assert r.status == 200, r.body
    rows = {row["category"]: row for row in r.body["items"]}
    assert rows["complaint"]["count"] == 2 and rows["complaint"]["breach_rate"] == 0.5
    assert rows["complaint"]["average_rating"] == 4.0
    assert rows["complaint"]["median_first_response_minutes"] is not None
    assert rows["question"]["count"] == 1 and rows["question"]["median_first_response_minutes"] is None
    csv = api.get(f"/admin/reports/tickets/csv?{window}", headers=ADMIN)
    assert csv.status == 200 and csv.header("Content-Type").startswith("text/csv")
    lines = csv.body.decode().strip().splitlines() if isinstance(csv.body, bytes) else csv.body.strip().splitlines()
    assert lines[0].startswith("week,category,count") and len(lines) == 3
    assert api.get("/admin/reports/tickets?from=2026-13-01", headers=ADMIN).status == 400
    assert api.get("/admin/reports/tickets?from=2026-12-02&to=2026-12-01", headers=ADMIN).status == 400
    assert api.get("/admin/reports/tickets", headers=api.staff_key("finance")).status == 403
