"""Reviews with fakes: verification (the buyer, delivered, within 30 days, once),
moderation and the counters (only published lines count: a held one when
published, a hidden one taken out), the follow-up, the reply edited in place,
care and reward decisions, the store rating; and every random sequence of
commands keeps the status machine and the counters right (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chalicelib.domain import reviews as rules
from chalicelib.domain.clock import FixedClock
from chalicelib.domain.error_codes import ReviewErrorCode
from chalicelib.domain.errors import Conflict, DomainError, InvalidTransition, NotFound, ValidationFailed
from chalicelib.domain.events import new_event
from chalicelib.domain.reviews import TRANSITIONS, LineIn, ReviewPolicy
from chalicelib.services.reviews import ReviewService, review_id_for

from .builders import T0
from .order_builders import an_order
from .review_fakes import FakeCustomers, FakeDesk, FakeOrders, FakeReviews, FakeRewards, RecordingGauges


def delivered(customer_id="cus_1", at=T0, lines=None):
    order = an_order(lines or {"A": 1, "B": 2}, customer_id=customer_id)
    return replace(order, status="delivered", delivered_at=at)


def world(*orders, banned=()):
    repo, desk, rewards, gauges = FakeReviews(), FakeDesk(), FakeRewards(), RecordingGauges()
    clock = FixedClock(T0 + timedelta(days=1))
    service = ReviewService(
        repo,
        FakeOrders(*orders),
        FakeCustomers(),
        desk,
        rewards,
        clock,
        ReviewPolicy(banned_words=banned),
        gauges=gauges,
    )
    return service, repo, desk, rewards, clock, gauges


def lines(a=5, b=4, text=None, images=()):
    return [LineIn("A", a, text, tuple(images)), LineIn("B", b)]


def test_a_review_is_published_and_counted_per_line():
    order = delivered()
    service, repo, *_ = world(order)
    review = service.submit("cus_1", order.id, lines(5, 3), 4, 5)
    assert review.status == "published" and review.counted and review.author == "Customer"
    assert repo.counters["prod_a"] == {"total": 5, "count": 1, "5": 1}
    assert repo.counters["prod_b"] == {"total": 3, "count": 1, "3": 1}
    assert [e.type for e in repo.events] == ["review.submitted", "review.published"]
    assert review.id == review_id_for(order.id)


def test_the_four_refusals():
    mine, pending, late = delivered(), replace(delivered(), status="shipped", delivered_at=None), delivered()
    service, _, _, _, clock, _ = world(mine, pending, late)
    with pytest.raises(NotFound):
        service.submit("cus_2", mine.id, lines(), 5, 5)  # another customer's order
    with pytest.raises(Conflict) as undelivered:
        service.submit("cus_1", pending.id, lines(), 5, 5)
    assert undelivered.value.code == ReviewErrorCode.ORDER_NOT_DELIVERED
    service.submit("cus_1", mine.id, lines(), 5, 5)
    with pytest.raises(Conflict) as twice:
        service.submit("cus_1", mine.id, lines(), 5, 5)
    assert twice.value.code == ReviewErrorCode.REVIEW_EXISTS
    clock.at = T0 + timedelta(days=30, seconds=1)
    with pytest.raises(ValidationFailed) as closed:
        service.submit("cus_1", late.id, lines(), 5, 5)
    assert closed.value.code == ReviewErrorCode.REVIEW_WINDOW_CLOSED


def test_a_completed_order_without_a_delivery_scan_counts_from_its_completion():
    order = replace(delivered(), delivered_at=None)
    order = rules_complete(order)
    service, *_ = world(order)
    assert service.submit("cus_1", order.id, lines(), 5, 5).delivered_at == T0 + timedelta(hours=1)


def rules_complete(order):
    from chalicelib.domain.orders import transition

    return transition(replace(order, status="shipped"), "completed", T0 + timedelta(hours=1), "system")


def test_skus_must_be_bought_and_rated_once():
    order = delivered()
    service, *_ = world(order)
    with pytest.raises(ValidationFailed) as unknown:
        service.submit("cus_1", order.id, [LineIn("Z", 5)], 5, 5)
    assert [e.field for e in unknown.value.errors] == ["items[0].sku"]
    with pytest.raises(ValidationFailed):
        service.submit("cus_1", order.id, [LineIn("A", 5), LineIn("A", 4)], 5, 5)


def test_a_banned_word_holds_the_review_until_published_and_hiding_takes_it_out():
    order = delivered()
    service, repo, *_ = world(order, banned=("scam",))
    review = service.submit("cus_1", order.id, lines(2, 4, text="A SCAM!"), 5, 5, anonymous=True)
    assert review.status == "held" and not review.counted and repo.counters == {}
    assert review.author == "C***r"
    published = service.publish(review.id)
    assert published.status == "published" and repo.counters["prod_a"] == {"total": 2, "count": 1, "2": 1}
    with pytest.raises(InvalidTransition):
        service.publish(review.id)
    hidden = service.hide(review.id, "abusive")
    assert hidden.hidden_reason == "abusive"
    assert repo.counters["prod_a"] == {"total": 0, "count": 0, "2": 0}
    assert service.publish(review.id).counted and repo.counters["prod_a"]["count"] == 1


def test_the_reply_is_one_edited_in_place_and_the_follow_up_is_one_within_90_days():
    order = delivered()
    service, _, _, _, clock, _ = world(order)
    review = service.submit("cus_1", order.id, lines(), 5, 5)
    first = service.reply(review.id, "staff:k1", "Thanks!").reply
    clock.at += timedelta(hours=1)
    edited = service.reply(review.id, "staff:k2", "Thank you!").reply
    assert edited is not None and first is not None
    assert (edited.body, edited.at, edited.edited_at) == ("Thank you!", first.at, clock.at)
    clock.at = T0 + timedelta(days=89)
    assert service.follow_up("cus_1", order.id, "Still good", []).follow_up is not None
    with pytest.raises(Conflict) as twice:
        service.follow_up("cus_1", order.id, "Again", [])
    assert twice.value.code == ReviewErrorCode.FOLLOW_UP_EXISTS
    with pytest.raises(NotFound):
        service.follow_up("cus_2", order.id, "Not mine", [])


def test_the_follow_up_window_closes_at_90_days():
    order = delivered()
    service, _, _, _, clock, _ = world(order)
    service.submit("cus_1", order.id, lines(), 5, 5)
    clock.at = T0 + timedelta(days=90, seconds=1)
    with pytest.raises(ValidationFailed) as late:
        service.follow_up("cus_1", order.id, "Late", [])
    assert late.value.code == ReviewErrorCode.FOLLOW_UP_WINDOW_CLOSED


def test_care_opens_one_ticket_for_a_rating_of_two_or_less_and_the_reward_is_once_per_customer():
    low, good, other = delivered(), delivered(), delivered("cus_2")
    service, repo, desk, rewards, *_ = world(low, good, other)
    a = service.submit("cus_1", low.id, lines(5, 5, text="x" * 20), 5, 2)  # logistics 2: care
    submitted = new_event("review.submitted", {"review_id": a.id}, T0)
    published = new_event("review.published", {"review_id": a.id}, T0)
    assert service.handle(submitted) == "ticket_opened"
    assert service.handle(submitted) == "ticket_exists"
    assert list(desk.tickets.values()) == [("cus_1", "complaint", low.id)]
    assert service.handle(published) == "rewarded" and service.handle(published) == "already_rewarded"
    b = service.submit("cus_1", good.id, lines(5, 5, images=["https://i.example/1.jpg"]), 5, 5)
    assert service.handle(new_event("review.submitted", {"review_id": b.id}, T0)) == "no_care_needed"
    assert service.handle(new_event("review.published", {"review_id": b.id}, T0)) == "already_rewarded"
    c = service.submit("cus_2", other.id, lines(5, 5, text="nice"), 5, 5)
    assert service.handle(new_event("review.published", {"review_id": c.id}, T0)) == "not_rewardable"
    assert list(rewards.grants) == ["cus_1"] and rewards.grants["cus_1"].amount_off == 500


def test_one_star_earns_the_reward_too():
    order = delivered()
    service, _, _, rewards, *_ = world(order)
    r = service.submit("cus_1", order.id, lines(1, 1, text="Broke on the first day, sadly."), 1, 1)
    assert service.handle(new_event("review.published", {"review_id": r.id}, T0)) == "rewarded"
    assert "cus_1" in rewards.grants


def test_compute_dsr_averages_published_reviews_of_180_days():
    orders = [delivered(f"cus_{i}") for i in range(3)]
    service, repo, _, _, clock, gauges = world(*orders, banned=("bad",))
    service.submit("cus_0", orders[0].id, [LineIn("A", 5), LineIn("B", 3)], 5, 4)  # description 4
    service.submit("cus_1", orders[1].id, [LineIn("A", 4)], 3, 4)
    service.submit("cus_2", orders[2].id, [LineIn("A", 1, "bad")], 1, 1)  # held: not counted
    summary = service.compute_dsr(clock.now())
    assert summary == {"day": "2025-03-02", "count": 2, "description": 4.0, "service": 4.0, "logistics": 4.0}
    assert sorted(v[2]["dimension"] for v in gauges.values) == ["description", "logistics", "service"]
    assert service.store_rating().count == 2
    assert service.compute_dsr(clock.now() + timedelta(days=181))["count"] == 0


LEGAL = {status: frozenset(to) for status, to in TRANSITIONS.items()}
COMMANDS = st.lists(
    st.tuples(
        st.sampled_from(["submit", "publish", "hide", "reply", "follow_up", "wait"]),
        st.integers(min_value=0, max_value=3),  # which order
        st.integers(min_value=1, max_value=5),  # a rating, days
        st.booleans(),  # a banned word in the text
    ),
    max_size=30,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commands=COMMANDS)
def test_no_sequence_of_commands_breaks_the_status_machine_or_the_counters(commands):
    orders = [delivered(f"cus_{i}") for i in range(4)]
    service, repo, _, _, clock, _ = world(*orders, banned=("spam",))
    for command, which, n, flagged in commands:
        order = orders[which]
        review_id = review_id_for(order.id)
        before = dict(repo.reviews)
        try:
            if command == "submit":
                text = "spam spam" if flagged else None
                service.submit(order.customer_id, order.id, [LineIn("A", n, text), LineIn("B", 6 - n)], n, 5)
            elif command == "publish":
                service.publish(review_id)
            elif command == "hide":
                service.hide(review_id, "why")
            elif command == "reply":
                service.reply(review_id, "staff:k", "thanks")
            elif command == "follow_up":
                service.follow_up(order.customer_id, order.id, "spam" if flagged else "ok", [])
            else:
                clock.at += timedelta(days=n * 3)
        except DomainError:
            assert repo.reviews == before, f"{command} failed but changed a review"
        for previous in before.values():
            now = repo.reviews[previous.id]
            if now.status != previous.status:
                assert now.status in LEGAL[previous.status], f"{previous.status} -> {now.status}"
        for review in repo.reviews.values():
            assert review.counted == (review.status == "published")
        counted = [line for r in repo.reviews.values() if r.status == "published" for line in r.lines]
        for product in ("prod_a", "prod_b"):
            mine = [line.rating for line in counted if line.product_id == product]
            counters = repo.counters.get(product, {})
            assert counters.get("total", 0) == sum(mine) and counters.get("count", 0) == len(mine)
            for star in rules.STARS:
                assert counters.get(str(star), 0) == mine.count(star)
