"""After-sale requests through the service over the fakes: the flows of each
type, the eligibility rules and their codes, stock, the order's open requests,
the refund through the OrderRefunds port (once per request)."""

from __future__ import annotations

import pytest

from chalicelib.domain.error_codes import AfterSaleErrorCode
from chalicelib.domain.errors import InvalidTransition, NotFound, ValidationFailed

from .after_sale_builders import AfterSaleWorld


@pytest.fixture
def world() -> AfterSaleWorld:
    world = AfterSaleWorld()
    world.product("A", "A2")
    world.product("B", price=5000)
    return world


def test_a_return_is_answered_shipped_back_received_inspected_and_refunded(world):
    order = world.delivered({"A": 2, "B": 1})
    before = world.level("A")
    request = world.ask(order, "return_refund", {"A": 2}, "damaged", description="torn")
    assert request.status == "requested" and request.refund_amount == 20000
    assert request.due.respond_by == world.clock.now() + world.service.policy.respond_within
    assert world.w.get(order.id).open_after_sales == (request.id,)

    approved = world.service.approve(request.id, "staff:cs", {"line1": "Warehouse 1"})
    assert approved.status == "approved" and approved.due.ship_back_by is not None
    moving = world.service.return_shipment(order.customer_id, request.id, "sf", "SF9")
    assert moving.status == "return_in_transit" and moving.return_shipment == {
        "carrier": "sf",
        "tracking_number": "SF9",
    }
    received = world.service.receive(request.id, "staff:wh")
    assert received.due.inspect_by is not None
    done = world.service.inspect(request.id, "staff:wh", True, "as described")

    assert done.status == "refunded"
    assert world.level("A")["on_hand"] == before["on_hand"] + 2
    assert [e.reason for e in world.w.store.ledger["A"].values()][-1] == "customer_return"
    (call,) = world.refunds.calls
    assert (call.source, call.lines, call.seller_fault) == (f"after_sale:{request.id}", {"A": 2}, True)
    assert world.w.get(order.id).open_after_sales == ()
    assert world.events() == [
        "after_sale.requested",
        "after_sale.approved",
        "after_sale.received",
        "after_sale.inspected",
        "after_sale.refunded",
    ]


def test_a_failed_inspection_rejects_with_the_note_and_restocks_nothing(world):
    order = world.delivered({"A": 1})
    request = world.ask(order, "return_refund", {"A": 1}, "no_reason")
    world.service.approve(request.id, "staff:cs")
    world.service.receive(request.id, "staff:wh")  # no tracking number from the customer
    on_hand = world.level("A")["on_hand"]
    done = world.service.inspect(request.id, "staff:wh", False, "worn")
    assert done.status == "rejected" and done.inspection == {"result": "fail", "note": "worn"}
    assert world.level("A")["on_hand"] == on_hand and not world.refunds.calls
    assert world.w.get(order.id).open_after_sales == ()


def test_refund_only_before_shipment_releases_the_units_and_they_never_ship(world):
    order = world.paid({"A": 3})
    assert world.level("A")["reserved"] == 3
    request = world.ask(order, "refund_only", {"A": 1}, "no_reason")
    assert request.status == "refunded" and world.refunds.calls[0].lines == {"A": 1}
    order = world.w.get(order.id)
    assert order.withdrawn == {"A": 1} and order.unshipped() == {"A": 2} and order.open_after_sales == ()
    assert world.level("A")["reserved"] == 2
    world.w.fulfillment.start_fulfillment(order.id)
    shipped = world.w.fulfillment.ship(order.id, "sf", "X1", None, "staff:wh")
    assert shipped.status == "shipped" and shipped.shipments[0].lines == {"A": 2}
    assert world.level("A") == {"on_hand": 8, "reserved": 0, "available": 8}


def test_refund_only_of_every_unit_before_shipment_cancels_the_order(world):
    order = world.paid({"A": 1, "B": 1})
    first = world.ask(order, "refund_only", {"A": 1}, "no_reason")
    second = world.ask(order, "refund_only", {"B": 1}, "no_reason")
    assert (first.status, second.status) == ("refunded", "refunded")
    order = world.w.get(order.id)
    assert order.status == "cancelled" and order.open_after_sales == ()
    assert world.level("A")["reserved"] == 0 and world.level("B")["reserved"] == 0
    assert len(world.refunds.calls) == 1  # the second unit's money came back with the cancellation


def test_an_order_with_every_unit_withdrawn_is_not_taken_into_fulfillment(world):
    order = world.paid({"A": 1})
    world.w.actions.cancel = lambda *a: (_ for _ in ()).throw(AssertionError("not cancelled yet"))  # noqa: ARG005
    world.service.cancel_order = lambda order, actor, reason: order  # the cancellation comes later
    world.ask(order, "refund_only", {"A": 1}, "no_reason")
    assert world.w.get(order.id).unshipped() == {} and world.level("A")["reserved"] == 0
    assert world.w.fulfillment.start_fulfillment(order.id) == "skipped:paid"
    assert world.w.get(order.id).status == "paid"


def test_a_pending_refund_waits_and_the_deadlines_job_completes_it(world):
    world.refunds.status = "pending"
    order = world.delivered({"A": 1})
    request = world.ask(order, "return_refund", {"A": 1})
    world.service.approve(request.id, "staff:cs")
    world.service.receive(request.id, "staff:wh")
    waiting = world.service.inspect(request.id, "staff:wh", True, None)
    assert (waiting.status, waiting.refund_status) == ("inspected", "pending")
    world.later(minutes=5)
    assert world.jobs.run_deadlines(world.clock.now())["refunded"] == 0
    world.later(days=3)
    summary = world.jobs.run_deadlines(world.clock.now())
    assert summary["recorded"] == 1
    assert world.w.exceptions.open_for(order.id) == [("after_sale_not_refunded", "customer_service")]
    world.refunds.status = "succeeded"
    assert world.jobs.run_deadlines(world.clock.now())["refunded"] == 1
    assert world.service.get(request.id).status == "refunded"
    assert {c.source for c in world.refunds.calls} == {f"after_sale:{request.id}"}


def test_unanswered_requests_are_approved_and_returns_not_shipped_back_closed(world):
    order = world.delivered({"A": 1, "B": 1})
    a = world.ask(order, "return_refund", {"A": 1})
    world.later(hours=49)
    summary = world.jobs.run_deadlines(world.clock.now())
    assert (summary["approved"], summary["recorded"]) == (1, 1)
    assert world.service.get(a.id).status == "approved"
    world.later(days=7, minutes=1)
    assert world.jobs.run_deadlines(world.clock.now())["closed"] == 1
    assert world.service.get(a.id).status == "closed"
    assert world.w.get(order.id).open_after_sales == ()
    assert world.jobs.run_deadlines(world.clock.now())["examined"] == 0


def test_a_received_return_not_inspected_in_time_opens_one_exception(world):
    order = world.delivered({"A": 1})
    request = world.ask(order, "return_refund", {"A": 1})
    world.service.approve(request.id, "staff:cs")
    world.service.receive(request.id, "staff:wh")
    world.later(hours=25)
    assert world.jobs.run_deadlines(world.clock.now())["recorded"] == 1
    assert world.jobs.run_deadlines(world.clock.now())["examined"] == 0  # escalated: not filed again
    assert world.w.exceptions.open_for(order.id) == [("after_sale_not_inspected", "warehouse")]
    assert world.service.inspect(request.id, "staff:wh", True, None).status == "refunded"


def test_an_exchange_reserves_the_new_sku_and_ships_it(world):
    order = world.delivered({"A": 1})
    request = world.ask(order, "exchange", {"A": 1}, "no_reason", exchange={"A": "A2"})
    assert request.refund_amount == 0
    world.service.approve(request.id, "staff:cs")
    assert world.level("A2")["reserved"] == 1
    world.service.receive(request.id, "staff:wh")
    world.service.inspect(request.id, "staff:wh", True, None)
    done = world.service.ship_exchange(request.id, "staff:wh", "sf", "EX1")
    assert done.status == "exchanged" and not world.refunds.calls
    assert world.level("A2") == {"on_hand": 9, "reserved": 0, "available": 9}
    # exchanged units count as returned: nothing of A is left to return
    with pytest.raises(ValidationFailed) as error:
        world.ask(world.w.get(order.id), "return_refund", {"A": 1})
    assert error.value.code == AfterSaleErrorCode.QUANTITY_EXCEEDS_RETURNABLE


def test_a_cancelled_exchange_lets_its_reservation_go(world):
    order = world.delivered({"A": 1})
    request = world.ask(order, "exchange", {"A": 1}, exchange={"A": "A2"})
    world.service.approve(request.id, "staff:cs")
    cancelled = world.service.cancel(order.customer_id, request.id)
    assert cancelled.status == "cancelled" and world.level("A2")["reserved"] == 0
    assert world.events()[-1] == "after_sale.cancelled"


@pytest.mark.parametrize(
    ("setup", "type", "lines", "reason", "code"),
    [
        ("unpaid", "return_refund", {"A": 1}, "quality", AfterSaleErrorCode.ORDER_NOT_ELIGIBLE),
        ("paid", "return_refund", {"A": 1}, "quality", AfterSaleErrorCode.ORDER_NOT_ELIGIBLE),
        ("delivered", "refund_only", {"A": 1}, "no_reason", AfterSaleErrorCode.ORDER_NOT_ELIGIBLE),
        ("late", "return_refund", {"A": 1}, "no_reason", AfterSaleErrorCode.AFTER_SALE_WINDOW_CLOSED),
        ("delivered", "return_refund", {"A": 3}, "quality", AfterSaleErrorCode.QUANTITY_EXCEEDS_RETURNABLE),
        ("delivered", "return_refund", {"Z": 1}, "quality", AfterSaleErrorCode.UNKNOWN_ORDER_LINE),
        ("delivered", "return_refund", {"C": 1}, "no_reason", AfterSaleErrorCode.NOT_RETURNABLE),
    ],
)
def test_what_cannot_be_asked_is_refused_with_its_code(world, setup, type, lines, reason, code):
    world.product("C", returnable=False)
    if setup == "unpaid":
        order = world.w.place({"A": 1, "C": 1})
    elif setup == "paid":
        order = world.paid({"A": 1, "C": 1})
    else:
        order = world.delivered({"A": 2, "C": 1})
    if setup == "late":
        world.later(days=7, seconds=1)
    with pytest.raises(ValidationFailed) as error:
        world.ask(order, type, lines, reason)
    assert error.value.code == code
    assert world.w.get(order.id).open_after_sales == ()


def test_quality_reasons_pass_the_window_and_the_flag(world):
    world.product("C", returnable=False)
    order = world.delivered({"C": 1})
    world.later(days=10)
    assert world.ask(order, "return_refund", {"C": 1}, "quality").status == "requested"


def test_one_open_request_per_line_and_another_customers_is_not_found(world):
    order = world.delivered({"A": 2, "B": 1})
    request = world.ask(order, "return_refund", {"A": 1})
    with pytest.raises(ValidationFailed) as error:
        world.ask(world.w.get(order.id), "return_refund", {"A": 1, "B": 1})
    assert error.value.code == AfterSaleErrorCode.AFTER_SALE_OPEN
    assert world.ask(world.w.get(order.id), "return_refund", {"B": 1}).status == "requested"
    with pytest.raises(NotFound):
        world.service.own("cus_other", request.id)
    with pytest.raises(NotFound):
        world.service.for_order("cus_other", order.id, 20, None)


def test_the_order_does_not_complete_while_a_request_is_open(world):
    order = world.delivered({"A": 1})
    request = world.ask(order, "return_refund", {"A": 1})
    with pytest.raises(InvalidTransition):
        world.w.actions.confirm_receipt(order.customer_id, order.id)
    world.later(days=8)
    summary = world.w.jobs.auto_complete(world.clock.now())
    assert (summary["completed"], summary["waiting"]) == (0, 1)
    world.service.reject(request.id, "staff:cs", "outside policy")
    assert world.w.jobs.auto_complete(world.clock.now())["completed"] == 1


def test_a_second_approval_is_an_invalid_transition_and_changes_nothing(world):
    order = world.delivered({"A": 1})
    request = world.ask(order, "exchange", {"A": 1}, exchange={"A": "A2"})
    world.service.approve(request.id, "staff:cs")
    with pytest.raises(InvalidTransition):
        world.service.approve(request.id, "staff:other")
    assert world.level("A2")["reserved"] == 1
    assert world.events().count("after_sale.approved") == 1


def test_a_refund_service_that_is_down_leaves_the_request_waiting(world):
    world.refunds.down = True
    order = world.delivered({"A": 1})
    request = world.ask(order, "refund_only", {"A": 1}, "missing_item")
    approved = world.service.approve(request.id, "staff:cs")
    assert (approved.status, approved.refund_status) == ("approved", "error")
    world.refunds.down = False
    assert world.jobs.run_deadlines(world.clock.now())["refunded"] == 1


def test_staff_list_by_status_and_type(world):
    order = world.delivered({"A": 1, "B": 1})
    world.ask(order, "return_refund", {"A": 1})
    exchange = world.ask(world.w.get(order.id), "exchange", {"B": 1}, exchange={"B": "B"})  # a like-for-like one
    assert [r.type for r in world.service.by_status("requested", None, 20, None).items] == ["exchange", "return_refund"]
    assert [r.id for r in world.service.by_status("requested", "exchange", 20, None).items] == [exchange.id]
    with pytest.raises(ValidationFailed):
        world.service.by_status("nope", None, 20, None)


def test_an_exchange_sku_of_another_product_or_price_is_refused(world):
    world.product("D", "D2", price=10000)
    order = world.delivered({"A": 1})
    for wanted in ("B", "D2", "NOPE"):
        with pytest.raises(ValidationFailed) as error:
            world.ask(order, "exchange", {"A": 1}, exchange={"A": wanted})
        assert error.value.errors[0].code == "invalid_exchange_sku"


def test_a_refused_refund_is_escalated_once_and_leaves_the_queue(world):
    world.refunds.status = "refused"
    order = world.delivered({"A": 1})
    request = world.ask(order, "refund_only", {"A": 1}, "missing_item")
    assert world.service.approve(request.id, "staff:cs").refund_status == "refused"
    assert world.jobs.run_deadlines(world.clock.now())["examined"] == 0  # refused: not asked again
    world.later(days=3, minutes=1)
    assert world.jobs.run_deadlines(world.clock.now())["recorded"] == 1
    assert world.jobs.run_deadlines(world.clock.now())["examined"] == 0
    assert world.w.exceptions.open_for(order.id) == [("after_sale_not_refunded", "customer_service")]


def test_with_the_real_refund_service_partial_returns_add_up_to_what_was_paid(world):
    from chalicelib.services.after_sales import AfterSaleService

    world.service = AfterSaleService(
        world.requests, world.w.changes, world.products, world.w.refunds, world.w.actions.cancel
    )
    order = world.delivered({"A": 3}, prices={"A": 3333})
    first = world.ask(order, "return_refund", {"A": 1}, "no_reason")
    world.service.approve(first.id, "staff:cs")
    world.service.receive(first.id, "staff:wh")
    assert world.service.inspect(first.id, "staff:wh", True, None).status == "refunded"
    order = world.w.get(order.id)
    assert [(r.source, r.lines, r.status) for r in order.refunds] == [(f"after_sale:{first.id}", {"A": 1}, "succeeded")]
    with pytest.raises(ValidationFailed) as error:
        world.ask(order, "return_refund", {"A": 3}, "quality")
    assert error.value.code == AfterSaleErrorCode.QUANTITY_EXCEEDS_RETURNABLE
    second = world.ask(order, "return_refund", {"A": 2}, "quality")
    assert first.refund_amount + second.refund_amount == 9999
    world.service.approve(second.id, "staff:cs")
    world.service.receive(second.id, "staff:wh")
    world.service.inspect(second.id, "staff:wh", True, None)
    assert world.w.get(order.id).amount_refunded == 9999


def test_a_failed_exchange_inspection_lets_the_reservation_go(world):
    order = world.delivered({"A": 1})
    request = world.ask(order, "exchange", {"A": 1}, exchange={"A": "A2"})
    world.service.approve(request.id, "staff:cs")
    world.service.receive(request.id, "staff:wh")
    assert world.service.inspect(request.id, "staff:wh", False, "worn").status == "rejected"
    assert world.level("A2")["reserved"] == 0
