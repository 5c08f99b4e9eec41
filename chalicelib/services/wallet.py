"""The coupon wallet (ADR 0018): customers claim claimable coupons, staff grant a
coupon to customer ids or an RFM segment (a grant job fanned out in batches over
the coupon-grants queue), customers list their wallet and check out with one of
its coupons."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from ..domain.clock import Clock
from ..domain.error_codes import CommonErrorCode, WalletErrorCode
from ..domain.errors import Conflict, FieldError, NotFound, ValidationFailed
from ..domain.ids import new_id
from ..domain.promotions import Coupon
from ..domain.wallet import (
    USABLE,
    GrantBatch,
    GrantJob,
    WalletEntry,
    batches_of,
    grant_source,
    status_of,
)
from .ports import CouponRepository, Page, Position

log = logging.getLogger("commerce.wallet")

MAX_SEGMENT_CUSTOMERS = 100_000  # a segment grant reads the segment's ids in the request
SEGMENT_PAGE = 1000


Keep = Callable[[WalletEntry], bool]


class WalletStore(Protocol):
    def claim(self, coupon: Coupon, customer_id: str, now: datetime) -> None: ...  # Conflict (WalletErrorCode)
    def grant(self, code: str, customer_ids: list[str], source: str, now: datetime) -> tuple[int, int]: ...
    def entry(self, customer_id: str, code: str) -> WalletEntry | None: ...
    def entries(
        self, customer_id: str, limit: int, after: Position | None, keep: Keep | None = None
    ) -> Page: ...  # WalletEntry, those ``keep`` keeps
    def add_job(self, job: GrantJob) -> None: ...
    def job(self, code: str, grant_id: str) -> GrantJob | None: ...  # with its progress
    def finish_batch(self, batch: GrantBatch, granted: int, skipped: int, at: datetime) -> None: ...


class BatchQueue(Protocol):
    def send(self, messages: list[dict[str, Any]]) -> None: ...


SegmentPage = Callable[[str, int, Position | None], Page]  # segment, limit, after -> customer ids


@dataclass(frozen=True)
class WalletPage:
    items: list[WalletEntry]
    next_position: Position | None
    now: datetime


class WalletService:
    def __init__(
        self,
        coupons: CouponRepository,
        store: WalletStore,
        in_segment: SegmentPage,
        clock: Clock,
        queue: BatchQueue | None = None,
    ) -> None:
        self.coupons = coupons
        self.store = store
        self.in_segment = in_segment
        self.clock = clock
        self.queue = queue  # coupon-grants; None: a grant's batches run in the request

    # --- the customer ------------------------------------------------------------------------
    def claim(self, customer_id: str, code: str) -> WalletEntry:
        """Put a claimable coupon into the customer's wallet: at most once per customer,
        and never more claims than its claim_limit (one transaction, ADR 0018)."""
        code = code.strip().upper()
        coupon = self.coupons.get(code, customer_id)
        if coupon is None or coupon.owner_id is not None:
            raise NotFound(f"No coupon {code}.")
        if not coupon.claimable:
            raise Conflict(f"Coupon {code} cannot be claimed.", code=WalletErrorCode.COUPON_NOT_CLAIMABLE)
        now = self.clock.now()
        if now >= coupon.ends_at:
            raise Conflict(f"Coupon {code} has ended.", code=WalletErrorCode.COUPON_EXPIRED)
        self.store.claim(coupon, customer_id, now)
        entry = self.store.entry(customer_id, code)
        assert entry is not None
        return entry

    def mine(self, customer_id: str, status: str | None, limit: int, after: Position | None) -> WalletPage:
        """A page of the wallet, with each entry's status (now); ``status`` keeps only those."""
        now = self.clock.now()
        keep = None if status is None else (lambda entry: status_of(entry, now) == status)
        page = self.store.entries(customer_id, limit, after, keep)
        return WalletPage(list(page.items), page.next_position, now)

    def usable_code(self, customer_id: str, wallet_coupon_id: str) -> str:
        """The code of a usable coupon of the customer's wallet (checkout's ``wallet_coupon_id``)."""
        code = wallet_coupon_id.strip().upper()
        entry = self.store.entry(customer_id, code)
        if entry is None or status_of(entry, self.clock.now()) != USABLE:
            raise ValidationFailed(
                "That coupon is not a usable one of your wallet.",
                [FieldError("wallet_coupon_id", "unavailable", "List GET /me/coupons?status=usable.")],
                code=WalletErrorCode.WALLET_COUPON_UNAVAILABLE,
            )
        return code

    # --- staff grants ----------------------------------------------------------------------------
    def start_grant(self, code: str, customer_ids: list[str], segment: str | None, actor: str) -> GrantJob:
        """A grant job: the distinct customers of ``customer_ids`` and the segment, in
        batches (the coupon-grants queue); each ends up with one entry of the coupon,
        however often it is granted."""
        code = code.strip().upper()
        coupon = self.coupons.get(code, None)
        if coupon is None or coupon.owner_id is not None:
            raise NotFound(f"No coupon {code}.")
        now = self.clock.now()
        if now >= coupon.ends_at:
            raise Conflict(f"Coupon {code} has ended.", code=WalletErrorCode.COUPON_EXPIRED)
        targets = list(dict.fromkeys(customer_ids))
        if segment is not None:
            targets = list(dict.fromkeys([*targets, *self._segment(segment)]))
        grant_id = new_id("grant")
        batches = batches_of(grant_id, code, targets)
        job = GrantJob(grant_id, code, len(targets), len(batches), now, actor, segment)
        self.store.add_job(job)
        if self.queue is not None and batches:
            self.queue.send([b.message() for b in batches])
        else:
            for batch in batches:
                self.run_batch(batch)
        log.info(
            "grant %s of %s: %d customers in %d batches",
            job.id,
            code,
            job.targeted,
            job.batches,
            extra={"event": "coupon_grant_started", "grant_id": job.id, "code": code, "targeted": job.targeted},
        )
        return self.grant_job(code, job.id)

    def _segment(self, segment: str) -> list[str]:
        ids: list[str] = []
        position: Position | None = None
        while True:
            page = self.in_segment(segment, SEGMENT_PAGE, position)
            ids.extend(str(i) for i in page.items)
            if len(ids) > MAX_SEGMENT_CUSTOMERS:
                raise ValidationFailed(
                    f"Segment {segment} has more than {MAX_SEGMENT_CUSTOMERS} customers.",
                    [FieldError("segment", "too_many_customers", f"At most {MAX_SEGMENT_CUSTOMERS}.")],
                    code=CommonErrorCode.VALIDATION_ERROR,
                )
            position = page.next_position
            if position is None:
                return ids

    def grant_job(self, code: str, grant_id: str) -> GrantJob:
        job = self.store.job(code.strip().upper(), grant_id)
        if job is None:
            raise NotFound(f"No grant {grant_id} of coupon {code}.")
        return job

    def run_batch(self, batch: GrantBatch) -> tuple[int, int]:
        """Grant one batch (the queue worker; again when delivered again: the same counts)."""
        now = self.clock.now()
        granted, skipped = self.store.grant(batch.code, list(batch.customer_ids), grant_source(batch.grant_id), now)
        self.store.finish_batch(batch, granted, skipped, now)
        return granted, skipped
