"""Daily settlement (the ``settle`` job, 02:00 store time): the statement of
business day D (the day before the run's) takes every order whose settlement
fell due by the end of D, each exactly once, with its Stripe fee (or a
configured rate when Stripe cannot say), and lists orders whose captured amount
differs from Stripe's. The statement is recomputed from its lines, so reruns
and overlapping runs leave the same single statement.

Fan-out (ADR 0012): a run reads the keys of the due queue up to its cutoff and
splits them into chunks of consecutive keys. Up to ``inline_max`` due orders it
settles them at once (the admin route's answer is the whole summary); beyond,
it saves the plan on a job-run item and sends one message per chunk to the
``settle-chunks`` queue. A chunk worker settles its key range page by page,
storing the last key it read on the chunk item after each page (the checkpoint
a retry resumes from); when the time left runs short it sends its chunk again
and stops. Each order is still settled by one conditional transaction, so a
duplicate or resumed chunk settles nothing twice. The worker that finishes the
last chunk closes the run: the statement is recomputed from its lines, once,
at the end (not per chunk: that would read every line each time)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from ..domain.clock import Clock, business_date, to_rfc3339
from ..domain.errors import PaymentProviderUnavailable
from ..domain.orders import Order
from ..domain.settlement import (
    LOWEST_KEY,
    OUTCOMES,
    Chunk,
    ChunkState,
    DueSlice,
    Line,
    RunRef,
    RunState,
    Statement,
    adjustment_line,
    day_end,
    estimated_fee,
    order_line,
    plan_chunks,
)

log = logging.getLogger("commerce.settlement")

JOB = "settle"
PAGE = 100  # orders read (and checkpointed) at a time within a chunk
MIN_SECONDS_LEFT = 60.0  # a worker with less left than this hands its chunk on


class DueSettlements(Protocol):
    def cutoff_key(self, cutoff: datetime) -> str: ...
    def due_keys(self, upper: str) -> Iterable[str]: ...  # ascending, every key below ``upper``
    def due_between(self, lo: str, hi: str, after: str | None, as_of: datetime, limit: int) -> DueSlice: ...


class JobRuns(Protocol):
    def run(self, ref: RunRef) -> RunState | None: ...
    def save_plan(self, ref: RunRef, chunks: list[Chunk]) -> None: ...
    def chunk(self, ref: RunRef, number: int) -> ChunkState | None: ...
    def chunks(self, ref: RunRef) -> list[ChunkState]: ...
    def checkpoint(self, ref: RunRef, number: int, key: str, counts: dict[str, int]) -> None: ...
    def finish_chunk(self, ref: RunRef, number: int) -> bool: ...  # False: it was done already
    def close(self, ref: RunRef) -> None: ...


class ChunkQueue(Protocol):
    def send(self, messages: list[dict[str, Any]]) -> None: ...


class SettlementStore(Protocol):
    def record(self, day: date, before: Order, after: Order, line: Line) -> bool: ...
    def lines(self, day: date) -> list[Line]: ...
    def save_statement(self, statement: Statement, generated_at: datetime) -> None: ...
    def statement(self, day: date) -> dict[str, Any] | None: ...
    def statements(self, first: date, last: date) -> list[dict[str, Any]]: ...


class PaymentFacts(Protocol):
    def payment_facts(self, payment_intent_id: str) -> tuple[int | None, int | None]: ...  # (captured, fee)


class SettlementService:
    def __init__(
        self,
        due: DueSettlements,
        store: SettlementStore,
        payments: PaymentFacts,
        clock: Clock,
        store_timezone: str,
        currency: str,
        fee_bps: int,
        runs: JobRuns,
        queue: ChunkQueue,
        chunk_size: int = 500,
        inline_max: int = 1000,
    ) -> None:
        self.due = due
        self.store = store
        self.payments = payments
        self.clock = clock
        self.store_timezone = store_timezone
        self.currency = currency
        self.fee_bps = fee_bps
        self.runs = runs
        self.queue = queue
        self.chunk_size = chunk_size
        self.inline_max = inline_max

    # -- the coordinator ---------------------------------------------------------------------------
    def settle(self, as_of: datetime) -> dict[str, Any]:
        """The scheduled run and the admin route: inline up to ``inline_max`` due
        orders (the summary counts what it settled), else fanned out (the summary
        says how many chunks were sent; the counts then grow as the workers go)."""
        day = business_date(as_of, self.store_timezone) - timedelta(days=1)
        cutoff = day_end(day, self.store_timezone)
        ref = RunRef(JOB, day, to_rfc3339(as_of))
        summary: dict[str, Any] = {"business_date": day.isoformat(), **dict.fromkeys(OUTCOMES, 0)}
        state = self.runs.run(ref)
        if state is None:  # a new run (a retried one finds its plan)
            upper = self.due.cutoff_key(cutoff)
            chunks = plan_chunks(self.due.due_keys(upper), self.chunk_size, upper)
            due = sum(c.size for c in chunks)
            if due <= self.inline_max:
                if chunks:
                    counts, _ = self._settle_range(day, cutoff, LOWEST_KEY, upper, None)
                    for name in OUTCOMES:
                        summary[name] += counts[name]
                return self._close(day, summary)
            self.runs.save_plan(ref, chunks)
            state = RunState(chunks=len(chunks), done=0, due=due)
            pending = [c.number for c in chunks]
        else:
            pending = [c.chunk.number for c in self.runs.chunks(ref) if not c.done]
        if pending:
            self.queue.send([ref.message(n) for n in pending])
        elif not state.closed:
            self.close_if_complete(ref)
        log.info(
            "settlement fanned out",
            extra={
                "event": "settlement_fanned_out",
                "day": day.isoformat(),
                "chunks": state.chunks,
                "sent": len(pending),
            },
        )
        statement = self.store.statement(day)
        summary.update(
            lines=int(statement["line_count"]) if statement else 0,
            net=int(statement["net"]) if statement else 0,
            run=ref.run,
            due=state.due,
            chunks=state.chunks,
            chunks_sent=len(pending),
        )
        return summary

    # -- the chunk worker --------------------------------------------------------------------------
    def run_chunk(self, ref: RunRef, number: int, seconds_left: Callable[[], float] | None = None) -> str:
        """Settle one chunk from its checkpoint: "done" (closing the run when it was
        the last), "continued" (time ran short: the chunk was sent again, to resume
        from its checkpoint), "already_done", or "unknown" (no such plan)."""
        state = self.runs.chunk(ref, number)
        if state is None:
            log.warning("no such chunk", extra={"event": "settlement_chunk_unknown", "run": ref.run, "chunk": number})
            return "unknown"
        if state.done:
            self.close_if_complete(ref)
            return "already_done"
        day = ref.business_date
        cutoff = day_end(day, self.store_timezone)
        c = state.chunk
        _, finished = self._settle_range(
            day,
            cutoff,
            c.lo,
            c.hi,
            state.checkpoint,
            on_page=lambda key, counts: self.runs.checkpoint(ref, number, key, counts),
            seconds_left=seconds_left,
        )
        if not finished:
            self.queue.send([ref.message(number)])
            return "continued"
        self.runs.finish_chunk(ref, number)
        self.close_if_complete(ref)
        return "done"

    def close_if_complete(self, ref: RunRef) -> bool:
        state = self.runs.run(ref)
        if state is None or state.closed or state.done < state.chunks:
            return False  # not planned, closed already (a late duplicate), or chunks still running
        counts = {name: 0 for name in OUTCOMES}
        for chunk in self.runs.chunks(ref):
            for name in OUTCOMES:
                counts[name] += chunk.counts.get(name, 0)
        summary = self._close(ref.business_date, {"business_date": ref.business_date.isoformat(), **counts})
        self.runs.close(ref)
        log.info("settlement run closed", extra={"event": "settlement_closed", **summary})
        return True

    # -- shared ------------------------------------------------------------------------------------
    def _settle_range(
        self,
        day: date,
        cutoff: datetime,
        lo: str,
        hi: str,
        after: str | None,
        on_page: Callable[[str, dict[str, int]], None] | None = None,
        seconds_left: Callable[[], float] | None = None,
    ) -> tuple[dict[str, int], bool]:
        """Settle the due orders with keys in [lo, hi) after ``after``, a page at a
        time; after each page ``on_page(last key read, that page's counts)``.
        Returns the counts and whether the range was finished."""
        total = {name: 0 for name in OUTCOMES}
        while True:
            page = self.due.due_between(lo, hi, after, cutoff, PAGE)
            counts = {name: 0 for name in OUTCOMES}
            for order in page.orders:
                counts[self._settle_one(day, order)] += 1
            for name in OUTCOMES:
                total[name] += counts[name]
            if page.last_key is not None:
                after = page.last_key
                if on_page is not None:
                    on_page(page.last_key, counts)
            if page.exhausted:
                return total, True
            if seconds_left is not None and seconds_left() < MIN_SECONDS_LEFT:
                return total, False

    def _close(self, day: date, summary: dict[str, Any]) -> dict[str, Any]:
        statement = Statement(day, self.currency, tuple(self.store.lines(day)))
        self.store.save_statement(statement, self.clock.now())
        summary.update(lines=len(statement.lines), net=sum(line.net for line in statement.lines))
        return summary

    def _settle_one(self, day: date, order: Order) -> str:
        if order.settled_on is None:
            # Stripe's fee as recorded with the payment (ADR 0029): no call to Stripe. An
            # order paid before it was recorded (or while Stripe could not say) asks now,
            # for both payments of a presale order (ADR 0026).
            captured, fee = order.payment_captured, order.payment_fee
            if fee is None:
                try:
                    captured, fee = self._facts(order)
                except PaymentProviderUnavailable:
                    captured, fee = None, None
            source = "stripe" if fee is not None else "estimated"
            if fee is None:
                fee = estimated_fee(order.amount_paid, self.fee_bps)
            line = order_line(order, fee, source, captured)
            outcome = "settled"
        else:
            line = adjustment_line(order)
            outcome = "adjustments"
        after = replace(order, settled_on=order.settled_on or day.isoformat(), settled_refunds=order.amount_refunded)
        if not self.store.record(day, order, after, line):
            return "skipped"  # an overlapping run settled it
        log.info(
            "settled order %s",
            order.id,
            extra={"event": "settled", "order_id": order.id, "kind": line.kind, "day": day.isoformat()},
        )
        return outcome

    def _facts(self, order: Order) -> tuple[int | None, int | None]:
        """Stripe's (captured, fee) of the order's payment; a presale order's two
        payments (ADR 0026) summed, unknown if either is."""
        intents = [order.payment_intent_id] if order.payment_intent_id else []
        if order.presale is not None and order.presale.balance_intent_id and order.amount_paid > order.presale.deposit:
            intents.append(order.presale.balance_intent_id)
        if not intents:
            return None, None
        facts = [self.payments.payment_facts(i) for i in intents]
        captured = [c for c, _ in facts]
        fees = [f for _, f in facts]
        return (
            None if None in captured else sum(c or 0 for c in captured),
            None if None in fees else sum(f or 0 for f in fees),
        )

    def statement(self, day: date) -> tuple[dict[str, Any], list[Line]] | None:
        header = self.store.statement(day)
        if header is None:
            return None
        return header, self.store.lines(day)

    def statements(self, first: date, last: date) -> list[dict[str, Any]]:
        return self.store.statements(first, last)
