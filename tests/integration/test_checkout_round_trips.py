"""How many DynamoDB round trips one checkout costs, counted as `make bench` counts
them (every call PynamoDB makes), against moto; and that pricing from the process's
caches never prices with a promotion staff changed elsewhere meanwhile."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bench.util import count_round_trips
from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.commerce import DynamoPromotions
from chalicelib.adapters.dynamo.models import PromotionItem
from chalicelib.bootstrap import get_container
from chalicelib.domain.promotions import Promotion, Scope
from chalicelib.services import carts
from tests.integration.test_orders_api import ADDRESS, cart_with, checkout, shop, shopper
from tests.support import ADMIN, iso, money, sku_body

NOW = datetime.now(UTC)
READ_WRITE = ["GetItem", "BatchGetItem", "TransactWriteItems"]


@pytest.fixture
def settled(monkeypatch):
    """Staff's last change is long enough ago for caches loaded since to be trusted."""
    monkeypatch.setattr(carts, "PRICING_CHANGE_SETTLE", timedelta(0))


def promotion(api, **body):
    r = api.post(
        "/admin/promotions",
        {"name": "Promo", "starts_at": iso(NOW - timedelta(hours=1)), "ends_at": iso(NOW + timedelta(hours=2)), **body},
        headers=ADMIN,
    )
    assert r.status == 201, r.body
    return r.body


def test_a_checkout_costs_three_round_trips(api, gateway, settled):
    product = shop(api, sku_body("RT-1", price=10000), sku_body("RT-2", price=10000))
    promotion(api, type="percent_off", percent=10, scope={"product_ids": [product["id"]]})
    promotion(api, type="flash_sale", sku="RT-2", price=money(5000), quantity=100)
    customer, h = shopper(api)
    cart_id = cart_with(api, h, ("RT-1", 1), ("RT-2", 2))
    with count_round_trips() as trips:
        result = get_container().checkout.checkout(customer["id"], cart_id, ADDRESS)
    # GetItem the cart; BatchGetItem its products, SKUs, the customer's membership, the flash sale and
    # staff's last pricing change; one TransactWriteItems with the order and its PaymentIntent.
    assert trips.calls == READ_WRITE
    lines = {line.sku: line for line in result.order.lines}
    assert (lines["RT-2"].unit_price, lines["RT-2"].flash_units) == (5000, 2)
    assert lines["RT-1"].line_total == 9000  # the percent off
    assert result.payment is not None and result.order.payment_intent_id == result.payment.id
    assert gateway.intents[result.payment.id]["amount"] == result.order.total
    assert get_container().checkout.orders.order_id_for_payment_intent(result.payment.id) == result.order.id


def test_a_checkout_with_budgets_and_first_n_still_costs_three_round_trips(api, gateway, settled):
    """ADR 0028: budgeted and first_n promotions join the batch read, their counters the transaction."""
    product = shop(api, sku_body("RT-B1", price=10000), sku_body("RT-B2", price=10000))
    ten = promotion(api, type="percent_off", percent=10, scope={"skus": ["RT-B2"]}, budget=money(5000))
    first = promotion(api, type="first_n", quantity=3, price=money(6000), scope={"product_ids": [product["id"]]})
    coupon = {"code": "RTBUDGET", "starts_at": iso(NOW - timedelta(hours=1)), "ends_at": iso(NOW + timedelta(hours=2))}
    assert (
        api.post("/admin/coupons", {**coupon, "amount_off": money(500), "budget": money(5000)}, headers=ADMIN).status
        == 201
    )
    customer, h = shopper(api)
    cart_id = cart_with(api, h, ("RT-B1", 2), ("RT-B2", 2))
    assert api.post(f"/carts/{cart_id}/coupons", {"code": "RTBUDGET"}, headers=h).status == 200
    with count_round_trips() as trips:
        result = get_container().checkout.checkout(customer["id"], cart_id, ADDRESS)
    assert trips.calls == READ_WRITE
    lines = {line.sku: line for line in result.order.lines}
    assert (lines["RT-B1"].flash_units, lines["RT-B2"].flash_units) == (2, 1)  # first_n: 3 units, SKU order
    # The percent off takes RT-B2's one unit not first_n-priced (first_n units take no other line promotion).
    assert result.order.budget_spends == {f"promotion:{ten['id']}": 1000, "coupon:RTBUDGET": 500}
    read = {p: api.get(f"/admin/promotions/{p}", headers=ADMIN).body for p in (ten["id"], first["id"])}
    assert (read[first["id"]]["sold"], read[ten["id"]]["spent"]) == (3, money(1000))
    assert api.get("/admin/coupons/RTBUDGET", headers=ADMIN).body["spent"] == money(500)


def test_a_promotion_staff_started_in_another_process_applies_at_once(api, gateway, settled):
    product = shop(api, sku_body("RT-3", price=10000))
    customer, h = shopper(api)
    cart_id = cart_with(api, h, ("RT-3", 1))  # the cart views cached "no promotions"
    started = Promotion(
        "promo_elsewhere",
        "Started elsewhere",
        "percent_off",
        NOW - timedelta(minutes=1),
        NOW + timedelta(hours=1),
        scope=Scope(product_ids=(product["id"],)),
        percent=20,
    )
    DynamoPromotions().add(started, NOW)  # another Lambda's write: this process's cache is not told
    with count_round_trips() as trips:
        result = get_container().checkout.checkout(customer["id"], cart_id, ADDRESS)
    assert result.order.lines[0].line_total == 8000
    assert trips.calls.count("Query") == 2  # promotions and the template read again
    # Read again, the cache is trusted by the next checkout.
    _, other = shopper(api)
    other_cart = cart_with(api, other, ("RT-3", 1))
    other_id = get_container().carts.carts.get(other_cart).customer_id
    with count_round_trips() as trips:
        again = get_container().checkout.checkout(other_id, other_cart, ADDRESS)
    assert again.order.lines[0].line_total == 8000 and trips.calls == READ_WRITE


def test_a_promotion_ended_in_another_process_no_longer_applies(api, gateway, settled):
    product = shop(api, sku_body("RT-4", price=10000))
    promo = promotion(api, type="percent_off", percent=30, scope={"product_ids": [product["id"]]})
    customer, h = shopper(api)
    cart_id = cart_with(api, h, ("RT-4", 1))  # cached with the promotion running
    ended = replace(DynamoPromotions().get(promo["id"]), ended_at=NOW - timedelta(seconds=1))
    DynamoPromotions().save(ended, NOW)
    result = get_container().checkout.checkout(customer["id"], cart_id, ADDRESS)
    assert result.order.lines[0].line_total == 10000 and result.order.discounts == ()


def test_a_flash_sale_sold_out_meanwhile_is_priced_from_its_fresh_count(api, gateway, settled):
    shop(api, sku_body("RT-5", price=10000))
    flash = promotion(api, type="flash_sale", sku="RT-5", price=money(5000), quantity=1)
    customer, h = shopper(api)
    cart_id = cart_with(api, h, ("RT-5", 1))  # cached with its unit unsold
    # Another process's checkout took the unit (orders move `sold`, not staff's change time).
    PromotionItem(*keys.promotion(flash["id"])).update(actions=[PromotionItem.sold.add(1)])
    with count_round_trips() as trips:
        result = get_container().checkout.checkout(customer["id"], cart_id, ADDRESS)
    assert trips.calls == READ_WRITE
    (line,) = result.order.lines
    assert (line.unit_price, line.flash_units) == (10000, 0)  # the regular price, no refusal


def test_post_checkout_costs_four_round_trips_and_its_answer_is_stored_with_the_order(api, gateway, settled):
    shop(api, sku_body("RT-6", price=10000))
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("RT-6", 1))
    with count_round_trips() as trips:
        r = checkout(api, h, cart_id, key="rt-once")
    assert r.status == 201, r.body
    # The key's claim, then the service's three; the answer is stored by the order's transaction.
    assert trips.calls == ["PutItem", *READ_WRITE]
    with count_round_trips() as trips:
        again = checkout(api, h, cart_id, key="rt-once")
    assert again.status == 201 and again.header("Idempotent-Replayed") == "true"
    assert again.body == r.body and trips.calls == ["PutItem", "GetItem"]


def test_a_failure_after_the_transaction_keeps_the_answer_it_stored(api, gateway, monkeypatch):
    shop(api, sku_body("RT-7", price=10000))
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("RT-7", 1))
    relay = get_container().checkout.changes.relay
    original = relay.relay

    def broken(events):
        raise RuntimeError("after the order's transaction")

    monkeypatch.setattr(relay, "relay", broken)
    assert checkout(api, h, cart_id, key="rt-late").status == 500
    monkeypatch.setattr(relay, "relay", original)
    again = checkout(api, h, cart_id, key="rt-late")  # the order and its answer were stored together
    assert again.status == 201 and again.header("Idempotent-Replayed") == "true"
    (order,) = api.get("/orders", headers=h).body["items"]
    assert again.body["order"]["id"] == order["id"]
