"""DynamoDB: the coupon wallet (ADR 0018).

A wallet entry is an item beside the customer's profile, ``CUSTOMER#<id>`` /
``WALLET#<CODE>`` (a compensation's CouponGrantRecord shares the key space), so a
customer holds a coupon at most once: claims and grants are conditional puts of
that key. A claim also ADDs to the coupon's ``claimed`` counter under the claim
limit, in the same transaction. A staff grant job and its batches' counts live
beside the coupon (``COUPON#<CODE>`` / ``GRANT#<id>``, ``GRANT#<id>#BATCH#<n>``).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist, PutError, TransactWriteError
from pynamodb.transactions import TransactWrite

from ...domain.error_codes import WalletErrorCode
from ...domain.errors import Conflict
from ...domain.promotions import Coupon
from ...domain.wallet import CLAIM_SOURCE, GrantBatch, GrantJob, WalletEntry
from ...services.ports import Page, Position
from . import keys, transact
from .commerce import coupon_of
from .customer_models import CustomerItem
from .models import CouponItem, Item, UsageItem
from .paging import BASE_KEYS, MAX_SCAN_ROUNDS, query_page
from .tickets import CouponGrantRecord

GRANT_WRITERS = 8  # a grant batch's conditional puts in flight at once


class WalletCouponItem(Item, discriminator="WalletCoupon"):
    """A claimed or staff-granted coupon in a customer's wallet."""

    code = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    source = UnicodeAttribute()  # claim, grant:<grant id>
    added_at = UTCDateTimeAttribute()
    voided_at = UTCDateTimeAttribute(null=True)  # the customer's erasure


class CouponGrantJobItem(Item, discriminator="CouponGrantJob"):
    id = UnicodeAttribute()
    code = UnicodeAttribute()
    targeted = NumberAttribute()
    batches = NumberAttribute()
    segment = UnicodeAttribute(null=True)
    actor = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()


class CouponGrantBatchItem(Item, discriminator="CouponGrantBatch"):
    number = NumberAttribute()
    granted = NumberAttribute()
    skipped = NumberAttribute()
    done_at = UTCDateTimeAttribute()


def wallet_item(code: str, customer_id: str, source: str, at: datetime) -> WalletCouponItem:
    return WalletCouponItem(
        *keys.wallet_coupon(customer_id, code), code=code, customer_id=customer_id, source=source, added_at=at
    )


class DynamoWalletCoupons:
    # --- claims and grants -------------------------------------------------------------------
    def claim(self, coupon: Coupon, customer_id: str, now: datetime) -> None:
        """The wallet entry and the claim counted, or neither: Conflict
        coupon_already_claimed, claims_exhausted, coupon_expired or coupon_not_claimable."""
        labels: list[str] = []
        limit = coupon.claim_limit or 0

        def build(tw: TransactWrite) -> None:
            t = transact.Labelled(tw)
            t.save(
                "wallet",
                wallet_item(coupon.code, customer_id, CLAIM_SOURCE, now),
                condition=Item.PK.does_not_exist(),
            )
            t.update(
                "coupon",
                CouponItem(*keys.coupon(coupon.code)),
                actions=[CouponItem.claimed.add(1)],
                condition=(CouponItem.claimable == True)  # noqa: E712 - a DynamoDB condition
                & (CouponItem.claimed < limit)
                & (CouponItem.ends_at > now),
            )
            labels[:] = t.labels

        def refused(error: TransactWriteError) -> BaseException:
            failed = transact.failed_labels(error, labels)
            if "wallet" in failed:
                return Conflict(
                    f"Coupon {coupon.code} is in your wallet already.", code=WalletErrorCode.COUPON_ALREADY_CLAIMED
                )
            current = self._coupon(coupon.code)
            if current is None or not current.claimable:
                return Conflict(f"Coupon {coupon.code} cannot be claimed.", code=WalletErrorCode.COUPON_NOT_CLAIMABLE)
            if current.ends_at <= now:
                return Conflict(f"Coupon {coupon.code} has ended.", code=WalletErrorCode.COUPON_EXPIRED)
            return Conflict(f"Coupon {coupon.code} has been claimed up.", code=WalletErrorCode.CLAIMS_EXHAUSTED)

        transact.run_checked(build, refused)

    def grant(self, code: str, customer_ids: list[str], source: str, now: datetime) -> tuple[int, int]:
        """One entry per customer who exists and holds none of this coupon yet:
        (granted, skipped). An entry this source wrote before (a batch delivered
        again) counts as granted; one from elsewhere (a claim, another grant) or a
        customer who does not exist, as skipped."""
        known = self._known(customer_ids)

        def one(customer_id: str) -> bool:
            if customer_id not in known:
                return False
            try:
                wallet_item(code, customer_id, source, now).save(condition=Item.PK.does_not_exist())
                return True
            except PutError as error:
                if not transact.put_refused(error):
                    raise
                held = self._entry_item(customer_id, code)
                return isinstance(held, WalletCouponItem) and held.source == source

        with ThreadPoolExecutor(max_workers=GRANT_WRITERS) as pool:  # independent puts, a batch's in parallel
            outcomes = list(pool.map(one, customer_ids))
        granted = sum(outcomes)
        skipped = len(outcomes) - granted
        return granted, skipped

    def _known(self, customer_ids: list[str]) -> set[str]:
        """The customers of these ids who exist and are not erased."""
        found: set[str] = set()
        for start in range(0, len(customer_ids), 100):
            wanted = [keys.customer(c) for c in customer_ids[start : start + 100]]
            for item in CustomerItem.batch_get(wanted, consistent_read=True):
                if item.erased_at is None:
                    found.add(item.id)
        return found

    # --- reads ---------------------------------------------------------------------------------
    def _coupon(self, code: str) -> Coupon | None:
        try:
            return coupon_of(CouponItem.get(*keys.coupon(code), consistent_read=True), 0)
        except DoesNotExist:
            return None

    def _entry_item(self, customer_id: str, code: str) -> Item | None:
        try:
            return Item.get(*keys.wallet_coupon(customer_id, code), consistent_read=True)
        except DoesNotExist:
            return None

    def entry(self, customer_id: str, code: str) -> WalletEntry | None:
        item = self._entry_item(customer_id, code)
        if not isinstance(item, WalletCouponItem | CouponGrantRecord):
            return None
        return self._entries(customer_id, [item])[0]

    def entries(
        self, customer_id: str, limit: int, after: Position | None, keep: Callable[[WalletEntry], bool] | None = None
    ) -> Page:
        """A page of the customer's wallet (WalletEntry) in code order, descending, of the
        entries ``keep`` keeps (all without it): it reads pages until ``limit`` are kept
        or MAX_SCAN_ROUNDS pages were read, and resumes after the last entry it read."""
        pk, _ = keys.wallet_coupon(customer_id, "")
        kept: list[WalletEntry] = []
        position = after
        for _ in range(MAX_SCAN_ROUNDS):
            page = query_page(
                pk,
                None,
                BASE_KEYS,
                limit,
                position,
                forward=False,
                range_key_condition=Item.SK.startswith(keys.WALLET_PREFIX),
            )
            items = [i for i in page.items if isinstance(i, WalletCouponItem | CouponGrantRecord)]
            for entry in self._entries(customer_id, items):
                if keep is None or keep(entry):
                    kept.append(entry)
                    if len(kept) == limit:
                        last = keys.wallet_coupon(customer_id, entry.code)
                        more = entry.code != items[-1].code or page.next_position is not None
                        return Page(kept, {"PK": {"S": last[0]}, "SK": {"S": last[1]}} if more else None)
            position = page.next_position
            if position is None or keep is None:
                break
        return Page(kept, position)

    def _entries(self, customer_id: str, items: list[Any]) -> list[WalletEntry]:
        coupons: dict[str, CouponItem] = {}
        used: dict[str, int] = {}
        wanted = [keys.coupon(i.code) for i in items] + [keys.coupon_usage(i.code, customer_id) for i in items]
        for start in range(0, len(wanted), 100):
            for found in Item.batch_get(wanted[start : start + 100], consistent_read=True):
                if isinstance(found, CouponItem):
                    coupons[found.code] = found
                elif isinstance(found, UsageItem):
                    used[found.PK.split("#", 1)[1]] = int(found.used or 0)
        entries = []
        for item in items:
            coupon = coupons.get(item.code)
            of = coupon_of(coupon, used.get(item.code, 0)) if coupon is not None else None
            if isinstance(item, CouponGrantRecord):
                entries.append(WalletEntry(item.code, customer_id, item.source, item.granted_at, of))
            else:
                entries.append(WalletEntry(item.code, customer_id, item.source, item.added_at, of, item.voided_at))
        return entries

    # --- grant jobs ----------------------------------------------------------------------------
    def add_job(self, job: GrantJob) -> None:
        CouponGrantJobItem(
            *keys.coupon_grant(job.code, job.id),
            id=job.id,
            code=job.code,
            targeted=job.targeted,
            batches=job.batches,
            segment=job.segment,
            actor=job.actor,
            created_at=job.created_at,
        ).save(condition=Item.PK.does_not_exist())

    def job(self, code: str, grant_id: str) -> GrantJob | None:
        """The job with the progress of its batches done so far."""
        pk, sk = keys.coupon_grant(code, grant_id)
        job: CouponGrantJobItem | None = None
        granted = skipped = done = 0
        for item in Item.query(pk, Item.SK.startswith(sk), consistent_read=True):
            if isinstance(item, CouponGrantJobItem) and item.id == grant_id:
                job = item
            elif isinstance(item, CouponGrantBatchItem) and item.SK.startswith(f"{sk}#BATCH#"):
                granted, skipped, done = granted + int(item.granted), skipped + int(item.skipped), done + 1
        if job is None:
            return None
        return GrantJob(
            id=job.id,
            code=job.code,
            targeted=int(job.targeted),
            batches=int(job.batches),
            created_at=job.created_at,
            actor=job.actor,
            segment=job.segment,
            granted=granted,
            skipped=skipped,
            batches_done=done,
        )

    def finish_batch(self, batch: GrantBatch, granted: int, skipped: int, at: datetime) -> None:
        """The batch's counts (written again, the same, when the batch is delivered again)."""
        CouponGrantBatchItem(
            *keys.coupon_grant_batch(batch.code, batch.grant_id, batch.number),
            number=batch.number,
            granted=granted,
            skipped=skipped,
            done_at=at,
        ).save()
