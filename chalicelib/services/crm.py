"""Customer stats (kept from order events), RFM scoring (the score_rfm job,
ADR 0016) and the staff's customer view."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from ..domain.clock import business_date
from ..domain.customer_stats import STATS_EVENTS, days_since_last, in_window
from ..domain.customer_stats import apply_event as apply_stats_event
from ..domain.events import Event
from ..domain.rfm import Breakpoints, Histogram, RfmScore, observe, segment_of
from .crm_ports import STATS_SHARDS, RfmRun, RfmStore, ScoredCustomer, StatsStore

MAX_ATTEMPTS = 5


class StatsConflict(Exception):
    """The stats item kept moving under concurrent events; SQS delivers the message again."""


class CustomerStatsService:
    def __init__(self, store: StatsStore) -> None:
        self.store = store

    def apply(self, event: Event) -> str:
        """Apply one order event: "applied", "duplicate" (this event id was applied
        before) or "ignored" (another type, or an event without its ids)."""
        if event.type not in STATS_EVENTS:
            return "ignored"
        customer_id, order_id = event.data.get("customer_id"), event.data.get("order_id")
        if not isinstance(customer_id, str) or not isinstance(order_id, str):
            return "ignored"
        for _ in range(MAX_ATTEMPTS):
            stats, tally = self.store.load(customer_id, order_id)
            new_stats, new_tally = apply_stats_event(stats, tally, event)
            new_stats = replace(new_stats, version=stats.version + 1)
            outcome = self.store.save(new_stats, new_tally, event.id, stats.version, event.occurred_at)
            if outcome == "saved":
                return "applied"
            if outcome == "duplicate":
                return "duplicate"
        raise StatsConflict(f"stats of {customer_id} kept changing")

    def get(self, customer_id: str) -> ScoredCustomer | None:
        return self.store.get(customer_id)


class RfmService:
    """score_rfm: two passes over the stats index's shards, checkpointed after
    every page: the first counts histograms, the second scores and writes only
    the customers whose scores changed. One run per store day; a rerun of a
    finished day changes nothing."""

    def __init__(
        self,
        store: RfmStore,
        store_timezone: str,
        page_size: int = 500,
        budget_seconds: float = 600.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.timezone = store_timezone
        self.page_size = page_size
        self.budget = budget_seconds
        self.monotonic = monotonic

    def score(self, as_of: datetime) -> dict[str, Any]:
        day = business_date(as_of, self.timezone)
        run = self.store.run(day) or RfmRun(day)
        if run.phase == "done":
            return self._summary(run, already=True)
        started = self.monotonic()
        while run.phase != "done":
            if self.monotonic() - started > self.budget:
                self.store.save_run(run)
                return self._summary(run, already=False) | {"status": "incomplete"}
            self._step(run, day)
            self.store.save_run(run)
        return self._summary(run, already=False)

    def _step(self, run: RfmRun, day: date) -> None:
        customers, after = self.store.page(run.shard, run.after, self.page_size)
        if run.phase == "histogram":
            hists = tuple(Histogram.from_json(run.histograms.get(k, {})) for k in ("r", "f", "m"))
            for customer in customers:
                days, orders, spent = _measures(customer, day)
                if days is not None:
                    observe(hists, days, orders, spent)  # type: ignore[arg-type]
            run.histograms = {k: h.to_json() for k, h in zip(("r", "f", "m"), hists, strict=True)}
        else:
            points = Breakpoints.of(*(Histogram.from_json(run.histograms.get(k, {})) for k in ("r", "f", "m")))
            changed: list[tuple[ScoredCustomer, RfmScore]] = []
            for customer in customers:
                days, orders, spent = _measures(customer, day)
                if days is None:
                    continue
                r, f, m = points.score(days, orders, spent)
                score = RfmScore(r, f, m, segment_of(r, f, m), day)
                run.counts[score.segment] = run.counts.get(score.segment, 0) + 1
                run.scanned += 1
                if not score.same_scores(customer.rfm):
                    changed.append((customer, score))
            if changed:
                self.store.set_scores(changed)  # before the checkpoint moves past them
                run.changed += len(changed)
        run.after = after
        if after is None:
            run.shard += 1
            if run.shard == STATS_SHARDS:
                run.shard = 0
                run.phase = "score" if run.phase == "histogram" else "done"

    def _summary(self, run: RfmRun, already: bool) -> dict[str, Any]:
        return {
            "status": run.phase if run.phase == "done" else "incomplete",
            "day": run.day.isoformat(),
            "already_done": already,
            "scored": run.scanned,
            "changed": 0 if already else run.changed,  # by this invocation's run
            "segments": dict(sorted(run.counts.items())),
        }

    def segments(self) -> dict[str, Any]:
        from ..domain.rfm import SEGMENTS

        run = self.store.latest_run()
        counts = {s: 0 for s in SEGMENTS}
        if run is not None:
            counts.update(run.counts)
        return {"scored_on": run.day.isoformat() if run else None, "segments": counts}


def _measures(customer: ScoredCustomer, day: date) -> tuple[int | None, int, int]:
    stats = customer.stats
    if stats.orders_count <= 0:
        return None, 0, 0
    orders, spent = in_window(stats, day)
    return days_since_last(stats, day), orders, spent
