"""Product health on moto: an order paid through checkout lands in the product's
day (the analytics-sales worker); two weeks of seeded product views and paid
orders; the flag_product_health job flags low conversion, slow moving stock and
a low margin; GET /admin/reports/products lists them (pages, CSV, roles); a
rerun in the same week gives the same flags, and a fixed price clears its flag.
Answers are checked against the OpenAPI document."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from chalicelib.domain.events import new_event
from chalicelib.domain.product_health import weeks_before
from tests.integration.test_fulfillment_api import paid_order
from tests.integration.test_openapi_contract import Checked
from tests.support import ADMIN, drain_ok, event_runner, iso, money, sku_body


@pytest.fixture
def runner(api):
    return event_runner("commerce-analytics-sales")


@pytest.fixture
def c(api) -> Checked:
    return Checked(api)


def run_job(c: Checked, as_of: datetime) -> dict:
    return c.call(
        "POST",
        "/admin/jobs/{name}/runs",
        params={"name": "flag_product_health"},
        json_body={"as_of": iso(as_of)},
        headers=ADMIN,
        expect=200,
    ).body["summary"]


def report(c: Checked, query: str, headers=ADMIN, expect=200):
    return c.call("GET", "/admin/reports/products", query=query, headers=headers, expect=expect)


def test_two_weeks_of_views_and_orders_become_flags_and_a_rerun_gives_the_same(api, gateway, runner, c):
    from chalicelib.adapters.dynamo.product_health import DynamoProductHealth
    from chalicelib.bootstrap import get_container

    container = get_container()
    zone = ZoneInfo(container.settings.store_timezone)
    category = api.category()["id"]
    # Converts badly: 60 % margin, sold each week, but 1 order in 200 views.
    weak = api.product(category, skus=[sku_body("PH-W", price=5000, stock=10, cost_price=money(2000))])
    # Sells well: 5 orders in 200 views a week.
    good = api.product(category, skus=[sku_body("PH-G", price=5000, stock=10, cost_price=money(2000))])
    # Stocked, never sold, 10 % margin.
    idle = api.product(
        category, skus=[sku_body("PH-I", price=5000, stock=4, cost_price=money(4500))], override_margin=True
    )  # under the margin guard: an admin lets it

    order_id, _ = paid_order(api, gateway, sku="PH-W", quantity=2)
    assert drain_ok(runner, "analytics_sales") == 1
    today = datetime.now(UTC).astimezone(zone).date()
    health = DynamoProductHealth()
    [sold] = health.product_sales(weak["id"], today, today)
    assert (sold.orders, sold.units, sold.revenue, sold.cost, sold.costed_revenue) == (1, 2, 10_000, 4_000, 10_000)

    # The job judges the two weeks before its run's week: run 5 weeks ahead (the local
    # stage takes a future as_of), so that every product is listed 30 days before.
    as_of = datetime.now(UTC) + timedelta(days=35)
    weeks = weeks_before(as_of.astimezone(zone).date())
    traffic = container.analytics.intake.traffic
    sales = container.analytics.sales
    for week in weeks:
        day = week.first + timedelta(days=2)
        traffic.add_counts({}, {(day, weak["id"]): {"product_view": 200}, (day, good["id"]): {"product_view": 200}})
        at = datetime(day.year, day.month, day.day, 12, tzinfo=zone)
        for product, orders in ((weak, 1), (good, 5)):
            for n in range(orders):
                line = {"product_id": product["id"], "sku": "x", "quantity": 1, "payable": 5000, "unit_cost": 2000}
                data = {"order_id": f"ord_{product['id']}_{day}_{n}", "customer_id": "cus_seed", "lines": [line]}
                assert sales.apply(new_event("order.paid", data | {"total": money(5000)}, at)) == "applied"

    summary = run_job(c, as_of)
    assert summary["week"] == weeks[1].label and summary["products"] >= 3
    assert summary["from"] == weeks[0].first.isoformat() and summary["to"] == weeks[1].last.isoformat()

    low = report(c, "flag=low_conversion").body
    assert low["week"] == weeks[1].label and low["next_cursor"] is None
    [flagged] = [i for i in low["items"] if i["product_id"] in (weak["id"], good["id"], idle["id"])]
    assert flagged["product_id"] == weak["id"] and flagged["title"] == weak["title"]
    assert [(w["views"], w["orders"], w["conversion_rate"]) for w in flagged["figures"]["weeks"]] == [
        (200, 1, 0.005),
        (200, 1, 0.005),
    ]
    assert "main image" in flagged["suggestion"]

    slow = report(c, "flag=slow_moving").body["items"]
    slow_ids = {i["product_id"] for i in slow}
    assert idle["id"] in slow_ids and weak["id"] not in slow_ids and good["id"] not in slow_ids
    [idle_flag] = [i for i in slow if i["product_id"] == idle["id"]]
    assert idle_flag["figures"]["on_hand"] == 4 and idle_flag["figures"]["last_sale_on"] is None
    assert "promotion" in idle_flag["suggestion"]

    margin = report(c, "flag=low_margin").body["items"]
    [idle_margin] = [i for i in margin if i["product_id"] == idle["id"]]
    assert idle_margin["figures"]["skus"] == [{"sku": "PH-I", "price": 5000, "cost_price": 4500, "margin": 0.1}]
    assert idle_margin["figures"]["min_margin"] == 0.3 and weak["id"] not in {i["product_id"] for i in margin}

    # The same week again (a later day of it): the same flags.
    pages = {flag: report(c, f"flag={flag}").body for flag in ("low_conversion", "slow_moving", "low_margin")}
    monday = datetime.combine(weeks[1].last + timedelta(days=1), datetime.min.time(), zone)
    assert run_job(c, monday + timedelta(days=6, hours=1))["week"] == weeks[1].label
    assert {flag: report(c, f"flag={flag}").body for flag in pages} == pages

    # Pages, CSV, roles and parameters.
    first = report(c, "flag=slow_moving&limit=1").body
    assert len(first["items"]) == 1
    if len(pages["slow_moving"]["items"]) > 1:
        rest = report(c, f"flag=slow_moving&limit=100&cursor={first['next_cursor']}").body
        assert first["items"] + rest["items"] == pages["slow_moving"]["items"]
    answer = report(c, f"flag=low_margin&week={weeks[1].label}&format=csv")
    # a browser on another origin can read the next page's cursor
    assert "X-Next-Cursor" in answer.header("Access-Control-Expose-Headers").split(",")
    csv = answer.body.decode().split("\r\n")
    assert csv[0] == "product_id,title,flag,week,figures,suggestion"
    assert any(line.startswith(f"{idle['id']},{idle['title']},low_margin,{weeks[1].label},") for line in csv)
    report(c, "flag=low_margin", headers=api.staff_key("operations"))
    assert report(c, "flag=low_margin", headers=api.staff_key("finance"), expect=403).code == "forbidden"
    assert report(c, "flag=popular", expect=400).body["errors"][0]["code"] == "invalid_choice"
    assert report(c, "week=2026-49", expect=400).body["errors"][0]["code"] == "invalid_week"
    assert report(c, "flag=low_margin&week=2020-W01").body == {
        "flag": "low_margin",
        "week": "2020-W01",
        "items": [],
        "next_cursor": None,
    }

    # A price review fixes the margin: a rerun of the week clears that flag and keeps the other.
    r = api.patch(f"/admin/products/{idle['id']}", {"skus": [{"code": "PH-I", "price": money(9000)}]}, headers=ADMIN)
    assert r.status == 200, r.body
    run_job(c, as_of)
    assert idle["id"] not in {i["product_id"] for i in report(c, "flag=low_margin").body["items"]}
    assert idle["id"] in {i["product_id"] for i in report(c, "flag=slow_moving").body["items"]}
    assert order_id
