"""A cart priced under a presale (ADR 0026, domain/presale.py): its presale line
at the final price less the deposit's extra worth (定金膨胀), no order discount
and no coupon. Applied after the pricing pipeline (domain/pricing.py), on the
promotions in their deposit window."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from .pricing import Adjustment, CouponResult, PricedCart
from .promotions import Promotion


def presale_of(promotions: Sequence[Promotion], sku: str) -> Promotion | None:
    """The presale promotion of ``sku`` among the active ones (the lowest id if several)."""
    found = [p for p in promotions if p.type == "presale" and p.presale is not None and p.sku == sku]
    return min(found, key=lambda p: p.id) if found else None


def price_presale(priced: PricedCart, promotions: Sequence[Promotion], now: datetime) -> PricedCart:
    """The cart with its presale lines (a SKU whose presale is in its deposit window)
    priced at the final price less the deposit's extra worth, and no order discount
    nor coupon: they do not combine with a presale. A cart without one is unchanged."""
    active = [p for p in promotions if p.is_active(now)]
    presales = {line.sku: p for line in priced.lines if (p := presale_of(active, line.sku)) is not None}
    if not presales:
        return priced
    lines = []
    for line in priced.lines:
        promotion = presales.get(line.sku)
        if promotion is None:
            lines.append(replace(line, order_discount=0, payable=line.line_total))
            continue
        rule = promotion.presale
        assert rule is not None and promotion.price is not None
        extra = (rule.deposit_value - rule.deposit) * line.quantity
        adjustments = (Adjustment("presale", f"{promotion.name} (deposit worth more)", extra, promotion.id),)
        total = promotion.price * line.quantity - extra
        lines.append(
            replace(
                line,
                unit_price=promotion.price,
                price_source="presale",
                adjustments=adjustments if extra > 0 else (),
                line_total=total,
                order_discount=0,
                payable=total,
                flash_units=0,
                flash_promotion_id=None,
            )
        )
    subtotal = sum(line.line_total for line in lines)
    coupon = priced.coupon
    if coupon is not None:
        coupon = CouponResult(coupon.code, False, coupon.reason or "not_applicable")
    return replace(
        priced,
        lines=tuple(lines),
        subtotal=subtotal,
        discounts=(),
        coupon=coupon,
        total=subtotal + priced.shipping.amount,
    )
