"""Carts: lines by SKU, ownership, merge. Prices are never stored as truth:
a line remembers the unit price shown when it was added only to warn when it
changes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from .errors import FieldError, NotFound, ValidationFailed

MAX_QUANTITY = 99
MAX_LINES = 40  # checkout writes a cart in one transaction of at most 100 items
GUEST_CART_IDLE = timedelta(days=7)
STATUSES = ("active", "merged", "checked_out")


@dataclass(frozen=True)
class CartItem:
    sku: str
    product_id: str
    quantity: int
    added_unit_price: int
    added_at: datetime


@dataclass(frozen=True)
class Caller:
    """Who is asking: a signed-in customer, a guest holding a cart token, or both."""

    customer_id: str | None = None
    cart_token: str | None = None


@dataclass(frozen=True)
class Cart:
    id: str
    customer_id: str | None
    token_digest: str | None  # guest carts: SHA-256 of the token handed out at creation
    status: str
    items: tuple[CartItem, ...]
    created_at: datetime
    updated_at: datetime
    coupon_code: str | None = None
    shipping_address: dict[str, Any] | None = field(default=None, compare=False)
    version: int = 1
    order_id: str | None = None  # set when the cart is checked out
    visitor_id: str | None = None  # the storefront's visitor id: A/B price variants (ADR 0024)

    def expires_at(self) -> datetime | None:
        """Guest carts expire after 7 days without a change; customer carts do not."""
        return self.updated_at + GUEST_CART_IDLE if self.customer_id is None else None

    def is_expired(self, now: datetime) -> bool:
        expiry = self.expires_at()
        return expiry is not None and now >= expiry

    def item(self, sku: str) -> CartItem | None:
        return next((i for i in self.items if i.sku == sku), None)


def new_token() -> str:
    return "ct_" + secrets.token_urlsafe(24)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def can_access(cart: Cart, caller: Caller, now: datetime) -> bool:
    """Another customer's cart, a guest cart without its token, or an expired or
    finished cart is simply not there (404, never 403)."""
    if cart.status != "active" or cart.is_expired(now):
        return False
    if cart.customer_id is not None:
        return caller.customer_id == cart.customer_id
    if caller.cart_token is None or cart.token_digest is None:
        return False
    return hmac.compare_digest(token_digest(caller.cart_token), cart.token_digest)


def check_quantity(quantity: int, field_name: str = "quantity") -> None:
    if not 1 <= quantity <= MAX_QUANTITY:
        raise ValidationFailed(
            f"quantity must be from 1 to {MAX_QUANTITY}.",
            [FieldError(field_name, "out_of_range", f"Use 1 to {MAX_QUANTITY}.")],
        )


def add_item(cart: Cart, sku: str, product_id: str, quantity: int, unit_price: int, now: datetime) -> Cart:
    """Add units of a SKU (summing with a line already there)."""
    check_quantity(quantity)
    existing = cart.item(sku)
    if existing is None:
        if len(cart.items) >= MAX_LINES:
            raise ValidationFailed(
                f"A cart holds at most {MAX_LINES} different SKUs.",
                [FieldError("sku", "too_many_lines", f"At most {MAX_LINES} lines.")],
            )
        items = cart.items + (CartItem(sku, product_id, quantity, unit_price, now),)
    else:
        total = existing.quantity + quantity
        check_quantity(total)
        items = tuple(
            replace(i, quantity=total, added_unit_price=unit_price) if i.sku == sku else i for i in cart.items
        )
    return replace(cart, items=items, updated_at=now)


def set_quantity(cart: Cart, sku: str, quantity: int, unit_price: int, now: datetime) -> Cart:
    check_quantity(quantity)
    if cart.item(sku) is None:
        raise NotFound(f"{sku} is not in the cart.")
    items = tuple(replace(i, quantity=quantity, added_unit_price=unit_price) if i.sku == sku else i for i in cart.items)
    return replace(cart, items=items, updated_at=now)


def remove_item(cart: Cart, sku: str, now: datetime) -> Cart:
    if cart.item(sku) is None:
        raise NotFound(f"{sku} is not in the cart.")
    return replace(cart, items=tuple(i for i in cart.items if i.sku != sku), updated_at=now)


def merge(target: Cart, guest: Cart, now: datetime) -> tuple[Cart, Cart]:
    """Move the guest cart's lines into the customer's cart, summing quantities
    (capped at MAX_QUANTITY). Returns (target, guest marked merged)."""
    items = list(target.items)
    for g in guest.items:
        index = next((n for n, i in enumerate(items) if i.sku == g.sku), None)
        if index is None:
            if len(items) < MAX_LINES:
                items.append(g)
        else:
            items[index] = replace(items[index], quantity=min(MAX_QUANTITY, items[index].quantity + g.quantity))
    coupon = target.coupon_code or guest.coupon_code
    address = target.shipping_address or guest.shipping_address
    merged_target = replace(target, items=tuple(items), coupon_code=coupon, shipping_address=address, updated_at=now)
    return merged_target, replace(guest, status="merged", updated_at=now)
