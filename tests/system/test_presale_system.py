"""Presale (ADR 0026) against DynamoDB Local and localstripe, over HTTP: a
deposit paid on localstripe makes the order balance_due; in the balance window
the balance is paid on localstripe too and the order reaches fulfilling through
the event runner's fulfillment worker; a second order whose balance is left
unpaid is closed by close_unpaid_balances run past the window, its stock back."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import boto3

from tests.support import ADMIN, iso, money, sku_body
from tests.system.test_checkout_system import checkout, pay_on_localstripe, shoppers, wait_for

OPENS_IN = 15  # seconds until the deposit window closes and the balance window opens


def test_deposit_then_balance_on_localstripe_reaches_fulfilling_and_an_unpaid_balance_is_closed(api, stack):
    from app import app
    from localdev.runner import EventRunner

    start = datetime.now(UTC).replace(microsecond=0)
    opens = start + timedelta(seconds=OPENS_IN)
    closes = opens + timedelta(minutes=10)
    category = api.category()
    api.product(category["id"], skus=[sku_body("PRE-1", price=60000, stock=5)])
    promotion = {
        "name": "Presale",
        "type": "presale",
        "sku": "PRE-1",
        "price": money(50000),
        "deposit": money(5000),
        "deposit_value": money(10000),
        "starts_at": iso(start - timedelta(hours=1)),
        "ends_at": iso(opens),
        "balance_starts_at": iso(opens),
        "balance_ends_at": iso(closes),
    }
    created = api.post("/admin/promotions", promotion, headers=ADMIN)
    assert created.status == 201, created.body
    stripe_base = f"http://127.0.0.1:{stack.config.stripe_port}"
    (_, paying, paying_cart), (_, lapsing, lapsing_cart) = shoppers(2, "PRE-1")

    # Both pay their deposit on localstripe: balance_due, the stock still reserved.
    orders = []
    for token, cart_id in ((paying, paying_cart), (lapsing, lapsing_cart)):
        r = checkout(api.base_url, token, cart_id)
        assert r.status_code == 201, r.text
        placed = r.json()
        assert placed["order"]["status"] == "deposit_pending"
        assert placed["order"]["presale"]["deposit"] == money(5000)
        pay_on_localstripe(stripe_base, placed["payment"]["payment_intent_id"])
        orders.append(placed["order"]["id"])
    for token, order_id in zip((paying, lapsing), orders, strict=True):
        me = {"Authorization": f"Bearer {token}"}
        due = wait_for(
            lambda me=me, order_id=order_id: (
                (o := api.get(f"/orders/{order_id}", headers=me).body)["status"] == "balance_due" and o
            )
        )
        assert due["payment_status"] == "deposit_paid" and due["amount_paid"] == money(5000)
    level = api.get("/admin/inventory/PRE-1", headers=ADMIN).body
    assert (level["reserved"], level["available"]) == (2, 3)

    # In the balance window, the first pays the balance: paid, then fulfilling.
    time.sleep(max(0.0, (opens - datetime.now(UTC)).total_seconds()) + 1)
    me = {"Authorization": f"Bearer {paying}"}
    asked = api.post(f"/orders/{orders[0]}/balance-payment", {}, headers={**me, "Idempotency-Key": "bal-1"})
    assert asked.status == 201, asked.body
    balance = asked.body["order"]["presale"]["balance"]["amount"]
    assert balance == 40000 + asked.body["order"]["shipping"]["amount"]
    sqs = boto3.client("sqs", endpoint_url=f"http://127.0.0.1:{stack.config.moto_port}", region_name="us-east-1")
    runner = EventRunner(app, "us-east-1", sqs)
    runner.schedules = []  # only the queues here
    runner.start()
    try:
        pay_on_localstripe(stripe_base, asked.body["payment"]["payment_intent_id"])
        done = wait_for(
            lambda: (o := api.get(f"/orders/{orders[0]}", headers=me).body)["status"] == "fulfilling" and o, timeout=30
        )
    finally:
        runner.stop()
    assert done["amount_paid"] == done["total"] and done["payment_status"] == "paid"
    assert done["presale"]["balance_payment_intent_id"] == asked.body["payment"]["payment_intent_id"]

    # The second never pays its balance: the job run past the window closes it, its stock back.
    early = api.post(
        "/admin/jobs/close_unpaid_balances/runs", {"as_of": iso(closes - timedelta(minutes=1))}, headers=ADMIN
    )
    assert early.status == 200 and early.body["summary"]["cancelled"] == 0
    late = api.post(
        "/admin/jobs/close_unpaid_balances/runs", {"as_of": iso(closes + timedelta(minutes=1))}, headers=ADMIN
    )
    assert late.body["summary"]["cancelled"] == 1 and late.body["summary"]["deposits_kept"] == 1
    closed = api.get(f"/admin/orders/{orders[1]}", headers=ADMIN).body
    assert closed["status"] == "cancelled" and closed["amount_paid"] == money(5000)
    level = api.get("/admin/inventory/PRE-1", headers=ADMIN).body
    assert (level["reserved"], level["available"]) == (1, 4)
