"""Order rules: the state machine and its timeline, risk review reasons, refund status."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.errors import InvalidTransition
from chalicelib.domain.orders import (
    CANCELLABLE_BY_CUSTOMER,
    PAYMENT_STATUSES,
    PROGRESS,
    STATUSES,
    TRANSITIONS,
    Order,
    OrderLine,
    RiskPolicy,
    TimelineEntry,
    note,
    refund_status,
    risk_reasons,
    transition,
)
from chalicelib.domain.refunds import (
    PENDING_GRACE,
    Refund,
    due_for_retry,
    first_retry_at,
    retry_due_at,
    staff_source,
)

T0 = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
T1 = T0 + timedelta(minutes=5)

ALLOWED = {
    ("pending_payment", "paid"),
    ("pending_payment", "cancelled"),
    ("deposit_pending", "balance_due"),  # presale (ADR 0026)
    ("deposit_pending", "cancelled"),
    ("balance_due", "paid"),
    ("balance_due", "cancelled"),
    ("paid", "under_review"),
    ("paid", "fulfilling"),
    ("paid", "cancelled"),
    ("under_review", "paid"),
    ("under_review", "cancelled"),
    ("fulfilling", "shipped"),
    ("shipped", "delivered"),
    ("shipped", "completed"),
    ("delivered", "completed"),
}
ALL_PAIRS = [(a, b) for a in STATUSES for b in STATUSES]


def a_line(quantity: int = 1, price: int = 10000) -> OrderLine:
    return OrderLine(
        sku="A-1",
        product_id="prod_1",
        title="A thing",
        specs={"size": "M"},
        quantity=quantity,
        list_price=price,
        unit_price=price,
        line_total=price * quantity,
        order_discount=0,
        payable=price * quantity,
    )


def an_order(status: str = "pending_payment", total: int = 10000, province: str = "Zhejiang") -> Order:
    return Order(
        id="ord_1",
        customer_id="cus_1",
        cart_id="cart_1",
        status=status,
        payment_status="unpaid",
        currency="CNY",
        lines=(a_line(price=total),),
        subtotal=total,
        discounts=(),
        shipping=0,
        total=total,
        shipping_address={"name": "Mei", "province": province, "city": "Hangzhou", "line1": "1 Rd"},
        created_at=T0,
        updated_at=T0,
        payment_due_at=T0 + timedelta(minutes=30),
    )


# --- the transition table -------------------------------------------------------------------
def test_the_table_covers_every_status_and_only_known_ones():
    assert set(TRANSITIONS) == set(STATUSES)
    assert all(targets <= set(STATUSES) for targets in TRANSITIONS.values())
    assert {(a, b) for a, targets in TRANSITIONS.items() for b in targets} == ALLOWED


@pytest.mark.parametrize(("start", "to"), sorted(ALLOWED))
def test_allowed_transition_moves_the_order_and_records_it(start, to):
    order = an_order(status=start)
    assert order.can_move_to(to)
    moved = transition(order, to, T1, "staff:key_1", "because")
    assert moved.status == to and moved.updated_at == T1
    assert moved.timeline == (TimelineEntry(T1, "status_changed", "staff:key_1", start, to, "because"),)
    assert order.status == start and order.timeline == ()  # the original is untouched


@pytest.mark.parametrize(("start", "to"), [p for p in ALL_PAIRS if p not in ALLOWED])
def test_any_other_transition_is_refused(start, to):
    order = an_order(status=start)
    assert not order.can_move_to(to)
    with pytest.raises(InvalidTransition) as raised:
        transition(order, to, T1, "system")
    assert raised.value.code == "invalid_transition"
    assert raised.value.extra == {"current_status": start}
    assert start in raised.value.detail and to in raised.value.detail


def test_completed_and_cancelled_are_final():
    assert TRANSITIONS["completed"] == frozenset() and TRANSITIONS["cancelled"] == frozenset()


def test_timeline_accumulates_in_order_through_the_happy_path():
    order = an_order()
    path = ["paid", "fulfilling", "shipped", "delivered", "completed"]
    for i, to in enumerate(path):
        order = transition(order, to, T0 + timedelta(minutes=i + 1), "system")
    assert order.status == "completed"
    assert [(e.from_status, e.to_status) for e in order.timeline] == list(
        zip(["pending_payment", *path[:-1]], path, strict=True)
    )
    assert [e.at for e in order.timeline] == [T0 + timedelta(minutes=i + 1) for i in range(len(path))]
    assert all(e.type == "status_changed" and e.actor == "system" for e in order.timeline)


def test_review_round_trip_is_recorded():
    order = transition(an_order(), "paid", T1, "stripe", "payment succeeded")
    order = transition(order, "under_review", T1, "system", "large_order")
    order = transition(order, "paid", T1 + timedelta(hours=1), "staff:key_9", "review approved")
    assert [(e.to_status, e.actor, e.reason) for e in order.timeline] == [
        ("paid", "stripe", "payment succeeded"),
        ("under_review", "system", "large_order"),
        ("paid", "staff:key_9", "review approved"),
    ]


def test_note_adds_an_entry_without_changing_status():
    order = note(an_order(), T1, "payment_failed", "stripe", "card declined", code="card_declined")
    assert order.status == "pending_payment" and order.updated_at == T1
    (entry,) = order.timeline
    assert entry == TimelineEntry(
        T1, "payment_failed", "stripe", None, None, "card declined", {"code": "card_declined"}
    )


def test_customers_may_cancel_only_before_fulfilment():
    assert sorted(CANCELLABLE_BY_CUSTOMER) == ["deposit_pending", "paid", "pending_payment", "under_review"]
    assert all("cancelled" in TRANSITIONS[s] for s in CANCELLABLE_BY_CUSTOMER)


def test_progress_orders_statuses_and_cancelled_is_furthest():
    ranked = sorted(PROGRESS, key=PROGRESS.__getitem__)
    assert ranked == list(STATUSES[:-1]) + ["cancelled"]
    assert PAYMENT_STATUSES == ("unpaid", "deposit_paid", "paid", "partially_refunded", "refunded", "disputed")


# --- risk review ------------------------------------------------------------------------------
def test_no_policy_means_no_review():
    assert risk_reasons(an_order(total=10**9, province="Xinjiang"), RiskPolicy(), orders_last_hour=1000) == ()


@pytest.mark.parametrize(("total", "expected"), [(500000, ()), (500001, ("large_order",)), (10, ())])
def test_large_order_is_strictly_above_the_threshold(total, expected):
    assert risk_reasons(an_order(total=total), RiskPolicy(review_over=500000), 0) == expected


def test_high_risk_region_by_shipping_province():
    policy = RiskPolicy(provinces=frozenset({"Xinjiang", "Tibet"}))
    assert risk_reasons(an_order(province="Tibet"), policy, 0) == ("high_risk_region",)
    assert risk_reasons(an_order(province="Zhejiang"), policy, 0) == ()
    no_province = replace(an_order(), shipping_address={"name": "Mei"})
    assert risk_reasons(no_province, policy, 0) == ()


@pytest.mark.parametrize(("count", "expected"), [(5, ()), (6, ("order_velocity",)), (0, ())])
def test_order_velocity_is_strictly_above_the_hourly_limit(count, expected):
    assert risk_reasons(an_order(), RiskPolicy(max_orders_per_hour=5), count) == expected


def test_every_rule_can_apply_at_once_in_a_stable_order():
    policy = RiskPolicy(review_over=100, provinces=frozenset({"Tibet"}), max_orders_per_hour=1)
    assert risk_reasons(an_order(total=101, province="Tibet"), policy, 2) == (
        "large_order",
        "high_risk_region",
        "order_velocity",
    )


# --- refunds ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("paid", "refunded", "status"),
    [
        (10000, 0, "paid"),
        (10000, -5, "paid"),
        (10000, 1, "partially_refunded"),
        (10000, 9999, "partially_refunded"),
        (10000, 10000, "refunded"),
        (10000, 12000, "refunded"),
    ],
)
def test_refund_status(paid, refunded, status):
    assert refund_status(paid, refunded) == status


def test_a_refund_is_retried_at_once_when_it_failed_after_a_grace_when_pending_and_never_once_settled():
    def refund(status: str, at: datetime = T0) -> Refund:
        return Refund(
            "rf_1", "ord_1", 10000, status, "cancelled", "cancelled", at, updated_at=at + timedelta(seconds=5)
        )

    assert retry_due_at(refund("failed")) == T0 + timedelta(seconds=5)  # when it failed
    assert retry_due_at(refund("pending")) == T0 + PENDING_GRACE  # its answer may still come
    assert retry_due_at(refund("succeeded")) is None and retry_due_at(refund("refused")) is None
    refunds = (
        refund("succeeded"),
        refund("pending", T0 - timedelta(minutes=1)),
        refund("failed", T0 + timedelta(hours=1)),
    )
    assert first_retry_at(refunds) == T0 - timedelta(minutes=1) + PENDING_GRACE
    assert due_for_retry(refunds, T0) == ()
    assert due_for_retry(refunds, T0 + timedelta(minutes=4)) == (refunds[1],)


def test_a_staff_source_is_its_key_or_the_keys_digest_when_too_long_for_stripe():
    assert staff_source("k-1") == "staff:k-1"
    long = staff_source("x" * 255)
    assert long.startswith("staff:sha256:") and len(long) == len("staff:sha256:") + 64
    assert len(f"ord_{'0' * 26}:refund:{long}") <= 255 and staff_source("x" * 255) == long
