"""Orders for unit tests: valid orders built without a cart or pricing, and the
order services (payments, actions, fulfillment, jobs, refunds) wired over the
in-memory fakes, a fake payment gateway and a clock the test moves."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from chalicelib.domain.carts import Cart
from chalicelib.domain.catalog import Sku
from chalicelib.domain.clock import FixedClock
from chalicelib.domain.ids import new_id
from chalicelib.domain.orders import Order, OrderLine, RiskPolicy, note
from chalicelib.services.orders.actions import OrderService
from chalicelib.services.orders.changes import OrderChanges
from chalicelib.services.orders.fulfillment import FulfillmentService
from chalicelib.services.orders.jobs import OrderJobs
from chalicelib.services.orders.payment_events import PaymentEventService
from chalicelib.services.ports import Reservation
from chalicelib.services.refunds import RefundService
from chalicelib.services.relay import EventRelay
from tests.payments import FakeGateway, event

from .builders import CURRENCY, T0
from .fakes import SkuStore
from .order_fakes import FakeExceptions, FakeOrders, FakeOutbox, RecordingPublisher

PAYMENT_WINDOW = timedelta(minutes=30)
STORE_TIMEZONE = "Asia/Shanghai"


def a_sku(code: str, product_id: str | None = None, price: int = 10000) -> Sku:
    return Sku(code, product_id or f"prod_{code.lower()}", {}, price, None, None, 500, 0)


def an_order(
    lines: dict[str, int],
    *,
    prices: dict[str, int] | None = None,
    customer_id: str = "cus_1",
    at: Any = T0,
    window: timedelta = PAYMENT_WINDOW,
    **overrides: Any,
) -> Order:
    """A pending order for ``lines`` (SKU -> quantity) at 10000 a unit unless priced."""
    order_lines = tuple(
        OrderLine(
            sku=sku,
            product_id=f"prod_{sku.lower()}",
            title=sku,
            specs={},
            quantity=quantity,
            list_price=(prices or {}).get(sku, 10000),
            unit_price=(prices or {}).get(sku, 10000),
            line_total=(prices or {}).get(sku, 10000) * quantity,
            order_discount=0,
            payable=(prices or {}).get(sku, 10000) * quantity,
        )
        for sku, quantity in lines.items()
    )
    subtotal = sum(line.payable for line in order_lines)
    values: dict[str, Any] = {
        "id": new_id("ord"),
        "customer_id": customer_id,
        "cart_id": new_id("cart"),
        "status": "pending_payment",
        "payment_status": "unpaid",
        "currency": CURRENCY,
        "lines": order_lines,
        "subtotal": subtotal,
        "discounts": (),
        "shipping": 0,
        "total": subtotal,
        "shipping_address": {"name": "Mei", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Rd"},
        "created_at": at,
        "updated_at": at,
        "payment_due_at": at + window,
    }
    values.update(overrides)
    return note(Order(**values), at, "placed", f"customer:{customer_id}", "order placed")


def a_cart_for(order: Order) -> Cart:
    return Cart(order.cart_id, order.customer_id, None, "active", (), order.created_at, order.created_at)


def reservations_of(order: Order) -> list[Reservation]:
    return [Reservation(line.product_id, line.sku, line.quantity) for line in order.lines]


@dataclass
class OrderWorld:
    """The order services over fakes. ``clock`` is fixed; move it with ``later``."""

    clock: FixedClock = field(default_factory=lambda: FixedClock(T0))
    gateway: FakeGateway = field(default_factory=FakeGateway)
    risk: RiskPolicy = field(default_factory=RiskPolicy)

    def __post_init__(self) -> None:
        self.store = SkuStore()
        self.outbox = FakeOutbox()
        self.publisher = RecordingPublisher()
        self.relay = EventRelay(self.outbox, self.publisher)
        self.orders = FakeOrders(self.store, self.outbox)
        self.exceptions = FakeExceptions()
        self.changes = OrderChanges(self.orders, self.relay, self.clock, STORE_TIMEZONE, self.exceptions)
        self.refunds = RefundService(self.changes, self.gateway)
        self.payments = PaymentEventService(self.changes, self.refunds, self.risk)
        self.actions = OrderService(self.changes, self.gateway, self.refunds)
        self.fulfillment = FulfillmentService(self.changes)
        self.fulfillment_queue = RecordingPublisher()  # requeue_fulfillment's: the SQS routing only
        self.jobs = OrderJobs(self.changes, self.gateway, self.payments, self.refunds, self.fulfillment_queue)

    def later(self, **delta: float) -> None:
        self.clock.at = self.clock.at + timedelta(**delta)

    def stock(self, code: str, on_hand: int = 10, price: int = 10000) -> None:
        self.store.put_new(a_sku(code, price=price), on_hand)

    def level(self, code: str) -> dict[str, int]:
        level = self.store.levels[code]
        return {"on_hand": level.on_hand, "reserved": level.reserved, "available": level.available}

    def place(self, lines: dict[str, int], *, customer_id: str = "cus_1", with_intent: bool = True, **kw: Any) -> Order:
        """What checkout does with a priced cart: the order placed with its stock
        reserved and its order.placed event, then a PaymentIntent."""
        from chalicelib.domain.orders import order_event

        order = an_order(lines, customer_id=customer_id, at=self.clock.now(), **kw)
        self.orders.add_cart(a_cart_for(order))
        self.orders.place(
            order, a_cart_for(order), reservations_of(order), None, [], [order_event("order.placed", order)]
        )
        if with_intent:
            intent = self.gateway.create_payment_intent(
                order.id, order.total, order.currency, customer_id, f"{order.id}:payment_intent"
            )
            self.orders.set_payment_intent(order.id, intent.id)
        return self.get(order.id)

    def get(self, order_id: str) -> Order:
        order = self.orders.get(order_id)
        assert order is not None
        return order

    def intent(self, order: Order) -> dict[str, Any]:
        assert order.payment_intent_id is not None
        return self.gateway.intents[order.payment_intent_id]

    def succeeded(self, order: Order) -> dict[str, Any]:
        """Stripe charged the order's intent: its payment_intent.succeeded event (not yet delivered)."""
        assert order.payment_intent_id is not None
        return self.gateway.succeed(order.payment_intent_id)

    def pay(self, order: Order) -> Order:
        outcome = self.payments.apply_stripe_event(self.succeeded(order))
        assert outcome == "paid", outcome
        return self.get(order.id)

    def charge_event(self, kind: str, order: Order, **obj: Any) -> dict[str, Any]:
        """A charge.* event for the order's payment."""
        return event(kind, {"id": "ch_1", "payment_intent": order.payment_intent_id, **obj})
