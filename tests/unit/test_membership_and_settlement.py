"""Pure rules of membership periods and settlement maths."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from chalicelib.domain.membership import Benefits, Membership, Plan, add_period
from chalicelib.domain.settlement import day_end, estimated_fee

T0 = datetime(2026, 1, 31, 9, 30, tzinfo=UTC)


def a_membership(**overrides) -> Membership:
    plan = Plan("plan_1", "Gold", 19900, "CNY", "year", Benefits(), T0)
    base = Membership("cus_1", plan, "pending_payment", True, "cus_s", "pm_1", T0, T0)
    return Membership(**{**base.__dict__, **overrides})


def test_periods_are_calendar_months_and_years_clamped_to_the_month_end():
    assert add_period(T0, "month") == datetime(2026, 2, 28, 9, 30, tzinfo=UTC)
    assert add_period(datetime(2024, 2, 29, tzinfo=UTC), "year") == datetime(2025, 2, 28, tzinfo=UTC)
    assert add_period(datetime(2026, 12, 15, tzinfo=UTC), "month") == datetime(2027, 1, 15, tzinfo=UTC)


def test_the_first_payment_starts_now_and_a_renewal_starts_where_the_last_period_ended():
    active = a_membership().paid("pi_1", 1, T0, renewal=False)
    assert (active.status, active.period, active.current_period_start) == ("active", 1, T0)
    end = active.current_period_end
    assert end == datetime(2027, 1, 31, 9, 30, tzinfo=UTC)
    renewed = active.paid("pi_2", 2, end - timedelta(days=1), renewal=True)
    assert renewed.current_period_start == end and renewed.applied_intents == ("pi_1", "pi_2")


def test_the_renewal_calendar_reminds_charges_retries_then_expires():
    active = a_membership().paid("pi_1", 1, T0, renewal=False)
    end = active.current_period_end
    assert end is not None
    assert active.next_action_at() == end - timedelta(days=3)  # the reminder first
    reminded = Membership(**{**active.__dict__, "reminded_period": 1})
    assert reminded.next_action_at() == end - timedelta(days=1)
    failed = reminded.renewal_failed(end - timedelta(days=1), "declined")
    assert (failed.status, failed.is_member(end - timedelta(seconds=1)), failed.is_member(end)) == (
        "past_due",
        True,
        False,
    )
    retries = []
    for _ in range(3):
        retries.append((failed.next_action_at() - end).days)
        failed = failed.renewal_failed(failed.next_action_at(), "declined")
    assert retries == [1, 3, 5] and failed.status == "expired" and failed.next_action_at() is None
    no_renew = Membership(**{**active.__dict__, "auto_renew": False})
    assert no_renew.next_action_at() == end
    past_due = reminded.renewal_failed(end - timedelta(days=1), "declined")
    gave_up = Membership(**{**past_due.__dict__, "auto_renew": False})
    assert gave_up.next_action_at() == end  # no retries: it ends with its period


def test_benefits_apply_only_while_a_paid_period_runs():
    pending = a_membership()
    assert pending.benefits_at(T0) is None
    active = pending.paid("pi_1", 1, T0, renewal=False)
    assert active.benefits_at(T0 + timedelta(days=1)) == Benefits()
    assert active.benefits_at(active.current_period_end) is None


def test_a_business_day_ends_at_midnight_in_the_store_time_zone():
    assert day_end(date(2026, 11, 21), "Asia/Shanghai") == datetime(2026, 11, 21, 15, 59, 59, 999999, tzinfo=UTC)


def test_estimated_fees_round_half_up_to_the_minor_unit():
    assert (estimated_fee(12345, 60), estimated_fee(10000, 60), estimated_fee(250, 60)) == (74, 60, 2)
