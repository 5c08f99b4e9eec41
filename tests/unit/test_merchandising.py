"""Merchandising promotions (ADR 0027): bundles in the pricing pipeline, gifts with
purchase, lucky bag picks, members-only flash sales, and the splits they use."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.merchandising import gifts_for, members_only_warnings, pick, shares, split
from chalicelib.domain.pricing import CartLine, PricingContext, price_cart
from chalicelib.domain.promotions import Scope

from .pricing_builders import NOW, a_promotion

SETTINGS = settings(max_examples=200, deadline=None)


def line(sku: str, price: int, quantity: int = 1, **overrides) -> CartLine:
    values = {
        "sku": sku,
        "product_id": f"prod_{sku}",
        "category_path": ("cat",),
        "quantity": quantity,
        "list_price": price,
        "member_price": None,
        "weight_grams": 0,
    }
    return CartLine(**(values | overrides))


def bundle(items, price, id="bundle_1"):
    return a_promotion("bundle", id, items=tuple(items), price=price)


# --- splits ------------------------------------------------------------------------------------------
@SETTINGS
@given(
    st.integers(min_value=0, max_value=10**7), st.dictionaries(st.text(max_size=3), st.integers(0, 10**6), min_size=1)
)
def test_shares_sum_exactly_and_stay_within_their_weights(amount, weights):
    out = shares(amount, weights)
    base = sum(weights.values())
    assert sum(out.values()) == (min(amount, base) if base > 0 else 0)
    assert all(0 <= out[k] <= weights[k] for k in weights)


@SETTINGS
@given(st.integers(min_value=0, max_value=10**7), st.lists(st.integers(1, 99), min_size=1, max_size=10))
def test_split_by_quantity_sums_exactly_and_is_never_negative(amount, parts):
    out = split(amount, parts)
    assert sum(out) == amount and all(share >= 0 for share in out)


# --- bundles -------------------------------------------------------------------------------------------
def test_bundle_applies_per_complete_set_and_allocates_by_value():
    lines = [line("CAM", 30000, 2), line("LENS", 10000, 5)]
    cart = price_cart(lines, [bundle([("CAM", 1), ("LENS", 2)], 40000)], PricingContext(now=NOW))
    by_sku = {priced.sku: priced for priced in cart.lines}
    assert [a.amount for a in by_sku["CAM"].adjustments] == [12000]
    assert [a.amount for a in by_sku["LENS"].adjustments] == [8000]
    assert cart.subtotal == 2 * 40000 + 10000


def test_bundled_units_take_no_other_line_promotion_but_a_coupon_applies_on_top():
    lines = [line("A", 1000), line("B", 1000, 2)]
    promotions = [bundle([("A", 1), ("B", 1)], 1500), a_promotion("percent_off", "pct", percent=10)]
    cart = price_cart(lines, promotions, PricingContext(now=NOW))
    by_sku = {priced.sku: priced for priced in cart.lines}
    assert [a.kind for a in by_sku["A"].adjustments] == ["bundle"]
    assert [(a.kind, a.amount) for a in by_sku["B"].adjustments] == [("bundle", 250), ("percent_off", 100)]


def test_a_bundle_dearer_than_its_set_gives_nothing():
    cart = price_cart([line("A", 100), line("B", 100)], [bundle([("A", 1), ("B", 1)], 500)], PricingContext(now=NOW))
    assert cart.subtotal == 200 and all(not priced.adjustments for priced in cart.lines)


@SETTINGS
@given(
    st.lists(st.tuples(st.integers(0, 50_000), st.integers(1, 9)), min_size=1, max_size=4),
    st.lists(st.integers(1, 3), min_size=1, max_size=4),
    st.integers(0, 100_000),
)
def test_bundle_discount_is_allocated_exactly_and_never_negative(lines_spec, set_quantities, price):
    lines = [line(f"S{i}", p, q) for i, (p, q) in enumerate(lines_spec)]
    items = [(f"S{i}", q) for i, q in enumerate(set_quantities[: len(lines)])]
    cart = price_cart(lines, [bundle(items, price)], PricingContext(now=NOW))
    times = min(lines[i].quantity // q for i, (_, q) in enumerate(items))
    value = sum(lines[i].list_price * q for i, (_, q) in enumerate(items))
    allocated = sum(a.amount for priced in cart.lines for a in priced.adjustments if a.kind == "bundle")
    assert allocated == max(0, value - price) * times
    assert all(priced.line_total >= 0 for priced in cart.lines)
    assert cart.subtotal == sum(lines[i].list_price * lines[i].quantity for i in range(len(lines))) - allocated
    reversed_cart = price_cart(list(reversed(lines)), [bundle(items, price)], PricingContext(now=NOW))
    assert {p.sku: p for p in reversed_cart.lines} == {p.sku: p for p in cart.lines}


# --- members-only flash sales --------------------------------------------------------------------------
def test_members_only_flash_price_is_for_members():
    flash = a_promotion("flash_sale", "flash", sku="F", price=500, members_only=True)
    guest = price_cart([line("F", 1000)], [flash], PricingContext(now=NOW))
    member = price_cart([line("F", 1000)], [flash], PricingContext(now=NOW, is_member=True))
    assert guest.lines[0].unit_price == 1000 and member.lines[0].unit_price == 500
    assert members_only_warnings(["F"], [flash], False)[0]["promotion_id"] == "flash"
    assert members_only_warnings(["F"], [flash], True) == []


# --- gifts ------------------------------------------------------------------------------------------------
def gift(id="gift_1", **fields):
    return a_promotion("gift_with_purchase", id, gift_sku="CUP", gift_product_id="prod_CUP", **fields)


def test_gift_by_threshold_on_its_scope():
    tea, shoe = line("TEA", 6000, 2), line("SHOE", 9000)
    promo = gift(threshold=10000, scope=Scope(skus=frozenset({"TEA"})))
    gifts, warnings = gifts_for([(tea, 12000), (shoe, 9000)], [promo], {"CUP": 5})
    assert [(g.sku, g.quantity) for g in gifts] == [("CUP", 1)] and warnings == []
    gifts, _ = gifts_for([(tea, 9999), (shoe, 9000)], [promo], {"CUP": 5})
    assert gifts == []


def test_gift_per_trigger_sku_capped_by_its_limit_and_by_stock():
    pen = line("PEN", 100, 7)
    gifts, _ = gifts_for([(pen, 700)], [gift(trigger_sku="PEN", trigger_quantity=2, gift_quantity=2)], {"CUP": 99})
    assert gifts[0].quantity == 6
    gifts, _ = gifts_for([(pen, 700)], [gift(trigger_sku="PEN", trigger_quantity=2, gift_limit=2)], {"CUP": 99})
    assert gifts[0].quantity == 2
    gifts, warnings = gifts_for([(pen, 700)], [gift(trigger_sku="PEN", trigger_quantity=2)], {"CUP": 1})
    assert gifts[0].quantity == 1 and warnings[0]["code"] == "gift_out_of_stock"
    gifts, warnings = gifts_for([(pen, 700)], [gift(trigger_sku="PEN")], {})
    assert gifts == [] and warnings[0]["code"] == "gift_out_of_stock"


def test_a_gift_the_cart_buys_is_not_given_and_the_most_generous_promotion_wins():
    cup = line("CUP", 100)
    _, warnings = gifts_for([(cup, 100)], [gift(trigger_sku="CUP")], {"CUP": 9})
    assert warnings[0]["code"] == "gift_sku_in_cart"
    pen = line("PEN", 100, 4)
    two = gift("gift_b", trigger_sku="PEN", gift_quantity=2)
    one = gift("gift_a", trigger_sku="PEN")
    gifts, _ = gifts_for([(pen, 400)], [one, two], {"CUP": 99})
    assert [(g.promotion_id, g.quantity) for g in gifts] == [("gift_b", 8)]


# --- lucky bags ------------------------------------------------------------------------------------------
@SETTINGS
@given(
    st.text(min_size=1, max_size=20),
    st.integers(1, 20),
    st.dictionaries(st.sampled_from(["A", "B", "C", "D", "E"]), st.integers(0, 10), min_size=1),
)
def test_lucky_bag_picks_are_reproducible_and_only_stocked(order_id, quantity, stock):
    first = pick(order_id, "BAG", quantity, list(stock), dict(stock))
    again = pick(order_id, "BAG", quantity, list(reversed(list(stock))), dict(stock))
    assert first == again  # the same order, bag and stock: the same picks, whatever the pool's order
    if sum(stock.values()) < quantity:
        assert first is None
    else:
        assert first is not None and sum(first.values()) == quantity
        assert all(stock[sku] >= units for sku, units in first.items())


def test_lucky_bag_picks_differ_between_orders():
    stock = {s: 100 for s in "ABCDEFGH"}
    picks = {str(pick(f"ord_{i}", "BAG", 3, list(stock), dict(stock))) for i in range(20)}
    assert len(picks) > 1
