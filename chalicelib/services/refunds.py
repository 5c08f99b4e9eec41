"""Refunds: money back through the payment provider, recorded on the order once.
Cancellation uses it today; returns and partial refunds build on it. Every refund
has an idempotency key of its own (order and reason), so a retry after a lost
answer never pays twice."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from ..domain.error_codes import RefundErrorCode
from ..domain.errors import PaymentProviderUnavailable, RefundRefused, ValidationFailed
from ..domain.ids import new_id
from ..domain.orders import Order, note, order_event, refund_status
from ..domain.refund_allocation import allocate
from ..domain.refunds import Refund, RefundRequest, by_source, in_flight, refunded_units, shipping_refunded
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

    def refund_order(self, request: RefundRequest) -> Refund:
        """Record the refund (pending), take it to the provider with a key derived from
        its source, then record what the provider said. The same source again returns
        the refund already made, going back to the provider only while it is owed."""
        order = self.changes.get(request.order_id)
        existing = by_source(order.refunds, request.source)
        if existing is None:
            order = self.changes.change(request.order_id, lambda current: self._record(current, request))
            existing = by_source(order.refunds, request.source)
            assert existing is not None
        if existing.status in ("pending", "failed"):
            return self.take(order, existing)
        return existing

    def _record(self, order: Order, request: RefundRequest) -> tuple[Order, OrderChange] | None:
        if by_source(order.refunds, request.source) is not None:
            return None  # an overlapping call recorded it first
        if order.amount_paid <= 0 or not order.payment_intent_id:
            raise ValidationFailed("The order has taken no payment to refund.", code=RefundErrorCode.ORDER_NOT_PAID)
        allocation = allocate(
            order,
            refunded_units(order.refunds),
            request.lines,
            seller_fault=request.seller_fault,
            shipping_refunded=shipping_refunded(order.refunds),
        )
        shipping = allocation.shipping
        if request.include_shipping and not shipping_refunded(order.refunds):
            shipping = order.shipping
        amount = sum(allocation.lines.values()) + shipping + request.amount
        if amount <= 0:
            raise ValidationFailed("The refund comes to nothing.", code=RefundErrorCode.NOTHING_TO_REFUND)
        left = order.amount_paid - order.amount_refunded - in_flight(order.refunds)
        if amount > left:
            raise ValidationFailed(
                f"A refund of {amount} is more than the {max(left, 0)} left of what was paid.",
                code=RefundErrorCode.REFUND_EXCEEDS_PAID,
            )
        now = self.changes.clock.now()
        refund = Refund(
            id=new_id("rf"),
            order_id=order.id,
            amount=amount,
            status="pending",
            reason=request.reason,
            source=request.source,
            created_at=now,
            lines=dict(request.lines),
            line_amounts=allocation.lines,
            shipping=shipping,
            actor=request.actor,
            updated_at=now,
        )
        noted = note(order, now, "refund_requested", request.actor, request.reason, refund_id=refund.id, amount=amount)
        return replace(noted, refunds=order.refunds + (refund,)), OrderChange()

    def take(self, order: Order, refund: Refund) -> Refund:
        """Take a recorded refund to the provider (again: the key makes a repeat harmless)."""
        assert order.payment_intent_id is not None
        try:
            provider_id = self.gateway.refund(
                order.payment_intent_id, refund.amount, f"{order.id}:refund:{refund.source}"
            )
        except PaymentProviderUnavailable:
            log.error(
                "refund failed; it stays due",
                extra={"event": "refund_failed", "order_id": order.id, "refund_id": refund.id, "amount": refund.amount},
            )
            return self._settle(order.id, refund.id, "failed", None)
        except RefundRefused as refused:
            saved = self._settle(order.id, refund.id, "refused", str(refused))
            if saved.status == "refused":
                self.changes.metrics.count("RefundsRefused")
                self.changes.open_exception(
                    order.id,
                    REFUND_REFUSED,
                    f"Stripe refused refund {refund.id} of {refund.amount}: {refused}",
                    self.changes.clock.now(),
                )
            return saved
        return self._settle(order.id, refund.id, "succeeded", provider_id)

    def _settle(self, order_id: str, refund_id: str, status: str, detail: str | None) -> Refund:
        """Record the provider's answer on the refund once; a refund already settled
        (an overlapping call got there first) is left as it is."""

        def decide(current: Order) -> tuple[Order, OrderChange] | None:
            refund = next(r for r in current.refunds if r.id == refund_id)
            if refund.status in ("succeeded", "refused") or (refund.status == status == "failed"):
                return None
            now = self.changes.clock.now()
            provider_id = detail if status == "succeeded" else refund.provider_refund_id
            settled = replace(refund, status=status, provider_refund_id=provider_id, updated_at=now)
            refunds = tuple(settled if r.id == refund_id else r for r in current.refunds)
            if status == "succeeded":
                refunded = current.amount_refunded + refund.amount
                updated = replace(
                    note(current, now, "refund", "system", refund.reason, amount=refund.amount, refund_id=refund.id),
                    refunds=refunds,
                    amount_refunded=refunded,
                    payment_status=current.payment_status
                    if current.payment_status == "disputed"
                    else refund_status(current.amount_paid, refunded),
                )
                return updated, OrderChange(events=(order_event("order.refunded", updated),))
            kind = "refund_failed" if status == "failed" else "refund_refused"
            extra = {"message": detail} if detail else {}
            noted = note(
                current, now, kind, "system", refund.reason, amount=refund.amount, refund_id=refund.id, **extra
            )
            return replace(noted, refunds=refunds), OrderChange()

        saved = self.changes.change(order_id, decide)
        return next(r for r in saved.refunds if r.id == refund_id)

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
