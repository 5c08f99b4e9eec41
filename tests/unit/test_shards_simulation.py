"""The stock-shards simulation (bench/shards.py): its invariants, not its timing."""

from __future__ import annotations

from bench.shards import TRANSACT_WRITE_UNITS, Params, simulate, split


def test_split_is_even_and_whole() -> None:
    assert split(20, 4) == [5, 5, 5, 5]
    assert split(10, 4) == [3, 3, 2, 2]
    assert sum(split(1_000_003, 16)) == 1_000_003


def test_never_sells_more_than_the_stock_and_sells_it_all() -> None:
    for shards in (1, 4, 16):
        result = simulate(Params(shards=shards, stock=20, rate=2_000, seconds=0.2, seed=shards))
        assert result.sold == 20
        assert sum(result.shard_sold) == 20
        assert len(result.latencies) == 20  # one latency per sale
        assert result.out_of_stock > 0  # ~400 buyers for 20 units


def test_one_shard_saturates_at_the_modelled_ceiling() -> None:
    ceiling = Params().wcu / TRANSACT_WRITE_UNITS  # 500/s: one partition's writes
    result = simulate(Params(shards=1, rate=3_000, seconds=1.0))
    assert result.throttles > 0
    assert 0.85 * ceiling <= result.checkouts_per_second <= 1.05 * ceiling


def test_shards_raise_the_ceiling() -> None:
    one = simulate(Params(shards=1, rate=3_000, seconds=1.0))
    sixteen = simulate(Params(shards=16, rate=3_000, seconds=1.0))
    assert sixteen.checkouts_per_second > 4 * one.checkouts_per_second


def test_is_deterministic_for_a_seed() -> None:
    a = simulate(Params(shards=4, rate=2_000, seconds=0.3)).summary()
    b = simulate(Params(shards=4, rate=2_000, seconds=0.3)).summary()
    assert a == b
