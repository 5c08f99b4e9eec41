"""`make demo`: the money path against a running `make run`, step by step:
a shopper registers, fills a cart, checks out, pays on localstripe; the
signed webhook marks the order paid. A second order is left unpaid and the
release_unpaid_orders job, run "as of" 31 minutes later, cancels it and
returns its stock. Then the back office (issue #5): the paid order reaches
`fulfilling` through the queue worker by itself, ships, and a signed carrier
update delivers it; another paid order is left unshipped and the SLA scan,
run "as of" 49 hours later, flags it; stock taken down to safety stock raises
an open alert, and the restock resolves it. Last, issue #6: the shopper buys a
membership on localstripe, sees member prices, renew_memberships run "as of"
12 hours before the period ends charges the saved card again, and settle run
"as of" 9 days on puts the delivered (now confirmed) order on a statement.
After the sale (localdev/demo_after_sales.py): a delivered order's unit comes
back through a return request and its share of what was paid is refunded.
Customer care (localdev/demo_care.py): the shopper complains about the shipped
order, staff answer, the reply reaches the inbox, a coupon compensates."""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any


def call(
    method: str, url: str, body: Any = None, headers: dict[str, str] | None = None, form: bool = False
) -> tuple[int, Any]:
    data = None
    all_headers = dict(headers or {})
    if body is not None:
        if form:
            data = urllib.parse.urlencode(body).encode()
        else:
            data = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def demo() -> int:
    api = f"http://127.0.0.1:{os.environ.get('COMMERCE_API_PORT') or 8000}"
    stripe = f"http://127.0.0.1:{os.environ.get('COMMERCE_STRIPE_PORT') or 8420}"
    admin = {"X-Api-Key": os.environ.get("COMMERCE_ADMIN_API_KEY") or "local-admin-key"}
    try:
        call("GET", f"{api}/health")
    except urllib.error.URLError:
        print(f"make demo: no API at {api}; start it with `make run` first.", file=sys.stderr)
        return 1
    from .seed import seed

    if seed(api) != 0:
        return 1

    def step(text: str) -> None:
        print(f"-> {text}")

    email = f"demo-{uuid.uuid4().hex[:6]}@example.com"
    status, session = call(
        "POST", f"{api}/auth/register", {"email": email, "password": "demo password", "name": "Demo"}
    )
    me = {"Authorization": f"Bearer {session['access_token']}"}
    step(f"registered {email}: {status}")
    address = {"name": "Demo", "phone": "13800000000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Demo Rd"}

    def order_of(sku: str, quantity: int) -> dict[str, Any]:
        _, cart = call("POST", f"{api}/carts", headers=me)
        status, priced = call("POST", f"{api}/carts/{cart['id']}/items", {"sku": sku, "quantity": quantity}, me)
        step(
            f"cart {cart['id']}: {quantity} x {sku}, total {priced['total']['amount'] / 100:.2f} {priced['total']['currency']}"
        )
        key = str(uuid.uuid4())
        status, placed = call(
            "POST",
            f"{api}/checkout",
            {"cart_id": cart["id"], "shipping_address": address},
            {**me, "Idempotency-Key": key},
        )
        if status != 201:
            raise SystemExit(f"checkout failed: {status} {placed}")
        step(
            f"checkout {status}: order {placed['order']['id']} {placed['order']['status']}, intent {placed['payment']['payment_intent_id']}"
        )
        return dict(placed)

    def pay(placed: dict[str, Any]) -> dict[str, Any]:
        intent = placed["payment"]["payment_intent_id"]
        auth = {"Authorization": "Bearer sk_test_local"}
        call("POST", f"{stripe}/v1/payment_intents/{intent}", {"payment_method": "pm_card_visa"}, auth, form=True)
        status, confirmed = call("POST", f"{stripe}/v1/payment_intents/{intent}/confirm", {}, auth, form=True)
        step(f"paid on localstripe: intent {confirmed['status']}")
        return wait_for(placed["order"]["id"], lambda o: o["status"] != "pending_payment")

    def wait_for(order_id: str, done: Any, seconds: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + seconds
        while True:
            _, order = call("GET", f"{api}/orders/{order_id}", headers=me)
            if done(order) or time.monotonic() > deadline:
                return dict(order)
            time.sleep(0.5)

    placed = order_of("TEA-LJ-250", 2)
    _, level = call("GET", f"{api}/admin/inventory/TEA-LJ-250", headers=admin)
    step(f"stock reserved: on_hand {level['on_hand']}, reserved {level['reserved']}, available {level['available']}")
    order_id = placed["order"]["id"]
    order = pay(placed)
    step(f"webhook delivered: order {order_id} is {order['status']} ({order['payment_status']})")

    unpaid = order_of("TEA-LJ-250", 1)
    as_of = (datetime.now(UTC) + timedelta(minutes=31)).strftime("%Y-%m-%dT%H:%M:%SZ")
    _, run = call("POST", f"{api}/admin/jobs/release_unpaid_orders/runs", {"as_of": as_of}, admin)
    step(f"release_unpaid_orders as of {as_of}: {run['summary']}")
    _, expired = call("GET", f"{api}/orders/{unpaid['order']['id']}", headers=me)
    _, level = call("GET", f"{api}/admin/inventory/TEA-LJ-250", headers=admin)
    step(
        f"order {expired['id']} is {expired['status']}; stock available {level['available']}, reserved {level['reserved']}"
    )
    ok = order["status"] in ("paid", "fulfilling") and expired["status"] == "cancelled"
    ok = back_office(api, admin, step, order_of, pay, wait_for, order_id) and ok
    ok = shipped_notice(api, me, step, order_id) and ok
    ok = membership_and_settlement(api, stripe, admin, me, step, order_id) and ok
    from .demo_after_sales import after_sales

    ok = after_sales(api, stripe, admin, me, step, order_of, pay, wait_for) and ok
    from .demo_care import customer_care

    ok = customer_care(api, admin, me, step, order_id) and ok
    print("demo: ok" if ok else "demo: something did not happen as expected", file=sys.stderr if not ok else sys.stdout)
    return 0 if ok else 1


def back_office(
    api: str, admin: dict[str, str], step: Any, order_of: Any, pay: Any, wait_for: Any, order_id: str
) -> bool:
    """Issue #5 on the running stack: fulfillment, delivery, SLA scan, stock alert."""
    order = wait_for(order_id, lambda o: o["status"] not in ("paid", "pending_payment"))
    step(f"fulfillment worker: order {order_id} is {order['status']}")
    if order["status"] == "fulfilling":
        outcome = ship_and_deliver(api, admin, step, order_id)
    else:  # COMMERCE_CARRIER=simulated ships and reports delivery by itself
        order = wait_for(order_id, lambda o: o["status"] == "delivered")
        parcels = [
            (p["carrier"], p["tracking_number"], [t["status"] for t in p["tracking"]]) for p in order["shipments"]
        ]
        step(f"simulated carrier: {parcels}; order {order['status']}")
        outcome = order["status"]

    unshipped = order_of("TEA-LJ-250", 1)
    pay(unshipped)
    late = wait_for(unshipped["order"]["id"], lambda o: o["status"] not in ("paid", "pending_payment"))
    as_of = (datetime.now(UTC) + timedelta(hours=49)).strftime("%Y-%m-%dT%H:%M:%SZ")
    _, scan = call("POST", f"{api}/admin/jobs/scan_slas/runs", {"as_of": as_of}, admin)
    _, listed = call("GET", f"{api}/admin/exceptions?status=open&limit=100", headers=admin)
    kinds = sorted(e["kind"] for e in listed["items"] if e["order_id"] == late["id"])
    step(f"scan_slas as of {as_of}: {scan['summary']}; order {late['id']} ({late['status']}) flagged {kinds}")
    # With the simulated carrier the order is delivered at once, so nothing is late.
    sla_ok = "not_shipped" in kinds if late["status"] == "fulfilling" else kinds == []

    sku = "TEA-LJ-250"
    _, level = call("GET", f"{api}/admin/inventory/{sku}", headers=admin)
    drop = level["available"] - level["safety_stock"]
    if drop > 0:
        call("POST", f"{api}/admin/inventory/{sku}/adjustments", {"delta": -drop, "reason": "damaged"}, admin)
    alert = poll(lambda: next((a for a in alerts(api, admin, "open") if a["sku"] == sku), None))
    step(f"{sku} down to safety stock {level['safety_stock']}: open alert {alert and alert['id']}")
    restock = max(drop, 0) + 10
    call("POST", f"{api}/admin/inventory/{sku}/adjustments", {"delta": restock, "reason": "receiving"}, admin)
    resolved = alert is not None and poll(lambda: any(a["id"] == alert["id"] for a in alerts(api, admin, "resolved")))
    step(f"restocked {restock}: alert resolved {resolved}")
    return outcome == "delivered" and sla_ok and alert is not None and bool(resolved)


def alerts(api: str, admin: dict[str, str], status: str) -> list[dict[str, Any]]:
    _, listed = call("GET", f"{api}/admin/stock-alerts?status={status}&limit=100", headers=admin)
    return list(listed["items"])


def shipped_notice(api: str, me: dict[str, str], step: Any, order_id: str) -> bool:
    """The notifications worker told the shopper: the shipped order is in the in-app inbox
    (and its e-mail in moto's SES record, /moto-api/data.json)."""

    def shipped() -> Any:
        items = call("GET", f"{api}/me/notifications", headers=me)[1].get("items", [])
        return next((m for m in items if m["kind"] == "order.shipped" and order_id in m["subject"]), None)

    notice = poll(shipped)
    step(f"inbox: {notice['subject'] if notice else 'no shipped notification'}")
    return notice is not None


def poll(probe: Any, seconds: float = 30) -> Any:
    """The probe's first truthy answer within ``seconds`` (the runner polls queues every second or so)."""
    deadline = time.monotonic() + seconds
    while True:
        found = probe()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def ship_and_deliver(api: str, admin: dict[str, str], step: Any, order_id: str) -> str:
    """Warehouse staff ship by hand; the carrier reports delivery through the signed webhook."""
    from chalicelib.domain.signatures import sign_timestamped

    tracking_number = f"SF{uuid.uuid4().hex[:10].upper()}"
    status, shipped = call(
        "POST", f"{api}/admin/orders/{order_id}/shipments", {"carrier": "sf", "tracking_number": tracking_number}, admin
    )
    step(f"shipment {tracking_number}: {status}, order {shipped.get('status')}")
    update = {
        "event_id": f"{tracking_number}-delivered",
        "carrier": "sf",
        "tracking_number": tracking_number,
        "status": "delivered",
        "at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "description": "signed for at the door",
    }
    body = json.dumps(update).encode()
    now = int(time.time())
    secret = os.environ.get("COMMERCE_LOGISTICS_WEBHOOK_SECRET") or "logistics-local-secret"
    request = urllib.request.Request(
        f"{api}/webhooks/logistics",
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Logistics-Timestamp": str(now),
            "X-Logistics-Signature": sign_timestamped(body, secret, now),
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        outcome = str(json.loads(response.read())["outcome"])
    step(f"signed carrier update 'delivered': order {outcome}")
    return outcome


def membership_and_settlement(
    api: str, stripe: str, admin: dict[str, str], me: dict[str, str], step: Any, order_id: str
) -> bool:
    """Issue #6 on the running stack: membership bought, priced, renewed; a settlement statement."""
    _, plans = call("GET", f"{api}/membership/plans")
    plan = next((p for p in plans["items"] if p["name"] == "Gold (demo)"), None)
    if plan is None:
        body = {"name": "Gold (demo)", "price": {"amount": 19900, "currency": "CNY"}, "period": "year"}
        _, plan = call("POST", f"{api}/admin/membership/plans", {**body, "benefits": {"percent_off": 5}}, admin)
    status, bought = call(
        "POST",
        f"{api}/me/membership",
        {"plan_id": plan["id"], "payment_method_id": "pm_card_visa"},
        {**me, "Idempotency-Key": str(uuid.uuid4())},
    )
    intent = bought["payment"]["payment_intent_id"]
    auth = {"Authorization": "Bearer sk_test_local"}
    _, confirmed = call("POST", f"{stripe}/v1/payment_intents/{intent}/confirm", {}, auth, form=True)
    step(f"membership {plan['name']} bought: {status}, intent {intent} {confirmed['status']}")
    active = poll(lambda: (m := call("GET", f"{api}/me/membership", headers=me)[1])["status"] == "active" and m)
    step(f"webhook: membership {active and active['status']} until {active and active['current_period_end']}")
    _, cart = call("POST", f"{api}/carts", headers=me)
    _, priced = call("POST", f"{api}/carts/{cart['id']}/items", {"sku": "TEA-LJ-250", "quantity": 1}, me)
    line = priced["lines"][0]
    kinds = [a["type"] for a in line["adjustments"]]
    step(
        f"member cart: unit {line['unit_price']['amount']} ({line['price_source']}), {kinds}, shipping {priced['shipping']['amount']}"
    )
    end = datetime.fromisoformat(active["current_period_end"].replace("Z", "+00:00"))
    as_of = (end - timedelta(hours=12)).strftime("%Y-%m-%dT%H:%M:%SZ")
    _, run = call("POST", f"{api}/admin/jobs/renew_memberships/runs", {"as_of": as_of}, admin)
    _, renewed = call("GET", f"{api}/me/membership", headers=me)
    paid = [h["payment_intent_id"] for h in renewed["history"] if h["type"] == "paid"]
    _, second = call("GET", f"{stripe}/v1/payment_intents/{paid[-1]}", headers=auth)
    step(
        f"renew_memberships as of {as_of}: {run['summary']}; period {renewed['period']}, charge {paid[-1]} {second['status']}"
    )

    _, done = call("POST", f"{api}/orders/{order_id}/confirm-receipt", headers=me)
    as_of = (datetime.now(UTC) + timedelta(days=9)).strftime("%Y-%m-%dT%H:%M:%SZ")
    _, run = call("POST", f"{api}/admin/jobs/settle/runs", {"as_of": as_of}, admin)
    day = run["summary"]["business_date"]
    _, statement = call("GET", f"{api}/admin/settlements/{day}", headers=admin)
    ours = [x for x in statement["lines"] if x["order_id"] == order_id]
    step(
        f"order {order_id} {done['status']}; settle as of {as_of}: statement {day}: {statement['orders']} orders, "
        f"gross {statement['gross']['amount']}, refunds {statement['refunds']['amount']}, "
        f"fees {statement['fees']['amount']}, net {statement['net']['amount']}"
    )
    return (
        line["price_source"] == "member"
        and renewed["period"] == 2
        and len(paid) == 2
        and second["status"] == "succeeded"
        and len(ours) == 1
    )
