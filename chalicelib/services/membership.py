"""Paid membership: plans (staff), purchase (a PaymentIntent the storefront
confirms, on a card saved to the customer's Stripe Customer for later
off-session use), activation by the payment webhook, and the daily
``renew_memberships`` job (reminders, off-session renewal charges, dunning,
expiry). Every charge is claimed per (membership, period, attempt) before it is
made and carries the Stripe idempotency key of that triple, so no rerun or
overlapping run can charge twice."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..domain.clock import Clock
from ..domain.error_codes import MembershipErrorCode
from ..domain.errors import (
    Conflict,
    FieldError,
    NotFound,
    RefundRefused,
    ValidationFailed,
)
from ..domain.ids import new_id
from ..domain.membership import PERIODS, Benefits, Membership, Plan
from .membership_renewals import DueMemberships, MembershipRenewals
from .ports import (
    MembershipGateway,
    MembershipRepository,
    Metrics,
    NoMetrics,
    OutboxEvent,
    PaymentIntent,
    PlanRepository,
    Relay,
)

if TYPE_CHECKING:
    from .settlement import ChunkQueue, JobRuns

log = logging.getLogger("commerce.membership")


@dataclass(frozen=True)
class Purchase:
    membership: Membership
    intent: PaymentIntent


MIN_PRICE = 100  # minor units; Stripe refuses charges below a per-currency minimum (0.50 USD, for one)


class MembershipService(MembershipRenewals):
    def __init__(
        self,
        plans: PlanRepository,
        memberships: MembershipRepository,
        gateway: MembershipGateway,
        relay: Relay,
        clock: Clock,
        currency: str,
        metrics: Metrics | None = None,
        fan_out: tuple[DueMemberships, JobRuns, ChunkQueue] | None = None,
        chunk_size: int = 200,
        inline_max: int = 1000,
    ) -> None:
        if fan_out is not None:
            self.renewal_due, self.renewal_runs, self.renewal_queue = fan_out
        self.renewal_chunk_size = chunk_size
        self.renewal_inline_max = inline_max
        self.plans = plans
        self.memberships = memberships
        self.gateway = gateway
        self.relay = relay
        self.clock = clock
        self.currency = currency
        self.metrics = metrics or NoMetrics()

    # --- plans ----------------------------------------------------------------------------------
    def create_plan(self, name: str, price: int, period: str, benefits: Benefits) -> Plan:
        if period not in PERIODS:
            raise ValidationFailed("Unknown period.", [FieldError("period", "invalid_choice", "year or month.")])
        if price < MIN_PRICE:
            raise ValidationFailed(
                "A paid plan needs a price.",
                [FieldError("price.amount", "out_of_range", f"At least {MIN_PRICE} minor units.")],
            )
        plan = Plan(new_id("plan"), name, price, self.currency, period, benefits, self.clock.now())
        self.plans.add(plan)
        return plan

    def list_plans(self) -> list[Plan]:
        return [p for p in self.plans.all() if p.active]

    # --- a customer's membership -----------------------------------------------------------------
    def get(self, customer_id: str) -> Membership:
        found = self.memberships.get(customer_id)
        if found is None:
            raise NotFound("No membership.")
        return found

    def benefits_for(self, customer_id: str) -> Benefits | None:
        found = self.memberships.get(customer_id)
        return found.benefits_at(self.clock.now()) if found is not None else None

    def purchase(
        self, customer_id: str, plan_id: str, payment_method_id: str, auto_renew: bool, request_key: str
    ) -> Purchase:
        plan = self.plans.get(plan_id)
        if plan is None or not plan.active:
            raise NotFound(f"No plan {plan_id}.")
        now = self.clock.now()
        current = self.memberships.get(customer_id)
        if current is not None and current.is_member(now):
            raise Conflict(
                "You are already a member; it renews on its own.", code=MembershipErrorCode.MEMBERSHIP_ACTIVE
            )
        if current is not None and current.pending_intent_id:  # a purchase, or a renewal still processing
            self._supersede(current)
        stripe_customer = (
            current.stripe_customer_id
            if current is not None
            else self.gateway.ensure_customer(customer_id, f"customer-{customer_id}")
        )
        self.gateway.attach_payment_method(payment_method_id, stripe_customer)
        # Periods count on across purchases (a purchase after expiry is the next
        # period), so renewal claims and Stripe idempotency keys never repeat.
        paid_periods = current.period if current is not None else 0
        period = paid_periods + 1
        intent = self.gateway.create_intent(
            plan.price,
            plan.currency,
            stripe_customer,
            payment_method_id,
            self._metadata(customer_id, plan.id, period, "purchase"),
            f"membership-{customer_id}-purchase-{request_key}",
        )
        base = current or Membership(
            customer_id=customer_id,
            plan=plan,
            status="pending_payment",
            auto_renew=auto_renew,
            stripe_customer_id=stripe_customer,
            payment_method_id=payment_method_id,
            created_at=now,
            updated_at=now,
        )
        pending = replace(
            base,
            plan=plan,
            status="pending_payment",
            auto_renew=auto_renew,
            payment_method_id=payment_method_id,
            period=paid_periods,
            current_period_start=None,
            current_period_end=None,
            failed_attempts=0,
            reminded_period=paid_periods,
            pending_intent_id=intent.id,
        ).noted(now, "purchase_started", plan_id=plan.id, payment_intent_id=intent.id)
        saved = self.memberships.save(pending, [])
        return Purchase(saved, intent)

    def _supersede(self, current: Membership) -> None:
        """A new purchase replaces a payment still outstanding (an earlier purchase,
        or a renewal Stripe was still processing when the period ended): cancel that
        PaymentIntent first, so the customer can never pay twice. If it has been
        paid (or is being paid) meanwhile, the new purchase is refused instead."""
        old = str(current.pending_intent_id)
        status = self.gateway.cancel_payment_intent(old, f"membership-{current.customer_id}-supersede-{old}")
        if status in ("succeeded", "processing"):
            raise Conflict(
                "Your earlier membership payment is going through; the membership starts when it completes.",
                code=MembershipErrorCode.MEMBERSHIP_PENDING,
            )

    def set_auto_renew(self, customer_id: str, on: bool) -> Membership:
        def change(m: Membership, now: datetime) -> tuple[Membership, list[OutboxEvent]] | None:
            if m.auto_renew == on:
                return None
            if m.status == "expired":
                raise Conflict(
                    "The membership has expired; buy a new one.", code=MembershipErrorCode.MEMBERSHIP_EXPIRED
                )
            updated = replace(m, auto_renew=on).noted(now, "auto_renew_on" if on else "auto_renew_off")
            return updated, [self._event("membership.auto_renew_changed", updated)]

        return self._change(customer_id, change)

    # --- payments -------------------------------------------------------------------------------
    def apply_stripe_event(self, event: dict[str, Any]) -> str:
        """A verified Stripe event about a membership PaymentIntent (metadata
        ``kind=membership``). Applying one twice changes nothing: a paid period
        is recorded with its intent id."""
        obj: dict[str, Any] = (event.get("data") or {}).get("object") or {}
        meta = obj.get("metadata") or {}
        customer_id, intent_id = str(meta.get("customer_id") or ""), str(obj.get("id") or "")
        try:
            period = int(meta.get("period") or 0)
        except ValueError:
            return "ignored"
        if not customer_id or period < 1:
            return "ignored"
        # Intents created before "purpose" existed: period 1 was the purchase.
        purpose = str(meta.get("purpose") or ("purchase" if period == 1 else "renewal"))
        if event.get("type") == "payment_intent.succeeded":
            amount = int(obj.get("amount_received") or obj.get("amount") or 0)
            return self._record_payment(customer_id, intent_id, period, renewal=purpose == "renewal", amount=amount)
        if event.get("type") == "payment_intent.payment_failed" and purpose == "renewal":
            return self._renewal_failed_later(customer_id, intent_id, obj)
        if event.get("type") == "payment_intent.payment_failed" and purpose == "purchase":
            event_id = str(event.get("id") or "")

            def failed(m: Membership, now: datetime) -> tuple[Membership, list[OutboxEvent]] | None:
                if m.status != "pending_payment" or m.pending_intent_id != intent_id:
                    return None
                if any(entry.get("event_id") == event_id for entry in m.history):
                    return None  # Stripe delivered this event again
                return m.noted(now, "payment_failed", payment_intent_id=intent_id, event_id=event_id), []

            try:
                self._change(customer_id, failed)
            except NotFound:
                return "ignored"  # not ours to record: acknowledge so Stripe stops retrying
            return "payment_failed"
        return "ignored"

    def _renewal_failed_later(self, customer_id: str, intent_id: str, obj: dict[str, Any]) -> str:
        """A renewal Stripe was processing failed after all: the same dunning as a
        charge declined on the spot (past_due, retried on days 1, 3 and 5). A
        declined off-session charge is recorded when it is made; its webhook finds
        no intent pending and changes nothing."""
        error = obj.get("last_payment_error")
        reason = str(error.get("message") or "payment failed") if isinstance(error, dict) else "payment failed"
        outcome = "ignored"

        def failed(m: Membership, now: datetime) -> tuple[Membership, list[OutboxEvent]] | None:
            nonlocal outcome
            if m.pending_intent_id != intent_id or m.status not in ("active", "past_due"):
                outcome = "ignored"
                return None
            updated, events = self._failure(m, now, reason)
            outcome = "expired" if updated.status == "expired" else "renewal_failed"
            return updated, events

        try:
            self._change(customer_id, failed)
        except NotFound:
            return "ignored"
        if outcome != "ignored":
            self._failure_logged(customer_id, reason)
        return outcome

    def _record_payment(self, customer_id: str, intent_id: str, period: int, renewal: bool, amount: int) -> str:
        outcome = "duplicate"

        def pay(m: Membership, now: datetime) -> tuple[Membership, list[OutboxEvent]] | None:
            nonlocal outcome
            if intent_id in m.applied_intents or m.period > period or self._refunded(m, intent_id):
                outcome = "duplicate"
                return None
            if m.period == period:  # another payment already paid this period
                outcome = "double_payment"
                return None
            if period != m.period + 1:
                outcome = "ignored"
                return None
            outcome = "renewed" if renewal else "activated"
            updated = m.paid(intent_id, period, now, renewal)
            return updated, [self._event(f"membership.{outcome}", updated)]

        try:
            self._change(customer_id, pay)
        except NotFound:
            return "ignored"
        if outcome == "double_payment":
            return self._refund_double_payment(customer_id, intent_id, period, amount)
        return outcome

    @staticmethod
    def _refunded(m: Membership, intent_id: str) -> bool:
        return any(
            h.get("type") in ("double_payment_refunded", "double_payment_refund_refused")
            and h.get("payment_intent_id") == intent_id
            for h in m.history
        )

    def _refund_double_payment(self, customer_id: str, intent_id: str, period: int, amount: int) -> str:
        """A second payment for a period already paid (a purchase and a renewal, or
        two purchases, that both went through) is refunded in full, once: the
        Stripe idempotency key is per intent, and the history records it."""
        try:
            refund_id = self.gateway.refund(intent_id, amount, f"membership-{customer_id}-double-{intent_id}")
        except RefundRefused as refused:  # refunded in the dashboard already, disputed…: for staff, not retried
            kind, extra, outcome, metric = (
                "double_payment_refund_refused",
                {"message": str(refused)},
                "refund_refused",
                "RefundsRefused",
            )
        else:
            kind, extra = "double_payment_refunded", {"refund_id": refund_id}
            outcome, metric = "refunded", "MembershipDoublePaymentsRefunded"

        def note(m: Membership, now: datetime) -> tuple[Membership, list[OutboxEvent]] | None:
            if self._refunded(m, intent_id):
                return None
            updated = m.noted(now, kind, period=period, payment_intent_id=intent_id, **extra)
            return updated, [self._event(f"membership.{kind}", updated)]

        self._change(customer_id, note)
        self.metrics.count(metric)
        log.warning(
            "membership %s for customer %s",
            kind,
            customer_id,
            extra={"event": kind, "customer_id": customer_id, "payment_intent_id": intent_id},
        )
        return outcome
