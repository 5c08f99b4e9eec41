"""The sliding window of per-minute buckets (domain/throttle.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain import throttle
from chalicelib.domain.throttle import Limit

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)  # on a minute boundary
FIVE_IN_15 = Limit(5, 15)


def minute(at: datetime) -> int:
    return throttle.bucket_of(at)


def test_a_bucket_is_the_minute_since_the_epoch():
    assert throttle.bucket_of(datetime(1970, 1, 1, 0, 1, 59, tzinfo=UTC)) == 1
    assert throttle.bucket_of(T0 + timedelta(seconds=59.9)) == throttle.bucket_of(T0)
    assert throttle.bucket_of(T0 + timedelta(seconds=60)) == throttle.bucket_of(T0) + 1


def test_the_window_counts_the_current_minute_and_the_ones_before_it():
    now = T0 + timedelta(seconds=30)
    buckets = {minute(now) - 15: 7, minute(now) - 14: 2, minute(now): 1, minute(now) + 1: 9}
    assert throttle.first_bucket(now, FIVE_IN_15) == minute(now) - 14
    assert throttle.counted(buckets, now, FIVE_IN_15) == 3  # not the 16th minute back, nor a later one


def test_below_the_limit_is_allowed():
    verdict = throttle.check({minute(T0): 4}, T0, FIVE_IN_15)
    assert verdict == throttle.Verdict(True, 4, 0)


def test_at_the_limit_the_wait_is_until_the_oldest_attempts_leave_the_window():
    # 5 failures in the minute of T0; 10 minutes and 20 seconds later the sixth is refused
    now = T0 + timedelta(minutes=10, seconds=20)
    verdict = throttle.check({minute(T0): 5}, now, FIVE_IN_15)
    assert not verdict.allowed and verdict.attempts == 5
    assert verdict.retry_after == (15 * 60) - (10 * 60 + 20)  # T0's bucket stops counting at T0 + 15 min
    assert throttle.check({minute(T0): 5}, T0 + timedelta(minutes=15), FIVE_IN_15).allowed


def test_the_wait_ends_at_the_first_minute_with_room_not_when_every_attempt_is_gone():
    now = T0 + timedelta(minutes=14)
    buckets = {minute(T0): 2, minute(T0) + 3: 3}  # 5 in the window
    verdict = throttle.check(buckets, now, FIVE_IN_15)
    assert verdict.retry_after == 60  # at T0 + 15 min the first 2 leave: 3 < 5
    buckets = {minute(T0): 1, minute(T0) + 3: 9}
    assert throttle.check(buckets, now, FIVE_IN_15).retry_after == 4 * 60  # only when the 9 leave


def test_a_limit_needs_an_attempt_and_a_minute():
    with pytest.raises(ValueError):
        Limit(0, 15)
    with pytest.raises(ValueError):
        Limit(5, 0)


def test_a_bucket_expires_after_it_stopped_counting():
    expiry = throttle.bucket_expiry(minute(T0), FIVE_IN_15)
    assert expiry == T0 + timedelta(minutes=16)
    assert throttle.counted({minute(T0): 1}, expiry - timedelta(minutes=1), FIVE_IN_15) == 0


def test_the_strictest_verdict_wins():
    allowed = throttle.Verdict(True, 1, 0)
    short, long = throttle.Verdict(False, 5, 30), throttle.Verdict(False, 50, 400)
    assert throttle.strictest([allowed, allowed]).allowed
    assert throttle.strictest([allowed, short, long]) == long


def test_a_subject_holds_no_address_in_clear_and_keeps_scopes_apart():
    key = throttle.subject("login-email", "ann@example.com")
    assert "ann" not in key and key.startswith("login-email#")
    assert key == throttle.subject("login-email", "ann@example.com")
    assert key != throttle.subject("login-email", "bob@example.com")
    assert throttle.subject("login-ip", "ann@example.com") != key


# --- properties -------------------------------------------------------------------------------
limits = st.builds(Limit, st.integers(1, 8), st.integers(1, 20))
offsets = st.integers(0, 40 * 60)  # seconds after T0
histories = st.dictionaries(st.integers(-25, 0), st.integers(1, 6), max_size=25)


@given(limits, histories, offsets)
def test_allowed_exactly_below_the_limit(limit, history, offset):
    now = T0 + timedelta(seconds=offset)
    buckets = {minute(now) + b: n for b, n in history.items()}
    verdict = throttle.check(buckets, now, limit)
    assert verdict.allowed == (throttle.counted(buckets, now, limit) < limit.attempts)
    assert verdict.allowed == (verdict.retry_after == 0)


@given(limits, histories, offsets)
def test_retry_after_is_the_exact_wait(limit, history, offset):
    now = T0 + timedelta(seconds=offset, milliseconds=offset % 1000)
    buckets = {minute(now) + b: n for b, n in history.items()}
    verdict = throttle.check(buckets, now, limit)
    if verdict.allowed:
        return
    assert 1 <= verdict.retry_after <= limit.window_minutes * 60
    assert throttle.check(buckets, now + timedelta(seconds=verdict.retry_after), limit).allowed
    # a second earlier it is still refused (minute boundaries are the only moments the count drops)
    assert not throttle.check(buckets, now + timedelta(seconds=verdict.retry_after - 1), limit).allowed
