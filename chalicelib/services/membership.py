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
from typing import Any, Protocol

from ..domain.clock import Clock, to_rfc3339
from ..domain.errors import (
    Conflict,
    FieldError,
    NotFound,
    PaymentFailed,
    PaymentProviderUnavailable,
    RefundRefused,
    ValidationFailed,
)
from ..domain.ids import new_id
from ..domain.membership import PERIODS, RENEW_BEFORE, Benefits, Membership, Plan
from .ports import Metrics, NoMetrics, OutboxEvent, PaymentIntent
from .retry import retry_on_conflict

log = logging.getLogger("commerce.membership")
ATTEMPTS = 3


class PlanRepository(Protocol):
    def add(self, plan: Plan) -> None: ...
    def get(self, plan_id: str) -> Plan | None: ...
    def all(self) -> list[Plan]: ...


class MembershipRepository(Protocol):
    def get(self, customer_id: str) -> Membership | None: ...
    def save(self, membership: Membership, events: list[OutboxEvent]) -> Membership:
        """Put guarded by the version read (Conflict ``concurrent_update``), with the events."""
        ...

    def due(self, as_of: datetime, limit: int) -> list[Membership]: ...
    def claim_charge(self, customer_id: str, period: int, attempt: int, now: datetime) -> bool: ...
    def release_charge(self, customer_id: str, period: int, attempt: int) -> None: ...


class MembershipGateway(Protocol):
    def ensure_customer(self, customer_id: str, idempotency_key: str) -> str: ...
    def attach_payment_method(self, payment_method_id: str, stripe_customer_id: str) -> None: ...
    def create_intent(
        self,
        amount: int,
        currency: str,
        stripe_customer_id: str,
        payment_method_id: str,
        metadata: dict[str, str],
        idempotency_key: str,
        off_session: bool = False,
    ) -> PaymentIntent: ...  # off_session: confirmed now (raises PaymentFailed when declined)
    def cancel_payment_intent(self, payment_intent_id: str, idempotency_key: str) -> str: ...  # its status after
    def refund(self, payment_intent_id: str, amount: int, idempotency_key: str) -> str: ...  # the refund id


class Relay(Protocol):
    def relay(self, events: list[OutboxEvent]) -> int: ...


@dataclass(frozen=True)
class Purchase:
    membership: Membership
    intent: PaymentIntent


MIN_PRICE = 100  # minor units; Stripe refuses charges below a per-currency minimum (0.50 USD, for one)


class MembershipService:
    def __init__(
        self,
        plans: PlanRepository,
        memberships: MembershipRepository,
        gateway: MembershipGateway,
        relay: Relay,
        clock: Clock,
        currency: str,
        metrics: Metrics | None = None,
    ) -> None:
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
            raise Conflict("You are already a member; it renews on its own.", code="membership_active")
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
                code="membership_pending",
            )

    def set_auto_renew(self, customer_id: str, on: bool) -> Membership:
        def change(m: Membership, now: datetime) -> tuple[Membership, list[OutboxEvent]] | None:
            if m.auto_renew == on:
                return None
            if m.status == "expired":
                raise Conflict("The membership has expired; buy a new one.", code="membership_expired")
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
        log.warning('{"event": "%s", "customer_id": "%s", "payment_intent_id": "%s"}', kind, customer_id, intent_id)
        return outcome

    # --- the daily job --------------------------------------------------------------------------
    def renew(self, as_of: datetime, batch: int = 100, max_rounds: int = 20) -> dict[str, int]:
        """Everything due by ``as_of``, a batch at a time (up to batch x max_rounds
        per run; the rest stays due for the next run). A membership that stays due
        (a charge in progress elsewhere) is looked at once per run."""
        summary: dict[str, int] = {"examined": 0}
        seen: set[str] = set()
        for _ in range(max_rounds):
            fresh = [m for m in self.memberships.due(as_of, batch + len(seen)) if m.customer_id not in seen]
            if not fresh:
                break
            for due in fresh[:batch]:
                seen.add(due.customer_id)
                summary["examined"] += 1
                try:
                    outcome = self._advance(due.customer_id, as_of)
                except Conflict as error:
                    if error.code != "concurrent_update":
                        raise
                    outcome = "skipped"  # an overlapping run moved it first
                summary[outcome] = summary.get(outcome, 0) + 1
        return summary

    def _advance(self, customer_id: str, as_of: datetime) -> str:
        m = self.memberships.get(customer_id)
        due = m.next_action_at() if m is not None else None
        if m is None or due is None or due > as_of or m.current_period_end is None:
            return "not_due"
        end = m.current_period_end
        now = self.clock.now()
        if not m.auto_renew:  # active or past_due: it ends with its period, no more charges
            expired = replace(m, status="expired").noted(now, "expired", reason="not renewed")
            ended = [self._event("membership.expired", expired)]
            self.memberships.save(expired, ended)
            self.relay.relay(ended)
            return "expired"
        events: list[OutboxEvent] = []
        if m.reminded_period < m.period:
            m = replace(m, reminded_period=m.period).noted(now, "renewal_reminder", period=m.period + 1)
            events.append(self._event("membership.renewal_upcoming", m))
            if as_of < end - RENEW_BEFORE:
                self.memberships.save(m, events)
                self.relay.relay(events)
                return "reminded"
            m = self.memberships.save(m, events)
            self.relay.relay(events)
        return self._charge(m, as_of)

    def _charge(self, m: Membership, as_of: datetime) -> str:
        period, attempt = m.period + 1, m.failed_attempts
        now = self.clock.now()
        if not self.memberships.claim_charge(m.customer_id, period, attempt, now):
            return "in_progress"
        try:
            intent = self.gateway.create_intent(
                m.plan.price,
                m.plan.currency,
                m.stripe_customer_id,
                m.payment_method_id,
                self._metadata(m.customer_id, m.plan.id, period, "renewal"),
                f"membership-{m.customer_id}-period-{period}-attempt-{attempt}",
                off_session=True,
            )
        except PaymentProviderUnavailable:
            self.memberships.release_charge(m.customer_id, period, attempt)
            return "skipped"
        except PaymentFailed as error:
            return self._failed(m, str(error))
        if intent.status == "succeeded":
            try:
                return self._record_payment(m.customer_id, intent.id, period, renewal=True, amount=intent.amount)
            except PaymentProviderUnavailable:
                return "processing"  # a double payment whose refund failed: its webhook tries again
        if intent.status == "processing":
            self._await(m.customer_id, intent.id, period)
            return "processing"  # the webhook records the outcome
        return self._failed(m, f"payment {intent.status}")

    def _await(self, customer_id: str, intent_id: str, period: int) -> None:
        """A renewal Stripe is still processing is kept as the pending intent: a
        purchase made meanwhile must cancel it first (or wait for it), and a late
        failure starts the dunning."""

        def pending(m: Membership, now: datetime) -> tuple[Membership, list[OutboxEvent]] | None:
            if m.period != period - 1 or m.pending_intent_id is not None:
                return None  # its webhook came first, or a purchase took over
            updated = replace(m, pending_intent_id=intent_id).noted(
                now, "renewal_processing", period=period, payment_intent_id=intent_id
            )
            return updated, []

        self._change(customer_id, pending)

    def _failure(self, m: Membership, now: datetime, reason: str) -> tuple[Membership, list[OutboxEvent]]:
        failed = m.renewal_failed(now, reason)
        events = [self._event("membership.renewal_failed", failed)]
        if failed.status == "expired":
            events.append(self._event("membership.expired", failed))
        return failed, events

    def _failure_logged(self, customer_id: str, reason: str) -> None:
        self.metrics.count("RenewalsFailed")
        log.warning('{"event": "renewal_failed", "customer_id": "%s", "reason": "%s"}', customer_id, reason)

    def _failed(self, m: Membership, reason: str) -> str:
        failed, events = self._failure(m, self.clock.now(), reason)
        self.memberships.save(failed, events)
        self.relay.relay(events)
        self._failure_logged(m.customer_id, reason)
        return "expired" if failed.status == "expired" else "failed"

    # --- internals ------------------------------------------------------------------------------
    def _change(self, customer_id: str, decide: Any) -> Membership:
        def attempt() -> tuple[Membership, list[OutboxEvent] | None]:
            m = self.memberships.get(customer_id)
            if m is None:
                raise NotFound("No membership.")
            decided = decide(m, self.clock.now())
            if decided is None:
                return m, None  # nothing to change, nothing written
            updated, events = decided
            return self.memberships.save(updated, events), events

        saved, events = retry_on_conflict(attempt, ATTEMPTS)
        if events is not None:
            self.relay.relay(events)
        return saved

    @staticmethod
    def _metadata(customer_id: str, plan_id: str, period: int, purpose: str) -> dict[str, str]:
        return {
            "kind": "membership",
            "customer_id": customer_id,
            "plan_id": plan_id,
            "period": str(period),
            "purpose": purpose,
        }

    def _event(self, kind: str, m: Membership) -> OutboxEvent:
        return OutboxEvent(
            id=new_id("evt"),
            type=kind,
            detail={
                "customer_id": m.customer_id,
                "plan_id": m.plan.id,
                "status": m.status,
                "period": m.period,
                "auto_renew": m.auto_renew,
                "current_period_end": to_rfc3339(m.current_period_end) if m.current_period_end else None,
                "price": {"amount": m.plan.price, "currency": m.plan.currency},
                "occurred_at": to_rfc3339(m.updated_at),
            },
            at=m.updated_at,
        )
