"""Stock alerts: raised when available stock falls to or below safety stock,
one open alert per SKU, with a replenishment suggestion; resolved by staff or
automatically by a restock above the threshold."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Protocol

from ..domain.clock import Clock, to_rfc3339
from ..domain.error_codes import CommonErrorCode, InventoryErrorCode
from ..domain.errors import Conflict, FieldError, InvalidTransition, NotFound, ValidationFailed
from ..domain.ids import new_id
from ..domain.replenishment import TRAILING_DAYS, suggest
from ..domain.stock_alerts import StockAlert
from .ports import Metrics, NoMetrics, Page, Position

log = logging.getLogger("commerce.stock_alerts")
STATUSES = ("open", "acknowledged", "resolved")


class StockAlertRepository(Protocol):
    def open(self, alert: StockAlert) -> None: ...  # Conflict(code=InventoryErrorCode.ALERT_OPEN) if the SKU has one
    def get(self, alert_id: str) -> StockAlert | None: ...
    def open_for(self, sku: str) -> StockAlert | None: ...
    def save(
        self, alert: StockAlert, previous_status: str
    ) -> None: ...  # resolving also frees the SKU for a new alert; Conflict if the alert moved meanwhile
    def by_status(self, status: str, limit: int, after: Position | None) -> Page: ...
    def units_sold(self, sku: str, since: datetime) -> int: ...


class StockReader(Protocol):
    def level(self, sku: str) -> tuple[str, int, int] | None: ...  # (product_id, available, safety_stock)


class Notifier(Protocol):
    def notify(self, alert: StockAlert) -> None: ...


class StockAlertService:
    def __init__(
        self,
        alerts: StockAlertRepository,
        stock: StockReader,
        notifier: Notifier,
        clock: Clock,
        lead_time_days: int,
        metrics: Metrics | None = None,
    ) -> None:
        self.metrics = metrics or NoMetrics()
        self.alerts = alerts
        self.stock = stock
        self.notifier = notifier
        self.clock = clock
        self.lead_time_days = lead_time_days

    def raise_for(self, sku: str) -> str:
        """The stock-alerts worker: idempotent by SKU (one open alert at a time)."""
        level = self.stock.level(sku)
        if level is None:
            raise NotFound(f"No SKU {sku}.")
        product_id, available, safety = level
        if available > safety:
            return "recovered"
        if self.alerts.open_for(sku) is not None:
            return "already_open"
        now = self.clock.now()
        sold = self.alerts.units_sold(sku, now - timedelta(days=TRAILING_DAYS))
        s = suggest(sold, available, self.lead_time_days)
        alert = StockAlert(
            id=new_id("alert"),
            sku=sku,
            product_id=product_id,
            status="open",
            available=available,
            safety_stock=safety,
            suggestion={
                "units_sold_14d": sold,
                "average_daily_sales": s.average_daily_sales,
                "suggested_safety_stock": s.suggested_safety_stock,
                "reorder_quantity": s.reorder_quantity,
                "lead_time_days": self.lead_time_days,
            },
            created_at=now,
            updated_at=now,
            history=({"at": to_rfc3339(now), "status": "open", "actor": "system"},),
        )
        try:
            self.alerts.open(alert)
        except Conflict as error:
            if error.code == InventoryErrorCode.ALERT_OPEN:
                return "already_open"
            raise
        try:
            self.notifier.notify(alert)
        except Exception:  # noqa: BLE001 - the alert is recorded; notification is best effort
            log.warning(
                "notifying alert %s failed",
                alert.id,
                exc_info=True,
                extra={"event": "stock_alert_notify_failed", "sku": sku, "alert_id": alert.id},
            )
        log.info(
            "stock alert raised for %s",
            sku,
            extra={"event": "stock_alert_raised", "sku": sku, "alert_id": alert.id, "available": available},
        )
        self.metrics.count("StockAlertsRaised")
        return "raised"

    def replenished(self, sku: str) -> str:
        alert = self.alerts.open_for(sku)
        level = self.stock.level(sku)
        if alert is None or level is None or level[1] <= level[2]:
            return "no_change"
        try:
            self._move(alert, "resolved", "system", "restocked above safety stock")
        except Conflict as error:
            if error.code != CommonErrorCode.CONCURRENT_UPDATE:
                raise
            return "no_change"  # staff moved it meanwhile (e.g. resolved it themselves)
        return "resolved"

    def get(self, alert_id: str) -> StockAlert:
        alert = self.alerts.get(alert_id)
        if alert is None:
            raise NotFound(f"No stock alert {alert_id}.")
        return alert

    def list(self, status: str, limit: int, after: Position | None) -> Page:
        if status not in STATUSES:
            raise ValidationFailed("Unknown status.", [FieldError("status", "invalid_choice", ", ".join(STATUSES))])
        return self.alerts.by_status(status, limit, after)

    def acknowledge(self, alert_id: str, actor: str) -> StockAlert:
        alert = self.get(alert_id)
        if alert.status != "open":
            raise InvalidTransition(f"The alert is {alert.status}.")
        return self._move(alert, "acknowledged", actor, None)

    def resolve(self, alert_id: str, actor: str, reason: str | None) -> StockAlert:
        alert = self.get(alert_id)
        if alert.status == "resolved":
            raise InvalidTransition("The alert is resolved already.")
        return self._move(alert, "resolved", actor, reason)

    def _move(self, alert: StockAlert, status: str, actor: str, reason: str | None) -> StockAlert:
        now = self.clock.now()
        entry = {"at": to_rfc3339(now), "status": status, "actor": actor, "reason": reason}
        moved = replace(alert, status=status, updated_at=now, history=alert.history + (entry,))
        self.alerts.save(moved, alert.status)
        return moved
