"""PynamoDB items of stock shards (ADR 0025); the SKU item itself, shard 0, is in models.py."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute

from .models import Item


class StockShardItem(Item, discriminator="StockShard"):
    """Stock shard ``shard`` (> 0) of a SKU: its own on_hand, reserved and available."""

    code = UnicodeAttribute()
    product_id = UnicodeAttribute()
    shard = NumberAttribute()
    on_hand = NumberAttribute(default=0)
    reserved = NumberAttribute(default=0)
    available = NumberAttribute(default=0)
    updated_at = UTCDateTimeAttribute()


class StockShardedItem(Item, discriminator="StockSharded"):
    """A SKU with stock shard items: listed for rebalance_stock_shards."""

    code = UnicodeAttribute()
    product_id = UnicodeAttribute()
