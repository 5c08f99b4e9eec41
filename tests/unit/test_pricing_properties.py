"""Invariants of the pricing pipeline over random carts, promotions, coupons and shipping templates."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.pricing import CartLine, PricedCart, PricingContext, price_cart
from chalicelib.domain.promotions import Coupon, Promotion, Tier
from chalicelib.domain.shipping import ShippingTemplate, shipping_fee

from .pricing_builders import (
    NOW,
    a_coupon,
    a_promotion,
    a_region,
    a_template,
    scope,
)

SETTINGS = settings(max_examples=200, deadline=None)

CATEGORIES = ("cat_a", "cat_b", "cat_c", "cat_d")
PRODUCTS = ("prod_1", "prod_2", "prod_3")
SKUS = tuple(f"SKU-{i}" for i in range(10))
PROVINCES = ("Zhejiang", "Xinjiang", "Tibet", "Beijing")

prices = st.integers(min_value=0, max_value=100_000)
percents = st.integers(min_value=1, max_value=100)


# --- strategies (built once: hypothesis validates every new strategy object) ----------------------
sku_sets = st.lists(st.sampled_from(SKUS), min_size=1, max_size=8, unique=True)
product_ids = st.sampled_from(PRODUCTS)
category_paths = st.lists(st.sampled_from(CATEGORIES), max_size=3, unique=True).map(tuple)
quantities = st.integers(min_value=1, max_value=99)
member_prices = st.none() | prices
weights = st.integers(min_value=0, max_value=5000)


@st.composite
def cart_lines(draw: st.DrawFn) -> list[CartLine]:
    """1-8 lines with SKU codes unique in the cart."""
    return [
        CartLine(
            sku=sku,
            product_id=draw(product_ids),
            category_path=draw(category_paths),
            quantity=draw(quantities),
            list_price=draw(prices),
            member_price=draw(member_prices),
            weight_grams=draw(weights),
        )
        for sku in draw(sku_sets)
    ]


scopes = st.builds(
    scope,
    categories=st.lists(st.sampled_from(CATEGORIES), max_size=2),
    products=st.lists(st.sampled_from(PRODUCTS), max_size=2),
    skus=st.lists(st.sampled_from(SKUS), max_size=3),
)
# mostly running, sometimes not started, over, or ended early (now is NOW plus up to a week)
windows = st.sampled_from(
    [
        {},
        {},
        {},
        {"starts_at": NOW + timedelta(hours=100)},
        {"ends_at": NOW},
        {"ended_at": NOW - timedelta(minutes=1)},
    ]
)
coupon_windows = st.sampled_from([{}, {}, {}, {"starts_at": NOW + timedelta(hours=100)}, {"ends_at": NOW}])
tier_lists = st.lists(
    st.builds(Tier, st.integers(min_value=0, max_value=2_000_000), st.integers(min_value=0, max_value=200_000)),
    min_size=1,
    max_size=3,
).map(tuple)
promotion_kinds = st.lists(
    st.sampled_from(["percent_off", "member_day", "nth_item_discount", "spend_threshold", "flash_sale", "bundle"]),
    max_size=8,
)
flash_fields = st.fixed_dictionaries(
    {
        "price": prices,
        "quantity": st.integers(min_value=1, max_value=150),
        "sold": st.integers(min_value=0, max_value=150),
        "per_customer_limit": st.none() | st.integers(min_value=1, max_value=50),
        "members_only": st.booleans(),  # ADR 0027
    }
)
bundle_sets = st.lists(  # ADR 0027: a set of 1-3 SKUs, 1-3 units each
    st.tuples(st.sampled_from(SKUS), st.integers(min_value=1, max_value=3)),
    min_size=1,
    max_size=3,
    unique_by=lambda i: i[0],
).map(tuple)
weekdays = st.integers(min_value=1, max_value=7)
nths = st.integers(min_value=1, max_value=5)


@st.composite
def promotions(draw: st.DrawFn, cart_skus: list[str]) -> list[Promotion]:
    """0-8 promotions of every type, with random scopes, percents 1-100, tiers and windows; flash sales
    mostly for a SKU in the cart."""
    result = []
    for index, kind in enumerate(draw(promotion_kinds)):
        fields: dict[str, Any] = dict(draw(windows))
        if kind == "flash_sale":
            fields |= draw(flash_fields)
            fields["sku"] = draw(st.sampled_from(cart_skus) | st.sampled_from(SKUS))
        else:
            fields["scope"] = draw(scopes)
        if kind in ("percent_off", "member_day", "nth_item_discount"):
            fields["percent"] = draw(percents)
        if kind == "member_day":
            fields["weekday"] = draw(weekdays)
        if kind == "nth_item_discount":
            fields["n"] = draw(nths)
        if kind == "spend_threshold":
            fields["tiers"] = draw(tier_lists)
        if kind == "bundle":
            fields |= {"items": draw(bundle_sets), "price": draw(prices)}
        result.append(a_promotion(kind, f"{kind}_{index}", **fields))
    return result


coupon_fields = st.fixed_dictionaries(
    {
        "min_spend": st.integers(min_value=0, max_value=500_000),
        "usage_limit": st.none() | st.integers(min_value=0, max_value=5),
        "used": st.integers(min_value=0, max_value=5),
        "per_customer_limit": st.none() | st.integers(min_value=0, max_value=3),
        "used_by_customer": st.integers(min_value=0, max_value=3),
        "scope": scopes,
    }
)
coupon_discounts = st.fixed_dictionaries({"amount_off": st.integers(min_value=1, max_value=500_000)}) | (
    st.fixed_dictionaries(
        {"percent_off": percents, "max_discount": st.none() | st.integers(min_value=0, max_value=100_000)}
    )
)
coupons = st.none() | st.builds(
    lambda window, fields, discount: a_coupon("RANDOM", **window, **fields, **discount),
    coupon_windows,
    coupon_fields,
    coupon_discounts,
)

regions = st.builds(
    a_region,
    provinces=st.lists(st.sampled_from(PROVINCES), min_size=1, max_size=2),
    first_fee=st.integers(min_value=0, max_value=5000),
    additional_fee=st.integers(min_value=0, max_value=3000),
)
template_values = st.builds(
    a_template,
    first_weight_grams=st.integers(min_value=0, max_value=3000),
    first_fee=st.integers(min_value=0, max_value=5000),
    additional_weight_grams=st.integers(min_value=1, max_value=2000),
    additional_fee=st.integers(min_value=0, max_value=3000),
    free_over=st.none() | st.integers(min_value=0, max_value=1_000_000),
    regions=st.lists(regions, max_size=2).map(tuple),
    no_free_shipping_provinces=st.frozensets(st.sampled_from(PROVINCES), max_size=2),
)
templates = st.one_of(st.none(), template_values, template_values, template_values)
hours_in_a_week = st.integers(min_value=0, max_value=24 * 7 - 1)
provinces = st.none() | st.sampled_from(PROVINCES)
flash_used_counts = st.none() | st.integers(min_value=0, max_value=60)
unknown_codes = st.none() | st.just("UNKNOWN")


@dataclass(frozen=True)
class Scenario:
    lines: list[CartLine]
    promotions: list[Promotion]
    context: PricingContext
    coupon: Coupon | None
    coupon_code: str | None
    template: ShippingTemplate | None

    def price(self, lines: list[CartLine] | None = None) -> PricedCart:
        return price_cart(
            self.lines if lines is None else lines,
            self.promotions,
            self.context,
            coupon=self.coupon,
            coupon_code=self.coupon_code,
            shipping_template=self.template,
        )


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    lines = draw(cart_lines())
    promos = draw(promotions([line.sku for line in lines]))
    used = {p.id: draw(flash_used_counts) for p in promos if p.type == "flash_sale"}
    context = PricingContext(
        # any hour of a week, so every weekday (in UTC and in Shanghai) comes up
        now=NOW + timedelta(hours=draw(hours_in_a_week)),
        is_member=draw(st.booleans()),
        province=draw(provinces),
        flash_used={i: n for i, n in used.items() if n is not None},
    )
    coupon = draw(coupons)
    coupon_code = coupon.code if coupon else draw(unknown_codes)
    return Scenario(lines, promos, context, coupon, coupon_code, draw(templates))


# --- invariants -----------------------------------------------------------------------------------
@SETTINGS
@given(scenarios())
def test_line_figures_are_never_negative_and_add_up(s: Scenario):
    """For every line:
    - line_total >= 0, order_discount >= 0 and payable >= 0;
    - each adjustment amount >= 0 and names its promotion (promotion_id, label);
    - the sum of the line's adjustments <= unit_price * quantity;
    - line_total == unit_price * quantity - sum(adjustments);
    - payable == line_total - order_discount."""
    cart = s.price()

    assert len(cart.lines) == len(s.lines)
    for line in cart.lines:
        gross = line.unit_price * line.quantity
        adjusted = sum(a.amount for a in line.adjustments)
        assert line.line_total >= 0
        assert line.order_discount >= 0
        assert line.payable >= 0
        assert all(a.amount >= 0 for a in line.adjustments)
        assert all(a.promotion_id and a.label for a in line.adjustments)
        assert adjusted <= gross
        assert line.line_total == gross - adjusted
        assert line.payable == line.line_total - line.order_discount


@SETTINGS
@given(scenarios())
def test_order_figures_are_never_negative_and_add_up(s: Scenario):
    """For the order:
    - total >= 0 and shipping.amount >= 0;
    - subtotal == sum of line totals; undiscounted == sum of list_price * quantity;
    - each order discount >= 0 and their sum <= subtotal;
    - sum of the lines' order_discount == sum of order discounts;
    - at most one spend_threshold and one coupon discount, the coupon's equal to the coupon result;
    - total == subtotal - sum(order discounts) + shipping.amount;
    - total <= undiscounted + shipping.amount."""
    cart = s.price()

    assert cart.total >= 0
    assert cart.shipping.amount >= 0
    assert cart.subtotal == sum(line.line_total for line in cart.lines)
    assert cart.undiscounted == sum(line.list_price * line.quantity for line in s.lines)
    assert all(d.amount >= 0 for d in cart.discounts)
    assert cart.discount_total <= cart.subtotal
    assert sum(line.order_discount for line in cart.lines) == cart.discount_total
    kinds = [d.kind for d in cart.discounts]
    assert kinds.count("spend_threshold") <= 1
    assert kinds.count("coupon") <= 1
    coupon_amount = sum(d.amount for d in cart.discounts if d.kind == "coupon")
    assert coupon_amount == (cart.coupon.amount if cart.coupon and cart.coupon.applied else 0)
    assert cart.total == cart.subtotal - cart.discount_total + cart.shipping.amount
    assert cart.total <= cart.undiscounted + cart.shipping.amount


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_line_order(s: Scenario, rnd):
    """Permuting the input lines (SKUs unique per cart) gives the same total, subtotal, discounts, shipping
    and coupon result, and the same figures for each SKU; the lines come back in the permuted order."""
    permuted = list(s.lines)
    rnd.shuffle(permuted)

    original, shuffled = s.price(), s.price(permuted)

    assert [line.sku for line in shuffled.lines] == [line.sku for line in permuted]
    assert shuffled.total == original.total
    assert shuffled.subtotal == original.subtotal
    assert shuffled.discounts == original.discounts
    assert shuffled.shipping == original.shipping
    assert shuffled.coupon == original.coupon
    assert shuffled.undiscounted == original.undiscounted
    assert {line.sku: line for line in shuffled.lines} == {line.sku: line for line in original.lines}


@SETTINGS
@given(scenarios())
def test_pricing_is_deterministic(s: Scenario):
    """Pricing the same inputs twice gives equal results."""
    assert s.price() == s.price()


@SETTINGS
@given(scenarios(), st.sampled_from(PROVINCES))
def test_a_remote_province_never_ships_free_when_the_template_charges(s: Scenario, remote: str):
    """Whatever the cart's benefits (membership, free_over, promotions, a coupon), a destination in the
    template's no_free_shipping_provinces pays the template's fee for the cart's weight; when a benefit
    was withheld and the fee is positive, the cart says so (not_free_reason remote_area)."""
    template = s.template or a_template()
    template = replace(template, no_free_shipping_provinces=template.no_free_shipping_provinces | {remote})
    context = replace(s.context, province=remote, is_member=True)
    cart = price_cart(s.lines, s.promotions, context, s.coupon, s.coupon_code, template)

    fee = shipping_fee(template, sum(line.weight_grams * line.quantity for line in s.lines), remote)
    assert cart.shipping.amount == fee
    assert cart.shipping.free_reason is None
    assert cart.shipping.not_free_reason == ("remote_area" if fee > 0 else None)
