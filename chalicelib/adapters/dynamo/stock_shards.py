"""DynamoDB: stock shards (ADR 0025). Splitting a SKU's available stock over N
items, merging it back, and evening it out, each in one transaction conditioned on
the levels it read (a checkout meanwhile makes it read again)."""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import DoesNotExist
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from ...domain.catalog import Sku, StockLevel
from ...domain.error_codes import CommonErrorCode
from ...domain.errors import Conflict, NotFound
from ...domain.stock_shards import moves
from . import keys, transact
from .inventory import product_id_of, read_shards, sku_of
from .models import SkuItem
from .shard_models import StockShardedItem, StockShardItem


class DynamoStockShards:
    def _read(self, code: str) -> tuple[SkuItem, dict[int, StockShardItem]]:
        product_id = product_id_of(code)
        if product_id is None:
            raise NotFound(f"No SKU {code}.")
        try:
            item = SkuItem.get(*keys.sku(product_id, code), consistent_read=True)
        except DoesNotExist:
            raise NotFound(f"No SKU {code}.") from None
        return item, {int(s.shard): s for s in read_shards([item]).get(code, [])}

    def level(self, code: str) -> tuple[Sku, StockLevel]:
        item, shards = self._read(code)
        return sku_of(item, list(shards.values()))

    def distribute(self, code: str, count: int, at: datetime) -> dict[int, int]:
        """Use ``count`` shards and spread the available stock evenly over them (what
        is beyond them moves back); the moves made, by shard. Conflict
        (concurrent_update) when a level changed after it was read."""
        item, shards = self._read(code)
        available = {0: int(item.available)} | {i: int(s.available) for i, s in shards.items()}
        delta = moves(available, count)
        items = max(int(item.shard_items or 1), count)
        others = sum(available.values()) - (available[0] + delta.get(0, 0))

        def build(tw: TransactWrite) -> None:
            base = SkuItem(*keys.sku(item.product_id, code))
            actions: list[Action] = [
                SkuItem.stock_shards.set(count),
                SkuItem.shard_items.set(items),
                SkuItem.shards_available.set(others),
                SkuItem.updated_at.set(at),
            ]
            if delta.get(0):
                actions += [SkuItem.on_hand.add(delta[0]), SkuItem.available.add(delta[0])]
            tw.update(base, actions=actions, condition=SkuItem.available == int(item.available))
            for i in range(1, items):
                d = delta.get(i, 0)
                if i in shards:
                    if d:
                        tw.update(
                            StockShardItem(*keys.stock_shard(code, i)),
                            actions=[
                                StockShardItem.on_hand.add(d),
                                StockShardItem.available.add(d),
                                StockShardItem.updated_at.set(at),
                            ],
                            condition=StockShardItem.available == int(shards[i].available),
                        )
                    continue
                tw.save(
                    StockShardItem(
                        *keys.stock_shard(code, i),
                        code=code,
                        product_id=item.product_id,
                        shard=i,
                        on_hand=d,
                        reserved=0,
                        available=d,
                        updated_at=at,
                    ),
                    condition=StockShardItem.PK.does_not_exist(),
                )
            if items > 1:  # listed for the rebalance job while shard items exist
                tw.save(StockShardedItem(*keys.stock_sharded(code), code=code, product_id=item.product_id))

        transact.run_checked(
            build, Conflict("The stock level changed meanwhile.", code=CommonErrorCode.CONCURRENT_UPDATE)
        )
        return delta

    def sharded(self) -> list[tuple[str, int]]:
        """The SKUs with stock shard items, and how many shards each uses."""
        codes = [i.code for i in StockShardedItem.query(keys.STOCK_SHARDED)]
        found: list[tuple[str, int]] = []
        for code in codes:
            try:
                item, _ = self._read(code)
            except NotFound:
                continue
            found.append((code, int(item.stock_shards or 1)))
        return found
