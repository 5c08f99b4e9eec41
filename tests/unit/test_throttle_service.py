"""Sign-in and sign-up throttling (services/throttle.py) through AuthService, with
an in-memory attempt counter and a clock the tests move."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain import auth as auth_rules
from chalicelib.domain.clock import FixedClock
from chalicelib.domain.errors import RateLimited, Unauthorized, ValidationFailed
from chalicelib.domain.throttle import Limit
from chalicelib.services.auth import AuthService
from chalicelib.services.throttle import LOGIN_EMAIL, LOGIN_SOURCE, Throttle, ThrottlePolicy

from .builders import T0, TOKEN_SECRET, TOKEN_TTL, advance
from .fakes import FakeCustomers, FakeStaffKeys
from .throttle_fakes import FakeAttemptCounter

IP, OTHER_IP = "203.0.113.7", "198.51.100.9"


class Setup:
    def __init__(self, per_email: int = 5, per_ip: int = 50, signups: int = 50) -> None:
        self.clock = FixedClock(T0 + timedelta(seconds=5))
        self.counter = FakeAttemptCounter()
        policy = ThrottlePolicy(Limit(per_email, 15), Limit(per_ip, 15), Limit(signups, 15))
        self.throttle = Throttle(self.counter, self.clock, policy)
        self.customers = FakeCustomers()
        self.auth = AuthService(self.customers, FakeStaffKeys(), self.clock, TOKEN_SECRET, TOKEN_TTL, self.throttle)

    def fail(self, email: str, times: int, source: str = IP) -> None:
        for _ in range(times):
            with pytest.raises(Unauthorized):
                self.auth.login(email, "wrong password", source)


@pytest.fixture
def s() -> Setup:
    setup = Setup()
    setup.auth.register("ann@example.com", "right password", "Ann", "192.0.2.1")
    setup.counter.attempts.clear()  # the tests below count sign-ins only
    return setup


@pytest.fixture
def hashes(monkeypatch) -> list[str]:
    """Every password check (real or dummy) the service makes."""
    seen: list[str] = []
    real_verify, real_dummy = auth_rules.verify_password, auth_rules.dummy_password_check

    def verify(password: str, encoded: str) -> bool:
        seen.append("verify")
        return real_verify(password, encoded)

    def dummy(password: str) -> None:
        seen.append("dummy")
        real_dummy(password)

    monkeypatch.setattr(auth_rules, "verify_password", verify)
    monkeypatch.setattr(auth_rules, "dummy_password_check", dummy)
    return seen


def test_the_sixth_failure_for_an_email_is_refused_before_any_hash(s, hashes):
    s.fail("ann@example.com", 5)
    hashes.clear()
    with pytest.raises(RateLimited) as raised:
        s.auth.login("  ANN@example.com ", "right password", OTHER_IP)  # normalised; the right password too
    assert raised.value.code == "rate_limited"
    assert raised.value.retry_after == 15 * 60 - 5  # the failures' minute leaves the window at T0 + 15 min
    assert hashes == []


def test_an_unknown_email_is_throttled_the_same_way(s, hashes):
    s.fail("nobody@example.com", 5)
    s.fail("ann@example.com", 5, source=OTHER_IP)
    assert hashes.count("dummy") == 5  # the constant-time dummy hash for the unknown e-mail stays
    hashes.clear()
    answers = []
    for email, source in (("nobody@example.com", IP), ("ann@example.com", OTHER_IP)):
        with pytest.raises(RateLimited) as raised:
            s.auth.login(email, "whatever", source)
        answers.append((raised.value.code, raised.value.detail, raised.value.retry_after))
    assert answers[0] == answers[1] == ("rate_limited", "Too many failed sign-in attempts; try again later.", 895)
    assert hashes == []


def test_a_refused_attempt_is_not_counted(s):
    s.fail("ann@example.com", 5)
    stored = s.counter.total()
    for _ in range(20):
        with pytest.raises(RateLimited):
            s.auth.login("ann@example.com", "wrong password", IP)
    assert s.counter.total() == stored == 10  # 5 per e-mail, 5 per address


def test_the_right_password_works_once_the_window_has_passed(s):
    s.fail("ann@example.com", 5)
    advance(s.clock, minutes=14, seconds=54)  # T0 + 14:59
    with pytest.raises(RateLimited) as raised:
        s.auth.login("ann@example.com", "right password", IP)
    assert raised.value.retry_after == 1
    advance(s.clock, seconds=1)
    customer, token = s.auth.login("ann@example.com", "right password", IP)
    assert s.auth.customer_id_from_token(token) == customer.id


def test_a_success_resets_the_email_failures_but_not_the_address(s):
    s.fail("ann@example.com", 4)
    s.auth.login("ann@example.com", "right password", IP)
    assert s.counter.total() == 4  # the address keeps its 4, the e-mail has none
    s.fail("ann@example.com", 4)  # 4 more are allowed right away
    with pytest.raises(Unauthorized):
        s.auth.login("ann@example.com", "wrong password", IP)
    with pytest.raises(RateLimited):
        s.auth.login("ann@example.com", "right password", IP)


def test_failures_from_one_address_across_emails_are_limited():
    s = Setup(per_ip=3)
    for n in range(3):
        s.fail(f"guess{n}@example.com", 1)
    with pytest.raises(RateLimited):
        s.auth.login("fresh@example.com", "wrong password", IP)
    s.fail("fresh@example.com", 1, source=OTHER_IP)  # another address still may


def test_failures_go_to_both_keys_and_expire_after_the_window(s):
    s.fail("ann@example.com", 1)
    keys = {key.split("#")[0] for key, per_key in s.counter.attempts.items() if per_key}
    assert keys == {LOGIN_EMAIL, LOGIN_SOURCE}
    assert set(s.counter.expiry.values()) == {T0 + timedelta(minutes=16)}


def test_sign_ups_per_address_are_limited_and_only_valid_ones_count():
    s = Setup(signups=2)
    with pytest.raises(ValidationFailed):
        s.auth.register("x@example.com", "short", "X", IP)
    s.auth.register("a@example.com", "long enough", "A", IP)
    s.auth.register("b@example.com", "long enough", "B", IP)
    with pytest.raises(RateLimited) as raised:
        s.auth.register("c@example.com", "long enough", "C", IP)
    assert raised.value.retry_after == 15 * 60 - 5
    assert s.customers.get_by_email("c@example.com") is None
    s.auth.register("c@example.com", "long enough", "C", OTHER_IP)
    advance(s.clock, minutes=15)
    s.auth.register("d@example.com", "long enough", "D", IP)


def test_guest_carts_have_their_own_budget_per_address():
    s = Setup(signups=2)
    s.auth.register("a@example.com", "long enough", "A", IP)
    s.auth.register("b@example.com", "long enough", "B", IP)
    s.throttle.guest_cart(IP)
    s.throttle.guest_cart(IP)
    with pytest.raises(RateLimited):
        s.throttle.guest_cart(IP)
    assert s.counter.total() == 4


def test_without_a_throttle_nothing_is_counted_or_refused():
    auth = AuthService(FakeCustomers(), FakeStaffKeys(), FixedClock(T0), TOKEN_SECRET, TOKEN_TTL)
    for _ in range(10):
        with pytest.raises(Unauthorized):
            auth.login("ann@example.com", "wrong password")
