"""The CRM coupon jobs (ADR 0019): ``birthday_coupons`` (daily) and
``loyalty_coupons`` (quarterly) grant one owned coupon per customer and period.

A grant's coupon code is derived from (kind, customer, period): its coupon item
is put on condition that none exists, so a rerun, an overlapping run or a
redelivered schedule grants nobody twice. A customer is told of a new grant
through the notifications service, on the channels they consent to marketing on.

Birthdays are read from the sparse birthday index (customers by month and day,
written with the profile): one partition a day, never a scan of all customers.
Loyalty pages through the customer stats (buyers only), once a quarter, under a
time budget: a run short of time answers ``incomplete`` and the next run (or
staff's) starts again, passing over those granted already."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from ..domain.clock import business_date
from ..domain.customer_stats import in_window
from ..domain.notifications import Template, money_text
from ..domain.promotions import CouponGrant
from ..domain.targeting import OFFER_TEMPLATES, birthday_keys_for, grant_code, quarter_of
from .crm_ports import STATS_SHARDS, ScoredCustomer
from .ports import Position

Offer = Callable[[str, str, str, Template, Mapping[str, Any]], dict[str, str]]


class BirthdayIndex(Protocol):
    def born_on(self, month_day: str, limit: int, after: Position | None) -> tuple[list[str], Position | None]:
        """Customer ids whose birthday is on ``month_day`` ("MM-DD"), a page at a time."""
        ...


class CouponGrants(Protocol):
    def grant(self, grant: CouponGrant) -> bool:
        """The grant's coupon and wallet entry in one write; False when its code exists (granted before)."""
        ...


class StatsPages(Protocol):
    def page(self, shard: int, after: Position | None, limit: int) -> tuple[list[ScoredCustomer], Position | None]: ...


@dataclass(frozen=True)
class CrmCouponPolicy:
    store_timezone: str = "Asia/Shanghai"
    currency: str = "CNY"
    birthday_days_ahead: int = 7
    birthday_amount: int = 2000
    loyalty_spend_over: int = 1_000_000  # net spend over the last 365 days, minor units
    loyalty_amount: int = 5000
    valid_days: int = 30


class CrmCoupons:
    def __init__(
        self,
        birthdays: BirthdayIndex,
        grants: CouponGrants,
        stats: StatsPages,
        offer: Offer,
        policy: CrmCouponPolicy,
        page_size: int = 100,
        budget_seconds: float = 600.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.birthdays, self.grants, self.stats, self.offer = birthdays, grants, stats, offer
        self.policy, self.page_size, self.budget, self.monotonic = policy, page_size, budget_seconds, monotonic

    def birthday_coupons(self, as_of: datetime) -> dict[str, Any]:
        """Customers whose birthday is ``birthday_days_ahead`` days after the store's
        date of ``as_of`` get one coupon for that birthday's year."""
        p = self.policy
        day = business_date(as_of, p.store_timezone) + timedelta(days=p.birthday_days_ahead)
        counts = {"examined": 0, "granted": 0, "already_granted": 0, "notified": 0}
        for month_day in birthday_keys_for(day):
            after: Position | None = None
            while True:
                ids, after = self.birthdays.born_on(month_day, self.page_size, after)
                for customer_id in ids:
                    counts["examined"] += 1
                    self._grant("birthday", customer_id, f"{day.year:04d}", p.birthday_amount, as_of, counts)
                if after is None:
                    break
        return {"status": "done", "birthday": day.isoformat(), **counts}

    def loyalty_coupons(self, as_of: datetime) -> dict[str, Any]:
        """Customers whose net spend over the 365 days to ``as_of`` is over
        ``loyalty_spend_over`` get one coupon for the quarter."""
        p = self.policy
        today = business_date(as_of, p.store_timezone)
        quarter = quarter_of(today)
        counts = {"examined": 0, "granted": 0, "already_granted": 0, "notified": 0}
        started = self.monotonic()
        for shard in range(STATS_SHARDS):
            after: Position | None = None
            while True:
                if self.monotonic() - started > self.budget:
                    return {"status": "incomplete", "quarter": quarter, **counts}
                customers, after = self.stats.page(shard, after, self.page_size)
                for customer in customers:
                    counts["examined"] += 1
                    if in_window(customer.stats, today)[1] > p.loyalty_spend_over:
                        self._grant("loyalty", customer.stats.customer_id, quarter, p.loyalty_amount, as_of, counts)
                if after is None:
                    break
        return {"status": "done", "quarter": quarter, **counts}

    def _grant(
        self, kind: str, customer_id: str, period: str, amount: int, at: datetime, counts: dict[str, int]
    ) -> None:
        p = self.policy
        code = grant_code(kind, customer_id, period)
        grant = CouponGrant(
            code=code,
            customer_id=customer_id,
            amount_off=amount,
            granted_at=at,
            ends_at=at + timedelta(days=p.valid_days),
            source=f"{kind}:{period}",
            reason=kind,
        )
        if not self.grants.grant(grant):
            counts["already_granted"] += 1
            return
        counts["granted"] += 1
        fields = {
            "code": code,
            "amount": money_text(amount, p.currency),
            "ends_on": business_date(grant.ends_at, p.store_timezone).isoformat(),
        }
        told = self.offer(customer_id, f"coupon:{code}", f"coupon.{kind}", OFFER_TEMPLATES[kind], fields)
        if any(outcome == "sent" for outcome in told.values()):
            counts["notified"] += 1
