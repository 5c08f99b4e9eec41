"""The cart view's read-ahead (adapters/dynamo/read_ahead.py, ADR 0030): the second
view of a cart in a process reads the cart and what it is priced from in one
BatchGetItem; a view after the cart changed elsewhere reads only what it lacks;
every view is priced as a fresh two-read view would price it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bench.util import count_round_trips
from chalicelib.adapters.dynamo import read_ahead
from chalicelib.bootstrap import get_container
from chalicelib.domain.carts import Caller
from tests.integration.test_orders_api import cart_with, shop, shopper
from tests.support import ADMIN, iso, money, sku_body

NOW = datetime.now(UTC)


@pytest.fixture(autouse=True)
def fresh_memory():
    read_ahead.forget_all()
    yield
    read_ahead.forget_all()


def viewed(api, cart_id: str, h: dict[str, str]) -> tuple[list[str], dict]:
    with count_round_trips() as trips:
        r = api.get(f"/carts/{cart_id}", headers=h)
    assert r.status == 200, r.body
    return trips.calls, r.body


def test_the_second_view_is_one_round_trip_and_prices_the_same(api):
    shop(api, sku_body("RA-1", price=10000), sku_body("RA-2", price=5000))
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("RA-1", 1), ("RA-2", 2))
    first_calls, first = viewed(api, cart_id, h)
    second_calls, second = viewed(api, cart_id, h)
    assert first_calls == ["GetItem", "BatchGetItem"]
    assert second_calls == ["BatchGetItem"]
    assert second == first
    assert second["subtotal"]["amount"] == 20000


def test_a_price_changed_between_views_is_seen_on_the_read_ahead_view(api):
    product = shop(api, sku_body("RA-P", price=10000))
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("RA-P", 1))
    viewed(api, cart_id, h)
    patch = {"skus": [{"code": "RA-P", "price": money(8000)}], "override_margin": True}
    assert api.patch(f"/admin/products/{product['id']}", patch, headers=ADMIN).status == 200
    calls, body = viewed(api, cart_id, h)
    assert calls == ["BatchGetItem"]
    assert body["subtotal"]["amount"] == 8000


def test_a_line_added_elsewhere_is_read_in_a_second_batch_of_what_was_not_asked_for(api):
    shop(api, sku_body("RA-A", price=1000), sku_body("RA-B", price=2000))
    customer, h = shopper(api)
    cart_id = cart_with(api, h, ("RA-A", 1))
    viewed(api, cart_id, h)
    # Another process adds a line: here, the service itself, whose mutations do not read ahead.
    get_container().carts.add_item(cart_id, Caller(customer_id=customer["id"]), "RA-B", 3)
    calls, body = viewed(api, cart_id, h)
    assert calls == ["BatchGetItem", "BatchGetItem"]
    assert {line["sku"]: line["quantity"] for line in body["lines"]} == {"RA-A": 1, "RA-B": 3}
    assert body["subtotal"]["amount"] == 7000
    again, _ = viewed(api, cart_id, h)
    assert again == ["BatchGetItem"]  # remembered with the new line


def test_keys_asked_and_not_found_are_not_asked_again(api):
    """A coupon the customer never used has no usage item, nor a wallet entry: absent
    items count as read, so the view stays one round trip."""
    shop(api, sku_body("RA-C", price=10000))
    code = {"code": "RAHEAD", "starts_at": iso(NOW - timedelta(hours=1)), "ends_at": iso(NOW + timedelta(hours=2))}
    assert api.post("/admin/coupons", {**code, "amount_off": money(500)}, headers=ADMIN).status == 201
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("RA-C", 1))
    assert api.post(f"/carts/{cart_id}/coupons", {"code": "RAHEAD"}, headers=h).status == 200
    viewed(api, cart_id, h)
    calls, body = viewed(api, cart_id, h)
    assert calls == ["BatchGetItem"]
    assert body["discount_total"]["amount"] == 500


def test_another_customers_cart_is_404_on_the_read_ahead_path_too(api):
    shop(api, sku_body("RA-X", price=1000))
    _, h = shopper(api)
    _, other = shopper(api)
    cart_id = cart_with(api, h, ("RA-X", 1))
    viewed(api, cart_id, h)
    assert api.get(f"/carts/{cart_id}", headers=other).status == 404


def test_the_memory_is_bounded(monkeypatch):
    monkeypatch.setattr(read_ahead, "MAX_CARTS", 3)
    for i in range(5):
        read_ahead.remember(f"cart_{i}", (("PK", f"SK{i}"),))
    assert list(read_ahead._remembered) == ["cart_2", "cart_3", "cart_4"]


def asked_keys(api, cart_id: str, h: dict[str, str]) -> set[str]:
    """The sort keys of every item the cart's view asked DynamoDB for."""
    from chalicelib.adapters.dynamo import raw_reads

    asked: list[dict] = []
    original = raw_reads.call

    def recording(operation: str, params: dict) -> dict:
        asked.append(params)
        return original(operation, params)

    raw_reads.call = recording
    try:
        viewed(api, cart_id, h)
    finally:
        raw_reads.call = original
    found: set[str] = set()
    for params in asked:
        for table in params.get("RequestItems", {}).values():
            found |= {key["SK"]["S"] for key in table["Keys"]}
        if "Key" in params:
            found.add(params["Key"]["SK"]["S"])
    return found


@pytest.mark.parametrize(
    ("extra", "expected_targeting", "expected_wallet"),
    [
        ({}, False, False),
        ({"audience": {"new_customers": True}}, True, False),
        ({"claimable": True, "claim_limit": 5}, False, True),
    ],
)
def test_a_coupon_read_ahead_decides_whether_the_targeting_and_wallet_items_are_read(
    api, extra, expected_targeting, expected_wallet
):
    """A coupon with no audience needs no RFM or stats item, one not claimable no wallet
    entry: once the coupon is read with the cart, they are left out of its views."""
    shop(api, sku_body("RA-T", price=10000))
    code = f"RAT{len(extra)}{int(expected_targeting)}{int(expected_wallet)}"
    window = {"starts_at": iso(NOW - timedelta(hours=1)), "ends_at": iso(NOW + timedelta(hours=2))}
    made = api.post("/admin/coupons", {"code": code, **window, "amount_off": money(500), **extra}, headers=ADMIN)
    assert made.status == 201, made.body
    _, h = shopper(api)
    if extra.get("claimable"):
        assert api.post(f"/coupons/{code}/claim", headers=h).status in (200, 201)
    cart_id = cart_with(api, h, ("RA-T", 1))
    assert api.post(f"/carts/{cart_id}/coupons", {"code": code}, headers=h).status == 200
    first = asked_keys(api, cart_id, h)
    assert {"RFM", "STATS", f"WALLET#{code}"} <= first  # the coupon not known yet: everything it may need
    assert asked_keys(api, cart_id, h) == first  # read ahead as the first view asked; the coupon now known
    third = asked_keys(api, cart_id, h)  # as the second view, which knew the coupon, asked
    assert ({"RFM", "STATS"} <= third) is expected_targeting
    assert (f"WALLET#{code}" in third) is expected_wallet
    _, body = viewed(api, cart_id, h)
    assert body["discount_total"]["amount"] == 500  # a new customer, the wallet's coupon: it applies each time
