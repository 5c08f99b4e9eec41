"""In-memory fakes of the coupon wallet's ports (services/wallet.py), with the
adapter's rules: one entry per coupon and customer, claims under the limit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from chalicelib.domain.error_codes import WalletErrorCode
from chalicelib.domain.errors import Conflict
from chalicelib.domain.promotions import Coupon
from chalicelib.domain.wallet import GrantBatch, GrantJob, WalletEntry
from chalicelib.services.ports import Page, Position

from .fakes import paginate


class FakeCoupons:
    def __init__(self, *coupons: Coupon) -> None:
        self.coupons = {c.code: c for c in coupons}
        self.used_by: dict[tuple[str, str], int] = {}

    def add(self, coupon: Coupon, now: datetime) -> None:
        self.coupons[coupon.code] = coupon

    def get(self, code: str, customer_id: str | None) -> Coupon | None:
        coupon = self.coupons.get(code)
        if coupon is None:
            return None
        return replace(coupon, used_by_customer=self.used_by.get((code, customer_id or ""), 0))

    def page(self, limit: int, after: Position | None) -> Page:
        return paginate(self.coupons.values(), lambda c: (c.code,), descending=False, limit=limit, after=after)

    def set_budget(self, code: str, budget: int | None, owner: str | None) -> None:
        self.coupons[code] = replace(self.coupons[code], budget=budget, owner=owner)


class FakeWalletStore:
    def __init__(self, coupons: FakeCoupons, customers: set[str]) -> None:
        self.coupons = coupons
        self.customers = customers
        self.held: dict[tuple[str, str], tuple[str, datetime]] = {}  # (customer, code) -> (source, at)
        self.jobs: dict[str, GrantJob] = {}
        self.batches: dict[tuple[str, int], tuple[int, int]] = {}

    def claim(self, coupon: Coupon, customer_id: str, now: datetime) -> None:
        if (customer_id, coupon.code) in self.held:
            raise Conflict("held", code=WalletErrorCode.COUPON_ALREADY_CLAIMED)
        current = self.coupons.coupons[coupon.code]
        if current.claimed >= (current.claim_limit or 0):
            raise Conflict("full", code=WalletErrorCode.CLAIMS_EXHAUSTED)
        self.coupons.coupons[coupon.code] = replace(current, claimed=current.claimed + 1)
        self.held[(customer_id, coupon.code)] = ("claim", now)

    def grant(self, code: str, customer_ids: list[str], source: str, now: datetime) -> tuple[int, int]:
        granted = skipped = 0
        for customer_id in customer_ids:
            if customer_id not in self.customers:
                skipped += 1
                continue
            held = self.held.setdefault((customer_id, code), (source, now))
            if held[0] == source:
                granted += 1
            else:
                skipped += 1
        return granted, skipped

    def entry(self, customer_id: str, code: str) -> WalletEntry | None:
        held = self.held.get((customer_id, code))
        if held is None:
            return None
        return WalletEntry(code, customer_id, held[0], held[1], self.coupons.get(code, customer_id))

    def entries(
        self,
        customer_id: str,
        limit: int,
        after: Position | None,
        keep: Callable[[WalletEntry], bool] | None = None,
    ) -> Page:
        mine = [self.entry(c, code) for (c, code) in self.held if c == customer_id]
        kept = [e for e in mine if e is not None and (keep is None or keep(e))]
        return paginate(kept, lambda e: (e.code,), descending=True, limit=limit, after=after)

    def add_job(self, job: GrantJob) -> None:
        self.jobs[job.id] = job

    def job(self, code: str, grant_id: str) -> GrantJob | None:
        job = self.jobs.get(grant_id)
        if job is None or job.code != code:
            return None
        done = [v for (g, _), v in self.batches.items() if g == grant_id]
        return replace(job, granted=sum(g for g, _ in done), skipped=sum(s for _, s in done), batches_done=len(done))

    def finish_batch(self, batch: GrantBatch, granted: int, skipped: int, at: datetime) -> None:
        self.batches[(batch.grant_id, batch.number)] = (granted, skipped)
