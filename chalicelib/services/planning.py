"""Inventory planning: safety policies per SKU and the daily recompute of safety
stock and reorder point from sales, demand forecasts, and replenishment
suggestions ordered by ABC class (ADR 0022)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from ..domain import forecast as forecasting
from ..domain.clock import Clock, business_date
from ..domain.errors import FieldError, NotFound, ValidationFailed
from ..domain.replenishment import SAFETY_MODES, SafetyPolicy, abc_order, reorder_point, safety_stock
from ..domain.stock_alerts import StockAlert
from .planning_ports import PlanningRepository, SkuPlan
from .ports import InventoryRepository, Page, Position

log = logging.getLogger("commerce.planning")
FORECAST_WEEKS = 12  # weeks of history a forecast reads (the last one: the week just ended)
SUGGESTIONS_MAX = 200  # open alerts a suggestion list orders


@dataclass(frozen=True)
class PlanningPolicy:
    window_days: int = 28  # the average daily sales of the safety stock: over these whole days
    lead_time_days: int = 7  # a SKU without a supplier's lead time
    store_timezone: str = "Asia/Shanghai"


class PlanningService:
    def __init__(
        self,
        plans: PlanningRepository,
        inventory: InventoryRepository,
        clock: Clock,
        policy: PlanningPolicy,
        lead_time_of: Callable[[str], int | None],  # a supplier's lead time (None: no such supplier)
        open_alerts: Callable[[int, Position | None], Page] | None = None,
    ) -> None:
        self.plans, self.inventory, self.clock, self.policy = plans, inventory, clock, policy
        self.lead_time_of = lead_time_of
        self.open_alerts = open_alerts

    # --- safety policies ----------------------------------------------------------------------
    def plan(self, code: str) -> SkuPlan:
        if self.inventory.get(code) is None:
            raise NotFound(f"No SKU {code}.")
        return self.plans.plan_of(code) or SkuPlan(code, SafetyPolicy())

    def set_policy(self, code: str, mode: str, days: int, floor: int, supplier_id: str | None) -> SkuPlan:
        if mode not in SAFETY_MODES:
            raise ValidationFailed("Unknown mode.", [FieldError("mode", "invalid_choice", " or ".join(SAFETY_MODES))])
        if supplier_id is not None and self.lead_time_of(supplier_id) is None:
            raise ValidationFailed("Unknown supplier.", [FieldError("supplier_id", "unknown_supplier", supplier_id)])
        self.plan(code)
        return self.plans.save_policy(code, SafetyPolicy(mode, days, floor, supplier_id), self.clock.now())

    def supplier_of(self, code: str) -> str | None:
        found = self.plans.plan_of(code)
        return found.policy.supplier_id if found is not None else None

    def recompute_safety_stock(self, as_of: datetime) -> dict[str, Any]:
        """The daily job: for every SKU with a plan or with sales in the window, the
        average daily sales over the window's whole business days before ``as_of``'s,
        the safety stock its policy gives (fixed: the SKU's own; days_of_sales: that
        many days of sales, never below the floor) and the reorder point (the lead
        time's demand plus the safety stock), onto the SKU. Deterministic for a
        business date: a rerun writes the same."""
        run = business_date(as_of, self.policy.store_timezone)
        window = self.policy.window_days
        days = [run - timedelta(days=window - i) for i in range(window)]
        units = self.plans.units_by_sku(days)
        codes = sorted(set(units) | set(self.plans.planned_codes()))
        counts = {"skus": 0, "days_of_sales": 0, "fixed": 0, "changed": 0, "skipped": 0}
        for code in codes:
            found = self.inventory.get(code)
            if found is None:
                counts["skipped"] += 1
                continue
            sku, _stock = found
            current = self.plans.plan_of(code) or SkuPlan(code, SafetyPolicy())
            average = round(units.get(code, 0) / window, 4)
            lead = self._lead_time(current.policy)
            safety = safety_stock(current.policy, average, sku.safety_stock)
            plan = replace(
                current,
                average_daily_sales=average,
                lead_time_days=lead,
                safety_stock=safety,
                reorder_point=reorder_point(average, lead, safety),
                computed_on=run.isoformat(),
            )
            counts["skus"] += 1
            counts[current.policy.mode] += 1
            if (plan.safety_stock, plan.reorder_point) != (sku.safety_stock, sku.reorder_point):
                counts["changed"] += 1
            if not self.plans.save_plan(plan, self.clock.now()):
                counts["skipped"] += 1
        log.info("safety stock recomputed", extra={"event": "safety_stock_recomputed", **counts})
        return {
            "business_date": run.isoformat(),
            "window": {"from": days[0].isoformat(), "to": days[-1].isoformat()},
            **counts,
        }

    def _lead_time(self, policy: SafetyPolicy) -> int:
        if policy.supplier_id is not None:
            lead = self.lead_time_of(policy.supplier_id)
            if lead is not None:
                return lead
        return self.policy.lead_time_days

    # --- forecasts ----------------------------------------------------------------------------
    def forecast(self, code: str) -> dict[str, Any]:
        """Weekly units over the last FORECAST_WEEKS whole weeks (7 business days each,
        ending yesterday), both methods and the chosen one."""
        if self.inventory.get(code) is None:
            raise NotFound(f"No SKU {code}.")
        today = business_date(self.clock.now(), self.policy.store_timezone)
        first = today - timedelta(days=7 * FORECAST_WEEKS)
        days = [first + timedelta(days=i) for i in range(7 * FORECAST_WEEKS)]
        by_day = self.plans.units_of(code, days)
        weekly = [sum(by_day.get(d, 0) for d in days[w * 7 : w * 7 + 7]) for w in range(FORECAST_WEEKS)]
        result = forecasting.forecast(weekly)
        return {
            "sku": code,
            "weeks": [{"from": days[w * 7].isoformat(), "units": weekly[w]} for w in range(FORECAST_WEEKS)],
            "method": result.chosen.method,
            "next_week": result.chosen.next_week,
            "daily": round(result.daily, 2),
            "error": {"mae": result.chosen.mae, "mape": result.chosen.mape, "weeks": forecasting.HOLDOUT},
            "methods": [
                {"method": m.method, "next_week": m.next_week, "mae": m.mae, "mape": m.mape} for m in result.methods
            ],
        }

    # --- ordering by ABC ----------------------------------------------------------------------
    def ordered_by_abc(self, codes: list[str]) -> list[tuple[str, str | None, float | None]]:
        """The SKUs with their class and turnover (of the latest classify_abc run), most
        important first: A, B, C, unclassified; within a class the faster turnover."""
        facts = self.plans.abc_facts(codes)
        ordered = sorted(codes, key=lambda c: abc_order(facts[c][0], facts[c][1], c))
        return [(c, *facts[c]) for c in ordered]

    def suggestions(self) -> list[dict[str, Any]]:
        """Open stock alerts' suggestions (up to SUGGESTIONS_MAX), A SKUs first."""
        if self.open_alerts is None:
            return []
        alerts: list[StockAlert] = []
        after: Position | None = None
        while len(alerts) < SUGGESTIONS_MAX:
            page = self.open_alerts(100, after)
            alerts += page.items
            after = page.next_position
            if after is None:
                break
        by_sku = {a.sku: a for a in alerts[:SUGGESTIONS_MAX]}
        return [
            {
                "alert_id": by_sku[code].id,
                "sku": code,
                "abc_class": abc,
                "turnover": turns,
                "available": by_sku[code].available,
                "suggestion": by_sku[code].suggestion,
            }
            for code, abc, turns in self.ordered_by_abc(sorted(by_sku))
        ]
