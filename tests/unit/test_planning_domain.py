"""Inventory planning's pure parts (ADR 0022): the purchase order state machine
(a hypothesis property test over random action sequences), forecasts, safety
stock and reorder points, cycle count variance and cadence."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain import purchasing as po_domain
from chalicelib.domain.cycle_counts import CountLine, due_classes, variance_of
from chalicelib.domain.errors import Conflict, InvalidTransition
from chalicelib.domain.forecast import MOVING_AVERAGE, SMOOTHING, forecast, moving_average, smoothed
from chalicelib.domain.purchasing import TERMINAL, TRANSITIONS, PoLine, PurchaseOrder, Receipt
from chalicelib.domain.replenishment import SafetyPolicy, abc_order, reorder_point, safety_stock

AT = datetime(2026, 12, 1, tzinfo=UTC)
LEGAL = {status: frozenset(targets) for status, targets in TRANSITIONS.items()}


def draft(*lines: tuple[str, int]) -> PurchaseOrder:
    return PurchaseOrder("po_1", "sup_1", "draft", tuple(PoLine(s, q, 100) for s, q in lines), "CNY", AT, AT, "staff:k")


actions = st.lists(
    st.one_of(
        st.tuples(st.just("move"), st.sampled_from(po_domain.STATUSES)),
        st.tuples(st.just("receive"), st.tuples(st.sampled_from(["A", "B", "Z"]), st.integers(1, 8))),
    ),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(actions)
def test_every_path_through_the_table_keeps_the_invariants(steps):
    po = draft(("A", 5), ("B", 3))
    seen = [po.status]
    for n, (kind, arg) in enumerate(steps):
        before = po
        try:
            if kind == "move":
                po = po_domain.move(po, arg, AT + timedelta(minutes=n), "staff:k")
            else:
                sku, quantity = arg
                po = po_domain.receive(po, Receipt(f"r{n}", po.id, ((sku, quantity),), AT, "staff:k"))
        except (InvalidTransition, Conflict):
            assert po == before  # a refused action changes nothing
            continue
        assert po.status in LEGAL[before.status]  # only the table's moves
        assert before.status not in TERMINAL  # nothing leaves a terminal status
        seen.append(po.status)
        for line in po.lines:
            assert 0 <= line.received <= line.quantity  # never over-received
        received = sum(line.received for line in po.lines)
        if po.status == "received":
            assert all(line.outstanding == 0 for line in po.lines)
        if po.status == "partially_received":
            assert 0 < received < sum(line.quantity for line in po.lines)
        if po.status in ("draft", "ordered", "cancelled"):
            assert received == 0
    assert [h["to"] for h in po.history] == seen[1:]  # the history records every move


def test_over_receipt_and_an_unknown_sku_are_refused():
    po = po_domain.transition(draft(("A", 2)), "ordered", AT, "staff:k")
    with pytest.raises(Conflict) as over:
        po_domain.receive(po, Receipt("r1", po.id, (("A", 1), ("A", 2)), AT, "staff:k"))  # 3 in all
    assert over.value.code == "over_receipt"
    with pytest.raises(Conflict):
        po_domain.receive(po, Receipt("r2", po.id, (("B", 1),), AT, "staff:k"))
    done = po_domain.receive(po, Receipt("r3", po.id, (("A", 2),), AT, "staff:k"))
    assert done.status == "received" and done.receipts == ("r3",)


def test_moving_average_and_smoothing():
    assert moving_average([1, 2, 3, 4, 5, 6]) == 4.5
    assert moving_average([]) == 0.0
    assert smoothed([10]) == 10.0
    assert smoothed([10, 20], alpha=0.5) == 15.0


def test_the_method_with_the_lower_error_is_chosen():
    steady = forecast([10] * 12)
    assert steady.chosen.method == MOVING_AVERAGE and steady.chosen.mae == 0.0 and steady.chosen.next_week == 10
    trend = forecast([0, 0, 0, 0, 0, 0, 0, 0, 40, 40, 40, 40])  # a step: smoothing follows sooner than a 4-week mean
    by = {m.method: m for m in trend.methods}
    assert trend.chosen.method == min(by.values(), key=lambda m: m.mae or 0).method
    assert forecast([]).chosen.mae is None and forecast([]).daily == 0
    assert by[SMOOTHING].mape is not None


def test_safety_stock_by_policy_and_the_reorder_point():
    assert safety_stock(SafetyPolicy(), 4.0, current=9) == 9  # fixed keeps the SKU's
    assert safety_stock(SafetyPolicy("days_of_sales", days=3), 2.5, current=9) == 8  # ceil(7.5)
    assert safety_stock(SafetyPolicy("days_of_sales", days=3, floor=10), 2.5, current=0) == 10
    assert reorder_point(2.5, 4, 8) == 18
    assert reorder_point(0.0, 7, 5) == 5


def test_abc_order_puts_a_first_then_turnover():
    keys = sorted(
        ["c", "a2", "a1", "n"], key=lambda s: abc_order({"a1": "A", "a2": "A", "c": "C"}.get(s), {"a2": 3.0}.get(s), s)
    )
    assert keys == ["a2", "a1", "c", "n"]


def test_variance_and_the_one_percent_target():
    lines = [CountLine("A", 100, 99), CountLine("B", 100, 100), CountLine("C")]
    v = variance_of(lines)
    assert (v.expected, v.absolute, v.net, v.pct, v.within_target) == (200, 1, -1, 0.5, True)
    assert variance_of([CountLine("A", 50, 52)]).within_target is False
    assert CountLine("Z", 0, 3).variance_pct == 100.0


def test_cadence_a_daily_b_mondays_c_the_first():
    assert due_classes(date(2026, 12, 2)) == ("A",)  # a Wednesday
    assert due_classes(date(2026, 12, 7)) == ("A", "B")  # a Monday
    assert due_classes(date(2026, 12, 1)) == ("A", "C")
    assert due_classes(date(2026, 6, 1)) == ("A", "B", "C")  # a Monday, the 1st
