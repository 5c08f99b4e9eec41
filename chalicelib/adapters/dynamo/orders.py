"""DynamoDB: orders (placing with stock reservation, state changes, webhooks
applied once), idempotency records, and the outbox of domain events."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, NoReturn

from pynamodb.exceptions import DoesNotExist, PutError, TransactWriteError
from pynamodb.transactions import TransactWrite

from ...domain.carts import Cart
from ...domain.clock import parse_rfc3339, to_rfc3339
from ...domain.errors import Conflict
from ...domain.ids import new_id
from ...domain.orders import Order, OrderLine, Shipment, TimelineEntry, TrackingEvent, refund_owed
from ...domain.settlement import settlement_due
from ...services.carts import CouponInvalid
from ...services.ports import (
    CouponUse,
    FlashUse,
    OrderChange,
    OutboxEvent,
    Page,
    Position,
    Reservation,
    StoredResponse,
)
from . import keys, transact
from .models import (
    CartItem as CartRecord,
)
from .models import (
    CouponItem,
    CustomerCartItem,
    FulfillmentRecord,
    IdempotencyRecord,
    LedgerItem,
    OrderRecord,
    OutboxRecord,
    PaymentIntentPointer,
    ProcessedEvent,
    ProductItem,
    PromotionItem,
    SkuItem,
    SkuSalesItem,
    TrackingPointer,
    UsageItem,
)
from .repositories import GSI1_KEYS, GSI2_KEYS, _query_page, level_guarded

PROCESSED_EVENT_TTL = timedelta(days=30)
IDEMPOTENCY_TTL = timedelta(hours=24)
IDEMPOTENCY_LOCK = timedelta(seconds=60)


# --- (de)serialisation -------------------------------------------------------------------
def _body(order: Order) -> dict[str, Any]:
    return {
        "lines": [
            {
                "sku": line.sku,
                "product_id": line.product_id,
                "title": line.title,
                "specs": line.specs,
                "quantity": line.quantity,
                "list_price": line.list_price,
                "unit_price": line.unit_price,
                "line_total": line.line_total,
                "order_discount": line.order_discount,
                "payable": line.payable,
                "adjustments": list(line.adjustments),
                "flash_promotion_id": line.flash_promotion_id,
                "flash_units": line.flash_units,
            }
            for line in order.lines
        ],
        "subtotal": order.subtotal,
        "discounts": list(order.discounts),
        "shipping": order.shipping,
        "shipping_address": order.shipping_address,
        "timeline": [
            {
                "at": to_rfc3339(e.at),
                "type": e.type,
                "actor": e.actor,
                "from": e.from_status,
                "to": e.to_status,
                "reason": e.reason,
                "data": e.data,
            }
            for e in order.timeline
        ],
        "coupon_code": order.coupon_code,
        "amount_paid": order.amount_paid,
        "amount_refunded": order.amount_refunded,
        "risk_reasons": list(order.risk_reasons),
        "review_cleared": order.review_cleared,
        "delivered_at": to_rfc3339(order.delivered_at) if order.delivered_at else None,
        "settled_on": order.settled_on,
        "settled_refunds": order.settled_refunds,
        "shipments": [
            {
                "carrier": s.carrier,
                "tracking_number": s.tracking_number,
                "lines": s.lines,
                "shipped_at": to_rfc3339(s.shipped_at),
                "status": s.status,
                "events": [
                    {"at": to_rfc3339(e.at), "status": e.status, "description": e.description, "location": e.location}
                    for e in s.events
                ],
            }
            for s in order.shipments
        ],
    }


def _order(record: OrderRecord) -> Order:
    b = record.body
    return Order(
        id=record.id,
        customer_id=record.customer_id,
        cart_id=record.cart_id,
        status=record.status,
        payment_status=record.payment_status,
        currency=record.currency,
        lines=tuple(
            OrderLine(
                sku=line["sku"],
                product_id=line["product_id"],
                title=line["title"],
                specs=line["specs"],
                quantity=line["quantity"],
                list_price=line["list_price"],
                unit_price=line["unit_price"],
                line_total=line["line_total"],
                order_discount=line["order_discount"],
                payable=line["payable"],
                adjustments=tuple(line.get("adjustments", [])),
                flash_promotion_id=line.get("flash_promotion_id"),
                flash_units=line.get("flash_units", 0),
            )
            for line in b["lines"]
        ),
        subtotal=b["subtotal"],
        discounts=tuple(b["discounts"]),
        shipping=b["shipping"],
        total=int(record.total),
        shipping_address=b["shipping_address"],
        created_at=record.created_at,
        updated_at=record.updated_at,
        payment_due_at=record.payment_due_at,
        timeline=tuple(
            TimelineEntry(
                at=parse_rfc3339(e["at"]),
                type=e["type"],
                actor=e["actor"],
                from_status=e.get("from"),
                to_status=e.get("to"),
                reason=e.get("reason"),
                data=e.get("data") or {},
            )
            for e in b["timeline"]
        ),
        coupon_code=b.get("coupon_code"),
        payment_intent_id=record.payment_intent_id,
        amount_paid=b.get("amount_paid", 0),
        amount_refunded=b.get("amount_refunded", 0),
        risk_reasons=tuple(b.get("risk_reasons", [])),
        review_cleared=b.get("review_cleared", False),
        delivered_at=parse_rfc3339(b["delivered_at"]) if b.get("delivered_at") else None,
        settled_on=b.get("settled_on"),
        settled_refunds=int(b.get("settled_refunds", 0)),
        shipments=tuple(
            Shipment(
                carrier=s["carrier"],
                tracking_number=s["tracking_number"],
                lines=dict(s["lines"]),
                shipped_at=parse_rfc3339(s["shipped_at"]),
                status=s.get("status", "shipped"),
                events=tuple(
                    TrackingEvent(parse_rfc3339(e["at"]), e["status"], e.get("description"), e.get("location"))
                    for e in s.get("events", [])
                ),
            )
            for s in b.get("shipments", [])
        ),
        version=int(record.version or 1),
    )


AUTO_COMPLETE_AFTER = timedelta(days=7)


def _index_values(order: Order) -> dict[str, Any]:
    due_pk, due_at = None, None
    if order.status == "pending_payment":
        due_pk, due_at = keys.DUE_PAYMENT_PK, order.payment_due_at
    elif order.status == "delivered" and order.delivered_at is not None:
        due_pk, due_at = keys.DUE_COMPLETION_PK, order.delivered_at + AUTO_COMPLETE_AFTER
    elif refund_owed(order) is not None:  # settled only once the customer has their money back
        due_pk, due_at = keys.DUE_REFUND_PK, order.updated_at
    else:
        due_at = settlement_due(order)
        due_pk = keys.DUE_SETTLEMENT_PK if due_at is not None else None
    return {
        "GSI1PK": keys.customer_orders(order.customer_id),
        "GSI1SK": order.id,
        "GSI2PK": keys.orders_by_status(order.status),
        "GSI2SK": order.id,
        "GSI5PK": due_pk,
        "GSI5SK": keys.due_sort_key(due_at, order.id) if due_at is not None else None,
    }


def _record(order: Order) -> OrderRecord:
    return OrderRecord(
        *keys.order(order.id),
        id=order.id,
        customer_id=order.customer_id,
        cart_id=order.cart_id,
        status=order.status,
        payment_status=order.payment_status,
        currency=order.currency,
        total=order.total,
        body=_body(order),
        payment_intent_id=order.payment_intent_id,
        created_at=order.created_at,
        updated_at=order.updated_at,
        payment_due_at=order.payment_due_at,
        **_index_values(order),
    )


def _outbox_record(event: OutboxEvent) -> OutboxRecord:
    return OutboxRecord(
        *keys.outbox(event.id),
        id=event.id,
        event_type=event.type,
        version=event.version,
        detail=dict(event.data),
        at=event.occurred_at,
        GSI1PK=keys.OUTBOX_PENDING_PK,
        GSI1SK=event.id,
    )


def _ledger(
    order_id: str, r: Reservation, reserved_delta: int, reason: str, at: datetime, on_hand_delta: int = 0
) -> LedgerItem:
    entry_id = new_id("led")
    return LedgerItem(
        *keys.ledger_entry(r.sku, entry_id),
        id=entry_id,
        sku=r.sku,
        on_hand_delta=on_hand_delta,
        reserved_delta=reserved_delta,
        reason=reason,
        reference=order_id,
        actor="system",
        at=at,
    )


def _stock_refused(refused: list[Reservation], error: Exception) -> NoReturn:
    """A reservation's condition failed: too little available, or the guard on the
    level its stock event was decided on (checkout reads again). The level now tells which."""
    found = SkuItem.batch_get([keys.sku(r.product_id, r.sku) for r in refused], consistent_read=True)
    levels = {item.code: item.available for item in found}
    short = sorted(r.sku for r in refused if levels.get(r.sku, 0) < r.quantity)
    if short:
        raise Conflict(f"Not enough stock for {', '.join(short)}.", code="out_of_stock", skus=short) from error
    raise Conflict("The stock level changed meanwhile.", code="concurrent_update") from error


def reservation_condition(quantity: int) -> Any:
    """The guarantee against overselling: a reservation only lands while enough is available."""
    return SkuItem.PK.exists() & (SkuItem.available >= quantity)


def _usage_update(t: transact.Labelled, label: str, pk_sk: tuple[str, str], delta: int, limit: int | None) -> None:
    condition = None
    if limit is not None and delta > 0:
        condition = UsageItem.count.does_not_exist() | (UsageItem.count <= limit - delta)
    t.update(
        label,
        UsageItem(*pk_sk),
        actions=[UsageItem.count.add(delta), UsageItem.type.set(UsageItem)],
        condition=condition,
    )


# --- orders -------------------------------------------------------------------------------
class DynamoOrders:
    def place(
        self,
        order: Order,
        cart: Cart,
        reservations: list[Reservation],
        coupon: CouponUse | None,
        flash: list[FlashUse],
        events: list[OutboxEvent],
    ) -> None:
        labels: list[str] = []

        def build(tw: TransactWrite) -> None:
            t = transact.Labelled(tw)
            t.save("order", _record(order), condition=OrderRecord.PK.does_not_exist())
            for r in reservations:
                t.update(
                    f"stock:{r.sku}",
                    SkuItem(*keys.sku(r.product_id, r.sku)),
                    actions=[
                        SkuItem.reserved.add(r.quantity),
                        SkuItem.available.add(-r.quantity),
                        SkuItem.updated_at.set(order.created_at),
                    ],
                    condition=level_guarded(reservation_condition(r.quantity), r.available_between),
                )
                t.save("ledger", _ledger(order.id, r, r.quantity, "reserved", order.created_at))
            checked_out = CartRecord(*keys.cart(cart.id), version=cart.version)
            t.update(
                "cart",
                checked_out,
                actions=[
                    CartRecord.status.set("checked_out"),
                    CartRecord.order_id.set(order.id),
                    CartRecord.updated_at.set(order.created_at),
                ],
                condition=CartRecord.status == "active",
            )
            t.delete("cart_pointer", CustomerCartItem(*keys.customer_cart(order.customer_id)))
            if coupon is not None:
                condition = CouponItem.PK.exists()
                if coupon.usage_limit is not None:
                    condition &= CouponItem.used < coupon.usage_limit
                t.update(
                    "coupon",
                    CouponItem(*keys.coupon(coupon.code)),
                    actions=[CouponItem.used.add(1)],
                    condition=condition,
                )
                _usage_update(
                    t, "coupon_usage", keys.coupon_usage(coupon.code, coupon.customer_id), 1, coupon.per_customer_limit
                )
            for f in flash:
                condition = PromotionItem.PK.exists()
                if f.quantity is not None:
                    condition &= PromotionItem.sold <= f.quantity - f.units
                t.update(
                    f"flash:{f.promotion_id}",
                    PromotionItem(*keys.promotion(f.promotion_id)),
                    actions=[PromotionItem.sold.add(f.units)],
                    condition=condition,
                )
                _usage_update(
                    t,
                    f"flash_usage:{f.promotion_id}",
                    keys.promotion_usage(f.promotion_id, f.customer_id),
                    f.units,
                    f.per_customer_limit,
                )
            for event in events:
                t.save("outbox", _outbox_record(event))
            labels[:] = t.labels

        try:
            transact.run(build)
        except TransactWriteError as error:
            failed = transact.failed_labels(error, labels)
            stock = {label.split(":", 1)[1] for label in failed if label.startswith("stock:")}
            if stock:
                _stock_refused([r for r in reservations if r.sku in stock], error)
            if "cart" in failed:
                raise Conflict("This cart has been checked out already.", code="cart_checked_out") from error
            if "coupon" in failed or "coupon_usage" in failed:
                raise CouponInvalid("The coupon's usage limit was reached.", reason="usage_exhausted") from error
            if any(label.startswith("flash") for label in failed):
                raise Conflict(
                    "The flash sale sold out or your flash limit was reached; review your cart.",
                    code="flash_sale_unavailable",
                ) from error
            raise

    def get(self, order_id: str) -> Order | None:
        try:
            return _order(OrderRecord.get(*keys.order(order_id), consistent_read=True))
        except DoesNotExist:
            return None

    def save(self, order: Order, change: OrderChange) -> Order:
        labels: list[str] = []

        def build(tw: TransactWrite) -> None:
            t = transact.Labelled(tw)
            record = _record(order)
            record.version = order.version
            t.save("order", record)
            if change.webhook_event_id is not None:
                t.save(
                    "event",
                    ProcessedEvent(
                        *keys.processed_event(change.event_provider, change.webhook_event_id),
                        at=order.updated_at,
                        outcome=order.status,
                        expires_at=order.updated_at + PROCESSED_EVENT_TTL,
                    ),
                    condition=ProcessedEvent.PK.does_not_exist(),
                )
            if change.release_stock:
                self._release(t, order)
            if change.sales_day is not None:
                # One update per product and per SKU (two operations on one item would be refused).
                per_product: dict[str, int] = {}
                per_sku: dict[str, tuple[str, int, int]] = {}
                sign = change.sales_sign
                for line in order.lines:
                    per_product[line.product_id] = per_product.get(line.product_id, 0) + sign * line.quantity
                    _, units, revenue = per_sku.get(line.sku, (line.product_id, 0, 0))
                    per_sku[line.sku] = (line.product_id, units + sign * line.quantity, revenue + sign * line.payable)
                for code, (product_id, units, revenue) in sorted(per_sku.items()):
                    t.raw_update(
                        f"sku_sales:{code}",
                        *keys.sku_sales(change.sales_day, code),
                        actions=[
                            SkuSalesItem.units.add(units),
                            SkuSalesItem.revenue.add(revenue),
                            SkuSalesItem.sku.set(code),
                            SkuSalesItem.product_id.set(product_id),
                            SkuSalesItem.type.set(SkuSalesItem),
                        ],
                        condition=None,
                    )
                for product_id, quantity in sorted(per_product.items()):
                    # Not through the versioned model: a counter ADD must not touch the
                    # product's version (staff edits are guarded by it).
                    t.raw_update(
                        f"sales:{product_id}",
                        *keys.product(product_id),
                        actions=[ProductItem.sales.add(quantity), ProductItem.GSI4SK.add(quantity)],
                        condition=ProductItem.PK.exists(),
                    )
            if change.fulfillment_status is not None:
                self._fulfillment(t, order, change.fulfillment_status)
            for r in change.ship:
                t.update(
                    f"ship:{r.sku}",
                    SkuItem(*keys.sku(r.product_id, r.sku)),
                    actions=[
                        SkuItem.on_hand.add(-r.quantity),
                        SkuItem.reserved.add(-r.quantity),
                        SkuItem.updated_at.set(order.updated_at),
                    ],
                    condition=SkuItem.PK.exists() & (SkuItem.reserved >= r.quantity),
                )
                t.save(
                    "ledger", _ledger(order.id, r, -r.quantity, "shipped", order.updated_at, on_hand_delta=-r.quantity)
                )
            if change.tracking is not None:
                t.save(
                    "tracking",
                    TrackingPointer(*keys.tracking(*change.tracking), order_id=order.id),
                    condition=TrackingPointer.PK.does_not_exist(),
                )
            for event in change.events:
                t.save("outbox", _outbox_record(event))
            labels[:] = t.labels

        try:
            transact.run(build)
        except TransactWriteError as error:
            failed = transact.failed_labels(error, labels)
            if "tracking" in failed:
                raise Conflict("This tracking number is already in use.", code="tracking_number_taken") from error
            if "fulfillment" in failed:
                raise Conflict("The order is being fulfilled already.", code="duplicate_fulfillment") from error
            if "event" in failed:
                raise Conflict("This event was applied already.", code="duplicate_event") from error
            if "order" in failed:
                raise Conflict("The order changed meanwhile.", code="concurrent_update") from error
            short = sorted(label.removeprefix("ship:") for label in failed if label.startswith("ship:"))
            if short:
                raise Conflict(
                    f"The stock reserved for {', '.join(short)} does not cover this shipment; "
                    "check GET /admin/inventory/{sku} and its ledger.",
                    code="reservation_mismatch",
                ) from error
            raise
        return replace(order, version=order.version + 1)

    @staticmethod
    def _fulfillment(t: transact.Labelled, order: Order, status: str) -> None:
        values = {
            "order_id": order.id,
            "status": status,
            "updated_at": order.updated_at,
            "GSI2PK": keys.fulfillments_by_status(status),
            "GSI2SK": order.id,
        }
        if status == "awaiting_shipment":  # created once per order
            t.save(
                "fulfillment",
                FulfillmentRecord(*keys.fulfillment(order.id), created_at=order.updated_at, **values),
                condition=FulfillmentRecord.PK.does_not_exist(),
            )
        else:
            t.update(
                "fulfillment_status",
                FulfillmentRecord(*keys.fulfillment(order.id)),
                actions=[getattr(FulfillmentRecord, k).set(v) for k, v in values.items()],
                condition=FulfillmentRecord.PK.exists(),
            )

    @staticmethod
    def _release(t: transact.Labelled, order: Order) -> None:
        """Return the order's reservations, and the coupon and flash usage it took."""
        at = order.updated_at
        flash_units: dict[str, int] = {}
        for line in order.lines:
            r = Reservation(line.product_id, line.sku, line.quantity)
            t.update(
                f"release:{line.sku}",
                SkuItem(*keys.sku(line.product_id, line.sku)),
                actions=[
                    SkuItem.reserved.add(-line.quantity),
                    SkuItem.available.add(line.quantity),
                    SkuItem.updated_at.set(at),
                ],
                condition=SkuItem.PK.exists(),
            )
            t.save("ledger", _ledger(order.id, r, -line.quantity, "released", at))
            if line.flash_promotion_id and line.flash_units:
                flash_units[line.flash_promotion_id] = flash_units.get(line.flash_promotion_id, 0) + line.flash_units
        if order.coupon_code:
            t.update("coupon", CouponItem(*keys.coupon(order.coupon_code)), actions=[CouponItem.used.add(-1)])
            t.update(
                "coupon_usage",
                UsageItem(*keys.coupon_usage(order.coupon_code, order.customer_id)),
                actions=[UsageItem.count.add(-1)],
            )
        for promotion_id, units in flash_units.items():
            t.update(
                f"flash:{promotion_id}",
                PromotionItem(*keys.promotion(promotion_id)),
                actions=[PromotionItem.sold.add(-units)],
            )
            t.update(
                f"flash_usage:{promotion_id}",
                UsageItem(*keys.promotion_usage(promotion_id, order.customer_id)),
                actions=[UsageItem.count.add(-units)],
            )

    def set_payment_intent(self, order_id: str, payment_intent_id: str) -> None:
        def build(tw: TransactWrite) -> None:
            # Not through the versioned model: PynamoDB would SET version = 1.
            transact.Labelled(tw).raw_update(
                "order",
                *keys.order(order_id),
                actions=[OrderRecord.payment_intent_id.set(payment_intent_id)],
                condition=OrderRecord.payment_intent_id.does_not_exist()
                | (OrderRecord.payment_intent_id == payment_intent_id),
            )
            tw.save(PaymentIntentPointer(*keys.payment_intent(payment_intent_id), order_id=order_id))

        transact.run(build)

    def order_id_for_payment_intent(self, payment_intent_id: str) -> str | None:
        try:
            return str(PaymentIntentPointer.get(*keys.payment_intent(payment_intent_id), consistent_read=True).order_id)
        except DoesNotExist:
            return None

    def for_customer(self, customer_id: str, limit: int, after: Position | None) -> Page:
        page = _query_page(keys.customer_orders(customer_id), "GSI1", GSI1_KEYS, limit, after, forward=False)
        return Page([_order(i) for i in page.items], page.next_position)

    def by_status(self, status: str, limit: int, after: Position | None, oldest_first: bool = False) -> Page:
        page = _query_page(keys.orders_by_status(status), "GSI2", GSI2_KEYS, limit, after, forward=oldest_first)
        return Page([_order(i) for i in page.items], page.next_position)

    def _due(self, due_pk: str, statuses: str | tuple[str, ...], as_of: datetime, limit: int) -> list[Order]:
        upper = keys.due_sort_key(as_of, "\uffff")
        found = OrderRecord.gsi5.query(due_pk, upper >= OrderRecord.GSI5SK, limit=limit)
        fresh = [self.get(i.id) for i in found]  # the index is eventually consistent
        wanted = (statuses,) if isinstance(statuses, str) else statuses
        return [o for o in fresh if o is not None and o.status in wanted]

    def due_settlement(self, as_of: datetime, limit: int) -> list[Order]:
        return [
            o
            for o in self._due(keys.DUE_SETTLEMENT_PK, ("completed", "cancelled"), as_of, limit)
            if (due := settlement_due(o)) is not None and due <= as_of
        ]

    def due_unpaid(self, as_of: datetime, limit: int) -> list[Order]:
        return self._due(keys.DUE_PAYMENT_PK, "pending_payment", as_of, limit)

    def due_refund(self, as_of: datetime, limit: int) -> list[Order]:
        return [o for o in self._due(keys.DUE_REFUND_PK, "cancelled", as_of, limit) if refund_owed(o) is not None]

    def count_since(self, customer_id: str, since: datetime) -> int:
        from ...domain.ids import time_prefix

        lower = "ord_" + time_prefix(int(since.timestamp() * 1000))
        return sum(1 for _ in OrderRecord.gsi1.query(keys.customer_orders(customer_id), lower <= OrderRecord.GSI1SK))

    def order_id_for_tracking(self, carrier: str, tracking_number: str) -> str | None:
        try:
            return str(TrackingPointer.get(*keys.tracking(carrier, tracking_number), consistent_read=True).order_id)
        except DoesNotExist:
            return None

    def fulfillments(self, status: str, limit: int, after: Position | None) -> Page:
        page = _query_page(keys.fulfillments_by_status(status), "GSI2", GSI2_KEYS, limit, after, forward=False)
        return Page(
            [
                {"order_id": i.order_id, "status": i.status, "created_at": i.created_at, "updated_at": i.updated_at}
                for i in page.items
            ],
            page.next_position,
        )

    def due_completion(self, as_of: datetime, limit: int) -> list[Order]:
        return self._due(keys.DUE_COMPLETION_PK, "delivered", as_of, limit)

    def record_ignored_event(self, event_id: str, at: datetime, provider: str = "stripe") -> bool:
        try:
            ProcessedEvent(
                *keys.processed_event(provider, event_id), at=at, outcome="ignored", expires_at=at + PROCESSED_EVENT_TTL
            ).save(condition=ProcessedEvent.PK.does_not_exist())
        except PutError as error:
            if error.cause_response_code == "ConditionalCheckFailedException":
                return False
            raise
        return True


# --- idempotency ----------------------------------------------------------------------------
class DynamoIdempotency:
    def begin(self, scope: str, key: str, fingerprint: str, now: datetime) -> StoredResponse | None:
        pk, sk = keys.idempotency(scope, key)
        record = IdempotencyRecord(
            pk,
            sk,
            fingerprint=fingerprint,
            state="in_progress",
            locked_until=now + IDEMPOTENCY_LOCK,
            expires_at=now + IDEMPOTENCY_TTL,
        )
        try:
            # First use, or taking over a lock whose holder died (same request only).
            record.save(
                condition=IdempotencyRecord.PK.does_not_exist()
                | (
                    (IdempotencyRecord.state == "in_progress")
                    & (IdempotencyRecord.locked_until < now)
                    & (IdempotencyRecord.fingerprint == fingerprint)
                )
            )
            return None
        except PutError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise
        try:
            existing = IdempotencyRecord.get(pk, sk, consistent_read=True)
        except DoesNotExist:  # released meanwhile: try once more
            return self.begin(scope, key, fingerprint, now)
        if existing.fingerprint != fingerprint:
            raise Conflict("This Idempotency-Key was used with a different request.", code="idempotency_key_reused")
        if existing.state == "completed" and existing.response_status is not None:
            return StoredResponse(int(existing.response_status), dict(existing.response_body or {}))
        raise Conflict("A request with this Idempotency-Key is still in progress.", code="idempotency_key_in_use")

    def complete(self, scope: str, key: str, response: StoredResponse, now: datetime) -> None:
        IdempotencyRecord(*keys.idempotency(scope, key)).update(
            actions=[
                IdempotencyRecord.state.set("completed"),
                IdempotencyRecord.response_status.set(response.status),
                IdempotencyRecord.response_body.set(response.body),
                IdempotencyRecord.expires_at.set(now + IDEMPOTENCY_TTL),
            ]
        )

    def abandon(self, scope: str, key: str) -> None:
        IdempotencyRecord(*keys.idempotency(scope, key)).delete(condition=IdempotencyRecord.state == "in_progress")


# --- outbox ------------------------------------------------------------------------------------
class DynamoOutbox:
    """Events are written into the outbox by the transactions that cause them;
    this reads and clears what the relay has not yet sent."""

    def pending(self, limit: int) -> list[OutboxEvent]:
        return [
            OutboxEvent(type=r.event_type, id=r.id, occurred_at=r.at, data=dict(r.detail), version=int(r.version or 1))
            for r in OutboxRecord.gsi1.query(keys.OUTBOX_PENDING_PK, limit=limit)
        ]

    def mark_sent(self, events: list[OutboxEvent]) -> None:
        for event in events:
            try:
                OutboxRecord(*keys.outbox(event.id)).delete()
            except DoesNotExist:  # pragma: no cover - deleting a missing item is not an error in DynamoDB
                pass
