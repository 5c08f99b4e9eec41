"""Budgets and first_n decisions (domain/budgets.py, ADR 0028), and what an order
took from each promotion (domain/promotion_reports.takes)."""

from __future__ import annotations

from chalicelib.domain.budgets import BudgetUse, budget_uses, covers, discounts_by_promotion, price_cart
from chalicelib.domain.orders import OrderLine
from chalicelib.domain.promotion_reports import Take, takes
from tests.unit.pricing_builders import (
    a_context,
    a_coupon,
    a_line,
    a_promotion,
    line_of,
    percent_off,
    scope,
    spend_threshold,
)

TEN_OFF = [(1000, 1000)]


def test_a_budget_covers_a_discount_only_whole():
    assert covers(None, 10**9, 1)
    assert covers(10000, 9000, 1000)
    assert not covers(10000, 9001, 1000)  # 999 left: no partial discount
    assert covers(10000, 10000, 0)


def test_a_promotion_its_budget_cannot_cover_is_left_out_and_the_cart_priced_without_it():
    lines = [a_line("A", 5000)]
    within = spend_threshold(TEN_OFF, budget=10000, spent=9000)
    priced = price_cart(lines, [within], a_context())
    assert [d.amount for d in priced.discounts] == [1000]
    assert budget_uses(priced, [within], None) == [BudgetUse("promotion", within.id, 1000, 10000)]
    over = spend_threshold(TEN_OFF, budget=10000, spent=9500)
    priced = price_cart(lines, [over], a_context())
    assert priced.discounts == () and priced.total == 5000
    assert budget_uses(priced, [over], None) == []


def test_a_promotion_left_out_lets_the_next_best_apply():
    lines = [a_line("A", 10000)]
    spent_one = percent_off(20, id="pct_big", budget=1000, spent=0)  # 2,000 off: over its budget
    small = percent_off(10, id="pct_small")
    priced = price_cart(lines, [spent_one, small], a_context())
    assert [a.promotion_id for a in line_of(priced, "A").adjustments] == ["pct_small"]
    assert discounts_by_promotion(priced) == {"pct_small": 1000}


def test_a_coupon_its_budget_cannot_cover_is_refused_budget_exhausted():
    lines = [a_line("A", 5000)]
    coupon = a_coupon("TEN", amount_off=1000, budget=1500, spent=1000)
    priced = price_cart(lines, [], a_context(), coupon=coupon, coupon_code="TEN")
    assert priced.coupon is not None and (priced.coupon.applied, priced.coupon.reason) == (False, "budget_exhausted")
    assert priced.total == 5000 + priced.shipping.amount
    fits = a_coupon("TEN", amount_off=1000, budget=1500, spent=500)
    priced = price_cart(lines, [], a_context(), coupon=fits, coupon_code="TEN")
    assert priced.coupon is not None and priced.coupon.applied
    assert budget_uses(priced, [], fits) == [BudgetUse("coupon", "TEN", 1000, 1500)]


def test_first_n_prices_the_units_left_in_sku_order_and_the_rest_at_the_normal_price():
    promo = a_promotion("first_n", "fn_1", quantity=5, sold=2, percent=50, scope=scope(skus=["A", "B"]))
    lines = [a_line("B", 3000, quantity=2), a_line("A", 5000, quantity=2), a_line("C", 1000)]
    priced = price_cart(lines, [promo], a_context())
    a, b, c = line_of(priced, "A"), line_of(priced, "B"), line_of(priced, "C")
    assert (a.unit_price, a.price_source, a.flash_units) == (2500, "first_n", 2)  # A first: 2 of the 3 left
    assert (b.flash_units, b.line_total, b.price_source) == (1, 1500 + 3000, "list")  # then 1 of B's 2
    assert [adj.kind for adj in b.adjustments] == ["first_n"]
    assert c.flash_promotion_id is None  # out of scope
    assert discounts_by_promotion(priced) == {"fn_1": 2 * 2500 + 1500}


def test_first_n_sold_out_and_fixed_price():
    sold_out = a_promotion("first_n", "fn_1", quantity=5, sold=5, price=100, scope=scope(skus=["A"]))
    assert line_of(price_cart([a_line("A", 5000)], [sold_out], a_context()), "A").unit_price == 5000
    fixed = a_promotion("first_n", "fn_2", quantity=5, sold=0, price=1900, scope=scope(skus=["A"]))
    line = line_of(price_cart([a_line("A", 5000, quantity=7)], [fixed], a_context()), "A")
    assert (line.flash_units, line.line_total) == (5, 5 * 1900 + 2 * 5000)


def test_first_n_with_a_budget_is_counted_from_the_list_price():
    promo = a_promotion("first_n", "fn_1", quantity=5, price=4000, scope=scope(skus=["A"]), budget=1500)
    priced = price_cart([a_line("A", 5000, quantity=2)], [promo], a_context())
    assert line_of(priced, "A").unit_price == 5000  # 2,000 off is more than the 1,500 budget: left out
    priced = price_cart([a_line("A", 5000)], [promo], a_context())
    assert line_of(priced, "A").unit_price == 4000


def order_line(sku, quantity, list_price, unit_price, *, adjustments=(), order_discount=0, flash=None, flash_units=0):
    total = unit_price * quantity - sum(a["amount"] for a in adjustments)
    return OrderLine(
        sku=sku,
        product_id=f"prod-{sku}",
        title=sku,
        specs={},
        quantity=quantity,
        list_price=list_price,
        unit_price=unit_price,
        line_total=total,
        order_discount=order_discount,
        payable=total - order_discount,
        adjustments=tuple(adjustments),
        flash_promotion_id=flash,
        flash_units=flash_units,
    )


def test_takes_attribute_discount_and_units_to_each_promotion_and_coupon():
    lines = [
        order_line("A", 2, 5000, 2500, flash="fn_1", flash_units=2, order_discount=600),
        order_line(
            "B",
            3,
            3000,
            3000,
            adjustments=[{"type": "percent_off", "promotion_id": "pct_1", "amount": 900, "code": None}],
            order_discount=400,
        ),
        order_line("C", 1, 1000, 1000),
    ]
    discounts = [
        {"type": "spend_threshold", "promotion_id": "spend_1", "amount": 500, "code": None},
        {"type": "coupon", "promotion_id": None, "amount": 500, "code": "SAVE"},
    ]
    assert takes(lines, discounts) == [
        Take("coupon", "SAVE", 500, 5),
        Take("promotion", "fn_1", 5000, 2),
        Take("promotion", "pct_1", 900, 3),
        Take("promotion", "spend_1", 500, 5),
    ]
    assert takes([order_line("C", 1, 1000, 1000)], []) == []
