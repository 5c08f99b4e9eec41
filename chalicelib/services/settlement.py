"""Daily settlement (the ``settle`` job, 02:00 store time): the statement of
business day D (the day before the run's) takes every order whose settlement
fell due by the end of D, each exactly once, with its Stripe fee (or a
configured rate when Stripe cannot say), and lists orders whose captured amount
differs from Stripe's. The statement is recomputed from its lines, so reruns
and overlapping runs leave the same single statement."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from ..domain.clock import Clock, business_date
from ..domain.errors import PaymentProviderUnavailable
from ..domain.orders import Order
from ..domain.settlement import Line, Statement, adjustment_line, day_end, estimated_fee, order_line

log = logging.getLogger("commerce.settlement")


class SettlementOrders(Protocol):
    def due_settlement(self, as_of: datetime, limit: int) -> list[Order]: ...


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
        orders: SettlementOrders,
        store: SettlementStore,
        payments: PaymentFacts,
        clock: Clock,
        store_timezone: str,
        currency: str,
        fee_bps: int,
    ) -> None:
        self.orders = orders
        self.store = store
        self.payments = payments
        self.clock = clock
        self.store_timezone = store_timezone
        self.currency = currency
        self.fee_bps = fee_bps

    def settle(self, as_of: datetime, batch: int = 100, max_rounds: int = 50) -> dict[str, Any]:
        day = business_date(as_of, self.store_timezone) - timedelta(days=1)
        cutoff = day_end(day, self.store_timezone)
        summary: dict[str, Any] = {"business_date": day.isoformat(), "settled": 0, "adjustments": 0, "skipped": 0}
        for _ in range(max_rounds):
            due = self.orders.due_settlement(cutoff, batch)
            progressed = False
            for order in due:
                outcome = self._settle_one(day, order)
                summary[outcome] += 1
                progressed = progressed or outcome != "skipped"
            if len(due) < batch or not progressed:
                break
        statement = Statement(day, self.currency, tuple(self.store.lines(day)))
        self.store.save_statement(statement, self.clock.now())
        summary.update(lines=len(statement.lines), net=sum(line.net for line in statement.lines))
        return summary

    def _settle_one(self, day: date, order: Order) -> str:
        if order.settled_on is None:
            try:
                captured, fee = (
                    self.payments.payment_facts(order.payment_intent_id) if order.payment_intent_id else (None, None)
                )
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

    def statement(self, day: date) -> tuple[dict[str, Any], list[Line]] | None:
        header = self.store.statement(day)
        if header is None:
            return None
        return header, self.store.lines(day)

    def statements(self, first: date, last: date) -> list[dict[str, Any]]:
        return self.store.statements(first, last)
