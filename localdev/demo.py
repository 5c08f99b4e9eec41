"""`make demo`: the money path against a running `make run`, step by step:
a shopper registers, fills a cart, checks out, pays on localstripe; the
signed webhook marks the order paid. A second order is left unpaid and the
release_unpaid_orders job, run "as of" 31 minutes later, cancels it and
returns its stock."""

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


def _call(
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
        _call("GET", f"{api}/health")
    except urllib.error.URLError:
        print(f"make demo: no API at {api}; start it with `make run` first.", file=sys.stderr)
        return 1
    from .seed import seed

    if seed(api) != 0:
        return 1

    def step(text: str) -> None:
        print(f"-> {text}")

    email = f"demo-{uuid.uuid4().hex[:6]}@example.com"
    status, session = _call(
        "POST", f"{api}/auth/register", {"email": email, "password": "demo password", "name": "Demo"}
    )
    me = {"Authorization": f"Bearer {session['access_token']}"}
    step(f"registered {email}: {status}")
    address = {"name": "Demo", "phone": "13800000000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Demo Rd"}

    def order_of(sku: str, quantity: int) -> dict[str, Any]:
        _, cart = _call("POST", f"{api}/carts", headers=me)
        status, priced = _call("POST", f"{api}/carts/{cart['id']}/items", {"sku": sku, "quantity": quantity}, me)
        step(
            f"cart {cart['id']}: {quantity} x {sku}, total {priced['total']['amount'] / 100:.2f} {priced['total']['currency']}"
        )
        key = str(uuid.uuid4())
        status, placed = _call(
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
        return placed

    placed = order_of("TEA-LJ-250", 2)
    _, level = _call("GET", f"{api}/admin/inventory/TEA-LJ-250", headers=admin)
    step(f"stock reserved: on_hand {level['on_hand']}, reserved {level['reserved']}, available {level['available']}")
    intent = placed["payment"]["payment_intent_id"]
    auth = {"Authorization": "Bearer sk_test_local"}
    _call("POST", f"{stripe}/v1/payment_intents/{intent}", {"payment_method": "pm_card_visa"}, auth, form=True)
    status, confirmed = _call("POST", f"{stripe}/v1/payment_intents/{intent}/confirm", {}, auth, form=True)
    step(f"paid on localstripe: intent {confirmed['status']}")
    order_id = placed["order"]["id"]
    for _ in range(60):
        _, order = _call("GET", f"{api}/orders/{order_id}", headers=me)
        if order["status"] != "pending_payment":
            break
        time.sleep(0.5)
    step(f"webhook delivered: order {order_id} is {order['status']} ({order['payment_status']})")

    unpaid = order_of("TEA-LJ-250", 1)
    as_of = (datetime.now(UTC) + timedelta(minutes=31)).strftime("%Y-%m-%dT%H:%M:%SZ")
    _, run = _call("POST", f"{api}/admin/jobs/release_unpaid_orders/runs", {"as_of": as_of}, admin)
    step(f"release_unpaid_orders as of {as_of}: {run['summary']}")
    _, expired = _call("GET", f"{api}/orders/{unpaid['order']['id']}", headers=me)
    _, level = _call("GET", f"{api}/admin/inventory/TEA-LJ-250", headers=admin)
    step(
        f"order {expired['id']} is {expired['status']}; stock available {level['available']}, reserved {level['reserved']}"
    )
    ok = order["status"] in ("paid", "under_review") and expired["status"] == "cancelled"
    print("demo: ok" if ok else "demo: something did not happen as expected", file=sys.stderr if not ok else sys.stdout)
    return 0 if ok else 1
