"""Carts: lines, coupon codes, the shipping address, and the priced cart."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from ...domain.pricing import Adjustment
from ...services.carts import CartView
from .common import Code, Strict, money, not_blank, ts


class CartItemIn(Strict):
    sku: str = Code
    quantity: int = Field(ge=1, le=99)


class QuantityIn(Strict):
    quantity: int = Field(ge=1, le=99)


class CouponCodeIn(Strict):
    code: str = Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")


class AddressIn(Strict):
    name: str = Field(min_length=1, max_length=50)
    phone: str = Field(pattern=r"^\+?[0-9][0-9 -]{4,19}$")
    country: str = Field(default="CN", pattern=r"^[A-Z]{2}$")
    province: str = Field(min_length=1, max_length=30)
    city: str = Field(min_length=1, max_length=30)
    district: str | None = Field(default=None, max_length=30)
    line1: str = Field(min_length=1, max_length=200)
    line2: str | None = Field(default=None, max_length=200)
    postal_code: str | None = Field(default=None, pattern=r"^[0-9A-Za-z -]{3,10}$")

    _blank = field_validator("name", "province", "city", "line1")(not_blank)


class MergeIn(Strict):
    guest_cart_id: str = Field(min_length=1, max_length=64)
    guest_token: str = Field(min_length=1, max_length=100)


def _adjustment_out(a: Adjustment, currency: str) -> dict[str, Any]:
    return {
        "type": a.kind,
        "promotion_id": a.promotion_id,
        "code": a.code,
        "label": a.label,
        "amount": money(a.amount, currency),
    }


def cart_out(view: CartView, currency: str, token: str | None = None) -> dict[str, Any]:
    cart, priced = view.cart, view.priced
    lines = []
    for line in priced.lines:
        product, sku, stock = view.catalog[line.sku]
        lines.append(
            {
                "sku": line.sku,
                "product_id": line.product_id,
                "title": product.title,
                "specs": sku.specs,
                "image": product.images[0] if product.images else None,
                "quantity": line.quantity,
                "list_price": money(line.list_price, currency),
                "unit_price": money(line.unit_price, currency),
                "price_source": line.price_source,
                "adjustments": [_adjustment_out(a, currency) for a in line.adjustments],
                "line_total": money(line.line_total, currency),
                "order_discount": money(line.order_discount, currency),
                "payable": money(line.payable, currency),
                "in_stock": stock.available >= line.quantity,
                "gift": line.gift_promotion_id is not None,  # a gift with purchase, at 0 (ADR 0027)
                "gift_promotion_id": line.gift_promotion_id,
            }
        )
    shipping = priced.shipping
    body: dict[str, Any] = {
        "id": cart.id,
        "status": cart.status,
        "customer_id": cart.customer_id,
        "lines": lines,
        "unavailable_lines": view.unavailable,
        "item_count": sum(line.quantity for line in priced.lines),
        "subtotal": money(priced.subtotal, currency),
        "discounts": [
            {"promotion_id": d.promotion_id, "code": d.code, "label": d.label, "amount": money(d.amount, currency)}
            for d in priced.discounts
        ],
        "discount_total": money(priced.discount_total, currency),
        "shipping": money(shipping.amount, currency),
        "shipping_details": {
            "free_reason": shipping.free_reason,
            "not_free_reason": shipping.not_free_reason,
            "estimated": shipping.estimated,
            "weight_grams": shipping.weight_grams,
            "template_id": shipping.template_id,
        },
        "total": money(priced.total, currency),
        "savings": money(priced.undiscounted + shipping.amount - priced.total, currency),
        "coupon": None
        if priced.coupon is None
        else {"code": priced.coupon.code, "applied": priced.coupon.applied, "reason": priced.coupon.reason},
        "shipping_address": cart.shipping_address,
        "warnings": view.warnings,
        "created_at": ts(cart.created_at),
        "updated_at": ts(cart.updated_at),
        "expires_at": ts(cart.expires_at()),
    }
    if token is not None:
        body["token"] = token
    return body
