"""DynamoDB for the settle job's fan-out (ADR 0012): the due queue read
by key range (GSI5, ``DUE#settlement``: the orders' due index items, ADR 0031), the job-run and chunk items (one
partition per job and business date)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from pynamodb.attributes import BooleanAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.exceptions import DoesNotExist, UpdateError
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from ...domain.settlement import OUTCOMES, Chunk, ChunkState, DueSlice, RunRef, RunState, settlement_due
from . import keys, transact
from .models import Item, OrderRecord
from .order_index import OrderIndexItem
from .order_records import order_of, settlement_policy

RUN_TTL = timedelta(days=35)  # a month of runs to look back on, then DynamoDB deletes them


class JobRunItem(Item, discriminator="JobRun"):
    job = UnicodeAttribute()
    business_date = UnicodeAttribute()
    run = UnicodeAttribute()
    chunks = NumberAttribute()
    done = NumberAttribute(default=0)
    due = NumberAttribute(default=0)
    closed = BooleanAttribute(default=False)
    expires_at = TTLAttribute(null=True)


class JobChunkItem(Item, discriminator="JobChunk"):
    number = NumberAttribute()
    lo = UnicodeAttribute()
    hi = UnicodeAttribute()
    size = NumberAttribute()
    checkpoint = UnicodeAttribute(null=True)
    done = BooleanAttribute(default=False)
    settled = NumberAttribute(default=0)
    adjustments = NumberAttribute(default=0)
    skipped = NumberAttribute(default=0)
    expires_at = TTLAttribute(null=True)


class DynamoDueSettlements:
    """The due queue by key range. Keys come from the index (eventually
    consistent); each order is read again, consistently, in one BatchGetItem a
    page, and kept only if it is due under the configured basis by the cutoff."""

    def cutoff_key(self, cutoff: datetime) -> str:
        return keys.due_sort_key(cutoff, "\uffff")

    def due_keys(self, upper: str) -> Iterator[str]:
        found = OrderIndexItem.gsi5.query(
            keys.DUE_SETTLEMENT_PK,
            upper > OrderIndexItem.GSI5SK,
            attributes_to_get=["GSI5SK"],
            page_size=1000,
        )
        for item in found:
            yield str(item.GSI5SK)

    def due_between(self, lo: str, hi: str, after: str | None, as_of: datetime, limit: int) -> DueSlice:
        start = max(lo, after) if after is not None else lo
        found = OrderIndexItem.gsi5.query(
            keys.DUE_SETTLEMENT_PK, OrderIndexItem.GSI5SK.between(start, hi), limit=limit + 2, page_size=limit + 2
        )
        scanned: list[tuple[str, str]] = []
        exhausted = True
        for item in found:
            key = str(item.GSI5SK)
            if key >= hi or (after is not None and key <= after):
                continue  # hi is exclusive; after was read already
            if len(scanned) == limit:
                exhausted = False
                break
            scanned.append((key, str(item.order_id)))
        if not scanned:
            return DueSlice([], None, True)
        fresh = {str(r.id): r for r in OrderRecord.batch_get([keys.order(i) for _, i in scanned], consistent_read=True)}
        policy = settlement_policy()
        orders = []
        for _, order_id in scanned:
            record = fresh.get(order_id)
            if record is None:
                continue
            order = order_of(record)
            due = settlement_due(order, policy)
            if due is not None and due <= as_of:
                orders.append(order)
        return DueSlice(orders, scanned[-1][0], exhausted)


def _chunk_state(item: JobChunkItem) -> ChunkState:
    return ChunkState(
        chunk=Chunk(int(item.number), str(item.lo), str(item.hi), int(item.size)),
        checkpoint=item.checkpoint,
        done=bool(item.done),
        counts={name: int(getattr(item, name) or 0) for name in OUTCOMES},
    )


class DynamoJobRuns:
    def __init__(self, now: Any) -> None:
        self._now = now  # () -> datetime, for the items' expiry

    def _expires(self) -> datetime:
        moment: datetime = self._now()
        return moment + RUN_TTL

    def run(self, ref: RunRef) -> RunState | None:
        try:
            item = JobRunItem.get(*keys.job_run(ref.job, ref.business_date, ref.run), consistent_read=True)
        except DoesNotExist:
            return None
        return RunState(chunks=int(item.chunks), done=int(item.done), due=int(item.due), closed=bool(item.closed))

    def save_plan(self, ref: RunRef, chunks: list[Chunk]) -> None:
        """The chunks first, then the run item: a run item always has all its chunks.
        A plan saved twice (a retried coordinator) is the same plan written again."""
        expires = self._expires()
        with JobChunkItem.batch_write() as batch:
            for c in chunks:
                batch.save(
                    JobChunkItem(
                        *keys.job_chunk(ref.job, ref.business_date, ref.run, c.number),
                        number=c.number,
                        lo=c.lo,
                        hi=c.hi,
                        size=c.size,
                        expires_at=expires,
                    )
                )
        JobRunItem(
            *keys.job_run(ref.job, ref.business_date, ref.run),
            job=ref.job,
            business_date=ref.business_date.isoformat(),
            run=ref.run,
            chunks=len(chunks),
            due=sum(c.size for c in chunks),
            expires_at=expires,
        ).save()

    def chunk(self, ref: RunRef, number: int) -> ChunkState | None:
        try:
            item = JobChunkItem.get(*keys.job_chunk(ref.job, ref.business_date, ref.run, number), consistent_read=True)
        except DoesNotExist:
            return None
        return _chunk_state(item)

    def chunks(self, ref: RunRef) -> list[ChunkState]:
        pk, sk = keys.job_run(ref.job, ref.business_date, ref.run)
        found = JobChunkItem.query(pk, JobChunkItem.SK.startswith(f"{sk}#CHUNK#"), consistent_read=True)
        return [_chunk_state(i) for i in found]

    def checkpoint(self, ref: RunRef, number: int, key: str, counts: dict[str, int]) -> None:
        """The last key read, and the page's counts. Only forward: a late duplicate
        of the chunk never moves the checkpoint back."""
        item = JobChunkItem(*keys.job_chunk(ref.job, ref.business_date, ref.run, number))
        actions: list[Action] = [JobChunkItem.checkpoint.set(key)]
        actions += [getattr(JobChunkItem, name).add(n) for name, n in counts.items() if n]
        try:
            item.update(
                actions=actions,
                condition=JobChunkItem.PK.exists()
                & (JobChunkItem.checkpoint.does_not_exist() | (JobChunkItem.checkpoint < key)),
            )
        except UpdateError as error:  # a refused condition: another delivery went further
            if not transact.put_refused(error):
                raise

    def finish_chunk(self, ref: RunRef, number: int) -> bool:
        """One transaction: the chunk done (once) and the run's count of done chunks."""

        def build(tw: TransactWrite) -> None:
            tw.update(
                JobChunkItem(*keys.job_chunk(ref.job, ref.business_date, ref.run, number)),
                actions=[JobChunkItem.done.set(True)],
                condition=JobChunkItem.PK.exists() & (JobChunkItem.done == False),  # noqa: E712
            )
            tw.update(
                JobRunItem(*keys.job_run(ref.job, ref.business_date, ref.run)),
                actions=[JobRunItem.done.add(1)],
                condition=JobRunItem.PK.exists(),
            )

        return transact.run_checked(build)

    def close(self, ref: RunRef) -> None:
        JobRunItem(*keys.job_run(ref.job, ref.business_date, ref.run)).update(actions=[JobRunItem.closed.set(True)])
