"""Checkout and orders."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ...domain.orders import Order
from ...domain.refunds import Dispute, Refund
from ...services.ports import PaymentIntent
from .carts import AddressIn
from .common import Code, Strict, money, ts
from .fulfillment import shipments_out


class CheckoutIn(Strict):
    cart_id: str = Field(min_length=1, max_length=64)
    shipping_address: AddressIn | None = None
    wallet_coupon_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,32}$")  # ADR 0018


class RefundLineIn(Strict):
    sku: str = Code
    quantity: int = Field(ge=1, le=999)


class RefundIn(Strict):
    """A staff refund: units of lines (their share of what was paid), the shipping
    fee, an extra amount (minor units), or any mix; at least one of them."""

    amount: int | None = Field(default=None, ge=1, le=10**12)
    lines: list[RefundLineIn] | None = Field(default=None, max_length=40)
    include_shipping: bool = False
    reason: str = Field(min_length=1, max_length=500)

    def units(self) -> dict[str, int]:
        units: dict[str, int] = {}
        for line in self.lines or ():
            units[line.sku] = units.get(line.sku, 0) + line.quantity
        return units


def refund_out(refund: Refund, currency: str) -> dict[str, Any]:
    return {
        "id": refund.id,
        "order_id": refund.order_id,
        "amount": money(refund.amount, currency),
        "status": refund.status,
        "lines": [
            {"sku": sku, "quantity": quantity, "amount": money(refund.line_amounts.get(sku, 0), currency)}
            for sku, quantity in refund.lines.items()
        ],
        "shipping": money(refund.shipping, currency),
        "reason": refund.reason,
        "created_at": ts(refund.created_at),
        "updated_at": ts(refund.updated_at or refund.created_at),
    }


def order_refund_out(refund: Refund, currency: str) -> dict[str, Any]:
    """A refund as the order shows it (to its customer too): no staff reason."""
    full = refund_out(refund, currency)
    return {key: full[key] for key in ("id", "amount", "status", "lines", "created_at")}


def dispute_out(dispute: Dispute | None, currency: str) -> dict[str, Any] | None:
    if dispute is None:
        return None
    return {
        "id": dispute.id,
        "status": dispute.status,
        "reason": dispute.reason,
        "amount": money(dispute.amount, currency),
        "evidence_due_by": ts(dispute.evidence_due_by),
        "outcome": dispute.outcome,
        "opened_at": ts(dispute.opened_at),
        "closed_at": ts(dispute.closed_at),
    }


def presale_out(order: Order) -> dict[str, Any] | None:
    """A presale order's two payments (ADR 0026); null for any other order."""
    terms, c = order.presale, order.currency
    if terms is None:
        return None
    return {
        "promotion_id": terms.promotion_id,
        "deposit": money(terms.deposit, c),
        "balance": money(terms.balance, c),
        "balance_starts_at": ts(terms.balance_starts_at),
        "balance_ends_at": ts(terms.balance_ends_at),
        "deposit_refundable": terms.deposit_refundable,
        "deposit_payment_intent_id": order.payment_intent_id,
        "balance_payment_intent_id": terms.balance_intent_id,
    }


def order_out(order: Order) -> dict[str, Any]:
    c = order.currency
    return {
        "id": order.id,
        "status": order.status,
        "payment_status": order.payment_status,
        "customer_id": order.customer_id,
        "cart_id": order.cart_id,
        "lines": [
            {
                "sku": line.sku,
                "product_id": line.product_id,
                "title": line.title,
                "specs": line.specs,
                "quantity": line.quantity,
                "list_price": money(line.list_price, c),
                "unit_price": money(line.unit_price, c),
                "adjustments": [{**a, "amount": money(a["amount"], c)} for a in line.adjustments],
                "line_total": money(line.line_total, c),
                "order_discount": money(line.order_discount, c),
                "payable": money(line.payable, c),
                "gift": line.gift_promotion_id is not None,  # ADR 0027
                "gift_promotion_id": line.gift_promotion_id,
                "lucky_bag": line.lucky_bag,
            }
            for line in order.lines
        ],
        "subtotal": money(order.subtotal, c),
        "discounts": [{**d, "amount": money(d["amount"], c)} for d in order.discounts],
        "shipping": money(order.shipping, c),
        "total": money(order.total, c),
        "amount_paid": money(order.amount_paid, c),
        "amount_refunded": money(order.amount_refunded, c),
        "refunds": [order_refund_out(refund, c) for refund in order.refunds],
        "dispute": dispute_out(order.dispute, c),
        "open_after_sales": list(order.open_after_sales),
        "coupon_code": order.coupon_code,
        "shipping_address": order.shipping_address,
        "payment_due_at": ts(order.payment_due_at) if order.status in ("pending_payment", "deposit_pending") else None,
        "presale": presale_out(order),
        "risk_reasons": list(order.risk_reasons),
        "priority": order.priority,
        "shipments": shipments_out(order),
        "delivered_at": ts(order.delivered_at),
        "timeline": [
            {
                "at": ts(e.at),
                "type": e.type,
                "actor": e.actor,
                "from": e.from_status,
                "to": e.to_status,
                "reason": e.reason,
                **({"data": e.data} if e.data else {}),
            }
            for e in order.timeline
        ],
        "created_at": ts(order.created_at),
        "updated_at": ts(order.updated_at),
    }


def order_summary_out(order: Order) -> dict[str, Any]:
    return {
        "id": order.id,
        "status": order.status,
        "payment_status": order.payment_status,
        "total": money(order.total, order.currency),
        "item_count": sum(line.quantity for line in order.lines),
        "priority": order.priority,
        "created_at": ts(order.created_at),
    }


def payment_out(intent: PaymentIntent | None) -> dict[str, Any] | None:
    """A PaymentIntent as checkout, the balance payment and a membership purchase answer it:
    what a client needs to confirm it with Stripe."""
    if intent is None:
        return None
    return {
        "provider": "stripe",
        "payment_intent_id": intent.id,
        "client_secret": intent.client_secret,
        "status": intent.status,
    }
