"""Stripe's payment facts applied to orders, each at most once: a webhook is
recorded with its event id; a fact learnt from Stripe's own answer (an unpaid
order's sweep) is applied the same way without one."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from ...domain.clock import to_rfc3339
from ...domain.error_codes import CommonErrorCode
from ...domain.errors import Conflict, PaymentProviderUnavailable
from ...domain.events import Event
from ...domain.ids import new_id
from ...domain.orders import Order, RiskPolicy, note, order_event, refund_status, risk_reasons, settle_paid, transition
from ...domain.presale import expected_amount
from ...domain.refunds import Dispute, Refund, RefundRequest, by_source, in_flight
from ..operations import DISPUTE, PAYMENT_MISMATCH
from ..ports import OrderChange
from ..refunds import RefundService, with_refund
from ..retry import retry_on_conflict
from .changes import ATTEMPTS, OrderChanges

log = logging.getLogger("commerce.orders.payments")

LATE_PAYMENT = "late_payment"  # the source of a late payment's refund: key {order_id}:refund:late_payment

# (the order to save, what else the write does, the outcome, a follow-up once saved) or None: nothing to do
Decision = tuple[Order, OrderChange, str, Callable[[Order], Any] | None] | None


class PaymentFacts(Protocol):
    def payment_facts(self, payment_intent_id: str) -> tuple[int | None, int | None]: ...  # (captured, fee)


class PaymentEventService:
    def __init__(
        self, changes: OrderChanges, refunds: RefundService, risk: RiskPolicy, facts: PaymentFacts | None = None
    ) -> None:
        self.changes = changes
        self.orders = changes.orders
        self.refunds = refunds
        self.risk = risk
        self.facts = facts
        self._facts_of: tuple[str, tuple[int | None, int | None]] | None = None  # the last intent asked about

    def _payment_facts(self, intent_id: str | None) -> tuple[int | None, int | None]:
        """Stripe's (captured, fee) for a payment being recorded, asked once (a retried
        write reuses the answer), so that settlement need not ask at night (ADR 0029).
        Stripe down or silent: (None, None), and settlement asks then."""
        if self.facts is None or not intent_id:
            return None, None
        if self._facts_of is not None and self._facts_of[0] == intent_id:
            return self._facts_of[1]
        try:
            captured, fee = self.facts.payment_facts(intent_id)
        except PaymentProviderUnavailable:
            return None, None
        if fee is None:
            captured = None  # recorded together or not at all
        self._facts_of = (intent_id, (captured, fee))
        return captured, fee

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
            "charge.dispute.closed": self._on_dispute_closed,
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
            return outcome, (
                self.orders.save(updated, replace(change, webhook_event_id=event_id), order),
                change,
                after,
            )

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
        expected = expected_amount(order.presale, order.total, pi.get("id"))  # a presale: deposit or balance
        if amount != expected or currency != order.currency:
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
                    "expected_amount": expected,
                    "expected_currency": order.currency,
                },
            )
            detail = (
                f"Payment {pi.get('id')} succeeded for {amount} {currency}; the order is {expected} "
                f"{order.currency}. The order is not paid: refund or reconcile in Stripe."
            )

            def follow_up(saved: Order) -> None:
                self.changes.metrics.count("PaymentMismatches")
                self.changes.open_exception(saved.id, PAYMENT_MISMATCH, detail, now)

            return mismatch, OrderChange(), "amount_mismatch", follow_up
        if order.status == "deposit_pending":  # a presale's deposit (ADR 0026)
            deposit_paid = replace(
                transition(order, "balance_due", now, "stripe", "deposit paid"),
                payment_status="deposit_paid",
                amount_paid=amount,
            )
            event = order_event("order.balance_due", deposit_paid)
            return deposit_paid, OrderChange(events=(event,)), "balance_due", None
        if order.status == "balance_due" and order.presale and pi.get("id") != order.presale.balance_intent_id:
            return None  # the deposit's again
        if order.status in ("pending_payment", "balance_due"):
            amount += order.amount_paid  # a presale's balance: on top of its deposit
            intent_id = order.payment_intent_id or pi.get("id")
            captured, fee = self._payment_facts(intent_id)
            if order.presale is not None and fee is not None:  # the deposit's and the balance's facts, summed
                balance_captured, balance_fee = self._payment_facts(order.presale.balance_intent_id)
                if balance_fee is None or captured is None or balance_captured is None:
                    captured, fee = None, None  # settlement asks Stripe for both then
                else:
                    captured, fee = captured + balance_captured, fee + balance_fee
            paid = replace(
                transition(order, "paid", now, "stripe", "payment succeeded"),
                # A refund or dispute reported before this event (deliveries are unordered) stays.
                payment_status="disputed"
                if order.payment_status == "disputed"
                else refund_status(amount, order.amount_refunded),
                amount_paid=amount,
                payment_intent_id=intent_id,
                payment_fee=fee,
                payment_captured=captured,
            )
            recent = self.orders.count_since(order.customer_id, now - timedelta(hours=1))
            paid, events = settle_paid(paid, now, risk_reasons(paid, self.risk, recent))
            return paid, OrderChange(sales_day=self.changes.business_day(now), events=events), "paid", None
        if order.status == "cancelled" and order.amount_paid == 0:
            late = replace(
                note(order, now, "late_payment", "stripe", "paid after cancellation: refunding"),
                amount_paid=amount,
                payment_status=refund_status(amount, order.amount_refunded),
                payment_intent_id=order.payment_intent_id or pi.get("id"),
            )
            # The refund is recorded with the payment (owed if Stripe cannot take it now).
            due = amount - order.amount_refunded - in_flight(order.refunds)
            if due <= 0 or by_source(order.refunds, LATE_PAYMENT) is not None:
                return late, OrderChange(), "refunding_late_payment", None
            request = RefundRequest(order.id, LATE_PAYMENT, "paid after cancellation", "system", amount=due)
            late, refund = with_refund(late, request, now)
            return (
                late,
                OrderChange(),
                "refunding_late_payment",
                lambda saved: self.refunds.take(saved, refund),
            )
        return None

    def _on_failed(self, order: Order, pi: dict[str, Any], now: datetime) -> Decision:
        if order.status not in ("pending_payment", "deposit_pending", "balance_due"):
            return None
        error = pi.get("last_payment_error") or {}
        failed = note(order, now, "payment_failed", "stripe", str(error.get("message") or "payment failed"))
        return failed, OrderChange(), "payment_failed", None

    def _on_canceled(self, order: Order, pi: dict[str, Any], now: datetime) -> Decision:
        if order.status not in ("pending_payment", "deposit_pending"):
            return None
        cancelled = transition(order, "cancelled", now, "stripe", "payment intent canceled")
        return (
            cancelled,
            OrderChange(release_stock=True, events=(order_event("order.cancelled", cancelled),)),
            "cancelled",
            None,
        )

    def _on_refunded(self, order: Order, charge: dict[str, Any], now: datetime) -> Decision:
        """Stripe's charge carries the cumulative amount refunded, X. What the records
        know of is the amount refunded plus the refunds in flight (pending or failed:
        our own, which settle themselves). X beyond that was refunded outside the API
        (Stripe's dashboard) and is recorded as a succeeded refund of its own, once
        per X; X within it changes nothing, so this webhook and the API's own answer
        never count one refund twice, whichever arrives first.
        Deliveries are unordered: a refund can be reported before the payment it
        refunds (Stripe refunds only a charge that succeeded), so it is recorded
        against the order's total until the payment lands. Never more than was paid."""
        reported = int(charge.get("amount_refunded") or 0)
        ceiling = order.amount_paid or order.total
        known = order.amount_refunded + in_flight(order.refunds)
        source = f"provider:{charge.get('id')}:{reported}"
        amount = min(reported, ceiling) - known
        if amount <= 0 or by_source(order.refunds, source) is not None:
            return None
        refund = Refund(
            id=new_id("rf"),
            order_id=order.id,
            amount=amount,
            status="succeeded",
            reason="refunded in Stripe",
            source=source,
            created_at=now,
            actor="stripe",
            updated_at=now,
        )
        updated = money_back(order, refund, now, "refund reported by the provider")
        return updated, OrderChange(events=(order_event("order.refunded", updated),)), "refunded", None

    def _on_dispute(self, order: Order, dispute: dict[str, Any], now: datetime) -> Decision:
        """A chargeback: the dispute is kept on the order and customer service get an
        exception due by Stripe's evidence deadline."""
        opened = dispute_of(dispute, now)
        if order.dispute is not None and order.dispute.id == opened.id:
            return None  # known already (this event again under another id, or closed first)
        disputed = replace(
            note(order, now, "dispute", "stripe", opened.reason or "dispute opened", dispute_id=opened.id),
            payment_status="disputed",
            dispute=opened,
        )
        due_by = opened.evidence_due_by or now
        detail = (
            f"Stripe dispute {opened.id} ({opened.reason or 'no reason given'}) of {opened.amount} "
            f"{order.currency}: submit evidence in Stripe by {to_rfc3339(due_by)}."
        )

        def follow_up(saved: Order) -> None:
            log.warning(
                "dispute opened",
                extra={
                    "event": "dispute_opened",
                    "order_id": saved.id,
                    "dispute_id": opened.id,
                    "amount": opened.amount,
                    "evidence_due_by": to_rfc3339(due_by),
                },
            )
            self.changes.metrics.count("Disputes")
            self.changes.open_exception(saved.id, DISPUTE, detail, now, due_at=due_by)

        return disputed, OrderChange(events=(dispute_event("order.dispute_opened", disputed),)), "disputed", follow_up

    def _on_dispute_closed(self, order: Order, dispute: dict[str, Any], now: datetime) -> Decision:
        """The dispute's outcome: ``lost`` (the bank took the money back) is recorded as
        a succeeded refund of its own, so settlement and what is left to refund count
        it; the payment status stays ``disputed``. ``won`` (or an inquiry closed
        without a chargeback) returns the payment status to what the refunds make it."""
        closed = dispute_of(dispute, now)
        current = order.dispute if order.dispute is not None and order.dispute.id == closed.id else closed
        if current.outcome is not None:
            return None
        outcome = "lost" if closed.status == "lost" else "won"
        ended = replace(
            current,
            status=closed.status,
            amount=closed.amount or current.amount,
            outcome=outcome,
            closed_at=now,
        )
        updated = replace(
            note(order, now, "dispute_closed", "stripe", outcome, dispute_id=ended.id),
            dispute=ended,
        )
        lost = min(ended.amount, order.amount_paid - order.amount_refunded - in_flight(order.refunds))
        if outcome == "lost" and lost > 0 and by_source(order.refunds, f"dispute:{ended.id}") is None:
            refund = Refund(
                id=new_id("rf"),
                order_id=order.id,
                amount=lost,
                status="succeeded",
                reason=f"dispute lost: {ended.reason}" if ended.reason else "dispute lost",
                source=f"dispute:{ended.id}",
                created_at=now,
                actor="stripe",
                updated_at=now,
            )
            updated = money_back(updated, refund, now, "dispute lost")
        if outcome == "lost":
            updated = replace(updated, payment_status="disputed")
        else:
            updated = replace(updated, payment_status=paid_status(updated))

        def follow_up(saved: Order) -> None:
            why = f"Stripe closed dispute {ended.id}: {outcome}."
            self.changes.resolve_exception(saved.id, DISPUTE, "stripe", why, now)

        event = dispute_event("order.dispute_closed", updated)
        return updated, OrderChange(events=(event,)), f"dispute_{outcome}", follow_up


def paid_status(order: Order) -> str:
    if order.amount_paid <= 0 and order.amount_refunded <= 0:
        return "unpaid"
    if order.status == "balance_due" and order.amount_refunded <= 0:
        return "deposit_paid"  # a presale's deposit (ADR 0026)
    return refund_status(order.amount_paid or order.total, order.amount_refunded)


def money_back(order: Order, refund: Refund, now: datetime, why: str) -> Order:
    """A refund made outside the API (Stripe's dashboard, a lost dispute) recorded
    as succeeded: it counts as refunded at once."""
    refunded = order.amount_refunded + refund.amount
    ceiling = order.amount_paid or order.total
    return replace(
        note(order, now, "refund", "stripe", why, amount=refund.amount, refund_id=refund.id),
        refunds=order.refunds + (refund,),
        amount_refunded=refunded,
        payment_status="disputed" if order.payment_status == "disputed" else refund_status(ceiling, refunded),
    )


def dispute_of(dispute: dict[str, Any], now: datetime) -> Dispute:
    """Stripe's dispute object read: its evidence deadline is unix seconds."""
    due_by = (dispute.get("evidence_details") or {}).get("due_by")
    return Dispute(
        id=str(dispute.get("id") or ""),
        status=str(dispute.get("status") or "needs_response"),
        reason=str(dispute.get("reason") or ""),
        amount=int(dispute.get("amount") or 0),
        opened_at=now,
        evidence_due_by=datetime.fromtimestamp(int(due_by), UTC) if due_by else None,
    )


def dispute_event(kind: str, order: Order) -> Event:
    """order.dispute_opened / order.dispute_closed: the order event with the dispute."""
    event = order_event(kind, order)
    assert order.dispute is not None
    d = order.dispute
    dispute = {"id": d.id, "status": d.status, "reason": d.reason, "amount": d.amount, "outcome": d.outcome}
    return replace(event, data={**event.data, "dispute": dispute})
