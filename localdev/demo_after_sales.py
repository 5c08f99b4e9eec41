"""`make demo`, after the sale: a delivered order comes back. The shopper asks to
return one unit without a reason within the 7-day window, customer service
approves, the shopper ships it back, the warehouse receives and inspects it,
and the refund of that unit's share of what was paid goes to localstripe; the
unit is back in stock. Then staff refund the order's shipping as goodwill."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from .demo import call, ship_and_deliver

Step = Callable[[str], None]


def after_sales(
    api: str,
    stripe: str,
    admin: dict[str, str],
    me: dict[str, str],
    step: Step,
    order_of: Callable[[str, int], dict[str, Any]],
    pay: Callable[[dict[str, Any]], dict[str, Any]],
    wait_for: Callable[..., dict[str, Any]],
) -> bool:
    sku = "TEA-LJ-250"
    placed = order_of(sku, 2)
    order_id = placed["order"]["id"]
    pay(placed)
    order = wait_for(order_id, lambda o: o["status"] in ("fulfilling", "delivered"))
    if order["status"] == "fulfilling":
        ship_and_deliver(api, admin, step, order_id)
    order = wait_for(order_id, lambda o: o["status"] == "delivered")
    line = next(x for x in order["lines"] if x["sku"] == sku)
    _, before = call("GET", f"{api}/admin/inventory/{sku}", headers=admin)

    status, request = call(
        "POST",
        f"{api}/orders/{order_id}/after-sales",
        {"type": "return_refund", "reason": "no_reason", "lines": [{"sku": sku, "quantity": 1}]},
        {**me, "Idempotency-Key": str(uuid.uuid4())},
    )
    if status != 201:
        step(f"after-sale request refused: {status} {request}")
        return False
    as_id = request["id"]
    step(
        f"return {as_id} asked: {request['status']}, refund {request['refund_amount']['amount']} "
        f"(line payable {line['payable']['amount']} for {line['quantity']}), answer by {request['due']['respond_by']}"
    )
    _, approved = call("POST", f"{api}/admin/after-sales/{as_id}/approve", {}, admin)
    step(f"customer service approves: {approved['status']}, ship back by {approved['due'].get('ship_back_by')}")
    parcel = {"carrier": "sf", "tracking_number": f"RT{uuid.uuid4().hex[:10].upper()}"}
    _, sent = call("POST", f"{api}/after-sales/{as_id}/return-shipment", parcel, me)
    step(f"shopper ships it back ({parcel['tracking_number']}): {sent['status']}")
    _, received = call("POST", f"{api}/admin/after-sales/{as_id}/receive", {}, admin)
    step(f"warehouse receives it: {received['status']}, inspect by {received['due'].get('inspect_by')}")
    _, inspected = call("POST", f"{api}/admin/after-sales/{as_id}/inspect", {"result": "pass", "note": "sealed"}, admin)
    _, done = call("GET", f"{api}/after-sales/{as_id}", headers=me)
    _, after = call("GET", f"{api}/admin/inventory/{sku}", headers=admin)
    _, refunds = call(
        "GET",
        f"{stripe}/v1/refunds?payment_intent={placed['payment']['payment_intent_id']}",
        headers={"Authorization": "Bearer sk_test_local"},
    )
    at_stripe = [r["amount"] for r in refunds["data"]]
    step(
        f"inspection passed: request {done['status']}; on hand {before['on_hand']} -> {after['on_hand']}; "
        f"refunds at localstripe {at_stripe}"
    )
    _, order = call("GET", f"{api}/orders/{order_id}", headers=me)
    step(
        f"order {order_id}: {order['status']}, {order['payment_status']}, refunded {order['amount_refunded']['amount']}"
    )
    return (
        done["status"] == "refunded"
        and at_stripe == [done["refund_amount"]["amount"]]
        and after["on_hand"] == before["on_hand"] + 1
        and order["payment_status"] == "partially_refunded"
    )
