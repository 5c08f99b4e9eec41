"""After-sales end to end over HTTP against DynamoDB Local, moto server and
localstripe: an order of three lines with a spend-threshold discount, a coupon
and shipping is paid, shipped, delivered, settled and returned in two requests;
the refunds add up to what was paid minus shipping, to the cent."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import requests

from tests.integration.test_promotions_api import ENDS, STARTED
from tests.integration.test_settlement_api import day_of, settle
from tests.support import ADMIN, iso, money, sku_body
from tests.system.test_checkout_system import ADDRESS, carrier_reports, pay_on_localstripe, wait_for

STRIPE_AUTH = ("sk_test_local", "")


def a_customer(api) -> dict[str, str]:
    _, token = api.customer(f"as-{uuid.uuid4().hex[:10]}@example.com")
    return {"Authorization": f"Bearer {token}"}


def placed(api, stack, me, items, *, coupon=None) -> dict:
    cart = api.post("/carts", headers=me).body
    for sku, quantity in items:
        assert api.post(f"/carts/{cart['id']}/items", {"sku": sku, "quantity": quantity}, headers=me).status == 200
    if coupon:
        applied = api.post(f"/carts/{cart['id']}/coupons", {"code": coupon}, headers=me)
        assert applied.body["coupon"]["applied"] is True, applied.body
    r = api.post(
        "/checkout",
        {"cart_id": cart["id"], "shipping_address": ADDRESS},
        headers={**me, "Idempotency-Key": str(uuid.uuid4())},
    )
    assert r.status == 201, r.body
    pay_on_localstripe(f"http://127.0.0.1:{stack.config.stripe_port}", r.body["payment"]["payment_intent_id"])
    order_id = r.body["order"]["id"]
    paid = wait_for(lambda: (o := api.get(f"/orders/{order_id}", headers=me).body)["payment_status"] == "paid" and o)
    return {**paid, "payment_intent_id": r.body["payment"]["payment_intent_id"]}


def delivered(api, order: dict, me) -> dict:
    """Staff ship it, the carrier reports it delivered."""
    from chalicelib.bootstrap import get_container

    get_container().fulfillment.start_fulfillment(
        order["id"]
    )  # what the fulfillment worker does with order.ready_for_fulfillment
    tracking = f"SF{uuid.uuid4().hex[:10].upper()}"
    shipped = api.post(
        f"/admin/orders/{order['id']}/shipments", {"carrier": "sf", "tracking_number": tracking}, headers=ADMIN
    )
    assert shipped.status == 201, shipped.body
    r = carrier_reports(api.base_url, tracking, "delivered", uuid.uuid4().hex)
    assert r.status_code == 200, r.text
    return {**api.get(f"/orders/{order['id']}", headers=me).body, "payment_intent_id": order["payment_intent_id"]}


def stripe_refunds(stack, payment_intent_id: str) -> list[dict]:
    r = requests.get(
        f"http://127.0.0.1:{stack.config.stripe_port}/v1/refunds",
        params={"payment_intent": payment_intent_id, "limit": 100},
        auth=STRIPE_AUTH,
        timeout=10,
    )
    assert r.status_code == 200, r.text
    return r.json()["data"]


def returned(api, order_id: str, me, lines, reason="no_reason") -> dict:
    """A return request taken through every step: asked, approved, shipped back,
    received, inspected (pass) — the refund follows the inspection."""
    cs, warehouse = api.staff_key("customer_service"), api.staff_key("warehouse")
    r = api.post(
        f"/orders/{order_id}/after-sales",
        {"type": "return_refund", "reason": reason, "lines": lines, "description": "changed my mind"},
        headers={**me, "Idempotency-Key": str(uuid.uuid4())},
    )
    assert r.status == 201, r.body
    as_id = r.body["id"]
    assert r.body["status"] == "requested" and r.body["due"]["respond_by"]
    assert api.post(f"/admin/after-sales/{as_id}/approve", {}, headers=cs).status == 200
    shipment = {"carrier": "sf", "tracking_number": f"RT{uuid.uuid4().hex[:10].upper()}"}
    assert api.post(f"/after-sales/{as_id}/return-shipment", shipment, headers=me).status == 200
    assert api.post(f"/admin/after-sales/{as_id}/receive", {}, headers=warehouse).status == 200
    inspected = api.post(f"/admin/after-sales/{as_id}/inspect", {"result": "pass", "note": "as new"}, headers=warehouse)
    assert inspected.status == 200, inspected.body
    return api.get(f"/after-sales/{as_id}", headers=me).body


def test_a_discounted_order_returned_in_two_requests_refunds_what_was_paid_minus_shipping(api, stack):
    category = api.category()
    api.product(
        category["id"],
        skus=[
            sku_body("AS-A", price=10000, stock=10, weight_grams=400),
            sku_body("AS-B", price=6000, stock=10, weight_grams=400),
            sku_body("AS-C", price=3300, stock=10, weight_grams=400),
        ],
    )
    r = api.post(
        "/admin/promotions",
        {
            "name": "Spend 300 save 25",
            "type": "spend_threshold",
            "starts_at": STARTED,
            "ends_at": ENDS,
            "tiers": [{"threshold": money(30000), "discount": money(2500)}],
            "scope": {"category_ids": [category["id"]]},
        },
        headers=ADMIN,
    )
    assert r.status == 201, r.body
    code = f"AS{uuid.uuid4().hex[:6].upper()}"
    r = api.post(
        "/admin/coupons",
        {"code": code, "starts_at": STARTED, "ends_at": ENDS, "amount_off": money(1700), "min_spend": money(10000)},
        headers=ADMIN,
    )
    assert r.status == 201, r.body
    r = api.post(
        "/admin/shipping-templates",
        {
            "name": "Returns test",
            "is_default": True,
            "first_weight_grams": 1000,
            "first_fee": money(1200),
            "additional_weight_grams": 1000,
            "additional_fee": money(600),
        },
        headers=ADMIN,
    )
    assert r.status == 201, r.body
    me = a_customer(api)
    order = placed(api, stack, me, [("AS-A", 3), ("AS-B", 1), ("AS-C", 1)], coupon=code)
    paid, shipping = order["amount_paid"]["amount"], order["shipping"]["amount"]
    assert order["discounts"] and shipping > 0 and paid == 30000 + 6000 + 3300 - 2500 - 1700 + shipping
    payable = {line["sku"]: line["payable"]["amount"] for line in order["lines"]}
    on_hand = api.get("/admin/inventory/AS-A", headers=ADMIN).body["on_hand"]
    order = delivered(api, order, me)
    assert order["status"] == "delivered"
    # Nine days on, the order completes and settles (T+7) before the customer's return,
    # so the return's refund is carried into a later statement as an adjustment.
    as_of = iso(datetime.now(UTC) + timedelta(days=9))
    completed = api.post("/admin/jobs/auto_complete_orders/runs", {"as_of": as_of}, headers=ADMIN)
    assert completed.status == 200, completed.body
    assert settle(api, 9)["settled"] == 1

    first = returned(api, order["id"], me, [{"sku": "AS-A", "quantity": 2}])

    share = payable["AS-A"] * 2 // 3
    assert first["status"] == "refunded" and first["refund_amount"]["amount"] == share
    after = api.get(f"/orders/{order['id']}", headers=me).body
    assert after["payment_status"] == "partially_refunded" and after["amount_refunded"]["amount"] == share
    assert api.get("/admin/inventory/AS-A", headers=ADMIN).body["on_hand"] == on_hand - 3 + 2
    ledger = api.get("/admin/inventory/AS-A/ledger", headers=ADMIN).body["items"]
    returns = [(e["on_hand_delta"], e["reference"]) for e in ledger if e["reason"] == "customer_return"]
    assert returns == [(2, first["id"])]
    settle(api, 10)
    statement = api.get(f"/admin/settlements/{day_of(10)}", headers=ADMIN).body
    adjustments = [line for line in statement["lines"] if line["order_id"] == order["id"]]
    assert [line["refunds"]["amount"] for line in adjustments] == [share]

    second = returned(
        api,
        order["id"],
        me,
        [{"sku": "AS-A", "quantity": 1}, {"sku": "AS-B", "quantity": 1}, {"sku": "AS-C", "quantity": 1}],
    )

    assert second["refund_amount"]["amount"] == sum(payable.values()) - share
    done = api.get(f"/orders/{order['id']}", headers=me).body
    assert done["amount_refunded"]["amount"] == paid - shipping  # no-reason: the postage is the customer's
    assert sum(r["amount"] for r in stripe_refunds(stack, order["payment_intent_id"])) == paid - shipping


def test_refund_only_on_a_paid_unshipped_order_refunds_and_releases_stock_without_staff(api, stack):
    category = api.category()
    api.product(category["id"], skus=[sku_body("RO-1", price=4500, stock=5), sku_body("RO-2", price=2000, stock=5)])
    me = a_customer(api)
    order = placed(api, stack, me, [("RO-1", 2), ("RO-2", 1)])
    assert api.get("/admin/inventory/RO-1", headers=ADMIN).body["available"] == 3

    r = api.post(
        f"/orders/{order['id']}/after-sales",
        {"type": "refund_only", "reason": "no_reason", "lines": [{"sku": "RO-1", "quantity": 2}]},
        headers={**me, "Idempotency-Key": str(uuid.uuid4())},
    )

    assert r.status == 201, r.body
    assert r.body["status"] == "refunded" and r.body["refund_amount"]["amount"] == 9000
    assert api.get("/admin/inventory/RO-1", headers=ADMIN).body["available"] == 5
    assert [x["amount"] for x in stripe_refunds(stack, order["payment_intent_id"])] == [9000]
    after = api.get(f"/orders/{order['id']}", headers=me).body
    assert after["payment_status"] == "partially_refunded" and after["status"] != "cancelled"


def test_twenty_concurrent_calls_on_one_request_make_one_approval_and_one_refund_at_stripe(api, stack):
    category = api.category()
    api.product(category["id"], skus=[sku_body("CC-1", price=7700, stock=5)])
    me = a_customer(api)
    order = delivered(api, placed(api, stack, me, [("CC-1", 1)]), me)
    r = api.post(
        f"/orders/{order['id']}/after-sales",
        {"type": "return_refund", "reason": "quality", "lines": [{"sku": "CC-1", "quantity": 1}]},
        headers={**me, "Idempotency-Key": str(uuid.uuid4())},
    )
    assert r.status == 201, r.body
    as_id = r.body["id"]
    cs, warehouse = api.staff_key("customer_service"), api.staff_key("warehouse")

    def twenty(step: str, body: dict, headers: dict) -> list[int]:
        def call(_):
            url = f"{api.base_url}/admin/after-sales/{as_id}/{step}"
            return requests.post(url, json=body, headers=headers, timeout=30).status_code

        with ThreadPoolExecutor(max_workers=20) as pool:
            return sorted(pool.map(call, range(20)))

    approvals = twenty("approve", {}, cs)
    assert approvals.count(200) >= 1 and set(approvals) <= {200, 409}, approvals
    shipment = {"carrier": "sf", "tracking_number": "RTCC0001"}
    assert api.post(f"/after-sales/{as_id}/return-shipment", shipment, headers=me).status == 200
    assert set(twenty("receive", {}, warehouse)) <= {200, 409}
    inspections = twenty("inspect", {"result": "pass", "note": "ok"}, warehouse)
    assert inspections.count(200) >= 1 and set(inspections) <= {200, 409}, inspections

    final = api.get(f"/after-sales/{as_id}", headers=me).body
    assert final["status"] == "refunded", final
    assert [t["to"] for t in final["timeline"]].count("approved") == 1
    assert [x["amount"] for x in stripe_refunds(stack, order["payment_intent_id"])] == [7700]


def test_ten_identical_requests_with_one_key_open_one_request(api, stack):
    category = api.category()
    api.product(category["id"], skus=[sku_body("IK-1", price=5100, stock=5)])
    me = a_customer(api)
    order = delivered(api, placed(api, stack, me, [("IK-1", 2)]), me)
    key = str(uuid.uuid4())
    body = {"type": "return_refund", "reason": "no_reason", "lines": [{"sku": "IK-1", "quantity": 1}]}

    def ask(_):
        return requests.post(
            f"{api.base_url}/orders/{order['id']}/after-sales",
            json=body,
            headers={**me, "Idempotency-Key": key},
            timeout=30,
        )

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(ask, range(10)))

    assert {a.status_code for a in answers} <= {201, 409}, [a.text for a in answers]
    assert len({a.json()["id"] for a in answers if a.status_code == 201}) == 1
    assert len(api.get(f"/orders/{order['id']}/after-sales", headers=me).body["items"]) == 1
