"""A/B experiments (ADR 0024): staff define, start and stop them; the event intake
counts exposures, the analytics-sales worker counts the orders and revenue the
order lines tag; results rate each variant and check the sample ratio.

The product page and cart pricing need nothing from here: the running
experiment's definition rides on the product item their one read already
fetches (``Product.experiment``), and ``domain.experiments.assign`` is pure."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol

from ..domain.analytics import VisitorEvent
from ..domain.clock import Clock
from ..domain.errors import NotFound
from ..domain.events import Event
from ..domain.experiments import (
    Experiment,
    Running,
    Variant,
    VariantCounts,
    assign,
    new_experiment,
    results,
    transition,
)
from ..domain.ids import new_id
from ..domain.margins import Breach, MarginOverride, guard

log = logging.getLogger("commerce.experiments")


class ExperimentStore(Protocol):
    def add(self, experiment: Experiment) -> None: ...
    def get(self, experiment_id: str) -> Experiment | None: ...
    def list_all(self) -> list[Experiment]: ...
    def save_status(self, experiment: Experiment, previous_version: int) -> Experiment: ...
    def add_counts(self, experiment_id: str, variant: str, counts: Mapping[str, int]) -> None: ...
    def counts(self, experiment_id: str) -> dict[str, VariantCounts]: ...
    def running_for(self, product_ids: Sequence[str]) -> dict[str, Running]: ...


PriceBreaches = Callable[[str, int], list[Breach]]  # (product id, a price for all its SKUs) -> under the minimum


class Experiments:
    def __init__(
        self,
        store: ExperimentStore,
        clock: Clock,
        product_exists: Callable[[str], bool],
        price_breaches: PriceBreaches | None = None,
        min_margin: int = 0,
    ) -> None:
        self.store = store
        self.clock = clock
        self.product_exists = product_exists
        self.price_breaches = price_breaches
        self.min_margin = min_margin

    def create(
        self,
        name: str,
        kind: str,
        product_id: str,
        variants: Sequence[Variant],
        override: MarginOverride | None = None,
    ) -> Experiment:
        """A draft experiment. A price variant is a selling price like any other: one that takes
        a SKU of the product under the store's minimum margin is ``margin_too_low`` unless an
        admin overrides it, recorded on the experiment (ADR 0023)."""
        experiment = new_experiment(new_id("exp"), name, kind, product_id, variants, self.clock.now())
        if not self.product_exists(product_id):
            raise NotFound(f"No product {product_id}.")
        if self.price_breaches is not None:
            found = [b for v in variants if v.price is not None for b in self.price_breaches(product_id, v.price)]
            recorded = guard(found, self.min_margin, override)
            if recorded is not None:
                experiment = replace(experiment, margin_override=recorded.to_dict())
        self.store.add(experiment)
        return experiment

    def get(self, experiment_id: str) -> Experiment:
        experiment = self.store.get(experiment_id)
        if experiment is None:
            raise NotFound(f"No experiment {experiment_id}.")
        return experiment

    def list_all(self) -> list[Experiment]:
        return self.store.list_all()

    def act(self, experiment_id: str, action: str) -> Experiment:
        """start or stop: the status machine, then the experiment and the product's copy together."""
        experiment = self.get(experiment_id)
        moved = transition(experiment, action, self.clock.now())
        return self.store.save_status(moved, experiment.version)

    def results(self, experiment_id: str) -> tuple[Experiment, dict[str, Any]]:
        experiment = self.get(experiment_id)
        return experiment, results(experiment, self.store.counts(experiment_id))

    # --- counting ---------------------------------------------------------------------------------
    def record_exposures(self, events: Sequence[VisitorEvent]) -> int:
        """product_view events of products under a running experiment, counted per variant
        (one BatchGetItem of the products viewed, then one ADD per variant seen)."""
        views = [e for e in events if e.type == "product_view" and e.product_id]
        if not views:
            return 0
        running = self.store.running_for(sorted({e.product_id for e in views if e.product_id}))
        tally: dict[tuple[str, str], int] = {}
        for e in views:
            r = running.get(e.product_id or "")
            if r is not None:
                key = (r.id, assign(r.id, e.visitor_id, r.variants).key)
                tally[key] = tally.get(key, 0) + 1
        for (experiment_id, variant), n in sorted(tally.items()):
            self.store.add_counts(experiment_id, variant, {"exposures": n})
        return sum(tally.values())

    def record_order(self, event: Event) -> int:
        """An order.paid event's lines tagged with an experiment: one order and their payable
        per variant (called once per event id: after the sales read model applied it)."""
        if event.type != "order.paid":
            return 0
        revenue: dict[tuple[str, str], int] = {}
        for line in event.data.get("lines") or []:
            tag = line.get("experiment") if isinstance(line, dict) else None
            if isinstance(tag, dict) and isinstance(tag.get("id"), str) and isinstance(tag.get("variant"), str):
                key = (tag["id"], tag["variant"])
                revenue[key] = revenue.get(key, 0) + int(line.get("payable") or 0)
        for (experiment_id, variant), amount in sorted(revenue.items()):
            self.store.add_counts(experiment_id, variant, {"orders": 1, "revenue": amount})
        return len(revenue)
