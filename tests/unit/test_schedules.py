"""The deployed schedules (chalicelib/resources.py SCHEDULES, in the store's
time zone, for EventBridge Scheduler) and the app's Chalice schedules (UTC, what
the local runner fires) name the same jobs and fire at the same instants."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from chalicelib.resources import SCHEDULES
from localdev.cron import next_fire

ROOT = Path(__file__).resolve().parents[2]


def chalice_schedules() -> dict[str, str]:
    from app import app

    return {s.name: s.schedule_expression.to_string() for s in app.event_sources if hasattr(s, "schedule_expression")}


def store_timezone() -> ZoneInfo:
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    return ZoneInfo(config["environment_variables"]["COMMERCE_STORE_TIMEZONE"])


def test_every_job_has_one_deployed_schedule():
    assert set(SCHEDULES) == set(chalice_schedules())


def test_deployed_and_local_schedules_fire_at_the_same_instants():
    tz = store_timezone()
    utc_schedules = chalice_schedules()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for name, store_time in SCHEDULES.items():
        for step in range(0, 400, 7):  # a year and more, every weekday and hour in turn
            after = start + timedelta(days=step, hours=step % 24, minutes=step % 60)
            assert next_fire(store_time, after, tz) == next_fire(utc_schedules[name], after), (name, after)


def test_store_time_reads_the_expression_in_the_store_time_zone():
    shanghai = ZoneInfo("Asia/Shanghai")
    fire = next_fire("cron(0 2 * * ? *)", datetime(2026, 3, 1, 12, 0, tzinfo=UTC), shanghai)
    assert fire == datetime(2026, 3, 1, 18, 0, tzinfo=UTC)  # 02:00 on 2 March in Shanghai
