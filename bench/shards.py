"""`python -m bench shards`: a discrete-event simulation of checkouts on one hot SKU
(ADR 0025). Pure Python, seeded, no DynamoDB: it models what bounds a flash sale on
AWS, which DynamoDB Local does not (it has no partitions and no throughput limit).

The model:

- A partition key writes at most ``wcu`` (1,000) write units per second; a
  transactional write of a small item costs 2. A partition is a token bucket
  refilled at ``wcu``/s holding at most ``burst_s`` seconds of it; a write that
  finds too few tokens is throttled, and the SDK retries it after an exponential
  backoff with full jitter (``max_throttle_retries``, then the checkout fails: 503).
- A checkout first reads the stock (``read_ms``; the shards' levels as they were),
  picks a random shard with enough available, then runs one transaction
  (``latency_ms`` plus an exponential jitter): in the shard's partition it writes the
  shard item and the reservation's ledger row (the order, cart and outbox items live
  in partitions of their own, spread over the table: not a limit).
  Unsharded, the SKU item and its ledger row are in two partitions, each of which
  takes 2 units per checkout.
- Two transactions on one item at once: the later one is cancelled
  (TransactionConflict) for the ``lock_ms`` the first holds the item; the
  checkout retries it (``conflict_retries``).
- A shard whose condition fails (too little available) makes the checkout try
  another shard it has not tried, then answer out of stock.

Arrivals are Poisson at ``rate`` checkouts/s for ``seconds``; every buyer takes one
unit. Prints completed checkouts/s and latency percentiles for 1, 4 and 16 shards.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass, field
from typing import Any

TRANSACT_WRITE_UNITS = 2  # a transactional write of an item up to 1 KB


@dataclass
class Params:
    shards: int = 1
    stock: int = 10_000_000
    rate: float = 5_000.0  # offered checkouts/s
    seconds: float = 2.0
    wcu: float = 1_000.0  # per partition
    burst_s: float = 0.05
    latency_ms: float = 12.0
    jitter_ms: float = 4.0
    read_ms: float = 3.0
    lock_ms: float = 1.0
    max_throttle_retries: int = 8
    backoff_ms: float = 25.0
    conflict_retries: int = 3
    seed: int = 25


@dataclass
class Partition:
    wcu: float
    cap: float
    tokens: float = 0.0
    at: float = 0.0

    def take(self, now: float, units: float) -> bool:
        self.tokens = min(self.cap, self.tokens + (now - self.at) * self.wcu)
        self.at = now
        if self.tokens >= units:
            self.tokens -= units
            return True
        return False


@dataclass
class Result:
    params: Params
    sold: int = 0
    out_of_stock: int = 0
    failed: int = 0  # throttled past the SDK's retries, or conflicts past the checkout's
    throttles: int = 0
    conflicts: int = 0
    latencies: list[float] = field(default_factory=list)
    shard_sold: list[int] = field(default_factory=list)
    completed_at: list[float] = field(default_factory=list)

    @property
    def checkouts_per_second(self) -> float:
        """Sales completed per second in the steady part of the run (after its first
        quarter, before arrivals end), not counting the backlog drained afterwards."""
        start, end = self.params.seconds / 4, self.params.seconds
        return sum(1 for at in self.completed_at if start <= at < end) / (end - start)

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    def summary(self) -> dict[str, Any]:
        return {
            "shards": self.params.shards,
            "offered_per_second": self.params.rate,
            "checkouts_per_second": round(self.checkouts_per_second, 1),
            "sold": self.sold,
            "out_of_stock": self.out_of_stock,
            "failed": self.failed,
            "throttles": self.throttles,
            "conflicts": self.conflicts,
            "p50_ms": round(self.percentile(50), 1),
            "p99_ms": round(self.percentile(99), 1),
        }


def split(total: int, shards: int) -> list[int]:
    """``total`` over ``shards`` as evenly as whole units go."""
    return [total // shards + (1 if i < total % shards else 0) for i in range(shards)]


def simulate(p: Params) -> Result:
    """Run the model; deterministic for its parameters (the seed included)."""
    rng = random.Random(p.seed)
    result = Result(p, shard_sold=[0] * p.shards)
    available = split(p.stock, p.shards)
    # (partition, units) written per shard. Shard 0 is the SKU item (its product's
    # partition) with its ledger rows under the SKU code's key: two partitions, 2 units
    # each. Shard i > 0 is an item under a key of its own that holds its ledger rows
    # too: one partition, 4 units.
    cap = p.wcu * p.burst_s
    parts = [[(Partition(p.wcu, cap), TRANSACT_WRITE_UNITS), (Partition(p.wcu, cap), TRANSACT_WRITE_UNITS)]]
    parts += [[(Partition(p.wcu, cap), 2 * TRANSACT_WRITE_UNITS)] for _ in range(1, p.shards)]
    locked_until = [0.0] * p.shards
    events: list[tuple[float, int, str, dict[str, Any]]] = []
    seq = 0

    def push(at: float, kind: str, **data: Any) -> None:
        nonlocal seq
        seq += 1
        heapq.heappush(events, (at, seq, kind, data))

    t = 0.0
    while True:
        t += rng.expovariate(p.rate)
        if t >= p.seconds:
            break
        push(t, "arrive", start=t)

    def pick(seen: list[int], tried: set[int]) -> int | None:
        candidates = [i for i in range(p.shards) if i not in tried and seen[i] >= 1]
        return rng.choice(candidates) if candidates else None

    while events:
        now, _, kind, d = heapq.heappop(events)
        if kind == "arrive":
            push(now + p.read_ms / 1000, "read", start=d["start"])
        elif kind == "read":
            seen = list(available)  # the batch read's levels
            shard = pick(seen, set())
            if shard is None:
                result.out_of_stock += 1
                continue
            push(now, "transact", start=d["start"], shard=shard, tried={shard}, seen=seen, throttled=0, conflicted=0)
        elif kind == "transact":
            shard = d["shard"]
            # The transaction reaches the partition half way through its latency.
            reach = now + (p.latency_ms / 2 + rng.expovariate(1 / p.jitter_ms) / 2) / 1000
            push(reach, "commit", **d)
        elif kind == "commit":
            shard = d["shard"]
            if not all(part.take(now, units) for part, units in parts[shard]):
                result.throttles += 1
                if d["throttled"] >= p.max_throttle_retries:
                    result.failed += 1
                    continue
                backoff = rng.uniform(0, p.backoff_ms * 2 ** d["throttled"]) / 1000
                push(now + backoff, "transact", **{**d, "throttled": d["throttled"] + 1})
                continue
            if locked_until[shard] > now:
                result.conflicts += 1
                if d["conflicted"] >= p.conflict_retries:
                    result.failed += 1
                    continue
                push(now + p.read_ms / 1000, "transact", **{**d, "conflicted": d["conflicted"] + 1})
                continue
            locked_until[shard] = now + p.lock_ms / 1000
            done = now + (p.latency_ms / 2) / 1000
            if available[shard] >= 1:  # the condition: never below zero
                available[shard] -= 1
                result.sold += 1
                result.shard_sold[shard] += 1
                result.latencies.append(done - d["start"])
                result.completed_at.append(done)
                continue
            d["seen"][shard] = 0  # the cancellation names the shard: try another
            other = pick(d["seen"], d["tried"])
            if other is None:
                result.out_of_stock += 1
                continue
            push(done, "transact", **{**d, "shard": other, "tried": d["tried"] | {other}})
    return result


UNDER_CEILING = {1: 400.0, 4: 1_000.0, 16: 3_000.0}  # offered checkouts/s below each modelled ceiling


def bench_shards(shard_counts: tuple[int, ...] = (1, 4, 16), rate: float = 5_000.0) -> dict[str, Any]:
    """Each shard count saturated (``rate`` offered), then offered less than it can take."""
    runs = [simulate(Params(shards=n, rate=rate)).summary() for n in shard_counts]
    runs += [simulate(Params(shards=n, rate=UNDER_CEILING[n])).summary() for n in shard_counts if n in UNDER_CEILING]
    ceiling = Params().wcu / TRANSACT_WRITE_UNITS
    return {"model_ceiling_per_partition": ceiling, "runs": runs}


def print_shards(report: dict[str, Any]) -> None:
    print("\n== hot SKU: checkouts/s against DynamoDB's per-partition limit (simulated, ADR 0025) ==")
    print(f"  one partition: {Params().wcu:.0f} WCU/s; a transactional write costs {TRANSACT_WRITE_UNITS}")
    for run in report["runs"]:
        print(
            f"  {run['shards']:>2} shard(s), {run['offered_per_second']:>5.0f}/s offered: "
            f"{run['checkouts_per_second']:>5.0f} checkouts/s   p50 {run['p50_ms']:>5.0f} ms   "
            f"p99 {run['p99_ms']:>5.0f} ms   ({run['throttles']} throttled writes, {run['conflicts']} conflicts, "
            f"{run['failed']} failed)"
        )
