"""The margin guard (ADR 0023): no SKU sells under the store's minimum margin
(``COMMERCE_MIN_MARGIN``, percent of the selling price) at its price, its member
price or a promotion's price, unless an admin overrides it (recorded).

A SKU's margin at a selling price ``p`` with cost ``c`` is ``(p - c) / p``. A SKU
without a ``cost_price`` is not checked: its margin is unknown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .clock import to_rfc3339
from .error_codes import MerchErrorCode
from .errors import DomainError


@dataclass(frozen=True)
class PricedSku:
    """What a margin is computed from: a SKU's prices and cost (minor units)."""

    code: str
    price: int
    member_price: int | None
    cost_price: int | None


@dataclass(frozen=True)
class Breach:
    """One selling price of one SKU under the minimum margin."""

    sku: str
    price_type: str  # price | member_price | promotion
    price: int
    cost_price: int
    margin_percent: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "sku": self.sku,
            "price_type": self.price_type,
            "price": self.price,
            "cost_price": self.cost_price,
            "margin_percent": self.margin_percent,
        }


@dataclass(frozen=True)
class MarginOverride:
    """An admin's decision to sell under the minimum margin: who and when, and the SKUs it let through."""

    by: str
    at: datetime
    skus: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"by": self.by, "at": to_rfc3339(self.at), "skus": list(self.skus)}


class MarginTooLow(DomainError):
    code = MerchErrorCode.MARGIN_TOO_LOW


def margin_percent(price: int, cost: int) -> float:
    """The margin at ``price``, in percent of it, to two decimals (a price of 0 or less: -100 %)."""
    if price <= 0:
        return -100.0
    return round((price - cost) * 100 / price, 2)


def discounted(price: int, percent: int) -> int:
    """``price`` less ``percent`` % of it, the discount rounded down as pricing does."""
    return price - price * percent // 100


def breaches(sku: PricedSku, minimum: int, promotion_price: int | None = None) -> list[Breach]:
    """The selling prices of ``sku`` under ``minimum`` percent margin: its price and member
    price, or (with ``promotion_price``) that price only."""
    if sku.cost_price is None:
        return []
    prices: list[tuple[str, int]]
    if promotion_price is not None:
        prices = [("promotion", promotion_price)]
    else:
        prices = [("price", sku.price)]
        if sku.member_price is not None:
            prices.append(("member_price", sku.member_price))
    found = []
    for kind, price in prices:
        margin = margin_percent(price, sku.cost_price)
        if margin < minimum:
            found.append(Breach(sku.code, kind, price, sku.cost_price, margin))
    return found


def percent_promotion_breaches(sku: PricedSku, minimum: int, percent: int) -> list[Breach]:
    """A percent-off promotion on ``sku``: applied to the lowest price a customer may pay."""
    base = min(sku.price, sku.member_price) if sku.member_price is not None else sku.price
    return breaches(sku, minimum, discounted(base, percent))


def guard(found: list[Breach], minimum: int, override: MarginOverride | None) -> MarginOverride | None:
    """Raise ``margin_too_low`` for ``found`` unless overridden; the override to record
    (naming the SKUs it let through), or None when nothing was under the minimum."""
    if not found:
        return None
    if override is None:
        names = ", ".join(sorted({b.sku for b in found}))
        raise MarginTooLow(
            f"Under the store's minimum margin of {minimum} %: {names}. An admin may pass override_margin.",
            skus=[b.to_dict() for b in found],
            min_margin_percent=minimum,
        )
    return MarginOverride(override.by, override.at, tuple(sorted({b.sku for b in found})))
