"""The scheduled order sweeps: unpaid orders past their payment window are
cancelled (or recorded as paid from Stripe's answer), delivered orders past the
confirmation window are completed, refunds the provider could not take are
retried. Each summary counts only what its own run changed."""

from __future__ import annotations

import logging
from datetime import datetime

from ...domain.errors import PaymentProviderUnavailable
from ...domain.orders import Order, order_event, refund_owed, transition
from ..ports import OrderChange, PaymentGateway
from ..refunds import RefundService
from .changes import OrderChanges
from .payment_events import PaymentEventService

log = logging.getLogger("commerce.orders.jobs")


class OrderJobs:
    def __init__(
        self, changes: OrderChanges, gateway: PaymentGateway, payments: PaymentEventService, refunds: RefundService
    ) -> None:
        self.changes = changes
        self.orders = changes.orders
        self.gateway = gateway
        self.payments = payments
        self.refunds = refunds

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
                return done, OrderChange(events=(order_event("order.completed", done),))

            self.changes.change(order.id, decide)
            summary["completed"] += moved[0]
        return summary

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
                    outcome = self.payments.record_succeeded(order.id, facts)
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
            return cancelled, OrderChange(release_stock=True, events=(order_event("order.cancelled", cancelled),))

        self.changes.change(order.id, decide)
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
                result = self.refunds.refund(order, amount, why)
            except Exception:  # noqa: BLE001 - one order's refusal must not stop the others
                log.exception("retrying a refund failed", extra={"event": "refund_retry_failed", "order_id": order.id})
                summary["failed"] += 1
                continue
            saved = result.order
            if result.recorded:
                summary["refunded"] += 1
            elif refund_owed(saved) is not None:
                summary["failed"] += 1
            elif saved.timeline and saved.timeline[-1].type == "refund_refused":
                summary["refused"] += 1
            else:
                summary["examined"] -= 1  # an overlapping run refunded it first: not this run's
        return summary
