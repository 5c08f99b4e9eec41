"""Membership renewals: the daily ``renew_memberships`` job (reminders,
off-session renewal charges, dunning, expiry), and the version-guarded change
every membership write goes through. MembershipService (services/membership.py)
extends this with plans, purchases and payment webhooks."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from ..domain.clock import Clock, to_rfc3339
from ..domain.error_codes import CommonErrorCode
from ..domain.errors import Conflict, NotFound, PaymentFailed, PaymentProviderUnavailable
from ..domain.events import new_event
from ..domain.membership import RENEW_BEFORE, Membership
from .ports import MembershipGateway, MembershipRepository, Metrics, OutboxEvent, Relay
from .retry import retry_on_conflict

log = logging.getLogger("commerce.membership")
ATTEMPTS = 3


class MembershipRenewals:
    memberships: MembershipRepository
    gateway: MembershipGateway
    relay: Relay
    clock: Clock
    metrics: Metrics
    # MembershipService's: a paid intent recorded once (renewal=True for a renewal charge).
    _record_payment: Callable[..., str]

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
                    if error.code != CommonErrorCode.CONCURRENT_UPDATE:
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
        log.warning(
            "membership renewal failed for customer %s: %s",
            customer_id,
            reason,
            extra={"event": "renewal_failed", "customer_id": customer_id, "reason": reason},
        )

    def _failed(self, m: Membership, reason: str) -> str:
        failed, events = self._failure(m, self.clock.now(), reason)
        self.memberships.save(failed, events)
        self.relay.relay(events)
        self._failure_logged(m.customer_id, reason)
        return "expired" if failed.status == "expired" else "failed"

    # --- every change of a membership -------------------------------------------------------------
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
        return new_event(
            kind,
            {
                "customer_id": m.customer_id,
                "plan_id": m.plan.id,
                "status": m.status,
                "period": m.period,
                "auto_renew": m.auto_renew,
                "current_period_end": to_rfc3339(m.current_period_end) if m.current_period_end else None,
                "price": {"amount": m.plan.price, "currency": m.plan.currency},
            },
            m.updated_at,
        )
