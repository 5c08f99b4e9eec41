"""Storefront analytics (ADR 0021): the event intake, the daily sales read model
kept from order events, marketing spend, the aggregate_kpis job and the KPI
report.

- ``EventIntake.accept``: a validated batch is throttled per source address,
  checked for clock skew (refused whole, nothing written), counted (sessions
  first, so the day's counters take their session and bounce changes in the
  same ADD), offered to the visitor sketches, then published to the event bus
  for the raw archive (best effort: the counters are the record).
- ``SalesModel.apply``: order.paid and order.refunded, once per event id and an
  order's payment once, refunds by the order's cumulative refunded amount.
- ``Kpis.aggregate``: the store's yesterday and today so far, each a pure
  function of what is stored, so a rerun writes the same rows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from ..domain import throttle as rules
from ..domain.analytics import (
    MAX_BATCH,
    SALES_EVENTS,
    SESSION_TTL,
    VisitorEvent,
    apply_sale,
    plan_batch,
    repurchase,
    session_change,
    skew_problem,
    window_days,
)
from ..domain.clock import Clock, business_date, to_rfc3339
from ..domain.errors import FieldError, RateLimited, ValidationFailed
from ..domain.events import Event, new_event
from ..domain.hll import HyperLogLog
from ..domain.ids import new_id
from ..domain.kpis import DayKpis, period_rows
from ..domain.throttle import Limit
from .analytics_ports import KpiStore, SalesStore, SpendEntry, SpendStore, TrafficStore
from .ports import AttemptCounter, EventPublisher, Metrics

log = logging.getLogger("commerce.analytics")
EVENTS_SOURCE = "events-ip"
DEFAULT_LIMIT = Limit(600, 1)  # batches per source address per minute
MAX_ATTEMPTS = 5
MAX_REPORT_DAYS = 731


class SalesConflict(Exception):
    """The order's tally kept moving under concurrent events; SQS delivers the message again."""


class EventIntake:
    def __init__(
        self,
        traffic: TrafficStore,
        counter: AttemptCounter,
        publisher: EventPublisher,
        clock: Clock,
        timezone: str,
        metrics: Metrics,
        limit: Limit = DEFAULT_LIMIT,
        on_accepted: Callable[[Sequence[VisitorEvent]], object] | None = None,  # A/B exposures (ADR 0024)
    ) -> None:
        self.on_accepted = on_accepted
        self.traffic = traffic
        self.counter = counter
        self.publisher = publisher
        self.clock = clock
        self.timezone = timezone
        self.metrics = metrics
        self.limit = limit

    def accept(self, events: Sequence[VisitorEvent], source: str) -> dict[str, Any]:
        now = self.clock.now()
        if not 1 <= len(events) <= MAX_BATCH:
            raise ValidationFailed(
                f"Send 1 to {MAX_BATCH} events.",
                [FieldError("events", "invalid_length", f"1 to {MAX_BATCH} events.")],
            )
        errors = [
            FieldError(f"events.{i}.at", "clock_skew", problem)
            for i, e in enumerate(events)
            if (problem := skew_problem(e.at, now)) is not None
        ]
        if errors:
            raise ValidationFailed("Some events are too far from the server's clock; none was recorded.", errors)
        self._throttle(source, now)  # after the checks: a refused batch writes nothing
        delta = plan_batch(events, self.timezone)
        after = self.traffic.add_sessions(delta.sessions, now + SESSION_TTL)
        for (day, session), (events_n, pages_n) in delta.sessions.items():
            events_after, pages_after = after[(day, session)]
            sessions, single = session_change(events_after, pages_after, events_n, pages_n)
            counts = delta.counts.setdefault(day, {})
            counts["sessions"] = counts.get("sessions", 0) + sessions
            counts["single_page_sessions"] = counts.get("single_page_sessions", 0) + single
        self.traffic.add_counts(delta.counts, delta.product_counts)
        self.traffic.offer_registers(delta.visitors, delta.product_visitors)
        if self.on_accepted is not None:
            try:
                self.on_accepted(events)
            except Exception:  # noqa: BLE001 - the day's counters are written; exposures are best effort
                self.metrics.count("ExperimentExposuresFailed")
                log.warning("counting experiment exposures failed", extra={"event": "experiment_exposures_failed"})
        self._publish(events, now)
        self.metrics.count("AnalyticsEvents", len(events))
        return {"accepted": len(events)}

    def _throttle(self, source: str, now: datetime) -> None:
        key = rules.subject(EVENTS_SOURCE, source)
        buckets = self.counter.buckets(key, rules.first_bucket(now, self.limit), rules.bucket_of(now))
        verdict = rules.check(buckets, now, self.limit)
        if not verdict.allowed:
            raise RateLimited("Too many event batches from your address; try again later.", verdict.retry_after)
        bucket = rules.bucket_of(now)
        self.counter.add(key, bucket, rules.bucket_expiry(bucket, self.limit))

    def _publish(self, events: Sequence[VisitorEvent], now: datetime) -> None:
        data = {
            "received_at": to_rfc3339(now),
            "events": [
                {
                    "type": e.type,
                    "visitor_id": e.visitor_id,
                    "session_id": e.session_id,
                    "at": to_rfc3339(e.at),
                    "product_id": e.product_id,
                    "page": e.page,
                }
                for e in events
            ],
        }
        try:
            self.publisher.publish([new_event("analytics.events_collected", data, now)])
        except Exception:  # noqa: BLE001 - the archive is best effort; the counters are written
            self.metrics.count("AnalyticsPublishFailed")
            log.warning("publishing a batch of visitor events failed", extra={"event": "analytics_publish_failed"})


class SalesModel:
    """The daily sales read model, kept from order events (the analytics-sales queue)."""

    def __init__(self, store: SalesStore, timezone: str, is_member: Callable[[str, datetime], bool]) -> None:
        self.store = store
        self.timezone = timezone
        self.is_member = is_member

    def apply(self, event: Event) -> str:
        """ "applied", "duplicate" (this event id was applied before) or "ignored"."""
        if event.type not in SALES_EVENTS:
            return "ignored"
        order_id, customer_id = event.data.get("order_id"), event.data.get("customer_id")
        if not isinstance(order_id, str) or not isinstance(customer_id, str):
            return "ignored"
        for _ in range(MAX_ATTEMPTS):
            tally = self.store.load(order_id)
            member = False
            if event.type == "order.paid" and not tally.paid:
                member = self.is_member(customer_id, event.occurred_at)
                # Before the transaction: idempotent and order-free, so a redelivery after a
                # crash between the two finds it written.
                self.store.note_first_order(customer_id, business_date(event.occurred_at, self.timezone))
            new_tally, delta = apply_sale(tally, event.type, event.data, event.occurred_at, self.timezone, member)
            new_tally = replace(new_tally, version=tally.version + 1)
            outcome = self.store.save(new_tally, delta, event.id, tally.version, event.occurred_at)
            if outcome == "saved":
                return "applied"
            if outcome == "duplicate":
                return "duplicate"
        raise SalesConflict(f"the sales tally of {order_id} kept changing")


class Kpis:
    def __init__(
        self,
        traffic: TrafficStore,
        sales: SalesStore,
        spend: SpendStore,
        kpis: KpiStore,
        clock: Clock,
        timezone: str,
        currency: str,
    ) -> None:
        self.traffic = traffic
        self.sales = sales
        self.spend = spend
        self.kpis = kpis
        self.clock = clock
        self.timezone = timezone
        self.currency = currency

    # --- marketing spend -------------------------------------------------------------------------
    def add_spend(
        self, day: date, channel: str, amount: int, currency: str, campaign: str | None, actor: str
    ) -> SpendEntry:
        today = business_date(self.clock.now(), self.timezone)
        errors = []
        if currency != self.currency:
            errors.append(
                FieldError("amount.currency", "currency_mismatch", f"The store's currency is {self.currency}.")
            )
        if day > today:
            errors.append(FieldError("date", "invalid_range", "Spend is recorded for today or a day before."))
        if errors:
            raise ValidationFailed("The spend cannot be recorded.", errors)
        entry = SpendEntry(new_id("spend"), day, channel, amount, currency, campaign, self.clock.now(), actor)
        self.spend.add(entry)
        return entry

    # --- the aggregate_kpis job ------------------------------------------------------------------
    def aggregate(self, as_of: datetime) -> dict[str, Any]:
        today = business_date(as_of, self.timezone)
        rows = [self.aggregate_day(day) for day in (today - timedelta(days=1), today)]
        return {
            "days": [r.day.isoformat() for r in rows],
            "uv": [r.uv for r in rows],
            "pv": [r.pv for r in rows],
            "orders": [r.orders for r in rows],
        }

    def aggregate_day(self, day: date) -> DayKpis:
        counts = self.traffic.day_counts(day)
        visitors = self.traffic.day_visitors(day)
        sales = self.sales.day_sales(day)
        customers = self.sales.day_customers(day)
        first = self.sales.first_days(sorted(customers))
        buyers: dict[str, int] = {}
        for d in window_days(day):
            for customer, n in (customers if d == day else self.sales.day_customers(d)).items():
                buyers[customer] = buyers.get(customer, 0) + n
        buyers_90d, repeat_90d = repurchase(buyers)
        customer_sketch = HyperLogLog()
        for customer in customers:
            customer_sketch.update(customer)
        events = {k: v for k, v in counts.items() if k not in ("sessions", "single_page_sessions")}
        row = DayKpis(
            day=day,
            uv=HyperLogLog.from_bytes(visitors).estimate() if visitors else 0,
            pv=events.get("page_view", 0) + events.get("product_view", 0),
            sessions=counts.get("sessions", 0),
            single_page_sessions=counts.get("single_page_sessions", 0),
            events=events,
            paying_customers=len(customers),
            new_customers=sum(1 for c in customers if first.get(c) == day),
            marketing_spend=sum(e.amount for e in self.spend.for_day(day)),
            buyers_90d=buyers_90d,
            repeat_buyers_90d=repeat_90d,
            visitors=visitors,
            customers=customer_sketch.to_bytes() if customers else b"",
            **{name: int(sales.get(name, 0)) for name in _SALES_COUNTS},
        )
        self.kpis.save(row)
        return row

    # --- the report ------------------------------------------------------------------------------
    def report(self, first: date, last: date, granularity: str) -> list[dict[str, Any]]:
        if first > last:
            raise ValidationFailed("from must not be after to.", [FieldError("from", "invalid_range", "from <= to.")])
        if (last - first).days + 1 > MAX_REPORT_DAYS:
            raise ValidationFailed(
                f"At most {MAX_REPORT_DAYS} days at once.",
                [FieldError("to", "invalid_range", f"At most {MAX_REPORT_DAYS} days from `from`.")],
            )
        return period_rows(self.kpis.days(first, last), first, last, granularity)

    def today(self) -> date:
        return business_date(self.clock.now(), self.timezone)


_SALES_COUNTS = (
    "orders",
    "gmv",
    "cost",
    "costed_revenue",
    "member_orders",
    "member_gmv",
    "refunds",
    "refunded_orders",
)
