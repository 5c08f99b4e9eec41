"""DynamoDB: stock alerts (one open per SKU) and trailing sales from the ledger."""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import DoesNotExist
from pynamodb.transactions import TransactWrite

from ...domain.error_codes import CommonErrorCode, InventoryErrorCode
from ...domain.errors import Conflict
from ...domain.ids import time_prefix
from ...domain.stock_alerts import StockAlert
from ...services.ports import Page, Position
from . import keys, transact
from .inventory import DynamoInventory
from .models import LedgerItem, OpenAlertPointer, StockAlertRecord
from .paging import GSI2_KEYS, query_page


def _record(alert: StockAlert) -> StockAlertRecord:
    return StockAlertRecord(
        *keys.stock_alert(alert.id),
        id=alert.id,
        sku=alert.sku,
        product_id=alert.product_id,
        status=alert.status,
        available=alert.available,
        safety_stock=alert.safety_stock,
        suggestion=alert.suggestion,
        history=list(alert.history),
        created_at=alert.created_at,
        updated_at=alert.updated_at,
        GSI2PK=keys.stock_alerts_by_status(alert.status),
        GSI2SK=alert.id,
    )


def _alert(r: StockAlertRecord) -> StockAlert:
    return StockAlert(
        id=r.id,
        sku=r.sku,
        product_id=r.product_id,
        status=r.status,
        available=int(r.available),
        safety_stock=int(r.safety_stock),
        suggestion=dict(r.suggestion or {}),
        created_at=r.created_at,
        updated_at=r.updated_at,
        history=tuple(r.history or ()),
    )


class DynamoStockAlerts:
    def open(self, alert: StockAlert) -> None:
        def build(tw: TransactWrite) -> None:
            tw.save(
                OpenAlertPointer(*keys.open_stock_alert(alert.sku), alert_id=alert.id),
                condition=OpenAlertPointer.PK.does_not_exist(),
            )
            tw.save(_record(alert), condition=StockAlertRecord.PK.does_not_exist())

        transact.run_checked(build, Conflict(f"{alert.sku} has an open alert.", code=InventoryErrorCode.ALERT_OPEN))

    def get(self, alert_id: str) -> StockAlert | None:
        try:
            return _alert(StockAlertRecord.get(*keys.stock_alert(alert_id), consistent_read=True))
        except DoesNotExist:
            return None

    def open_for(self, sku: str) -> StockAlert | None:
        try:
            pointer = OpenAlertPointer.get(*keys.open_stock_alert(sku), consistent_read=True)
        except DoesNotExist:
            return None
        return self.get(pointer.alert_id)

    def save(self, alert: StockAlert, previous_status: str) -> None:
        """Moves the alert on only from the status it was read in (two staff, or a
        restock and a staff member, cannot both move it); resolving frees the SKU's
        open-alert pointer if it is still this alert's."""

        def build(tw: TransactWrite) -> None:
            tw.save(
                _record(alert),
                condition=StockAlertRecord.PK.exists() & (StockAlertRecord.status == previous_status),
            )
            if alert.status == "resolved":
                tw.delete(
                    OpenAlertPointer(*keys.open_stock_alert(alert.sku)),
                    condition=OpenAlertPointer.PK.does_not_exist() | (OpenAlertPointer.alert_id == alert.id),
                )

        transact.run_checked(
            build, Conflict("The alert changed meanwhile; read it again.", code=CommonErrorCode.CONCURRENT_UPDATE)
        )

    def by_status(self, status: str, limit: int, after: Position | None) -> Page:
        page = query_page(keys.stock_alerts_by_status(status), "GSI2", GSI2_KEYS, limit, after, forward=False)
        return Page([_alert(i) for i in page.items], page.next_position)

    def units_sold(self, sku: str, since: datetime) -> int:
        """Units reserved by checkouts since ``since``: the ledger's 'reserved' rows
        (ledger ids are ULIDs, so the sort key range is a time range)."""
        lower = f"{keys.LEDGER_PREFIX}led_{time_prefix(int(since.timestamp() * 1000))}"
        rows = LedgerItem.query(keys.ledger_partition(sku), lower <= LedgerItem.SK)
        return sum(int(r.reserved_delta or 0) for r in rows if r.reason == "reserved")


class DynamoStockReader:
    def level(self, sku: str) -> tuple[str, int, int] | None:
        found = DynamoInventory().get(sku)
        if found is None:
            return None
        sku_row, stock = found
        return sku_row.product_id, stock.available, sku_row.alert_level
