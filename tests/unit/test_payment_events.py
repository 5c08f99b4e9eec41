"""Stripe's payment facts applied to orders (PaymentEventService) over the fakes:
each event at most once, never moving an order back, a wrong amount left to a
person, refunds and disputes recorded, Stripe's own cancel returning the stock,
a payment after cancellation refunded. (Moved down from the integration tier;
signatures and the webhook's HTTP answer stay there.)"""

from __future__ import annotations

from datetime import timedelta

from tests.payments import event

from .order_builders import OrderWorld


def status_changes(order):
    return [(e.from_status, e.to_status) for e in order.timeline if e.type == "status_changed"]


def test_another_succeeded_event_for_the_same_intent_changes_nothing():
    w = OrderWorld()
    w.stock("WH-3")
    order = w.pay(w.place({"WH-3": 1}))

    assert w.payments.apply_stripe_event(w.succeeded(order)) == "no_change"
    assert w.get(order.id) == order


def test_unknown_event_types_are_acknowledged_and_ignored_once():
    w = OrderWorld()
    evt = event("customer.created", {"id": "cus_stripe_1"})

    assert w.payments.apply_stripe_event(evt) == "ignored"
    assert w.payments.apply_stripe_event(evt) == "duplicate"


def test_payment_failed_keeps_the_order_pending_and_notes_it():
    w = OrderWorld()
    w.stock("WH-5")
    order = w.place({"WH-5": 1})
    failed = {**w.intent(order), "last_payment_error": {"message": "Your card was declined."}}

    assert w.payments.apply_stripe_event(event("payment_intent.payment_failed", failed)) == "payment_failed"

    noted = w.get(order.id)
    assert (noted.status, noted.payment_status) == ("pending_payment", "unpaid")
    (entry,) = [e for e in noted.timeline if e.type == "payment_failed"]
    assert (entry.reason, entry.actor) == ("Your card was declined.", "stripe")
    assert w.payments.apply_stripe_event(w.succeeded(order)) == "paid"  # can still be paid


def test_payment_failed_after_success_never_moves_the_order_back():
    w = OrderWorld()
    w.stock("WH-6")
    order = w.pay(w.place({"WH-6": 1}))

    assert w.payments.apply_stripe_event(event("payment_intent.payment_failed", w.intent(order))) == "no_change"

    after = w.get(order.id)
    assert (after.status, after.payment_status) == ("paid", "paid")
    assert not [e for e in after.timeline if e.type == "payment_failed"]


def test_an_amount_mismatch_does_not_pay_the_order_and_is_left_to_customer_service():
    w = OrderWorld()
    w.stock("WH-7", price=10000)
    order = w.place({"WH-7": 1})
    pi = w.intent(order)
    short = event("payment_intent.succeeded", {**pi, "status": "succeeded", "amount_received": pi["amount"] - 1})

    assert w.payments.apply_stripe_event(short) == "amount_mismatch"

    body = w.get(order.id)
    assert (body.status, body.payment_status, body.amount_paid) == ("pending_payment", "unpaid", 0)
    (mismatch,) = [e for e in body.timeline if e.type == "payment_mismatch"]
    assert mismatch.data == {"amount": pi["amount"] - 1, "currency": "CNY"}
    other_currency = event("payment_intent.succeeded", {**pi, "currency": "usd", "amount_received": pi["amount"]})
    assert w.payments.apply_stripe_event(other_currency) == "no_change"
    assert w.get(order.id).status == "pending_payment"
    # Money was taken for the wrong amount: one open exception for customer service.
    (exception,) = w.exceptions.by_status("open", 10, None).items
    assert (exception.order_id, exception.kind, exception.owner_role) == (
        order.id,
        "payment_mismatch",
        "customer_service",
    )
    assert f"succeeded for {pi['amount'] - 1} CNY" in exception.detail
    # The expiry job leaves it to them: neither cancelled (the money would be kept) nor asked of Stripe again.
    summary = w.jobs.release_unpaid(order.created_at + timedelta(minutes=31))
    assert (summary["examined"], summary["mismatched"], summary["cancelled"]) == (1, 1, 0)
    assert w.get(order.id).status == "pending_payment"
    assert w.intent(order)["status"] == "requires_payment_method"  # not cancelled at Stripe


def test_refunds_reported_by_stripe_update_the_payment_status():
    w = OrderWorld()
    w.stock("WH-8", price=10000)
    order = w.pay(w.place({"WH-8": 1}))
    total = order.total

    assert w.payments.apply_stripe_event(w.charge_event("charge.refunded", order, amount_refunded=3000)) == "refunded"
    partly = w.get(order.id)
    assert (partly.status, partly.payment_status, partly.amount_refunded) == ("paid", "partially_refunded", 3000)

    assert w.payments.apply_stripe_event(w.charge_event("charge.refunded", order, amount_refunded=total)) == "refunded"
    body = w.get(order.id)
    assert (body.payment_status, body.amount_refunded) == ("refunded", total)
    assert [e.data["amount"] for e in body.timeline if e.type == "refund"] == [3000, total - 3000]
    assert w.publisher.types().count("order.refunded") == 2


def test_a_dispute_marks_the_payment_disputed_once():
    w = OrderWorld()
    w.stock("WH-9")
    order = w.pay(w.place({"WH-9": 1}))
    dispute = w.charge_event("charge.dispute.created", order, id="dp_1", reason="fraudulent")

    assert w.payments.apply_stripe_event(dispute) == "disputed"
    body = w.get(order.id)
    assert (body.status, body.payment_status) == ("paid", "disputed")
    again = w.charge_event("charge.dispute.created", order, id="dp_1", reason="fraudulent")
    assert w.payments.apply_stripe_event(again) == "no_change"


def test_intent_canceled_by_stripe_cancels_a_pending_order_and_returns_stock():
    w = OrderWorld()
    w.stock("WH-10", on_hand=4)
    order = w.place({"WH-10": 3})
    assert w.level("WH-10") == {"on_hand": 4, "reserved": 3, "available": 1}

    canceled = event("payment_intent.canceled", {**w.intent(order), "status": "canceled"})
    assert w.payments.apply_stripe_event(canceled) == "cancelled"

    body = w.get(order.id)
    assert body.status == "cancelled" and ("pending_payment", "cancelled") in status_changes(body)
    assert w.level("WH-10") == {"on_hand": 4, "reserved": 0, "available": 4}
    released = [e for e in w.store.ledger["WH-10"].values() if e.reason == "released"]
    assert [(e.reference, e.reserved_delta) for e in released] == [(order.id, -3)]


def test_a_payment_after_cancellation_is_refunded_automatically():
    w = OrderWorld()
    w.stock("LP-1", on_hand=5, price=7000)
    order = w.place({"LP-1": 1}, prices={"LP-1": 7000})
    w.actions.cancel_by_customer(order.customer_id, order.id)

    assert w.payments.apply_stripe_event(w.succeeded(order)) == "refunding_late_payment"

    body = w.get(order.id)
    assert body.status == "cancelled"
    assert (body.payment_status, body.amount_paid, body.amount_refunded) == ("refunded", order.total, order.total)
    assert [(pi, amount) for pi, amount, _ in w.gateway.refunds] == [(order.payment_intent_id, order.total)]
    assert {e.type for e in body.timeline} >= {"late_payment", "refund"}
    assert w.level("LP-1") == {"on_hand": 5, "reserved": 0, "available": 5}


def test_a_refund_reported_before_its_payment_is_kept_within_the_total_until_the_payment_lands():
    """Stripe's deliveries are unordered; it refunds only a charge that succeeded."""
    w = OrderWorld()
    w.stock("WH-20", price=10000)
    order = w.place({"WH-20": 1})
    early = w.charge_event("charge.refunded", order, amount_refunded=order.total * 3)
    assert w.payments.apply_stripe_event(early) == "refunded"
    held = w.get(order.id)
    assert (held.status, held.amount_paid, held.amount_refunded) == ("pending_payment", 0, order.total)

    paid = w.pay(held)
    assert (paid.amount_paid, paid.amount_refunded, paid.payment_status) == (order.total, order.total, "refunded")


def test_a_refund_reported_above_the_amount_paid_is_recorded_up_to_the_amount_paid():
    w = OrderWorld()
    w.stock("WH-21", price=10000)
    order = w.pay(w.place({"WH-21": 1}))
    outcome = w.payments.apply_stripe_event(w.charge_event("charge.refunded", order, amount_refunded=order.total * 5))
    assert outcome == "refunded"
    after = w.get(order.id)
    assert (after.amount_refunded, after.payment_status) == (order.amount_paid, "refunded")
    assert [e.data["amount"] for e in after.timeline if e.type == "refund"] == [order.amount_paid]


def test_the_fee_stripe_knows_when_the_payment_lands_is_recorded_with_it():
    """Settlement then reads it from the order, not from Stripe at night (ADR 0029)."""
    w = OrderWorld()
    w.payments.facts = w.gateway
    w.stock("WH-F1")
    order = w.place({"WH-F1": 1})
    assert order.payment_intent_id is not None
    w.gateway.fees[order.payment_intent_id] = 290
    w.gateway.captured[order.payment_intent_id] = order.total - 1

    paid = w.pay(order)

    assert (paid.payment_fee, paid.payment_captured) == (290, order.total - 1)


def test_a_fee_stripe_cannot_tell_yet_or_stripe_down_still_records_the_payment():
    w = OrderWorld()
    w.payments.facts = w.gateway
    w.stock("WH-F2")
    unknown = w.pay(w.place({"WH-F2": 1}))  # no balance transaction yet: nothing recorded
    assert (unknown.status, unknown.payment_fee, unknown.payment_captured) == ("paid", None, None)

    order = w.place({"WH-F2": 1})
    evt = w.succeeded(order)
    w.gateway.down = True  # the fee cannot be asked: the payment is recorded all the same
    assert w.payments.apply_stripe_event(evt) == "paid"
    assert (w.get(order.id).payment_fee, w.get(order.id).payment_captured) == (None, None)
