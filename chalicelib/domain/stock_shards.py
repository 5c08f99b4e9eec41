"""Stock shards (ADR 0025): a hot SKU's available stock split over N items in
different partitions, so a flash sale's checkouts do not all write one item.

Shard 0 is the SKU item itself (its on_hand and reserved, unchanged); shards 1..N-1
are items of their own. A checkout takes from one shard, chosen at random among
those the batch read found with enough available; what else changes stock
(adjustments, receipts, returns, releases of lines with no shard) keeps using shard
0, and ``rebalance_stock_shards`` evens the available stock out again."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping

from .error_codes import InventoryErrorCode
from .errors import Conflict

MAX_STOCK_SHARDS = 32


class ShardShort(Conflict):
    """A checkout's chosen shards had too little left (SKU code -> shard): it tries
    another. Should it escape, it is the usual out_of_stock answer."""

    code = InventoryErrorCode.OUT_OF_STOCK

    def __init__(self, detail: str, shards: dict[str, int]) -> None:
        super().__init__(detail, skus=sorted(shards))
        self.shards = shards


def choose_shard(
    available: Mapping[int, int], quantity: int, tried: Iterable[int] = (), rng: random.Random | None = None
) -> int | None:
    """A random shard, not tried yet, with at least ``quantity`` available; None if none has."""
    skip = set(tried)
    candidates = sorted(i for i, units in available.items() if i not in skip and units >= quantity)
    if not candidates:
        return None
    return (rng or random).choice(candidates)


def even_split(total: int, count: int) -> list[int]:
    """``total`` units over ``count`` shards as evenly as whole units go (the extra ones first)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    whole, extra = divmod(max(total, 0), count)
    return [whole + (1 if i < extra else 0) for i in range(count)]


def moves(available: Mapping[int, int], count: int) -> dict[int, int]:
    """What to add to each shard's on_hand (and available) so that the ``count`` shards
    hold the SKU's available stock evenly and any shard at or beyond ``count`` (a
    merge, or fewer shards) holds none. The moves sum to zero; only shards whose
    level changes appear. Negative available (never expected) is left where it is."""
    pool = sum(max(units, 0) for units in available.values())
    targets = dict(enumerate(even_split(pool, count)))
    result: dict[int, int] = {}
    for shard in sorted(set(available) | set(targets)):
        now = max(available.get(shard, 0), 0)
        delta = targets.get(shard, 0) - now
        if delta:
            result[shard] = delta
    return result
