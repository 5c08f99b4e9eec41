"""Analytics on moto, end to end: visitor events through POST /events, an order
paid through checkout and the Stripe webhook reaching the analytics-sales queue,
marketing spend, the aggregate_kpis job (twice: the same rows) and the KPI
report as JSON, CSV and SVG. Answers are checked against the OpenAPI document."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import boto3
import pytest

from chalicelib.domain.throttle import Limit
from tests.integration.test_fulfillment_api import paid_order
from tests.integration.test_openapi_contract import Checked
from tests.support import ADMIN, drain_ok, envelope, event_runner, iso, money, sku_body


@pytest.fixture
def runner(api):
    return event_runner("commerce-analytics-sales")


@pytest.fixture
def c(api) -> Checked:
    return Checked(api)


def today() -> str:
    from chalicelib.bootstrap import get_container

    return datetime.now(UTC).astimezone(ZoneInfo(get_container().settings.store_timezone)).date().isoformat()


def event(kind, visitor, session, product=None, at=None, **extra):
    body = {"type": kind, "visitor_id": visitor, "session_id": session, "at": iso(at or datetime.now(UTC))}
    if product is not None:
        body["product_id"] = product
    return body | extra


def test_events_orders_and_spend_become_the_days_kpis_and_a_rerun_changes_nothing(api, gateway, runner, c):
    product = api.product(api.category()["id"], skus=[sku_body("AN-1", price=5000, stock=10, cost_price=money(2000))])
    pid = product["id"]
    batch = [
        event("page_view", "visitor-aaaa", "session-aaaa", page="/"),
        event("product_view", "visitor-aaaa", "session-aaaa", pid),
        event("add_to_cart", "visitor-aaaa", "session-aaaa", pid),
        event("page_view", "visitor-bbbb", "session-bbbb", page="/"),  # a bounce
        event("search", "visitor-cccc", "session-cccc", page="/search?q=tee"),
        event("page_view", "visitor-cccc", "session-cccc"),  # a bounce too: one page
    ]
    accepted = c.call("POST", "/events", json_body={"events": batch}, expect=202).body
    assert accepted == {"accepted": 6}
    c.call(
        "POST", "/events", json_body={"events": [event("begin_checkout", "visitor-aaaa", "session-aaaa")]}, expect=202
    )

    order_id, me = paid_order(api, gateway, sku="AN-1", quantity=2)  # 2 x 5,000, cost 2 x 2,000
    customer_id = api.get("/me", headers=me).body["id"]
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName="commerce-analytics-sales")["QueueUrl"]
    sqs.send_message(
        QueueUrl=url,
        MessageBody=envelope(
            "order.refunded", order_id=order_id, customer_id=customer_id, total=money(10_000), refunded=money(1_000)
        ),
    )
    assert drain_ok(runner, "analytics_sales") == 2  # order.paid from the relay, and the refund

    finance = api.staff_key("finance")
    spend = {"date": today(), "channel": "search_ads", "amount": money(2_000), "campaign": "winter"}
    entry = c.call("POST", "/admin/marketing-spend", json_body=spend, headers=finance, expect=201).body
    assert entry["amount"] == money(2_000) and entry["created_by"].startswith("staff:")
    c.call("POST", "/admin/marketing-spend", json_body=spend, headers=api.staff_key("warehouse"), expect=403)

    run = c.call(
        "POST", "/admin/jobs/{name}/runs", params={"name": "aggregate_kpis"}, json_body={}, headers=ADMIN, expect=200
    )
    assert run.body["summary"]["days"][-1] == today()
    query = f"from={today()}&to={today()}"
    report = c.call("GET", "/admin/reports/kpis", query=query, headers=finance, expect=200).body
    [row] = report["items"]
    assert row["period"] == today() and report["granularity"] == "day"
    assert row["pv"] == 4 and row["uv"] == 3 and row["sessions"] == 3
    assert row["bounce_rate"] == pytest.approx(0.6667)
    assert row["orders"] == 1 and row["paying_customers"] == 1 and row["new_customers"] == 1
    assert row["conversion_rate"] == pytest.approx(0.3333)
    assert row["gmv"]["amount"] == row["aov"]["amount"] == 10_000
    assert row["refunds"]["amount"] == 1_000 and row["refund_rate"] == 0.1
    assert row["gross_margin"]["amount"] == 6_000 and row["gross_margin_rate"] == 0.6
    assert row["member_sales_share"] == 0 and row["repurchase_rate"] == 0
    assert row["marketing_spend"]["amount"] == 2_000 and row["roi"] == 2.0

    again = c.call(
        "POST", "/admin/jobs/{name}/runs", params={"name": "aggregate_kpis"}, json_body={}, headers=ADMIN, expect=200
    )
    assert again.body["summary"] == run.body["summary"]
    assert c.call("GET", "/admin/reports/kpis", query=query, headers=finance, expect=200).body == report

    csv_text = c.call("GET", "/admin/reports/kpis", query=f"{query}&format=csv", headers=finance, expect=200).body
    lines = csv_text.decode().strip().split("\r\n")
    assert lines[0].startswith("period,from,to,uv,pv,") and lines[1].startswith(f"{today()},{today()},{today()},3,4,")
    svg = api.get(f"/admin/reports/kpis?{query}&format=svg&metric=pv", headers=ADMIN)
    assert svg.status == 200 and svg.header("Content-Type").startswith("image/svg+xml")
    root = ET.fromstring(svg.body)
    assert root.tag.endswith("svg") and "pv by day" in root.find("{http://www.w3.org/2000/svg}title").text

    first = (datetime.fromisoformat(today()) - timedelta(days=13)).date().isoformat()
    weeks = c.call(
        "GET", "/admin/reports/kpis", query=f"from={first}&to={today()}&granularity=week", headers=ADMIN, expect=200
    )
    assert sum(r["pv"] for r in weeks.body["items"]) == 4 and weeks.body["items"][-1]["to"] == today()


def test_refused_batches_write_nothing_and_the_report_checks_its_parameters(api, c):
    from chalicelib.bootstrap import get_container

    good = event("page_view", "visitor-dddd", "session-dddd")
    too_far = event("page_view", "visitor-dddd", "session-dddd", at=datetime.now(UTC) + timedelta(minutes=10))
    for body in (
        {"events": []},
        {"events": [good] * 51},
        {"events": [good, event("product_view", "visitor-dddd", "session-dddd")]},  # no product_id
        {"events": [good | {"type": "purchase"}]},
        {"events": [good | {"visitor_id": "short"}]},
        {"events": [good | {"email": "a@example.com"}]},
        {"events": [good, too_far]},
    ):
        r = c.call("POST", "/events", json_body=body, expect=400)
        assert r.code == "validation_error", body
    assert r.body["errors"][0]["field"] == "events.1.at" and r.body["errors"][0]["code"] == "clock_skew"
    analytics = get_container().analytics
    assert analytics.intake.traffic.day_counts(datetime.fromisoformat(today()).date()) == {}

    finance = api.staff_key("finance")
    for query, field in (("format=pdf", "format"), ("granularity=year", "granularity"), ("metric=x", "metric")):
        r = c.call("GET", "/admin/reports/kpis", query=query, headers=finance, expect=400)
        assert r.body["errors"][0]["field"] == field and r.body["errors"][0]["code"] == "invalid_choice"
    r = c.call("GET", "/admin/reports/kpis", query="from=2026-12-02&to=2026-12-01", headers=finance, expect=400)
    assert r.body["errors"][0]["code"] == "invalid_range"
    assert (
        c.call("GET", "/admin/reports/kpis", query="to=yesterday", headers=finance, expect=400).code
        == "validation_error"
    )
    c.call("GET", "/admin/reports/kpis", headers=api.staff_key("customer_service"), expect=403)
    c.call("GET", "/admin/reports/kpis", expect=401)


def test_batches_are_throttled_per_source_address(api, c):
    from chalicelib.bootstrap import get_container

    get_container().analytics.intake.limit = Limit(2, 1)
    body = {"events": [event("page_view", "visitor-eeee", "session-eeee")]}
    for _ in range(2):
        c.call("POST", "/events", json_body=body, expect=202)
    limited = c.call("POST", "/events", json_body=body, expect=429)
    assert limited.code == "rate_limited" and int(limited.header("Retry-After")) > 0
