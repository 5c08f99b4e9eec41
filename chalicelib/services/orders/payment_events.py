"""Stripe's payment facts applied to orders, each at most once: a webhook is
recorded with its event id; a fact learnt from Stripe's own answer (an unpaid
order's sweep) is applied the same way without one."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from ...domain.error_codes import CommonErrorCode
from ...domain.errors import Conflict
from ...domain.orders import Order, RiskPolicy, note, order_event, refund_status, risk_reasons, settle_paid, transition
from ..operations import PAYMENT_MISMATCH
from ..ports import OrderChange
from ..refunds import RefundService
from ..retry import retry_on_conflict
from .changes import ATTEMPTS, OrderChanges

log = logging.getLogger("commerce.orders.payments")

# (the order to save, what else the write does, the outcome, a follow-up once saved) or None: nothing to do
Decision = tuple[Order, OrderChange, str, Callable[[Order], Any] | None] | None


class PaymentEventService:
    def __init__(self, changes: OrderChanges, refunds: RefundService, risk: RiskPolicy) -> None:
        self.changes = changes
        self.orders = changes.orders
        self.refunds = refunds
        self.risk = risk

    def apply_stripe_event(self, event: dict[str, Any]) -> str:
        """Apply a verified Stripe event at most once. Returns what happened."""
        event_id, kind = str(event["id"]), str(event["type"])
        obj: dict[str, Any] = (event.get("data") or {}).get("object") or {}
        now = self.changes.clock.now()
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

    def ignore_event(self, event_id: str) -> str:
        """A verified event we will not apply (its shape is not one we can read):
        recorded as processed, so that its redeliveries answer ``duplicate``."""
        return "ignored" if self.orders.record_ignored_event(event_id, self.changes.clock.now()) else "duplicate"

    def record_succeeded(self, order_id: str, facts: dict[str, Any]) -> str:
        """A payment Stripe answered as succeeded when asked (its webhook late or lost)."""
        return self._apply(order_id, self._on_succeeded, facts, self.changes.clock.now(), None)

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

        def attempt() -> tuple[str, tuple[Order, OrderChange, Callable[[Order], Any] | None] | None]:
            order = self.orders.get(order_id)
            if order is None:
                return unchanged("ignored"), None
            decided = handler(order, obj, now)
            if decided is None:
                return unchanged("no_change"), None
            updated, change, outcome, after = decided
            return outcome, (self.orders.save(updated, replace(change, webhook_event_id=event_id)), change, after)

        try:
            outcome, written = retry_on_conflict(attempt, ATTEMPTS)
        except Conflict as error:
            if error.code == CommonErrorCode.DUPLICATE_EVENT:
                return "duplicate"
            raise
        if written is not None:
            saved, change, after = written
            self.changes.relay.relay(list(change.events))
            if after is not None:
                after(saved)
        return outcome

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
                "payment amount or currency differs from the order",
                extra={
                    "event": "payment_mismatch",
                    "order_id": order.id,
                    "payment_intent_id": pi.get("id"),
                    "amount": amount,
                    "currency": currency,
                    "expected_amount": order.total,
                    "expected_currency": order.currency,
                },
            )
            detail = (
                f"Payment {pi.get('id')} succeeded for {amount} {currency}; the order is {order.total} "
                f"{order.currency}. The order is not paid: refund or reconcile in Stripe."
            )

            def follow_up(saved: Order) -> None:
                self.changes.metrics.count("PaymentMismatches")
                self.changes.open_exception(saved.id, PAYMENT_MISMATCH, detail, now)

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
            recent = self.orders.count_since(order.customer_id, now - timedelta(hours=1))
            paid, events = settle_paid(paid, now, risk_reasons(paid, self.risk, recent))
            return paid, OrderChange(sales_day=self.changes.business_day(now), events=events), "paid", None
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
                lambda saved: self.refunds.refund(saved, amount, "late_payment"),
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
            OrderChange(release_stock=True, events=(order_event("order.cancelled", cancelled),)),
            "cancelled",
            None,
        )

    def _on_refunded(self, order: Order, charge: dict[str, Any], now: datetime) -> Decision:
        # Deliveries are unordered: a refund can be reported before the payment it refunds
        # (Stripe refunds only a charge that succeeded), so it is recorded against the
        # order's total until the payment lands. Never more than was paid, or is due.
        ceiling = order.amount_paid or order.total
        refunded = min(int(charge.get("amount_refunded") or 0), ceiling)
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
            payment_status="disputed" if order.payment_status == "disputed" else refund_status(ceiling, refunded),
        )
        return updated, OrderChange(events=(order_event("order.refunded", updated),)), "refunded", None

    def _on_dispute(self, order: Order, dispute: dict[str, Any], now: datetime) -> Decision:
        if order.payment_status == "disputed":
            return None
        disputed = replace(
            note(order, now, "dispute", "stripe", str(dispute.get("reason") or "dispute opened")),
            payment_status="disputed",
        )
        return disputed, OrderChange(events=(order_event("order.disputed", disputed),)), "disputed", None
