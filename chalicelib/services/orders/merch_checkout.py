"""Checkout's merchandising (ADR 0027): lucky bags opened into the SKUs picked for the
order, the lines whose own stock checkout does not check (gifts: the cart gave them
as far as their stock went; bags: their picks are reserved instead), and an order
going on without a gift whose stock was taken between the read and the transaction."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ...domain.error_codes import InventoryErrorCode
from ...domain.errors import Conflict
from ...domain.merchandising import gift_warning, pick, split
from ...domain.orders import Order, OrderLine
from ...domain.pricing import PricedLine
from ...domain.promotions import Promotion
from ..carts import CartView
from ..merch_cart import bags

# The cart's warnings a checkout answer repeats: what the order got instead of what was earned.
CHECKOUT_WARNINGS = frozenset({"gift_out_of_stock", "gift_sku_in_cart", "members_only"})


def running_bags(view: CartView, order: Order) -> dict[str, Promotion]:
    return bags([p for p in view.promotions if p.is_active(order.created_at)])


def stock_checked(view: CartView) -> Iterator[PricedLine]:
    """The priced lines whose own SKU's stock checkout checks before reserving."""
    bagged = bags(view.promotions)  # a bag not running yet: its reservation's condition still holds
    for line in view.priced.lines:
        if line.gift_promotion_id is None and line.sku not in bagged:
            yield line


def warnings_of(view: CartView) -> list[dict[str, Any]]:
    return [w for w in view.warnings if w.get("code") in CHECKOUT_WARNINGS]


def open_bags(order: Order, view: CartView) -> Order:
    """Each lucky bag line as lines of the SKUs picked for its units (domain.merchandising.pick),
    at the bag's price split by units; a SKU already a line of the order (or picked for
    another bag) is not picked, so that each SKU is one line. An empty pool: 409 out_of_stock."""
    running = running_bags(view, order)
    if not any(line.sku in running for line in order.lines):
        return order
    left = {sku: row[2].available for sku, row in view.catalog.items()}
    taken = {line.sku for line in order.lines}
    opened: dict[str, list[OrderLine]] = {}
    for line in sorted(order.lines, key=lambda line: line.sku):
        bag = running.get(line.sku)
        if bag is None:
            continue
        pool = [sku for _, sku in bag.pool if sku not in taken and sku in view.catalog]
        picked = pick(order.id, line.sku, line.quantity, pool, left)
        if picked is None:
            raise Conflict(f"{line.sku} is sold out.", code=InventoryErrorCode.OUT_OF_STOCK, skus=[line.sku])
        taken |= picked.keys()
        opened[line.sku] = _split(line, picked, bag.id, view)
    lines: list[OrderLine] = []
    for line in order.lines:
        lines += opened.get(line.sku, [line])
    return replace(order, lines=tuple(lines))


def _split(line: OrderLine, picked: dict[str, int], bag_id: str, view: CartView) -> list[OrderLine]:
    skus = sorted(picked)
    quantities = [picked[sku] for sku in skus]
    payable = split(line.payable, quantities)
    discount = split(line.order_discount, quantities)
    adjustments = [split(a["amount"], quantities) for a in line.adjustments]
    out = []
    for i, sku in enumerate(skus):
        product, row, _ = view.catalog[sku]
        out.append(
            OrderLine(
                sku=sku,
                product_id=product.id,
                title=product.title,
                specs=dict(row.specs),
                quantity=quantities[i],
                list_price=line.list_price,
                unit_price=line.unit_price,
                line_total=payable[i] + discount[i],
                order_discount=discount[i],
                payable=payable[i],
                adjustments=tuple(
                    {**a, "amount": amounts[i]} for a, amounts in zip(line.adjustments, adjustments, strict=True)
                ),
                unit_cost=row.cost_price,
                lucky_bag={"promotion_id": bag_id, "sku": line.sku},
            )
        )
    return out


def without_gifts(order: Order, refused: Conflict) -> tuple[Order, list[dict[str, Any]]]:
    """A reservation refused for gift lines only (their stock taken since it was read):
    the order without them, and the warnings saying so. Anything else is raised."""
    skus = set(refused.extra.get("skus") or ())
    gifts = {line.sku: line for line in order.lines if line.gift_promotion_id is not None}
    if refused.code != InventoryErrorCode.OUT_OF_STOCK or not skus or not skus <= gifts.keys():
        raise refused
    warnings = [
        gift_warning("gift_out_of_stock", str(gifts[sku].gift_promotion_id), sku, "The gift ran out meanwhile.")
        for sku in sorted(skus)
    ]
    return replace(order, lines=tuple(line for line in order.lines if line.sku not in skus)), warnings
