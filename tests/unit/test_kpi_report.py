"""The KPI report's forms: periods, CSV and the hand-written SVG line chart."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date

from chalicelib.domain.charts import line_chart, nice_ticks
from chalicelib.domain.kpis import CSV_COLUMNS, DayKpis, period_of, period_rows, to_csv

SVG = "{http://www.w3.org/2000/svg}"


def test_periods_are_iso_weeks_and_calendar_months():
    assert period_of(date(2026, 12, 6), "week") == ("2026-W49", date(2026, 11, 30), date(2026, 12, 6))
    assert period_of(date(2027, 1, 1), "week") == ("2026-W53", date(2026, 12, 28), date(2027, 1, 3))
    assert period_of(date(2024, 2, 10), "month") == ("2024-02", date(2024, 2, 1), date(2024, 2, 29))
    assert period_of(date(2026, 12, 6), "day") == ("2026-12-06", date(2026, 12, 6), date(2026, 12, 6))


def test_csv_has_a_header_and_a_row_per_period_with_blank_undefined_rates():
    rows = period_rows(
        [DayKpis(date(2026, 12, 1), uv=10, pv=30, orders=2, gmv=5000)], date(2026, 12, 1), date(2026, 12, 2), "day"
    )
    text = to_csv(rows, "CNY")
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0] == [*CSV_COLUMNS, "currency"]
    assert len(parsed) == 3
    first = dict(zip(parsed[0], parsed[1], strict=True))
    assert first["period"] == "2026-12-01" and first["gmv"] == "5000" and first["aov"] == "2500"
    assert first["conversion_rate"] == "0.0" and first["bounce_rate"] == "" and first["currency"] == "CNY"


def test_the_chart_is_well_formed_svg_with_axes_labels_and_a_line():
    labels = [f"2026-12-{d:02d}" for d in range(1, 31)]
    values = [float(d * 100) for d in range(1, 31)]
    values[10] = None  # an undefined rate breaks the line
    svg = line_chart("gmv by day <&>", labels, values, "gmv (CNY)")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("viewBox")
    assert root.find(f"{SVG}title").text == "gmv by day <&>"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "gmv (CNY)" in texts and "2026-12-01" in texts and "2026-12-30" in texts
    assert "0" in texts and "3000" in texts  # y ticks from 0 to the maximum
    assert len(root.findall(f"{SVG}polyline")) == 2
    assert len(root.findall(f"{SVG}circle")) == 29
    assert len([t for t in texts if t and t.startswith("2026-12-")]) <= 13  # x labels thinned


def test_an_empty_series_still_draws_axes():
    root = ET.fromstring(line_chart("roi", ["2026-W49"], [None]))
    assert "No data" in [t.text for t in root.iter(f"{SVG}text")]
    assert root.findall(f"{SVG}polyline") == []


def test_ticks_are_round_and_cover_the_range():
    assert nice_ticks(0, 97) == [0, 20, 40, 60, 80, 100]
    assert nice_ticks(0, 0.42) == [0, 0.1, 0.2, 0.3, 0.4, 0.5]
    ticks = nice_ticks(-30, 120)
    assert ticks[0] <= -30 and ticks[-1] >= 120
