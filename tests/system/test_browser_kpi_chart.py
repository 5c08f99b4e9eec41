"""The KPI chart (GET /admin/reports/kpis?format=svg) opened in headless Chromium
with the staff key sent as a header on the navigation: a week of KPI rows (put in
the KPI store as the aggregate_kpis job leaves them) draws as an SVG with its
title, the axis labels (the days, the metric and its unit) and the line through
all seven days. The screenshot (of the served markup, put in an HTML page: a
full-page screenshot of a bare SVG document never finishes in Chromium) is saved to tests/artifacts/ (the one in
docs/screenshots/kpi-chart.png is a copy)."""

from __future__ import annotations

from datetime import timedelta

from tests.support import ADMIN
from tests.system.browser import ARTIFACTS, browser_page  # noqa: F401 - the fixture

GMV = (182_400, 205_150, 171_900, 240_300, 266_800, 231_050, 298_700)  # minor units, a week


def test_the_kpi_chart_renders_in_chromium_with_its_axes_and_line(api, browser_page):  # noqa: F811
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.kpis import DayKpis

    kpis = get_container().analytics.kpis
    last = kpis.today()
    days = [last - timedelta(days=6 - i) for i in range(7)]
    for day, gmv in zip(days, GMV, strict=True):
        kpis.kpis.save(DayKpis(day=day, orders=gmv // 12_000, gmv=gmv))

    page = browser_page
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))  # an SVG document has none
    page.set_extra_http_headers(ADMIN)
    url = f"{api.base_url}/admin/reports/kpis?from={days[0]}&to={last}&format=svg&metric=gmv"
    response = page.goto(url)
    assert response is not None and response.status == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    svg = page.locator("svg").first
    svg.wait_for()
    texts = page.locator("svg text").all_text_contents()
    assert f"gmv by day, {days[0]} to {last}" in texts  # the title
    assert "gmv (CNY)" in texts  # the y axis label
    assert all(day.isoformat() in texts for day in days)  # the x axis labels
    points = page.locator("svg polyline").first.get_attribute("points") or ""
    assert len(points.split()) == 7
    assert page.locator("svg circle").count() == 7
    box = svg.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 200  # drawn, not an empty element
    assert page.problems == []
    # Chromium's full-page screenshot waits forever on a bare SVG document: the same
    # markup, as served, inside an HTML page for the screenshot.
    markup = response.text()
    page.goto("about:blank")
    page.set_content(f"<!doctype html><html><body style='margin:16px;background:#fff'>{markup}</body></html>")
    assert page.locator("svg polyline").count() == 1
    shot = page.shot("kpi-chart")
    assert shot.stat().st_size > 5_000
    chart = ARTIFACTS / "kpi-chart.png"  # the chart alone: the one docs/screenshots/ keeps a copy of
    page.locator("svg").screenshot(path=str(chart))
    assert chart.stat().st_size > 5_000
