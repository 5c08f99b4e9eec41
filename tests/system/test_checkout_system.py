"""Checkout and payments against DynamoDB Local and localstripe, over HTTP:
oversell under contention (with a negative control), idempotency under
concurrency, webhook storms, a real payment through localstripe, expiry."""

from __future__ import annotations

import json
import random
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import requests

from chalicelib.domain.signatures import sign_timestamped
from tests.payments import event, signed
from tests.support import ADMIN, iso, sku_body, use_gateway
from tests.system.queues import stock_events

ADDRESS = {"name": "Mei", "phone": "13800000000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 West Lake Rd"}


def shoppers(count: int, sku: str, quantity: int = 1) -> list[tuple[str, str, str]]:
    """(customer id, bearer token, cart id) each with `quantity` of `sku` in the cart,
    arranged through the services (the HTTP paths have tests of their own)."""
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.auth import hash_password, issue_token
    from chalicelib.domain.carts import Caller
    from chalicelib.domain.ids import new_id
    from chalicelib.services.ports import Customer

    container = get_container()
    now = datetime.now(UTC)
    password = hash_password("not used here")

    def one(i: int) -> tuple[str, str, str]:
        customer = Customer(new_id("cus"), f"buyer{i}-{uuid.uuid4().hex[:8]}@example.com", "Buyer", password, now)
        container.auth.customers.add(customer)
        view, _, _ = container.carts.create(Caller(customer_id=customer.id))
        container.carts.add_item(view.cart.id, Caller(customer_id=customer.id), sku, quantity)
        token = issue_token(customer.id, container.settings.token_secret, now, 3600)
        return customer.id, token, view.cart.id

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(one, range(count)))


def checkout(base_url: str, token: str, cart_id: str, key: str | None = None) -> requests.Response:
    return requests.post(
        f"{base_url}/checkout",
        json={"cart_id": cart_id, "shipping_address": ADDRESS},
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key or str(uuid.uuid4())},
        timeout=60,
    )


def race(api, stock: int, buyers: int) -> tuple[Counter, list[requests.Response], dict]:
    category = api.category()
    api.product(category["id"], skus=[sku_body("HOT-1", price=9900, stock=stock)])
    people = shoppers(buyers, "HOT-1")
    with ThreadPoolExecutor(max_workers=50) as pool:
        responses = list(pool.map(lambda p: checkout(api.base_url, p[1], p[2]), people))
    level = api.get("/admin/inventory/HOT-1", headers=ADMIN).body
    return Counter(r.status_code for r in responses), responses, level


def oversold(level: dict, placed: int, stock: int) -> bool:
    return level["available"] < 0 or placed > stock or level["reserved"] > stock


def test_two_hundred_concurrent_checkouts_for_twenty_units_make_exactly_twenty_orders(api):
    statuses, responses, level = race(api, stock=20, buyers=200)
    assert statuses == Counter({201: 20, 409: 180}), statuses
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"out_of_stock"}
    assert (level["on_hand"], level["reserved"], level["available"]) == (20, 20, 0)
    assert not oversold(level, statuses[201], 20)
    orders = api.get("/admin/orders?status=pending_payment&limit=100", headers=ADMIN).body["items"]
    assert len(orders) == 20
    ledger = api.get("/admin/inventory/HOT-1/ledger?limit=100", headers=ADMIN).body["items"]
    assert sum(e["reserved_delta"] for e in ledger) == 20


def test_negative_control_without_the_stock_condition_the_race_oversells(api, monkeypatch):
    """Proves the test above can fail: drop the guarantee and it catches the oversell."""
    from chalicelib.adapters.dynamo import orders as dynamo_orders
    from chalicelib.adapters.dynamo.models import SkuItem
    from chalicelib.services.orders.checkout import CheckoutService

    monkeypatch.setattr(dynamo_orders, "reservation_condition", lambda quantity: SkuItem.PK.exists())
    monkeypatch.setattr(CheckoutService, "_check_stock", staticmethod(lambda view: None))
    statuses, _, level = race(api, stock=20, buyers=60)
    assert oversold(level, statuses[201], 20), (statuses, level)


def test_concurrent_checkouts_each_decide_their_stock_alert_on_the_level_they_wrote(api, stack):
    """10 buyers of 1 against 10 in stock, safety stock 3, all at once: the four
    orders that left 3, 2, 1 and 0 each send stock.low and none of the others does,
    however the transactions interleave (a stale decision fails its guard and is
    made again). Read from the real stock-alerts queue."""
    category = api.category()
    api.product(category["id"], skus=[sku_body("LOW-1", stock=10, safety_stock=3)])
    people = shoppers(10, "LOW-1")
    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(lambda p: checkout(api.base_url, p[1], p[2]).status_code, people))
    assert statuses == [201] * 10
    events = stock_events(stack, "LOW-1")
    assert [kind for kind, _ in events] == ["stock.low"] * 4, events
    assert all(available <= 3 for _, available in events)
    assert api.get("/admin/inventory/LOW-1", headers=ADMIN).body["available"] == 0


def test_ten_concurrent_identical_requests_with_one_key_make_one_order(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("IDEM-1", stock=50)])
    [(customer_id, token, cart_id)] = shoppers(1, "IDEM-1", quantity=2)
    key = str(uuid.uuid4())
    with ThreadPoolExecutor(max_workers=10) as pool:
        responses = list(pool.map(lambda _: checkout(api.base_url, token, cart_id, key), range(10)))
    statuses = Counter(r.status_code for r in responses)
    assert set(statuses) <= {201, 409} and statuses[201] >= 1, statuses
    assert {r.json()["code"] for r in responses if r.status_code == 409} <= {"idempotency_key_in_use"}
    assert len({r.json()["order"]["id"] for r in responses if r.status_code == 201}) == 1
    me = {"Authorization": f"Bearer {token}"}
    assert len(api.get("/orders", headers=me).body["items"]) == 1
    assert api.get("/admin/inventory/IDEM-1", headers=ADMIN).body["reserved"] == 2
    different = requests.post(
        f"{api.base_url}/checkout",
        json={"cart_id": cart_id},
        headers={**me, "Idempotency-Key": key},
        timeout=30,
    )
    assert different.status_code == 422 and different.json()["code"] == "idempotency_key_reused"


def test_each_webhook_event_changes_state_once_however_often_and_in_whatever_order_it_arrives(api):
    category = api.category()
    product = api.product(category["id"], skus=[sku_body("WH-1", price=5000, stock=100)])
    people = shoppers(6, "WH-1", quantity=2)
    orders = []
    for _, token, cart_id in people:
        r = checkout(api.base_url, token, cart_id)
        assert r.status_code == 201, r.text
        orders.append(r.json())
    deliveries = []
    for placed in orders:
        order, pi = placed["order"], placed["payment"]["payment_intent_id"]
        amount = order["total"]["amount"]
        succeeded = event(
            "payment_intent.succeeded",
            {
                "id": pi,
                "amount": amount,
                "amount_received": amount,
                "currency": "cny",
                "metadata": {"order_id": order["id"]},
            },
        )
        refunded = event("charge.refunded", {"id": "ch_x", "payment_intent": pi, "amount_refunded": 1000})
        disputed = event("charge.dispute.created", {"id": "dp_x", "payment_intent": pi, "reason": "fraudulent"})
        for evt in (succeeded, refunded, disputed):
            deliveries += [evt] * random.randint(1, 5)
    random.shuffle(deliveries)

    def deliver(evt):
        payload, headers = signed(evt)
        return requests.post(f"{api.base_url}/webhooks/stripe", data=payload, headers=headers, timeout=30)

    with ThreadPoolExecutor(max_workers=16) as pool:
        responses = list(pool.map(deliver, deliveries))
    assert {r.status_code for r in responses} == {200}
    applied = Counter(r.json()["id"] for r in responses if r.json()["outcome"] not in ("duplicate", "no_change"))
    assert len(applied) == 18 and set(applied.values()) == {1}
    for placed in orders:
        order = api.get(f"/admin/orders/{placed['order']['id']}", headers=ADMIN).body
        kinds = Counter(e["type"] for e in order["timeline"])
        paid = [e for e in order["timeline"] if e["type"] == "status_changed" and e["to"] == "paid"]
        assert order["status"] == "paid" and len(paid) == 1
        assert (kinds["refund"], kinds["dispute"]) == (1, 1)
        assert order["payment_status"] == "disputed" and order["amount_refunded"]["amount"] == 1000
    sales = api.get(f"/admin/products/{product['id']}", headers=ADMIN).body["sales"]
    assert sales == 6 * 2


def test_a_tampered_or_stale_webhook_is_refused(api):
    evt = event("payment_intent.succeeded", {"id": "pi_x", "amount": 1, "currency": "cny", "metadata": {}})
    payload, headers = signed(evt)
    r = requests.post(f"{api.base_url}/webhooks/stripe", data=payload + b" ", headers=headers, timeout=10)
    assert r.status_code == 400 and r.json()["code"] == "invalid_signature"
    payload, headers = signed(evt, at=int(time.time()) - 600)
    r = requests.post(f"{api.base_url}/webhooks/stripe", data=payload, headers=headers, timeout=10)
    assert r.status_code == 400 and r.json()["code"] == "invalid_signature"


def pay_on_localstripe(stripe_base: str, payment_intent_id: str) -> None:
    """What a storefront does with the client secret: attach a card, confirm."""
    auth = ("sk_test_local", "")
    r = requests.post(
        f"{stripe_base}/v1/payment_intents/{payment_intent_id}",
        data={"payment_method": "pm_card_visa"},
        auth=auth,
        timeout=10,
    )
    assert r.status_code == 200, r.text
    r = requests.post(f"{stripe_base}/v1/payment_intents/{payment_intent_id}/confirm", auth=auth, timeout=10)
    assert r.status_code == 200, r.text


def carrier_reports(base_url: str, tracking_number: str, status: str, event_id: str) -> requests.Response:
    """A signed tracking update from the carrier (POST /webhooks/logistics), as of now."""
    update = {"event_id": event_id, "carrier": "sf", "tracking_number": tracking_number, "status": status}
    body = json.dumps({**update, "at": iso(datetime.now(UTC))}).encode()
    now = int(time.time())
    return requests.post(
        f"{base_url}/webhooks/logistics",
        data=body,
        headers={
            "Content-Type": "application/json",
            "X-Logistics-Timestamp": str(now),
            "X-Logistics-Signature": sign_timestamped(body, "logistics-local-secret", now),
        },
        timeout=10,
    )


def wait_for(predicate, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError("condition not met in time")


def test_a_real_payment_through_localstripe_marks_the_order_paid(api, stack):
    category = api.category()
    api.product(category["id"], skus=[sku_body("PAY-1", price=12900, stock=5)])
    [(_, token, cart_id)] = shoppers(1, "PAY-1")
    r = checkout(api.base_url, token, cart_id)
    assert r.status_code == 201, r.text
    order_id, payment = r.json()["order"]["id"], r.json()["payment"]
    assert payment["client_secret"].startswith(payment["payment_intent_id"])
    stripe_base = f"http://127.0.0.1:{stack.config.stripe_port}"
    pay_on_localstripe(stripe_base, payment["payment_intent_id"])
    me = {"Authorization": f"Bearer {token}"}
    paid = wait_for(lambda: (o := api.get(f"/orders/{order_id}", headers=me).body)["status"] == "paid" and o)
    assert paid["payment_status"] == "paid" and paid["amount_paid"]["amount"] == 12900


def test_unpaid_orders_expire_their_intent_is_cancelled_and_stock_returns(api, stack):
    category = api.category()
    api.product(category["id"], skus=[sku_body("EXP-1", stock=5)])
    [(_, token, cart_id)] = shoppers(1, "EXP-1", quantity=3)
    placed = checkout(api.base_url, token, cart_id).json()
    assert api.get("/admin/inventory/EXP-1", headers=ADMIN).body["available"] == 2
    early = iso(datetime.now(UTC) + timedelta(minutes=29))
    assert (
        api.post("/admin/jobs/release_unpaid_orders/runs", {"as_of": early}, headers=ADMIN).body["summary"]["cancelled"]
        == 0
    )
    late = iso(datetime.now(UTC) + timedelta(minutes=31))
    run = api.post("/admin/jobs/release_unpaid_orders/runs", {"as_of": late}, headers=ADMIN).body
    assert run["summary"]["cancelled"] == 1
    order = api.get(f"/admin/orders/{placed['order']['id']}", headers=ADMIN).body
    assert order["status"] == "cancelled"
    assert api.get("/admin/inventory/EXP-1", headers=ADMIN).body["available"] == 5
    pi = requests.get(
        f"http://127.0.0.1:{stack.config.stripe_port}/v1/payment_intents/{placed['payment']['payment_intent_id']}",
        auth=("sk_test_local", ""),
        timeout=10,
    ).json()
    assert pi["status"] == "canceled"
    again = api.post("/admin/jobs/release_unpaid_orders/runs", {"as_of": late}, headers=ADMIN).body
    assert again["summary"]["cancelled"] == 0


def test_a_stripe_timeout_is_a_503_with_nothing_placed_and_the_same_key_places_the_order(api, stack):
    """A payment provider that accepts connections and never answers."""
    import socket
    import threading
    from dataclasses import replace

    from chalicelib.adapters.stripe_gateway import StripeGateway
    from chalicelib.bootstrap import get_container

    hole = socket.socket()
    hole.bind(("127.0.0.1", 0))
    hole.listen(16)
    stop = threading.Event()
    threading.Thread(target=lambda: stop.wait(30), daemon=True).start()
    container = get_container()
    real = use_gateway(
        container,
        StripeGateway(
            replace(
                container.settings,
                stripe_api_base=f"http://127.0.0.1:{hole.getsockname()[1]}",
                stripe_timeout_seconds=0.5,
            )
        ),
    )
    category = api.category()
    api.product(category["id"], skus=[sku_body("TO-1", stock=5)])
    [(_, token, cart_id)] = shoppers(1, "TO-1")
    key = str(uuid.uuid4())
    try:
        started = time.monotonic()
        r = checkout(api.base_url, token, cart_id, key)
        assert r.status_code == 503 and r.json()["code"] == "payment_provider_unavailable"
        assert time.monotonic() - started < 10  # bounded: timeout x (1 + 2 retries)
    finally:
        use_gateway(container, real)
        stop.set()
        hole.close()
    me = {"Authorization": f"Bearer {token}"}
    # The PaymentIntent comes before the order's transaction: nothing was placed or reserved.
    assert api.get("/orders", headers=me).body["items"] == []
    assert api.get("/admin/inventory/TO-1", headers=ADMIN).body["reserved"] == 0
    retry = checkout(api.base_url, token, cart_id, key)
    assert retry.status_code == 201 and retry.json()["order"]["status"] == "pending_payment"
    assert retry.json()["payment"]["payment_intent_id"].startswith("pi_")
    [order] = api.get("/orders", headers=me).body["items"]
    assert order["id"] == retry.json()["order"]["id"]


def test_a_paid_order_reaches_fulfilling_by_itself_then_ships_and_is_delivered(api, stack):
    """As under make run: localstripe's webhook, the outbox routed to SQS (moto
    server), the event runner polling the app's own fulfillment worker."""
    import boto3

    from app import app
    from localdev.runner import EventRunner

    sqs = boto3.client("sqs", endpoint_url=f"http://127.0.0.1:{stack.config.moto_port}", region_name="us-east-1")
    runner = EventRunner(app, "us-east-1", sqs)
    runner.schedules = []  # only the queues here
    runner.start()
    try:
        category = api.category()
        api.product(category["id"], skus=[sku_body("FUL-1", price=8800, stock=5)])
        [(_, token, cart_id)] = shoppers(1, "FUL-1", quantity=2)
        placed = checkout(api.base_url, token, cart_id).json()
        order_id = placed["order"]["id"]
        pay_on_localstripe(f"http://127.0.0.1:{stack.config.stripe_port}", placed["payment"]["payment_intent_id"])
        me = {"Authorization": f"Bearer {token}"}
        wait_for(lambda: api.get(f"/orders/{order_id}", headers=me).body["status"] == "fulfilling", timeout=30)
    finally:
        runner.stop()
    shipped = api.post(
        f"/admin/orders/{order_id}/shipments", {"carrier": "sf", "tracking_number": "SFSYS1"}, headers=ADMIN
    )
    assert shipped.status == 201 and shipped.body["status"] == "shipped"
    r = carrier_reports(api.base_url, "SFSYS1", "delivered", "trk-1")
    assert r.status_code == 200 and r.json()["outcome"] == "delivered"
    assert api.get(f"/orders/{order_id}", headers=me).body["status"] == "delivered"
    level = api.get("/admin/inventory/FUL-1", headers=ADMIN).body
    assert (level["on_hand"], level["reserved"]) == (3, 0)
