"""Orders read and acted on by their customer and by staff: cancel (refunding what
was paid), confirm receipt, approve or reject after risk review."""

from __future__ import annotations

from dataclasses import replace

from ...domain.error_codes import PaymentErrorCode
from ...domain.errors import Conflict, FieldError, InvalidTransition, NotFound, ValidationFailed
from ...domain.orders import CANCELLABLE_BY_CUSTOMER, STATUSES, Order, order_event, transition
from ...domain.refunds import RefundRequest, by_source, in_flight, succeeded_units
from ..ports import OrderChange, Page, PaymentGateway, Position
from ..refunds import RefundService, sold_at, with_refund
from .changes import OrderChanges

CANCELLED = "cancelled"  # the source of a cancellation's refund: key {order_id}:refund:cancelled


def unrefunded_sales(order: Order) -> dict[str, tuple[int, int]] | None:
    """The lines still counted as sold (sku -> units, revenue): all of them (None)
    unless a refund took some units off the counters already."""
    refunded = succeeded_units(order.refunds)
    if not refunded:
        return None
    amounts: dict[str, int] = {}
    for refund in order.refunds:
        if refund.status == "succeeded":
            for sku, amount in refund.line_amounts.items():
                amounts[sku] = amounts.get(sku, 0) + amount
    return {
        line.sku: (line.quantity - refunded.get(line.sku, 0), line.payable - amounts.get(line.sku, 0))
        for line in order.lines
    }


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
        if order.status in ("pending_payment", "deposit_pending") and order.payment_intent_id:
            status = self.gateway.cancel_payment_intent(order.payment_intent_id, f"{order.id}:cancel")
            if status != "canceled":
                raise Conflict(
                    "The payment is going through; the order will show as paid shortly, then it can be cancelled with a refund.",
                    code=PaymentErrorCode.PAYMENT_IN_PROGRESS,
                )

        def decide(current: Order) -> tuple[Order, OrderChange] | None:
            if current.status == "cancelled":
                return None
            now = self.changes.clock.now()
            cancelled = transition(current, "cancelled", now, actor, reason)
            # What was paid and is not refunded yet comes back, recorded in this write
            # (so a crash before Stripe answers leaves it owed, for retry_refunds).
            due = current.amount_paid - current.amount_refunded - in_flight(current.refunds)
            if due > 0 and current.payment_intent_id and by_source(current.refunds, CANCELLED) is None:
                request = RefundRequest(order.id, CANCELLED, reason, actor, amount=due)
                cancelled, _ = with_refund(cancelled, request, now)
            # A paid order counted as sold the day it was paid: it is not a sale any more
            # (units a refund took off the counters already are not taken off twice).
            sold = sold_at(current)
            return cancelled, OrderChange(
                release_stock=True,
                sales_day=self.changes.business_day(sold) if sold is not None else None,
                sales_sign=-1,
                sales_units=unrefunded_sales(current),
                events=(order_event("order.cancelled", cancelled),),
            )

        saved = self.changes.change(order.id, decide)
        refund = by_source(saved.refunds, CANCELLED)
        if refund is not None and refund.status == "pending":
            self.refunds.take(saved, refund)
            saved = self.changes.get(order.id)
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
