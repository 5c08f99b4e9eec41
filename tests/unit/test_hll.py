"""HyperLogLog (domain/hll.py): within 2 % on 100,000 distinct visitors in a fixed
16 KB, near exact on small sets, and sketches merge as a union (max per register)."""

from __future__ import annotations

import pytest

from chalicelib.domain.hll import DEFAULT_PRECISION, HyperLogLog, position


def sketch_of(values) -> HyperLogLog:
    h = HyperLogLog()
    for v in values:
        h.update(v)
    return h


def test_one_hundred_thousand_visitors_within_two_percent_in_fixed_memory():
    h = HyperLogLog()
    sizes = set()
    for i in range(100_000):
        h.update(f"vis_{i:08d}")
        if i % 10_000 == 0:
            sizes.add(len(h.to_bytes()))
    assert sizes == {1 << DEFAULT_PRECISION}  # 16,384 one-byte registers, whatever the count
    assert abs(h.estimate() - 100_000) / 100_000 < 0.02
    # the same visitors again change nothing
    before = h.to_bytes()
    for i in range(0, 100_000, 7):
        h.update(f"vis_{i:08d}")
    assert h.to_bytes() == before


@pytest.mark.parametrize("n", [0, 1, 2, 10, 100, 1000])
def test_small_sets_are_counted_almost_exactly(n):
    estimate = sketch_of(f"v-{i}" for i in range(n)).estimate()
    assert abs(estimate - n) <= max(3, n // 100)  # linear counting: within a few, or 1 %


def test_merging_is_the_union_and_counts_a_visitor_of_two_days_once():
    monday = sketch_of(f"v{i}" for i in range(0, 30_000))
    tuesday = sketch_of(f"v{i}" for i in range(20_000, 50_000))  # 10,000 came back
    week = monday.merge(tuesday)
    assert abs(week.estimate() - 50_000) / 50_000 < 0.02
    assert week.to_bytes() == tuesday.merge(monday).to_bytes()  # commutative
    assert week.merge(week).to_bytes() == week.to_bytes()  # idempotent
    assert week.to_bytes() == sketch_of(f"v{i}" for i in range(50_000)).to_bytes()  # exactly the union's sketch
    assert HyperLogLog.union([monday, tuesday]).to_bytes() == week.to_bytes()


def test_registers_round_trip_through_bytes_and_sparse_form():
    h = sketch_of(f"x{i}" for i in range(500))
    assert HyperLogLog.from_bytes(h.to_bytes()).estimate() == h.estimate()
    sparse = {i: r for i, r in enumerate(h.registers) if r}
    assert HyperLogLog.from_registers(sparse).to_bytes() == h.to_bytes()
    index, rank = position("x1")
    assert h.registers[index] >= rank >= 1


def test_precisions_do_not_mix_and_are_bounded():
    with pytest.raises(ValueError):
        HyperLogLog(10).merge(HyperLogLog(14))
    with pytest.raises(ValueError):
        HyperLogLog(3)
    with pytest.raises(ValueError):
        HyperLogLog(14, b"\x00" * 10)
