"""Builders for the pricing pipeline's inputs: sensible defaults, override what the test is about."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.domain.pricing import CartLine, PricedCart, PricedLine, PricingContext, price_cart
from chalicelib.domain.promotions import Coupon, Promotion, Scope, Tier
from chalicelib.domain.shipping import RegionRate, ShippingTemplate

# Sunday 2025-03-02 17:00 UTC is Monday 2025-03-03 01:00 in Asia/Shanghai (UTC+8):
# the weekday differs between UTC and the store's time zone.
NOW = datetime(2025, 3, 2, 17, 0, tzinfo=UTC)
LONG_AGO = NOW - timedelta(days=30)
FAR_AHEAD = NOW + timedelta(days=30)
MONDAY = 1
SUNDAY = 7


def scope(categories: Iterable[str] = (), products: Iterable[str] = (), skus: Iterable[str] = ()) -> Scope:
    return Scope(category_ids=frozenset(categories), product_ids=frozenset(products), skus=frozenset(skus))


def a_line(sku: str = "SKU-1", list_price: int = 10000, quantity: int = 1, **overrides: Any) -> CartLine:
    values: dict[str, Any] = {
        "sku": sku,
        "product_id": f"prod-{sku}",
        "category_path": ("cat_root",),
        "quantity": quantity,
        "list_price": list_price,
        "member_price": None,
        "weight_grams": 0,
    }
    values.update(overrides)
    return CartLine(**values)


def a_promotion(type: str, id: str = "promo_1", **overrides: Any) -> Promotion:
    values: dict[str, Any] = {
        "id": id,
        "name": f"{type} {id}",
        "type": type,
        "starts_at": LONG_AGO,
        "ends_at": FAR_AHEAD,
    }
    values.update(overrides)
    return Promotion(**values)


def percent_off(percent: int, id: str = "pct_1", **overrides: Any) -> Promotion:
    return a_promotion("percent_off", id, percent=percent, **overrides)


def member_day(weekday: int, percent: int, id: str = "md_1", **overrides: Any) -> Promotion:
    return a_promotion("member_day", id, weekday=weekday, percent=percent, **overrides)


def nth_item(n: int, percent: int, id: str = "nth_1", **overrides: Any) -> Promotion:
    return a_promotion("nth_item_discount", id, n=n, percent=percent, **overrides)


def spend_threshold(tiers: Sequence[tuple[int, int]], id: str = "spend_1", **overrides: Any) -> Promotion:
    return a_promotion("spend_threshold", id, tiers=tuple(Tier(t, d) for t, d in tiers), **overrides)


def flash_sale(sku: str, price: int, quantity: int = 100, id: str = "flash_1", **overrides: Any) -> Promotion:
    return a_promotion("flash_sale", id, sku=sku, price=price, quantity=quantity, **overrides)


def a_coupon(code: str = "SAVE", **overrides: Any) -> Coupon:
    values: dict[str, Any] = {"code": code, "starts_at": LONG_AGO, "ends_at": FAR_AHEAD}
    values.update(overrides)
    return Coupon(**values)


def a_template(**overrides: Any) -> ShippingTemplate:
    """First 1000 g cost 1000, each further 500 g (or part of it) 500."""
    values: dict[str, Any] = {
        "id": "tpl_1",
        "name": "Standard",
        "first_weight_grams": 1000,
        "first_fee": 1000,
        "additional_weight_grams": 500,
        "additional_fee": 500,
    }
    values.update(overrides)
    return ShippingTemplate(**values)


def a_region(provinces: Iterable[str], first_fee: int, additional_fee: int) -> RegionRate:
    return RegionRate(provinces=frozenset(provinces), first_fee=first_fee, additional_fee=additional_fee)


def a_context(
    now: datetime = NOW,
    is_member: bool = False,
    province: str | None = "Zhejiang",
    flash_used: Mapping[str, int] | None = None,
    store_timezone: str = "Asia/Shanghai",
    **membership: Any,  # member_prices, member_percent_off, member_free_shipping
) -> PricingContext:
    return PricingContext(
        now=now,
        store_timezone=store_timezone,
        is_member=is_member,
        province=province,
        flash_used=flash_used or {},
        **membership,
    )


def price(
    lines: Sequence[CartLine],
    promotions: Sequence[Promotion] = (),
    coupon: Coupon | None = None,
    coupon_code: str | None = None,
    template: ShippingTemplate | None = None,
    **context: Any,
) -> PricedCart:
    if coupon is not None and coupon_code is None:
        coupon_code = coupon.code
    return price_cart(
        lines,
        promotions,
        a_context(**context),
        coupon=coupon,
        coupon_code=coupon_code,
        shipping_template=template,
    )


def line_of(cart: PricedCart, sku: str) -> PricedLine:
    (found,) = [line for line in cart.lines if line.sku == sku]
    return found


def adjustments(line: PricedLine) -> list[tuple[str, str | None, int]]:
    """(kind, promotion_id, amount) of each adjustment, in order."""
    return [(a.kind, a.promotion_id, a.amount) for a in line.adjustments]
