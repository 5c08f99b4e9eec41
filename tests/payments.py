"""A payment gateway double for the integration tier (the system tier uses
localstripe), and helpers to sign Stripe webhook events."""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from chalicelib.domain.errors import PaymentFailed, PaymentProviderUnavailable, RefundRefused
from chalicelib.domain.signatures import stripe_signature
from chalicelib.services.ports import PaymentIntent

WEBHOOK_SECRET = "whsec_local"
_ids = itertools.count(1)


@dataclass
class FakeGateway:
    down: bool = False
    refusing: str | None = None  # Stripe answers refunds with this refusal
    intents: dict[str, dict[str, Any]] = field(default_factory=dict)
    refunds: list[tuple[str, int, str]] = field(default_factory=list)
    created_with_keys: dict[str, str] = field(default_factory=dict)
    customers: dict[str, str] = field(default_factory=dict)  # idempotency key -> cus id
    attached: dict[str, str] = field(default_factory=dict)  # payment method -> cus id
    declining: set[str] = field(default_factory=set)  # payment methods declined off-session
    slow: set[str] = field(default_factory=set)  # payment methods whose off-session charges stay processing
    off_session_calls: list[tuple[str, int, str]] = field(default_factory=list)  # (pm, amount, key)
    fees: dict[str, int] = field(default_factory=dict)  # payment intent -> Stripe's fee (absent: unknown)
    captured: dict[str, int] = field(
        default_factory=dict
    )  # payment intent -> amount Stripe captured, if not the intent's

    def _check(self) -> None:
        if self.down:
            raise PaymentProviderUnavailable("The payment provider is unreachable; retry shortly.")

    def create_payment_intent(self, order_id, amount, currency, customer_id, idempotency_key) -> PaymentIntent:
        self._check()
        if idempotency_key in self.created_with_keys:  # Stripe's idempotency
            return self.retrieve_payment_intent(self.created_with_keys[idempotency_key])
        pi_id = f"pi_fake{next(_ids)}"
        self.intents[pi_id] = {
            "id": pi_id,
            "amount": amount,
            "currency": currency.lower(),
            "status": "requires_payment_method",
            "metadata": {"order_id": order_id},
            "client_secret": f"{pi_id}_secret_x",
        }
        self.created_with_keys[idempotency_key] = pi_id
        return self.retrieve_payment_intent(pi_id)

    def retrieve_payment_intent(self, payment_intent_id) -> PaymentIntent:
        self._check()
        pi = self.intents[payment_intent_id]
        return PaymentIntent(pi["id"], pi["client_secret"], pi["status"], pi["amount"], pi["currency"].upper())

    def cancel_payment_intent(self, payment_intent_id, idempotency_key) -> str:
        self._check()
        pi = self.intents[payment_intent_id]
        if pi["status"] not in ("succeeded", "processing"):  # Stripe cannot cancel those
            pi["status"] = "canceled"
        return pi["status"]

    def refund(self, payment_intent_id, amount, idempotency_key) -> str:
        self._check()
        if self.refusing:
            raise RefundRefused(self.refusing)
        if any(key == idempotency_key for _, _, key in self.refunds):
            return "re_dup"
        self.refunds.append((payment_intent_id, amount, idempotency_key))
        return f"re_{len(self.refunds)}"

    # --- membership --------------------------------------------------------------------------
    def ensure_customer(self, customer_id, idempotency_key) -> str:
        self._check()
        return self.customers.setdefault(idempotency_key, f"cus_fake{next(_ids)}")

    def attach_payment_method(self, payment_method_id, stripe_customer_id) -> None:
        self._check()
        self.attached[payment_method_id] = stripe_customer_id

    def create_intent(
        self, amount, currency, stripe_customer_id, payment_method_id, metadata, idempotency_key, off_session=False
    ) -> PaymentIntent:
        self._check()
        assert self.attached.get(payment_method_id) == stripe_customer_id, "charging a card not saved to the customer"
        if off_session:
            self.off_session_calls.append((payment_method_id, amount, idempotency_key))
        if idempotency_key in self.created_with_keys:  # Stripe's idempotency
            return self.retrieve_payment_intent(self.created_with_keys[idempotency_key])
        if off_session and payment_method_id in self.declining:
            raise PaymentFailed("Your card was declined.")
        pi_id = f"pi_fake{next(_ids)}"
        self.intents[pi_id] = {
            "id": pi_id,
            "amount": amount,
            "currency": currency.lower(),
            "status": ("processing" if payment_method_id in self.slow else "succeeded")
            if off_session
            else "requires_confirmation",
            "metadata": dict(metadata),
            "client_secret": f"{pi_id}_secret_x",
        }
        self.created_with_keys[idempotency_key] = pi_id
        return self.retrieve_payment_intent(pi_id)

    def payment_facts(self, payment_intent_id) -> tuple[int | None, int | None]:
        self._check()
        pi = self.intents[payment_intent_id]
        return self.captured.get(payment_intent_id, pi["amount"]), self.fees.get(payment_intent_id)

    def succeed(self, payment_intent_id: str) -> dict[str, Any]:
        """The provider charged the intent: returns the payment_intent.succeeded event."""
        pi = self.intents[payment_intent_id]
        pi["status"] = "succeeded"
        return event("payment_intent.succeeded", {**pi, "amount_received": pi["amount"]})


def event(kind: str, obj: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    return {"id": event_id or f"evt_{next(_ids)}", "type": kind, "data": {"object": obj}, "created": int(time.time())}


def signed(evt: dict[str, Any], secret: str = WEBHOOK_SECRET, at: int | None = None) -> tuple[bytes, dict[str, str]]:
    payload = json.dumps(evt).encode()
    return payload, {"Stripe-Signature": stripe_signature(payload, secret, at or int(time.time()))}


ADDRESS = {"name": "Mei", "phone": "13800000000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Rd"}


def paid_order(api: Any, gateway: FakeGateway, lines: dict[str, int]) -> tuple[str, dict[str, str], dict[str, Any]]:
    """A new customer buys ``lines`` (SKU -> quantity) and Stripe reports the payment.
    Returns the order id, the customer's headers and the Stripe event sent."""
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=me).body["id"]
    for sku, quantity in lines.items():
        assert api.post(f"/carts/{cart}/items", {"sku": sku, "quantity": quantity}, headers=me).status in (200, 201)
    placed = api.post(
        "/checkout", {"cart_id": cart, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": cart}
    )
    assert placed.status == 201, placed.body
    succeeded = gateway.succeed(placed.body["payment"]["payment_intent_id"])
    payload, headers = signed(succeeded)
    assert api.request("POST", "/webhooks/stripe", raw=payload, headers=headers).body["outcome"] == "paid"
    return placed.body["order"]["id"], me, succeeded
