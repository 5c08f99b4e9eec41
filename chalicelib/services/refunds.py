"""Refunds: money back through the payment provider, recorded on the order once.
Cancellation uses it today; returns and partial refunds build on it. Every refund
has an idempotency key of its own (order and reason), so a retry after a lost
answer never pays twice."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from ..domain.errors import PaymentProviderUnavailable, RefundRefused
from ..domain.orders import Order, note, order_event, refund_status
from .operations import REFUND_REFUSED
from .orders.changes import OrderChanges
from .ports import OrderChange, PaymentGateway

log = logging.getLogger("commerce.refunds")


@dataclass(frozen=True)
class RefundOutcome:
    order: Order
    recorded: bool  # this call recorded the refund (an overlapping call with the same key records nothing)
    outcome: str  # refunded | nothing_due | failed | refused | already_refunded


class RefundService:
    def __init__(self, changes: OrderChanges, gateway: PaymentGateway) -> None:
        self.changes = changes
        self.gateway = gateway

    def refund(self, order: Order, amount: int, why: str) -> RefundOutcome:
        """Refund ``amount`` of the order's payment for reason ``why``. A provider
        that is down leaves a refund_failed entry (retry_refunds tries again with
        the same key); one that refuses opens an exception for customer service."""
        if not order.payment_intent_id or amount <= 0:
            return RefundOutcome(order, False, "nothing_due")
        try:
            refund_id = self.gateway.refund(order.payment_intent_id, amount, f"{order.id}:refund:{why}")
        except PaymentProviderUnavailable:
            log.error(
                "refund failed; it stays due",
                extra={"event": "refund_failed", "order_id": order.id, "amount": amount, "reason": why},
            )
            noted = self.changes.change(
                order.id,
                lambda current: (
                    note(current, self.changes.clock.now(), "refund_failed", "system", why, amount=amount),
                    OrderChange(),
                ),
            )
            return RefundOutcome(noted, False, "failed")
        except RefundRefused as refused:
            return RefundOutcome(self._refused(order, amount, why, str(refused)), False, "refused")
        recorded = False

        def decide(current: Order) -> tuple[Order, OrderChange] | None:
            nonlocal recorded
            recorded = current.amount_refunded < current.amount_paid
            if not recorded:
                return None
            refunded = current.amount_refunded + amount
            updated = replace(
                note(current, self.changes.clock.now(), "refund", "system", why, amount=amount, refund_id=refund_id),
                amount_refunded=refunded,
                payment_status=refund_status(current.amount_paid, refunded),
            )
            return updated, OrderChange(events=(order_event("order.refunded", updated),))

        saved = self.changes.change(order.id, decide)
        return RefundOutcome(saved, recorded, "refunded" if recorded else "already_refunded")

    def _refused(self, order: Order, amount: int, why: str, message: str) -> Order:
        """Stripe answered and refused (already refunded in its dashboard, disputed…):
        retrying cannot help, so the refund leaves the retry queue and becomes an
        exception for customer service, who settle it in Stripe (a refund made
        there comes back through the charge.refunded webhook)."""
        log.error(
            "refund refused by the provider",
            extra={"event": "refund_refused", "order_id": order.id, "amount": amount, "reason": message},
        )
        now = self.changes.clock.now()
        noted = self.changes.change(
            order.id,
            lambda current: (
                note(current, now, "refund_refused", "system", why, amount=amount, message=message),
                OrderChange(),
            ),
        )
        self.changes.metrics.count("RefundsRefused")
        self.changes.open_exception(order.id, REFUND_REFUSED, f"Stripe refused a refund of {amount}: {message}", now)
        return noted
