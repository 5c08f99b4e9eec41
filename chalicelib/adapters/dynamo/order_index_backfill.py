"""The backfill of ADR 0031: orders stored before their index items existed (each
carrying its own GSI1, GSI2 and GSI5 keys) given their index items, and their
own index keys removed, one transaction per order guarded by the version read.
Safe to run again, and alongside the app: an order changed meanwhile is read
again and filed as it now is. Run by scripts/backfill_order_index.py."""

from __future__ import annotations

from typing import Any

from pynamodb.transactions import TransactWrite

from . import transact
from .models import OrderRecord
from .order_index import file_new
from .order_records import order_of

ATTEMPTS = 5
LEGACY_KEYS = (
    OrderRecord.GSI1PK,
    OrderRecord.GSI1SK,
    OrderRecord.GSI2PK,
    OrderRecord.GSI2SK,
    OrderRecord.GSI5PK,
    OrderRecord.GSI5SK,
)


def _file(record: OrderRecord, strip: bool = True) -> bool:
    """The order's index items as it is at the version read, and (``strip``) its own
    keys gone; False when the order changed meanwhile (nothing written)."""

    def build(tw: TransactWrite) -> None:
        t = transact.Labelled(tw)
        file_new(t, order_of(record))
        unchanged = OrderRecord.version == record.version
        if strip:
            actions = [key.remove() for key in LEGACY_KEYS]
            t.raw_update("order", record.PK, record.SK, actions=actions, condition=unchanged)
        else:
            t.check("order", OrderRecord, record.PK, record.SK, condition=unchanged)

    return transact.run_checked(build)


def backfill(segment: int = 0, segments: int = 1, page_size: int = 100, strip: bool = True) -> dict[str, Any]:
    """Every order of one scan segment filed; {"orders": read, "filed": ..., "reread": changed meanwhile}.
    ``strip`` False keeps the orders' own index keys (while a version that still reads them runs)."""
    counts = {"orders": 0, "filed": 0, "reread": 0}
    for record in OrderRecord.scan(segment=segment, total_segments=segments, page_size=page_size):
        counts["orders"] += 1
        for _ in range(ATTEMPTS):
            if _file(record, strip):
                counts["filed"] += 1
                break
            counts["reread"] += 1
            record = OrderRecord.get(record.PK, record.SK, consistent_read=True)
        else:
            raise transact.TransactionConflictExhausted(f"{record.PK} kept changing during the backfill")
    return counts
