"""Ports of pricing a cart: the cart view's and checkout's one batch read, and the
process cache of promotions and the default shipping template checkout checks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from ..domain.catalog import Product, Sku, StockLevel
from ..domain.customer_stats import CustomerStats
from ..domain.membership import Membership
from ..domain.promotions import Coupon, Promotion
from ..domain.shipping import ShippingTemplate


@dataclass(frozen=True)
class PricingRead:
    rows: dict[str, tuple[Product, Sku, StockLevel]]  # keyed by SKU code
    coupon: Coupon | None
    membership: Membership | None
    promotions: Mapping[str, Promotion] = field(default_factory=dict)  # those asked for by id, read fresh
    pricing_changed_at: datetime | None = None  # staff's last promotion or template change (when asked)
    # Targeting (ADR 0019), when asked: the customer's RFM segment and stats (None: none yet).
    segment: str | None = None
    stats: CustomerStats | None = None


class PricingReads(Protocol):
    def load(
        self,
        line_keys: list[tuple[str, str]],
        coupon_code: str | None,
        customer_id: str | None,
        promotion_ids: tuple[str, ...] = (),
        pricing_change: bool = False,
        targeting: bool = False,
        ahead: Any = None,
        coupon_targeting: bool = False,
    ) -> PricingRead:
        """What pricing a cart needs from storage, in one batch read: the lines'
        products and SKUs, the coupon with this customer's usage, (when there are
        lines) the customer's membership; and, for checkout, the promotions named
        (a flash sale's fresh ``sold``) and when staff last changed a promotion or
        a shipping template (``pricing_change``); with ``targeting`` (a customer and
        lines), the customer's RFM score and stats item, in the same batch. With
        ``ahead`` (``CartRepository.get_ahead``'s), only what was not read with the cart.
        ``coupon_targeting``: the coupon may name an audience, so the targeting items
        are read too, unless the coupon, read ahead, names none."""
        ...


class PricingCache(Protocol):
    """The process's cache of running promotions and the default shipping template,
    each with the time it was loaded (checkout uses it only when that is after the
    last staff change)."""

    def promotions(self, now: datetime) -> tuple[list[Promotion], datetime]: ...
    def template(self) -> tuple[ShippingTemplate | None, datetime]: ...
    def invalidate(self) -> None: ...
