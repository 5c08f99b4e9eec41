"""The coupon wallet (ADR 0018): the coupons a customer holds, whether claimed
(a claimable coupon, up to its claim limit), granted by staff (a grant job over
customer ids or an RFM segment) or given on a ticket (a compensation). Each
entry names a coupon; what it is worth and whether it can still be used is the
coupon's, read with the customer's own redemptions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .promotions import Coupon

USABLE, USED, EXPIRED = "usable", "used", "expired"
WALLET_STATUSES = (USABLE, USED, EXPIRED)
CLAIM_SOURCE = "claim"
MAX_GRANT_CUSTOMER_IDS = 500  # customer ids in one grant request
GRANT_BATCH_SIZE = 100  # customers per grant batch message


@dataclass(frozen=True)
class WalletEntry:
    """One coupon in one customer's wallet. ``coupon`` carries this customer's
    redemptions (``used_by_customer``); None when the coupon is gone."""

    code: str
    customer_id: str
    source: str  # claim, grant:<grant id>, ticket:<ticket id>
    added_at: datetime
    coupon: Coupon | None
    voided_at: datetime | None = None  # the customer's erasure voided it


def status_of(entry: WalletEntry, now: datetime) -> str:
    """usable, used (this customer's redemptions reached the per-customer limit, or
    the owner's single-use coupon was taken) or expired (ended, voided, used up
    store-wide, or gone). A coupon that has not started yet is usable: it is held."""
    coupon = entry.coupon
    if coupon is None or entry.voided_at is not None:
        return EXPIRED
    limit = coupon.per_customer_limit
    if (limit is not None and coupon.used_by_customer >= limit) or (
        coupon.owner_id is not None and coupon.usage_limit is not None and coupon.used >= coupon.usage_limit
    ):
        return USED
    if now >= coupon.ends_at or (coupon.usage_limit is not None and coupon.used >= coupon.usage_limit):
        return EXPIRED
    return USABLE


def grant_source(grant_id: str) -> str:
    return f"grant:{grant_id}"


@dataclass(frozen=True)
class GrantJob:
    """A staff grant of one coupon to customers: ``targeted`` distinct customers in
    ``batches`` batch messages; the progress sums the batches done so far."""

    id: str
    code: str
    targeted: int
    batches: int
    created_at: datetime
    actor: str
    segment: str | None = None
    granted: int = 0
    skipped: int = 0  # held already (another grant or a claim) or no such customer
    batches_done: int = 0

    @property
    def status(self) -> str:
        return "done" if self.batches_done >= self.batches else "running"


@dataclass(frozen=True)
class GrantBatch:
    """One message of a grant job: up to GRANT_BATCH_SIZE customer ids."""

    grant_id: str
    code: str
    number: int
    customer_ids: tuple[str, ...]

    def message(self) -> dict[str, Any]:
        return {
            "grant_id": self.grant_id,
            "code": self.code,
            "batch": self.number,
            "customers": list(self.customer_ids),
        }

    @staticmethod
    def of_message(body: Mapping[str, Any]) -> GrantBatch:
        return GrantBatch(
            str(body["grant_id"]), str(body["code"]), int(body["batch"]), tuple(str(c) for c in body["customers"])
        )


def batches_of(grant_id: str, code: str, customer_ids: list[str], size: int = GRANT_BATCH_SIZE) -> list[GrantBatch]:
    return [
        GrantBatch(grant_id, code, n, tuple(customer_ids[start : start + size]))
        for n, start in enumerate(range(0, len(customer_ids), size), start=1)
    ]
