"""Replenishment suggestions and ABC classes."""

from __future__ import annotations

from chalicelib.domain.replenishment import classify_abc, suggest


def test_suggestion_covers_three_days_and_the_lead_time():
    # 28 units in 14 days = 2/day: safety 6, target 6 + 2*7 = 20, 4 available -> reorder 16
    s = suggest(28, available=4, lead_time_days=7)
    assert (s.average_daily_sales, s.suggested_safety_stock, s.reorder_quantity) == (2.0, 6, 16)


def test_no_sales_suggests_nothing():
    assert suggest(0, available=0, lead_time_days=7).reorder_quantity == 0


def test_reorder_never_negative_when_well_stocked():
    assert suggest(14, available=500, lead_time_days=7).reorder_quantity == 0


def test_abc_splits_by_cumulative_revenue_share():
    revenue = {"A1": 5000, "A2": 3000, "B1": 1000, "B2": 500, "C1": 300, "C2": 200, "ZERO": 0}
    classes = classify_abc(revenue)
    # shares before each: A1 0%, A2 50%, B1 80%, B2 90%, C1 95%, C2 98%
    assert classes == {"A1": "A", "A2": "A", "B1": "B", "B2": "B", "C1": "C", "C2": "C", "ZERO": "C"}


def test_abc_is_stable_for_ties():
    assert classify_abc({"b": 10, "a": 10}) == classify_abc({"a": 10, "b": 10})
