"""Refunds: money back through the payment provider, recorded on the order once.

Every refund (a cancellation, a payment after cancellation, a staff refund, an
after-sale) is a record on its order (domain/refunds.py), written ``pending``
before the provider is called and named by its source, which also names the
provider's idempotency key (``{order_id}:refund:{source}``): a retry after a lost
answer or a crash never pays twice (docs/adr/0010-refund-records.md)."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from ..domain.error_codes import RefundErrorCode
from ..domain.errors import PaymentProviderUnavailable, RefundRefused, ValidationFailed
from ..domain.ids import new_id
from ..domain.orders import Order, note, order_event, refund_status
from ..domain.presale import refund_split
from ..domain.refund_allocation import allocate
from ..domain.refunds import (
    Refund,
    RefundRequest,
    by_source,
    in_flight,
    refunded_units,
    retry_due_at,
    shipping_refunded,
)
from .operations import REFUND_REFUSED
from .orders.changes import OrderChanges
from .ports import OrderChange, PaymentGateway

log = logging.getLogger("commerce.refunds")


def provider_key(order_id: str, source: str) -> str:
    """The provider's idempotency key of a refund: the same for every attempt."""
    return f"{order_id}:refund:{source}"


def sold_at(order: Order) -> datetime | None:
    """When the order counted as sold: its first move to paid (None: never sold)."""
    return next((e.at for e in order.timeline if e.type == "status_changed" and e.to_status == "paid"), None)


def unsold_units(order: Order, refund: Refund) -> dict[str, tuple[int, int]]:
    """What a succeeded refund takes off the sales counters (sku -> units, revenue)."""
    return {sku: (units, refund.line_amounts.get(sku, 0)) for sku, units in refund.lines.items() if units > 0}


def with_refund(order: Order, request: RefundRequest, now: datetime) -> tuple[Order, Refund]:
    """The order with a new ``pending`` refund recorded on it (not yet taken to the
    provider): bounded by what is left of the payment (paid - refunded - in
    flight), units by the allocation rule. ValidationFailed when it cannot be."""
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
    return replace(noted, refunds=order.refunds + (refund,)), refund


def refund_payments(gateway: PaymentGateway, order: Order, refund: Refund, key: str) -> str:
    """Take a refund to the provider: one refund of the order's payment, or, for a
    presale order paid in two (ADR 0026), the balance's part first, then the
    deposit's (``<key>:balance``, ``<key>:deposit``; the ids joined by a comma)."""
    assert order.payment_intent_id is not None
    terms = order.presale
    if terms is None or terms.balance_intent_id is None or order.amount_paid <= terms.deposit:
        return gateway.refund(order.payment_intent_id, refund.amount, key)
    ids_in_order = [r.id for r in order.refunds]
    before = order.refunds[: ids_in_order.index(refund.id)] if refund.id in ids_in_order else order.refunds
    earlier = sum(r.amount for r in before if r.status != "refused")  # refunds before this one, in order
    from_balance, from_deposit = refund_split(terms, order.amount_paid, earlier, refund.amount)
    ids = []
    if from_balance > 0:
        ids.append(gateway.refund(terms.balance_intent_id, from_balance, f"{key}:balance"))
    if from_deposit > 0:
        ids.append(gateway.refund(order.payment_intent_id, from_deposit, f"{key}:deposit"))
    return ",".join(ids)


class RefundService:
    def __init__(self, changes: OrderChanges, gateway: PaymentGateway) -> None:
        self.changes = changes
        self.gateway = gateway

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
        recorded, _ = with_refund(order, request, self.changes.clock.now())
        return recorded, OrderChange()

    def retry_due(self, order_id: str, refund_id: str, as_of: datetime) -> Refund | None:
        """Take a refund the provider has not taken yet again (retry_refunds), if it is
        still due on the freshest order (None: an overlapping call settled it)."""
        order = self.changes.get(order_id)
        refund = next((r for r in order.refunds if r.id == refund_id), None)
        if refund is None or (due := retry_due_at(refund)) is None or due > as_of:
            return None
        taken, settled_here = self._take(order, refund)
        if not settled_here and taken.status in ("succeeded", "refused"):
            return None  # an overlapping run (or call) recorded Stripe's answer first
        return taken

    def take(self, order: Order, refund: Refund) -> Refund:
        """Take a recorded refund to the provider (again: the key makes a repeat harmless)."""
        return self._take(order, refund)[0]

    def _take(self, order: Order, refund: Refund) -> tuple[Refund, bool]:
        """The refund after the provider's answer, and whether this call recorded it."""
        assert order.payment_intent_id is not None
        try:
            provider_id = refund_payments(self.gateway, order, refund, provider_key(order.id, refund.source))
        except PaymentProviderUnavailable:
            log.error(
                "refund failed; it stays due",
                extra={"event": "refund_failed", "order_id": order.id, "refund_id": refund.id, "amount": refund.amount},
            )
            return self._settle(order.id, refund.id, "failed", None)
        except RefundRefused as refused:
            log.error(
                "refund refused by the provider",
                extra={"event": "refund_refused", "order_id": order.id, "refund_id": refund.id, "reason": str(refused)},
            )
            saved, recorded = self._settle(order.id, refund.id, "refused", str(refused))
            if recorded:
                # Retrying cannot help (refunded in Stripe's dashboard already, disputed…):
                # customer service settle it in Stripe; a refund made there comes back
                # through the charge.refunded webhook.
                self.changes.metrics.count("RefundsRefused")
                self.changes.open_exception(
                    order.id,
                    REFUND_REFUSED,
                    f"Stripe refused refund {refund.id} of {refund.amount}: {refused}",
                    self.changes.clock.now(),
                )
            return saved, recorded
        return self._settle(order.id, refund.id, "succeeded", provider_id)

    def _settle(self, order_id: str, refund_id: str, status: str, detail: str | None) -> tuple[Refund, bool]:
        """Record the provider's answer on the refund once; a refund already settled
        (an overlapping call got there first) is left as it is. A refund of units
        takes them off the sales counters of the day the order sold, in the same
        write (a cancelled order's lines were taken off when it was cancelled)."""

        recorded = [False]  # by this call: an overlapping one may have got there first

        def decide(current: Order) -> tuple[Order, OrderChange] | None:
            refund = next(r for r in current.refunds if r.id == refund_id)
            recorded[0] = not (refund.status in ("succeeded", "refused") or (refund.status == status == "failed"))
            if not recorded[0]:
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
                sold = sold_at(current)
                unsold = unsold_units(current, refund) if current.status != "cancelled" else {}
                return updated, OrderChange(
                    sales_day=self.changes.business_day(sold) if sold is not None and unsold else None,
                    sales_sign=-1,
                    sales_units=unsold or None,
                    events=(order_event("order.refunded", updated),),
                )
            kind = "refund_failed" if status == "failed" else "refund_refused"
            extra = {"message": detail} if detail else {}
            noted = note(
                current, now, kind, "system", refund.reason, amount=refund.amount, refund_id=refund.id, **extra
            )
            return replace(noted, refunds=refunds), OrderChange()

        saved = self.changes.change(order_id, decide)
        return next(r for r in saved.refunds if r.id == refund_id), recorded[0]
