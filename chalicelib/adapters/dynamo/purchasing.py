"""DynamoDB: suppliers, purchase orders and their receipts. A receipt is one
transaction: the receipt (its id new), the order (its version as read), each
line's stock and ledger row, and the stock events."""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from ...domain.error_codes import CommonErrorCode, InventoryErrorCode
from ...domain.errors import Conflict, NotFound
from ...domain.purchasing import PoLine, PurchaseOrder, Receipt, Supplier
from ...services.planning_ports import Guard
from ...services.ports import LedgerEntry, OutboxEvent, Page, Position
from . import keys, transact
from . import planning_models as pk
from .inventory import ledger_item, level_guarded, plain_map, product_id_of
from .models import LedgerItem, SkuItem
from .outbox import outbox_record
from .paging import GSI2_KEYS, query_page
from .planning_models import AlertPurchaseOrderItem, PurchaseOrderItem, ReceiptItem, SupplierItem


def _supplier(item: SupplierItem) -> Supplier:
    return Supplier(item.id, item.name, int(item.lead_time_days), item.created_at, plain_map(item.contact))


def _body(po: PurchaseOrder) -> dict[str, Any]:
    return {
        "lines": [[line.sku, line.quantity, line.unit_cost, line.received] for line in po.lines],
        "currency": po.currency,
        "created_by": po.created_by,
        "history": list(po.history),
        "receipts": list(po.receipts),
        "alert_id": po.alert_id,
    }


def _po_record(po: PurchaseOrder) -> PurchaseOrderItem:
    return PurchaseOrderItem(
        *pk.purchase_order(po.id),
        id=po.id,
        supplier_id=po.supplier_id,
        status=po.status,
        po_version=po.version,
        body=_body(po),
        created_at=po.created_at,
        updated_at=po.updated_at,
        GSI2PK=pk.purchase_orders_by_status(po.status),
        GSI2SK=po.id,
    )


def _po(item: PurchaseOrderItem) -> PurchaseOrder:
    body = dict(item.body or {})
    return PurchaseOrder(
        id=item.id,
        supplier_id=item.supplier_id,
        status=item.status,
        lines=tuple(PoLine(str(s), int(q), int(c), int(r)) for s, q, c, r in body.get("lines", [])),
        currency=str(body.get("currency", "")),
        created_at=item.created_at,
        updated_at=item.updated_at,
        created_by=str(body.get("created_by", "")),
        history=tuple(body.get("history", [])),
        receipts=tuple(body.get("receipts", [])),
        alert_id=body.get("alert_id"),
        version=int(item.po_version),
    )


def _receipt(item: ReceiptItem) -> Receipt:
    lines = tuple((str(sku), int(quantity)) for sku, quantity in item.lines or [])
    return Receipt(item.id, item.po_id, lines, item.at, item.actor)


def _moved() -> Conflict:
    return Conflict("The purchase order changed meanwhile; read it again.", code=CommonErrorCode.CONCURRENT_UPDATE)


class DynamoPurchasing:
    def add_supplier(self, supplier: Supplier) -> None:
        SupplierItem(
            *pk.supplier(supplier.id),
            id=supplier.id,
            name=supplier.name,
            lead_time_days=supplier.lead_time_days,
            contact=dict(supplier.contact),
            created_at=supplier.created_at,
            GSI2PK=pk.SUPPLIERS_PK,
            GSI2SK=supplier.id,
        ).save(condition=SupplierItem.PK.does_not_exist())

    def get_supplier(self, supplier_id: str) -> Supplier | None:
        try:
            return _supplier(SupplierItem.get(*pk.supplier(supplier_id), consistent_read=True))
        except DoesNotExist:
            return None

    def suppliers(self, limit: int, after: Position | None) -> Page:
        page = query_page(pk.SUPPLIERS_PK, "GSI2", GSI2_KEYS, limit, after)
        return Page([_supplier(i) for i in page.items], page.next_position)

    def add_po(self, po: PurchaseOrder) -> None:
        def build(tw: TransactWrite) -> None:
            tw.save(_po_record(po), condition=PurchaseOrderItem.PK.does_not_exist())
            if po.alert_id is not None:
                tw.save(
                    AlertPurchaseOrderItem(*pk.alert_purchase_order(po.alert_id), po_id=po.id),
                    condition=AlertPurchaseOrderItem.PK.does_not_exist(),
                )

        transact.run_checked(
            build, Conflict(f"Alert {po.alert_id} has a draft already.", code=InventoryErrorCode.ALERT_OPEN)
        )

    def get_po(self, po_id: str) -> PurchaseOrder | None:
        try:
            return _po(PurchaseOrderItem.get(*pk.purchase_order(po_id), consistent_read=True))
        except DoesNotExist:
            return None

    def po_for_alert(self, alert_id: str) -> str | None:
        try:
            return str(AlertPurchaseOrderItem.get(*pk.alert_purchase_order(alert_id), consistent_read=True).po_id)
        except DoesNotExist:
            return None

    def save_po(self, po: PurchaseOrder, read_version: int) -> None:
        def build(tw: TransactWrite) -> None:
            tw.save(_po_record(po), condition=PurchaseOrderItem.po_version == read_version)

        transact.run_checked(build, _moved())

    def pos_by_status(self, status: str, limit: int, after: Position | None) -> Page:
        page = query_page(pk.purchase_orders_by_status(status), "GSI2", GSI2_KEYS, limit, after, forward=False)
        return Page([_po(i) for i in page.items], page.next_position)

    def get_receipt(self, receipt_id: str) -> Receipt | None:
        try:
            return _receipt(ReceiptItem.get(*pk.receipt(receipt_id), consistent_read=True))
        except DoesNotExist:
            return None

    def receive(
        self,
        po: PurchaseOrder,
        read_version: int,
        receipt: Receipt,
        entries: list[LedgerEntry],
        guards: dict[str, Guard],
        events: list[OutboxEvent],
    ) -> bool:
        products = {}
        for entry in entries:
            product_id = product_id_of(entry.sku)
            if product_id is None:
                raise NotFound(f"No SKU {entry.sku}.")
            products[entry.sku] = product_id

        def build(tw: TransactWrite) -> None:
            tw.save(
                ReceiptItem(
                    *pk.receipt(receipt.id),
                    id=receipt.id,
                    po_id=receipt.po_id,
                    lines=[list(line) for line in receipt.lines],
                    actor=receipt.actor,
                    at=receipt.at,
                ),
                condition=ReceiptItem.PK.does_not_exist(),
            )
            tw.save(_po_record(po), condition=PurchaseOrderItem.po_version == read_version)
            for entry in entries:
                delta = entry.on_hand_delta
                tw.update(
                    SkuItem(*keys.sku(products[entry.sku], entry.sku)),
                    actions=[
                        SkuItem.on_hand.add(delta),
                        SkuItem.available.add(delta),
                        SkuItem.updated_at.set(entry.at),
                    ],
                    condition=level_guarded(SkuItem.PK.exists(), guards.get(entry.sku)),
                )
                tw.save(ledger_item(entry), condition=LedgerItem.PK.does_not_exist())
            for event in events:
                tw.save(outbox_record(event))

        def refused(_error: Exception) -> BaseException | None:
            return None if self.get_receipt(receipt.id) is not None else _moved()

        try:
            transact.run_checked(build, refused)
        except TransactWriteError:  # the receipt id was taken (refused gave no error): nothing written
            if self.get_receipt(receipt.id) is None:
                raise
            return False
        return True
