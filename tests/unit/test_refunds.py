"""Refunds (RefundService, and the retry_refunds job that takes up the ones left
due) over the fakes: a provider that is down leaves the refund owed and retried
with its first idempotency key, one that refuses hands it to customer service.
(Moved down from the integration tier.)"""

from __future__ import annotations

from .order_builders import OrderWorld

NOTHING = {"examined": 0, "refunded": 0, "failed": 0, "refused": 0}


def paid(w: OrderWorld, sku: str):
    w.stock(sku, on_hand=5, price=8000)
    return w.pay(w.place({sku: 1}, prices={sku: 8000}))


def test_a_refund_the_provider_could_not_take_is_retried_until_paid_once():
    w = OrderWorld()
    order = paid(w, "CX-R")
    w.gateway.down = True

    cancelled = w.actions.cancel_by_customer(order.customer_id, order.id)

    assert cancelled.status == "cancelled"
    assert cancelled.amount_refunded == 0 and w.gateway.refunds == []  # owed, not lost
    assert w.jobs.retry_refunds(w.clock.now()) == {**NOTHING, "examined": 1, "failed": 1}  # still down
    w.gateway.down = False
    assert w.jobs.retry_refunds(w.clock.now()) == {**NOTHING, "examined": 1, "refunded": 1}
    assert w.jobs.retry_refunds(w.clock.now()) == NOTHING
    assert [(pi, amount) for pi, amount, _ in w.gateway.refunds] == [(order.payment_intent_id, order.total)]
    (key,) = {k for _, _, k in w.gateway.refunds}
    assert key == f"{order.id}:refund:cancelled"  # the key the first attempt used: Stripe pays it once
    done = w.get(order.id)
    assert (done.payment_status, done.amount_refunded) == ("refunded", order.total)


def test_a_refund_stripe_refuses_is_handed_to_customer_service_not_retried():
    w = OrderWorld()
    order = paid(w, "CX-RR")
    w.gateway.refusing = "Charge ch_1 has already been refunded."

    cancelled = w.actions.cancel_by_customer(order.customer_id, order.id)  # the cancellation stands

    assert (cancelled.status, cancelled.amount_refunded) == ("cancelled", 0)
    (refused,) = [e for e in cancelled.timeline if e.type == "refund_refused"]
    assert refused.data["message"] == "Charge ch_1 has already been refunded."
    assert w.exceptions.open_for(order.id) == [("refund_refused", "customer_service")]
    assert w.jobs.retry_refunds(w.clock.now())["examined"] == 0  # not retried: Stripe would refuse again
    assert w.level("CX-RR")["available"] == 5
    # Customer service refunds it in Stripe's dashboard; the webhook records it.
    reported = w.charge_event("charge.refunded", order, amount_refunded=order.total)
    assert w.payments.apply_stripe_event(reported) == "refunded"
    done = w.get(order.id)
    assert (done.payment_status, done.amount_refunded) == ("refunded", order.total)


def test_a_retried_refund_stripe_then_refuses_leaves_the_queue():
    w = OrderWorld()
    order = paid(w, "CX-RQ")
    w.gateway.down = True
    w.actions.cancel_by_customer(order.customer_id, order.id)
    w.gateway.down = False
    w.gateway.refusing = "This PaymentIntent's charge is disputed."

    assert w.jobs.retry_refunds(w.clock.now()) == {**NOTHING, "examined": 1, "refused": 1}
    assert w.jobs.retry_refunds(w.clock.now()) == NOTHING
    assert w.exceptions.open_for(order.id) == [("refund_refused", "customer_service")]
    assert w.gateway.refunds == []
