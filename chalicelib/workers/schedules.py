"""EventBridge schedules. Thin: each calls the named job as of the event's time."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Cron, Rate

from ..domain.clock import parse_rfc3339
from .jobs import run_job

bp = Blueprint(__name__)


def _as_of(event: Any):  # type: ignore[no-untyped-def]
    from ..bootstrap import get_container

    raw = getattr(event, "time", None) or (event.to_dict().get("time") if hasattr(event, "to_dict") else None)
    try:
        return parse_rfc3339(raw) if raw else get_container().clock.now()
    except ValueError:
        return get_container().clock.now()


@bp.schedule(Rate(1, unit=Rate.MINUTES), name="publish_scheduled_listings")
def publish_scheduled_listings(event):  # type: ignore[no-untyped-def]
    return run_job("publish_scheduled_listings", _as_of(event))


@bp.schedule(Rate(15, unit=Rate.MINUTES), name="refresh_sales_ranks")
def refresh_sales_ranks(event):  # type: ignore[no-untyped-def]
    return run_job("refresh_sales_ranks", _as_of(event))


@bp.schedule(Rate(5, unit=Rate.MINUTES), name="release_unpaid_orders")
def release_unpaid_orders(event):  # type: ignore[no-untyped-def]
    return run_job("release_unpaid_orders", _as_of(event))


@bp.schedule(Rate(15, unit=Rate.MINUTES), name="retry_refunds")
def retry_refunds(event):  # type: ignore[no-untyped-def]
    return run_job("retry_refunds", _as_of(event))


@bp.schedule(Rate(5, unit=Rate.MINUTES), name="requeue_fulfillment")
def requeue_fulfillment(event):  # type: ignore[no-untyped-def]
    return run_job("requeue_fulfillment", _as_of(event))


@bp.schedule(Rate(1, unit=Rate.HOURS), name="auto_complete_orders")
def auto_complete_orders(event):  # type: ignore[no-untyped-def]
    return run_job("auto_complete_orders", _as_of(event))


@bp.schedule(Rate(1, unit=Rate.HOURS), name="scan_slas")
def scan_slas(event):  # type: ignore[no-untyped-def]
    return run_job("scan_slas", _as_of(event))


@bp.schedule(Rate(15, unit=Rate.MINUTES), name="after_sale_deadlines")
def after_sale_deadlines(event):  # type: ignore[no-untyped-def]
    return run_job("after_sale_deadlines", _as_of(event))


@bp.schedule(Rate(5, unit=Rate.MINUTES), name="scan_ticket_slas")
def scan_ticket_slas(event):  # type: ignore[no-untyped-def]
    return run_job("scan_ticket_slas", _as_of(event))


@bp.schedule(Rate(1, unit=Rate.MINUTES), name="relay_outbox")
def relay_outbox(event):  # type: ignore[no-untyped-def]
    return run_job("relay_outbox", _as_of(event))


# Mondays 01:00 UTC (09:00 in Asia/Shanghai): after the weekend's sales are in.
@bp.schedule(Cron(0, 1, "?", "*", "MON", "*"), name="classify_abc")
def classify_abc(event):  # type: ignore[no-untyped-def]
    return run_job("classify_abc", _as_of(event))


# Daily at 01:00 UTC (09:00 in Asia/Shanghai): reminders, renewals, retries, expiry.
@bp.schedule(Cron(0, 1, "*", "*", "?", "*"), name="renew_memberships")
def renew_memberships(event):  # type: ignore[no-untyped-def]
    return run_job("renew_memberships", _as_of(event))


# Daily at 18:00 UTC = 02:00 in Asia/Shanghai: the statement of the day before.
@bp.schedule(Cron(0, 18, "*", "*", "?", "*"), name="settle")
def settle(event):  # type: ignore[no-untyped-def]
    return run_job("settle", _as_of(event))


# Daily at 20:00 UTC = 04:00 in Asia/Shanghai: RFM scores and segments (ADR 0016).
@bp.schedule(Cron(0, 20, "*", "*", "?", "*"), name="score_rfm")
def score_rfm(event):  # type: ignore[no-untyped-def]
    return run_job("score_rfm", _as_of(event))


# Daily at 01:30 UTC = 09:30 in Asia/Shanghai: birthday coupons, N days ahead (ADR 0019).
@bp.schedule(Cron(30, 1, "*", "*", "?", "*"), name="birthday_coupons")
def birthday_coupons(event):  # type: ignore[no-untyped-def]
    return run_job("birthday_coupons", _as_of(event))


# The first day of each quarter at 02:00 UTC = 10:00 in Asia/Shanghai: loyalty coupons (ADR 0019).
@bp.schedule(Cron(0, 2, "1", "1,4,7,10", "?", "*"), name="loyalty_coupons")
def loyalty_coupons(event):  # type: ignore[no-untyped-def]
    return run_job("loyalty_coupons", _as_of(event))


# Daily at 20:30 UTC = 04:30 in Asia/Shanghai: the store rating over the last 180 days (ADR 0020).
@bp.schedule(Cron(30, 20, "*", "*", "?", "*"), name="compute_dsr")
def compute_dsr(event):  # type: ignore[no-untyped-def]
    return run_job("compute_dsr", _as_of(event))


# Daily at 19:00 UTC = 03:00 in Asia/Shanghai: safety stock and reorder points from the sales (ADR 0022).
@bp.schedule(Cron(0, 19, "*", "*", "?", "*"), name="recompute_safety_stock")
def recompute_safety_stock(event):  # type: ignore[no-untyped-def]
    return run_job("recompute_safety_stock", _as_of(event))


# Daily at 22:00 UTC = 06:00 in Asia/Shanghai: the day's count sheets (A daily, B Mondays, C the 1st).
@bp.schedule(Cron(0, 22, "*", "*", "?", "*"), name="schedule_cycle_counts")
def schedule_cycle_counts(event):  # type: ignore[no-untyped-def]
    return run_job("schedule_cycle_counts", _as_of(event))


# Hourly at :05: the store's yesterday and today so far, recomputed from the aggregates (ADR 0021).
@bp.schedule(Cron(5, "*", "*", "*", "?", "*"), name="aggregate_kpis")
def aggregate_kpis(event):  # type: ignore[no-untyped-def]
    return run_job("aggregate_kpis", _as_of(event))


# Mondays 02:00 UTC (10:00 in Asia/Shanghai): product health over the two weeks before (ADR 0021).
@bp.schedule(Cron(0, 2, "?", "*", "MON", "*"), name="flag_product_health")
def flag_product_health(event):  # type: ignore[no-untyped-def]
    return run_job("flag_product_health", _as_of(event))


# Every 5 minutes: hot SKUs' stock shards evened out, their display totals counted (ADR 0025).
@bp.schedule(Rate(5, unit=Rate.MINUTES), name="rebalance_stock_shards")
def rebalance_stock_shards(event):  # type: ignore[no-untyped-def]
    return run_job("rebalance_stock_shards", _as_of(event))


# Every 15 minutes: presale orders whose balance window closed unpaid are cancelled (ADR 0026).
@bp.schedule(Rate(15, unit=Rate.MINUTES), name="close_unpaid_balances")
def close_unpaid_balances(event):  # type: ignore[no-untyped-def]
    return run_job("close_unpaid_balances", _as_of(event))
