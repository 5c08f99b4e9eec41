"""Stock shards: the choice of a shard and the rebalance maths (ADR 0025)."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.stock_shards import choose_shard, even_split, moves


def test_choose_shard_picks_only_shards_with_enough_not_yet_tried() -> None:
    available = {0: 0, 1: 3, 2: 1, 3: 5}
    rng = random.Random(7)
    picks = {choose_shard(available, 2, rng=rng) for _ in range(50)}
    assert picks == {1, 3}
    assert choose_shard(available, 2, tried=[1], rng=rng) == 3
    assert choose_shard(available, 2, tried=[1, 3], rng=rng) is None
    assert choose_shard(available, 6) is None


def test_choose_shard_spreads_buyers() -> None:
    rng = random.Random(1)
    counts = [0, 0, 0, 0]
    for _ in range(4000):
        shard = choose_shard({0: 100, 1: 100, 2: 100, 3: 100}, 1, rng=rng)
        assert shard is not None
        counts[shard] += 1
    assert min(counts) > 850


def test_even_split() -> None:
    assert even_split(20, 4) == [5, 5, 5, 5]
    assert even_split(7, 3) == [3, 2, 2]
    assert even_split(0, 2) == [0, 0]


def test_split_merge_and_rebalance_moves() -> None:
    assert moves({0: 20}, 4) == {0: -15, 1: 5, 2: 5, 3: 5}  # split
    assert moves({0: 1, 1: 4, 2: 0, 3: 3}, 1) == {0: 7, 1: -4, 3: -3}  # merge back
    assert moves({0: 9, 1: 0, 2: 3}, 3) == {0: -5, 1: 4, 2: 1}  # rebalance
    assert moves({0: 4, 1: 4}, 2) == {}


@given(st.dictionaries(st.integers(0, 31), st.integers(0, 1000), min_size=1), st.integers(1, 32))
def test_moves_keep_the_total_and_even_it_out(available: dict[int, int], count: int) -> None:
    delta = moves(available, count)
    assert sum(delta.values()) == 0
    after = {i: available.get(i, 0) + delta.get(i, 0) for i in set(available) | set(delta)}
    assert all(units >= 0 for units in after.values())
    assert all(after.get(i, 0) == 0 for i in after if i >= count)
    kept = [after.get(i, 0) for i in range(count)]
    assert max(kept) - min(kept) <= 1


def test_a_sharded_skus_stock_events_are_decided_on_the_total_unguarded() -> None:
    from datetime import UTC, datetime

    from chalicelib.domain.catalog import Sku
    from chalicelib.services.inventory import stock_events

    sku = Sku("HOT", "prd_1", {}, 100, None, None, 1, safety_stock=5)
    at = datetime(2026, 12, 6, tzinfo=UTC)
    events, guard = stock_events(sku, 3, 10, at)
    assert guard != (None, None)
    sharded = Sku("HOT", "prd_1", {}, 100, None, None, 1, safety_stock=5, stock_shards=4)
    events, guard = stock_events(sharded, 3, 10, at)
    assert guard == (None, None)
    assert [e.type for e in events] == ["stock.replenished"]
