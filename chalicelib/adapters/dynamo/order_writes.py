"""DynamoDB: the parts of an order's transactions besides the order item:
ledger rows, coupon and flash usage, returning reservations, shipping stock,
sales counters and the fulfillment record. Each adds labelled items to a
``transact.Labelled`` so a cancellation names what failed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ...domain.error_codes import CommonErrorCode, InventoryErrorCode
from ...domain.errors import Conflict
from ...domain.ids import new_id
from ...domain.orders import Order, OrderLine
from ...domain.stock_shards import ShardShort
from ...services.ports import OrderChange, Reservation
from . import keys, transact
from .models import (
    CouponItem,
    FulfillmentRecord,
    LedgerItem,
    ProductItem,
    PromotionItem,
    SkuItem,
    SkuSalesItem,
    UsageItem,
)
from .shard_models import StockShardItem


def stock_item(r: Reservation) -> tuple[Any, type[SkuItem] | type[StockShardItem]]:
    """The item a reservation's units are on, and its model: the SKU item, or its stock
    shard (ADR 0025). Both have on_hand, reserved, available and updated_at."""
    if r.shard:
        return StockShardItem(*keys.stock_shard(r.sku, r.shard)), StockShardItem
    return SkuItem(*keys.sku(r.product_id, r.sku)), SkuItem


def ledger_row(
    order_id: str, r: Reservation, reserved_delta: int, reason: str, at: datetime, on_hand_delta: int = 0
) -> LedgerItem:
    """A SKU's ledger row for what an order did to its stock (actor ``system``); a stock
    shard's in that shard's partition (ADR 0025)."""
    entry_id = new_id("led")
    return LedgerItem(
        *keys.ledger_entry(r.sku, entry_id, r.shard),
        id=entry_id,
        sku=r.sku,
        on_hand_delta=on_hand_delta,
        reserved_delta=reserved_delta,
        reason=reason,
        reference=order_id,
        actor="system",
        at=at,
    )


def stock_refused(refused: list[Reservation]) -> Conflict:
    """A reservation's condition failed: too little available, or the guard on the
    level its stock event was decided on (checkout reads again). The level now tells which."""
    sharded = {r.sku: r.shard for r in refused if r.shard is not None}
    if sharded:  # that shard ran short: checkout tries another (ADR 0025)
        return ShardShort(f"Not enough stock for {', '.join(sorted(sharded))}.", sharded)
    found = SkuItem.batch_get([keys.sku(r.product_id, r.sku) for r in refused], consistent_read=True)
    levels = {item.code: item.available for item in found}
    short = sorted(r.sku for r in refused if levels.get(r.sku, 0) < r.quantity)
    if short:
        return Conflict(f"Not enough stock for {', '.join(short)}.", code=InventoryErrorCode.OUT_OF_STOCK, skus=short)
    return Conflict("The stock level changed meanwhile.", code=CommonErrorCode.CONCURRENT_UPDATE)


def usage_update(t: transact.Labelled, label: str, pk_sk: tuple[str, str], delta: int, limit: int | None) -> None:
    """Count ``delta`` uses of a coupon or flash sale by one customer, within ``limit``."""
    condition = None
    if limit is not None and delta > 0:
        condition = UsageItem.used.does_not_exist() | (UsageItem.used <= limit - delta)
    t.update(
        label,
        UsageItem(*pk_sk),
        actions=[UsageItem.used.add(delta), UsageItem.type.set(UsageItem)],
        condition=condition,
    )


def release(t: transact.Labelled, order: Order) -> None:
    """Return the order's reservations, and the coupon and flash usage it took."""
    at = order.updated_at
    flash_units: dict[str, int] = {}
    held = order.reserved_units()  # units refunded before shipment were released then
    for line in order.lines:
        if held[line.sku] > 0:
            release_units(
                t, order.id, Reservation(line.product_id, line.sku, held[line.sku], shard=line.stock_shard), at
            )
        if line.flash_promotion_id and line.flash_units:
            flash_units[line.flash_promotion_id] = flash_units.get(line.flash_promotion_id, 0) + line.flash_units
    spent = {key.split(":", 1)[1]: n for key, n in order.budget_spends.items() if key.startswith("promotion:")}
    if order.coupon_code:
        back = order.budget_spends.get(f"coupon:{order.coupon_code}", 0)  # its budget too (ADR 0028)
        coupon_actions = [CouponItem.used.add(-1)] + ([CouponItem.spent.add(-back)] if back else [])
        t.update("coupon", CouponItem(*keys.coupon(order.coupon_code)), actions=coupon_actions)
        t.update(
            "coupon_usage",
            UsageItem(*keys.coupon_usage(order.coupon_code, order.customer_id)),
            actions=[UsageItem.used.add(-1)],
        )
    for promotion_id, units in flash_units.items():
        back = spent.pop(promotion_id, 0)  # its budget too, in the same update (ADR 0028)
        t.update(
            f"flash:{promotion_id}",
            PromotionItem(*keys.promotion(promotion_id)),
            actions=[PromotionItem.sold.add(-units)] + ([PromotionItem.spent.add(-back)] if back else []),
        )
        t.update(
            f"flash_usage:{promotion_id}",
            UsageItem(*keys.promotion_usage(promotion_id, order.customer_id)),
            actions=[UsageItem.used.add(-units)],
        )
    for promotion_id, amount in sorted(spent.items()):
        t.update(
            f"budget:{promotion_id}",
            PromotionItem(*keys.promotion(promotion_id)),
            actions=[PromotionItem.spent.add(-amount)],
        )


def sold_lines(order: Order, change: OrderChange) -> list[tuple[OrderLine, int, int]]:
    """(line, units, revenue) a change counts: every line, or ``change.sales_units``."""
    if change.sales_units is None:
        return [(line, line.quantity, line.payable) for line in order.lines]
    by_sku = {line.sku: line for line in order.lines}
    return [(by_sku[sku], units, revenue) for sku, (units, revenue) in change.sales_units.items() if sku in by_sku]


def release_units(t: transact.Labelled, reference: str, r: Reservation, at: datetime) -> None:
    """Reserved units back to available, with their ledger row."""
    item, m = stock_item(r)
    t.update(
        f"release:{r.sku}",
        item,
        actions=[m.reserved.add(-r.quantity), m.available.add(r.quantity), m.updated_at.set(at)],
        condition=m.PK.exists(),
    )
    t.save("ledger", ledger_row(reference, r, -r.quantity, "released", at))


def count_sales(t: transact.Labelled, order: Order, change: OrderChange) -> None:
    """The lines as sold (or, with sales_sign -1, unsold) on change.sales_day: one
    update per product and per SKU (two operations on one item would be refused)."""
    assert change.sales_day is not None
    per_product: dict[str, int] = {}
    per_sku: dict[str, tuple[str, int, int]] = {}
    sign = change.sales_sign
    for line, quantity, payable in sold_lines(order, change):
        per_product[line.product_id] = per_product.get(line.product_id, 0) + sign * quantity
        _, units, revenue = per_sku.get(line.sku, (line.product_id, 0, 0))
        per_sku[line.sku] = (line.product_id, units + sign * quantity, revenue + sign * payable)
    for code, (product_id, units, revenue) in sorted(per_sku.items()):
        t.raw_update(
            f"sku_sales:{code}",
            *keys.sku_sales(change.sales_day, code),
            actions=[
                SkuSalesItem.units.add(units),
                SkuSalesItem.revenue.add(revenue),
                SkuSalesItem.sku.set(code),
                SkuSalesItem.product_id.set(product_id),
                SkuSalesItem.type.set(SkuSalesItem),
            ],
            condition=None,
        )
    for product_id, quantity in sorted(per_product.items()):
        # Not through the versioned model: a counter ADD must not touch the
        # product's version (staff edits are guarded by it).
        t.raw_update(
            f"sales:{product_id}",
            *keys.product(product_id),
            actions=[ProductItem.sales.add(quantity), ProductItem.GSI4SK.add(quantity)],
            condition=ProductItem.PK.exists(),
        )


def ship(t: transact.Labelled, reference: str, r: Reservation, at: datetime) -> None:
    """Goods that left (an order's, or an exchange's new units): on_hand and reserved
    both go down, never below what is reserved, with their ledger row."""
    item, m = stock_item(r)
    t.update(
        f"ship:{r.sku}",
        item,
        actions=[m.on_hand.add(-r.quantity), m.reserved.add(-r.quantity), m.updated_at.set(at)],
        condition=m.PK.exists() & (m.reserved >= r.quantity),
    )
    t.save("ledger", ledger_row(reference, r, -r.quantity, "shipped", at, on_hand_delta=-r.quantity))


def fulfillment(t: transact.Labelled, order: Order, status: str) -> None:
    """Create (status awaiting_shipment, once per order) or move the fulfillment record.
    A priority order's record sorts first in the to-ship list (ADR 0019):
    ``keys.fulfillment_sort``."""
    values: dict[str, Any] = {
        "order_id": order.id,
        "status": status,
        "updated_at": order.updated_at,
        "priority": order.priority,
        "GSI2PK": keys.fulfillments_by_status(status),
        "GSI2SK": keys.fulfillment_sort(order.id, order.priority and status == "awaiting_shipment"),
    }
    if status == "awaiting_shipment":  # created once per order
        t.save(
            "fulfillment",
            FulfillmentRecord(*keys.fulfillment(order.id), created_at=order.updated_at, **values),
            condition=FulfillmentRecord.PK.does_not_exist(),
        )
    else:
        t.update(
            "fulfillment_status",
            FulfillmentRecord(*keys.fulfillment(order.id)),
            actions=[getattr(FulfillmentRecord, k).set(v) for k, v in values.items()],
            condition=FulfillmentRecord.PK.exists(),
        )
