"""Membership against localstripe and DynamoDB Local, over HTTP: buy on a card
saved to the Stripe Customer, localstripe's webhook activates it, member
prices show in a cart, and renew_memberships charges the saved card again
off-session; a card that declines off-session maps to a clean failure."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import requests

from chalicelib.domain.errors import PaymentFailed
from tests.support import ADMIN, iso, money, sku_body
from tests.system.test_checkout_system import wait_for

AUTH = ("sk_test_local", "")


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_buy_a_membership_see_member_prices_and_renew_off_session(api, stack):
    stripe_base = f"http://127.0.0.1:{stack.config.stripe_port}"
    plan = api.post(
        "/admin/membership/plans",
        {"name": "Gold", "price": money(19900), "period": "year", "benefits": {"percent_off": 0}},
        headers=ADMIN,
    ).body
    category = api.category()
    api.product(category["id"], skus=[sku_body("MEMS-1", price=10000, member_price=money(8800))])
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    bought = api.post(
        "/me/membership",
        {"plan_id": plan["id"], "payment_method_id": "pm_card_visa"},
        headers={**me, "Idempotency-Key": "buy-1"},
    )
    assert bought.status == 201, bought.body
    intent = bought.body["payment"]["payment_intent_id"]
    r = requests.post(f"{stripe_base}/v1/payment_intents/{intent}/confirm", auth=AUTH, timeout=10)
    assert r.status_code == 200 and r.json()["status"] == "succeeded", r.text
    active = wait_for(lambda: (m := api.get("/me/membership", headers=me).body)["status"] == "active" and m)
    assert active["period"] == 1 and active["is_member"] is True

    cart = api.post("/carts", headers=me).body["id"]
    line = api.post(f"/carts/{cart}/items", {"sku": "MEMS-1", "quantity": 1}, headers=me).body["lines"][0]
    assert (line["unit_price"]["amount"], line["price_source"]) == (8800, "member")

    end = _when(active["current_period_end"])
    run = api.post("/admin/jobs/renew_memberships/runs", {"as_of": iso(end - timedelta(hours=12))}, headers=ADMIN).body[
        "summary"
    ]
    assert run == {"examined": 1, "renewed": 1}
    again = api.post(
        "/admin/jobs/renew_memberships/runs", {"as_of": iso(end - timedelta(hours=12))}, headers=ADMIN
    ).body["summary"]
    assert again == {"examined": 0}
    renewed = api.get("/me/membership", headers=me).body
    assert renewed["period"] == 2 and _when(renewed["current_period_start"]) == end
    charges = [h["payment_intent_id"] for h in renewed["history"] if h["type"] == "paid"]
    assert len(charges) == 2 and charges[0] == intent
    second = requests.get(f"{stripe_base}/v1/payment_intents/{charges[1]}", auth=AUTH, timeout=10).json()
    assert (second["status"], second["amount"], second["metadata"]["period"]) == ("succeeded", 19900, "2")
    assert (
        second["customer"]
        == requests.get(f"{stripe_base}/v1/payment_intents/{intent}", auth=AUTH, timeout=10).json()["customer"]
    )


def test_a_card_declined_off_session_is_a_payment_failure(stack):
    from chalicelib.adapters.stripe_gateway import StripeGateway
    from chalicelib.settings import get_settings, reset_settings

    stack.apply_environment()
    reset_settings()
    gateway = StripeGateway(get_settings())
    customer = gateway.ensure_customer("cus_dunning", "customer-cus_dunning-test")
    pm = requests.post(
        f"http://127.0.0.1:{stack.config.stripe_port}/v1/payment_methods",
        data={
            "type": "card",
            "card[number]": "4000000000000341",
            "card[exp_month]": "12",
            "card[exp_year]": "2030",
            "card[cvc]": "123",
        },
        auth=AUTH,
        timeout=10,
    ).json()["id"]
    gateway.attach_payment_method(pm, customer)
    with pytest.raises(PaymentFailed):
        gateway.create_intent(19900, "CNY", customer, pm, {"kind": "membership"}, f"k-{pm}", off_session=True)
