"""The composition root's part for stock shards (ADR 0025), kept apart so
bootstrap.py stays short."""

from __future__ import annotations

from .domain.clock import Clock
from .services.stock_shards import StockShardService


def build_stock_shards(clock: Clock) -> StockShardService:
    from .adapters.dynamo.stock_shards import DynamoStockShards

    return StockShardService(DynamoStockShards(), clock)


def stock_shards() -> StockShardService:
    """The service over the running container's clock (two small objects: built per use)."""
    from .bootstrap import get_container

    return build_stock_shards(get_container().clock)
