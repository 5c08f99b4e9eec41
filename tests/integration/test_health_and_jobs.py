"""Health reporting, on-demand jobs, and the schedule handler with a real event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support import ADMIN, iso


def test_health_names_the_dependency_that_is_down(api):
    # moto serves DynamoDB, SQS and EventBridge; no payment provider listens on the configured port.
    r = api.get("/health")
    assert r.status == 503 and r.header("Retry-After") == "5"
    assert r.body["status"] == "unavailable"
    assert r.body["components"]["payments"]["status"] == "down"
    for name in ("dynamodb", "queues", "events"):
        assert r.body["components"][name] == {"status": "ok"}


def test_health_reports_a_missing_table(api, monkeypatch):
    import boto3

    boto3.client("dynamodb").delete_table(TableName="commerce-test")
    r = api.get("/health")
    assert r.status == 503 and r.body["components"]["dynamodb"]["status"] == "down"
    assert r.header("Retry-After") == "5" and r.header("Content-Type") == "application/json"


def test_jobs_need_a_role_that_runs_jobs(api):
    warehouse = api.staff_key("warehouse")
    finance = api.staff_key("finance")
    assert api.post("/admin/jobs/publish_scheduled_listings/runs", {}, headers=warehouse).status == 403
    r = api.post("/admin/jobs/publish_scheduled_listings/runs", {}, headers=finance)
    assert r.status == 200 and set(r.body) == {"job", "as_of", "started_at", "finished_at", "summary"}


def test_unknown_job_is_404(api):
    r = api.post("/admin/jobs/make_coffee/runs", {}, headers=ADMIN)
    assert r.status == 404 and "publish_scheduled_listings" in r.body["detail"]


def test_as_of_in_the_future_is_refused_outside_the_local_stage(api, monkeypatch):
    from chalicelib.bootstrap import Container, get_container, reset_container
    from chalicelib.settings import load_settings

    monkeypatch.setenv("COMMERCE_STAGE", "dev")
    for name in ("COMMERCE_STRIPE_API_KEY", "COMMERCE_STRIPE_WEBHOOK_SECRET", "COMMERCE_LOGISTICS_WEBHOOK_SECRET"):
        monkeypatch.setenv(name, "set-for-dev")
    monkeypatch.setenv("COMMERCE_TOKEN_SECRET", "x" * 40)
    reset_container(Container(load_settings(), get_container().clock))
    future = iso(datetime.now(UTC) + timedelta(hours=2))
    r = api.post("/admin/jobs/publish_scheduled_listings/runs", {"as_of": future}, headers=ADMIN)
    assert r.status == 400 and r.body["errors"][0]["code"] == "as_of_in_future"
    past = iso(datetime.now(UTC) - timedelta(hours=2))
    assert api.post("/admin/jobs/publish_scheduled_listings/runs", {"as_of": past}, headers=ADMIN).status == 200


def test_the_schedule_opens_a_listing_window_from_a_real_scheduled_event(api):
    from app import app
    from localdev.runner import EventRunner

    category = api.category()
    opens = datetime.now(UTC) + timedelta(minutes=30)
    product = api.product(category["id"], list_at=iso(opens))
    runner = EventRunner(app, "us-east-1")
    assert {s.name for s in runner.schedules} == {
        "publish_scheduled_listings",
        "refresh_sales_ranks",
        "release_unpaid_orders",
        "retry_refunds",
        "requeue_fulfillment",
        "relay_outbox",
        "auto_complete_orders",
        "scan_slas",
        "classify_abc",
        "renew_memberships",
        "settle",
        "after_sale_deadlines",
        "scan_ticket_slas",
        "score_rfm",
        "birthday_coupons",
        "loyalty_coupons",
        "compute_dsr",
        "recompute_safety_stock",
        "schedule_cycle_counts",
        "aggregate_kpis",
        "flag_product_health",
        "rebalance_stock_shards",
        "close_unpaid_balances",
    }
    from chalicelib.workers.jobs import JOBS

    assert {s.name for s in runner.schedules} == set(JOBS)  # every job runs on a schedule
    early = runner.fire("publish_scheduled_listings", opens - timedelta(minutes=1))
    assert early == {"examined": 0, "listed": 0, "delisted": 0, "skipped": 0}
    result = runner.fire("publish_scheduled_listings", opens + timedelta(minutes=1))
    assert result["listed"] == 1
    admin_view = api.get(f"/admin/products/{product['id']}", headers=ADMIN).body
    assert admin_view["list_at"] is None and admin_view["listed_at"] == iso(opens)
    assert runner.fire("publish_scheduled_listings", opens + timedelta(minutes=2))["listed"] == 0


@pytest.mark.parametrize("as_of", ["yesterday", "2026-11-22T08:00:00"])
def test_as_of_must_be_an_rfc3339_time_with_zone(api, as_of):
    r = api.post("/admin/jobs/publish_scheduled_listings/runs", {"as_of": as_of}, headers=ADMIN)
    assert r.status == 400 and r.body["errors"][0]["field"] == "as_of"
