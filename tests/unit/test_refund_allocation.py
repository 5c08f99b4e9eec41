"""The refund allocation rule: partial returns telescope to exactly what was paid."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.error_codes import AfterSaleErrorCode
from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.refund_allocation import allocate, returnable, units_refund

from .order_builders import an_order


def a_discounted_order(quantities: list[int], prices: list[int], discount: int, shipping: int):
    """An order whose order-level ``discount`` is shared across lines the way
    pricing shares it (proportionally, the remainder on the last line)."""
    order = an_order(
        {f"SKU{i}": q for i, q in enumerate(quantities)}, prices={f"SKU{i}": p for i, p in enumerate(prices)}
    )
    totals = [line.line_total for line in order.lines]
    subtotal = sum(totals)
    discount = min(discount, subtotal)
    shares = [discount * t // subtotal for t in totals]
    shares[-1] += discount - sum(shares)
    lines = tuple(
        replace(line, order_discount=share, payable=line.line_total - share)
        for line, share in zip(order.lines, shares, strict=True)
    )
    paid = subtotal - discount + shipping
    return replace(order, lines=lines, shipping=shipping, total=paid, amount_paid=paid)


orders = st.builds(
    a_discounted_order,
    quantities=st.lists(st.integers(1, 7), min_size=1, max_size=4),
    prices=st.lists(st.integers(1, 99_999), min_size=4, max_size=4),
    discount=st.integers(0, 50_000),
    shipping=st.integers(0, 2_000),
)


@settings(max_examples=300, deadline=None)
@given(order=orders, data=st.data(), seller_fault=st.booleans())
def test_any_sequence_of_partial_returns_refunds_at_most_paid_and_a_full_return_exactly(order, data, seller_fault):
    returned: dict[str, int] = {}
    refunded = 0
    shipping_refunded = False
    while any(returnable(order, returned).values()):
        left = {sku: q for sku, q in returnable(order, returned).items() if q > 0}
        picked = data.draw(st.lists(st.sampled_from(sorted(left)), min_size=1, unique=True))
        returning = {sku: data.draw(st.integers(1, left[sku])) for sku in picked}
        allocation = allocate(
            order, returned, returning, seller_fault=seller_fault, shipping_refunded=shipping_refunded
        )
        refunded += allocation.total
        shipping_refunded = shipping_refunded or allocation.shipping > 0
        for sku, quantity in returning.items():
            returned[sku] = returned.get(sku, 0) + quantity
        assert refunded <= order.amount_paid
    expected = order.amount_paid if seller_fault else order.amount_paid - order.shipping
    assert refunded == expected


@given(payable=st.integers(0, 10**9), quantity=st.integers(1, 50), data=st.data())
def test_a_unit_share_is_within_a_cent_of_the_average(payable, quantity, data):
    already = data.draw(st.integers(0, quantity - 1))
    share = units_refund(payable, quantity, already, 1)
    assert payable // quantity <= share <= payable // quantity + 1


def test_returning_more_than_is_left_names_the_line():
    order = replace(an_order({"A": 2}), amount_paid=20000)
    with pytest.raises(ValidationFailed) as caught:
        allocate(order, {"A": 1}, {"A": 2}, seller_fault=False)
    assert caught.value.code == AfterSaleErrorCode.QUANTITY_EXCEEDS_RETURNABLE
    assert caught.value.errors[0].field == "lines[0].quantity"


def test_an_unknown_sku_is_refused_before_its_quantity():
    order = an_order({"A": 2})
    with pytest.raises(ValidationFailed) as caught:
        allocate(order, {}, {"A": 5, "ZZZ": 1}, seller_fault=False)
    assert caught.value.code == AfterSaleErrorCode.UNKNOWN_ORDER_LINE


def test_shipping_comes_back_once_only_when_everything_does_for_a_seller_fault():
    order = replace(an_order({"A": 1, "B": 1}), shipping=800)
    assert allocate(order, {}, {"A": 1}, seller_fault=True).shipping == 0
    assert allocate(order, {"A": 1}, {"B": 1}, seller_fault=True).shipping == 800
    assert allocate(order, {"A": 1}, {"B": 1}, seller_fault=False).shipping == 0
    assert allocate(order, {"A": 1}, {"B": 1}, seller_fault=True, shipping_refunded=True).shipping == 0


def test_a_gift_refunds_nothing_and_need_not_come_back_for_shipping():
    """ADR 0027: a gift line is at 0; every paid unit back refunds shipping, the gift kept or not."""
    order = replace(an_order({"A": 2, "GIFT": 1}), shipping=800)
    lines = tuple(
        replace(line, unit_price=0, line_total=0, order_discount=0, payable=0, gift_promotion_id="promo_gift")
        if line.sku == "GIFT"
        else line
        for line in order.lines
    )
    order = replace(order, lines=lines)
    kept = allocate(order, {}, {"A": 2}, seller_fault=True)
    assert kept.shipping == 800 and kept.lines == {"A": order.lines[0].payable}
    both = allocate(order, {}, {"A": 2, "GIFT": 1}, seller_fault=True)
    assert both.lines["GIFT"] == 0 and both.shipping == 800
