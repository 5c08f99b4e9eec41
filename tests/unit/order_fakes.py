"""In-memory orders, outbox, publisher and operational exceptions: the ports
``OrderRepository``, ``Outbox``, ``EventPublisher`` (chalicelib/services/ports.py)
and ``ExceptionRepository`` (chalicelib/services/operations.py).

``FakeOrders`` keeps the contract of ``DynamoOrders``: one "transaction" per
call that validates every condition first and writes last (a failed write
changes nothing), the same Conflict codes in the same precedence, stock moved
on a shared ``SkuStore`` exactly as the SKU items move (reserve: reserved up,
available down; release: the reverse; ship: on_hand and reserved down), and the
due_* queries read off the same due index (sorted by due time then id, the
limit applied before the status filter). tests/unit/test_order_fakes.py runs
the contract against both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from chalicelib.adapters.dynamo.order_records import auto_complete_after, settlement_policy
from chalicelib.adapters.dynamo.order_writes import sold_lines
from chalicelib.domain.budgets import BudgetUse
from chalicelib.domain.carts import Cart
from chalicelib.domain.error_codes import CommonErrorCode, MarketingErrorCode
from chalicelib.domain.errors import Conflict, CouponInvalid, NotFound
from chalicelib.domain.ids import new_id
from chalicelib.domain.operations import OrderException
from chalicelib.domain.orders import UNPAID, Order
from chalicelib.domain.refunds import due_for_retry, first_retry_at
from chalicelib.domain.settlement import settlement_due, settlement_filed_at
from chalicelib.services.ports import (
    CouponUse,
    FlashUse,
    IdempotentResponse,
    LedgerEntry,
    OrderChange,
    OutboxEvent,
    Page,
    Position,
    Reservation,
    StoredResponse,
)

from .fakes import SkuStore, paginate


class TransactionRefused(Exception):
    """A condition DynamoOrders does not translate failed (it lets TransactWriteError
    through): writing for a SKU or a fulfillment record that does not exist."""


def due_entry(order: Order) -> tuple[str, datetime] | None:
    """The order's place on the due index (which queue, and when), as DynamoOrders files it."""
    settle_at = settlement_filed_at(order, settlement_policy().days)
    if order.status in UNPAID:
        return "payment", order.payment_due_at
    if order.status == "balance_due" and order.presale is not None:
        return "balance", order.presale.balance_ends_at
    if (retry_at := first_retry_at(order.refunds)) is not None:
        return "refund", retry_at
    if order.status == "delivered" and order.delivered_at is not None:
        complete_at = order.delivered_at + auto_complete_after()
        if settle_at is not None and settle_at < complete_at:
            return "settlement", settle_at
        return "completion", complete_at
    return ("settlement", settle_at) if settle_at is not None else None


# --- outbox and publisher -------------------------------------------------------------------
class FakeOutbox:
    """Events written by the transactions that caused them, until the relay marks them sent."""

    def __init__(self) -> None:
        self.unsent: dict[str, OutboxEvent] = {}
        self.written: list[OutboxEvent] = []  # every event ever written, in order

    def write(self, events: list[OutboxEvent] | tuple[OutboxEvent, ...]) -> None:
        for event in events:
            self.unsent[event.id] = event
            self.written.append(event)

    def pending(self, limit: int) -> list[OutboxEvent]:
        return [self.unsent[i] for i in sorted(self.unsent)][:limit]

    def mark_sent(self, events: list[OutboxEvent]) -> None:
        for event in events:
            self.unsent.pop(event.id, None)


@dataclass
class RecordingPublisher:
    """Records what the relay publishes; ``failing`` makes every publish raise."""

    published: list[OutboxEvent] = field(default_factory=list)
    failing: bool = False

    def publish(self, events: list[OutboxEvent]) -> None:
        if self.failing:
            raise ConnectionError("the event bus is unreachable")
        self.published.extend(events)

    def types(self) -> list[str]:
        return [e.type for e in self.published]


# --- operational exceptions ----------------------------------------------------------------------
class FakeExceptions:
    def __init__(self) -> None:
        self.by_id: dict[str, OrderException] = {}
        self.events: list[OutboxEvent] = []  # written with the exceptions (the outbox)

    def add(self, exception: OrderException, events: Sequence[OutboxEvent] = ()) -> bool:
        if exception.id in self.by_id:
            return False
        self.by_id[exception.id] = exception
        self.events.extend(events)
        return True

    def get(self, exception_id: str) -> OrderException | None:
        return self.by_id.get(exception_id)

    def save(self, exception: OrderException) -> None:
        if exception.id not in self.by_id:
            raise TransactionRefused(f"No exception {exception.id} to save.")
        self.by_id[exception.id] = exception

    def by_status(self, status: str, limit: int, after: Position | None) -> Page:
        found = [e for e in self.by_id.values() if e.status == status]
        return paginate(found, lambda e: (e.id,), descending=True, limit=limit, after=after)

    def open_for(self, order_id: str) -> list[tuple[str, str]]:
        """(kind, owner role) of the order's open exceptions."""
        return sorted(
            (e.kind, e.owner_role) for e in self.by_id.values() if e.order_id == order_id and e.status == "open"
        )


# --- orders -------------------------------------------------------------------------------------
class FakeOrders:
    def __init__(self, store: SkuStore | None = None, outbox: FakeOutbox | None = None) -> None:
        self.store = store if store is not None else SkuStore()
        self.outbox = outbox if outbox is not None else FakeOutbox()
        self.orders: dict[str, Order] = {}
        self.carts: dict[str, Cart] = {}  # the carts checkout may consume (add_cart)
        self.intents: dict[str, str] = {}  # payment intent -> order id
        self.responses: dict[tuple[str, str], StoredResponse] = {}  # Idempotency-Key answers placed with orders
        self.tracking: dict[tuple[str, str], str] = {}  # (carrier, number) -> order id
        self.processed: dict[tuple[str, str], str] = {}  # (provider, event id) -> outcome
        self.fulfillment: dict[str, dict[str, Any]] = {}  # order id -> record
        self.coupon_used: dict[str, int] = {}
        self.coupon_usage: dict[tuple[str, str], int] = {}  # (code, customer) -> uses
        self.flash_sold: dict[str, int] = {}
        self.spent: dict[tuple[str, str], int] = {}  # (kind, id) -> budget money taken (ADR 0028)
        self.flash_usage: dict[tuple[str, str], int] = {}  # (promotion, customer) -> units
        self.sku_sales: dict[tuple[date, str], tuple[int, int]] = {}  # (day, sku) -> (units, revenue)
        self.product_sales: dict[str, int] = {}

    # --- test set-up ----------------------------------------------------------------------------
    def add_cart(self, cart: Cart) -> None:
        """What CartRepository.add leaves in the table: a cart place() can check out."""
        self.carts[cart.id] = cart

    # --- writes ---------------------------------------------------------------------------------
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
        if order.id in self.orders:
            raise TransactionRefused(f"Order {order.id} exists already.")
        refused = [r for r in reservations if not self._reservable(r)]
        if refused:
            levels = self.store.levels
            short = sorted(r.sku for r in refused if r.sku not in levels or levels[r.sku].available < r.quantity)
            if short:
                raise Conflict(f"Not enough stock for {', '.join(short)}.", code="out_of_stock", skus=short)
            raise Conflict("The stock level changed meanwhile.", code="concurrent_update")
        stored = self.carts.get(cart.id)
        if stored is None or stored.status != "active" or stored.version != cart.version:
            raise Conflict("This cart has been checked out already.", code="cart_checked_out")
        if coupon is not None:
            used = self.coupon_used.get(coupon.code, 0)
            mine = self.coupon_usage.get((coupon.code, coupon.customer_id), 0)
            if (coupon.usage_limit is not None and used >= coupon.usage_limit) or (
                coupon.per_customer_limit is not None and mine > coupon.per_customer_limit - 1
            ):
                raise CouponInvalid("The coupon's usage limit was reached.", reason="usage_exhausted")
        for f in flash:
            sold = self.flash_sold.get(f.promotion_id, 0)
            mine = self.flash_usage.get((f.promotion_id, f.customer_id), 0)
            if (f.quantity is not None and sold > f.quantity - f.units) or (
                f.per_customer_limit is not None and mine > f.per_customer_limit - f.units
            ):
                raise Conflict(
                    "The flash sale sold out or your flash limit was reached; review your cart.",
                    code="flash_sale_unavailable",
                )
        for u in budgets:
            if self.spent.get((u.kind, u.id), 0) + u.amount > u.budget:
                if u.kind == "coupon":
                    raise CouponInvalid("The coupon's budget is used up.", reason="budget_exhausted")
                raise Conflict("A promotion's budget ran out meanwhile.", code=MarketingErrorCode.PROMOTION_EXHAUSTED)
        # every condition holds: write it all
        for u in budgets:
            self.spent[(u.kind, u.id)] = self.spent.get((u.kind, u.id), 0) + u.amount
        self.orders[order.id] = order
        for r in reservations:
            self._move(r.sku, reserved=r.quantity)
            self._ledger(order.id, r.sku, 0, r.quantity, "reserved", order.created_at)
        self.carts[cart.id] = replace(
            stored, status="checked_out", order_id=order.id, updated_at=order.created_at, version=stored.version + 1
        )
        if coupon is not None:
            self.coupon_used[coupon.code] = self.coupon_used.get(coupon.code, 0) + 1
            key = (coupon.code, coupon.customer_id)
            self.coupon_usage[key] = self.coupon_usage.get(key, 0) + 1
        for f in flash:
            self.flash_sold[f.promotion_id] = self.flash_sold.get(f.promotion_id, 0) + f.units
            usage = (f.promotion_id, f.customer_id)
            self.flash_usage[usage] = self.flash_usage.get(usage, 0) + f.units
        if order.payment_intent_id is not None:
            self.intents[order.payment_intent_id] = order.id
        if response is not None:
            self.responses[(response.scope, response.key)] = response.response
        self.outbox.write(events)

    def save(self, order: Order, change: OrderChange, previous: Order | None = None) -> Order:
        current = self.orders.get(order.id)
        failed: list[str] = []
        if change.tracking is not None and change.tracking in self.tracking:
            failed.append("tracking")
        status = change.fulfillment_status
        if status == "awaiting_shipment" and order.id in self.fulfillment:
            failed.append("fulfillment")
        if status is not None and status != "awaiting_shipment" and order.id not in self.fulfillment:
            failed.append("fulfillment_status")
        if change.webhook_event_id is not None and (change.event_provider, change.webhook_event_id) in self.processed:
            failed.append("event")
        if current is None or current.version != order.version:
            failed.append("order")
        short = sorted(
            r.sku
            for r in change.ship
            if r.sku not in self.store.levels or self.store.levels[r.sku].reserved < r.quantity
        )
        missing = sorted({line.sku for line in order.lines if line.sku not in self.store.levels})
        products = {s.product_id for s in self.store.skus.values()}
        unknown = sorted({line.product_id for line in order.lines if line.product_id not in products})
        # the precedence DynamoOrders.save reads the failed conditions in
        if "tracking" in failed:
            raise Conflict("This tracking number is already in use.", code="tracking_number_taken")
        if "fulfillment" in failed:
            raise Conflict("The order is being fulfilled already.", code="duplicate_fulfillment")
        if "event" in failed:
            raise Conflict("This event was applied already.", code="duplicate_event")
        if "order" in failed:
            raise Conflict("The order changed meanwhile.", code="concurrent_update")
        if short:
            raise Conflict(
                f"The stock reserved for {', '.join(short)} does not cover this shipment; "
                "check GET /admin/inventory/{sku} and its ledger.",
                code="reservation_mismatch",
            )
        if failed or (change.release_stock and missing) or (change.sales_day is not None and unknown):
            raise TransactionRefused(f"Conditions failed: {failed or missing or unknown}.")
        # every condition holds: write it all
        saved = replace(order, version=order.version + 1)
        self.orders[order.id] = saved
        if change.webhook_event_id is not None:
            self.processed[(change.event_provider, change.webhook_event_id)] = order.status
        if change.release_stock:
            self._release(order)
        if change.sales_day is not None:
            for line, quantity, payable in sold_lines(order, change):
                units, revenue = self.sku_sales.get((change.sales_day, line.sku), (0, 0))
                sign = change.sales_sign
                self.sku_sales[(change.sales_day, line.sku)] = (units + sign * quantity, revenue + sign * payable)
                self.product_sales[line.product_id] = self.product_sales.get(line.product_id, 0) + sign * quantity
        if status is not None:
            record = self.fulfillment.get(order.id, {"order_id": order.id, "created_at": order.updated_at})
            self.fulfillment[order.id] = {**record, "status": status, "updated_at": order.updated_at}
        for r in change.ship:
            self._move(r.sku, on_hand=-r.quantity, reserved=-r.quantity)
            self._ledger(order.id, r.sku, -r.quantity, -r.quantity, "shipped", order.updated_at)
        if change.tracking is not None:
            self.tracking[change.tracking] = order.id
        if change.payment_intent is not None:
            self.intents[change.payment_intent] = order.id
        self.outbox.write(change.events)
        return saved

    def _reservable(self, r: Reservation) -> bool:
        level = self.store.levels.get(r.sku)
        if level is None or level.available < r.quantity:
            return False
        low, high = r.available_between or (None, None)
        return (low is None or level.available >= low) and (high is None or level.available <= high)

    def _release(self, order: Order) -> None:
        """Return the order's reservations, and the coupon and flash usage it took."""
        held = order.reserved_units()
        for line in order.lines:
            if held[line.sku] > 0:
                self._move(line.sku, reserved=-held[line.sku])
                self._ledger(order.id, line.sku, 0, -held[line.sku], "released", order.updated_at)
            if line.flash_promotion_id and line.flash_units:
                pid = line.flash_promotion_id
                self.flash_sold[pid] = self.flash_sold.get(pid, 0) - line.flash_units
                key = (pid, order.customer_id)
                self.flash_usage[key] = self.flash_usage.get(key, 0) - line.flash_units
        if order.coupon_code:
            self.coupon_used[order.coupon_code] = self.coupon_used.get(order.coupon_code, 0) - 1
            key = (order.coupon_code, order.customer_id)
            self.coupon_usage[key] = self.coupon_usage.get(key, 0) - 1

    def _move(self, sku: str, on_hand: int = 0, reserved: int = 0) -> None:
        level = self.store.levels[sku]
        self.store.levels[sku] = replace(level, on_hand=level.on_hand + on_hand, reserved=level.reserved + reserved)

    def _ledger(self, order_id: str, sku: str, on_hand: int, reserved: int, reason: str, at: datetime) -> None:
        entry = LedgerEntry(new_id("led"), sku, on_hand, reserved, reason, "system", at, reference=order_id)
        self.store.record([entry])

    def set_payment_intent(self, order_id: str, payment_intent_id: str) -> None:
        order = self.orders.get(order_id)
        if order is None:
            raise NotFound(f"No order {order_id}.")
        if order.payment_intent_id not in (None, payment_intent_id):
            raise Conflict("The order has another payment intent.", code=CommonErrorCode.CONCURRENT_UPDATE)
        # not a versioned write: the version stays
        self.orders[order_id] = replace(order, payment_intent_id=payment_intent_id)
        self.intents[payment_intent_id] = order_id

    def record_ignored_event(self, event_id: str, at: datetime, provider: str = "stripe") -> bool:
        if (provider, event_id) in self.processed:
            return False
        self.processed[(provider, event_id)] = "ignored"
        return True

    # --- reads ------------------------------------------------------------------------------------
    def get(self, order_id: str) -> Order | None:
        return self.orders.get(order_id)

    def order_id_for_payment_intent(self, payment_intent_id: str) -> str | None:
        return self.intents.get(payment_intent_id)

    def order_id_for_tracking(self, carrier: str, tracking_number: str) -> str | None:
        return self.tracking.get((carrier, tracking_number))

    def for_customer(self, customer_id: str, limit: int, after: Position | None) -> Page:
        mine = [o for o in self.orders.values() if o.customer_id == customer_id]
        return paginate(mine, lambda o: (o.id,), descending=True, limit=limit, after=after)

    def by_status(self, status: str, limit: int, after: Position | None, oldest_first: bool = False) -> Page:
        found = [o for o in self.orders.values() if o.status == status]
        return paginate(found, lambda o: (o.id,), descending=not oldest_first, limit=limit, after=after)

    def count_since(self, customer_id: str, since: datetime) -> int:
        return sum(1 for o in self.orders.values() if o.customer_id == customer_id and o.created_at >= since)

    def fulfillments(self, status: str, limit: int, after: Position | None) -> Page:
        found = [dict(r) for r in self.fulfillment.values() if r["status"] == status]
        return paginate(found, lambda r: (r["order_id"],), descending=True, limit=limit, after=after)

    def _due(self, queue: str, statuses: tuple[str, ...], as_of: datetime, limit: int) -> list[Order]:
        filed = [(entry[1], o.id) for o in self.orders.values() if (entry := due_entry(o)) and entry[0] == queue]
        due = sorted(d for d in filed if d[0] <= as_of)[:limit]
        return [self.orders[i] for _, i in due if self.orders[i].status in statuses]

    def due_unpaid(self, as_of: datetime, limit: int) -> list[Order]:
        return self._due("payment", UNPAID, as_of, limit)

    def due_balance(self, as_of: datetime, limit: int) -> list[Order]:
        return self._due("balance", ("balance_due",), as_of, limit)

    def due_refund(self, as_of: datetime, limit: int) -> list[Order]:
        return [o for o in self._filed("refund", as_of) if due_for_retry(o.refunds, as_of)][:limit]

    def _filed(self, queue: str, as_of: datetime) -> list[Order]:
        filed = [(entry[1], o.id) for o in self.orders.values() if (entry := due_entry(o)) and entry[0] == queue]
        return [self.orders[i] for _, i in sorted(d for d in filed if d[0] <= as_of)]

    def due_completion(self, as_of: datetime, limit: int) -> list[Order]:
        found = self._due("completion", ("delivered",), as_of, limit)
        after = auto_complete_after()
        seen = {o.id for o in found}
        found += [
            o
            for o in self._filed("settlement", as_of)
            if o.status == "delivered" and o.id not in seen and o.delivered_at and o.delivered_at + after <= as_of
        ]
        return found[:limit]

    def due_settlement(self, as_of: datetime, limit: int) -> list[Order]:
        policy = settlement_policy()
        return [
            o
            for o in self._filed("settlement", as_of)
            if (due := settlement_due(o, policy)) is not None and due <= as_of
        ][:limit]
