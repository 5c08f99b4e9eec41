"""The cart's merchandising (ADR 0027): the SKUs a gift or a lucky bag's pool needs
read with the lines (in the cart's one batch), and the priced cart dressed with its
gift lines and the warnings of gifts, bags and members-only flash sales."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from ..domain.catalog import Product, Sku, StockLevel
from ..domain.merchandising import gifts_for, members_only_warnings
from ..domain.pricing import CartLine, PricedCart, PricedLine
from ..domain.promotions import Promotion
from ..domain.targeting import Shopper

Rows = Mapping[str, tuple[Product, Sku, StockLevel]]


def merch_keys(promotions: Sequence[Promotion], cart_skus: set[str], now: datetime) -> list[tuple[str, str]]:
    """(product id, SKU) of every running gift, and of the pools of the bags in the cart."""
    wanted: set[tuple[str, str]] = set()
    for p in promotions:
        if not p.is_active(now):
            continue
        if p.type == "gift_with_purchase" and p.gift_sku and p.gift_product_id and p.gift_sku not in cart_skus:
            wanted.add((p.gift_product_id, p.gift_sku))
        if p.type == "lucky_bag" and p.sku in cart_skus:
            wanted |= {key for key in p.pool if key[1] not in cart_skus}
    return sorted(wanted)


def running(promotions: Sequence[Promotion], now: datetime, shopper: Shopper) -> list[Promotion]:
    return [p for p in promotions if p.is_active(now) and (p.audience is None or p.audience.matches(shopper))]


def dress(
    priced: PricedCart,
    lines: Sequence[CartLine],
    promotions: Sequence[Promotion],
    rows: Rows,
    is_member: bool,
    now: datetime,
    shopper: Shopper,
) -> tuple[PricedCart, list[dict[str, Any]]]:
    """The priced cart with its gift lines at 0, and what the cart tells about them."""
    active = running(promotions, now, shopper)
    totals = [(line, p.line_total) for line, p in zip(lines, priced.lines, strict=True)]
    available = {sku: row[2].available for sku, row in rows.items()}
    gifts, warnings = gifts_for(totals, active, available)
    gift_lines = tuple(
        PricedLine(
            sku=g.sku,
            product_id=rows[g.sku][0].id,
            quantity=g.quantity,
            list_price=rows[g.sku][1].price,
            unit_price=0,
            price_source="gift",
            adjustments=(),
            line_total=0,
            order_discount=0,
            payable=0,
            gift_promotion_id=g.promotion_id,
        )
        for g in gifts
    )
    warnings += members_only_warnings((line.sku for line in lines), active, is_member)
    warnings += bag_warnings(lines, active, available)
    return (replace(priced, lines=priced.lines + gift_lines) if gift_lines else priced), warnings


def bags(promotions: Sequence[Promotion]) -> dict[str, Promotion]:
    """Running lucky bags by their SKU (the lowest id when two sell one SKU)."""
    out: dict[str, Promotion] = {}
    for p in sorted(promotions, key=lambda p: p.id, reverse=True):
        if p.type == "lucky_bag" and p.sku is not None:
            out[p.sku] = p
    return out


def bag_warnings(
    lines: Sequence[CartLine], active: Sequence[Promotion], available: Mapping[str, int]
) -> list[dict[str, Any]]:
    """A bag whose pool holds fewer units than the cart's bags (checkout would refuse)."""
    bought = {line.sku for line in lines}
    warnings: list[dict[str, Any]] = []
    running = bags(active)
    for line in lines:
        bag = running.get(line.sku)
        if bag is None:
            continue
        left = sum(max(available.get(sku, 0), 0) for _, sku in bag.pool if sku not in bought)
        if left < line.quantity:
            warnings.append(
                {
                    "code": "lucky_bag_short",
                    "promotion_id": bag.id,
                    "sku": line.sku,
                    "available": left,
                    "message": f"Only {left} unit(s) left to fill {line.sku}.",
                }
            )
    return warnings
