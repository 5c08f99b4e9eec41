"""Presale over the API (ADR 0026), on a clock the tests move: the promotion's
fields checked; checkout of a presale cart charges the deposit only; the
deposit paid makes the order balance_due with its stock still reserved; the
balance payment (idempotent, owner only, in its window) and its success make it
paid and ready for fulfillment; refunds over the two payments, balance first;
the closing job cancels an unpaid balance (windows of minutes: a customer's
token lasts an hour), releases the stock and keeps or
refunds the deposit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.clock import FixedClock
from tests.integration.conftest import ChaliceApi
from tests.payments import FakeGateway, signed
from tests.support import ADMIN, ADMIN_KEY, iso, money, sku_body, use_gateway

T0 = datetime.now(UTC).replace(microsecond=0)
ADDRESS = {"name": "Mei", "phone": "13800000000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Rd"}
DEPOSIT, WORTH, PRICE = 5000, 10000, 50000


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def shop(aws, clock):
    from app import app
    from chalicelib.bootstrap import Container, reset_container
    from chalicelib.settings import load_settings
    from localdev.server import test_client

    container = Container(load_settings(), clock)
    reset_container(container)
    container.auth.bootstrap_admin_key(ADMIN_KEY, "local")
    gateway = FakeGateway()
    use_gateway(container, gateway)
    return ChaliceApi(test_client(app)), gateway


def presale_body(sku: str, **overrides):
    return {
        "name": "Winter coat presale",
        "type": "presale",
        "sku": sku,
        "price": money(PRICE),
        "deposit": money(DEPOSIT),
        "deposit_value": money(WORTH),
        "starts_at": iso(T0 - timedelta(hours=1)),
        "ends_at": iso(T0 + timedelta(minutes=10)),
        "balance_starts_at": iso(T0 + timedelta(minutes=10)),
        "balance_ends_at": iso(T0 + timedelta(minutes=40)),
        **overrides,
    }


def a_presale(api, code: str, stock: int = 10, **overrides):
    category = api.category()
    api.product(category["id"], skus=[sku_body(code, price=60000, stock=stock)])
    r = api.post("/admin/promotions", presale_body(code, **overrides), headers=ADMIN)
    assert r.status == 201, r.body
    return r.body


def customer(api):
    _, token = api.customer()
    return {"Authorization": f"Bearer {token}"}


def checkout(api, me, *items, key=None):
    cart = api.post("/carts", headers=me).body["id"]
    for sku, quantity in items:
        assert api.post(f"/carts/{cart}/items", {"sku": sku, "quantity": quantity}, headers=me).status == 200
    return api.post(
        "/checkout", {"cart_id": cart, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": key or cart}
    )


def webhook(api, evt):
    payload, headers = signed(evt)
    r = api.post("/webhooks/stripe", raw=payload, headers=headers)
    assert r.status == 200, r.body
    return r.body["outcome"]


def level(api, code):
    return api.get(f"/admin/inventory/{code}", headers=ADMIN).body


def balance(api, me, order_id, key="bal-1"):
    return api.post(f"/orders/{order_id}/balance-payment", {}, headers={**me, "Idempotency-Key": key})


def test_a_presale_promotion_is_checked_field_by_field(shop):
    api, _ = shop
    promo = a_presale(api, "PS-V")
    assert promo["deposit"] == money(DEPOSIT) and promo["deposit_value"] == money(WORTH)
    assert promo["deposit_refundable"] is False and promo["price"] == money(PRICE)
    cases = [
        ({"deposit_value": money(DEPOSIT - 1)}, "deposit_value", "below_deposit"),
        ({"deposit_value": money(PRICE + 1)}, "deposit_value", "above_price"),
        ({"deposit": money(0)}, "deposit", "out_of_range"),
        ({"balance_starts_at": iso(T0 + timedelta(minutes=5))}, "balance_starts_at", "before_deposit_ends"),
        ({"balance_ends_at": iso(T0 + timedelta(minutes=10))}, "balance_ends_at", "before_balance_starts"),
        ({"deposit": None}, "deposit", "required"),
        ({"sku": "NOPE-1"}, "sku", "not_found"),
    ]
    for change, field, code in cases:
        body = {k: v for k, v in {**presale_body("PS-V"), **change}.items() if v is not None}
        r = api.post("/admin/promotions", body, headers=ADMIN)
        assert r.status == 400, (change, r.body)
        assert {"field": field, "code": code} in [{"field": e["field"], "code": e["code"]} for e in r.body["errors"]]
    flash = {**presale_body("PS-V"), "type": "flash_sale", "quantity": 5}
    r = api.post("/admin/promotions", flash, headers=ADMIN)
    assert r.status == 400 and "not_applicable" in {e["code"] for e in r.body["errors"]}


def test_deposit_then_balance_reaches_fulfillment_and_refunds_take_the_balance_first(shop, clock):
    api, gateway = shop
    a_presale(api, "PS-1")
    me = customer(api)
    placed = checkout(api, me, ("PS-1", 2))
    assert placed.status == 201, placed.body
    order, payment = placed.body["order"], placed.body["payment"]
    total = PRICE * 2 - (WORTH - DEPOSIT) * 2  # shipping: none configured
    assert order["status"] == "deposit_pending" and order["total"] == money(total + order["shipping"]["amount"])
    assert order["presale"]["deposit"] == money(DEPOSIT * 2)
    assert order["presale"]["balance"] == money((PRICE - WORTH) * 2 + order["shipping"]["amount"])
    assert gateway.intents[payment["payment_intent_id"]]["amount"] == DEPOSIT * 2
    assert level(api, "PS-1")["reserved"] == 2

    assert webhook(api, gateway.succeed(payment["payment_intent_id"])) == "balance_due"
    due = api.get(f"/orders/{order['id']}", headers=me).body
    assert due["status"] == "balance_due" and due["payment_status"] == "deposit_paid"
    assert due["amount_paid"] == money(DEPOSIT * 2) and level(api, "PS-1")["reserved"] == 2

    early = balance(api, me, order["id"])
    assert early.status == 409 and early.body["code"] == "balance_window_not_open"
    clock.at = T0 + timedelta(minutes=15)
    assert balance(api, customer(api), order["id"]).status == 404  # another customer's order
    assert api.post(f"/orders/{order['id']}/balance-payment", {}, headers=me).status == 400  # no key
    first = balance(api, me, order["id"], key="b-1")
    assert first.status == 201, first.body
    intent_id = first.body["payment"]["payment_intent_id"]
    assert first.body["payment"]["client_secret"] and intent_id != payment["payment_intent_id"]
    assert gateway.intents[intent_id]["amount"] == first.body["order"]["presale"]["balance"]["amount"]
    again = balance(api, me, order["id"], key="b-1")
    assert again.status == 201 and again.headers.get("Idempotent-Replayed") == "true"
    assert again.body["payment"]["payment_intent_id"] == intent_id
    assert balance(api, me, order["id"], key="b-2").body["payment"]["payment_intent_id"] == intent_id
    assert first.body["order"]["presale"]["balance_payment_intent_id"] == intent_id

    assert webhook(api, gateway.succeed(intent_id)) == "paid"
    paid = api.get(f"/orders/{order['id']}", headers=me).body
    assert paid["status"] in ("paid", "fulfilling") and paid["payment_status"] == "paid"
    assert paid["amount_paid"] == paid["total"]
    assert balance(api, me, order["id"], key="b-3").body["code"] == "balance_not_due"

    # A refund larger than the balance: the balance's payment first, then the deposit's.
    refund = paid["total"]["amount"] - DEPOSIT
    r = api.post(
        f"/admin/orders/{order['id']}/refunds",
        {"amount": refund, "reason": "goodwill"},
        headers={**ADMIN, "Idempotency-Key": "rf-1"},
    )
    assert r.status in (200, 201), r.body
    taken = {pi: amount for pi, amount, _ in gateway.refunds}
    assert taken == {intent_id: paid["presale"]["balance"]["amount"], payment["payment_intent_id"]: DEPOSIT}


def test_a_presale_is_checked_out_alone(shop):
    api, _ = shop
    a_presale(api, "PS-2")
    category = api.category()
    api.product(category["id"], skus=[sku_body("PLAIN-2")])
    r = checkout(api, customer(api), ("PS-2", 1), ("PLAIN-2", 1))
    assert r.status == 422 and r.body["code"] == "presale_mixed_cart"


@pytest.mark.parametrize("refundable", [False, True])
def test_an_unpaid_balance_closes_the_order_releases_stock_and_applies_the_deposit_rule(shop, clock, refundable):
    api, gateway = shop
    a_presale(api, "PS-3", stock=5, deposit_refundable=refundable)
    me = customer(api)
    placed = checkout(api, me, ("PS-3", 1)).body
    order_id, deposit_intent = placed["order"]["id"], placed["payment"]["payment_intent_id"]
    assert webhook(api, gateway.succeed(deposit_intent)) == "balance_due"
    clock.at = T0 + timedelta(minutes=15)
    assert balance(api, me, order_id).status == 201  # asked for, never paid
    in_window = api.post("/admin/jobs/close_unpaid_balances/runs", {}, headers=ADMIN).body["summary"]
    assert in_window["cancelled"] == 0 and level(api, "PS-3")["reserved"] == 1
    clock.at = T0 + timedelta(minutes=41)
    late = balance(api, me, order_id, key="late")
    assert late.status == 409 and late.body["code"] == "balance_window_closed"
    run = api.post("/admin/jobs/close_unpaid_balances/runs", {}, headers=ADMIN).body["summary"]
    assert run["cancelled"] == 1 and run["deposits_refunded" if refundable else "deposits_kept"] == 1
    closed = api.get(f"/orders/{order_id}", headers=me).body
    assert closed["status"] == "cancelled"
    assert level(api, "PS-3")["reserved"] == 0 and level(api, "PS-3")["available"] == 5
    refunds = [(pi, amount) for pi, amount, _ in gateway.refunds]
    if refundable:
        assert refunds == [(deposit_intent, DEPOSIT)] and closed["amount_refunded"] == money(DEPOSIT)
        assert closed["timeline"][-1]["reason"] == "balance unpaid: deposit refunded"
    else:
        assert refunds == [] and closed["amount_refunded"] == money(0)
        assert closed["amount_paid"] == money(DEPOSIT)
        assert any(e.get("reason") == "balance unpaid: deposit kept" for e in closed["timeline"])
    again = api.post("/admin/jobs/close_unpaid_balances/runs", {}, headers=ADMIN).body["summary"]
    assert again["examined"] == 0


def test_an_unpaid_deposit_is_released_like_any_unpaid_order(shop, clock):
    api, _ = shop
    a_presale(api, "PS-4", stock=3)
    placed = checkout(api, customer(api), ("PS-4", 2)).body
    assert level(api, "PS-4")["reserved"] == 2
    clock.at = T0 + timedelta(minutes=31)
    run = api.post("/admin/jobs/release_unpaid_orders/runs", {}, headers=ADMIN).body["summary"]
    assert run["cancelled"] == 1
    order = api.get(f"/admin/orders/{placed['order']['id']}", headers=ADMIN).body
    assert order["status"] == "cancelled" and level(api, "PS-4")["reserved"] == 0
