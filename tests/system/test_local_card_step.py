"""The storefront demo's card step on the local server (POST
/demo/localstripe/confirm, localdev/pages.py) against the real localstripe:
a test card that pays, one that is declined, a client secret that is not the
intent's, and a declined intent, which localstripe cannot charge again."""

from __future__ import annotations

import time
import uuid

import requests

from tests.support import ADMIN, sku_body

ADDRESS = {"name": "Mei", "phone": "13800000000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 West Lake Rd"}
EXPIRY = {"exp_month": "12", "exp_year": "2030", "cvc": "123"}


def placed_order(api) -> tuple[str, str]:
    """(order id, client secret) of a new pending order."""
    category = api.category()
    sku = f"CARD-{uuid.uuid4().hex[:6]}"
    api.product(category["id"], skus=[sku_body(sku, price=12800, stock=5)])
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", {}, headers=me).body
    api.post(f"/carts/{cart['id']}/items", {"sku": sku, "quantity": 1}, headers=me)
    r = api.post(
        "/checkout",
        {"cart_id": cart["id"], "shipping_address": ADDRESS},
        headers={**me, "Idempotency-Key": str(uuid.uuid4())},
    )
    assert r.status == 201, r.body
    return r.body["order"]["id"], r.body["payment"]["client_secret"]


def confirm(api, secret: str, number: str) -> requests.Response:
    card = {"number": number, **EXPIRY}
    return requests.post(
        f"{api.base_url}/demo/localstripe/confirm", json={"client_secret": secret, "card": card}, timeout=30
    )


def order_when(api, order_id: str, done) -> dict:
    deadline = time.monotonic() + 30
    while not done(order := api.get(f"/admin/orders/{order_id}", headers=ADMIN).body):
        assert time.monotonic() < deadline, order
        time.sleep(0.3)
    return order


def test_a_test_card_pays_the_order_through_the_webhook(api):
    order_id, secret = placed_order(api)
    r = confirm(api, secret, "4242 4242 4242 4242")
    assert (r.status_code, r.json()["status"], r.json()["last_payment_error"]) == (200, "succeeded", None)
    order = order_when(api, order_id, lambda o: o["status"] != "pending_payment")
    assert (order["status"], order["payment_status"]) == ("paid", "paid")


def test_a_declined_card_leaves_the_order_waiting_and_localstripe_will_not_charge_it_again(api):
    order_id, secret = placed_order(api)
    r = confirm(api, secret, "4000000000000341")
    assert r.status_code == 200
    assert r.json()["status"] == "requires_payment_method"
    assert r.json()["last_payment_error"]["message"] == "Your card was declined."
    order = order_when(api, order_id, lambda o: any(t["type"] == "payment_failed" for t in o["timeline"]))
    assert (order["status"], order["payment_status"]) == ("pending_payment", "unpaid")

    again = confirm(api, secret, "4242424242424242")
    assert (again.status_code, again.json()["code"]) == (409, "conflict")
    assert "check out again" in again.json()["detail"]


def test_a_client_secret_must_be_the_intent_s_own(api):
    _, secret = placed_order(api)
    intent = secret.split("_secret_")[0]
    r = confirm(api, f"{intent}_secret_forged", "4242424242424242")
    assert (r.status_code, r.json()["code"]) == (404, "not_found")
