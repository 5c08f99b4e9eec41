"""Identifiers, money and clocks."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from chalicelib.domain import ids
from chalicelib.domain.clock import FixedClock, SystemClock, parse_rfc3339, to_rfc3339
from chalicelib.domain.money import Money

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ULID_RE = re.compile(rf"^[{CROCKFORD}]{{26}}$")


def fresh_ms() -> int:
    """A millisecond no id of this process has used yet (ids stay monotonic across tests)."""
    return max(int(time.time() * 1000), ids._last_ms) + 1


def decode_time(ulid: str) -> int:
    value = 0
    for char in ulid[:10]:
        value = value * 32 + CROCKFORD.index(char)
    return value


# --- ids -------------------------------------------------------------------------------------
def test_ulid_is_26_crockford_characters():
    assert ULID_RE.match(ids.ulid())


def test_ulid_encodes_its_millisecond_timestamp():
    ms = fresh_ms()

    assert decode_time(ids.ulid(now_ms=ms)) == ms


def test_prefixed_id_is_prefix_underscore_ulid():
    prefix, _, ulid = ids.new_id("prod").partition("_")

    assert prefix == "prod"
    assert ULID_RE.match(ulid)


def test_ulids_made_in_the_same_millisecond_strictly_increase():
    ms = fresh_ms()

    made = [ids.ulid(now_ms=ms) for _ in range(1000)]

    assert made == sorted(made)
    assert len(set(made)) == len(made)
    assert {decode_time(u) for u in made} == {ms}


def test_ulid_made_after_the_clock_steps_back_still_sorts_last():
    ms = fresh_ms()
    first = ids.ulid(now_ms=ms)

    second = ids.ulid(now_ms=ms - 1000)

    assert second > first


def test_prefixed_ids_sort_in_creation_order():
    made = [ids.new_id("ord") for _ in range(200)]

    assert made == sorted(made)


# --- money -----------------------------------------------------------------------------------
def test_money_adds_and_subtracts_in_minor_units():
    assert Money(19900, "CNY") + Money(100, "CNY") == Money(20000, "CNY")
    assert Money(19900, "CNY") - Money(20000, "CNY") == Money(-100, "CNY")


@pytest.mark.parametrize("amount", [1.0, 19.9, True, False, "100", None])
def test_money_amount_must_be_an_int(amount):
    with pytest.raises(TypeError):
        Money(amount, "CNY")


@pytest.mark.parametrize("operation", [lambda a, b: a + b, lambda a, b: a - b])
def test_money_in_different_currencies_does_not_mix(operation):
    with pytest.raises(ValueError):
        operation(Money(100, "CNY"), Money(100, "USD"))


def test_money_serialises_as_amount_and_currency():
    assert Money(19900, "CNY").to_dict() == {"amount": 19900, "currency": "CNY"}


# --- clock -----------------------------------------------------------------------------------
def test_fixed_clock_reports_its_moment_in_utc():
    shanghai = timezone(timedelta(hours=8))

    clock = FixedClock(datetime(2025, 3, 1, 20, 0, tzinfo=shanghai))

    assert clock.now() == datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    assert clock.now().utcoffset() == timedelta(0)


def test_fixed_clock_refuses_a_naive_datetime():
    with pytest.raises(ValueError):
        FixedClock(datetime(2025, 3, 1, 12, 0))


def test_system_clock_is_timezone_aware():
    assert SystemClock().now().tzinfo is not None


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (datetime(2025, 3, 1, 12, 0, tzinfo=UTC), "2025-03-01T12:00:00Z"),
        (datetime(2025, 3, 1, 12, 0, 0, 123456, tzinfo=UTC), "2025-03-01T12:00:00.123Z"),
        (datetime(2025, 3, 1, 20, 0, tzinfo=timezone(timedelta(hours=8))), "2025-03-01T12:00:00Z"),
    ],
)
def test_rfc3339_is_utc_with_z_and_millisecond_precision(moment, text):
    assert to_rfc3339(moment) == text


def test_rfc3339_parses_back_to_utc():
    assert parse_rfc3339("2025-03-01T20:00:00+08:00") == datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    assert parse_rfc3339("2025-03-01T12:00:00.123Z") == datetime(2025, 3, 1, 12, 0, 0, 123000, tzinfo=UTC)


def test_rfc3339_without_offset_is_rejected():
    with pytest.raises(ValueError):
        parse_rfc3339("2025-03-01T12:00:00")


def test_time_prefix_bounds_ids_made_since_a_moment_even_after_later_ids():
    from chalicelib.domain.ids import time_prefix, ulid

    later = ulid(2_000_000_000_000)
    earlier_bound = time_prefix(1_000_000_000_000)
    assert earlier_bound < later[:10]
    assert ulid(1_000_000_000_000)[:10] == later[:10]  # monotonic: the reason time_prefix exists


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (datetime(232, 2, 12, 1, 2, 3, tzinfo=UTC), "0232-02-12T01:02:03Z"),
        (datetime(9, 1, 1, tzinfo=UTC), "0009-01-01T00:00:00Z"),
        (datetime(999, 12, 31, 23, 59, 59, 5000, tzinfo=UTC), "0999-12-31T23:59:59.005Z"),
        (datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC), "9999-12-31T23:59:59Z"),
        (datetime(2026, 1, 2, 3, 4, 5, 678900, tzinfo=UTC), "2026-01-02T03:04:05.678Z"),
    ],
)
def test_rfc3339_years_always_have_four_digits(moment, text):
    assert to_rfc3339(moment) == text
    assert parse_rfc3339(text) == moment.replace(microsecond=moment.microsecond // 1000 * 1000)
