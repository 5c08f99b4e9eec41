"""The pricing pipeline, rule by rule, with amounts worked out by hand (integer fen)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain.pricing import Adjustment, CouponResult, percent_of
from chalicelib.domain.shipping import shipping_fee

from .pricing_builders import (
    LONG_AGO,
    MONDAY,
    NOW,
    SUNDAY,
    a_coupon,
    a_line,
    a_region,
    a_template,
    adjustments,
    flash_sale,
    line_of,
    member_day,
    nth_item,
    percent_off,
    price,
    scope,
    spend_threshold,
)

TIERS = [(20000, 2000), (40000, 5000)]  # spend 200 save 20, spend 400 save 50


def assert_allocation_consistent(cart):
    assert sum(line.order_discount for line in cart.lines) == cart.discount_total
    for line in cart.lines:
        assert line.payable == line.line_total - line.order_discount
        assert line.payable >= 0


# --- helpers ---------------------------------------------------------------------------------
def test_percent_of_rounds_down_to_the_minor_unit():
    # 10% of 1999 = 199.9 -> 199; 33% of 1 = 0.33 -> 0
    assert percent_of(1999, 10) == 199
    assert percent_of(1, 33) == 0
    assert percent_of(5000, 100) == 5000


# --- 1. unit price ---------------------------------------------------------------------------
def test_list_price_for_a_guest():
    cart = price([a_line(list_price=10000, quantity=2, member_price=8000)])

    line = cart.lines[0]
    assert (line.unit_price, line.price_source, line.line_total) == (10000, "list", 20000)
    assert line.adjustments == ()
    assert (cart.subtotal, cart.total, cart.undiscounted) == (20000, 20000, 20000)


def test_member_price_for_an_active_member():
    # 2 x 8000 = 16000
    cart = price([a_line(list_price=10000, quantity=2, member_price=8000)], is_member=True)

    line = cart.lines[0]
    assert (line.unit_price, line.price_source, line.line_total) == (8000, "member", 16000)
    assert cart.total == 16000
    assert cart.undiscounted == 20000


def test_member_price_above_list_price_is_not_used():
    cart = price([a_line(list_price=10000, member_price=12000)], is_member=True)

    assert (cart.lines[0].unit_price, cart.lines[0].price_source) == (10000, "list")


def test_flash_price_covering_every_unit_becomes_the_unit_price():
    # 3 units, sale has 10 left, limit 5 with none used: all 3 at 6000 = 18000
    promo = flash_sale("SKU-1", price=6000, quantity=10, per_customer_limit=5)
    cart = price([a_line(list_price=10000, quantity=3)], [promo])

    line = cart.lines[0]
    assert (line.unit_price, line.price_source, line.line_total) == (6000, "flash_sale", 18000)
    assert (line.flash_units, line.flash_promotion_id) == (3, "flash_1")
    assert line.adjustments == ()


def test_lowest_of_member_and_flash_price_applies():
    # member 7000 < flash 7500: member price, no flash units
    promo = flash_sale("SKU-1", price=7500)
    cart = price([a_line(list_price=10000, member_price=7000, quantity=2)], [promo], is_member=True)
    line = cart.lines[0]
    assert (line.unit_price, line.price_source, line.flash_units, line.line_total) == (7000, "member", 0, 14000)

    # member 8000 > flash 7500: flash price
    cart = price([a_line(list_price=10000, member_price=8000, quantity=2)], [promo], is_member=True)
    line = cart.lines[0]
    assert (line.unit_price, line.price_source, line.flash_units, line.line_total) == (7500, "flash_sale", 2, 15000)


def test_flash_sale_partly_covers_a_line_when_the_customer_limit_is_nearly_used():
    # limit 3, already bought 1 -> 2 units at flash price; quantity 5.
    # flash_sale adjustment: 2 x (10000 - 6000) = 8000; line_total = 5 x 10000 - 8000 = 42000
    promo = flash_sale("SKU-1", price=6000, quantity=100, per_customer_limit=3)
    cart = price([a_line(list_price=10000, quantity=5)], [promo], flash_used={"flash_1": 1})

    line = cart.lines[0]
    assert (line.unit_price, line.price_source) == (10000, "list")
    assert (line.flash_units, line.flash_promotion_id) == (2, "flash_1")
    assert adjustments(line) == [("flash_sale", "flash_1", 8000)]
    assert line.line_total == 42000
    assert cart.total == 42000


def test_flash_sale_partly_covers_a_line_when_few_units_are_left_in_the_sale():
    # 10 offered, 8 sold -> 2 left; quantity 5: adjustment 2 x 4000 = 8000, line_total 42000
    promo = flash_sale("SKU-1", price=6000, quantity=10, sold=8)
    cart = price([a_line(list_price=10000, quantity=5)], [promo])

    line = cart.lines[0]
    assert line.flash_units == 2
    assert adjustments(line) == [("flash_sale", "flash_1", 8000)]
    assert line.line_total == 42000


def test_partial_flash_sale_is_based_on_the_member_price():
    # member unit 8000, 1 unit at 6000: adjustment 2000, line_total 3 x 8000 - 2000 = 22000
    promo = flash_sale("SKU-1", price=6000, per_customer_limit=1)
    cart = price([a_line(list_price=10000, member_price=8000, quantity=3)], [promo], is_member=True)

    line = cart.lines[0]
    assert (line.unit_price, line.price_source) == (8000, "member")
    assert adjustments(line) == [("flash_sale", "flash_1", 2000)]
    assert line.line_total == 22000


def test_sold_out_flash_sale_gives_list_price():
    promo = flash_sale("SKU-1", price=6000, quantity=10, sold=10)
    cart = price([a_line(list_price=10000, quantity=2)], [promo])

    line = cart.lines[0]
    assert (line.unit_price, line.price_source, line.flash_units, line.line_total) == (10000, "list", 0, 20000)
    assert line.adjustments == ()


def test_flash_limit_used_up_gives_list_price():
    promo = flash_sale("SKU-1", price=6000, per_customer_limit=2)
    cart = price([a_line(list_price=10000, quantity=2)], [promo], flash_used={"flash_1": 2})

    line = cart.lines[0]
    assert (line.unit_price, line.flash_units, line.line_total) == (10000, 0, 20000)


@pytest.mark.parametrize(
    "window",
    [
        {"starts_at": NOW + timedelta(seconds=1)},  # not started
        {"ends_at": NOW},  # ends_at is exclusive
        {"ended_at": NOW - timedelta(minutes=1)},  # ended early by staff
    ],
    ids=["not_started", "ended", "ended_early"],
)
def test_flash_sale_not_running_gives_list_price(window):
    promo = flash_sale("SKU-1", price=6000, **window)
    cart = price([a_line(list_price=10000)], [promo])

    assert (cart.lines[0].unit_price, cart.lines[0].flash_units) == (10000, 0)


def test_flash_sale_applies_only_to_its_sku():
    promo = flash_sale("SKU-2", price=6000)
    cart = price([a_line("SKU-1", list_price=10000), a_line("SKU-2", list_price=10000)], [promo])

    assert line_of(cart, "SKU-1").unit_price == 10000
    assert line_of(cart, "SKU-2").unit_price == 6000
    assert cart.total == 16000


def test_lowest_of_two_running_flash_sales_applies():
    promos = [flash_sale("SKU-1", price=7000, id="flash_a"), flash_sale("SKU-1", price=6500, id="flash_b")]
    cart = price([a_line(list_price=10000)], promos)

    assert (cart.lines[0].unit_price, cart.lines[0].flash_promotion_id) == (6500, "flash_b")


def test_flash_priced_units_take_no_other_line_promotion():
    # 5 units at 10000; limit 2 -> 2 flash units at 6000 (adjustment 8000)
    # 10% off only the 3 other units: 10% of 30000 = 3000
    # line_total = 2 x 6000 + 30000 - 3000 = 39000
    promos = [flash_sale("SKU-1", price=6000, per_customer_limit=2), percent_off(10)]
    cart = price([a_line(list_price=10000, quantity=5)], promos)

    line = cart.lines[0]
    assert adjustments(line) == [("flash_sale", "flash_1", 8000), ("percent_off", "pct_1", 3000)]
    assert line.line_total == 39000


def test_fully_flash_priced_line_takes_no_line_promotion():
    promos = [flash_sale("SKU-1", price=6000), percent_off(10), nth_item(1, 50)]
    cart = price([a_line(list_price=10000, quantity=2)], promos)

    line = cart.lines[0]
    assert line.adjustments == ()
    assert line.line_total == 12000


# --- 2. line promotions: percent_off ----------------------------------------------------------
def test_percent_off_rounds_down_and_records_the_adjustment():
    # 10% of 2 x 1999 = 399.8 -> 399; line_total 3998 - 399 = 3599
    promo = percent_off(10, name="Spring sale")
    cart = price([a_line(list_price=1999, quantity=2)], [promo])

    line = cart.lines[0]
    assert line.adjustments == (Adjustment("percent_off", "Spring sale", 399, promotion_id="pct_1"),)
    assert line.line_total == 3599
    assert line.line_total == line.unit_price * line.quantity - 399


def test_only_the_best_percent_off_applies_to_a_line():
    # 10%, 15%, 5% of 20000: only 15% -> 3000
    promos = [percent_off(10, id="p10"), percent_off(15, id="p15"), percent_off(5, id="p05")]
    cart = price([a_line(list_price=10000, quantity=2)], promos)

    line = cart.lines[0]
    assert adjustments(line) == [("percent_off", "p15", 3000)]
    assert line.line_total == 17000


def test_best_percent_off_is_chosen_per_line():
    # A is in cat_shoes (20% via category) -> 2000; B only gets the store-wide 10% -> 1000
    promos = [percent_off(10, id="all"), percent_off(20, id="shoes", scope=scope(categories=["cat_shoes"]))]
    lines = [
        a_line("A", 10000, category_path=("cat_root", "cat_shoes")),
        a_line("B", 10000, category_path=("cat_root", "cat_bags")),
    ]
    cart = price(lines, promos)

    assert adjustments(line_of(cart, "A")) == [("percent_off", "shoes", 2000)]
    assert adjustments(line_of(cart, "B")) == [("percent_off", "all", 1000)]
    assert cart.subtotal == 17000


def test_percent_off_scope_matches_any_category_on_the_path():
    # scoped to the parent category "cat_apparel": the line in cat_apparel > cat_shoes matches
    promo = percent_off(10, scope=scope(categories=["cat_apparel"]))
    lines = [
        a_line("A", 10000, category_path=("cat_apparel", "cat_shoes")),
        a_line("B", 10000, category_path=("cat_food",)),
    ]
    cart = price(lines, [promo])

    assert adjustments(line_of(cart, "A")) == [("percent_off", "pct_1", 1000)]
    assert line_of(cart, "B").adjustments == ()


def test_percent_off_scope_by_product():
    promo = percent_off(10, scope=scope(products=["prod-shoe"]))
    lines = [a_line("A", 10000, product_id="prod-shoe"), a_line("B", 10000, product_id="prod-bag")]
    cart = price(lines, [promo])

    assert adjustments(line_of(cart, "A")) == [("percent_off", "pct_1", 1000)]
    assert line_of(cart, "B").adjustments == ()


def test_percent_off_scope_by_sku():
    promo = percent_off(10, scope=scope(skus=["B"]))
    cart = price([a_line("A", 10000), a_line("B", 10000)], [promo])

    assert line_of(cart, "A").adjustments == ()
    assert adjustments(line_of(cart, "B")) == [("percent_off", "pct_1", 1000)]


@pytest.mark.parametrize(
    "window",
    [
        {"starts_at": NOW + timedelta(seconds=1)},
        {"ends_at": NOW},
        {"ended_at": NOW - timedelta(seconds=1)},
    ],
    ids=["not_started", "ended", "ended_early"],
)
def test_percent_off_not_running_does_not_apply(window):
    cart = price([a_line(list_price=10000)], [percent_off(10, **window)])

    assert cart.lines[0].adjustments == ()
    assert cart.total == 10000


def test_percent_off_100_makes_the_line_free_not_negative():
    cart = price([a_line(list_price=10000, quantity=3)], [percent_off(100)])

    assert adjustments(cart.lines[0]) == [("percent_off", "pct_1", 30000)]
    assert cart.lines[0].line_total == 0
    assert cart.total == 0


# --- 2. line promotions: member_day -------------------------------------------------------------
def test_member_day_uses_the_weekday_in_the_store_time_zone():
    # NOW is Sunday 17:00 UTC = Monday 01:00 in Shanghai: the Monday promotion applies (5% of 10000 = 500),
    # the Sunday one (UTC's weekday) does not.
    assert NOW.isoweekday() == SUNDAY
    promos = [member_day(MONDAY, 5, id="monday"), member_day(SUNDAY, 30, id="sunday")]
    cart = price([a_line(list_price=10000)], promos, is_member=True)

    assert adjustments(cart.lines[0]) == [("member_day", "monday", 500)]
    assert cart.total == 9500


def test_member_day_follows_the_configured_store_time_zone():
    # the same instant is still Sunday in UTC
    promos = [member_day(MONDAY, 5, id="monday"), member_day(SUNDAY, 30, id="sunday")]
    cart = price([a_line(list_price=10000)], promos, is_member=True, store_timezone="UTC")

    assert adjustments(cart.lines[0]) == [("member_day", "sunday", 3000)]


def test_member_day_is_for_members_only():
    cart = price([a_line(list_price=10000)], [member_day(MONDAY, 5)], is_member=False)

    assert cart.lines[0].adjustments == ()
    assert cart.total == 10000


def test_best_member_day_applies_when_several_match():
    # 5% and 8% both on Monday: 8% of 10000 = 800 only
    promos = [member_day(MONDAY, 5, id="md5"), member_day(MONDAY, 8, id="md8")]
    cart = price([a_line(list_price=10000)], promos, is_member=True)

    assert adjustments(cart.lines[0]) == [("member_day", "md8", 800)]


def test_member_day_applies_to_what_remains_after_percent_off():
    # member price 9000; 10% off -> 900, remains 8100; member day 5% of 8100 = 405; line_total 7695
    promos = [percent_off(10), member_day(MONDAY, 5)]
    cart = price([a_line(list_price=10000, member_price=9000)], promos, is_member=True)

    line = cart.lines[0]
    assert adjustments(line) == [("percent_off", "pct_1", 900), ("member_day", "md_1", 405)]
    assert line.line_total == 7695


def test_member_day_respects_its_scope():
    promo = member_day(MONDAY, 10, scope=scope(skus=["A"]))
    cart = price([a_line("A", 10000), a_line("B", 10000)], [promo], is_member=True)

    assert adjustments(line_of(cart, "A")) == [("member_day", "md_1", 1000)]
    assert line_of(cart, "B").adjustments == ()


# --- 2. line promotions: nth_item_discount ------------------------------------------------------
def test_nth_item_discounts_the_cheapest_units_first():
    # n=2, 50%: three units 100, 200, 300 -> one discounted unit, the cheapest: 50% of 100 = 50
    lines = [a_line("A", 300), a_line("B", 100), a_line("C", 200)]
    cart = price(lines, [nth_item(2, 50)])

    assert adjustments(line_of(cart, "B")) == [("nth_item_discount", "nth_1", 50)]
    assert line_of(cart, "A").adjustments == ()
    assert line_of(cart, "C").adjustments == ()
    assert cart.subtotal == 550


def test_nth_item_every_second_unit_of_one_line():
    # 5 units of 1000, n=2 -> 2 units at 50% off: 2 x 500 = 1000; line_total 4000
    cart = price([a_line(list_price=1000, quantity=5)], [nth_item(2, 50)])

    assert adjustments(cart.lines[0]) == [("nth_item_discount", "nth_1", 1000)]
    assert cart.lines[0].line_total == 4000


def test_nth_item_counts_units_across_lines():
    # n=3, 100% off: units 100, 200, 200, 500, 500, 500 (A:1x100, B:2x200, C:3x500) -> 2 free units,
    # the two cheapest: 100 (A) and 200 (B) -> A 100, B 200
    lines = [a_line("A", 100), a_line("B", 200, quantity=2), a_line("C", 500, quantity=3)]
    cart = price(lines, [nth_item(3, 100)])

    assert adjustments(line_of(cart, "A")) == [("nth_item_discount", "nth_1", 100)]
    assert adjustments(line_of(cart, "B")) == [("nth_item_discount", "nth_1", 200)]
    assert line_of(cart, "C").adjustments == ()
    assert cart.subtotal == 0 + 200 + 1500


def test_nth_item_counts_only_scoped_units():
    # scoped to product "prod-x": A (1 x 300) and C (1 x 100) -> 2 units, cheapest C: 50% of 100 = 50.
    # B (1 x 10, unscoped) is neither counted nor discounted.
    lines = [
        a_line("A", 300, product_id="prod-x"),
        a_line("B", 10, product_id="prod-y"),
        a_line("C", 100, product_id="prod-x"),
    ]
    cart = price(lines, [nth_item(2, 50, scope=scope(products=["prod-x"]))])

    assert adjustments(line_of(cart, "C")) == [("nth_item_discount", "nth_1", 50)]
    assert line_of(cart, "A").adjustments == ()
    assert line_of(cart, "B").adjustments == ()


def test_nth_item_too_few_units_gives_nothing():
    cart = price([a_line(list_price=1000, quantity=2)], [nth_item(3, 50)])

    assert cart.lines[0].adjustments == ()


def test_only_the_best_nth_item_promotion_applies():
    # 4 units of 1000. n=2 30%: 2 x 300 = 600. n=4 100%: 1 x 1000 = 1000 -> only the latter
    promos = [nth_item(2, 30, id="n2"), nth_item(4, 100, id="n4")]
    cart = price([a_line(list_price=1000, quantity=4)], promos)

    assert adjustments(cart.lines[0]) == [("nth_item_discount", "n4", 1000)]
    assert cart.lines[0].line_total == 3000


def test_nth_item_applies_after_percent_off_on_what_remains():
    # 2 x 1000, 10% off -> 200, remains 1800 (900 a unit); n=2 50% -> 450; line_total 1350
    cart = price([a_line(list_price=1000, quantity=2)], [percent_off(10), nth_item(2, 50)])

    assert adjustments(cart.lines[0]) == [("percent_off", "pct_1", 200), ("nth_item_discount", "nth_1", 450)]
    assert cart.lines[0].line_total == 1350


def test_nth_item_ignores_flash_priced_units():
    # A: 2 units, both flash priced at 100 -> not counted. B: 2 x 1000 -> 1 unit at 50% off = 500
    promos = [flash_sale("A", price=100), nth_item(2, 50)]
    cart = price([a_line("A", 1000, quantity=2), a_line("B", 1000, quantity=2)], promos)

    assert line_of(cart, "A").adjustments == ()
    assert line_of(cart, "A").line_total == 200
    assert adjustments(line_of(cart, "B")) == [("nth_item_discount", "nth_1", 500)]


# --- 3. order promotion: spend_threshold ---------------------------------------------------------
@pytest.mark.parametrize(
    ("basket", "discount"),
    [(19999, 0), (20000, 2000), (39900, 2000), (40000, 5000), (90000, 5000)],
)
def test_spend_threshold_applies_the_highest_tier_reached(basket, discount):
    cart = price([a_line(list_price=basket)], [spend_threshold(TIERS)])

    assert cart.discount_total == discount
    assert cart.total == basket - discount
    assert_allocation_consistent(cart)


def test_spend_threshold_is_recorded_as_an_order_adjustment():
    promo = spend_threshold(TIERS, name="Spend 400 save 50")
    cart = price([a_line(list_price=40000)], [promo])

    assert cart.discounts == (Adjustment("spend_threshold", "Spend 400 save 50", 5000, promotion_id="spend_1"),)
    assert cart.subtotal == 40000
    assert cart.lines[0].order_discount == 5000
    assert cart.lines[0].payable == 35000


def test_spend_threshold_is_on_the_subtotal_after_line_promotions():
    # list 42000 would reach 40000, but 10% off leaves 37800 -> tier 20000: 2000
    cart = price([a_line(list_price=42000)], [percent_off(10), spend_threshold(TIERS)])

    assert cart.subtotal == 37800
    assert cart.discount_total == 2000
    assert cart.total == 35800


def test_spend_threshold_counts_only_scoped_lines_and_allocates_to_them():
    # scoped A 30000 + unscoped B 20000: base 30000 -> tier 20000: 2000, all of it on A
    promo = spend_threshold(TIERS, scope=scope(skus=["A"]))
    cart = price([a_line("A", 30000), a_line("B", 20000)], [promo])

    assert cart.discount_total == 2000
    assert (line_of(cart, "A").order_discount, line_of(cart, "B").order_discount) == (2000, 0)
    assert cart.total == 48000


def test_only_the_best_spend_threshold_promotion_applies():
    # 45000: TIERS gives 5000; the other gives 3000 -> only 5000
    promos = [spend_threshold([(10000, 3000)], id="small"), spend_threshold(TIERS, id="big")]
    cart = price([a_line(list_price=45000)], promos)

    assert [(d.kind, d.promotion_id, d.amount) for d in cart.discounts] == [("spend_threshold", "big", 5000)]
    assert cart.total == 40000


def test_spend_threshold_discount_never_exceeds_the_basket():
    # threshold 100, discount 500, basket 300 -> 300, total 0
    cart = price([a_line(list_price=300)], [spend_threshold([(100, 500)])])

    assert cart.discount_total == 300
    assert cart.total == 0
    assert cart.lines[0].payable == 0


def test_order_discount_is_allocated_to_lines_by_largest_remainder():
    # 60000 basket reaches 40000: 5000 over A 10000, B 20000, C 30000.
    # exact shares 833.33, 1666.67, 2500 -> floors 833, 1666, 2500 (4999); the 1 left goes to B
    # (largest remainder .67)
    lines = [a_line("A", 10000), a_line("B", 20000), a_line("C", 30000)]
    cart = price(lines, [spend_threshold(TIERS)])

    assert [line_of(cart, s).order_discount for s in "ABC"] == [833, 1667, 2500]
    assert [line_of(cart, s).payable for s in "ABC"] == [9167, 18333, 27500]
    assert_allocation_consistent(cart)


def test_order_discounts_allocated_across_spend_threshold_and_coupon_sum_exactly():
    # A 12345 x 1, B 7777 x 3 = 23331: subtotal 35676 -> spend 2000; remaining 33676;
    # coupon 7% of 33676 = 2357.32 -> 2357. Discounts 4357 = sum of order_discount.
    lines = [a_line("A", 12345), a_line("B", 7777, quantity=3)]
    cart = price(lines, [spend_threshold(TIERS)], coupon=a_coupon(percent_off=7))

    assert [d.amount for d in cart.discounts] == [2000, 2357]
    assert cart.total == 35676 - 4357
    assert_allocation_consistent(cart)


# --- 4. coupon --------------------------------------------------------------------------------
def test_amount_off_coupon():
    # 5000 basket, 1000 off -> 4000
    cart = price([a_line(list_price=5000)], coupon=a_coupon("TAKE10", amount_off=1000))

    assert cart.coupon == CouponResult("TAKE10", True, None, 1000)
    assert cart.discounts == (Adjustment("coupon", "Coupon TAKE10", 1000, code="TAKE10"),)
    assert cart.total == 4000
    assert cart.lines[0].order_discount == 1000


def test_amount_off_larger_than_the_basket_is_capped():
    # 10000 off a 3000 basket -> 3000, total 0
    cart = price([a_line(list_price=3000)], coupon=a_coupon(amount_off=10000))

    assert cart.coupon.amount == 3000
    assert cart.discount_total == 3000
    assert cart.total == 0
    assert cart.lines[0].payable == 0


def test_percent_coupon_rounds_down():
    # 15% of 3333 = 499.95 -> 499
    cart = price([a_line(list_price=3333)], coupon=a_coupon(percent_off=15))

    assert cart.coupon.amount == 499
    assert cart.total == 2834


def test_percent_coupon_is_capped_by_max_discount():
    # 20% of 50000 = 10000, capped at 3000
    cart = price([a_line(list_price=50000)], coupon=a_coupon(percent_off=20, max_discount=3000))

    assert cart.coupon.amount == 3000
    assert cart.total == 47000


def test_percent_coupon_under_its_cap_is_not_raised_to_it():
    # 20% of 10000 = 2000 < cap 3000
    cart = price([a_line(list_price=10000)], coupon=a_coupon(percent_off=20, max_discount=3000))

    assert cart.coupon.amount == 2000


def test_coupon_applies_only_to_its_scope():
    # scoped to cat_shoes: A 8000 in scope, B 5000 not; 10% of 8000 = 800, all on A
    coupon = a_coupon(percent_off=10, scope=scope(categories=["cat_shoes"]))
    lines = [a_line("A", 8000, category_path=("cat_root", "cat_shoes")), a_line("B", 5000)]
    cart = price(lines, coupon=coupon)

    assert cart.coupon.amount == 800
    assert (line_of(cart, "A").order_discount, line_of(cart, "B").order_discount) == (800, 0)
    assert cart.total == 12200


def test_coupon_applies_after_the_spend_threshold():
    # 40000 -> spend 5000 -> 35000 left; 10% coupon = 3500; total 31500
    cart = price([a_line(list_price=40000)], [spend_threshold(TIERS)], coupon=a_coupon(percent_off=10))

    assert [(d.kind, d.amount) for d in cart.discounts] == [("spend_threshold", 5000), ("coupon", 3500)]
    assert cart.total == 31500
    assert_allocation_consistent(cart)


def test_unknown_coupon_code_is_refused_as_not_found():
    cart = price([a_line(list_price=5000)], coupon_code="NOPE")

    assert cart.coupon == CouponResult("NOPE", False, "not_found")
    assert cart.discounts == ()
    assert cart.total == 5000


def test_coupon_before_its_start_is_refused_as_not_started():
    coupon = a_coupon(amount_off=1000, starts_at=NOW + timedelta(seconds=1))
    cart = price([a_line(list_price=5000)], coupon=coupon)

    assert (cart.coupon.applied, cart.coupon.reason, cart.coupon.amount) == (False, "not_started", 0)
    assert cart.total == 5000


@pytest.mark.parametrize("ends_at", [NOW, NOW - timedelta(days=1)], ids=["at_ends_at", "after"])
def test_coupon_after_its_end_is_refused_as_expired(ends_at):
    coupon = a_coupon(amount_off=1000, ends_at=ends_at)
    cart = price([a_line(list_price=5000)], coupon=coupon)

    assert (cart.coupon.applied, cart.coupon.reason) == (False, "expired")
    assert cart.discounts == ()


def test_coupon_starting_now_applies():
    cart = price([a_line(list_price=5000)], coupon=a_coupon(amount_off=1000, starts_at=NOW))

    assert cart.coupon.applied


@pytest.mark.parametrize(
    "usage",
    [
        {"usage_limit": 100, "used": 100},
        {"per_customer_limit": 1, "used_by_customer": 1},
    ],
    ids=["store_wide", "per_customer"],
)
def test_used_up_coupon_is_refused_as_usage_exhausted(usage):
    cart = price([a_line(list_price=5000)], coupon=a_coupon(amount_off=1000, **usage))

    assert (cart.coupon.applied, cart.coupon.reason) == (False, "usage_exhausted")
    assert cart.total == 5000


def test_coupon_with_uses_left_applies():
    coupon = a_coupon(amount_off=1000, usage_limit=100, used=99, per_customer_limit=2, used_by_customer=1)
    cart = price([a_line(list_price=5000)], coupon=coupon)

    assert cart.coupon.applied


def test_coupon_matching_no_line_is_refused_as_not_applicable():
    coupon = a_coupon(amount_off=1000, scope=scope(products=["prod-other"]))
    cart = price([a_line(list_price=5000)], coupon=coupon)

    assert (cart.coupon.applied, cart.coupon.reason) == (False, "not_applicable")
    assert cart.total == 5000


def test_coupon_below_min_spend_is_refused_as_min_spend_not_met():
    cart = price([a_line(list_price=9999)], coupon=a_coupon(amount_off=1000, min_spend=10000))

    assert (cart.coupon.applied, cart.coupon.reason) == (False, "min_spend_not_met")
    assert cart.total == 9999


def test_coupon_at_exactly_min_spend_applies():
    cart = price([a_line(list_price=10000)], coupon=a_coupon(amount_off=1000, min_spend=10000))

    assert cart.coupon.applied
    assert cart.total == 9000


def test_coupon_min_spend_counts_only_the_scoped_amount_after_promotions():
    # scoped A 10000 with 10% off -> 9000 < min_spend 10000 (B 50000 is out of scope)
    coupon = a_coupon(amount_off=1000, min_spend=10000, scope=scope(skus=["A"]))
    cart = price([a_line("A", 10000), a_line("B", 50000)], [percent_off(10, scope=scope(skus=["A"]))], coupon=coupon)

    assert cart.coupon.reason == "min_spend_not_met"


# --- 5. shipping --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("grams", "fee"),
    [(0, 1000), (1000, 1000), (1001, 1500), (1500, 1500), (1501, 2000), (2000, 2000), (2001, 2500)],
)
def test_shipping_weight_rounds_up_to_the_next_step(grams, fee):
    # first 1000 g cost 1000, each further 500 g or part of it 500
    cart = price([a_line(list_price=1000, weight_grams=grams)], template=a_template())

    assert cart.shipping.amount == fee
    assert cart.shipping.weight_grams == grams
    assert cart.total == 1000 + fee


def test_shipping_weight_is_the_sum_over_units():
    # 3 x 400 g + 1 x 100 g = 1300 g -> 1000 + 500
    lines = [a_line("A", 1000, quantity=3, weight_grams=400), a_line("B", 1000, weight_grams=100)]
    cart = price(lines, template=a_template())

    assert (cart.shipping.weight_grams, cart.shipping.amount) == (1300, 1500)


def test_shipping_region_overrides_the_fees():
    # Xinjiang: first 2000, additional 1000; 1501 g -> 2000 + 2 x 1000 = 4000
    template = a_template(regions=(a_region({"Xinjiang", "Tibet"}, 2000, 1000),))
    cart = price([a_line(list_price=1000, weight_grams=1501)], template=template, province="Xinjiang")

    assert cart.shipping.amount == 4000
    assert shipping_fee(template, 1501, "Zhejiang") == 2000


def test_shipping_without_a_province_is_an_estimate_at_the_base_fees():
    template = a_template(regions=(a_region({"Xinjiang"}, 2000, 1000),))
    cart = price([a_line(list_price=1000, weight_grams=1501)], template=template, province=None)

    assert (cart.shipping.amount, cart.shipping.estimated) == (2000, True)


def test_shipping_is_free_over_free_over():
    template = a_template(free_over=9900)
    cart = price([a_line(list_price=10000, weight_grams=1501)], template=template)

    assert (cart.shipping.amount, cart.shipping.free_reason) == (0, "free_over")
    assert cart.total == 10000


def test_shipping_is_free_at_exactly_free_over():
    cart = price([a_line(list_price=9900)], template=a_template(free_over=9900))

    assert cart.shipping.amount == 0


def test_free_over_is_judged_after_discounts():
    # 10000 goods, 1000 coupon -> 9000 < free_over 9900: pays 1000 shipping; total 10000
    template = a_template(free_over=9900)
    cart = price([a_line(list_price=10000)], coupon=a_coupon(amount_off=1000), template=template)

    assert (cart.shipping.amount, cart.shipping.free_reason) == (1000, None)
    assert cart.total == 9000 + 1000

    # after a line promotion too: 10% off 10000 -> 9000
    cart = price([a_line(list_price=10000)], [percent_off(10)], template=template)
    assert cart.shipping.amount == 1000


def test_no_free_shipping_province_pays_even_over_free_over():
    # Xinjiang is excluded from free_over; its region fee is 2000 for up to 1000 g
    template = a_template(
        free_over=9900,
        regions=(a_region({"Xinjiang"}, 2000, 1000),),
        no_free_shipping_provinces=frozenset({"Xinjiang"}),
    )
    cart = price([a_line(list_price=50000)], template=template, province="Xinjiang")

    assert (cart.shipping.amount, cart.shipping.free_reason) == (2000, None)
    assert cart.total == 52000

    cart = price([a_line(list_price=50000)], template=template, province="Zhejiang")
    assert cart.shipping.amount == 0


def test_free_over_in_a_remote_province_charges_the_fee_and_says_why():
    template = a_template(free_over=9900, no_free_shipping_provinces=frozenset({"Tibet"}))
    cart = price([a_line(list_price=50000, weight_grams=1200)], template=template, province="Tibet")

    # 1000 for the first 1000 g + 500 for the started 500 g step
    assert (cart.shipping.amount, cart.shipping.free_reason, cart.shipping.not_free_reason) == (
        1500,
        None,
        "remote_area",
    )
    assert cart.total == 50000 + 1500


def test_a_member_in_a_remote_province_pays_the_fee():
    template = a_template(
        regions=(a_region({"Xinjiang"}, 2500, 1000),), no_free_shipping_provinces=frozenset({"Xinjiang"})
    )
    cart = price([a_line(list_price=100)], template=template, province="Xinjiang", is_member=True)

    assert (cart.shipping.amount, cart.shipping.free_reason, cart.shipping.not_free_reason) == (
        2500,
        None,
        "remote_area",
    )

    # elsewhere the member ships free, with nothing withheld
    cart = price([a_line(list_price=100)], template=template, province="Zhejiang", is_member=True)
    assert (cart.shipping.amount, cart.shipping.free_reason, cart.shipping.not_free_reason) == (0, "member", None)


def test_a_coupon_that_brings_goods_over_free_over_does_not_ship_free_to_a_remote_province():
    # no coupon gives free shipping by itself; a coupon only lowers the goods, and a remote
    # province pays whatever the goods come to
    template = a_template(free_over=9900, no_free_shipping_provinces=frozenset({"Tibet"}))
    coupon = a_coupon(amount_off=1000)
    cart = price([a_line(list_price=20000)], coupon=coupon, template=template, province="Tibet", is_member=True)

    assert cart.coupon is not None and cart.coupon.applied and cart.coupon.amount == 1000
    assert (cart.shipping.amount, cart.shipping.not_free_reason) == (1000, "remote_area")
    assert cart.total == 19000 + 1000


def test_no_reason_is_given_when_no_benefit_was_withheld():
    template = a_template(free_over=9900, no_free_shipping_provinces=frozenset({"Tibet"}))
    cart = price([a_line(list_price=100)], template=template, province="Tibet")

    assert (cart.shipping.amount, cart.shipping.not_free_reason) == (1000, None)


def test_shipping_is_free_for_active_members():
    cart = price([a_line(list_price=100, weight_grams=5000)], template=a_template(), is_member=True)

    assert (cart.shipping.amount, cart.shipping.free_reason) == (0, "member")
    assert cart.total == 100


def test_empty_cart_ships_free_and_costs_nothing():
    cart = price([], [percent_off(10), spend_threshold([(0, 500)])], template=a_template())

    assert cart.shipping.amount == 0
    assert (cart.subtotal, cart.total, cart.undiscounted) == (0, 0, 0)
    assert cart.lines == ()
    assert cart.discounts == ()


def test_no_template_means_no_shipping_fee():
    cart = price([a_line(list_price=1000, weight_grams=3000)])

    assert (cart.shipping.amount, cart.shipping.template_id) == (0, None)


# --- the whole pipeline -------------------------------------------------------------------------
def test_full_pipeline_worked_example():
    # Member on Shanghai Monday, Zhejiang.
    # A: list 10000, member 9000, 2 units, flash 7000 limited to 1 (none used) -> 1 flash unit:
    #    flash adjustment 9000 - 7000 = 2000; promotable 1 unit = 9000; 10% off -> 900 (8100 left);
    #    member day 5% of 8100 = 405 (7695 left); line_total 7000 + 7695 = 14695
    # B: list 3000, 3 units = 9000; 10% -> 900 (8100); member day 5% -> 405 (7695);
    #    nth n=2 50%: units A 7695 (1 promotable), B 2565 x 3 -> 4 units, 2 cheapest: B, B -> 2 x 1282 = 2564
    #    B line_total 7695 - 2564 = 5131
    # subtotal 14695 + 5131 = 19826 (< 20000: no spend discount)
    # coupon 1000 off, min_spend 15000 -> 1000; goods 18826; member ships free; total 18826
    lines = [
        a_line("A", 10000, quantity=2, member_price=9000, weight_grams=800),
        a_line("B", 3000, quantity=3, weight_grams=300),
    ]
    promos = [
        flash_sale("A", price=7000, per_customer_limit=1),
        percent_off(10),
        member_day(MONDAY, 5),
        nth_item(2, 50),
        spend_threshold(TIERS),
    ]
    cart = price(
        lines, promos, coupon=a_coupon(amount_off=1000, min_spend=15000), template=a_template(), is_member=True
    )

    a, b = line_of(cart, "A"), line_of(cart, "B")
    assert adjustments(a) == [
        ("flash_sale", "flash_1", 2000),
        ("percent_off", "pct_1", 900),
        ("member_day", "md_1", 405),
    ]
    assert a.line_total == 14695
    assert adjustments(b) == [
        ("percent_off", "pct_1", 900),
        ("member_day", "md_1", 405),
        ("nth_item_discount", "nth_1", 2564),
    ]
    assert b.line_total == 5131
    assert cart.subtotal == 19826
    assert [(d.kind, d.amount) for d in cart.discounts] == [("coupon", 1000)]
    assert (cart.shipping.amount, cart.shipping.free_reason) == (0, "member")
    assert cart.total == 18826
    assert cart.undiscounted == 29000
    assert_allocation_consistent(cart)


def test_lines_keep_their_input_order():
    cart = price([a_line("Z", 100), a_line("A", 200), a_line("M", 300)])

    assert [line.sku for line in cart.lines] == ["Z", "A", "M"]


def test_promotions_outside_their_window_are_ignored_across_types():
    window = {"starts_at": LONG_AGO - timedelta(days=10), "ends_at": LONG_AGO}
    promos = [
        percent_off(50, **window),
        member_day(MONDAY, 50, **window),
        nth_item(1, 50, **window),
        spend_threshold([(0, 1000)], **window),
        flash_sale("SKU-1", price=1, **window),
    ]
    cart = price([a_line(list_price=5000, quantity=2)], promos, is_member=True)

    assert cart.lines[0].adjustments == ()
    assert cart.discounts == ()
    assert cart.total == 10000


def test_a_plans_member_discount_applies_after_line_promotions_and_not_to_non_members():
    promo = percent_off(10)
    member = price([a_line(list_price=10000, quantity=2)], [promo], is_member=True, member_percent_off=5)
    line = member.lines[0]
    # 20000 - 10 % = 18000, then 5 % member discount = 900
    assert [(a.kind, a.amount) for a in line.adjustments] == [("percent_off", 2000), ("member_discount", 900)]
    assert line.line_total == 17100
    guest = price([a_line(list_price=10000, quantity=2)], [promo], is_member=False, member_percent_off=5)
    assert guest.lines[0].line_total == 18000


def test_a_plan_without_member_prices_or_free_shipping_gives_neither():
    lines = [a_line(list_price=10000, member_price=8000)]
    cart = price(lines, template=a_template(), is_member=True, member_prices=False, member_free_shipping=False)
    assert cart.lines[0].unit_price == 10000 and cart.shipping.amount == 1000 and cart.shipping.free_reason is None
    full = price(lines, template=a_template(), is_member=True)
    assert full.lines[0].unit_price == 8000 and full.shipping.free_reason == "member"
