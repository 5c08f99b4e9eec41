"""`make demo`, customer care: the shopper complains about the shipped order
(a ticket about it), customer service adds an internal note and answers in
public, the notifications worker puts "a reply to your ticket" in the
shopper's inbox, staff compensate with a ¥20 coupon (it lands in the
shopper's wallet) and resolve the ticket; the ticket report counts it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from .demo import call, poll

Step = Callable[[str], None]


def customer_care(api: str, admin: dict[str, str], me: dict[str, str], step: Step, order_id: str) -> bool:
    complaint = {
        "category": "complaint",
        "subject": "A broken tin",
        "body": "One tin of tea arrived dented and open.",
        "order_id": order_id,
    }
    status, ticket = call("POST", f"{api}/me/tickets", complaint, me)
    if status != 201:
        step(f"complaint refused: {status} {ticket}")
        return False
    ticket_id = ticket["id"]
    step(
        f"complaint {ticket_id} about {order_id}: {ticket['status']}, first reply due {ticket['first_response_due_at']}"
    )
    note = {"body": "Photo checked: damaged in transit.", "internal": True}
    call("POST", f"{api}/admin/tickets/{ticket_id}/messages", note, admin)
    reply = {"body": "Sorry about the tin: a coupon is on its way, and a new tin with your next order."}
    status, answered = call("POST", f"{api}/admin/tickets/{ticket_id}/messages", reply, admin)
    step(f"staff answered {status}: ticket {answered['status']}, first response at {answered['first_responded_at']}")
    _, seen = call("GET", f"{api}/me/tickets/{ticket_id}", headers=me)
    public = [m["author"] for m in seen["messages"]]
    step(f"the shopper sees {len(public)} messages ({', '.join(public)}): the internal note stays with staff")

    def replied() -> Any:
        items = call("GET", f"{api}/me/notifications", headers=me)[1].get("items", [])
        return next((m for m in items if m["kind"] == "ticket.replied" and ticket_id in m["subject"]), None)

    notice = poll(replied)
    step(f"inbox: {notice['subject'] if notice else 'no ticket reply notification'}")
    grant = {"amount": 2000, "reason": "damaged in transit"}
    status, granted = call(
        "POST", f"{api}/admin/tickets/{ticket_id}/compensate", grant, {**admin, "Idempotency-Key": str(uuid.uuid4())}
    )
    coupon = (granted.get("coupon") if isinstance(granted, dict) else None) or {}
    step(f"compensated {status}: coupon {coupon.get('code')}")
    resolution = {"resolution": "Coupon granted; replacement with the next order."}
    status, resolved = call("POST", f"{api}/admin/tickets/{ticket_id}/resolve", resolution, admin)
    step(f"resolved {status}: ticket {resolved['status']}")
    _, wallet = call("GET", f"{api}/me/coupons", headers=me)
    codes = [c["code"] for c in wallet.get("items", [])]
    _, report = call("GET", f"{api}/admin/reports/tickets", headers=admin)
    complaints = sum(r["count"] for r in report.get("items", []) if r["category"] == "complaint")
    step(f"wallet: {', '.join(codes) or 'empty'}; complaints in the ticket report: {complaints}")
    return notice is not None and resolved["status"] == "resolved" and coupon.get("code") in codes and complaints >= 1
