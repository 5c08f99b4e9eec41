"""HyperLogLog: the number of distinct values (visitors, paying customers) in
fixed memory, pure Python (ADR 0021).

A value is hashed to 64 bits; the first ``p`` bits choose one of ``m = 2**p``
registers, and the register keeps the largest "rank" seen (the position of the
first 1 bit in the remaining bits). The estimate is the bias-corrected harmonic
mean of ``2**register`` (Flajolet et al. 2007), with linear counting while many
registers are still zero (small sets are then counted almost exactly). With
``p = 14`` (16,384 registers, one byte each) the standard error is about
1.04 / sqrt(m) = 0.8 %; a 64-bit hash needs no large-range correction.

Sketches merge by the maximum of each register, so a week's or a month's
visitors are the union of its days' sketches: no visitor is counted twice
across days. Registers are stored one byte each (``to_bytes``/``from_bytes``);
``update`` answers the (register, rank) pair a store can apply on its own
(set the register to the rank unless it is already higher), which is how the
intake writes concurrently without reading the sketch first.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable

DEFAULT_PRECISION = 14
MIN_PRECISION, MAX_PRECISION = 4, 16
HASH_BITS = 64


def _alpha(m: int) -> float:
    if m == 16:
        return 0.673
    if m == 32:
        return 0.697
    if m == 64:
        return 0.709
    return 0.7213 / (1 + 1.079 / m)


def hash64(value: str) -> int:
    """A stable 64-bit hash (the same in every process, unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(value.encode(), digest_size=8).digest(), "big")


def position(value: str, precision: int = DEFAULT_PRECISION) -> tuple[int, int]:
    """The register a value falls in and the rank it offers that register (1..65-p)."""
    h = hash64(value)
    index = h >> (HASH_BITS - precision)
    rest = h & ((1 << (HASH_BITS - precision)) - 1)
    rank = (HASH_BITS - precision) - rest.bit_length() + 1
    return index, rank


class HyperLogLog:
    def __init__(self, precision: int = DEFAULT_PRECISION, registers: bytes | bytearray | None = None) -> None:
        if not MIN_PRECISION <= precision <= MAX_PRECISION:
            raise ValueError(f"precision must be {MIN_PRECISION} to {MAX_PRECISION}")
        self.precision = precision
        self.m = 1 << precision
        if registers is None:
            self.registers = bytearray(self.m)
        else:
            if len(registers) != self.m:
                raise ValueError(f"{len(registers)} registers; precision {precision} has {self.m}")
            self.registers = bytearray(registers)

    def update(self, value: str) -> tuple[int, int]:
        """Add a value; answers its (register, rank)."""
        index, rank = position(value, self.precision)
        self.set_max(index, rank)
        return index, rank

    def set_max(self, index: int, rank: int) -> None:
        if rank > self.registers[index]:
            self.registers[index] = rank

    def merge(self, other: HyperLogLog) -> HyperLogLog:
        """The union of two sketches (the maximum of each register), as a new sketch."""
        if other.precision != self.precision:
            raise ValueError("sketches of different precision do not merge")
        return HyperLogLog(
            self.precision, bytes(max(a, b) for a, b in zip(self.registers, other.registers, strict=True))
        )

    @classmethod
    def union(cls, sketches: Iterable[HyperLogLog], precision: int = DEFAULT_PRECISION) -> HyperLogLog:
        out = cls(precision)
        for sketch in sketches:
            out = out.merge(sketch)
        return out

    def estimate(self) -> int:
        m = self.m
        harmonic = math.fsum(2.0**-r for r in self.registers)
        raw = _alpha(m) * m * m / harmonic
        zeros = self.registers.count(0)
        if raw <= 2.5 * m and zeros:
            return round(m * math.log(m / zeros))  # linear counting: small sets
        return round(raw)

    def is_empty(self) -> bool:
        return not any(self.registers)

    def to_bytes(self) -> bytes:
        return bytes(self.registers)

    @classmethod
    def from_bytes(cls, data: bytes, precision: int = DEFAULT_PRECISION) -> HyperLogLog:
        return cls(precision, data)

    @classmethod
    def from_registers(cls, registers: dict[int, int], precision: int = DEFAULT_PRECISION) -> HyperLogLog:
        """A sketch from the non-zero registers a store keeps (index -> rank)."""
        sketch = cls(precision)
        for index, rank in registers.items():
            if 0 <= index < sketch.m and 0 < rank < 256:
                sketch.set_max(index, rank)
        return sketch
