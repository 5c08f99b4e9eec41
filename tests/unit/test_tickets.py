"""Customer-care tickets: the transition table, the first-response clock, the
SLA scan (a breach marked and counted once), compensation (once per ticket,
within the role's cap, a coupon only its customer can use), the report, and
the whole service driven by random command sequences (hypothesis) over the
fakes, with its invariants after every step."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chalicelib.domain import tickets as rules
from chalicelib.domain.clock import FixedClock
from chalicelib.domain.error_codes import TicketErrorCode
from chalicelib.domain.errors import Conflict, DomainError, Forbidden, InvalidTransition, NotFound, ValidationFailed
from chalicelib.domain.events import CATALOG
from chalicelib.domain.pricing import CartLine, PricingContext, price_cart
from chalicelib.domain.promotions import CouponGrant
from chalicelib.domain.ticket_reports import to_csv, weekly_report
from chalicelib.domain.tickets import STATUSES, TRANSITIONS, TicketPolicy
from chalicelib.services.tickets import BREACH_KIND, Staff, TicketService

from .builders import T0, advance
from .ticket_fakes import FakeOrderReader, FakeTickets, FakeWallet, RecordingMetrics, RecordingRelay

LEGAL = {status: frozenset(to) for status, to in TRANSITIONS.items()}
AGENT = Staff("staff:key_cs", frozenset({"customer_service"}))
ADMIN = Staff("staff:key_admin", frozenset({"admin"}))


def world(**owners: str) -> tuple[TicketService, FakeTickets, FixedClock, RecordingMetrics]:
    repo, clock, metrics, relay = FakeTickets(), FixedClock(T0), RecordingMetrics(), RecordingRelay()
    policy = TicketPolicy()
    service = TicketService(repo, FakeWallet(repo), FakeOrderReader(owners), clock, policy, metrics, relay=relay)
    return service, repo, clock, metrics


def test_the_table_names_known_statuses_and_closed_is_final():
    for status, targets in LEGAL.items():
        assert status in STATUSES and targets <= set(STATUSES) and status not in targets
    assert LEGAL["closed"] == frozenset()
    for kind in ("ticket.opened", "ticket.replied", "ticket.breached", "ticket.resolved"):
        assert CATALOG[kind] == 1


def test_targets_follow_the_category():
    service, *_ = world()
    due = {c: service.open("cus_1", c, "s", "b", None).first_response_due_at - T0 for c in rules.CATEGORIES}
    assert due == {
        "complaint": timedelta(hours=1),
        "question": timedelta(hours=2),
        "logistics": timedelta(hours=4),
        "after_sales": timedelta(hours=2),
        "other": timedelta(hours=2),
    }
    custom = TicketPolicy(first_response={**TicketPolicy().first_response, "complaint": timedelta(minutes=30)})
    change = rules.open_ticket("tkt_1", "msg_1", "cus_1", "complaint", "s", "b", None, custom, T0)
    assert change.ticket.first_response_due_at == T0 + timedelta(minutes=30)
    assert [e.type for e in change.events] == ["ticket.opened"]


def test_an_order_must_be_the_customers_and_a_ticket_is_private():
    service, *_ = world(ord_mine="cus_1", ord_theirs="cus_2")
    with pytest.raises(ValidationFailed) as refused:
        service.open("cus_1", "logistics", "s", "b", "ord_theirs")
    assert refused.value.errors[0].field == "order_id"
    with pytest.raises(ValidationFailed):
        service.open("cus_1", "logistics", "s", "b", "ord_unknown")
    ticket = service.open("cus_1", "logistics", "s", "b", "ord_mine")
    assert ticket.order_id == "ord_mine"
    with pytest.raises(NotFound):
        service.own("cus_2", ticket.id)
    with pytest.raises(NotFound):
        service.write("cus_2", ticket.id, "hello")
    assert service.mine("cus_2", 10, None).items == []


def test_internal_notes_do_not_stop_the_clock_a_public_reply_does():
    service, repo, clock, _ = world()
    ticket = service.open("cus_1", "complaint", "s", "b", None)
    advance(clock, minutes=10)
    noted = service.reply(ticket.id, AGENT.actor, "look at the photos", internal=True)
    assert noted.status == "open" and noted.first_responded_at is None and noted.awaiting_first_response
    advance(clock, minutes=10)
    answered = service.reply(ticket.id, AGENT.actor, "sorry!", internal=False)
    assert answered.status == "answered" and answered.first_responded_at == T0 + timedelta(minutes=20)
    assert answered.first_response_minutes == 20 and not answered.awaiting_first_response
    advance(clock, minutes=10)
    again = service.reply(ticket.id, AGENT.actor, "more", internal=False)
    assert again.first_responded_at == T0 + timedelta(minutes=20)
    assert [m.internal for m in again.messages] == [False, True, False, False]
    assert [m.internal for m in again.public_messages()] == [False, False, False]
    replied = [e for e in repo.events if e.type == "ticket.replied"]
    assert [e.data["public"] for e in replied] == [False, True, True]
    assert set(replied[0].data) >= {"ticket_id", "customer_id", "category", "message_id", "public"}


def test_the_scan_breaches_an_unanswered_complaint_once_and_counts_it_once():
    service, repo, clock, metrics = world()
    late = service.open("cus_1", "complaint", "s", "b", None)
    answered = service.open("cus_1", "complaint", "s", "b", None)
    question = service.open("cus_1", "question", "s", "b", None)
    advance(clock, minutes=59)
    service.reply(answered.id, AGENT.actor, "on it", internal=False)
    assert service.scan_slas(T0 + timedelta(minutes=59))["breached"] == 0
    assert service.scan_slas(T0 + timedelta(minutes=61)) == {"examined": 1, "breached": 1, "skipped": 0, "failed": 0}
    assert service.scan_slas(T0 + timedelta(minutes=62))["examined"] == 0
    assert repo.tickets[late.id].breached and repo.tickets[late.id].breached_at == T0 + timedelta(minutes=61)
    assert not repo.tickets[answered.id].breached and not repo.tickets[question.id].breached
    assert metrics.total("SlaBreaches", kind=BREACH_KIND) == 1
    assert [e.data["ticket_id"] for e in repo.events if e.type == "ticket.breached"] == [late.id]
    # a reply after the breach does not breach it again
    advance(clock, minutes=30)
    assert service.reply(late.id, AGENT.actor, "sorry, late", internal=False).breached
    assert metrics.total("SlaBreaches") == 1


def test_a_late_first_reply_marks_the_breach_itself_and_a_closed_ticket_never_breaches():
    service, repo, clock, metrics = world()
    late = service.open("cus_1", "complaint", "s", "b", None)
    closed = service.open("cus_1", "complaint", "s", "b", None)
    service.close("cus_1", closed.id)
    advance(clock, minutes=75)
    replied = service.reply(late.id, AGENT.actor, "sorry", internal=False)
    assert replied.breached and replied.first_response_minutes == 75
    assert [e.type for e in repo.events if e.data["ticket_id"] == late.id][-2:] == ["ticket.breached", "ticket.replied"]
    assert service.scan_slas(T0 + timedelta(hours=5))["breached"] == 0
    assert not repo.tickets[closed.id].breached and metrics.total("SlaBreaches") == 1


def test_a_scan_racing_a_reply_skips_the_ticket():
    service, repo, clock, metrics = world()
    ticket = service.open("cus_1", "complaint", "s", "b", None)
    stale = repo.tickets[ticket.id]
    service.reply(ticket.id, AGENT.actor, "just in time", internal=False)
    change = rules.breach(replace(stale), T0 + timedelta(hours=2))
    assert change is not None and repo.mark_breached(change) is False
    assert not repo.tickets[ticket.id].breached


def test_resolve_rate_reopen_close():
    service, *_ = world()
    ticket = service.open("cus_1", "question", "s", "b", None)
    with pytest.raises(InvalidTransition):
        service.rate("cus_1", ticket.id, 5, None)
    resolved = service.resolve(ticket.id, "answered by phone")
    assert resolved.status == "resolved" and resolved.resolution == "answered by phone"
    reopened = service.write("cus_1", ticket.id, "not quite")
    assert reopened.status == "open" and reopened.resolution is None
    service.resolve(ticket.id, "done")
    rated = service.rate("cus_1", ticket.id, 4, "fine")
    assert rated.rating is not None and rated.rating.score == 4
    with pytest.raises(Conflict) as twice:
        service.rate("cus_1", ticket.id, 5, None)
    assert twice.value.code == TicketErrorCode.TICKET_ALREADY_RATED
    closed = service.close("cus_1", ticket.id)
    assert closed.status == "closed" and closed.closed_at == T0
    for act in (
        lambda: service.write("cus_1", ticket.id, "x"),
        lambda: service.close("cus_1", ticket.id),
        lambda: service.reply(ticket.id, AGENT.actor, "x", internal=False),
        lambda: service.assign(ticket.id, "li"),
        lambda: service.resolve(ticket.id, "x"),
    ):
        with pytest.raises(InvalidTransition):
            act()
    assert service.reply(ticket.id, AGENT.actor, "note for the file", internal=True).status == "closed"


def test_a_ticket_holds_a_bounded_number_of_messages():
    service, repo, *_ = world()
    ticket = service.open("cus_1", "other", "s", "b", None)
    repo.tickets[ticket.id] = replace(repo.tickets[ticket.id], message_count=rules.MAX_MESSAGES)
    with pytest.raises(Conflict) as full:
        service.write("cus_1", ticket.id, "one more")
    assert full.value.code == TicketErrorCode.TICKET_MESSAGE_LIMIT


def test_compensation_is_once_per_ticket_within_the_roles_cap():
    service, repo, clock, _ = world()
    ticket = service.open("cus_1", "complaint", "s", "b", None)
    with pytest.raises(Forbidden) as over:
        service.compensate(ticket.id, AGENT, 5001, "broken")
    assert over.value.code == TicketErrorCode.COMPENSATION_OVER_CAP and over.value.extra["cap"] == 5000
    with pytest.raises(Forbidden):
        service.compensate(ticket.id, Staff("staff:w", frozenset({"warehouse"})), 1, "broken")
    compensated, grant = service.compensate(ticket.id, AGENT, 5000, "broken")
    assert compensated.compensation is not None and compensated.compensation.coupon_code == grant.code
    assert grant.customer_id == "cus_1" and grant.amount_off == 5000 and grant.source == f"ticket:{ticket.id}"
    assert grant.ends_at == T0 + timedelta(days=90)
    with pytest.raises(Conflict) as again:
        service.compensate(ticket.id, ADMIN, 100, "again")
    assert again.value.code == TicketErrorCode.TICKET_ALREADY_COMPENSATED
    other = service.open("cus_1", "complaint", "s", "b", None)
    assert service.compensate(other.id, ADMIN, 50000, "big")[1].amount_off == 50000
    assert [g.code for g in service.coupons("cus_1", 10, None).items] == sorted(repo.grants, reverse=True)
    assert service.coupons("cus_2", 10, None).items == []
    assert TicketPolicy().cap_for(frozenset({"customer_service", "admin"})) == 50000


def test_a_granted_coupon_prices_for_its_owner_only():
    grant = CouponGrant("CARE-1", "cus_1", 5000, T0, T0 + timedelta(days=90), "ticket:tkt_1", "broken")
    coupon = grant.coupon()
    assert (coupon.usage_limit, coupon.per_customer_limit, coupon.owner_id) == (1, 1, "cus_1")
    line = CartLine("A", "prod_a", ("cat_1",), 1, 9900, None, 100)
    mine = price_cart([line], [], PricingContext(now=T0, customer_id="cus_1"), coupon, "CARE-1")
    assert mine.coupon is not None and mine.coupon.applied and mine.coupon.amount == 5000
    for someone in ("cus_2", None):
        theirs = price_cart([line], [], PricingContext(now=T0, customer_id=someone), coupon, "CARE-1")
        assert theirs.coupon is not None and not theirs.coupon.applied and theirs.coupon.reason == "not_found"
    used = price_cart([line], [], PricingContext(now=T0, customer_id="cus_1"), replace(coupon, used=1), "CARE-1")
    assert used.coupon is not None and used.coupon.reason == "usage_exhausted"


def test_the_report_groups_by_week_and_category():
    service, repo, clock, _ = world()
    a = service.open("cus_1", "complaint", "s", "b", None)
    b = service.open("cus_1", "complaint", "s", "b", None)
    c = service.open("cus_1", "complaint", "s", "b", None)
    advance(clock, minutes=30)
    service.reply(a.id, AGENT.actor, "x", internal=False)
    advance(clock, minutes=60)
    service.reply(b.id, AGENT.actor, "x", internal=False)
    service.resolve(a.id, "done")
    service.rate("cus_1", a.id, 5, None)
    service.resolve(b.id, "done")
    service.rate("cus_1", b.id, 2, None)
    advance(clock, days=7)
    service.open("cus_1", "question", "s", "b", None)
    rows = service.report(T0 - timedelta(days=1), T0 + timedelta(days=10))
    assert [(r.week, r.category, r.count) for r in rows] == [("2025-W09", "complaint", 3), ("2025-W10", "question", 1)]
    first = rows[0]
    assert first.median_first_response_minutes == 60.0  # 30 and 90: b breached at its reply
    assert first.breach_rate == round(1 / 3, 4) and first.average_rating == 3.5
    assert rows[1].median_first_response_minutes is None and rows[1].average_rating is None
    assert repo.tickets[c.id].first_responded_at is None
    text = to_csv(rows)
    assert text.splitlines()[0] == "week,category,count,median_first_response_minutes,breach_rate,average_rating"
    assert text.endswith("\r\n") and text.splitlines()[2] == "2025-W10,question,1,,0.0,"
    assert weekly_report([], "Asia/Shanghai") == []
    with pytest.raises(ValidationFailed):
        service.report(T0, T0 - timedelta(days=1))
    with pytest.raises(ValidationFailed):
        service.report(T0, T0 + timedelta(days=400))


# --- the service under random command sequences ------------------------------------------------
COMMANDS = st.lists(
    st.tuples(
        st.sampled_from(
            ["write", "close", "rate", "reply", "note", "assign", "resolve", "compensate", "scan", "wait", "open"]
        ),
        st.integers(min_value=0, max_value=3),  # which ticket
        st.integers(min_value=1, max_value=90),  # minutes, score, amount
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commands=COMMANDS)
def test_no_sequence_of_commands_breaks_the_invariants(commands):
    service, repo, clock, metrics = world()
    ids = [service.open("cus_1", "complaint", "s", "b", None).id]
    for command, which, n in commands:
        before = dict(repo.tickets)
        ticket_id = ids[which % len(ids)]
        try:
            if command == "open":
                ids.append(service.open("cus_1", rules.CATEGORIES[n % 5], "s", "b", None).id)
            elif command == "write":
                service.write("cus_1", ticket_id, "more")
            elif command == "close":
                service.close("cus_1", ticket_id)
            elif command == "rate":
                service.rate("cus_1", ticket_id, n % 5 + 1, None)
            elif command in ("reply", "note"):
                service.reply(ticket_id, AGENT.actor, "x", internal=command == "note")
            elif command == "assign":
                service.assign(ticket_id, "li")
            elif command == "resolve":
                service.resolve(ticket_id, "done")
            elif command == "compensate":
                service.compensate(ticket_id, AGENT, n * 100, "sorry")
            elif command == "scan":
                service.scan_slas(clock.now())
            else:
                advance(clock, minutes=n)
        except DomainError:
            assert repo.tickets == before, f"{command} failed but changed a ticket"
        for previous in before.values():
            now = repo.tickets[previous.id]
            if now.status != previous.status:
                assert now.status in LEGAL[previous.status], f"{previous.status} -> {now.status}"
            assert now.breached or not previous.breached, "a breach was undone"
            if previous.first_responded_at is not None:
                assert now.first_responded_at == previous.first_responded_at
            if previous.compensation is not None:
                assert now.compensation == previous.compensation
            if previous.rating is not None:
                assert now.rating == previous.rating
            elif now.rating is not None:
                assert previous.status in rules.RATABLE, "rated before it was resolved or closed"
    service.scan_slas(clock.now())  # every ticket past its deadline unanswered is breached now
    for ticket in repo.tickets.values():
        assert ticket.message_count == len(ticket.messages)
        if ticket.breached:
            assert ticket.first_responded_at is None or ticket.first_responded_at > ticket.first_response_due_at
            assert ticket.breached_at is not None and ticket.breached_at >= ticket.first_response_due_at
        elif ticket.first_responded_at is None and ticket.status == "open":
            assert ticket.first_response_due_at > clock.now(), "past its deadline unanswered, not breached"
    breaches = [e for e in repo.events if e.type == "ticket.breached"]
    assert (
        len(breaches) == len({e.data["ticket_id"] for e in breaches}) == sum(t.breached for t in repo.tickets.values())
    )
    assert metrics.total("SlaBreaches", kind=BREACH_KIND) == len(breaches)
    assert len(repo.grants) == sum(t.compensation is not None for t in repo.tickets.values())
    assert isinstance(service.relay, RecordingRelay)
    assert [e.id for e in service.relay.published] == [e.id for e in repo.events]  # every event written went out


def test_targets_and_caps_are_configurable(monkeypatch):
    from chalicelib.settings import ConfigurationError, load_settings

    monkeypatch.setenv("COMMERCE_STAGE", "local")
    monkeypatch.delenv("COMMERCE_TICKET_FIRST_RESPONSE_MINUTES", raising=False)
    monkeypatch.delenv("COMMERCE_COMPENSATION_CAPS", raising=False)
    defaults = load_settings()
    assert dict(defaults.ticket_first_response_minutes) == rules.DEFAULT_FIRST_RESPONSE_MINUTES
    assert dict(defaults.compensation_caps) == rules.DEFAULT_COMPENSATION_CAPS
    monkeypatch.setenv("COMMERCE_TICKET_FIRST_RESPONSE_MINUTES", "complaint:30, logistics:180")
    monkeypatch.setenv("COMMERCE_COMPENSATION_CAPS", "customer_service:10000,operations:2000")
    custom = load_settings()
    assert dict(custom.ticket_first_response_minutes)["complaint"] == 30
    assert dict(custom.ticket_first_response_minutes)["question"] == 120
    assert dict(custom.compensation_caps) == {"customer_service": 10000, "operations": 2000, "admin": 50000}
    for bad in ("praise:10", "complaint:-1", "complaint", "complaint:ten"):
        monkeypatch.setenv("COMMERCE_TICKET_FIRST_RESPONSE_MINUTES", bad)
        with pytest.raises(ConfigurationError, match="COMMERCE_TICKET_FIRST_RESPONSE_MINUTES"):
            load_settings()
