"""The after-sale state machine: no sequence of commands reaches a status its
type's table does not lead to, final statuses have no exit, and (through the
service over the fakes) the order's open requests, the stock and the refunds
stay consistent whatever staff, the customer and the deadlines job do."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chalicelib.domain.after_sales import (
    FINAL,
    STATUSES,
    TRANSITIONS,
    AfterSale,
    AfterSaleLine,
    AfterSalePolicy,
    transition,
)
from chalicelib.domain.errors import DomainError, InvalidTransition

from .after_sale_builders import AfterSaleWorld
from .builders import T0

LEGAL = {t: {s: frozenset(to) for s, to in table.items()} for t, table in TRANSITIONS.items()}


def reachable(type: str) -> set[str]:
    seen, todo = {"requested"}, ["requested"]
    while todo:
        for to in LEGAL[type].get(todo.pop(), frozenset()):
            if to not in seen:
                seen.add(to)
                todo.append(to)
    return seen


def a_request(type: str) -> AfterSale:
    return AfterSale("as_1", "ord_1", "cus_1", type, "quality", "requested", "CNY", (AfterSaleLine("A", 1),), T0, T0)


def test_the_tables_name_only_known_statuses_and_final_ones_have_no_exit():
    for table in LEGAL.values():
        for status, targets in table.items():
            assert status in STATUSES and targets <= set(STATUSES)
            assert status not in FINAL
    assert reachable("refund_only") == {"requested", "approved", "refunded", "rejected", "cancelled"}
    assert "exchanged" not in reachable("return_refund") and "refunded" not in reachable("exchange")


@settings(max_examples=300, deadline=None)
@given(type=st.sampled_from(sorted(LEGAL)), moves=st.lists(st.sampled_from(STATUSES), max_size=12))
def test_no_sequence_of_commands_reaches_an_illegal_status(type, moves):
    request, policy, applied = a_request(type), AfterSalePolicy(), 0
    for i, to in enumerate(moves):
        before = request
        try:
            request = transition(request, to, T0 + timedelta(hours=i), "staff:x", policy)
        except InvalidTransition:
            assert request == before
            continue
        applied += 1
        assert to in LEGAL[type][before.status]
        assert request.status in reachable(type)
    assert len(request.timeline) == applied
    if request.status in FINAL:
        assert not LEGAL[type].get(request.status)


COMMANDS = ("ask", "approve", "reject", "cancel", "ship_back", "receive", "pass", "fail", "exchange", "jobs", "later")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    commands=st.lists(
        st.tuples(st.sampled_from(COMMANDS), st.sampled_from(("return_refund", "exchange", "refund_only"))), max_size=25
    ),
    pending=st.booleans(),
)
def test_the_service_keeps_the_order_stock_and_refunds_consistent(commands, pending):
    world = AfterSaleWorld()
    world.product("A", "A2")
    world.refunds.status = "pending" if pending else "succeeded"
    order = world.delivered({"A": 2})
    ids: list[str] = []
    for command, type in commands:
        current = world.service.get(ids[-1]) if ids else None
        try:
            if command == "ask" or current is None:
                reason = "missing_item" if type == "refund_only" else "quality"
                ids.append(world.ask(world.w.get(order.id), type, {"A": 1}, reason, exchange={"A": "A2"}).id)
            elif command == "approve":
                world.service.approve(current.id, "staff:cs")
            elif command == "reject":
                world.service.reject(current.id, "staff:cs", "no")
            elif command == "cancel":
                world.service.cancel(current.customer_id, current.id)
            elif command == "ship_back":
                world.service.return_shipment(current.customer_id, current.id, "sf", f"R{len(ids)}")
            elif command == "receive":
                world.service.receive(current.id, "staff:wh")
            elif command in ("pass", "fail"):
                world.service.inspect(current.id, "staff:wh", command == "pass", None)
            elif command == "exchange":
                world.service.ship_exchange(current.id, "staff:wh", "sf", f"E{len(ids)}")
            elif command == "jobs":
                world.jobs.run_deadlines(world.clock.now())
            else:
                world.later(days=2)
        except DomainError:
            pass
        requests = [world.service.get(i) for i in ids]
        assert set(world.w.get(order.id).open_after_sales) == {r.id for r in requests if r.is_open}
        assert sum(r.quantity for r in requests if r.is_open for r in r.lines) <= 2
        for code in ("A", "A2"):
            level = world.level(code)
            assert level["reserved"] >= 0 and level["available"] >= 0
        reserved_for_exchanges = sum(
            1
            for r in requests
            if r.type == "exchange" and r.status in ("approved", "return_in_transit", "received", "inspected")
        )
        assert world.level("A2")["reserved"] == reserved_for_exchanges
        back = sum(1 for r in requests if r.inspection and r.inspection["result"] == "pass")
        assert world.level("A")["on_hand"] == 8 + back
        assert len(world.refunds.by_source) == len({c.source for c in world.refunds.calls})
