"""The scheduled order sweeps: unpaid orders past their payment window are
cancelled (or recorded as paid from Stripe's answer), delivered orders past the
confirmation window are completed, refunds the provider could not take are
retried, and paid orders whose fulfillment message was lost are sent to the
fulfillment queue again. Each summary counts only what its own run changed."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from ...domain.errors import PaymentProviderUnavailable
from ...domain.orders import UNPAID, Order, note, order_event, transition
from ...domain.refunds import due_for_retry
from ..ports import EventPublisher, OrderChange, PaymentGateway, Position
from ..refunds import RefundService
from .changes import OrderChanges
from .payment_events import PaymentEventService

log = logging.getLogger("commerce.orders.jobs")

REQUEUED = "fulfillment_requeued"  # the timeline entry of a requeue


def waiting_since(order: Order) -> datetime:
    """Since when a paid order has waited for its fulfillment message: its latest
    move to paid (a payment, or a review cleared) or its latest requeue."""
    moments = [
        e.at for e in order.timeline if (e.type == "status_changed" and e.to_status == "paid") or e.type == REQUEUED
    ]
    return max(moments, default=order.updated_at)


def awaits_fulfillment(order: Order) -> bool:
    """Paid and not held for review: what the fulfillment worker takes."""
    return order.status == "paid" and (not order.risk_reasons or order.review_cleared)


class OrderJobs:
    def __init__(
        self,
        changes: OrderChanges,
        gateway: PaymentGateway,
        payments: PaymentEventService,
        refunds: RefundService,
        fulfillment_queue: EventPublisher,
        requeue_after: timedelta = timedelta(minutes=10),
    ) -> None:
        self.changes = changes
        self.orders = changes.orders
        self.gateway = gateway
        self.payments = payments
        self.refunds = refunds
        self.fulfillment_queue = fulfillment_queue  # the SQS routing only: not EventBridge
        self.requeue_after = requeue_after

    def requeue_fulfillment(self, as_of: datetime, batch: int = 100, max_examined: int = 1000) -> dict[str, int]:
        """Paid orders (not held for review) that have waited longer than
        ``requeue_after`` without being taken into fulfillment: their message was
        lost (a restarted local queue, a message in the DLQ). Each gets a new
        ``order.ready_for_fulfillment`` event on the fulfillment queue only, after a
        version-guarded ``fulfillment_requeued`` timeline entry (time = ``as_of``),
        so an overlapping run sends it once, and an order is sent again at most once
        per ``requeue_after`` while the worker is behind. Oldest orders (by id:
        placement) first; the scan ends at the first order placed less than
        ``requeue_after`` before ``as_of``, which cannot have waited long enough, nor
        can any later one. Per run: up to ``batch`` due orders, ``max_examined``
        paid orders read."""
        summary = {"examined": 0, "requeued": 0, "skipped": 0, "failed": 0}
        due_before = as_of - self.requeue_after
        after: Position | None = None
        read = 0
        while read < max_examined:
            page = self.orders.by_status("paid", min(100, max_examined - read), after, oldest_first=True)
            for order in page.items:
                read += 1
                if order.created_at > due_before:
                    return summary  # paid after it was placed: it, and every later one, waited too little
                if not awaits_fulfillment(order) or waiting_since(order) > due_before:
                    continue
                if summary["examined"] >= batch:
                    return summary
                summary["examined"] += 1
                summary[self._requeue(order.id, as_of, due_before)] += 1
            after = page.next_position
            if after is None:
                break
        return summary

    def _requeue(self, order_id: str, as_of: datetime, due_before: datetime) -> str:
        moved = [False]  # by this run: an overlapping run, or the worker, may have got there first

        def decide(current: Order) -> tuple[Order, OrderChange] | None:
            moved[0] = awaits_fulfillment(current) and waiting_since(current) <= due_before
            if not moved[0]:
                return None
            return note(current, as_of, REQUEUED, "system", "fulfillment message requeued"), OrderChange()

        try:
            saved = self.changes.change(order_id, decide)
        except Exception:  # noqa: BLE001 - one order's failure must not stop the others
            log.exception(
                "requeueing fulfillment failed", extra={"event": "fulfillment_requeue_failed", "order_id": order_id}
            )
            return "failed"
        if not moved[0]:
            return "skipped"
        try:
            self.fulfillment_queue.publish([order_event("order.ready_for_fulfillment", saved)])
        except Exception:  # noqa: BLE001 - the next run after requeue_after sends it again
            log.warning(
                "requeueing fulfillment failed; a later run retries",
                extra={"event": "fulfillment_requeue_failed", "order_id": order_id},
                exc_info=True,
            )
            return "failed"
        log.info("fulfillment requeued", extra={"event": "fulfillment_requeued", "order_id": order_id})
        return "requeued"

    def auto_complete(self, as_of: datetime, batch: int = 100) -> dict[str, int]:
        """Delivered orders whose confirmation window closed are completed, unless an
        after-sale request is open on them (they wait until it ends)."""
        summary = {"examined": 0, "completed": 0, "waiting": 0}
        for order in self.orders.due_completion(as_of, batch):
            summary["examined"] += 1
            if order.open_after_sales:
                summary["waiting"] += 1
                continue

            moved = [False]  # by this run: an overlapping run may have got there first

            def decide(current: Order, moved: list[bool] = moved) -> tuple[Order, OrderChange] | None:
                moved[0] = current.status == "delivered" and not current.open_after_sales
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
            moved[0] = current.status in UNPAID  # a presale's deposit unpaid too (ADR 0026)
            if not moved[0]:
                return None
            cancelled = transition(current, "cancelled", as_of, "system", "payment window expired")
            return cancelled, OrderChange(release_stock=True, events=(order_event("order.cancelled", cancelled),))

        self.changes.change(order.id, decide)
        return "cancelled" if moved[0] else "skipped"

    def retry_refunds(self, as_of: datetime, batch: int = 100) -> dict[str, int]:
        """Refunds the provider has not taken (domain/refunds.py): failed ones (it was
        down) and pending ones older than PENDING_GRACE (a crash between the provider
        call and the record), on orders of any status. Each is taken again with its
        own idempotency key, so a refund whose answer was lost is never paid twice.
        Counted per refund; one an overlapping run settled first is not this run's."""
        summary = {"examined": 0, "refunded": 0, "failed": 0, "refused": 0}
        for order in self.orders.due_refund(as_of, batch):
            for refund in due_for_retry(order.refunds, as_of):
                try:
                    taken = self.refunds.retry_due(order.id, refund.id, as_of)
                except Exception:  # noqa: BLE001 - one refund's failure must not stop the others
                    log.exception(
                        "retrying a refund failed",
                        extra={"event": "refund_retry_failed", "order_id": order.id, "refund_id": refund.id},
                    )
                    summary["examined"] += 1
                    summary["failed"] += 1
                    continue
                if taken is None:
                    continue
                summary["examined"] += 1
                summary[{"succeeded": "refunded", "refused": "refused"}.get(taken.status, "failed")] += 1
        return summary
