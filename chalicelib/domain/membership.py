"""Paid membership: plans, a customer's membership and its renewal calendar.

A membership runs in periods (a year or a month). With auto-renew on, the
renewal is charged off-session a day before the period ends, after a reminder
three days before. A failed charge makes it ``past_due`` and is retried on
days 1, 3 and 5 after the period end; a fourth failure expires it. Without
auto-renew it expires at the period end. Benefits apply while ``active``, and
while ``past_due`` until the paid period ends.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from .clock import to_rfc3339

PERIODS = ("year", "month")
STATUSES = ("pending_payment", "active", "past_due", "expired")
REMINDER_BEFORE = timedelta(days=3)
RENEW_BEFORE = timedelta(days=1)
RETRY_DAYS = (1, 3, 5)  # after the period end


@dataclass(frozen=True)
class Benefits:
    member_prices: bool = True
    percent_off: int = 0  # on goods, after line promotions
    free_shipping: bool = True


@dataclass(frozen=True)
class Plan:
    id: str
    name: str
    price: int
    currency: str
    period: str  # year | month
    benefits: Benefits
    created_at: datetime
    active: bool = True


def add_period(start: datetime, period: str) -> datetime:
    """Calendar months: 31 January + 1 month is the last day of February."""
    months = 12 if period == "year" else 1
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return start.replace(year=year, month=month, day=day)


@dataclass(frozen=True)
class Membership:
    customer_id: str
    plan: Plan  # the plan as bought: later plan edits do not change a running membership
    status: str
    auto_renew: bool
    stripe_customer_id: str
    payment_method_id: str
    created_at: datetime
    updated_at: datetime
    period: int = 0  # the current paid period, 1-based; 0 before the first payment
    current_period_start: datetime | None = None
    current_period_end: datetime | None = None
    failed_attempts: int = 0  # failed renewal charges of the coming period
    reminded_period: int = 0  # the period whose renewal reminder went out
    pending_intent_id: str | None = None  # a purchase, or a renewal Stripe is still processing, awaiting payment
    applied_intents: tuple[str, ...] = ()
    history: tuple[dict[str, Any], ...] = field(default=())
    version: int = 0

    def is_member(self, now: datetime) -> bool:
        return (
            self.status in ("active", "past_due")
            and self.current_period_end is not None
            and now < self.current_period_end
        )

    def benefits_at(self, now: datetime) -> Benefits | None:
        return self.plan.benefits if self.is_member(now) else None

    def next_action_at(self) -> datetime | None:
        """When the renewal job must look at this membership next (None: never)."""
        end = self.current_period_end
        if end is None or self.status not in ("active", "past_due"):
            return None
        if not self.auto_renew:  # turned off, even while past_due: no more charges, it ends with its period
            return end
        if self.status == "past_due":
            return end + timedelta(days=RETRY_DAYS[self.failed_attempts - 1])
        if self.reminded_period < self.period:
            return end - REMINDER_BEFORE
        return end - RENEW_BEFORE

    def noted(self, at: datetime, kind: str, **data: Any) -> Membership:
        entry = {"at": to_rfc3339(at), "type": kind, **data}
        return replace(self, history=(*self.history, entry)[-50:], updated_at=at)

    def paid(self, intent_id: str, period: int, at: datetime, renewal: bool) -> Membership:
        """A payment for ``period`` succeeded: a renewal starts at the end of the
        previous period, a purchase (the first, or again after expiry) now."""
        start = self.current_period_end if renewal and self.current_period_end else at
        return replace(
            self,
            status="active",
            period=period,
            current_period_start=start,
            current_period_end=add_period(start, self.plan.period),
            failed_attempts=0,
            pending_intent_id=None,
            applied_intents=(*self.applied_intents, intent_id)[-24:],
        ).noted(at, "paid", period=period, payment_intent_id=intent_id)

    def renewal_failed(self, at: datetime, reason: str) -> Membership:
        failed = self.failed_attempts + 1
        status = "expired" if failed > len(RETRY_DAYS) else "past_due"
        return replace(self, status=status, failed_attempts=failed, pending_intent_id=None).noted(
            at, "renewal_failed", attempt=failed, reason=reason
        )
