"""DynamoDB: stock by SKU code (the SKU item's on_hand, reserved and available)
and its ledger. The SKU and ledger mappings are shared with the catalog, which
writes a product's SKUs and their opening stock."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pynamodb.exceptions import DoesNotExist
from pynamodb.transactions import TransactWrite

from ...domain.catalog import Sku, StockLevel
from ...domain.error_codes import CommonErrorCode
from ...domain.errors import Conflict, InsufficientStock, NotFound
from ...services.ports import LedgerEntry, OutboxEvent, Page, Position
from . import keys, transact
from .models import Item, LedgerItem, SkuCodeItem, SkuItem
from .outbox import outbox_record
from .paging import BASE_KEYS, check_position, query_page
from .shard_models import StockShardItem


def plain_map(value: Any) -> dict[str, str]:
    """A MapAttribute (or plain dict, or None) as a plain dict."""
    if value is None:
        return {}
    if hasattr(value, "as_dict"):
        return dict(value.as_dict())
    return dict(value)


def sku_item(sku: Sku, currency: str, on_hand: int, now: datetime) -> SkuItem:
    return SkuItem(
        *keys.sku(sku.product_id, sku.code),
        code=sku.code,
        product_id=sku.product_id,
        specs=dict(sku.specs),
        price=sku.price,
        member_price=sku.member_price,
        cost_price=sku.cost_price,
        weight_grams=sku.weight_grams,
        safety_stock=sku.safety_stock,
        on_hand=on_hand,
        reserved=0,
        available=on_hand,
        currency=currency,
        updated_at=now,
    )


def sku_of(item: SkuItem, shards: list[StockShardItem] | None = None) -> tuple[Sku, StockLevel]:
    """A SKU and its stock. A sharded one (ADR 0025) read with its ``shards`` has their
    exact sums and each shard's available; read alone, its other shards' available as
    last counted (``shards_available``) is added to on_hand: for display only."""
    sku = Sku(
        code=item.code,
        product_id=item.product_id,
        specs=plain_map(item.specs),
        price=int(item.price),
        member_price=None if item.member_price is None else int(item.member_price),
        cost_price=None if item.cost_price is None else int(item.cost_price),
        weight_grams=int(item.weight_grams),
        safety_stock=int(item.safety_stock or 0),
        reorder_point=None if item.reorder_point is None else int(item.reorder_point),
        stock_shards=int(item.stock_shards or 1),
    )
    on_hand, reserved = int(item.on_hand), int(item.reserved)
    if shards is not None and int(item.shard_items or 1) > 1:
        per = [on_hand - reserved] + [0] * (sku.stock_shards - 1)
        for shard in shards:
            on_hand, reserved = on_hand + int(shard.on_hand), reserved + int(shard.reserved)
            if int(shard.shard) < sku.stock_shards:
                per[int(shard.shard)] = int(shard.on_hand) - int(shard.reserved)
        return sku, StockLevel(on_hand, reserved, tuple(per) if sku.stock_shards > 1 else ())
    return sku, StockLevel(on_hand=on_hand + int(item.shards_available or 0), reserved=reserved)


def shard_keys(item: SkuItem) -> list[tuple[str, str]]:
    """The keys of a SKU's stock shard items (none when it never had any)."""
    return [keys.stock_shard(item.code, i) for i in range(1, int(item.shard_items or 1))]


def read_shards(items: list[SkuItem], consistent: bool = True) -> dict[str, list[StockShardItem]]:
    """The stock shard items of those SKUs that have any, by SKU code: one BatchGetItem."""
    wanted = [k for item in items for k in shard_keys(item)]
    found: dict[str, list[StockShardItem]] = {item.code: [] for item in items if shard_keys(item)}
    for shard in StockShardItem.batch_get(wanted, consistent_read=consistent) if wanted else []:
        found[shard.code].append(shard)
    return found


def ledger_item(entry: LedgerEntry) -> LedgerItem:
    return LedgerItem(
        *keys.ledger_entry(entry.sku, entry.id),
        id=entry.id,
        sku=entry.sku,
        on_hand_delta=entry.on_hand_delta,
        reserved_delta=entry.reserved_delta,
        reason=entry.reason,
        note=entry.note,
        reference=entry.reference,
        actor=entry.actor,
        at=entry.at,
    )


def _ledger_entry(item: LedgerItem) -> LedgerEntry:
    return LedgerEntry(
        id=item.id,
        sku=item.sku,
        on_hand_delta=int(item.on_hand_delta),
        reserved_delta=int(item.reserved_delta or 0),
        reason=item.reason,
        actor=item.actor,
        at=item.at,
        note=item.note,
        reference=item.reference,
    )


def product_id_of(code: str) -> str | None:
    """The SKU code's pointer item names the product partition."""
    try:
        return str(SkuCodeItem.get(*keys.sku_code(code), consistent_read=True).product_id)
    except DoesNotExist:
        return None


def level_guarded(condition: Any, between: tuple[int | None, int | None] | None) -> Any:
    """``condition`` and ``available`` still within ``between`` (low, high; None = open)."""
    low, high = between or (None, None)
    if low is not None:
        condition &= SkuItem.available >= low
    if high is not None:
        condition &= SkuItem.available <= high
    return condition


class DynamoInventory:
    """Stock by SKU code."""

    def _product_id(self, code: str) -> str | None:
        return product_id_of(code)

    def get(self, code: str) -> tuple[Sku, StockLevel] | None:
        product_id = self._product_id(code)
        if product_id is None:
            return None
        try:
            item = SkuItem.get(*keys.sku(product_id, code), consistent_read=True)
        except DoesNotExist:
            return None
        return sku_of(item, read_shards([item]).get(code))

    def adjust(
        self,
        entry: LedgerEntry,
        available_between: tuple[int | None, int | None] | None = None,
        events: list[OutboxEvent] | None = None,
    ) -> StockLevel:
        product_id = self._product_id(entry.sku)
        if product_id is None:
            raise NotFound(f"No SKU {entry.sku}.")
        delta = entry.on_hand_delta
        condition = SkuItem.PK.exists()
        if delta < 0:
            condition &= SkuItem.available >= -delta
        condition = level_guarded(condition, available_between)
        low, high = available_between or (None, None)

        def build(tw: TransactWrite) -> None:
            tw.update(
                SkuItem(*keys.sku(product_id, entry.sku)),
                actions=[SkuItem.on_hand.add(delta), SkuItem.available.add(delta), SkuItem.updated_at.set(entry.at)],
                condition=condition,
            )
            tw.save(ledger_item(entry), condition=LedgerItem.PK.does_not_exist())
            for event in events or []:
                tw.save(outbox_record(event))

        def refused(error: Exception) -> BaseException:
            current = self.get(entry.sku)
            if current is None:
                return NotFound(f"No SKU {entry.sku}.")
            available = current[1].available
            if (low is not None and available < low) or (high is not None and available > high):
                return Conflict("The stock level changed meanwhile.", code=CommonErrorCode.CONCURRENT_UPDATE)
            return InsufficientStock(
                f"Only {available} of {entry.sku} available; cannot remove {-delta}.",
                sku=entry.sku,
                available=available,
            )

        transact.run_checked(build, refused)
        found = self.get(entry.sku)
        assert found is not None
        return found[1]

    def ledger(self, code: str, limit: int, after: Position | None, partitions: int = 1) -> Page:
        if partitions > 1:
            return _merged_ledger(code, limit, after, partitions)
        page = query_page(
            keys.ledger_partition(code),
            None,
            BASE_KEYS,
            limit,
            after,
            forward=False,
            range_key_condition=Item.SK.startswith(keys.LEDGER_PREFIX),
        )
        return Page([_ledger_entry(i) for i in page.items], page.next_position)


def _merged_ledger(code: str, limit: int, after: Position | None, partitions: int) -> Page:
    """A sharded SKU's ledger, newest first, merged from the SKU's partition and each
    shard's (ADR 0025): row ids are ULIDs, so the sort keys order all partitions alike
    and a page resumes below the last sort key it showed, in every partition."""
    start = check_position(after, BASE_KEYS)
    below = start["SK"]["S"] if start is not None else None
    table = Item._get_connection()
    rows: list[dict[str, Any]] = []
    for i in range(partitions):
        partition = keys.stock_shard_partition(code, i) if i else keys.ledger_partition(code)
        condition = (
            Item.SK.between(keys.LEDGER_PREFIX, below) if below is not None else Item.SK.startswith(keys.LEDGER_PREFIX)
        )
        response = table.query(partition, range_key_condition=condition, scan_index_forward=False, limit=limit + 2)
        rows += [r for r in response.get("Items", []) if r["SK"]["S"] != below]
    rows.sort(key=lambda r: str(r["SK"]["S"]), reverse=True)
    shown = rows[:limit]
    more = len(rows) > limit
    return Page(
        [_ledger_entry(Item.from_raw_data(r)) for r in shown],  # type: ignore[arg-type]
        {name: shown[-1][name] for name in BASE_KEYS} if more and shown else None,
    )
