"""Scheduled jobs by name. The schedules (workers/schedules.py) and staff
(`POST /admin/jobs/{name}/runs`) run the same code, "as of" a moment."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..bootstrap import Container, get_container
from ..domain.errors import NotFound

Job = Callable[[Container, datetime], dict[str, Any]]


def _publish_scheduled_listings(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.catalog.publish_scheduled_listings(as_of)


def _refresh_sales_ranks(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.catalog.refresh_sales_ranks(as_of)


def _release_unpaid_orders(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.order_jobs.release_unpaid(as_of)


def _retry_refunds(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.order_jobs.retry_refunds(as_of)


def _requeue_fulfillment(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.order_jobs.requeue_fulfillment(as_of)


def _auto_complete_orders(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.order_jobs.auto_complete(as_of)


def _scan_slas(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.operations.scan_slas(as_of)


def _classify_abc(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.inventory.classify_abc(as_of)


def _recompute_safety_stock(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.planning.plans.recompute_safety_stock(as_of)


def _schedule_cycle_counts(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.planning.counts.schedule(as_of)


def _renew_memberships(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.memberships.renew(as_of)


def _settle(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.settlements.settle(as_of)


def _after_sale_deadlines(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.after_sale_jobs.run_deadlines(as_of)


def _scan_ticket_slas(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.tickets.scan_slas(as_of)


def _score_rfm(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.insights.rfm.score(as_of)


def _birthday_coupons(container: Container, as_of: datetime) -> dict[str, Any]:
    from ..bootstrap_targeting import build_crm_coupons

    return build_crm_coupons(container.settings, container.notifications.offer).birthday_coupons(as_of)


def _loyalty_coupons(container: Container, as_of: datetime) -> dict[str, Any]:
    from ..bootstrap_targeting import build_crm_coupons

    return build_crm_coupons(container.settings, container.notifications.offer).loyalty_coupons(as_of)


def _compute_dsr(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.reviews.compute_dsr(as_of)


def _aggregate_kpis(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.analytics.kpis.aggregate(as_of)


def _flag_product_health(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.analytics.product_health.flag(as_of)


def _rebalance_stock_shards(container: Container, as_of: datetime) -> dict[str, Any]:
    from ..bootstrap_stock import build_stock_shards

    return build_stock_shards(container.clock).rebalance()


def _close_unpaid_balances(container: Container, as_of: datetime) -> dict[str, Any]:
    from ..bootstrap_presale import presale_orders

    return presale_orders(container).close_unpaid_balances(as_of)


def _relay_outbox(container: Container, as_of: datetime) -> dict[str, Any]:
    return container.relay.sweep()


JOBS: dict[str, Job] = {
    "publish_scheduled_listings": _publish_scheduled_listings,
    "refresh_sales_ranks": _refresh_sales_ranks,
    "release_unpaid_orders": _release_unpaid_orders,
    "retry_refunds": _retry_refunds,
    "requeue_fulfillment": _requeue_fulfillment,
    "relay_outbox": _relay_outbox,
    "auto_complete_orders": _auto_complete_orders,
    "scan_slas": _scan_slas,
    "classify_abc": _classify_abc,
    "renew_memberships": _renew_memberships,
    "settle": _settle,
    "after_sale_deadlines": _after_sale_deadlines,
    "scan_ticket_slas": _scan_ticket_slas,
    "score_rfm": _score_rfm,
    "birthday_coupons": _birthday_coupons,  # ADR 0019
    "loyalty_coupons": _loyalty_coupons,
    "compute_dsr": _compute_dsr,
    "recompute_safety_stock": _recompute_safety_stock,
    "schedule_cycle_counts": _schedule_cycle_counts,
    "aggregate_kpis": _aggregate_kpis,
    "flag_product_health": _flag_product_health,
    "rebalance_stock_shards": _rebalance_stock_shards,  # ADR 0025
    "close_unpaid_balances": _close_unpaid_balances,  # ADR 0026
}


def run_job(name: str, as_of: datetime) -> dict[str, Any]:
    job = JOBS.get(name)
    if job is None:
        raise NotFound(f"No job {name!r}. Known jobs: {', '.join(sorted(JOBS))}.")
    return job(get_container(), as_of)
