"""The requeue_fulfillment job (OrderJobs.requeue_fulfillment) over the fakes: a
paid order whose order.ready_for_fulfillment message was lost (a restarted
queue, the DLQ) is sent to the fulfillment queue again once it has waited
requeue_after (10 minutes), with a new event, and only to the queue; orders held
for review are not; overlapping runs send it once."""

from __future__ import annotations

from datetime import timedelta

from chalicelib.domain.orders import RiskPolicy
from chalicelib.services.orders.jobs import REQUEUED

from .order_builders import OrderWorld

NOTHING = {"examined": 0, "requeued": 0, "skipped": 0, "failed": 0}


def paid_order(w: OrderWorld, code: str, customer_id: str = "cus_1", total: int = 1):  # type: ignore[no-untyped-def]
    w.stock(code, on_hand=5)
    return w.pay(w.place({code: total}, customer_id=customer_id))


def requeued_ids(w: OrderWorld) -> list[str]:
    return [str(e.data["order_id"]) for e in w.fulfillment_queue.published]


def test_a_paid_order_is_requeued_once_it_has_waited_ten_minutes():
    w = OrderWorld()
    order = paid_order(w, "RQ-1")
    paid_at = w.clock.now()
    first = next(e for e in w.publisher.published if e.type == "order.ready_for_fulfillment")
    bus_before = list(w.publisher.published)

    assert w.jobs.requeue_fulfillment(paid_at + timedelta(minutes=9, seconds=59)) == NOTHING
    assert w.fulfillment_queue.published == []

    as_of = paid_at + timedelta(minutes=10)
    assert w.jobs.requeue_fulfillment(as_of) == {**NOTHING, "examined": 1, "requeued": 1}
    [sent] = w.fulfillment_queue.published
    assert sent.type == "order.ready_for_fulfillment" and sent.id != first.id  # a new event
    assert sent.data["order_id"] == order.id and sent.data["status"] == "paid"
    assert w.publisher.published == bus_before  # not to EventBridge, not through the outbox
    body = w.get(order.id)
    assert body.status == "paid"
    assert (body.timeline[-1].type, body.timeline[-1].at, body.timeline[-1].actor) == (REQUEUED, as_of, "system")

    # Sent once per period: the next run finds it waiting since the requeue.
    assert w.jobs.requeue_fulfillment(as_of + timedelta(minutes=5)) == NOTHING
    assert w.jobs.requeue_fulfillment(as_of + timedelta(minutes=10))["requeued"] == 1
    assert requeued_ids(w) == [order.id, order.id]

    # The worker takes one message; the other finds the order no longer paid.
    assert w.fulfillment.start_fulfillment(order.id) == "started"
    assert w.fulfillment.start_fulfillment(order.id) == "skipped:fulfilling"
    assert w.jobs.requeue_fulfillment(as_of + timedelta(hours=1)) == NOTHING


def test_orders_held_for_review_are_not_requeued_until_cleared():
    w = OrderWorld(risk=RiskPolicy(review_over=15000))
    held = paid_order(w, "RQ-2", total=2)
    assert held.status == "under_review"
    plain = paid_order(w, "RQ-3", customer_id="cus_2")

    summary = w.jobs.requeue_fulfillment(w.clock.now() + timedelta(minutes=30))
    assert summary == {**NOTHING, "examined": 1, "requeued": 1}
    assert requeued_ids(w) == [plain.id]
    assert w.get(held.id).status == "under_review"

    w.later(hours=1)
    cleared_at = w.clock.now()
    w.actions.approve(held.id, "staff:key_1")  # its message is lost as well
    w.fulfillment.start_fulfillment(plain.id)
    assert w.jobs.requeue_fulfillment(cleared_at + timedelta(minutes=9)) == NOTHING  # waits from the approval
    assert w.jobs.requeue_fulfillment(cleared_at + timedelta(minutes=10)) == {**NOTHING, "examined": 1, "requeued": 1}
    assert requeued_ids(w) == [plain.id, held.id]
    assert w.fulfillment.start_fulfillment(held.id) == "started"


def test_a_paid_order_flagged_and_not_cleared_is_not_requeued():
    """Not a state the services produce (a flagged order becomes under_review), but
    the worker would refuse it, so the job does not send it."""
    from dataclasses import replace

    w = OrderWorld()
    order = paid_order(w, "RQ-4")
    w.orders.orders[order.id] = replace(w.get(order.id), risk_reasons=("large_order",))
    assert w.jobs.requeue_fulfillment(w.clock.now() + timedelta(hours=1)) == NOTHING
    assert w.fulfillment_queue.published == []


def test_oldest_first_in_bounded_batches_and_late_payments_do_not_stop_the_scan():
    w = OrderWorld()
    w.stock("RQ-5", on_hand=10)
    placed = [w.place({"RQ-5": 1}, customer_id=f"cus_{i}") for i in range(4)]
    for order in placed[1:]:
        w.pay(order)
    w.later(minutes=20)
    w.pay(placed[0])  # placed first, paid last: not due yet
    as_of = w.clock.now() + timedelta(minutes=5)

    first = w.jobs.requeue_fulfillment(as_of, batch=2)
    assert first == {**NOTHING, "examined": 2, "requeued": 2}
    assert requeued_ids(w) == [placed[1].id, placed[2].id]
    second = w.jobs.requeue_fulfillment(as_of, batch=2)
    assert second == {**NOTHING, "examined": 1, "requeued": 1}
    assert requeued_ids(w) == [placed[1].id, placed[2].id, placed[3].id]
    assert w.get(placed[0].id).timeline[-1].type != REQUEUED

    assert w.jobs.requeue_fulfillment(as_of + timedelta(minutes=5), batch=10)["requeued"] == 1  # placed[0] now due
    assert requeued_ids(w)[-1] == placed[0].id


def test_orders_placed_less_than_ten_minutes_ago_end_the_scan():
    w = OrderWorld()
    order = paid_order(w, "RQ-6")
    reads: list[int] = []
    original = w.orders.by_status

    def counting(status, limit, after, oldest_first=False):  # type: ignore[no-untyped-def]
        page = original(status, limit, after, oldest_first)
        reads.append(len(page.items))
        return page

    w.orders.by_status = counting  # type: ignore[method-assign]
    assert w.jobs.requeue_fulfillment(order.created_at + timedelta(minutes=5)) == NOTHING
    assert reads == [1]


def test_overlapping_runs_send_the_message_once():
    w = OrderWorld()
    order = paid_order(w, "RQ-7")
    as_of = w.clock.now() + timedelta(minutes=15)
    stale = w.orders.by_status("paid", 100, None, oldest_first=True)  # what the other run listed

    assert w.jobs.requeue_fulfillment(as_of)["requeued"] == 1
    w.orders.by_status = lambda *args, **kw: stale  # type: ignore[method-assign]
    overlapping = w.jobs.requeue_fulfillment(as_of + timedelta(minutes=1))

    assert overlapping == {**NOTHING, "examined": 1, "skipped": 1}
    assert requeued_ids(w) == [order.id]
    assert [e.type for e in w.get(order.id).timeline].count(REQUEUED) == 1


def test_an_order_the_worker_took_meanwhile_is_skipped():
    w = OrderWorld()
    order = paid_order(w, "RQ-8")
    stale = w.orders.by_status("paid", 100, None, oldest_first=True)
    assert w.fulfillment.start_fulfillment(order.id) == "started"  # the message was only late
    w.orders.by_status = lambda *args, **kw: stale  # type: ignore[method-assign]

    assert w.jobs.requeue_fulfillment(w.clock.now() + timedelta(minutes=15)) == {**NOTHING, "examined": 1, "skipped": 1}
    assert w.fulfillment_queue.published == []
    assert w.get(order.id).status == "fulfilling"


def test_a_queue_that_cannot_be_reached_is_retried_a_period_later():
    w = OrderWorld()
    order = paid_order(w, "RQ-9")
    as_of = w.clock.now() + timedelta(minutes=10)
    w.fulfillment_queue.failing = True

    assert w.jobs.requeue_fulfillment(as_of) == {**NOTHING, "examined": 1, "failed": 1}
    w.fulfillment_queue.failing = False
    assert w.jobs.requeue_fulfillment(as_of + timedelta(minutes=5)) == NOTHING
    assert w.jobs.requeue_fulfillment(as_of + timedelta(minutes=10)) == {**NOTHING, "examined": 1, "requeued": 1}
    assert requeued_ids(w) == [order.id]


def test_one_order_that_cannot_be_written_does_not_stop_the_others():
    w = OrderWorld()
    broken = paid_order(w, "RQ-10")
    fine = paid_order(w, "RQ-11", customer_id="cus_2")
    original = w.orders.save

    def save(order, change, previous=None):  # type: ignore[no-untyped-def]
        if order.id == broken.id:
            raise RuntimeError("the table is unreachable")
        return original(order, change, previous)

    w.orders.save = save  # type: ignore[method-assign]
    summary = w.jobs.requeue_fulfillment(w.clock.now() + timedelta(minutes=10))

    assert summary == {**NOTHING, "examined": 2, "requeued": 1, "failed": 1}
    assert requeued_ids(w) == [fine.id]
    assert w.get(broken.id).timeline[-1].type != REQUEUED
