"""The coupon wallet (ADR 0018): wallet entries, staff grants and their progress."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from ...domain.wallet import MAX_GRANT_CUSTOMER_IDS, GrantJob, WalletEntry, status_of
from .common import Strict, money, ts

CustomerId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
Segment = Literal["champions", "loyal", "potential", "new", "at_risk", "cant_lose", "hibernating", "lost"]


class GrantIn(Strict):
    customer_ids: list[CustomerId] = Field(default_factory=list, max_length=MAX_GRANT_CUSTOMER_IDS)
    segment: Segment | None = None


def wallet_entry_out(e: WalletEntry, currency: str, now: datetime) -> dict[str, Any]:
    """The entry; the coupon's terms are null when the coupon is gone. ``amount_off``,
    ``granted_at``, ``ends_at``, ``source`` and ``used`` as the wallet has always answered."""
    c = e.coupon
    status = status_of(e, now)
    ends = c.ends_at if c else None
    if e.voided_at is not None:  # voided at the customer's erasure
        ends = e.voided_at if ends is None else min(ends, e.voided_at)
    return {
        "id": e.code,
        "code": e.code,
        "status": status,
        "source": e.source,
        "granted_at": ts(e.added_at),
        "starts_at": ts(c.starts_at) if c else None,
        "ends_at": ts(ends),
        "amount_off": money(c.amount_off, currency) if c else None,
        "percent_off": c.percent_off if c else None,
        "max_discount": money(c.max_discount, currency) if c else None,
        "min_spend": money(c.min_spend, currency) if c else None,
        "used": status == "used",
    }


def grant_job_out(j: GrantJob) -> dict[str, Any]:
    return {
        "id": j.id,
        "code": j.code,
        "status": j.status,
        "segment": j.segment,
        "targeted": j.targeted,
        "granted": j.granted,
        "skipped": j.skipped,
        "batches": j.batches,
        "batches_done": j.batches_done,
        "created_at": ts(j.created_at),
        "created_by": j.actor,
    }
