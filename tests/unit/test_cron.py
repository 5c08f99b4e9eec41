"""Next fire times of EventBridge schedule expressions (localdev/cron.py).

Calendar used below: 2025-03-01 is a Saturday, 03-03 a Monday, 03-07 a Friday.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from chalice.app import Cron, Rate

from localdev.cron import cron_next, next_fire, rate_seconds


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


SATURDAY_NOON = utc(2025, 3, 1, 12, 0)


# --- rate ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("expression", "seconds"),
    [
        ("rate(1 minute)", 60),
        ("rate(5 minutes)", 300),
        ("rate(1 hour)", 3600),
        ("rate(12 hours)", 43200),
        ("rate(1 day)", 86400),
        ("rate(7 Days)", 7 * 86400),
        ("  rate(2 minutes) ", 120),
    ],
)
def test_rate_expression_period(expression, seconds):
    assert rate_seconds(expression) == seconds
    assert next_fire(expression, SATURDAY_NOON) == SATURDAY_NOON + timedelta(seconds=seconds)


def test_cron_expression_is_not_a_rate():
    assert rate_seconds("cron(0 18 * * ? *)") is None


@pytest.mark.parametrize("unit", [Rate.MINUTES, Rate.HOURS, Rate.DAYS])
@pytest.mark.parametrize("value", [1, 3])
def test_every_chalice_rate_is_understood(unit, value):
    expression = Rate(value, unit=unit).to_string()

    assert next_fire(expression, SATURDAY_NOON) > SATURDAY_NOON


# --- cron --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("expression", "after", "fires"),
    [
        # daily at 18:00
        ("cron(0 18 * * ? *)", utc(2025, 3, 1, 17, 59), utc(2025, 3, 1, 18, 0)),
        ("cron(0 18 * * ? *)", utc(2025, 3, 1, 17, 59, 59, 999999), utc(2025, 3, 1, 18, 0)),
        ("cron(0 18 * * ? *)", utc(2025, 3, 1, 18, 0), utc(2025, 3, 2, 18, 0)),
        ("cron(0 18 * * ? *)", utc(2025, 3, 1, 18, 0, 30), utc(2025, 3, 2, 18, 0)),
        # weekly on Monday at 02:00 (day names)
        ("cron(0 2 ? * MON *)", SATURDAY_NOON, utc(2025, 3, 3, 2, 0)),
        ("cron(0 2 ? * MON *)", utc(2025, 3, 3, 1, 59), utc(2025, 3, 3, 2, 0)),
        ("cron(0 2 ? * MON *)", utc(2025, 3, 3, 2, 0), utc(2025, 3, 10, 2, 0)),
        ("cron(0 2 ? * mon *)", SATURDAY_NOON, utc(2025, 3, 3, 2, 0)),
        # day-of-week numbers: 1 = SUN ... 7 = SAT
        ("cron(0 2 ? * 1 *)", SATURDAY_NOON, utc(2025, 3, 2, 2, 0)),
        ("cron(0 2 ? * 7 *)", SATURDAY_NOON, utc(2025, 3, 8, 2, 0)),
        # ranges of day names: weekdays at 09:00, after Friday's run comes Monday
        ("cron(0 9 ? * MON-FRI *)", utc(2025, 3, 7, 10, 0), utc(2025, 3, 10, 9, 0)),
        ("cron(0 9 ? * MON-FRI *)", utc(2025, 3, 4, 8, 0), utc(2025, 3, 4, 9, 0)),
        # lists
        ("cron(0 9 ? * MON,WED,FRI *)", utc(2025, 3, 3, 9, 0), utc(2025, 3, 5, 9, 0)),
        ("cron(30 8,12,17 * * ? *)", utc(2025, 3, 1, 12, 30), utc(2025, 3, 1, 17, 30)),
        ("cron(30 8,12,17 * * ? *)", utc(2025, 3, 1, 17, 30), utc(2025, 3, 2, 8, 30)),
        # steps: from a start value, from *, and over a range
        ("cron(0/15 * * * ? *)", utc(2025, 3, 1, 12, 7), utc(2025, 3, 1, 12, 15)),
        ("cron(0/15 * * * ? *)", utc(2025, 3, 1, 12, 45), utc(2025, 3, 1, 13, 0)),
        ("cron(5/20 * * * ? *)", utc(2025, 3, 1, 12, 26), utc(2025, 3, 1, 12, 45)),
        ("cron(*/10 * * * ? *)", utc(2025, 3, 1, 12, 50), utc(2025, 3, 1, 13, 0)),
        ("cron(0 8-18/4 * * ? *)", utc(2025, 3, 1, 12, 0), utc(2025, 3, 1, 16, 0)),
        ("cron(0 8-18/4 * * ? *)", utc(2025, 3, 1, 16, 0), utc(2025, 3, 2, 8, 0)),
        # every minute
        ("cron(* * * * ? *)", utc(2025, 3, 1, 12, 0, 1), utc(2025, 3, 1, 12, 1)),
        # day of month, month names and ranges, year
        ("cron(0 0 1 * ? *)", utc(2025, 3, 1, 0, 0), utc(2025, 4, 1, 0, 0)),
        ("cron(0 0 15-16 * ? *)", utc(2025, 3, 15, 0, 0), utc(2025, 3, 16, 0, 0)),
        ("cron(0 12 1 MAR-APR ? *)", utc(2025, 3, 1, 12, 0), utc(2025, 4, 1, 12, 0)),
        ("cron(0 12 15 3 ? 2025)", SATURDAY_NOON, utc(2025, 3, 15, 12, 0)),
        # leap day
        ("cron(0 0 29 2 ? *)", utc(2027, 12, 31, 0, 0), utc(2028, 2, 29, 0, 0)),
    ],
)
def test_cron_fires_at_the_first_matching_minute_strictly_after(expression, after, fires):
    assert next_fire(expression, after) == fires


def test_cron_is_evaluated_in_utc_whatever_the_offset_of_after():
    shanghai = timezone(timedelta(hours=8))

    fired = cron_next("cron(0 18 * * ? *)", datetime(2025, 3, 2, 1, 59, tzinfo=shanghai))  # 17:59 UTC on 03-01

    assert fired == utc(2025, 3, 1, 18, 0)
    assert fired.utcoffset() == timedelta(0)


def test_chalice_cron_expression_is_understood():
    expression = Cron(0, 2, "?", "*", "MON", "*").to_string()

    assert next_fire(expression, SATURDAY_NOON) == utc(2025, 3, 3, 2, 0)


@pytest.mark.parametrize("expression", ["cron(0 18 * * ?)", "cron(0 18 * * ? * *)"])
def test_cron_with_the_wrong_number_of_fields_is_rejected(expression):
    with pytest.raises(ValueError):
        cron_next(expression, SATURDAY_NOON)


@pytest.mark.parametrize("expression", ["at(2025-03-01T12:00:00)", "every 5 minutes", ""])
def test_unsupported_schedule_expression_is_rejected(expression):
    with pytest.raises(ValueError):
        next_fire(expression, SATURDAY_NOON)
