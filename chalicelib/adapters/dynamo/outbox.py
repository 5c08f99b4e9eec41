"""DynamoDB: the outbox of domain events. The transactions that cause events
Put them (``outbox_record``); the relay reads and clears what is not yet sent."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from ...services.ports import OutboxEvent
from . import keys
from .models import OutboxRecord


def outbox_record(event: OutboxEvent) -> OutboxRecord:
    """The item a transaction Puts for one event (pending until relayed)."""
    return OutboxRecord(
        *keys.outbox(event.id),
        id=event.id,
        event_type=event.type,
        version=event.version,
        detail=dict(event.data),
        at=event.occurred_at,
        GSI1PK=keys.OUTBOX_PENDING_PK,
        GSI1SK=event.id,
    )


class DynamoOutbox:
    """Events are written into the outbox by the transactions that cause them;
    this reads and clears what the relay has not yet sent."""

    def pending(self, limit: int) -> list[OutboxEvent]:
        return [
            OutboxEvent(type=r.event_type, id=r.id, occurred_at=r.at, data=dict(r.detail), version=int(r.version or 1))
            for r in OutboxRecord.gsi1.query(keys.OUTBOX_PENDING_PK, limit=limit)
        ]

    def mark_sent(self, events: list[OutboxEvent]) -> None:
        for event in events:
            try:
                OutboxRecord(*keys.outbox(event.id)).delete()
            except DoesNotExist:  # pragma: no cover - deleting a missing item is not an error in DynamoDB
                pass
