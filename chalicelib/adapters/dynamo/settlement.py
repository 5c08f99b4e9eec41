"""DynamoDB: settlement statements (one partition per business date: the
statement item and its lines) and settling an order exactly once."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from pynamodb.exceptions import DoesNotExist, PutError
from pynamodb.transactions import TransactWrite

from ...domain.orders import Order
from ...domain.settlement import Line, Statement
from . import keys, order_index, transact
from .money_models import SettlementLineItem, SettlementStatementItem
from .order_records import order_record

MONEY_FIELDS = ("gross", "discounts", "shipping", "refunds", "fees", "net")


def _line(item: SettlementLineItem) -> Line:
    b = dict(item.body)
    b.pop("net", None)
    return Line(order_id=item.order_id, **b)


class DynamoSettlements:
    def record(self, day: date, before: Order, after: Order, line: Line) -> bool:
        """One transaction: the line (its key is new) and the order marked settled,
        guarded by the version read. False when another run settled it first."""
        record = order_record(after)
        record.version = before.version
        body = {**asdict(line), "net": line.net}
        body.pop("order_id")

        def build(tw: TransactWrite) -> None:
            tw.save(
                SettlementLineItem(
                    *keys.settlement_line(day, line.order_id, after.settled_refunds), order_id=line.order_id, body=body
                ),
                condition=SettlementLineItem.PK.does_not_exist(),
            )
            tw.save(record)
            order_index.file_changes(transact.Labelled(tw), after, before)  # off the settlement queue

        return transact.run_checked(build)

    def lines(self, day: date) -> list[Line]:
        pk, _ = keys.settlement_statement(day)
        return [
            _line(i)
            for i in SettlementLineItem.query(pk, SettlementLineItem.SK.startswith("LINE#"), consistent_read=True)
        ]

    def save_statement(self, statement: Statement, generated_at: datetime) -> None:
        """Only forward: a run that saw fewer lines never overwrites one that saw more,
        and a rerun that saw the same lines (lines are only ever added) leaves the
        statement, its generated_at included, as it was."""
        totals: dict[str, Any] = {name: statement.total(name) for name in MONEY_FIELDS[:-1]}
        totals["net"] = sum(line.net for line in statement.lines)
        totals["orders"] = sum(1 for line in statement.lines if line.kind == "order")
        totals["adjustments"] = sum(1 for line in statement.lines if line.kind == "adjustment")
        totals["exceptions"] = statement.exceptions
        day = statement.business_date.isoformat()
        try:
            SettlementStatementItem(
                *keys.settlement_statement(statement.business_date),
                business_date=day,
                currency=statement.currency,
                line_count=len(statement.lines),
                totals=totals,
                generated_at=generated_at,
                GSI2PK=keys.SETTLEMENTS_PK,
                GSI2SK=day,
            ).save(
                condition=SettlementStatementItem.PK.does_not_exist()
                | (SettlementStatementItem.line_count < len(statement.lines))
            )
        except PutError as error:
            if not transact.put_refused(error):
                raise

    def statement(self, day: date) -> dict[str, Any] | None:
        try:
            item = SettlementStatementItem.get(*keys.settlement_statement(day), consistent_read=True)
        except DoesNotExist:
            return None
        return _header(item)

    def statements(self, first: date, last: date) -> list[dict[str, Any]]:
        found = SettlementStatementItem.gsi2.query(
            keys.SETTLEMENTS_PK, SettlementStatementItem.GSI2SK.between(first.isoformat(), last.isoformat())
        )
        return [_header(i) for i in found]


def _header(item: SettlementStatementItem) -> dict[str, Any]:
    return {
        "business_date": item.business_date,
        "currency": item.currency,
        "line_count": int(item.line_count),
        "generated_at": item.generated_at,
        **dict(item.totals),
    }
