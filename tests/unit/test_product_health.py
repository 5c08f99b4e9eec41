"""Product health rules (domain/product_health.py): the two judged weeks, low
conversion two weeks in a row above the minimum sample, slow moving stock, low
margin at the current price and cost; and the per-product sales an order adds."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from chalicelib.domain.analytics import SalesTally, apply_sale
from chalicelib.domain.product_health import (
    DaySales,
    HealthPolicy,
    ProductFacts,
    SkuPrice,
    evaluate,
    low_conversion,
    low_margin,
    margin_bps,
    product_sales,
    slow_moving,
    to_csv,
    week_of_label,
    weeks_before,
)

POLICY = HealthPolicy(conversion_bps=100, min_views=100, slow_days=30, min_margin_pct=30)
MONDAY = date(2026, 12, 7)
WEEKS = weeks_before(MONDAY)


def facts(views=(0, 0), orders=(0, 0), skus=None, last_sale=None, listed_on=date(2026, 1, 1)) -> ProductFacts:
    """Views and orders spread on the first day of each judged week."""
    earlier, later = WEEKS
    sales = tuple(DaySales(w.first, orders=n, units=n) for w, n in zip(WEEKS, orders, strict=True) if n)
    return ProductFacts(
        product_id="prod_1",
        title="Tee",
        listed_on=listed_on,
        skus=tuple(skus if skus is not None else [SkuPrice("T-1", 10_000, 5_000, 0)]),
        views={earlier.first: views[0], later.first: views[1]},
        sales=sales,
        last_sale=last_sale,
    )


def test_the_judged_weeks_are_the_two_complete_iso_weeks_before_and_the_same_all_week():
    earlier, later = WEEKS
    assert (earlier.first, earlier.last) == (date(2026, 11, 23), date(2026, 11, 29))
    assert (later.first, later.last) == (date(2026, 11, 30), date(2026, 12, 6))
    assert later.label == "2026-W49" and earlier.label == "2026-W48"
    for offset in range(7):  # any day of the week judges the same weeks: reruns agree
        assert weeks_before(MONDAY + timedelta(days=offset)) == WEEKS
    assert weeks_before(MONDAY + timedelta(days=7))[0] == later
    assert week_of_label("2026-W49") == later
    for bad in ("2026-49", "2026-W4", "W49", "2026-W54"):
        with pytest.raises(ValueError):
            week_of_label(bad)


def test_low_conversion_needs_two_weeks_in_a_row_under_the_rate():
    flagged = low_conversion(facts(views=(200, 300), orders=(1, 2)), WEEKS, POLICY)
    assert flagged is not None
    assert flagged["weeks"] == [
        {"week": "2026-W48", "views": 200, "orders": 1, "conversion_rate": 0.005},
        {"week": "2026-W49", "views": 300, "orders": 2, "conversion_rate": 0.0067},
    ]
    assert flagged["threshold"] == 0.01 and flagged["min_views"] == 100
    assert low_conversion(facts(views=(200, 300), orders=(1, 3)), WEEKS, POLICY) is None  # exactly 1 %: not under
    assert low_conversion(facts(views=(200, 300), orders=(3, 0)), WEEKS, POLICY) is None  # one week only


def test_low_conversion_ignores_weeks_under_the_minimum_views():
    assert low_conversion(facts(views=(99, 5000), orders=(0, 0)), WEEKS, POLICY) is None
    assert low_conversion(facts(views=(100, 100), orders=(0, 0)), WEEKS, POLICY) is not None  # at the minimum
    assert low_conversion(facts(views=(0, 0)), WEEKS, POLICY) is None  # no views: no rate


def test_slow_moving_is_stock_without_a_sale_in_the_window():
    end = WEEKS[1].last
    stocked = [SkuPrice("T-1", 10_000, 5_000, 3), SkuPrice("T-2", 10_000, None, -1)]
    flagged = slow_moving(facts(skus=stocked), end, POLICY)
    assert flagged == {"on_hand": 3, "last_sale_on": None, "days": 30, "since": "2026-11-07", "until": "2026-12-06"}
    old_sale = end - timedelta(days=30)
    assert slow_moving(facts(skus=stocked, last_sale=old_sale), end, POLICY)["last_sale_on"] == old_sale.isoformat()
    assert slow_moving(facts(skus=stocked, last_sale=end - timedelta(days=29)), end, POLICY) is None
    assert slow_moving(facts(skus=[SkuPrice("T-1", 10_000, 5_000, 0)]), end, POLICY) is None  # nothing on hand
    assert slow_moving(facts(skus=stocked, listed_on=end - timedelta(days=29)), end, POLICY) is None  # too new
    assert slow_moving(facts(skus=stocked, listed_on=end - timedelta(days=30)), end, POLICY) is not None
    assert slow_moving(facts(skus=stocked, listed_on=None), end, POLICY) is not None


def test_low_margin_at_the_current_price_and_cost():
    assert margin_bps(10_000, 7_000) == 3000 and margin_bps(10_000, 12_000) == -2000
    skus = [
        SkuPrice("A", 10_000, 7_000, 0),  # 30 %: at the minimum, fine
        SkuPrice("B", 10_000, 7_001, 0),  # 29.99 %
        SkuPrice("C", 10_000, None, 0),  # no cost price: not judged
        SkuPrice("D", 5_000, 6_000, 0),  # sold at a loss
    ]
    flagged = low_margin(facts(skus=skus), POLICY)
    assert flagged == {
        "skus": [
            {"sku": "B", "price": 10_000, "cost_price": 7_001, "margin": 0.2999},
            {"sku": "D", "price": 5_000, "cost_price": 6_000, "margin": -0.2},
        ],
        "min_margin": 0.3,
    }
    assert low_margin(facts(skus=skus[:1] + skus[2:3]), POLICY) is None


def test_evaluate_names_the_flags_with_figures_and_a_suggestion():
    found = evaluate(
        facts(views=(500, 500), skus=[SkuPrice("T-1", 10_000, 9_000, 4)], listed_on=date(2026, 1, 1)), WEEKS, POLICY
    )
    assert [f.flag for f in found] == ["low_conversion", "slow_moving", "low_margin"]
    assert all(f.week == "2026-W49" and f.product_id == "prod_1" for f in found)
    assert "main image" in found[0].suggestion and "price" in found[0].suggestion
    assert "promotion" in found[1].suggestion and "clear" in found[1].suggestion
    assert "price" in found[2].suggestion
    assert evaluate(facts(views=(500, 500), orders=(10, 10)), WEEKS, POLICY) == []
    csv = to_csv(found).splitlines()
    assert csv[0] == "product_id,title,flag,week,figures,suggestion" and len(csv) == 4
    assert csv[3].startswith('prod_1,Tee,low_margin,2026-W49,"{""min_margin"":0.3,')


def test_product_sales_of_an_order_count_one_order_per_product():
    lines = [
        {"product_id": "p1", "sku": "A", "quantity": 2, "payable": 9000, "unit_cost": 2000},
        {"product_id": "p1", "sku": "B", "quantity": 1, "payable": 4000, "unit_cost": None},
        {"product_id": "p2", "sku": "C", "quantity": 3, "payable": 300},
        {"product_id": 7, "quantity": 1, "payable": 1},  # malformed: skipped
        "junk",
    ]
    assert product_sales(lines) == {
        "p1": {"orders": 1, "units": 3, "revenue": 13000, "cost": 4000, "costed_revenue": 9000},
        "p2": {"orders": 1, "units": 3, "revenue": 300, "cost": 0, "costed_revenue": 0},
    }
    assert product_sales(None) == {}


def test_a_paid_order_carries_its_product_days_and_a_refund_none():
    from datetime import UTC, datetime

    data = {
        "order_id": "o1",
        "customer_id": "c1",
        "total": {"amount": 9000, "currency": "CNY"},
        "lines": [{"product_id": "p1", "sku": "A", "quantity": 2, "payable": 9000, "unit_cost": 2000}],
    }
    at = datetime(2026, 12, 1, 4, tzinfo=UTC)
    tally, delta = apply_sale(SalesTally("o1"), "order.paid", data, at, "Asia/Shanghai", False)
    assert delta is not None and delta.products == {
        "p1": {"orders": 1, "units": 2, "revenue": 9000, "cost": 4000, "costed_revenue": 9000}
    }
    _, again = apply_sale(tally, "order.paid", data, at, "Asia/Shanghai", False)
    assert again is None  # paid once: counted once
    _, refund = apply_sale(tally, "order.refunded", data | {"refunded": {"amount": 100}}, at, "Asia/Shanghai", False)
    assert refund is not None and refund.products == {}
