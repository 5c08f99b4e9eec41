"""The unpaid-order sweep (OrderJobs.release_unpaid) over the fakes: orders past
their payment window are cancelled and their stock returned, a payment whose
webhook never came is recorded from Stripe's answer, one Stripe is still
processing neither blocks nor is cancelled, one for another amount is left to a
person. (Moved down from the integration tier.)"""

from __future__ import annotations

from datetime import timedelta

from .order_builders import OrderWorld

NOTHING = {"examined": 0, "cancelled": 0, "paid_meanwhile": 0, "processing": 0, "mismatched": 0, "skipped": 0}


def test_unpaid_orders_are_released_after_the_payment_window():
    w = OrderWorld()
    w.stock("UX-1", on_hand=5)
    order = w.place({"UX-1": 2})

    early = w.jobs.release_unpaid(order.created_at + timedelta(minutes=29))
    assert early["cancelled"] == 0
    assert w.get(order.id).status == "pending_payment"
    assert w.intent(order)["status"] == "requires_payment_method"

    summary = w.jobs.release_unpaid(order.created_at + timedelta(minutes=31))
    assert summary == {**NOTHING, "examined": 1, "cancelled": 1}
    body = w.get(order.id)
    assert body.status == "cancelled" and body.timeline[-1].reason == "payment window expired"
    assert w.level("UX-1") == {"on_hand": 5, "reserved": 0, "available": 5}
    assert w.intent(order)["status"] == "canceled"
    assert "order.cancelled" in w.publisher.types()

    again = w.jobs.release_unpaid(order.created_at + timedelta(minutes=31))
    assert again == NOTHING
    assert w.level("UX-1") == {"on_hand": 5, "reserved": 0, "available": 5}
    assert w.get(order.id) == body


def test_a_paid_order_is_not_released():
    w = OrderWorld()
    w.stock("UX-2", on_hand=5)
    paid = w.pay(w.place({"UX-2": 1}, customer_id="cus_alice"))
    unpaid = w.place({"UX-2": 1}, customer_id="cus_bob")

    summary = w.jobs.release_unpaid(unpaid.created_at + timedelta(minutes=31))

    assert summary["cancelled"] == 1
    assert w.get(paid.id) == paid and paid.status == "paid"
    assert w.get(unpaid.id).status == "cancelled"
    assert w.level("UX-2") == {"on_hand": 5, "reserved": 1, "available": 4}
    assert w.gateway.refunds == []


def test_a_payment_whose_webhook_never_came_is_recorded_by_the_expiry_job():
    w = OrderWorld()
    w.stock("UX-3", on_hand=5)
    order = w.place({"UX-3": 2})
    lost = w.succeeded(order)  # paid at Stripe; the webhook is not delivered

    summary = w.jobs.release_unpaid(order.created_at + timedelta(minutes=31))

    assert summary == {**NOTHING, "examined": 1, "paid_meanwhile": 1}
    body = w.get(order.id)
    assert (body.status, body.payment_status, body.amount_paid) == ("paid", "paid", order.total)
    assert w.level("UX-3") == {"on_hand": 5, "reserved": 2, "available": 3}  # still reserved for shipping
    assert w.payments.apply_stripe_event(lost) == "no_change"  # the late webhook changes nothing
    assert w.get(order.id) == body
    assert w.jobs.release_unpaid(order.created_at + timedelta(minutes=31))["examined"] == 0


def test_orders_stripe_is_still_processing_do_not_hold_up_the_expiry_of_later_ones():
    w = OrderWorld()
    w.stock("UX-4", on_hand=5)
    slow = w.place({"UX-4": 1}, customer_id="cus_slow")
    w.intent(slow)["status"] = "processing"  # a bank transfer on its way
    w.later(seconds=1)
    unpaid = w.place({"UX-4": 1}, customer_id="cus_bob")

    summary = w.jobs.release_unpaid(unpaid.created_at + timedelta(minutes=31), batch=1)

    assert summary == {**NOTHING, "examined": 2, "cancelled": 1, "processing": 1}
    assert w.get(slow.id).status == "pending_payment"
    assert w.get(unpaid.id).status == "cancelled"
    assert w.level("UX-4") == {"on_hand": 5, "reserved": 1, "available": 4}


def test_a_mismatched_payment_found_by_the_expiry_job_is_an_exception_not_a_cancel():
    w = OrderWorld()
    w.stock("UX-5", on_hand=5)
    order = w.place({"UX-5": 1})
    w.succeeded(order)
    w.intent(order)["amount"] = 9000  # Stripe took another amount; its webhook never came
    as_of = order.created_at + timedelta(minutes=31)

    summary = w.jobs.release_unpaid(as_of)

    assert summary == {**NOTHING, "examined": 1, "mismatched": 1}
    body = w.get(order.id)
    assert (body.status, body.payment_status) == ("pending_payment", "unpaid")
    assert [e.data for e in body.timeline if e.type == "payment_mismatch"] == [{"amount": 9000, "currency": "CNY"}]
    assert w.exceptions.open_for(order.id) == [("payment_mismatch", "customer_service")]
    assert w.level("UX-5") == {"on_hand": 5, "reserved": 1, "available": 4}  # held until a person decides
    again = w.jobs.release_unpaid(as_of)
    assert (again["mismatched"], again["cancelled"]) == (1, 0)
    assert len(w.exceptions.by_status("open", 10, None).items) == 1
