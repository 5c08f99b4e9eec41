"""Cart rules: ownership, expiry, quantities, merge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain import carts
from chalicelib.domain.carts import Caller, Cart, CartItem
from chalicelib.domain.errors import NotFound, ValidationFailed

T0 = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def a_cart(customer_id=None, token="ct_secret", items=(), status="active", updated_at=T0) -> Cart:
    digest = None if customer_id else carts.token_digest(token)
    return Cart("cart_1", customer_id, digest, status, tuple(items), T0, updated_at)


def an_item(sku="A", quantity=1, price=100) -> CartItem:
    return CartItem(sku, "prod_1", quantity, price, T0)


def test_guest_cart_needs_its_token():
    cart = a_cart()
    assert carts.can_access(cart, Caller(cart_token="ct_secret"), T0)
    assert not carts.can_access(cart, Caller(cart_token="ct_other"), T0)
    assert not carts.can_access(cart, Caller(), T0)
    assert not carts.can_access(cart, Caller(customer_id="cus_1"), T0)


def test_customer_cart_is_only_its_owners():
    cart = a_cart(customer_id="cus_1")
    assert carts.can_access(cart, Caller(customer_id="cus_1"), T0)
    assert not carts.can_access(cart, Caller(customer_id="cus_2"), T0)
    assert not carts.can_access(cart, Caller(cart_token="ct_secret"), T0)


def test_guest_cart_expires_after_seven_idle_days_and_customer_carts_do_not():
    guest = a_cart()
    assert guest.expires_at() == T0 + timedelta(days=7)
    assert carts.can_access(guest, Caller(cart_token="ct_secret"), T0 + timedelta(days=7) - timedelta(seconds=1))
    assert not carts.can_access(guest, Caller(cart_token="ct_secret"), T0 + timedelta(days=7))
    customer = a_cart(customer_id="cus_1")
    assert customer.expires_at() is None
    assert carts.can_access(customer, Caller(customer_id="cus_1"), T0 + timedelta(days=365))


def test_finished_carts_are_gone():
    for status in ("merged", "checked_out"):
        assert not carts.can_access(a_cart(status=status), Caller(cart_token="ct_secret"), T0)


def test_adding_sums_quantities_up_to_99():
    cart = carts.add_item(a_cart(), "A", "prod_1", 60, 100, T0)
    cart = carts.add_item(cart, "A", "prod_1", 39, 120, T0 + timedelta(minutes=1))
    assert cart.item("A").quantity == 99 and cart.item("A").added_unit_price == 120
    assert cart.updated_at == T0 + timedelta(minutes=1)
    with pytest.raises(ValidationFailed):
        carts.add_item(cart, "A", "prod_1", 1, 100, T0)


@pytest.mark.parametrize("quantity", [0, -1, 100])
def test_quantity_out_of_range_is_refused(quantity):
    with pytest.raises(ValidationFailed) as raised:
        carts.add_item(a_cart(), "A", "prod_1", quantity, 100, T0)
    assert raised.value.errors[0].field == "quantity"


def test_a_cart_holds_at_most_fifty_skus():
    cart = a_cart(items=[an_item(f"S{i}") for i in range(carts.MAX_LINES)])
    with pytest.raises(ValidationFailed):
        carts.add_item(cart, "ONE-MORE", "prod_1", 1, 100, T0)


def test_set_and_remove_need_the_line():
    with pytest.raises(NotFound):
        carts.set_quantity(a_cart(), "A", 2, 100, T0)
    with pytest.raises(NotFound):
        carts.remove_item(a_cart(), "A", T0)
    cart = carts.remove_item(a_cart(items=[an_item("A"), an_item("B")]), "A", T0)
    assert [i.sku for i in cart.items] == ["B"]


def test_merge_sums_caps_and_marks_the_guest_cart_merged():
    target = a_cart(customer_id="cus_1", items=[an_item("A", 90), an_item("B", 1)])
    guest = a_cart(items=[an_item("A", 20), an_item("C", 2)])
    merged, consumed = carts.merge(target, guest, T0)
    assert {i.sku: i.quantity for i in merged.items} == {"A": 99, "B": 1, "C": 2}
    assert consumed.status == "merged"


def test_merge_keeps_the_customers_coupon_and_address_over_the_guests():
    from dataclasses import replace

    target = replace(a_cart(customer_id="cus_1"), coupon_code="MINE")
    guest = replace(a_cart(), coupon_code="GUEST", shipping_address={"province": "Zhejiang"})
    merged, _ = carts.merge(target, guest, T0)
    assert merged.coupon_code == "MINE" and merged.shipping_address == {"province": "Zhejiang"}
