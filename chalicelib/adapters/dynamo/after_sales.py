"""DynamoDB: after-sale requests. One item per request (AfterSaleRecord), listed
by order (GSI1), by status (GSI2, filtered by type) and filed on the DUE# index
at its next deadline (GSI5). A write is one transaction: the request guarded by
its version, the order (when the request opens or ends) guarded by its own,
the stock it moves with ledger rows, and the outbox events."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from pynamodb.attributes import JSONAttribute, UnicodeAttribute, UTCDateTimeAttribute, VersionAttribute
from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from ...domain.after_sales import AfterSale, AfterSaleLine, AfterSaleWrite, Due, Entry, StockUnits, filed_at
from ...domain.clock import parse_rfc3339, parse_rfc3339_or_none, rfc3339_or_none, to_rfc3339
from ...domain.error_codes import CommonErrorCode, FulfillmentErrorCode, InventoryErrorCode
from ...domain.errors import Conflict
from ...services.ports import Page, Position, Reservation
from . import keys, order_index, order_writes, transact
from .models import Item, SkuItem
from .order_records import order_record
from .outbox import outbox_record
from .paging import GSI1_KEYS, GSI2_KEYS, query_page

_DUE_FIELDS = ("respond_by", "ship_back_by", "inspect_by", "refund_by")


class AfterSaleRecord(Item, discriminator="AfterSale"):
    id = UnicodeAttribute()
    order_id = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    kind = UnicodeAttribute(attr_name="after_sale_type")  # refund_only | return_refund | exchange
    status = UnicodeAttribute()
    body = JSONAttribute()  # lines, reason, due, timeline, shipments, inspection, refund
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    version = VersionAttribute()


def _body(r: AfterSale) -> dict[str, Any]:
    return {
        "reason": r.reason,
        "currency": r.currency,
        "lines": [
            {"sku": x.sku, "quantity": x.quantity, "refund_amount": x.refund_amount, "exchange_sku": x.exchange_sku}
            for x in r.lines
        ],
        "shipping_refund": r.shipping_refund,
        "description": r.description,
        "images": list(r.images),
        "return_address": r.return_address,
        "due": {name: rfc3339_or_none(getattr(r.due, name)) for name in _DUE_FIELDS},
        "timeline": [
            {
                "at": to_rfc3339(e.at),
                "actor": e.actor,
                "from": e.from_status,
                "to": e.to_status,
                "note": e.note,
                "data": e.data,
            }
            for e in r.timeline
        ],
        "return_shipment": r.return_shipment,
        "exchange_shipment": r.exchange_shipment,
        "inspection": r.inspection,
        "refund_id": r.refund_id,
        "refund_status": r.refund_status,
        "escalated": list(r.escalated),
    }


def after_sale_of(item: AfterSaleRecord) -> AfterSale:
    b = item.body
    return AfterSale(
        id=item.id,
        order_id=item.order_id,
        customer_id=item.customer_id,
        type=item.kind,
        reason=b["reason"],
        status=item.status,
        currency=b["currency"],
        lines=tuple(
            AfterSaleLine(x["sku"], int(x["quantity"]), int(x["refund_amount"]), x.get("exchange_sku"))
            for x in b["lines"]
        ),
        created_at=item.created_at,
        updated_at=item.updated_at,
        shipping_refund=int(b.get("shipping_refund", 0)),
        description=b.get("description"),
        images=tuple(b.get("images", [])),
        return_address=b.get("return_address"),
        due=Due(**{name: parse_rfc3339_or_none((b.get("due") or {}).get(name)) for name in _DUE_FIELDS}),
        timeline=tuple(
            Entry(parse_rfc3339(e["at"]), e["actor"], e.get("from"), e.get("to"), e.get("note"), e.get("data") or {})
            for e in b.get("timeline", [])
        ),
        return_shipment=b.get("return_shipment"),
        exchange_shipment=b.get("exchange_shipment"),
        inspection=b.get("inspection"),
        refund_id=b.get("refund_id"),
        refund_status=b.get("refund_status"),
        escalated=tuple(b.get("escalated", [])),
        version=int(item.version or 1),
    )


def after_sale_record(r: AfterSale) -> AfterSaleRecord:
    due = filed_at(r)
    return AfterSaleRecord(
        *keys.after_sale(r.id),
        id=r.id,
        order_id=r.order_id,
        customer_id=r.customer_id,
        kind=r.type,
        status=r.status,
        body=_body(r),
        created_at=r.created_at,
        updated_at=r.updated_at,
        GSI1PK=keys.order_after_sales(r.order_id),
        GSI1SK=r.id,
        GSI2PK=keys.after_sales_by_status(r.status),
        GSI2SK=r.id,
        GSI5PK=keys.DUE_AFTER_SALE_PK if due is not None else None,
        GSI5SK=keys.due_sort_key(due, r.id) if due is not None else None,
    )


def _reservation(units: StockUnits) -> Reservation:
    return Reservation(units.product_id, units.sku, units.quantity)


class DynamoAfterSales:
    def add(self, request: AfterSale, write: AfterSaleWrite) -> None:
        self._write(request, write, new=True)

    def save(self, request: AfterSale, write: AfterSaleWrite) -> AfterSale:
        self._write(request, write, new=False)
        return replace(request, version=request.version + 1)

    def _write(self, request: AfterSale, write: AfterSaleWrite, *, new: bool) -> None:
        labels: list[str] = []
        at = request.updated_at

        def build(tw: TransactWrite) -> None:
            t = transact.Labelled(tw)
            record = after_sale_record(request)
            if new:
                t.save("request", record, condition=AfterSaleRecord.PK.does_not_exist())
            else:
                record.version = request.version
                t.save("request", record)
            if write.order is not None:
                order = order_record(write.order)
                order.version = write.order.version
                t.save("order", order)
                order_index.file_changes(t, write.order, None)  # its status and due queue as they now are
            # Units back to the stock shard the order's line reserved them on (ADR 0025).
            shards = {line.sku: line.stock_shard for line in write.order.lines} if write.order is not None else {}
            for u in write.release:
                order_writes.release_units(t, request.id, replace(_reservation(u), shard=shards.get(u.sku)), at)
            for r in map(_reservation, write.reserve):
                t.update(
                    f"reserve:{r.sku}",
                    SkuItem(*keys.sku(r.product_id, r.sku)),
                    actions=[
                        SkuItem.reserved.add(r.quantity),
                        SkuItem.available.add(-r.quantity),
                        SkuItem.updated_at.set(at),
                    ],
                    condition=SkuItem.PK.exists() & (SkuItem.available >= r.quantity),
                )
                t.save("ledger", order_writes.ledger_row(request.id, r, r.quantity, "reserved", at))
            for r in map(_reservation, write.restock):
                t.update(
                    f"restock:{r.sku}",
                    SkuItem(*keys.sku(r.product_id, r.sku)),
                    actions=[
                        SkuItem.on_hand.add(r.quantity),
                        SkuItem.available.add(r.quantity),
                        SkuItem.updated_at.set(at),
                    ],
                    condition=SkuItem.PK.exists(),
                )
                t.save(
                    "ledger", order_writes.ledger_row(request.id, r, 0, "customer_return", at, on_hand_delta=r.quantity)
                )
            for r in map(_reservation, write.ship):
                order_writes.ship(t, request.id, r, at)
            for event in write.events:
                t.save("outbox", outbox_record(event))
            labels[:] = t.labels

        def refused(error: TransactWriteError) -> BaseException | None:
            failed = transact.failed_labels(error, labels)
            if "request" in failed or "order" in failed:
                return Conflict("The request or its order changed meanwhile.", code=CommonErrorCode.CONCURRENT_UPDATE)
            short = sorted(label.split(":", 1)[1] for label in failed if label.startswith("reserve:"))
            if short:
                return Conflict(
                    f"Not enough stock for {', '.join(short)}.", code=InventoryErrorCode.OUT_OF_STOCK, skus=short
                )
            if any(label.startswith("ship:") for label in failed):
                return Conflict(
                    "The stock reserved for the exchange does not cover it.",
                    code=FulfillmentErrorCode.RESERVATION_MISMATCH,
                )
            return None

        transact.run_checked(build, refused)

    def get(self, after_sale_id: str) -> AfterSale | None:
        try:
            return after_sale_of(AfterSaleRecord.get(*keys.after_sale(after_sale_id), consistent_read=True))
        except DoesNotExist:
            return None

    def for_order(self, order_id: str, limit: int, after: Position | None) -> Page:
        page = query_page(keys.order_after_sales(order_id), "GSI1", GSI1_KEYS, limit, after, forward=False)
        return Page([after_sale_of(i) for i in page.items], page.next_position)

    def by_status(self, status: str, type: str | None, limit: int, after: Position | None) -> Page:
        condition = AfterSaleRecord.kind == type if type is not None else None
        page = query_page(
            keys.after_sales_by_status(status),
            "GSI2",
            GSI2_KEYS,
            limit,
            after,
            forward=False,
            filter_condition=condition,
        )
        return Page([after_sale_of(i) for i in page.items], page.next_position)

    def due(self, as_of: datetime, limit: int) -> list[AfterSale]:
        upper = keys.due_sort_key(as_of, "\uffff")
        found = AfterSaleRecord.gsi5.query(keys.DUE_AFTER_SALE_PK, upper >= AfterSaleRecord.GSI5SK, limit=limit)
        fresh = [self.get(i.id) for i in found]  # the index is eventually consistent
        return [r for r in fresh if r is not None and (f := filed_at(r)) is not None and f <= as_of]
