"""Checkout, orders and payments over the API: stock reservation, idempotency,
Stripe webhooks (signed, applied once), risk review, cancellation and refunds,
the unpaid-expiry job, the outbox. The rules behind webhooks, refunds and unpaid
expiry are tested over the services in the unit tier (tests/unit/test_payment_events.py,
test_refunds.py, test_order_jobs.py, test_order_state_machine.py)."""

from __future__ import annotations

import itertools
import json
import time
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.signatures import stripe_signature
from tests.payments import WEBHOOK_SECRET, signed
from tests.support import ADMIN, iso, money, sku_body

ADDRESS = {
    "name": "Mei",
    "phone": "+86 138 0000 0000",
    "province": "Zhejiang",
    "city": "Hangzhou",
    "line1": "1 West Lake Rd",
}
_keys = itertools.count(1)
NOW = datetime.now(UTC)


# --- helpers ---------------------------------------------------------------------------------
def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def shopper(api):
    customer, token = api.customer()
    return customer, bearer(token)


def shop(api, *skus):
    category = api.category()
    return api.product(category["id"], skus=list(skus))


def cart_with(api, h, *items):
    r = api.post("/carts", headers=h)
    assert r.status in (200, 201), r.body
    cart_id = r.body["id"]
    for sku, quantity in items:
        added = api.post(f"/carts/{cart_id}/items", {"sku": sku, "quantity": quantity}, headers=h)
        assert added.status == 200, added.body
    return cart_id


def checkout(api, h, cart_id, key=None, address=ADDRESS, **extra):
    body = {"cart_id": cart_id, **extra}
    if address is not None:
        body["shipping_address"] = address
    return api.post("/checkout", body, headers={**h, "Idempotency-Key": key or f"checkout-{next(_keys)}"})


def placed(api, h, *items):
    """A customer's cart with these items, checked out: (order, payment)."""
    r = checkout(api, h, cart_with(api, h, *items))
    assert r.status == 201, r.body
    return r.body["order"], r.body["payment"]


def webhook(api, evt, **sign):
    payload, headers = signed(evt, **sign)
    return api.post("/webhooks/stripe", raw=payload, headers=headers)


def pay(api, gateway, payment):
    r = webhook(api, gateway.succeed(payment["payment_intent_id"]))
    assert r.status == 200, r.body
    return r


def intent_of(gateway, payment):
    return gateway.intents[payment["payment_intent_id"]]


def order_of(api, order_id):
    r = api.get(f"/admin/orders/{order_id}", headers=ADMIN)
    assert r.status == 200, r.body
    return r.body


def stock(api, sku):
    r = api.get(f"/admin/inventory/{sku}", headers=ADMIN)
    assert r.status == 200, r.body
    return {k: r.body[k] for k in ("on_hand", "reserved", "available")}


def coupon(api, code, **body):
    window = {"starts_at": iso(NOW - timedelta(hours=1)), "ends_at": iso(NOW + timedelta(hours=2))}
    r = api.post("/admin/coupons", {"code": code, **window, **body}, headers=ADMIN)
    assert r.status == 201, r.body
    return r.body


def ts(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def transitions(order):
    return [(e["from"], e["to"]) for e in order["timeline"] if e["type"] == "status_changed"]


def run_job(api, name, as_of=None):
    r = api.post(f"/admin/jobs/{name}/runs", {"as_of": as_of} if as_of else {}, headers=ADMIN)
    assert r.status == 200, r.body
    return r.body["summary"]


# --- checkout -----------------------------------------------------------------------------------
def test_checkout_needs_a_signed_in_customer(api):
    shop(api, sku_body("AUTH-1"))
    r = api.post("/checkout", {"cart_id": "cart_x", "shipping_address": ADDRESS}, headers={"Idempotency-Key": "k1"})
    assert r.status == 401 and r.header("WWW-Authenticate") is not None
    r = api.post(
        "/checkout",
        {"cart_id": "cart_x"},
        headers={"Authorization": "Bearer not-a-token", "Idempotency-Key": "k1"},
    )
    assert r.status == 401


def test_checkout_needs_an_idempotency_key(api):
    shop(api, sku_body("IK-1"))
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("IK-1", 1))
    r = api.post("/checkout", {"cart_id": cart_id, "shipping_address": ADDRESS}, headers=h)
    assert r.status == 400 and r.code == "idempotency_key_required"
    r = api.post("/checkout", {"cart_id": cart_id}, headers={**h, "Idempotency-Key": "   "})
    assert r.status == 400 and r.code == "idempotency_key_required"
    assert api.get("/orders", headers=h).body["items"] == []
    assert stock(api, "IK-1")["reserved"] == 0


def test_checkout_places_a_pending_order_and_a_payment_intent(api, gateway):
    shop(api, sku_body("CO-1", price=10000, stock=5), sku_body("CO-2", price=2550, stock=5))
    customer, h = shopper(api)
    cart_id = cart_with(api, h, ("CO-1", 2), ("CO-2", 1))
    cart = api.get(f"/carts/{cart_id}", headers=h).body
    r = checkout(api, h, cart_id)
    assert r.status == 201, r.body
    order, payment = r.body["order"], r.body["payment"]
    assert order["id"].startswith("ord_") and order["customer_id"] == customer["id"] and order["cart_id"] == cart_id
    assert (order["status"], order["payment_status"]) == ("pending_payment", "unpaid")
    assert order["subtotal"] == cart["subtotal"] == money(22550)
    assert order["shipping"] == cart["shipping"] and order["discounts"] == cart["discounts"]
    assert order["total"] == cart["total"]
    assert order["amount_paid"] == money(0) and order["amount_refunded"] == money(0)
    assert {line["sku"]: line["quantity"] for line in order["lines"]} == {"CO-1": 2, "CO-2": 1}
    assert ts(order["payment_due_at"]) - ts(order["created_at"]) == timedelta(minutes=30)
    assert order["timeline"][0]["type"] == "placed" and order["risk_reasons"] == []
    assert payment["provider"] == "stripe" and payment["payment_intent_id"] and payment["client_secret"]
    intent = intent_of(gateway, payment)
    assert intent["amount"] == order["total"]["amount"] and intent["metadata"] == {"order_id": order["id"]}
    assert payment["client_secret"] == intent["client_secret"]
    assert api.get(f"/orders/{order['id']}", headers=h).body == order


def test_checkout_reserves_stock_with_a_ledger_row(api):
    shop(api, sku_body("RS-1", stock=10))
    _, h = shopper(api)
    before = stock(api, "RS-1")
    order, _ = placed(api, h, ("RS-1", 3))
    after = stock(api, "RS-1")
    assert after == {
        "on_hand": before["on_hand"],
        "reserved": before["reserved"] + 3,
        "available": before["available"] - 3,
    }
    ledger = api.get("/admin/inventory/RS-1/ledger", headers=ADMIN).body["items"]
    reserved = [e for e in ledger if e["reason"] == "reserved"]
    assert len(reserved) == 1
    assert reserved[0]["reference"] == order["id"]
    assert (reserved[0]["reserved_delta"], reserved[0]["on_hand_delta"]) == (3, 0)


def test_checkout_consumes_the_cart_and_the_customer_gets_a_new_one(api):
    shop(api, sku_body("CC-1"))
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("CC-1", 1))
    assert checkout(api, h, cart_id).status == 201
    assert api.get(f"/carts/{cart_id}", headers=h).status == 404
    assert api.post(f"/carts/{cart_id}/items", {"sku": "CC-1", "quantity": 1}, headers=h).status == 404
    fresh = api.post("/carts", headers=h)
    assert fresh.status == 201 and fresh.body["id"] != cart_id and fresh.body["lines"] == []


def test_another_customers_cart_is_not_found(api):
    shop(api, sku_body("OC-1"))
    _, alice = shopper(api)
    _, bob = shopper(api)
    cart_id = cart_with(api, alice, ("OC-1", 1))
    r = checkout(api, bob, cart_id)
    assert r.status == 404
    assert checkout(api, bob, "cart_nope").status == 404
    assert api.get(f"/carts/{cart_id}", headers=alice).status == 200
    assert stock(api, "OC-1")["reserved"] == 0


def test_empty_cart_cannot_be_checked_out(api):
    _, h = shopper(api)
    cart_id = cart_with(api, h)
    r = checkout(api, h, cart_id)
    assert r.status == 400 and r.code == "cart_empty"


def test_a_shipping_address_is_required(api):
    shop(api, sku_body("AD-1"))
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("AD-1", 1))
    r = checkout(api, h, cart_id, address=None)
    assert r.status == 400 and r.code == "shipping_address_required"
    assert r.body["errors"][0]["field"] == "shipping_address"
    assert api.get(f"/carts/{cart_id}", headers=h).status == 200 and stock(api, "AD-1")["reserved"] == 0


def test_the_address_in_the_body_is_used(api):
    shop(api, sku_body("AB-1"))
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("AB-1", 1))
    on_cart = {**ADDRESS, "name": "Old", "province": "Jiangsu"}
    assert api.request("PUT", f"/carts/{cart_id}/shipping-address", on_cart, headers=h).status == 200
    r = checkout(api, h, cart_id, address={**ADDRESS, "district": "Xihu"})
    assert r.status == 201, r.body
    assert r.body["order"]["shipping_address"] == {**ADDRESS, "district": "Xihu", "country": "CN"}


def test_the_address_on_the_cart_is_used_when_the_body_has_none(api):
    shop(api, sku_body("AC-1"))
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("AC-1", 1))
    assert api.request("PUT", f"/carts/{cart_id}/shipping-address", ADDRESS, headers=h).status == 200
    r = checkout(api, h, cart_id, address=None)
    assert r.status == 201, r.body
    assert r.body["order"]["shipping_address"]["line1"] == ADDRESS["line1"]


def test_a_delisted_sku_in_the_cart_is_not_available(api):
    product = shop(api, sku_body("DL-1"))
    shop(api, sku_body("DL-2"))
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("DL-1", 1), ("DL-2", 1))
    assert api.post(f"/admin/products/{product['id']}/delist", {"reason": "discontinued"}, headers=ADMIN).status == 200
    r = checkout(api, h, cart_id)
    assert r.status == 409 and r.code == "not_available" and r.body["skus"] == ["DL-1"]
    assert stock(api, "DL-2")["reserved"] == 0 and api.get("/orders", headers=h).body["items"] == []


def test_stock_taken_meanwhile_is_out_of_stock_and_nothing_partial_is_left(api):
    shop(api, sku_body("OS-1", price=6000, stock=10), sku_body("OS-2", price=6000, stock=5))
    coupon(api, "OSCOUPON", amount_off=money(1000))
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("OS-1", 2), ("OS-2", 3))
    assert api.post(f"/carts/{cart_id}/coupons", {"code": "OSCOUPON"}, headers=h).status == 200
    r = api.post("/admin/inventory/OS-2/adjustments", {"delta": -4, "reason": "damaged"}, headers=ADMIN)
    assert r.status == 201, r.body
    cart_before = api.get(f"/carts/{cart_id}", headers=h).body
    levels_before = {sku: stock(api, sku) for sku in ("OS-1", "OS-2")}
    r = checkout(api, h, cart_id)
    assert r.status == 409 and r.code == "out_of_stock" and r.body["skus"] == ["OS-2"]
    assert "OS-2" in r.body["detail"]
    assert {sku: stock(api, sku) for sku in ("OS-1", "OS-2")} == levels_before
    assert levels_before["OS-1"] == {"on_hand": 10, "reserved": 0, "available": 10}
    cart_after = api.get(f"/carts/{cart_id}", headers=h)
    assert cart_after.status == 200 and cart_after.body["lines"] == cart_before["lines"]
    assert cart_after.body["coupon"]["code"] == "OSCOUPON"
    assert api.get("/admin/coupons/OSCOUPON", headers=ADMIN).body["used"] == 0
    assert api.get("/orders", headers=h).body["items"] == []
    assert [e["reason"] for e in api.get("/admin/inventory/OS-1/ledger", headers=ADMIN).body["items"]] == [
        "initial_stock"
    ]


def test_a_coupon_that_stops_applying_fails_checkout(api):
    shop(api, sku_body("CI-1", price=6000, stock=10))
    coupon(api, "MIN100", amount_off=money(1000), min_spend=money(10000))
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("CI-1", 2))
    assert api.post(f"/carts/{cart_id}/coupons", {"code": "MIN100"}, headers=h).status == 200
    api.patch(f"/carts/{cart_id}/items/CI-1", {"quantity": 1}, headers=h)
    r = checkout(api, h, cart_id)
    assert r.status == 422 and r.code == "coupon_invalid" and r.body["reason"] == "min_spend_not_met"
    assert stock(api, "CI-1")["reserved"] == 0 and api.get(f"/carts/{cart_id}", headers=h).status == 200


@pytest.mark.parametrize(
    "extra",
    [
        {"total": money(1)},
        {"subtotal": money(1)},
        {"price": money(1)},
        {"shipping": money(0)},
        {"discounts": []},
        {"status": "paid"},
    ],
)
def test_clients_never_send_prices_or_totals_at_checkout(api, extra):
    shop(api, sku_body("RO-1"))
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("RO-1", 1))
    r = checkout(api, h, cart_id, **extra)
    assert r.status == 400 and r.code == "read_only_field"
    assert r.body["errors"][0]["field"] == next(iter(extra))
    assert api.get(f"/carts/{cart_id}", headers=h).status == 200


# --- idempotency ------------------------------------------------------------------------------
def test_same_key_and_body_replays_the_same_order(api, gateway):
    shop(api, sku_body("ID-1", stock=10))
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("ID-1", 2))
    first = checkout(api, h, cart_id, key="same-key")
    second = checkout(api, h, cart_id, key="same-key")
    assert first.status == second.status == 201
    assert first.header("Idempotent-Replayed") is None
    assert second.header("Idempotent-Replayed") == "true"
    assert second.body == first.body
    orders = api.get("/orders", headers=h).body["items"]
    assert [o["id"] for o in orders] == [first.body["order"]["id"]]
    assert stock(api, "ID-1")["reserved"] == 2 and len(gateway.intents) == 1


def test_same_key_with_a_different_body_is_refused(api):
    shop(api, sku_body("ID-2"))
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("ID-2", 1))
    assert checkout(api, h, cart_id, key="reused").status == 201
    r = checkout(api, h, cart_id, key="reused", address={**ADDRESS, "city": "Ningbo"})
    assert r.status == 422 and r.code == "idempotency_key_reused"
    assert len(api.get("/orders", headers=h).body["items"]) == 1


def test_provider_down_places_nothing_and_the_retry_places_the_order(api, gateway):
    shop(api, sku_body("PD-1", stock=10))
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("PD-1", 1))
    gateway.down = True
    r = checkout(api, h, cart_id, key="retry-me")
    assert r.status == 503 and r.code == "payment_provider_unavailable" and r.header("Retry-After") == "2"
    assert "Idempotent-Replayed" in (r.header("Access-Control-Expose-Headers") or "")
    # The PaymentIntent comes before the transaction: no order, nothing reserved, the cart still active.
    assert api.get("/orders", headers=h).body["items"] == []
    assert stock(api, "PD-1")["reserved"] == 0 and gateway.intents == {}
    assert api.get(f"/carts/{cart_id}", headers=h).body["status"] == "active"
    gateway.down = False
    r = checkout(api, h, cart_id, key="retry-me")
    assert r.status == 201, r.body
    assert r.header("Idempotent-Replayed") is None
    order = r.body["order"]
    assert order["status"] == "pending_payment"
    assert r.body["payment"]["payment_intent_id"] in gateway.intents
    assert intent_of(gateway, r.body["payment"])["metadata"]["order_id"] == order["id"]
    assert len(api.get("/orders", headers=h).body["items"]) == 1 and stock(api, "PD-1")["reserved"] == 1


def test_a_checkout_whose_transaction_fails_cancels_its_payment_intent(api, gateway, monkeypatch):
    shop(api, sku_body("PD-2", stock=1))
    _, alice = shopper(api)
    _, bob = shopper(api)
    alice_cart = cart_with(api, alice, ("PD-2", 1))
    bob_cart = cart_with(api, bob, ("PD-2", 1))
    # Bob's checkout priced the cart while the unit was there; Alice's took it before his transaction.
    from chalicelib.bootstrap import get_container

    orders = get_container().checkout.orders
    original = orders.place

    def alice_first(*args, **kwargs):
        monkeypatch.setattr(orders, "place", original)
        assert checkout(api, alice, alice_cart).status == 201
        return original(*args, **kwargs)

    monkeypatch.setattr(orders, "place", alice_first)
    r = checkout(api, bob, bob_cart)
    assert r.status == 409 and r.code == "out_of_stock", r.body
    statuses = sorted(pi["status"] for pi in gateway.intents.values())
    assert statuses == ["canceled", "requires_payment_method"]  # Bob's intent cancelled, Alice's open
    assert stock(api, "PD-2") == {"on_hand": 1, "reserved": 1, "available": 0}
    assert api.get("/orders", headers=bob).body["items"] == []


# --- coupon usage -------------------------------------------------------------------------------
def test_a_coupon_used_up_at_checkout_is_refused_to_the_next_customer(api):
    shop(api, sku_body("CU-1", price=5000, stock=10))
    coupon(api, "ONLYONE", amount_off=money(500), usage_limit=1)
    _, alice = shopper(api)
    _, bob = shopper(api)
    alice_cart = cart_with(api, alice, ("CU-1", 1))
    bob_cart = cart_with(api, bob, ("CU-1", 1))
    for cart_id, h in ((alice_cart, alice), (bob_cart, bob)):
        assert api.post(f"/carts/{cart_id}/coupons", {"code": "ONLYONE"}, headers=h).status == 200
    r = checkout(api, alice, alice_cart)
    assert r.status == 201 and r.body["order"]["coupon_code"] == "ONLYONE"
    assert r.body["order"]["discounts"][0]["code"] == "ONLYONE"
    r = checkout(api, bob, bob_cart)
    assert r.status == 422 and r.code == "coupon_invalid" and r.body["reason"] == "usage_exhausted"
    assert api.get("/admin/coupons/ONLYONE", headers=ADMIN).body["used"] == 1
    assert stock(api, "CU-1")["reserved"] == 1


# --- webhooks -------------------------------------------------------------------------------------
def test_payment_succeeded_marks_the_order_paid(api, gateway):
    shop(api, sku_body("WH-1", price=10000))
    _, h = shopper(api)
    order, payment = placed(api, h, ("WH-1", 1))
    r = pay(api, gateway, payment)
    assert r.body["received"] is True and r.body["outcome"] == "paid" and r.body["type"] == "payment_intent.succeeded"
    paid = api.get(f"/orders/{order['id']}", headers=h).body
    assert (paid["status"], paid["payment_status"]) == ("paid", "paid")
    assert paid["amount_paid"] == order["total"] and paid["payment_due_at"] is None
    assert ("pending_payment", "paid") in transitions(paid)
    assert stock(api, "WH-1")["reserved"] == 1


def test_the_same_event_twice_is_applied_once(api, gateway):
    shop(api, sku_body("WH-2"))
    _, h = shopper(api)
    order, payment = placed(api, h, ("WH-2", 1))
    evt = gateway.succeed(payment["payment_intent_id"])
    assert webhook(api, evt).body["outcome"] == "paid"
    once = order_of(api, order["id"])
    again = webhook(api, evt)
    assert again.status == 200 and again.body["outcome"] == "duplicate" and again.body["id"] == evt["id"]
    assert order_of(api, order["id"]) == once


def test_webhook_signatures_are_checked_on_the_raw_body(api, gateway):
    shop(api, sku_body("WH-4"))
    _, h = shopper(api)
    order, payment = placed(api, h, ("WH-4", 1))
    evt = gateway.succeed(payment["payment_intent_id"])

    payload, headers = signed(evt)
    tampered = payload.replace(b'"amount_received": ', b'"amount_received": 1')
    assert tampered != payload
    r = api.post("/webhooks/stripe", raw=tampered, headers=headers)
    assert r.status == 400 and r.code == "invalid_signature"

    r = webhook(api, evt, secret="whsec_someone_else")
    assert r.status == 400 and r.code == "invalid_signature"

    r = webhook(api, evt, at=int(time.time()) - 600)
    assert r.status == 400 and r.code == "invalid_signature"

    r = api.post("/webhooks/stripe", raw=payload)
    assert r.status == 400 and r.code == "invalid_signature"

    assert order_of(api, order["id"])["status"] == "pending_payment"
    assert webhook(api, evt).body["outcome"] == "paid"  # the event itself was never recorded as seen


def test_a_signed_body_that_is_not_an_event_is_400(api):
    payload = json.dumps({"hello": "world"}).encode()
    headers = {"Stripe-Signature": stripe_signature(payload, WEBHOOK_SECRET, int(time.time()))}
    r = api.post("/webhooks/stripe", raw=payload, headers=headers)
    assert r.status == 400


# --- risk review ------------------------------------------------------------------------------------
REVIEW_OVER = 50000


@pytest.fixture
def review_large_orders(monkeypatch):
    monkeypatch.setenv("COMMERCE_RISK_REVIEW_OVER", str(REVIEW_OVER))


@pytest.fixture
def reviewing_api(review_large_orders, api):
    """The app with large orders (total above REVIEW_OVER) held for review."""
    from chalicelib.bootstrap import get_container

    assert get_container().risk_policy.review_over == REVIEW_OVER
    return api


def large_order(api, gateway, sku):
    shop(api, sku_body(sku, price=REVIEW_OVER + 10000, stock=5))
    _, h = shopper(api)
    order, payment = placed(api, h, (sku, 1))
    assert order["total"]["amount"] > REVIEW_OVER
    r = pay(api, gateway, payment)
    assert r.body["outcome"] == "paid"
    return order, payment, h


def test_a_large_order_is_held_for_review_after_payment(reviewing_api, gateway):
    api = reviewing_api
    order, _, h = large_order(api, gateway, "RV-1")
    body = api.get(f"/orders/{order['id']}", headers=h).body
    assert (body["status"], body["payment_status"]) == ("under_review", "paid")
    assert body["risk_reasons"] == ["large_order"]
    assert transitions(body)[-2:] == [("pending_payment", "paid"), ("paid", "under_review")]
    listed = api.get("/admin/orders?status=under_review", headers=ADMIN).body["items"]
    assert [o["id"] for o in listed] == [order["id"]]


def test_approving_a_reviewed_order_makes_it_paid(reviewing_api, gateway):
    api = reviewing_api
    order, _, _ = large_order(api, gateway, "RV-2")
    r = api.post(f"/admin/orders/{order['id']}/approve", headers=ADMIN)
    assert r.status == 200, r.body
    assert (r.body["status"], r.body["payment_status"]) == ("paid", "paid")
    last = r.body["timeline"][-1]
    assert (last["from"], last["to"], last["reason"]) == ("under_review", "paid", "review approved")
    assert last["actor"].startswith("staff:")
    again = api.post(f"/admin/orders/{order['id']}/approve", headers=ADMIN)
    assert again.status == 409 and again.code == "invalid_transition"
    assert gateway.refunds == []


def test_rejecting_a_reviewed_order_cancels_refunds_and_returns_stock(reviewing_api, gateway):
    api = reviewing_api
    order, payment, _ = large_order(api, gateway, "RV-3")
    assert stock(api, "RV-3") == {"on_hand": 5, "reserved": 1, "available": 4}
    r = api.post(f"/admin/orders/{order['id']}/reject", {"reason": "stolen card"}, headers=ADMIN)
    assert r.status == 200, r.body
    total = order["total"]["amount"]
    assert r.body["status"] == "cancelled"
    assert (r.body["payment_status"], r.body["amount_refunded"]) == ("refunded", money(total))
    assert [(pi, amount) for pi, amount, _ in gateway.refunds] == [(payment["payment_intent_id"], total)]
    assert stock(api, "RV-3") == {"on_hand": 5, "reserved": 0, "available": 5}
    cancelled = [e for e in r.body["timeline"] if e["to"] == "cancelled"]
    assert cancelled[0]["reason"] == "review rejected: stolen card"
    again = api.post(f"/admin/orders/{order['id']}/reject", {}, headers=ADMIN)
    assert again.status == 409 and again.code == "invalid_transition"


def test_only_reviewers_decide_and_only_on_orders_under_review(reviewing_api, gateway):
    api = reviewing_api
    order, _, _ = large_order(api, gateway, "RV-4")
    warehouse = api.staff_key("warehouse")
    assert api.post(f"/admin/orders/{order['id']}/approve", headers=warehouse).status == 403
    assert api.post(f"/admin/orders/{order['id']}/reject", {}, headers=warehouse).status == 403
    assert api.post(f"/admin/orders/{order['id']}/approve").status == 401
    assert order_of(api, order["id"])["status"] == "under_review"
    reviewer = api.staff_key("customer_service")
    assert api.post(f"/admin/orders/{order['id']}/approve", headers=reviewer).status == 200
    assert api.post("/admin/orders/ord_nope/approve", headers=ADMIN).status == 404

    shop(api, sku_body("RV-5", price=1000))
    _, h = shopper(api)
    small, payment = placed(api, h, ("RV-5", 1))
    pay(api, gateway, payment)
    assert order_of(api, small["id"])["status"] == "paid"
    r = api.post(f"/admin/orders/{small['id']}/approve", headers=ADMIN)
    assert r.status == 409 and r.code == "invalid_transition"
    r = api.post(f"/admin/orders/{small['id']}/reject", {}, headers=ADMIN)
    assert r.status == 409 and r.code == "invalid_transition"


def test_orders_at_the_default_threshold_are_not_reviewed(api, gateway):
    shop(api, sku_body("RV-6", price=60000))
    _, h = shopper(api)
    order, payment = placed(api, h, ("RV-6", 1))
    pay(api, gateway, payment)
    body = order_of(api, order["id"])
    assert body["status"] == "paid" and body["risk_reasons"] == []


# --- customer cancel ----------------------------------------------------------------------------------
def test_customer_cancels_a_pending_order(api, gateway):
    shop(api, sku_body("CX-1", stock=5))
    _, h = shopper(api)
    order, payment = placed(api, h, ("CX-1", 2))
    r = api.post(f"/orders/{order['id']}/cancel", headers=h)
    assert r.status == 200, r.body
    assert (r.body["status"], r.body["payment_status"]) == ("cancelled", "unpaid")
    assert r.body["timeline"][-1]["actor"].startswith("customer:")
    assert stock(api, "CX-1") == {"on_hand": 5, "reserved": 0, "available": 5}
    assert intent_of(gateway, payment)["status"] == "canceled"
    assert gateway.refunds == []


def test_customer_cancels_a_paid_order_and_is_refunded(api, gateway):
    shop(api, sku_body("CX-2", price=8000, stock=5))
    _, h = shopper(api)
    order, payment = placed(api, h, ("CX-2", 1))
    pay(api, gateway, payment)
    r = api.post(f"/orders/{order['id']}/cancel", headers=h)
    assert r.status == 200, r.body
    total = order["total"]["amount"]
    assert r.body["status"] == "cancelled"
    assert (r.body["payment_status"], r.body["amount_paid"], r.body["amount_refunded"]) == (
        "refunded",
        money(total),
        money(total),
    )
    assert [(pi, amount) for pi, amount, _ in gateway.refunds] == [(payment["payment_intent_id"], total)]
    assert stock(api, "CX-2") == {"on_hand": 5, "reserved": 0, "available": 5}
    assert api.get(f"/orders/{order['id']}", headers=h).body == r.body


# (the refund rules: tests/unit/test_refunds.py)
def test_a_refund_the_provider_could_not_take_is_retried_until_paid_once(api, gateway):
    shop(api, sku_body("CX-R", price=8000, stock=5))
    _, h = shopper(api)
    order, payment = placed(api, h, ("CX-R", 1))
    pay(api, gateway, payment)
    total = order["total"]["amount"]
    gateway.down = True
    r = api.post(f"/orders/{order['id']}/cancel", headers=h)
    assert r.status == 200 and r.body["status"] == "cancelled"
    assert r.body["amount_refunded"] == money(0) and gateway.refunds == []  # owed, not lost

    def retry():
        run = api.post("/admin/jobs/retry_refunds/runs", {}, headers=ADMIN)
        assert run.status == 200, run.body
        return run.body["summary"]

    assert retry() == {"examined": 1, "refunded": 0, "failed": 1, "refused": 0}  # still down
    gateway.down = False
    assert retry() == {"examined": 1, "refunded": 1, "failed": 0, "refused": 0}
    assert retry() == {"examined": 0, "refunded": 0, "failed": 0, "refused": 0}
    assert [(pi, amount) for pi, amount, _ in gateway.refunds] == [(payment["payment_intent_id"], total)]
    (key,) = {k for _, _, k in gateway.refunds}
    assert key == f"{order['id']}:refund:cancelled"  # the key the first attempt used: Stripe pays it once
    done = api.get(f"/orders/{order['id']}", headers=h).body
    assert (done["payment_status"], done["amount_refunded"]) == ("refunded", money(total))


def test_cancelling_twice_is_an_invalid_transition(api, gateway):
    shop(api, sku_body("CX-3", stock=5))
    _, h = shopper(api)
    order, _ = placed(api, h, ("CX-3", 1))
    assert api.post(f"/orders/{order['id']}/cancel", headers=h).status == 200
    r = api.post(f"/orders/{order['id']}/cancel", headers=h)
    assert r.status == 409 and r.code == "invalid_transition"
    assert stock(api, "CX-3") == {"on_hand": 5, "reserved": 0, "available": 5}  # released once


def test_another_customers_order_cannot_be_cancelled(api):
    shop(api, sku_body("CX-4"))
    _, alice = shopper(api)
    _, bob = shopper(api)
    order, _ = placed(api, alice, ("CX-4", 1))
    assert api.post(f"/orders/{order['id']}/cancel", headers=bob).status == 404
    assert api.post(f"/orders/{order['id']}/cancel").status == 401
    assert order_of(api, order["id"])["status"] == "pending_payment"


def test_confirming_receipt_of_an_unshipped_order_is_refused(api, gateway):
    shop(api, sku_body("CX-5"))
    _, h = shopper(api)
    order, payment = placed(api, h, ("CX-5", 1))
    r = api.post(f"/orders/{order['id']}/confirm-receipt", headers=h)
    assert r.status == 409 and r.code == "invalid_transition"
    pay(api, gateway, payment)
    r = api.post(f"/orders/{order['id']}/confirm-receipt", headers=h)
    assert r.status == 409 and r.code == "invalid_transition"
    assert order_of(api, order["id"])["status"] == "paid"


def test_cancel_takes_no_body(api):
    shop(api, sku_body("CX-6"))
    _, h = shopper(api)
    order, _ = placed(api, h, ("CX-6", 1))
    r = api.post(f"/orders/{order['id']}/cancel", {"status": "cancelled"}, headers=h)
    assert r.status == 400 and r.code == "read_only_field"
    assert order_of(api, order["id"])["status"] == "pending_payment"


# --- unpaid expiry (the job over HTTP and the real due index; its rules: tests/unit/test_order_jobs.py) ---
def test_unpaid_orders_are_released_after_the_payment_window(api, gateway):
    shop(api, sku_body("UX-1", stock=5))
    _, h = shopper(api)
    order, payment = placed(api, h, ("UX-1", 2))
    created = ts(order["created_at"])
    early = run_job(api, "release_unpaid_orders", iso(created + timedelta(minutes=29)))
    assert early["cancelled"] == 0
    assert order_of(api, order["id"])["status"] == "pending_payment"
    assert intent_of(gateway, payment)["status"] == "requires_payment_method"
    summary = run_job(api, "release_unpaid_orders", iso(created + timedelta(minutes=31)))
    assert summary["cancelled"] == 1 and summary["examined"] == 1
    body = order_of(api, order["id"])
    assert body["status"] == "cancelled" and body["timeline"][-1]["reason"] == "payment window expired"
    assert stock(api, "UX-1") == {"on_hand": 5, "reserved": 0, "available": 5}
    assert intent_of(gateway, payment)["status"] == "canceled"
    again = run_job(api, "release_unpaid_orders", iso(created + timedelta(minutes=31)))
    assert again["cancelled"] == 0 and again["examined"] == 0
    assert stock(api, "UX-1") == {"on_hand": 5, "reserved": 0, "available": 5}
    assert order_of(api, order["id"]) == body


# --- reading orders ---------------------------------------------------------------------------------------
def test_staff_list_orders_by_status(api, gateway):
    shop(api, sku_body("ST-1"))
    _, h = shopper(api)
    order, payment = placed(api, h, ("ST-1", 2))
    pending = api.get("/admin/orders?status=pending_payment", headers=ADMIN).body["items"]
    assert [o["id"] for o in pending] == [order["id"]]
    pay(api, gateway, payment)
    r = api.get("/admin/orders?status=paid", headers=ADMIN)
    assert r.status == 200
    (summary,) = r.body["items"]
    assert summary["id"] == order["id"] and summary["status"] == "paid" and summary["item_count"] == 2
    assert summary["total"] == order["total"]
    assert api.get("/admin/orders?status=pending_payment", headers=ADMIN).body["items"] == []
    r = api.get("/admin/orders?status=lost", headers=ADMIN)
    assert r.status == 400 and r.body["errors"][0]["field"] == "status"
    assert api.get("/admin/orders?status=paid", headers=api.staff_key("warehouse")).status == 200
    assert api.get("/admin/orders?status=paid", headers=h).status == 401


def test_customers_see_only_their_own_orders(api):
    shop(api, sku_body("MY-1", stock=20))
    _, alice = shopper(api)
    _, bob = shopper(api)
    first, _ = placed(api, alice, ("MY-1", 1))
    second, _ = placed(api, alice, ("MY-1", 2))
    bobs, _ = placed(api, bob, ("MY-1", 1))
    mine = api.get("/orders", headers=alice).body["items"]
    assert {o["id"] for o in mine} == {first["id"], second["id"]}
    assert [o["id"] for o in api.get("/orders", headers=bob).body["items"]] == [bobs["id"]]
    assert api.get(f"/orders/{bobs['id']}", headers=alice).status == 404
    assert api.get(f"/orders/{first['id']}", headers=bob).status == 404
    assert api.get("/orders/ord_nope", headers=alice).status == 404
    assert api.get("/orders").status == 401


# --- outbox ----------------------------------------------------------------------------------------------
def test_payment_events_go_out_at_once_and_order_placed_with_the_relay_job(api, gateway):
    from chalicelib.bootstrap import get_container

    outbox = get_container().relay.outbox
    shop(api, sku_body("OB-1"))
    _, h = shopper(api)
    _, payment = placed(api, h, ("OB-1", 1))
    # order.placed is informational: left to the schedule so checkout stays short.
    assert [e.type for e in outbox.pending(100)] == ["order.placed"]
    pay(api, gateway, payment)
    assert [e.type for e in outbox.pending(100)] == ["order.placed"]  # paid events were published at once
    assert run_job(api, "relay_outbox") == {"pending": 1, "published": 1}
    assert outbox.pending(100) == []
    assert run_job(api, "relay_outbox") == {"pending": 0, "published": 0}


def test_undelivered_events_are_published_by_the_relay_job(api, gateway):
    from chalicelib.bootstrap import get_container

    relay = get_container().relay

    class Broken:
        def publish(self, events):
            raise RuntimeError("EventBridge is down")

    working, relay.publisher = relay.publisher, Broken()
    shop(api, sku_body("OB-2"))
    _, h = shopper(api)
    _, payment = placed(api, h, ("OB-2", 1))
    pay(api, gateway, payment)
    waiting = relay.outbox.pending(100)
    assert {e.type for e in waiting} == {"order.placed", "order.paid", "order.ready_for_fulfillment"}
    relay.publisher = working
    assert run_job(api, "relay_outbox") == {"pending": 3, "published": 3}
    assert relay.outbox.pending(100) == []
