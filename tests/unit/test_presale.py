"""Presale (ADR 0026) over the domain and the fakes: the presale line's price
and the order's two amounts, the refund split over the two payments (a
property), the deposit and balance webhooks, the balance payment's window and
ownership, and the closing job's deposit rule. The random command sequences
with presale orders among the others: test_order_state_machine.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.error_codes import CheckoutErrorCode
from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.domain.orders import TRANSITIONS, Order
from chalicelib.domain.presale import PresaleRule, PresaleTerms, expected_amount, refund_split, terms_for
from chalicelib.domain.presale_pricing import price_presale
from chalicelib.domain.refunds import RefundRequest
from chalicelib.services.orders.presale import PresaleOrders

from .order_builders import OrderWorld
from .pricing_builders import FAR_AHEAD, LONG_AGO, NOW, a_coupon, a_line, a_promotion, price

RULE = PresaleRule(deposit=5000, deposit_value=10000, balance_starts_at=FAR_AHEAD, balance_ends_at=FAR_AHEAD)


def a_presale(**overrides):
    values = {"sku": "PS-1", "price": 50000, "presale": RULE, "starts_at": LONG_AGO, "ends_at": NOW + timedelta(days=1)}
    return a_promotion("presale", **{**values, **overrides})


# --- pricing and amounts ---------------------------------------------------------------------------
def test_a_presale_line_costs_the_final_price_less_the_deposits_extra_worth():
    promotion = a_presale()
    priced = price([a_line("PS-1", list_price=60000, quantity=2)], [promotion])
    cart = price_presale(priced, [promotion], NOW)
    (line,) = cart.lines
    assert line.unit_price == 50000 and line.price_source == "presale"
    assert [(a.kind, a.amount) for a in line.adjustments] == [("presale", 10000)]  # (10000 - 5000) x 2
    assert line.line_total == line.payable == 90000 and cart.total == 90000 + cart.shipping.amount
    terms = terms_for(promotion.id, RULE, 2, cart.total)
    assert terms.deposit == 10000 and terms.balance == 80000 + cart.shipping.amount  # (50000 - 10000) x 2
    assert terms.deposit + terms.balance == cart.total


def test_outside_its_deposit_window_the_sku_is_priced_as_usual_and_a_presale_takes_no_coupon():
    ended = a_presale(ends_at=NOW)
    priced = price([a_line("PS-1", list_price=60000)], [ended])
    assert price_presale(priced, [ended], NOW) == priced
    coupon = a_coupon(code="TEN", amount_off=1000)
    with_coupon = price([a_line("PS-1", list_price=60000)], [a_presale()], coupon=coupon)
    cart = price_presale(with_coupon, [a_presale()], NOW)
    assert cart.coupon is not None and not cart.coupon.applied and cart.discounts == ()


def test_each_payment_of_a_presale_order_has_its_own_amount():
    terms = PresaleTerms("promo_1", 5000, 40000, NOW, FAR_AHEAD, balance_intent_id="pi_bal")
    assert expected_amount(terms, 45000, "pi_dep") == 5000
    assert expected_amount(terms, 45000, "pi_bal") == 40000
    assert expected_amount(None, 45000, "pi_any") == 45000


@given(
    deposit=st.integers(1, 10_000),
    balance=st.integers(0, 50_000),
    refunds=st.lists(st.integers(1, 20_000), max_size=6),
)
def test_refunds_take_the_balance_first_and_never_more_than_either_payment(deposit, balance, refunds):
    terms = PresaleTerms("promo_1", deposit, balance, NOW, FAR_AHEAD, balance_intent_id="pi_bal")
    paid, before, from_balance_total, from_deposit_total = deposit + balance, 0, 0, 0
    for amount in refunds:
        amount = min(amount, paid - before)
        if amount <= 0:
            break
        from_balance, from_deposit = refund_split(terms, paid, before, amount)
        assert from_balance + from_deposit == amount and from_balance >= 0 and from_deposit >= 0
        assert from_deposit == 0 or from_balance_total + from_balance == balance  # the balance is used up first
        from_balance_total += from_balance
        from_deposit_total += from_deposit
        before += amount
    assert from_balance_total <= balance and from_deposit_total <= deposit


def test_the_presale_states_are_in_the_one_table():
    assert TRANSITIONS["deposit_pending"] == {"balance_due", "cancelled"}
    assert TRANSITIONS["balance_due"] == {"paid", "cancelled"}
    assert "balance_due" in TRANSITIONS["deposit_pending"] and "paid" not in TRANSITIONS["deposit_pending"]


# --- the services over the fakes -------------------------------------------------------------------
class Presale:
    def __init__(self, refundable: bool = False) -> None:
        self.world = w = OrderWorld()
        w.stock("PS-1", 5)
        self.service = PresaleOrders(w.changes, w.gateway, w.payments, w.refunds)
        now = w.clock.now()
        terms = PresaleTerms(
            "promo_1", 5000, 40000, now + timedelta(hours=1), now + timedelta(hours=2), deposit_refundable=refundable
        )
        placed = w.place(
            {"PS-1": 1}, prices={"PS-1": 45000}, with_intent=False, status="deposit_pending", presale=terms
        )
        intent = w.gateway.create_payment_intent(placed.id, 5000, "CNY", placed.customer_id, "k")
        w.orders.set_payment_intent(placed.id, intent.id)
        self.order_id = placed.id

    @property
    def order(self) -> Order:
        return self.world.get(self.order_id)

    def pay_deposit(self) -> str:
        return self.world.payments.apply_stripe_event(self.world.succeeded(self.order))


def test_the_deposit_makes_the_order_balance_due_and_its_stock_stays_reserved():
    p = Presale()
    assert p.pay_deposit() == "balance_due"
    assert p.order.status == "balance_due" and p.order.payment_status == "deposit_paid"
    assert p.order.amount_paid == 5000 and p.world.level("PS-1")["reserved"] == 1
    assert "order.balance_due" in [e.type for e in p.world.publisher.published]
    assert p.pay_deposit() == "no_change"  # the deposit's intent again (another event id)


def test_the_balance_payment_is_the_owners_in_its_window_and_created_once():
    p = Presale()
    with pytest.raises(Conflict) as not_due:
        p.service.balance_payment(p.order.customer_id, p.order_id)
    assert not_due.value.code == CheckoutErrorCode.BALANCE_NOT_DUE
    p.pay_deposit()
    with pytest.raises(Conflict) as early:
        p.service.balance_payment(p.order.customer_id, p.order_id)
    assert early.value.code == CheckoutErrorCode.BALANCE_WINDOW_NOT_OPEN
    p.world.later(minutes=61)
    with pytest.raises(NotFound):
        p.service.balance_payment("cus_someone_else", p.order_id)
    first = p.service.balance_payment(p.order.customer_id, p.order_id)
    again = p.service.balance_payment(p.order.customer_id, p.order_id)
    assert first.payment.id == again.payment.id and first.payment.amount == 40000
    assert p.order.presale is not None and p.order.presale.balance_intent_id == first.payment.id
    wrong = {**p.world.gateway.succeed(first.payment.id)}
    wrong["data"]["object"]["amount_received"] = 45000  # the order's total, not the balance
    assert p.world.payments.apply_stripe_event(wrong) == "amount_mismatch"
    assert p.world.payments.apply_stripe_event(p.world.gateway.succeed(first.payment.id)) == "paid"
    assert p.order.status in ("paid", "under_review") and p.order.amount_paid == 45000
    assert p.order.payment_status == "paid"
    p.world.later(minutes=60)
    with pytest.raises(Conflict) as closed:
        p.service.balance_payment(p.order.customer_id, p.order_id)
    assert closed.value.code == CheckoutErrorCode.BALANCE_NOT_DUE


@pytest.mark.parametrize("refundable", [False, True])
def test_an_unpaid_balance_is_closed_with_the_deposit_kept_or_refunded(refundable):
    p = Presale(refundable)
    p.pay_deposit()
    now = p.world.clock.now()
    assert p.service.close_unpaid_balances(now + timedelta(hours=2) - timedelta(seconds=1))["examined"] == 0
    summary = p.service.close_unpaid_balances(now + timedelta(hours=2))
    assert summary["cancelled"] == 1
    assert summary["deposits_refunded" if refundable else "deposits_kept"] == 1
    closed = p.order
    assert closed.status == "cancelled" and p.world.level("PS-1") == {"on_hand": 5, "reserved": 0, "available": 5}
    assert closed.timeline[-1 if not refundable else -2].type in ("status_changed", "refund_requested")
    if refundable:
        assert closed.amount_refunded == 5000 and closed.payment_status == "refunded"
        assert [(pi, amount) for pi, amount, _ in p.world.gateway.refunds] == [(closed.payment_intent_id, 5000)]
    else:
        assert closed.amount_paid == 5000 and closed.amount_refunded == 0 and p.world.gateway.refunds == []
    assert p.service.close_unpaid_balances(now + timedelta(hours=3))["examined"] == 0


def test_a_balance_paid_just_before_the_job_is_recorded_not_cancelled():
    p = Presale()
    p.pay_deposit()
    p.world.later(minutes=90)
    asked = p.service.balance_payment(p.order.customer_id, p.order_id)
    p.world.gateway.intents[asked.payment.id]["status"] = "succeeded"  # its webhook late
    summary = p.service.close_unpaid_balances(p.world.clock.now() + timedelta(hours=1))
    assert summary["paid_meanwhile"] == 1 and p.order.status in ("paid", "under_review")


def test_a_refund_of_a_presale_order_takes_the_balance_first():
    p = Presale()
    p.pay_deposit()
    p.world.later(minutes=61)
    balance_intent = p.service.balance_payment(p.order.customer_id, p.order_id).payment.id
    p.world.payments.apply_stripe_event(p.world.gateway.succeed(balance_intent))
    p.world.refunds.refund_order(RefundRequest(p.order_id, "staff:1", "goodwill", "staff:key", amount=30000))
    p.world.refunds.refund_order(RefundRequest(p.order_id, "staff:2", "goodwill", "staff:key", amount=12000))
    taken = [(pi, amount) for pi, amount, _ in p.world.gateway.refunds]
    deposit_intent = p.order.payment_intent_id
    assert taken == [(balance_intent, 30000), (balance_intent, 10000), (deposit_intent, 2000)]
    assert p.order.amount_refunded == 42000 and p.order.payment_status == "partially_refunded"


def test_settlement_counts_both_payments_of_a_presale_order():
    from .settlement_fakes import FakeQueue, FakeRuns, FakeWorld, a_paid_order, a_service

    paid_at = datetime(2026, 11, 2, 4, 0, tzinfo=UTC)
    run_at = paid_at + timedelta(days=9)
    terms = PresaleTerms("promo_1", 5000, 40000, paid_at, paid_at, balance_intent_id="pi_bal")
    order = a_paid_order(paid_at, amount=45000, payment_intent_id="pi_dep", presale=terms)

    class TwoPayments:
        def payment_facts(self, payment_intent_id: str) -> tuple[int | None, int | None]:
            return {"pi_dep": (5000, 150), "pi_bal": (40000, 1200)}[payment_intent_id]

    world = FakeWorld()
    world.add(order)
    service = a_service(world, FakeRuns(), FakeQueue(), run_at, inline_max=10_000)
    service.payments = TwoPayments()
    service.settle(run_at)
    (line,) = [line for day in world.lines for line in world.lines_of(day)]
    assert line.gross == 45000 and line.fees == 1350 and line.fee_source == "stripe" and line.mismatch is None


def test_a_balance_asked_for_while_the_order_closes_is_never_payable():
    p = Presale()
    p.pay_deposit()
    p.world.later(minutes=61)
    closes_at = p.world.clock.now() + timedelta(hours=1)
    stale = p.order  # what a closing run read before the customer asked
    asked = p.service.balance_payment(p.order.customer_id, p.order_id)
    assert p.service._close(stale, closes_at) == "skipped" and p.order.status == "balance_due"
    assert p.service.close_unpaid_balances(closes_at)["cancelled"] == 1  # the next run cancels the intent first
    assert p.world.gateway.intents[asked.payment.id]["status"] == "canceled"

    q = Presale()
    q.pay_deposit()
    q.world.later(minutes=61)
    create = q.world.gateway.create_payment_intent

    def closed_meanwhile(*args, **kwargs):
        intent = create(*args, **kwargs)
        q.service.close_unpaid_balances(q.world.clock.now() + timedelta(hours=1))
        return intent

    q.world.gateway.create_payment_intent = closed_meanwhile
    with pytest.raises(Conflict) as refused:
        q.service.balance_payment(q.order.customer_id, q.order_id)
    assert refused.value.code == CheckoutErrorCode.BALANCE_NOT_DUE and q.order.status == "cancelled"
    (balance_intent,) = [i for i in q.world.gateway.intents.values() if i["amount"] == 40000]
    assert balance_intent["status"] == "canceled" and q.order.presale.balance_intent_id is None
