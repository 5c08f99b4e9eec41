"""Orders: checkout, payment events, cancellation, review, unpaid expiry."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from ..domain.carts import Caller
from ..domain.clock import Clock, business_date, to_rfc3339
from ..domain.errors import (
    Conflict,
    FieldError,
    InvalidTransition,
    NotFound,
    PaymentProviderUnavailable,
    RefundRefused,
    ValidationFailed,
)
from ..domain.ids import new_id
from ..domain.orders import (
    CANCELLABLE_BY_CUSTOMER,
    Order,
    OrderLine,
    RiskPolicy,
    Shipment,
    TrackingEvent,
    note,
    refund_owed,
    refund_status,
    risk_reasons,
    transition,
)
from .carts import CartService, CartView, CouponInvalid
from .inventory import level_event, level_guard
from .operations import PAYMENT_MISMATCH, REFUND_REFUSED, ExceptionRepository, OrderException
from .ports import (
    CouponUse,
    EventPublisher,
    FlashUse,
    Metrics,
    NoMetrics,
    OrderChange,
    OrderRepository,
    Outbox,
    OutboxEvent,
    Page,
    PaymentGateway,
    PaymentIntent,
    Position,
    Reservation,
)

log = logging.getLogger("commerce.orders")
ATTEMPTS = 4


@dataclass(frozen=True)
class Checkout:
    order: Order
    payment: PaymentIntent | None


class EventRelay:
    """Publishes outbox events: right after the change that wrote them, and again
    from the relay_outbox schedule for any that did not go out (at least once)."""

    def __init__(self, outbox: Outbox, publisher: EventPublisher) -> None:
        self.outbox = outbox
        self.publisher = publisher

    def relay(self, events: list[OutboxEvent]) -> int:
        if not events:
            return 0
        try:
            self.publisher.publish(events)
            self.outbox.mark_sent(events)
        except Exception:  # noqa: BLE001 - the schedule retries from the outbox
            log.warning("relaying %d events failed; the schedule will retry", len(events), exc_info=True)
            return 0
        return len(events)

    def sweep(self, limit: int = 100) -> dict[str, int]:
        pending = self.outbox.pending(limit)
        return {"pending": len(pending), "published": self.relay(pending)}


class OrderService:
    def __init__(
        self,
        orders: OrderRepository,
        carts: CartService,
        gateway: PaymentGateway,
        relay: EventRelay,
        clock: Clock,
        risk: RiskPolicy,
        payment_window: timedelta,
        exceptions: ExceptionRepository | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.exceptions = exceptions
        self.metrics = metrics or NoMetrics()
        self.orders = orders
        self.carts = carts
        self.gateway = gateway
        self.relay = relay
        self.clock = clock
        self.risk = risk
        self.payment_window = payment_window

    # --- checkout -------------------------------------------------------------------------
    def checkout(self, customer_id: str, cart_id: str, address: dict[str, Any] | None, _attempt: int = 1) -> Checkout:
        """Turn the customer's cart into an order with its stock reserved, then a
        PaymentIntent. Safe to repeat: a cart checked out already resumes its order
        (the retry after the payment provider was unreachable)."""
        caller = Caller(customer_id=customer_id)
        cart = self.carts.carts.get(cart_id)
        if cart is None or cart.customer_id != customer_id:
            raise NotFound(f"No cart {cart_id}.")
        if cart.status == "checked_out" and cart.order_id:
            order = self.orders.get(cart.order_id)
            if order is None:
                raise NotFound(f"No cart {cart_id}.")
            return Checkout(order, self._payment_for(order))
        if cart.status != "active":
            raise NotFound(f"No cart {cart_id}.")
        if address is not None:
            # Priced and ordered with this address; the cart itself is checked out, not edited.
            cart = replace(cart, shipping_address=dict(address))
        view = self.carts.price(cart, caller)
        order = self._order_from(view, customer_id)
        reservations, stock_events = self._reservations(view, order)
        coupon = None
        if view.coupon is not None and view.priced.coupon is not None and view.priced.coupon.applied:
            coupon = CouponUse(view.coupon.code, customer_id, view.coupon.usage_limit, view.coupon.per_customer_limit)
        promotions = {p.id: p for p in view.promotions}
        flash = [
            FlashUse(
                line.flash_promotion_id,
                customer_id,
                line.flash_units,
                promotions[line.flash_promotion_id].quantity,
                promotions[line.flash_promotion_id].per_customer_limit,
            )
            for line in order.lines
            if line.flash_promotion_id and line.flash_units
        ]
        # One TransactWriteItems holds at most 100 items.
        items = 1 + 2 * len(reservations) + 2 + (2 if coupon else 0) + 2 * len(flash) + 1 + len(stock_events)
        if items > 100:
            raise ValidationFailed(
                "This cart is too large to check out at once; split it into two orders.",
                [FieldError("cart_id", "cart_too_large", f"{items} writes; at most 100.")],
                code="cart_too_large",
            )
        event = self._event("order.placed", order)
        try:
            self.orders.place(order, view.cart, reservations, coupon, flash, [event, *stock_events])
        except Conflict as error:
            if error.code not in ("cart_checked_out", "concurrent_update") or _attempt >= ATTEMPTS:
                raise
            # The cart changed or was checked out concurrently, or a SKU's level crossed its
            # safety stock meanwhile: price it again, or resume its order.
            return self.checkout(customer_id, cart_id, address, _attempt + 1)
        # order.placed is informational: the relay_outbox schedule publishes it, keeping checkout short;
        # a stock alert goes out at once.
        self.relay.relay(stock_events)
        if order.total == 0:
            return Checkout(self._mark_paid(order, 0, "no payment due"), None)
        return Checkout(order, self._payment_for(order))

    def _order_from(self, view: CartView, customer_id: str) -> Order:
        priced, cart = view.priced, view.cart
        errors: list[FieldError] = []
        if not priced.lines:
            raise ValidationFailed(
                "The cart is empty.", [FieldError("cart_id", "cart_empty", "Add items first.")], code="cart_empty"
            )
        if view.unavailable:
            skus = [u["sku"] for u in view.unavailable]
            raise Conflict(f"No longer for sale: {', '.join(skus)}.", code="not_available", skus=skus)
        self._check_stock(view)
        if priced.coupon is not None and not priced.coupon.applied:
            raise CouponInvalid(f"Coupon {priced.coupon.code} cannot be used.", reason=priced.coupon.reason)
        if not cart.shipping_address:
            errors.append(FieldError("shipping_address", "required", "Send shipping_address or set one on the cart."))
            raise ValidationFailed("A shipping address is required.", errors, code="shipping_address_required")
        now = self.clock.now()
        lines = tuple(
            OrderLine(
                sku=line.sku,
                product_id=line.product_id,
                title=view.catalog[line.sku][0].title,
                specs=dict(view.catalog[line.sku][1].specs),
                quantity=line.quantity,
                list_price=line.list_price,
                unit_price=line.unit_price,
                line_total=line.line_total,
                order_discount=line.order_discount,
                payable=line.payable,
                adjustments=tuple(
                    {
                        "type": a.kind,
                        "promotion_id": a.promotion_id,
                        "code": a.code,
                        "label": a.label,
                        "amount": a.amount,
                    }
                    for a in line.adjustments
                ),
                flash_promotion_id=line.flash_promotion_id,
                flash_units=line.flash_units,
            )
            for line in priced.lines
        )
        order = Order(
            id=new_id("ord"),
            customer_id=customer_id,
            cart_id=cart.id,
            status="pending_payment",
            payment_status="unpaid",
            currency=self.carts.currency,
            lines=lines,
            subtotal=priced.subtotal,
            discounts=tuple(
                {"type": d.kind, "promotion_id": d.promotion_id, "code": d.code, "label": d.label, "amount": d.amount}
                for d in priced.discounts
            ),
            shipping=priced.shipping.amount,
            total=priced.total,
            shipping_address=dict(cart.shipping_address),
            created_at=now,
            updated_at=now,
            payment_due_at=now + self.payment_window,
            coupon_code=priced.coupon.code if priced.coupon is not None and priced.coupon.applied else None,
        )
        return note(order, now, "placed", f"customer:{customer_id}", "order placed")

    @staticmethod
    def _reservations(view: CartView, order: Order) -> tuple[list[Reservation], list[OutboxEvent]]:
        """Each line's reservation, and a stock.low event for every line that leaves its
        SKU at or below its safety stock (the worker keeps one open alert per SKU). The
        event is decided on the level read here and the reservation guarded by it: a
        concurrent change across the threshold makes the checkout read again rather
        than miss, or wrongly send, the alert."""
        reservations, events = [], []
        for line in order.lines:
            _, sku, stock = view.catalog[line.sku]
            guard = level_guard(stock.available, sku.safety_stock, -line.quantity)
            reservations.append(Reservation(line.product_id, line.sku, line.quantity, guard))
            event = level_event(sku, stock.available - line.quantity, -line.quantity, order.created_at)
            if event is not None:
                events.append(event)
        return reservations, events

    @staticmethod
    def _check_stock(view: CartView) -> None:
        """A fast early answer; the reservation's condition in the transaction is the guarantee."""
        short = [line.sku for line in view.priced.lines if view.catalog[line.sku][2].available < line.quantity]
        if short:
            raise Conflict(f"Not enough stock for {', '.join(short)}.", code="out_of_stock", skus=short)

    def _payment_for(self, order: Order) -> PaymentIntent | None:
        if order.status != "pending_payment":
            return None
        if order.payment_intent_id:
            return self.gateway.retrieve_payment_intent(order.payment_intent_id)
        intent = self.gateway.create_payment_intent(
            order.id, order.total, order.currency, order.customer_id, idempotency_key=f"{order.id}:payment_intent"
        )
        self.orders.set_payment_intent(order.id, intent.id)
        return intent

    # --- reading ------------------------------------------------------------------------------
    def own(self, customer_id: str, order_id: str) -> Order:
        order = self.orders.get(order_id)
        if order is None or order.customer_id != customer_id:
            raise NotFound(f"No order {order_id}.")
        return order

    def get(self, order_id: str) -> Order:
        order = self.orders.get(order_id)
        if order is None:
            raise NotFound(f"No order {order_id}.")
        return order

    def for_customer(self, customer_id: str, limit: int, after: Position | None) -> Page:
        return self.orders.for_customer(customer_id, limit, after)

    def by_status(self, status: str, limit: int, after: Position | None) -> Page:
        from ..domain.orders import STATUSES

        if status not in STATUSES:
            raise ValidationFailed(
                "Unknown status.", [FieldError("status", "invalid_choice", f"One of {', '.join(STATUSES)}.")]
            )
        return self.orders.by_status(status, limit, after)

    # --- changes --------------------------------------------------------------------------------
    def _change(self, order_id: str, decide: Callable[[Order], tuple[Order, OrderChange] | None]) -> Order:
        """Apply a decision to the freshest order, retrying on a concurrent change."""
        for attempt in range(ATTEMPTS):
            order = self.get(order_id)
            decided = decide(order)
            if decided is None:
                return order
            updated, change = decided
            try:
                saved = self.orders.save(updated, change)
            except Conflict as error:
                if error.code == "concurrent_update" and attempt < ATTEMPTS - 1:
                    continue
                raise
            self.relay.relay(list(change.events))
            return saved
        raise AssertionError("unreachable")

    def cancel_by_customer(self, customer_id: str, order_id: str) -> Order:
        order = self.own(customer_id, order_id)
        return self._cancel(order, f"customer:{customer_id}", "cancelled by the customer")

    def _cancel(self, order: Order, actor: str, reason: str) -> Order:
        if order.status not in CANCELLABLE_BY_CUSTOMER:
            raise InvalidTransition(
                f"An order that is {order.status} cannot be cancelled.", current_status=order.status
            )
        if order.status == "pending_payment" and order.payment_intent_id:
            status = self.gateway.cancel_payment_intent(order.payment_intent_id, f"{order.id}:cancel")
            if status != "canceled":
                raise Conflict(
                    "The payment is going through; the order will show as paid shortly, then it can be cancelled with a refund.",
                    code="payment_in_progress",
                )

        def decide(current: Order) -> tuple[Order, OrderChange] | None:
            if current.status == "cancelled":
                return None
            cancelled = transition(current, "cancelled", self.clock.now(), actor, reason)
            # A paid order counted as sold the day it was paid: it is not a sale any more.
            sold_at = next((e.at for e in current.timeline if e.to_status == "paid"), None)
            return cancelled, OrderChange(
                release_stock=True,
                sales_day=self._business_day(sold_at) if sold_at is not None else None,
                sales_sign=-1,
                events=(self._event("order.cancelled", cancelled),),
            )

        saved = self._change(order.id, decide)
        due = saved.amount_paid - saved.amount_refunded
        if due > 0:
            saved = self._refund(saved, due, "cancelled")
        return saved

    def confirm_receipt(self, customer_id: str, order_id: str) -> Order:
        order = self.own(customer_id, order_id)

        def decide(current: Order) -> tuple[Order, OrderChange]:
            done = transition(current, "completed", self.clock.now(), f"customer:{customer_id}", "receipt confirmed")
            return done, OrderChange(events=(self._event("order.completed", done),))

        return self._change(order.id, decide)

    def approve(self, order_id: str, actor: str) -> Order:
        def decide(current: Order) -> tuple[Order, OrderChange]:
            if current.status != "under_review":
                raise InvalidTransition(f"Only an order under review can be approved; this one is {current.status}.")
            cleared = replace(
                transition(current, "paid", self.clock.now(), actor, "review approved"), review_cleared=True
            )
            return cleared, OrderChange(events=(self._event("order.ready_for_fulfillment", cleared),))

        return self._change(order_id, decide)

    def reject(self, order_id: str, actor: str, reason: str | None) -> Order:
        order = self.get(order_id)
        if order.status != "under_review":
            raise InvalidTransition(f"Only an order under review can be rejected; this one is {order.status}.")
        return self._cancel(order, actor, f"review rejected: {reason}" if reason else "review rejected")

    def _refund(self, order: Order, amount: int, why: str) -> Order:
        return self._refund_outcome(order, amount, why)[0]

    def _refund_outcome(self, order: Order, amount: int, why: str) -> tuple[Order, bool]:
        """Refund through the provider, then record it; True when this call recorded
        it (an overlapping call with the same idempotency key records nothing)."""
        if not order.payment_intent_id or amount <= 0:
            return order, False
        try:
            refund_id = self.gateway.refund(order.payment_intent_id, amount, f"{order.id}:refund:{why}")
        except PaymentProviderUnavailable:
            log.error("refund of %s for order %s failed; it stays due", amount, order.id)
            noted = self._change(
                order.id,
                lambda current: (
                    note(current, self.clock.now(), "refund_failed", "system", why, amount=amount),
                    OrderChange(),
                ),
            )
            return noted, False
        except RefundRefused as refused:
            return self._refund_refused(order, amount, why, str(refused)), False
        recorded = [False]

        def decide(current: Order) -> tuple[Order, OrderChange] | None:
            recorded[0] = current.amount_refunded < current.amount_paid
            if not recorded[0]:
                return None
            refunded = current.amount_refunded + amount
            updated = replace(
                note(current, self.clock.now(), "refund", "system", why, amount=amount, refund_id=refund_id),
                amount_refunded=refunded,
                payment_status=refund_status(current.amount_paid, refunded),
            )
            return updated, OrderChange(events=(self._event("order.refunded", updated),))

        return self._change(order.id, decide), recorded[0]

    def _refund_refused(self, order: Order, amount: int, why: str, message: str) -> Order:
        """Stripe answered and refused (already refunded in its dashboard, disputed…):
        retrying cannot help, so the refund leaves the retry queue and becomes an
        exception for customer service, who settle it in Stripe (a refund made
        there comes back through the charge.refunded webhook)."""
        log.error(
            '{"event": "refund_refused", "order_id": "%s", "amount": %d, "reason": "%s"}', order.id, amount, message
        )
        now = self.clock.now()
        noted = self._change(
            order.id,
            lambda current: (
                note(current, now, "refund_refused", "system", why, amount=amount, message=message),
                OrderChange(),
            ),
        )
        self.metrics.count("RefundsRefused")
        self._open_exception(order.id, REFUND_REFUSED, f"Stripe refused a refund of {amount}: {message}", now)
        return noted

    def _open_exception(self, order_id: str, kind: tuple[str, str], detail: str, now: datetime) -> None:
        """An exception for a person to follow up (one per order and kind)."""
        if self.exceptions is None:
            return
        self.exceptions.add(
            OrderException(
                id=f"exc_{order_id.removeprefix('ord_')}_{kind[0]}",
                order_id=order_id,
                kind=kind[0],
                status="open",
                owner_role=kind[1],
                detail=detail,
                due_at=now,
                created_at=now,
            )
        )

    def _mark_paid(self, order: Order, amount: int, why: str) -> Order:
        now = self.clock.now()
        paid = replace(transition(order, "paid", now, "system", why), payment_status="paid", amount_paid=amount)
        reasons = risk_reasons(paid, self.risk, self.orders.count_since(order.customer_id, now - timedelta(hours=1)))
        events = [self._event("order.paid", paid)]
        if reasons:
            paid = replace(transition(paid, "under_review", now, "system", ", ".join(reasons)), risk_reasons=reasons)
            events.append(self._event("order.review_required", paid))
        else:
            events.append(self._event("order.ready_for_fulfillment", paid))
        saved = self.orders.save(paid, OrderChange(sales_day=self._business_day(now), events=tuple(events)))
        self.relay.relay(events)
        return saved

    # --- payment provider events ------------------------------------------------------------------
    def apply_stripe_event(self, event: dict[str, Any]) -> str:
        """Apply a verified Stripe event at most once. Returns what happened."""
        event_id, kind = str(event["id"]), str(event["type"])
        obj: dict[str, Any] = (event.get("data") or {}).get("object") or {}
        now = self.clock.now()
        handler = {
            "payment_intent.succeeded": self._on_succeeded,
            "payment_intent.payment_failed": self._on_failed,
            "payment_intent.canceled": self._on_canceled,
            "charge.refunded": self._on_refunded,
            "charge.dispute.created": self._on_dispute,
        }.get(kind)
        intent_id = obj.get("id") if kind.startswith("payment_intent.") else obj.get("payment_intent")
        order_id = (obj.get("metadata") or {}).get("order_id") if kind.startswith("payment_intent.") else None
        if order_id is None and intent_id:
            order_id = self.orders.order_id_for_payment_intent(str(intent_id))
        if handler is None or order_id is None:
            return "ignored" if self.orders.record_ignored_event(event_id, now) else "duplicate"
        return self._apply(str(order_id), handler, obj, now, event_id)

    def _apply(
        self,
        order_id: str,
        handler: Callable[[Order, dict[str, Any], datetime], Decision],
        obj: dict[str, Any],
        now: datetime,
        event_id: str | None,
    ) -> str:
        """A payment fact applied to the order: from a webhook (recorded with its
        event id, so it applies once) or from Stripe's answer to the API itself."""

        def unchanged(outcome: str) -> str:
            if event_id is None:
                return outcome
            return outcome if self.orders.record_ignored_event(event_id, now) else "duplicate"

        for attempt in range(ATTEMPTS):
            order = self.orders.get(order_id)
            if order is None:
                return unchanged("ignored")
            decided = handler(order, obj, now)
            if decided is None:
                return unchanged("no_change")
            updated, change, outcome, after = decided
            try:
                saved = self.orders.save(updated, replace(change, webhook_event_id=event_id))
            except Conflict as error:
                if error.code == "duplicate_event":
                    return "duplicate"
                if error.code == "concurrent_update" and attempt < ATTEMPTS - 1:
                    continue
                raise
            self.relay.relay(list(change.events))
            if after is not None:
                after(saved)
            return outcome
        raise AssertionError("unreachable")

    Decision = tuple[Order, OrderChange, str, Callable[[Order], Any] | None] | None

    def _on_succeeded(self, order: Order, pi: dict[str, Any], now: datetime) -> Decision:
        amount = int(pi.get("amount_received") or pi.get("amount") or 0)
        currency = str(pi.get("currency", "")).upper()
        if amount != order.total or currency != order.currency:
            if order.payment_mismatched:
                return None
            mismatch = note(
                order,
                now,
                "payment_mismatch",
                "stripe",
                "amount or currency differs from the order",
                amount=amount,
                currency=currency,
            )
            log.error(
                "payment %s for order %s: %s %s, expected %s %s",
                pi.get("id"),
                order.id,
                amount,
                currency,
                order.total,
                order.currency,
            )
            detail = (
                f"Payment {pi.get('id')} succeeded for {amount} {currency}; the order is {order.total} "
                f"{order.currency}. The order is not paid: refund or reconcile in Stripe."
            )

            def follow_up(saved: Order) -> None:
                self.metrics.count("PaymentMismatches")
                self._open_exception(saved.id, PAYMENT_MISMATCH, detail, now)

            return mismatch, OrderChange(), "amount_mismatch", follow_up
        if order.status == "pending_payment":
            paid = replace(
                transition(order, "paid", now, "stripe", "payment succeeded"),
                # A refund or dispute reported before this event (deliveries are unordered) stays.
                payment_status="disputed"
                if order.payment_status == "disputed"
                else refund_status(amount, order.amount_refunded),
                amount_paid=amount,
                payment_intent_id=order.payment_intent_id or pi.get("id"),
            )
            reasons = risk_reasons(
                paid, self.risk, self.orders.count_since(order.customer_id, now - timedelta(hours=1))
            )
            events = [self._event("order.paid", paid)]
            if reasons:
                paid = replace(
                    transition(paid, "under_review", now, "system", ", ".join(reasons)), risk_reasons=reasons
                )
                events.append(self._event("order.review_required", paid))
            else:
                events.append(self._event("order.ready_for_fulfillment", paid))
            return paid, OrderChange(sales_day=self._business_day(now), events=tuple(events)), "paid", None
        if order.status == "cancelled" and order.amount_paid == 0:
            late = replace(
                note(order, now, "late_payment", "stripe", "paid after cancellation: refunding"),
                amount_paid=amount,
                payment_status="paid",
                payment_intent_id=order.payment_intent_id or pi.get("id"),
            )
            return (
                late,
                OrderChange(),
                "refunding_late_payment",
                lambda saved: self._refund(saved, amount, "late_payment"),
            )
        return None

    def _on_failed(self, order: Order, pi: dict[str, Any], now: datetime) -> Decision:
        if order.status != "pending_payment":
            return None
        error = pi.get("last_payment_error") or {}
        failed = note(order, now, "payment_failed", "stripe", str(error.get("message") or "payment failed"))
        return failed, OrderChange(), "payment_failed", None

    def _on_canceled(self, order: Order, pi: dict[str, Any], now: datetime) -> Decision:
        if order.status != "pending_payment":
            return None
        cancelled = transition(order, "cancelled", now, "stripe", "payment intent canceled")
        return (
            cancelled,
            OrderChange(release_stock=True, events=(self._event("order.cancelled", cancelled),)),
            "cancelled",
            None,
        )

    def _on_refunded(self, order: Order, charge: dict[str, Any], now: datetime) -> Decision:
        refunded = int(charge.get("amount_refunded") or 0)
        if refunded <= order.amount_refunded:
            return None
        updated = replace(
            note(
                order,
                now,
                "refund",
                "stripe",
                "refund reported by the provider",
                amount=refunded - order.amount_refunded,
            ),
            amount_refunded=refunded,
            payment_status="disputed"
            if order.payment_status == "disputed"
            else refund_status(order.amount_paid or order.total, refunded),
        )
        return updated, OrderChange(events=(self._event("order.refunded", updated),)), "refunded", None

    def _on_dispute(self, order: Order, dispute: dict[str, Any], now: datetime) -> Decision:
        if order.payment_status == "disputed":
            return None
        disputed = replace(
            note(order, now, "dispute", "stripe", str(dispute.get("reason") or "dispute opened")),
            payment_status="disputed",
        )
        return disputed, OrderChange(events=(self._event("order.disputed", disputed),)), "disputed", None

    # --- fulfillment ------------------------------------------------------------------------------
    def start_fulfillment(self, order_id: str) -> str:
        """The fulfillment worker: a paid (or approved) order moves to fulfilling with
        a fulfillment record. Idempotent by order: a second message changes nothing."""
        order = self.orders.get(order_id)
        if order is None:
            raise NotFound(f"No order {order_id}.")

        def decide(current: Order) -> tuple[Order, OrderChange] | None:
            if current.status != "paid" or (current.risk_reasons and not current.review_cleared):
                return None
            moved = transition(current, "fulfilling", self.clock.now(), "system", "fulfillment started")
            return moved, OrderChange(
                fulfillment_status="awaiting_shipment", events=(self._event("order.fulfilling", moved),)
            )

        try:
            saved = self._change(order_id, decide)
        except Conflict as error:
            if error.code != "duplicate_fulfillment":
                raise
            return "already_started"
        return "started" if saved.version > order.version else f"skipped:{saved.status}"

    def ship(
        self, order_id: str, carrier: str, tracking_number: str, lines: dict[str, int] | None, actor: str
    ) -> Order:
        """Warehouse staff hand goods to a carrier: all remaining lines, or some of them."""

        def decide(current: Order) -> tuple[Order, OrderChange]:
            if current.status != "fulfilling":
                raise InvalidTransition(f"Only an order being fulfilled can ship; this one is {current.status}.")
            remaining = current.unshipped()
            wanted = dict(lines) if lines else remaining
            problems = [
                FieldError(f"lines.{sku}", "exceeds_remaining", f"{remaining.get(sku, 0)} of {sku} left to ship.")
                for sku, quantity in wanted.items()
                if quantity < 1 or quantity > remaining.get(sku, 0)
            ]
            if problems or not wanted:
                raise ValidationFailed(
                    "Those lines cannot ship.", problems or [FieldError("lines", "required", "Nothing left to ship.")]
                )
            now = self.clock.now()
            updated = replace(current, shipments=current.shipments + (Shipment(carrier, tracking_number, wanted, now),))
            complete = not updated.unshipped()
            if complete:
                updated = transition(updated, "shipped", now, actor, f"{carrier} {tracking_number}")
            else:
                updated = note(updated, now, "partial_shipment", actor, f"{carrier} {tracking_number}", lines=wanted)
            products = {line.sku: line.product_id for line in current.lines}
            return updated, OrderChange(
                ship=tuple(Reservation(products[sku], sku, quantity) for sku, quantity in wanted.items()),
                tracking=(carrier, tracking_number),
                fulfillment_status="shipped" if complete else None,
                events=(self._event("order.shipped" if complete else "order.partially_shipped", updated),),
            )

        return self._change(order_id, decide)

    def apply_tracking(self, update: dict[str, Any]) -> str:
        """A carrier's tracking update, applied at most once (by the carrier's own
        event id: two carriers may use the same ids). An update for a parcel no
        shipment has yet is refused without using up its event id, so the
        carrier's redelivery after staff enter the shipment is applied."""
        event_id = str(update["event_id"])
        now = self.clock.now()
        order_id = self.orders.order_id_for_tracking(update["carrier"], update["tracking_number"])
        if order_id is None:
            raise NotFound(
                f"No shipment has {update['carrier']} tracking number {update['tracking_number']} (yet); "
                "deliver the update again once it is entered.",
                code="unknown_tracking",
            )
        progress = {"shipped": 0, "exception": 1, "in_transit": 2, "out_for_delivery": 3, "delivered": 4}
        at = update["at"]

        def decide(current: Order) -> tuple[Order, OrderChange] | None:
            shipments = list(current.shipments)
            index = next(
                i
                for i, s in enumerate(shipments)
                if (s.carrier, s.tracking_number) == (update["carrier"], update["tracking_number"])
            )
            shipment = shipments[index]
            status = update["status"]
            # Updates arrive in any order: a shipment's status only moves forward.
            new_status = status if progress[status] >= progress[shipment.status] else shipment.status
            event = TrackingEvent(at, status, update.get("description"), update.get("location"))
            shipments[index] = replace(shipment, status=new_status, events=shipment.events + (event,))
            updated = replace(current, shipments=tuple(shipments), updated_at=now)
            events: tuple[OutboxEvent, ...] = ()
            fulfillment_status = None
            if updated.status == "shipped" and all(s.status == "delivered" for s in updated.shipments):
                updated = replace(transition(updated, "delivered", now, "carrier", "delivered"), delivered_at=at)
                events = (self._event("order.delivered", updated),)
                fulfillment_status = "delivered"
            return updated, OrderChange(
                webhook_event_id=event_id,
                event_provider=f"logistics:{update['carrier']}",
                events=events,
                fulfillment_status=fulfillment_status,
            )

        try:
            saved = self._change(order_id, decide)
        except Conflict as error:
            if error.code == "duplicate_event":
                return "duplicate"
            raise
        return saved.status

    def fulfillments(self, status: str, limit: int, after: Position | None) -> Page:
        if status not in ("awaiting_shipment", "shipped", "delivered"):
            raise ValidationFailed(
                "Unknown status.", [FieldError("status", "invalid_choice", "awaiting_shipment, shipped or delivered.")]
            )
        return self.orders.fulfillments(status, limit, after)

    def auto_complete(self, as_of: datetime, batch: int = 100) -> dict[str, int]:
        """Delivered orders whose confirmation window closed are completed."""
        summary = {"examined": 0, "completed": 0}
        for order in self.orders.due_completion(as_of, batch):
            summary["examined"] += 1

            moved = [False]  # by this run: an overlapping run may have got there first

            def decide(current: Order, moved: list[bool] = moved) -> tuple[Order, OrderChange] | None:
                moved[0] = current.status == "delivered"
                if not moved[0]:
                    return None
                done = transition(current, "completed", as_of, "system", "confirmation window closed")
                return done, OrderChange(events=(self._event("order.completed", done),))

            self._change(order.id, decide)
            summary["completed"] += moved[0]
        return summary

    # --- schedule -------------------------------------------------------------------------------
    def release_unpaid(self, as_of: datetime, batch: int = 100, max_rounds: int = 10) -> dict[str, int]:
        """Cancel orders whose payment window closed, returning their stock. The
        PaymentIntent is cancelled first: one that succeeded meanwhile is recorded
        as paid from Stripe's answer (its webhook may be late, or lost), one Stripe
        is still processing stays pending. Orders left pending do not hold up the
        rest: each round reads past the ones this run has looked at already (up to
        batch x max_rounds orders per run)."""
        summary = {"examined": 0, "cancelled": 0, "paid_meanwhile": 0, "processing": 0, "mismatched": 0, "skipped": 0}
        seen: set[str] = set()
        for _ in range(max_rounds):
            fresh = [o for o in self.orders.due_unpaid(as_of, batch + len(seen)) if o.id not in seen][:batch]
            if not fresh:
                break
            for order in fresh:
                seen.add(order.id)
                summary["examined"] += 1
                summary[self._expire(order, as_of)] += 1
        return summary

    def _expire(self, order: Order, as_of: datetime) -> str:
        if order.payment_mismatched:
            return "mismatched"  # money was taken: an open payment_mismatch exception, for a person
        if order.payment_intent_id:
            try:
                status = self.gateway.cancel_payment_intent(order.payment_intent_id, f"{order.id}:expire")
                if status == "succeeded":
                    intent = self.gateway.retrieve_payment_intent(order.payment_intent_id)
                    facts = {"id": intent.id, "amount": intent.amount, "currency": intent.currency}
                    outcome = self._apply(order.id, self._on_succeeded, facts, self.clock.now(), None)
                    return "mismatched" if outcome == "amount_mismatch" else "paid_meanwhile"
            except PaymentProviderUnavailable:
                return "skipped"
            if status != "canceled":
                return "processing"

        moved = [False]  # by this run: an overlapping run may have got there first

        def decide(current: Order) -> tuple[Order, OrderChange] | None:
            moved[0] = current.status == "pending_payment"
            if not moved[0]:
                return None
            cancelled = transition(current, "cancelled", as_of, "system", "payment window expired")
            return cancelled, OrderChange(release_stock=True, events=(self._event("order.cancelled", cancelled),))

        self._change(order.id, decide)
        return "cancelled" if moved[0] else "skipped"

    def retry_refunds(self, as_of: datetime, batch: int = 100) -> dict[str, int]:
        """Refunds still owed on cancelled orders (the provider was down when they
        were due): retried with the original idempotency key, so a refund whose
        answer was lost is never paid twice."""
        summary = {"examined": 0, "refunded": 0, "failed": 0, "refused": 0}
        for order in self.orders.due_refund(as_of, batch):
            owed = refund_owed(order)
            if owed is None:
                continue
            summary["examined"] += 1
            amount, why = owed
            try:
                saved, recorded = self._refund_outcome(order, amount, why)
            except Exception:  # noqa: BLE001 - one order's refusal must not stop the others
                log.exception("retrying the refund of order %s failed", order.id)
                summary["failed"] += 1
                continue
            if recorded:
                summary["refunded"] += 1
            elif refund_owed(saved) is not None:
                summary["failed"] += 1
            elif saved.timeline and saved.timeline[-1].type == "refund_refused":
                summary["refused"] += 1
            else:
                summary["examined"] -= 1  # an overlapping run refunded it first: not this run's
        return summary

    def _business_day(self, at: datetime) -> date:
        return business_date(at, self.carts.store_timezone)

    # --- events -------------------------------------------------------------------------------
    def _event(self, kind: str, order: Order) -> OutboxEvent:
        return OutboxEvent(
            id=new_id("evt"),
            type=kind,
            detail={
                "order_id": order.id,
                "customer_id": order.customer_id,
                "status": order.status,
                "payment_status": order.payment_status,
                "total": {"amount": order.total, "currency": order.currency},
                "lines": [
                    {"sku": line.sku, "product_id": line.product_id, "quantity": line.quantity} for line in order.lines
                ],
                "occurred_at": to_rfc3339(order.updated_at),
            },
            at=order.updated_at,
        )
