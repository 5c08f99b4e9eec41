"""The settle job's fan-out (ADR 0012) over in-memory ports: the chunks cover the
due queue exactly; a fanned-out run settles what an inline run settles, to the
same statement; a chunk that crashes mid-way, or runs short of time, resumes
from its checkpoint and settles nothing twice; duplicate messages are harmless."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.settlement import LOWEST_KEY, RunRef, plan_chunks

from .settlement_fakes import Crash, FakeQueue, FakeRuns, FakeWorld, a_day_of_orders, a_service

PAID = datetime(2025, 3, 1, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
RUN_AT = PAID + timedelta(days=9)  # T+7 fell due two days before the run's business day ended


def drain(service, queue: FakeQueue, seconds_left=None, limit: int = 1000) -> list[str]:
    """Deliver the queued chunk messages (and those they send) until none is left."""
    outcomes = []
    for _ in range(limit):
        messages = queue.take()
        if not messages:
            return outcomes
        for body in messages:
            ref, number = RunRef.of_message(body)
            outcomes.append(service.run_chunk(ref, number, seconds_left))
    raise AssertionError("the chunks never finished")


# -- planning ---------------------------------------------------------------------------------------
def test_chunks_are_runs_of_consecutive_keys_from_below_all_to_the_cutoff():
    keys = [f"2025-03-0{d}#o{d}" for d in range(1, 8)]
    chunks = plan_chunks(keys, 3, "2025-03-09#\uffff")
    assert [(c.lo, c.hi, c.size) for c in chunks] == [
        (LOWEST_KEY, keys[3], 3),
        (keys[3], keys[6], 3),
        (keys[6], "2025-03-09#\uffff", 1),
    ]
    assert [c.number for c in chunks] == [0, 1, 2]
    assert plan_chunks([], 3, "z") == []


def test_planning_refuses_unsorted_keys_keys_past_the_cutoff_and_empty_chunks():
    with pytest.raises(ValueError):
        plan_chunks(["2025-02", "2025-01"], 2, "2026")
    with pytest.raises(ValueError):
        plan_chunks(["2025-02", "2027-01"], 2, "2026")
    with pytest.raises(ValueError):
        plan_chunks(["2025-02"], 0, "2026")


@given(
    st.lists(st.integers(min_value=0, max_value=10**6), unique=True, max_size=200),
    st.integers(min_value=1, max_value=50),
    st.integers(min_value=0, max_value=10**6),
)
def test_every_key_below_the_cutoff_falls_in_exactly_one_chunk(numbers, size, probe):
    keys = sorted(f"2025-{n:07d}" for n in numbers)
    upper = "2025-9999999"
    chunks = plan_chunks(keys, size, upper)
    assert sum(c.size for c in chunks) == len(keys)
    assert all(c.size <= size for c in chunks)
    # any key at all below the cutoff (filed later included) has exactly one chunk
    for key in [*keys, f"2025-{probe:07d}", f"2025-{probe:07d}#late"]:
        assert len([c for c in chunks if c.lo <= key < c.hi]) == (1 if chunks else 0), key


# -- running ----------------------------------------------------------------------------------------
def inline_statement(count: int):
    world = FakeWorld()
    a_day_of_orders(world, PAID, count)
    summary = a_service(world, FakeRuns(), FakeQueue(), RUN_AT, inline_max=10_000).settle(RUN_AT)
    return summary, world


def test_a_small_day_is_settled_inline_without_a_plan_or_a_message():
    world, runs, queue = FakeWorld(), FakeRuns(), FakeQueue()
    a_day_of_orders(world, PAID, 5)
    summary = a_service(world, runs, queue, RUN_AT, inline_max=5).settle(RUN_AT)
    assert summary["settled"] == 5 and summary["lines"] == 5
    assert runs.runs == {} and queue.messages == []


def test_a_fanned_out_run_settles_what_an_inline_run_does_to_the_same_statement():
    expected, inline_world = inline_statement(10)
    world, runs, queue = FakeWorld(), FakeRuns(), FakeQueue()
    a_day_of_orders(world, PAID, 10)
    # the same orders (ids differ: compare amounts)
    service = a_service(world, runs, queue, RUN_AT, chunk_size=3)
    summary = service.settle(RUN_AT)
    assert summary["chunks"] == 4 and summary["chunks_sent"] == 4 and summary["due"] == 10
    assert summary["settled"] == 0 and summary["lines"] == 0  # the workers have it now
    assert drain(service, queue) == ["done"] * 4
    (day,) = world.statements
    assert world.statements[day] == next(iter(inline_world.statements.values()))
    assert world.statements[day]["line_count"] == expected["lines"] == 10
    assert all(o.settled_on == day.isoformat() for o in world.orders.values())
    (ref,) = runs.runs
    assert runs.runs[ref]["closed"] and runs.runs[ref]["done"] == 4
    assert sum(c.counts["settled"] for c in runs.chunks(ref)) == 10


def test_a_chunk_that_crashes_midway_resumes_and_settles_nothing_twice():
    _, inline_world = inline_statement(10)
    world, runs, queue = FakeWorld(), FakeRuns(), FakeQueue()
    a_day_of_orders(world, PAID, 10)
    service = a_service(world, runs, queue, RUN_AT, chunk_size=5)
    service.settle(RUN_AT)
    first, second = queue.take()
    world.crash_after_records = 2  # the worker dies in the middle of the first chunk
    ref, number = RunRef.of_message(first)
    with pytest.raises(Crash):
        service.run_chunk(ref, number)
    assert world.records == 2 and not runs.chunk(ref, number).done
    # SQS delivers both again (the first after its visibility timeout) and once more each
    for body in (second, first, first, second):
        service.run_chunk(*RunRef.of_message(body))
    assert world.records == 10  # the fake store asserts no line is recorded twice
    (day,) = world.statements
    assert world.statements[day] == next(iter(inline_world.statements.values()))
    assert runs.runs[ref]["done"] == 2 and runs.runs[ref]["closed"]


def test_a_crash_after_the_checkpoint_skips_the_page_already_settled():
    world, runs, queue = FakeWorld(), FakeRuns(), FakeQueue()
    a_day_of_orders(world, PAID, 250)
    service = a_service(world, runs, queue, RUN_AT, chunk_size=250, inline_max=0)
    service.settle(RUN_AT)
    (body,) = queue.take()
    ref, number = RunRef.of_message(body)
    world.crash_after_records = 150  # after the first page (100) was checkpointed
    with pytest.raises(Crash):
        service.run_chunk(ref, number)
    chunk = runs.chunk(ref, number)
    assert chunk.counts["settled"] == 100 and chunk.checkpoint is not None
    reads = []
    original = world.due_between
    world.due_between = lambda lo, hi, after, as_of, limit: reads.append(after) or original(lo, hi, after, as_of, limit)
    assert service.run_chunk(ref, number) == "done"
    assert reads[0] == chunk.checkpoint  # resumed from the checkpoint, not from the chunk's start
    assert world.records == 250
    # The 50 settled in the lost page are no longer due on resume: the run's counts miss
    # them, the statement (recomputed from the lines) has every one.
    assert runs.chunk(ref, number).counts["settled"] == 200
    (day,) = world.statements
    assert world.statements[day]["line_count"] == 250


def test_a_worker_short_of_time_hands_its_chunk_on_and_it_finishes():
    world, runs, queue = FakeWorld(), FakeRuns(), FakeQueue()
    a_day_of_orders(world, PAID, 450)
    service = a_service(world, runs, queue, RUN_AT, chunk_size=450)
    service.settle(RUN_AT)
    outcomes = drain(service, queue, seconds_left=lambda: 10.0)  # below the margin after each page
    assert outcomes == ["continued"] * 4 + ["done"]
    assert world.records == 450
    (day,) = world.statements
    assert world.statements[day]["line_count"] == 450


def test_a_retried_coordinator_resends_only_the_chunks_not_done():
    world, runs, queue = FakeWorld(), FakeRuns(), FakeQueue()
    a_day_of_orders(world, PAID, 9)
    service = a_service(world, runs, queue, RUN_AT, chunk_size=3)
    service.settle(RUN_AT)
    first, *_ = queue.take()
    service.run_chunk(*RunRef.of_message(first))
    again = service.settle(RUN_AT)  # Lambda's retry of the same scheduled moment
    assert again["chunks"] == 3 and again["chunks_sent"] == 2 and again["settled"] == 0
    assert sorted(m["chunk"] for m in queue.messages) == [1, 2]
    drain(service, queue)
    assert world.records == 9 and len(runs.runs) == 1


def test_an_unknown_chunk_is_reported_not_retried():
    world, runs, queue = FakeWorld(), FakeRuns(), FakeQueue()
    service = a_service(world, runs, queue, RUN_AT)
    ref = RunRef("settle", RUN_AT.date(), "2025-03-10T00:00:00Z")
    assert service.run_chunk(ref, 0) == "unknown"


def test_the_worker_reads_its_time_left_from_the_lambda_context():
    from chalicelib.workers.settlement import FALLBACK_SECONDS, seconds_left_of

    class Context:
        def get_remaining_time_in_millis(self) -> int:
            return 42_000

    assert seconds_left_of(Context())() == 42.0
    assert FALLBACK_SECONDS - 5 < seconds_left_of(None)() <= FALLBACK_SECONDS  # no context: a fixed budget


class CountingStripe:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def payment_facts(self, payment_intent_id: str) -> tuple[int | None, int | None]:
        self.asked.append(payment_intent_id)
        return 10000, 333


def test_a_chunk_asks_stripe_only_for_orders_paid_before_their_fee_was_recorded():
    """ADR 0029: the fee recorded with the payment is used as is; an order without
    one (paid before the change, or Stripe silent then) is asked about, as before."""
    from dataclasses import replace

    from .settlement_fakes import a_paid_order

    world, runs, queue = FakeWorld(), FakeRuns(), FakeQueue()
    recorded = [
        a_paid_order(PAID + timedelta(minutes=i), payment_intent_id=f"pi_new{i}", payment_fee=290 + i) for i in range(4)
    ]
    recorded[0] = replace(recorded[0], payment_captured=9000)  # Stripe captured less: still listed
    legacy = a_paid_order(PAID + timedelta(minutes=9), payment_intent_id="pi_old")
    for order in (*recorded, legacy):
        world.add(order)
    stripe = CountingStripe()
    service = a_service(world, runs, queue, RUN_AT, chunk_size=2)
    service.payments = stripe
    service.settle(RUN_AT)
    assert set(drain(service, queue)) == {"done"}

    assert stripe.asked == ["pi_old"]
    (day,) = world.statements
    lines = {line.order_id: line for line in world.lines[day].values()}
    assert [lines[o.id].fees for o in recorded] == [290, 291, 292, 293]
    assert lines[legacy.id].fees == 333
    assert {line.fee_source for line in lines.values()} == {"stripe"}
    assert lines[recorded[0].id].mismatch == {"ours": recorded[0].amount_paid, "stripe": 9000}
    assert lines[recorded[1].id].mismatch is None
