"""DynamoDB: operational exceptions (one per order and kind)."""

from __future__ import annotations

from collections.abc import Sequence

from pynamodb.exceptions import DoesNotExist, PutError
from pynamodb.transactions import TransactWrite

from ...domain.operations import OrderException
from ...services.ports import OutboxEvent, Page, Position
from . import keys, transact
from .models import ExceptionRecord
from .outbox import outbox_record
from .paging import GSI2_KEYS, query_page


def _record(e: OrderException) -> ExceptionRecord:
    return ExceptionRecord(
        *keys.order_exception(e.id),
        id=e.id,
        order_id=e.order_id,
        kind=e.kind,
        status=e.status,
        owner_role=e.owner_role,
        detail=e.detail,
        due_at=e.due_at,
        created_at=e.created_at,
        resolved_at=e.resolved_at,
        resolved_by=e.resolved_by,
        note=e.note,
        deadline_hours=e.deadline_hours,
        GSI2PK=keys.exceptions_by_status(e.status),
        GSI2SK=e.id,
    )


def _exception(r: ExceptionRecord) -> OrderException:
    return OrderException(
        r.id,
        r.order_id,
        r.kind,
        r.status,
        r.owner_role,
        r.detail,
        r.due_at,
        r.created_at,
        r.resolved_at,
        r.resolved_by,
        r.note,
        None if r.deadline_hours is None else int(r.deadline_hours),
    )


class DynamoExceptions:
    def add(self, exception: OrderException, events: Sequence[OutboxEvent] = ()) -> bool:
        """Record the exception unless this order and kind has one; its events (the
        customer told of it) go into the outbox in the same transaction."""
        if events:

            def build(tw: TransactWrite) -> None:
                tw.save(_record(exception), condition=ExceptionRecord.PK.does_not_exist())
                for event in events:
                    tw.save(outbox_record(event))

            return transact.run_checked(build)
        try:
            _record(exception).save(condition=ExceptionRecord.PK.does_not_exist())
        except PutError as error:
            if transact.put_refused(error):
                return False
            raise
        return True

    def get(self, exception_id: str) -> OrderException | None:
        try:
            return _exception(ExceptionRecord.get(*keys.order_exception(exception_id), consistent_read=True))
        except DoesNotExist:
            return None

    def save(self, exception: OrderException) -> None:
        _record(exception).save(condition=ExceptionRecord.PK.exists())

    def by_status(self, status: str, limit: int, after: Position | None) -> Page:
        page = query_page(keys.exceptions_by_status(status), "GSI2", GSI2_KEYS, limit, after, forward=False)
        return Page([_exception(i) for i in page.items], page.next_position)
