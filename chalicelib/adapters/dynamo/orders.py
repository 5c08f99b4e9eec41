"""DynamoDB: orders. Placing one (stock reserved, cart checked out, coupon and
flash usage counted, in one transaction), changing one (version-guarded, with
what the change does besides: order_writes), and its listings and pointers.
The order item itself: order_records; the index items that list it:
order_index (ADR 0031); the outbox: outbox; webhook events applied once:
idempotency."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from ...domain.budgets import BudgetUse
from ...domain.carts import Cart
from ...domain.error_codes import CheckoutErrorCode, CommonErrorCode, FulfillmentErrorCode, MarketingErrorCode
from ...domain.errors import Conflict, DomainError, NotFound
from ...domain.ids import time_prefix
from ...domain.orders import UNPAID, Order
from ...domain.refunds import due_for_retry
from ...domain.settlement import settlement_due
from ...services.ports import (
    CouponUse,
    FlashUse,
    IdempotentResponse,
    OrderChange,
    OutboxEvent,
    Page,
    Position,
    Reservation,
)
from . import budgets as budget_writes
from . import keys, order_index, order_writes, transact
from .idempotency import completed, processed_event, record_ignored_event
from .inventory import level_guarded
from .models import (
    CartItem as CartRecord,
)
from .models import (
    CouponItem,
    CustomerCartItem,
    IdempotencyRecord,
    OrderRecord,
    PaymentIntentPointer,
    ProcessedEvent,
    PromotionItem,
    SkuItem,
    TrackingPointer,
)
from .order_index import OrderIndexItem
from .order_records import auto_complete_after, order_of, order_record, settlement_policy
from .outbox import outbox_record
from .paging import GSI1_KEYS, GSI2_KEYS, query_page


def reservation_condition(quantity: int) -> Any:
    """The guarantee against overselling: a reservation only lands while enough is available."""
    return SkuItem.PK.exists() & (SkuItem.available >= quantity)


class DynamoOrders:
    def place(
        self,
        order: Order,
        cart: Cart,
        reservations: list[Reservation],
        coupon: CouponUse | None,
        flash: list[FlashUse],
        events: list[OutboxEvent],
        response: IdempotentResponse | None = None,
        budgets: Sequence[BudgetUse] = (),
    ) -> None:
        labels: list[str] = []
        spends = {(u.kind, u.id): u for u in budgets}  # merged into the item's one update (ADR 0028)
        flash_ids = {f.promotion_id for f in flash}
        reprice = {f.promotion_id for f in flash if f.first_n} | {u.id for u in budgets if u.kind == "promotion"}

        def build(tw: TransactWrite) -> None:
            t = transact.Labelled(tw)
            t.save("order", order_record(order), condition=OrderRecord.PK.does_not_exist())
            order_index.file_new(t, order)
            for r in reservations:
                item, m = order_writes.stock_item(r)  # the SKU item, or the stock shard chosen (ADR 0025)
                t.update(
                    f"stock:{r.sku}",
                    item,
                    actions=[
                        m.reserved.add(r.quantity),
                        m.available.add(-r.quantity),
                        m.updated_at.set(order.created_at),
                    ],
                    condition=level_guarded(reservation_condition(r.quantity), r.available_between),
                )
                t.save("ledger", order_writes.ledger_row(order.id, r, r.quantity, "reserved", order.created_at))
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
                actions: list[Any] = [CouponItem.used.add(1)]
                if (use := spends.get(("coupon", coupon.code))) is not None:
                    more, within = budget_writes.coupon_spend(use)
                    actions, condition = actions + more, condition & within
                t.update("coupon", CouponItem(*keys.coupon(coupon.code)), actions=actions, condition=condition)
                order_writes.usage_update(
                    t, "coupon_usage", keys.coupon_usage(coupon.code, coupon.customer_id), 1, coupon.per_customer_limit
                )
            for f in flash:
                condition = PromotionItem.PK.exists()
                if f.quantity is not None:
                    condition &= PromotionItem.sold <= f.quantity - f.units
                actions = [PromotionItem.sold.add(f.units)]
                if (use := spends.get(("promotion", f.promotion_id))) is not None:
                    more, within = budget_writes.promotion_spend(use)
                    actions, condition = actions + more, condition & within
                t.update(
                    f"flash:{f.promotion_id}",
                    PromotionItem(*keys.promotion(f.promotion_id)),
                    actions=actions,
                    condition=condition,
                )
                order_writes.usage_update(
                    t,
                    f"flash_usage:{f.promotion_id}",
                    keys.promotion_usage(f.promotion_id, f.customer_id),
                    f.units,
                    f.per_customer_limit,
                )
            for use in budgets:
                if use.kind == "promotion" and use.id not in flash_ids:
                    more, within = budget_writes.promotion_spend(use)
                    t.update(f"budget:{use.id}", PromotionItem(*keys.promotion(use.id)), actions=more, condition=within)
            if order.payment_intent_id is not None:  # created before the transaction: no write after Stripe
                t.save(
                    "payment_intent",
                    PaymentIntentPointer(*keys.payment_intent(order.payment_intent_id), order_id=order.id),
                )
            if response is not None:  # the claim this request holds, completed with the order
                t.update(
                    "idempotency",
                    IdempotencyRecord(*keys.idempotency(response.scope, response.key)),
                    actions=completed(response.response, response.at),
                    condition=IdempotencyRecord.PK.exists(),
                )
            for event in events:
                t.save("outbox", outbox_record(event))
            labels[:] = t.labels

        def refused(error: TransactWriteError) -> BaseException | None:
            failed = transact.failed_labels(error, labels)
            stock = {label.split(":", 1)[1] for label in failed if label.startswith("stock:")}
            if stock:
                return order_writes.stock_refused([r for r in reservations if r.sku in stock])
            if "cart" in failed:
                return Conflict("This cart has been checked out already.", code=CheckoutErrorCode.CART_CHECKED_OUT)
            if "coupon" in failed or "coupon_usage" in failed:
                return budget_writes.coupon_refused(coupon, spends.get(("coupon", coupon.code)) if coupon else None)
            if any(label.split(":", 1)[-1] in reprice for label in failed if label.startswith(("flash:", "budget:"))):
                return Conflict(
                    "A promotion's budget or first-N units ran out meanwhile; the cart is priced again.",
                    code=MarketingErrorCode.PROMOTION_EXHAUSTED,
                )
            if any(label.startswith("flash") for label in failed):
                return Conflict(
                    "The flash sale sold out or your flash limit was reached; review your cart.",
                    code=MarketingErrorCode.FLASH_SALE_UNAVAILABLE,
                )
            return None

        transact.run_checked(build, refused)

    def get(self, order_id: str) -> Order | None:
        try:
            return order_of(OrderRecord.get(*keys.order(order_id), consistent_read=True))
        except DoesNotExist:
            return None

    def save(self, order: Order, change: OrderChange, previous: Order | None = None) -> Order:
        labels: list[str] = []
        if previous is not None and previous.version != order.version:
            previous = None  # not the version this write replaces: its index items are not known

        def build(tw: TransactWrite) -> None:
            t = transact.Labelled(tw)
            record = order_record(order)
            record.version = order.version
            t.save("order", record)
            order_index.file_changes(t, order, previous)
            if change.webhook_event_id is not None:
                t.save(
                    "event",
                    processed_event(change.event_provider, change.webhook_event_id, order.updated_at, order.status),
                    condition=ProcessedEvent.PK.does_not_exist(),
                )
            if change.release_stock:
                order_writes.release(t, order)
            if change.sales_day is not None:
                order_writes.count_sales(t, order, change)
            if change.fulfillment_status is not None:
                order_writes.fulfillment(t, order, change.fulfillment_status)
            for r in change.ship:
                order_writes.ship(t, order.id, r, order.updated_at)
            if change.tracking is not None:
                t.save(
                    "tracking",
                    TrackingPointer(*keys.tracking(*change.tracking), order_id=order.id),
                    condition=TrackingPointer.PK.does_not_exist(),
                )
            if change.payment_intent is not None:  # a presale's balance intent (ADR 0026)
                pointer = PaymentIntentPointer(*keys.payment_intent(change.payment_intent), order_id=order.id)
                t.save("payment_intent", pointer)
            for event in change.events:
                t.save("outbox", outbox_record(event))
            labels[:] = t.labels

        def refused(error: TransactWriteError) -> BaseException | None:
            failed = transact.failed_labels(error, labels)
            if "tracking" in failed:
                return Conflict(
                    "This tracking number is already in use.", code=FulfillmentErrorCode.TRACKING_NUMBER_TAKEN
                )
            if "fulfillment" in failed:
                return Conflict(
                    "The order is being fulfilled already.", code=FulfillmentErrorCode.DUPLICATE_FULFILLMENT
                )
            if "event" in failed:
                return Conflict("This event was applied already.", code=CommonErrorCode.DUPLICATE_EVENT)
            if "order" in failed:
                return Conflict("The order changed meanwhile.", code=CommonErrorCode.CONCURRENT_UPDATE)
            short = sorted(label.removeprefix("ship:") for label in failed if label.startswith("ship:"))
            if short:
                return Conflict(
                    f"The stock reserved for {', '.join(short)} does not cover this shipment; "
                    "check GET /admin/inventory/{sku} and its ledger.",
                    code=FulfillmentErrorCode.RESERVATION_MISMATCH,
                )
            return None

        transact.run_checked(build, refused)
        return replace(order, version=order.version + 1)

    def set_payment_intent(self, order_id: str, payment_intent_id: str) -> None:
        def build(tw: TransactWrite) -> None:
            # Not through the versioned model: PynamoDB would SET version = 1.
            transact.Labelled(tw).raw_update(
                "order",
                *keys.order(order_id),
                actions=[OrderRecord.payment_intent_id.set(payment_intent_id)],
                # An existing order (an update would create a partial one), without another intent.
                condition=OrderRecord.PK.exists()
                & (
                    OrderRecord.payment_intent_id.does_not_exist()
                    | (OrderRecord.payment_intent_id == payment_intent_id)
                ),
            )
            tw.save(PaymentIntentPointer(*keys.payment_intent(payment_intent_id), order_id=order_id))

        def refused(_: TransactWriteError) -> DomainError:
            if self.get(order_id) is None:
                return NotFound(f"No order {order_id}.")
            return Conflict("The order has another payment intent.", code=CommonErrorCode.CONCURRENT_UPDATE)

        transact.run_checked(build, refused)

    def order_id_for_payment_intent(self, payment_intent_id: str) -> str | None:
        try:
            return str(PaymentIntentPointer.get(*keys.payment_intent(payment_intent_id), consistent_read=True).order_id)
        except DoesNotExist:
            return None

    def for_customer(self, customer_id: str, limit: int, after: Position | None) -> Page:
        page = query_page(keys.customer_orders(customer_id), "GSI1", GSI1_KEYS, limit, after, forward=False)
        return order_index.orders_page(page)

    def by_status(self, status: str, limit: int, after: Position | None, oldest_first: bool = False) -> Page:
        page = query_page(keys.orders_by_status(status), "GSI2", GSI2_KEYS, limit, after, forward=oldest_first)
        # The index is eventually consistent: an order that has moved on is left out.
        return order_index.orders_page(page, lambda o: o.status == status)

    def _due(self, due_pk: str, statuses: str | tuple[str, ...], as_of: datetime, limit: int) -> list[Order]:
        upper = keys.due_sort_key(as_of, "\uffff")
        found = order_index.order_ids(OrderIndexItem.gsi5.query(due_pk, upper >= OrderIndexItem.GSI5SK, limit=limit))
        fresh = order_index.orders_by_id(found)  # the index is eventually consistent
        wanted = (statuses,) if isinstance(statuses, str) else statuses
        return [fresh[i] for i in found if i in fresh and fresh[i].status in wanted]

    def _due_where(self, due_pk: str, as_of: datetime, limit: int, wanted: Callable[[Order], bool]) -> list[Order]:
        """Up to ``limit`` orders filed on ``due_pk`` by ``as_of`` that ``wanted`` keeps,
        reading past the ones it does not (the queue is filed for either basis)."""
        upper = keys.due_sort_key(as_of, "\uffff")
        kept: list[Order] = []
        for item in OrderIndexItem.gsi5.query(due_pk, upper >= OrderIndexItem.GSI5SK, page_size=max(limit, 25)):
            order = self.get(item.order_id)  # the index is eventually consistent
            if order is not None and wanted(order):
                kept.append(order)
                if len(kept) >= limit:
                    break
        return kept

    def due_settlement(self, as_of: datetime, limit: int) -> list[Order]:
        policy = settlement_policy()
        return self._due_where(
            keys.DUE_SETTLEMENT_PK,
            as_of,
            limit,
            lambda o: (due := settlement_due(o, policy)) is not None and due <= as_of,
        )

    def due_unpaid(self, as_of: datetime, limit: int) -> list[Order]:
        return self._due(keys.DUE_PAYMENT_PK, UNPAID, as_of, limit)

    def due_balance(self, as_of: datetime, limit: int) -> list[Order]:
        """Presale orders whose balance window closed unpaid (ADR 0026)."""
        return self._due(keys.DUE_BALANCE_PK, "balance_due", as_of, limit)

    def due_refund(self, as_of: datetime, limit: int) -> list[Order]:
        return self._due_where(keys.DUE_REFUND_PK, as_of, limit, lambda o: bool(due_for_retry(o.refunds, as_of)))

    def count_since(self, customer_id: str, since: datetime) -> int:
        lower = "ord_" + time_prefix(int(since.timestamp() * 1000))
        found = OrderIndexItem.gsi1.query(keys.customer_orders(customer_id), lower <= OrderIndexItem.GSI1SK)
        return sum(1 for _ in found)

    def order_id_for_tracking(self, carrier: str, tracking_number: str) -> str | None:
        try:
            return str(TrackingPointer.get(*keys.tracking(carrier, tracking_number), consistent_read=True).order_id)
        except DoesNotExist:
            return None

    def fulfillments(self, status: str, limit: int, after: Position | None) -> Page:
        page = query_page(keys.fulfillments_by_status(status), "GSI2", GSI2_KEYS, limit, after, forward=False)
        return Page(
            [
                {
                    "order_id": i.order_id,
                    "status": i.status,
                    "priority": bool(i.priority),
                    "created_at": i.created_at,
                    "updated_at": i.updated_at,
                }
                for i in page.items
            ],
            page.next_position,
        )

    def due_completion(self, as_of: datetime, limit: int) -> list[Order]:
        found = self._due(keys.DUE_COMPLETION_PK, "delivered", as_of, limit)
        if len(found) < limit:  # delivered orders filed for settlement first (it fell due earlier)
            after = auto_complete_after()
            seen = {o.id for o in found}
            found += self._due_where(
                keys.DUE_SETTLEMENT_PK,
                as_of,
                limit - len(found),
                lambda o: (
                    o.status == "delivered"
                    and o.id not in seen
                    and o.delivered_at is not None
                    and o.delivered_at + after <= as_of
                ),
            )
        return found

    def record_ignored_event(self, event_id: str, at: datetime, provider: str = "stripe") -> bool:
        return record_ignored_event(event_id, at, provider)
