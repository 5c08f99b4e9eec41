"""Orders read and acted on by their customer and by staff: cancel (refunding what
was paid), confirm receipt, approve or reject after risk review."""

from __future__ import annotations

from dataclasses import replace

from ...domain.error_codes import PaymentErrorCode
from ...domain.errors import Conflict, FieldError, InvalidTransition, NotFound, ValidationFailed
from ...domain.orders import CANCELLABLE_BY_CUSTOMER, STATUSES, Order, order_event, transition
from ..ports import OrderChange, Page, PaymentGateway, Position
from ..refunds import RefundService
from .changes import OrderChanges


class OrderService:
    def __init__(self, changes: OrderChanges, gateway: PaymentGateway, refunds: RefundService) -> None:
        self.changes = changes
        self.orders = changes.orders
        self.gateway = gateway
        self.refunds = refunds

    def own(self, customer_id: str, order_id: str) -> Order:
        order = self.orders.get(order_id)
        if order is None or order.customer_id != customer_id:
            raise NotFound(f"No order {order_id}.")
        return order

    def get(self, order_id: str) -> Order:
        return self.changes.get(order_id)

    def for_customer(self, customer_id: str, limit: int, after: Position | None) -> Page:
        return self.orders.for_customer(customer_id, limit, after)

    def by_status(self, status: str, limit: int, after: Position | None) -> Page:
        if status not in STATUSES:
            raise ValidationFailed(
                "Unknown status.", [FieldError("status", "invalid_choice", f"One of {', '.join(STATUSES)}.")]
            )
        return self.orders.by_status(status, limit, after)

    def cancel_by_customer(self, customer_id: str, order_id: str) -> Order:
        order = self.own(customer_id, order_id)
        return self.cancel(order, f"customer:{customer_id}", "cancelled by the customer")

    def cancel(self, order: Order, actor: str, reason: str) -> Order:
        if order.status not in CANCELLABLE_BY_CUSTOMER:
            raise InvalidTransition(
                f"An order that is {order.status} cannot be cancelled.", current_status=order.status
            )
        if order.status == "pending_payment" and order.payment_intent_id:
            status = self.gateway.cancel_payment_intent(order.payment_intent_id, f"{order.id}:cancel")
            if status != "canceled":
                raise Conflict(
                    "The payment is going through; the order will show as paid shortly, then it can be cancelled with a refund.",
                    code=PaymentErrorCode.PAYMENT_IN_PROGRESS,
                )

        def decide(current: Order) -> tuple[Order, OrderChange] | None:
            if current.status == "cancelled":
                return None
            cancelled = transition(current, "cancelled", self.changes.clock.now(), actor, reason)
            # A paid order counted as sold the day it was paid: it is not a sale any more.
            sold_at = next((e.at for e in current.timeline if e.to_status == "paid"), None)
            return cancelled, OrderChange(
                release_stock=True,
                sales_day=self.changes.business_day(sold_at) if sold_at is not None else None,
                sales_sign=-1,
                events=(order_event("order.cancelled", cancelled),),
            )

        saved = self.changes.change(order.id, decide)
        due = saved.amount_paid - saved.amount_refunded
        if due > 0:
            saved = self.refunds.refund(saved, due, "cancelled").order
        return saved

    def confirm_receipt(self, customer_id: str, order_id: str) -> Order:
        order = self.own(customer_id, order_id)

        def decide(current: Order) -> tuple[Order, OrderChange]:
            if current.open_after_sales:
                raise InvalidTransition(
                    "The order has an open after-sale request; it completes once that ends.",
                    current_status=current.status,
                )
            done = transition(
                current, "completed", self.changes.clock.now(), f"customer:{customer_id}", "receipt confirmed"
            )
            return done, OrderChange(events=(order_event("order.completed", done),))

        return self.changes.change(order.id, decide)

    def approve(self, order_id: str, actor: str) -> Order:
        def decide(current: Order) -> tuple[Order, OrderChange]:
            if current.status != "under_review":
                raise InvalidTransition(f"Only an order under review can be approved; this one is {current.status}.")
            cleared = replace(
                transition(current, "paid", self.changes.clock.now(), actor, "review approved"), review_cleared=True
            )
            return cleared, OrderChange(events=(order_event("order.ready_for_fulfillment", cleared),))

        return self.changes.change(order_id, decide)

    def reject(self, order_id: str, actor: str, reason: str | None) -> Order:
        order = self.get(order_id)
        if order.status != "under_review":
            raise InvalidTransition(f"Only an order under review can be rejected; this one is {order.status}.")
        return self.cancel(order, actor, f"review rejected: {reason}" if reason else "review rejected")
