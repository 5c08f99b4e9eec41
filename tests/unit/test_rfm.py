"""RFM (domain/rfm.py, services/crm.py): the segment table, quintile scores from
bounded histograms, customer stats from events, and the score_rfm passes over
an in-memory store (checkpoints, reruns)."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.customer_stats import CustomerStats, OrderTally, apply_event, days_since_last, in_window
from chalicelib.domain.events import new_event
from chalicelib.domain.rfm import (
    SEGMENT_TABLE,
    SEGMENTS,
    Breakpoints,
    Histogram,
    RfmScore,
    monetary_bucket,
    segment_of,
)
from chalicelib.services.crm import CustomerStatsService, RfmService
from chalicelib.services.crm_ports import STATS_SHARDS, RfmRun, ScoredCustomer, SegmentChange

T0 = datetime(2026, 6, 15, 12, tzinfo=UTC)


# --- the segment table -------------------------------------------------------------------------
def test_the_table_names_every_score_pair_and_uses_every_segment():
    assert sorted(SEGMENT_TABLE) == [1, 2, 3, 4, 5]
    named = {segment_of(r, f, m) for r, f, m in itertools.product(range(1, 6), repeat=3)}
    assert named == set(SEGMENTS)


def test_corners_of_the_table():
    assert segment_of(5, 5, 5) == "champions"
    assert segment_of(5, 1, 1) == "new"
    assert segment_of(1, 1, 1) == "lost"
    assert segment_of(1, 5, 5) == "cant_lose"
    assert segment_of(2, 3, 3) == "at_risk"
    assert segment_of(3, 4, 4) == "loyal"
    assert segment_of(2, 1, 2) == "hibernating"
    assert segment_of(4, 2, 1) == "potential"


# --- quintiles from histograms -----------------------------------------------------------------
def test_distinct_values_split_into_fifths():
    h = Histogram()
    for v in range(100):
        h.add(v)
    scores = h.scores()
    counts = {s: sum(1 for v in range(100) if scores[v] == s) for s in range(1, 6)}
    assert counts == {1: 20, 2: 20, 3: 20, 4: 20, 5: 20}
    assert Histogram.from_json(h.to_json()).scores() == scores
    recency = h.scores(higher_is_better=False)
    assert recency[0] == 5 and recency[99] == 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=300))
def test_scores_are_1_to_5_monotone_and_shared_by_ties(values):
    h = Histogram()
    for v in values:
        h.add(v)
    scores = h.scores()
    ordered = sorted(set(values))
    assert all(1 <= scores[v] <= 5 for v in ordered)
    assert [scores[v] for v in ordered] == sorted(scores[v] for v in ordered)
    # a value's score is its mid-rank quintile: the share strictly below it is under score/5
    n = len(values)
    for v in ordered:
        below = sum(1 for x in values if x < v)
        assert below / n < scores[v] / 5


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=10**12))
def test_monetary_buckets_are_about_nine_percent_wide(amount):
    k = monetary_bucket(amount)
    low, high = 2 ** ((k - 1) / 8), 2 ** (k / 8)
    assert low <= amount * (1 + 1e-9) and amount < high * (1 + 1e-9)
    assert high / low < 1.091
    assert monetary_bucket(0) == 0


def test_no_orders_or_spend_in_the_window_scores_one():
    r, f, m = Histogram(), Histogram(), Histogram()
    for v in (1, 2, 3):
        r.add(v)
        f.add(v)
        m.add(monetary_bucket(v * 1000))
    points = Breakpoints.of(r, f, m)
    assert points.score(1, 0, 0) == (5, 1, 1)
    assert points.score(3, 3, 3000) == (1, 5, 5)


# --- stats from events -------------------------------------------------------------------------
def paid(order: str, amount: int, at: datetime):
    return new_event("order.paid", {"order_id": order, "customer_id": "c", "total": money(amount)}, at)


def refunded(order: str, amount: int, cumulative: int, at: datetime):
    data = {"order_id": order, "customer_id": "c", "total": money(amount), "refunded": money(cumulative)}
    return new_event("order.refunded", data, at)


def money(amount: int) -> dict[str, object]:
    return {"amount": amount, "currency": "CNY"}


def fold(events):
    stats, tallies = CustomerStats("c"), {}
    for e in events:
        order = e.data["order_id"]
        stats, tallies[order] = apply_event(stats, tallies.get(order, OrderTally(order)), e)
    return stats


@settings(max_examples=100, deadline=None)
@given(st.permutations(range(5)), st.lists(st.integers(min_value=0, max_value=4), max_size=5))
def test_stats_are_the_same_in_any_order_and_with_replays(order, replays):
    events = [
        paid("o1", 10000, T0),
        paid("o2", 5000, T0 + timedelta(days=40)),
        refunded("o1", 10000, 2000, T0 + timedelta(days=2)),
        refunded("o1", 10000, 3000, T0 + timedelta(days=3)),
        new_event("order.completed", {"order_id": "o2", "customer_id": "c", "total": money(5000)}, T0),
    ]
    shuffled = [events[i] for i in order] + [events[i] for i in replays]
    stats = fold(shuffled)
    assert (stats.orders_count, stats.total_spent, stats.refunded) == (2, 12000, 3000)
    assert stats.first_order_at == T0 and stats.last_order_at == T0 + timedelta(days=40)
    assert stats.average_order_value == 6000 and stats.completed_count == 1
    assert sum(s for _, s in stats.months.values()) == 12000


def test_window_counts_the_months_of_the_last_365_days_and_buckets_are_pruned():
    events = [paid(f"o{i}", 1000, T0 - timedelta(days=31 * i)) for i in range(20)]
    stats = fold(events)
    assert len(stats.months) == 13
    assert stats.orders_count == 20 and stats.total_spent == 20000
    as_of = T0.date()
    orders, spent = in_window(stats, as_of)
    assert 12 <= orders <= 13 and spent == orders * 1000
    assert days_since_last(stats, as_of + timedelta(days=9)) == 9


# --- score_rfm over an in-memory store ---------------------------------------------------------
class MemoryRfm:
    def __init__(self, stats: list[CustomerStats]) -> None:
        self.stats = {s.customer_id: s for s in stats}
        self.scores: dict[str, RfmScore] = {}
        self.runs: dict[date, RfmRun] = {}
        self.latest: RfmRun | None = None
        self.writes = 0
        self.changes: dict[str, list[SegmentChange]] = {}

    def page(self, shard, after, limit):
        ids = sorted(i for i in self.stats if hash(i) % STATS_SHARDS == shard)
        start = 0 if after is None else ids.index(after["id"]) + 1
        chunk = ids[start : start + limit]
        more = start + limit < len(ids)
        rows = [ScoredCustomer(self.stats[i], self.scores.get(i), len(self.changes.get(i, []))) for i in chunk]
        return rows, ({"id": chunk[-1]} if more else None)

    def set_scores(self, changed):
        for customer, score in changed:
            customer_id, previous = customer.stats.customer_id, customer.rfm
            assert customer.changes == len(self.changes.get(customer_id, []))
            self.scores[customer_id] = score
            self.writes += 1
            prior = previous.segment if previous else None
            change = SegmentChange(score.scored_on, prior, score.segment, score.r, score.f, score.m)
            self.changes.setdefault(customer_id, []).insert(0, change)

    def run(self, day):
        found = self.runs.get(day)
        return None if found is None else replace(found, histograms=dict(found.histograms), counts=dict(found.counts))

    def save_run(self, run):
        self.runs[run.day] = replace(run, histograms=dict(run.histograms), counts=dict(run.counts))
        if run.phase == "done":
            self.latest = self.runs[run.day]

    def latest_run(self):
        return self.latest

    def history(self, customer_id):
        return self.changes.get(customer_id, [])


def base(n: int) -> list[CustomerStats]:
    out = []
    for i in range(n):
        events = [paid(f"o{i}-{k}", 1000 * (i + 1), T0 - timedelta(days=i + 30 * k)) for k in range(1 + i % 4)]
        out.append(replace(fold(events), customer_id=f"cus_{i:03d}"))
    return out


def test_score_rfm_scores_everyone_once_and_a_rerun_of_the_day_changes_nothing():
    store = MemoryRfm(base(50))
    service = RfmService(store, "Asia/Shanghai", page_size=7)
    summary = service.score(T0)
    assert summary["status"] == "done" and summary["scored"] == 50 and summary["changed"] == 50
    assert sum(summary["segments"].values()) == 50
    assert store.writes == 50
    best = store.scores["cus_000"]  # the most recent
    assert best.r == 5
    again = service.score(T0 + timedelta(hours=1))
    assert again["already_done"] is True and store.writes == 50
    segments = service.segments()
    assert sum(segments["segments"].values()) == 50 and set(segments["segments"]) == set(SEGMENTS)
    # the next day rescoring writes only the customers whose scores moved
    later = service.score(T0 + timedelta(days=1))
    assert later["status"] == "done" and later["changed"] == store.writes - 50 < 50


def test_a_run_out_of_time_resumes_from_its_checkpoint():
    store = MemoryRfm(base(40))
    ticks = itertools.count()
    service = RfmService(store, "Asia/Shanghai", page_size=3, budget_seconds=5, monotonic=lambda: next(ticks))
    first = service.score(T0)
    assert first["status"] == "incomplete"
    runs = 1
    while (summary := service.score(T0))["status"] != "done":
        runs += 1
        assert runs < 100
    assert summary["scored"] == 40 and store.writes == 40
    reference = MemoryRfm(base(40))
    RfmService(reference, "Asia/Shanghai", page_size=1000).score(T0)
    assert store.scores == reference.scores  # checkpointed runs score as one run does


def test_stats_service_applies_once_per_event_and_retries_a_moved_version():
    class Store:
        def __init__(self):
            self.stats, self.tallies, self.seen, self.conflicts = CustomerStats("c"), {}, set(), 1

        def load(self, customer_id, order_id):
            return self.stats, self.tallies.get(order_id, OrderTally(order_id))

        def save(self, stats, tally, event_id, expected_version, at):
            if event_id in self.seen:
                return "duplicate"
            if self.conflicts:
                self.conflicts -= 1
                return "conflict"
            assert expected_version == self.stats.version
            self.stats, self.tallies[tally.order_id] = stats, tally
            self.seen.add(event_id)
            return "saved"

        def get(self, customer_id):
            return None

    store = Store()
    service = CustomerStatsService(store)
    event = paid("o1", 700, T0)
    assert service.apply(event) == "applied"
    assert service.apply(event) == "duplicate"
    other = new_event("order.shipped", {"order_id": "o1", "customer_id": "c"}, T0)
    assert service.apply(other) == "ignored"
    assert store.stats.orders_count == 1 and store.stats.version == 1
    assert math.isclose(store.stats.average_order_value, 700)
