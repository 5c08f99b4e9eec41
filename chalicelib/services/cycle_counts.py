"""Cycle counts: count sheets per ABC class on their cadence (the
schedule_cycle_counts job: A daily, B weekly, C monthly) or for chosen SKUs;
submitting the counted quantities adjusts the stock (ledger reason
``stock_count``) and records the variance, reported against the 1 % target."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from ..domain import cycle_counts as domain
from ..domain.clock import Clock, business_date
from ..domain.cycle_counts import CountLine, CountSheet, variance_of
from ..domain.errors import DomainError, ErrorList, FieldError, InvalidTransition, NotFound, ValidationFailed
from ..domain.ids import new_id
from .planning_ports import CountRepository, PlanningRepository
from .ports import InventoryRepository

log = logging.getLogger("commerce.cycle_counts")
REPORT_SHEETS = 100  # the report covers the last sheets submitted, up to this many read

Adjust = Callable[[str, int, str, str | None, str], Any]  # InventoryService.adjust


class CycleCountService:
    def __init__(
        self,
        counts: CountRepository,
        plans: PlanningRepository,
        inventory: InventoryRepository,
        adjust: Adjust,
        order: Callable[[list[str]], list[tuple[str, str | None, float | None]]],  # PlanningService.ordered_by_abc
        clock: Clock,
        store_timezone: str = "Asia/Shanghai",
    ) -> None:
        self.counts, self.plans, self.inventory, self.adjust = counts, plans, inventory, adjust
        self.order, self.clock, self.store_timezone = order, clock, store_timezone

    def create(self, skus: list[str] | None, abc_class: str | None, actor: str) -> CountSheet:
        if (skus is None) == (abc_class is None):
            raise ValidationFailed(
                "Send skus or abc_class, one of them.", [FieldError("skus", "required", "skus or abc_class")]
            )
        if skus is not None:
            errors = ErrorList()
            for i, code in enumerate(skus):
                if self.inventory.get(code) is None:
                    errors.add(f"skus.{i}", "unknown_sku", f"No SKU {code}.")
            errors.raise_if_any()
            codes = [code for code, _, _ in self.order(sorted(set(skus)))]
        else:
            codes = self._class_skus(str(abc_class))
        sheet = self._sheet(codes, abc_class, actor, None)
        self.counts.add(sheet)
        return sheet

    def _class_skus(self, abc_class: str) -> list[str]:
        every = self.plans.all_sku_codes(domain.MAX_LINES * 20)
        ordered = self.order(every)
        return [code for code, found, _ in ordered if (found or "C") == abc_class][: domain.MAX_LINES]

    def _sheet(self, codes: list[str], abc_class: str | None, actor: str, day: str | None) -> CountSheet:
        lines = tuple(CountLine(code) for code in codes)
        return CountSheet(new_id("cnt"), "open", lines, self.clock.now(), actor, abc_class, day)

    def schedule(self, as_of: datetime) -> dict[str, Any]:
        """The daily job: a sheet for each class due on the business day, once per (day, class)."""
        day = business_date(as_of, self.store_timezone)
        made: dict[str, Any] = {}
        for abc_class in domain.due_classes(day):
            codes = self._class_skus(abc_class)
            if not codes:
                made[abc_class] = None
                continue
            sheet = self.counts.schedule(day, abc_class, self._sheet(codes, abc_class, "system", day.isoformat()))
            made[abc_class] = None if sheet is None else {"id": sheet.id, "lines": len(sheet.lines)}
        return {"business_date": day.isoformat(), "sheets": made}

    def get(self, sheet_id: str) -> CountSheet:
        sheet = self.counts.get(sheet_id)
        if sheet is None:
            raise NotFound(f"No count sheet {sheet_id}.")
        return sheet

    def submit(self, sheet_id: str, counted: dict[str, int], actor: str) -> CountSheet:
        """Each counted SKU's adjustment (counted - on hand now) through the ledger, and
        the sheet's variance. Once per sheet: a second submission is refused."""
        sheet = self.get(sheet_id)
        unknown = sorted(set(counted) - set(sheet.skus))
        if unknown:
            raise ValidationFailed("SKUs not on the sheet.", [FieldError("lines", "not_on_sheet", ", ".join(unknown))])
        if sheet.status != "open" or not self.counts.claim(sheet_id, self.clock.now()):
            raise InvalidTransition(f"Count sheet {sheet_id} was submitted already.", current_status=sheet.status)
        lines = [self._count(line, counted.get(line.sku), sheet_id, actor) for line in sheet.lines]
        done = replace(sheet, status="submitted", lines=tuple(lines), submitted_at=self.clock.now(), submitted_by=actor)
        self.counts.finish(done)
        v = variance_of(lines)
        log.info(
            "count sheet %s submitted: %.2f %%",
            sheet_id,
            v.pct,
            extra={"event": "cycle_count_submitted", "sheet_id": sheet_id, "variance_pct": v.pct},
        )
        return done

    def _count(self, line: CountLine, counted: int | None, sheet_id: str, actor: str) -> CountLine:
        if counted is None:
            return line
        found = self.inventory.get(line.sku)
        if found is None:
            return replace(line, counted=counted, error="sku_gone")
        expected = found[1].on_hand
        delta = counted - expected
        if delta == 0:
            return replace(line, expected=expected, counted=counted)
        try:
            self.adjust(line.sku, delta, "stock_count", f"cycle count {sheet_id}", actor)
        except DomainError as error:  # e.g. fewer counted than orders have reserved: staff look
            return replace(line, expected=expected, counted=counted, error=str(error.code))
        return replace(line, expected=expected, counted=counted, adjusted=delta)

    def report(self) -> dict[str, Any]:
        """Variance of the sheets submitted among the last REPORT_SHEETS, overall and by class."""
        page = self.counts.recent(REPORT_SHEETS, None)
        done = [s for s in page.items if s.status == "submitted"]
        by_class: dict[str, list[CountLine]] = {}
        for sheet in done:
            by_class.setdefault(sheet.abc_class or "chosen", []).extend(sheet.lines)
        every = [line for sheet in done for line in sheet.lines]
        return {
            "target_pct": domain.TARGET_PCT,
            "sheets": len(done),
            "overall": variance_out(variance_of(every)),
            "by_class": {k: variance_out(variance_of(v)) for k, v in sorted(by_class.items())},
        }


def variance_out(v: domain.Variance) -> dict[str, Any]:
    return {
        "expected_units": v.expected,
        "absolute_units": v.absolute,
        "net_units": v.net,
        "pct": v.pct,
        "within_target": v.within_target,
    }
