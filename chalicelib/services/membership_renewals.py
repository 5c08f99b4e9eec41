"""Membership renewals: the daily ``renew_memberships`` job (reminders,
off-session renewal charges, dunning, expiry), and the version-guarded change
every membership write goes through. MembershipService (services/membership.py)
extends this with plans, purchases and payment webhooks.

Fan-out (ADR 0012, as ``settle``): a run reads the keys of the membership due
queue up to ``as_of`` and splits them into chunks of consecutive keys. Up to
``renewal_inline_max`` due memberships it works through them at once (the
summary counts the outcomes); beyond, it saves the plan on a job-run item and
sends one message per chunk to the ``renew-chunks`` queue. A chunk worker takes
its key range a page at a time and stores the last key done on the chunk item
(the checkpoint a redelivered chunk resumes from); with little time left it
sends its chunk again. Nothing is done twice by a resumed or duplicate chunk:
every membership is read again before it is touched, a reminder is sent once per
period (``reminded_period``), and a charge is claimed per (customer, period,
attempt) before Stripe is called, with that triple as Stripe's idempotency key."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from ..domain.clock import Clock, parse_rfc3339, to_rfc3339
from ..domain.error_codes import CommonErrorCode
from ..domain.errors import Conflict, NotFound, PaymentFailed, PaymentProviderUnavailable
from ..domain.events import new_event
from ..domain.membership import RENEW_BEFORE, Membership
from ..domain.settlement import RunRef, RunState, plan_chunks
from .ports import MembershipGateway, MembershipRepository, Metrics, OutboxEvent, Relay
from .retry import retry_on_conflict

if TYPE_CHECKING:
    from .settlement import ChunkQueue, JobRuns

log = logging.getLogger("commerce.membership")
ATTEMPTS = 3
JOB = "renew_memberships"
PAGE = 50  # memberships done (and checkpointed) at a time within a chunk
MIN_SECONDS_LEFT = 60.0  # a worker with less left than this hands its chunk on


class DueMemberships(Protocol):
    def cutoff_key(self, as_of: datetime) -> str: ...
    def due_keys(self, upper: str) -> Iterable[str]: ...  # ascending, every key below ``upper``
    def due_between(self, lo: str, hi: str, after: str | None, limit: int) -> tuple[list[tuple[str, str]], bool]: ...


class MembershipRenewals:
    memberships: MembershipRepository
    gateway: MembershipGateway
    relay: Relay
    clock: Clock
    metrics: Metrics
    # MembershipService's: a paid intent recorded once (renewal=True for a renewal charge).
    _record_payment: Callable[..., str]

    # The fan-out (None: every run inline, as a test's service without queues).
    renewal_due: DueMemberships | None = None
    renewal_runs: JobRuns | None = None
    renewal_queue: ChunkQueue | None = None
    renewal_chunk_size: int = 200
    renewal_inline_max: int = 1000

    def renew(self, as_of: datetime, batch: int = 100, max_rounds: int = 20) -> dict[str, Any]:
        """The daily run: inline up to ``renewal_inline_max`` due memberships, else
        fanned out to the ``renew-chunks`` worker (the summary then says how many
        were due and how many chunks were sent)."""
        due, runs, queue = self.renewal_due, self.renewal_runs, self.renewal_queue
        if due is None or runs is None or queue is None:
            return self.renew_inline(as_of, batch, max_rounds)
        ref = RunRef(JOB, as_of.date(), to_rfc3339(as_of))
        state = runs.run(ref)
        if state is None:  # a new run (a retried one finds its plan)
            upper = due.cutoff_key(as_of)
            chunks = plan_chunks(due.due_keys(upper), self.renewal_chunk_size, upper)
            if sum(c.size for c in chunks) <= self.renewal_inline_max:
                return self.renew_inline(as_of, batch, max_rounds)
            runs.save_plan(ref, chunks)
            state = RunState(chunks=len(chunks), done=0, due=sum(c.size for c in chunks))
            pending = [c.number for c in chunks]
        else:
            pending = [c.chunk.number for c in runs.chunks(ref) if not c.done]
        if pending:
            queue.send([ref.message(n) for n in pending])
        elif not state.closed:
            self.close_renewals_if_complete(ref)
        log.info(
            "renewals fanned out",
            extra={"event": "renewals_fanned_out", "run": ref.run, "chunks": state.chunks, "sent": len(pending)},
        )
        return {"examined": 0, "run": ref.run, "due": state.due, "chunks": state.chunks, "chunks_sent": len(pending)}

    def run_renewal_chunk(
        self, ref: RunRef, number: int, seconds_left: Callable[[], float] | None = None
    ) -> tuple[str, dict[str, int]]:
        """One chunk from its checkpoint: ("done" | "continued" | "already_done" |
        "unknown", the outcomes counted by this invocation)."""
        due, runs, queue = self.renewal_due, self.renewal_runs, self.renewal_queue
        assert due is not None and runs is not None and queue is not None, "the fan-out is not configured"
        counts: dict[str, int] = {}
        state = runs.chunk(ref, number)
        if state is None:
            log.warning("no such chunk", extra={"event": "renewal_chunk_unknown", "run": ref.run, "chunk": number})
            return "unknown", counts
        if state.done:
            self.close_renewals_if_complete(ref)
            return "already_done", counts
        as_of = parse_rfc3339(ref.run)
        after, c = state.checkpoint, state.chunk
        while True:
            page, exhausted = due.due_between(c.lo, c.hi, after, PAGE)
            for _, customer_id in page:
                outcome = self._advance_once(customer_id, as_of)
                counts[outcome] = counts.get(outcome, 0) + 1
            if page:
                after = page[-1][0]
                runs.checkpoint(ref, number, after, {})
            if exhausted:
                break
            if seconds_left is not None and seconds_left() < MIN_SECONDS_LEFT:
                queue.send([ref.message(number)])
                return "continued", counts
        runs.finish_chunk(ref, number)
        self.close_renewals_if_complete(ref)
        return "done", counts

    def close_renewals_if_complete(self, ref: RunRef) -> bool:
        runs = self.renewal_runs
        state = runs.run(ref) if runs is not None else None
        if runs is None or state is None or state.closed or state.done < state.chunks:
            return False
        runs.close(ref)
        log.info("renewal run closed", extra={"event": "renewals_closed", "run": ref.run, "chunks": state.chunks})
        return True

    def _advance_once(self, customer_id: str, as_of: datetime) -> str:
        try:
            return self._advance(customer_id, as_of)
        except Conflict as error:
            if error.code != CommonErrorCode.CONCURRENT_UPDATE:
                raise
            return "skipped"  # an overlapping run moved it first

    def renew_inline(self, as_of: datetime, batch: int = 100, max_rounds: int = 20) -> dict[str, Any]:
        """Everything due by ``as_of``, a batch at a time (up to batch x max_rounds
        per run; the rest stays due for the next run). A membership that stays due
        (a charge in progress elsewhere) is looked at once per run."""
        summary: dict[str, Any] = {"examined": 0}
        seen: set[str] = set()
        for _ in range(max_rounds):
            fresh = [m for m in self.memberships.due(as_of, batch + len(seen)) if m.customer_id not in seen]
            if not fresh:
                break
            for due in fresh[:batch]:
                seen.add(due.customer_id)
                summary["examined"] += 1
                outcome = self._advance_once(due.customer_id, as_of)
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
