"""Throttling of sign-in failures and of sign-ups (ADR 0007).

Every check reads the key's buckets before any expensive work (a password hash,
a new cart), and a refused attempt is never counted: a throttled key's buckets
stay at the limit instead of growing. Counting is an atomic add to the current
minute's bucket.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain import throttle as rules
from ..domain.clock import Clock
from ..domain.errors import RateLimited
from ..domain.throttle import Limit, Verdict
from .ports import AttemptCounter

LOGIN_EMAIL = "login-email"
LOGIN_SOURCE = "login-ip"
REGISTER_SOURCE = "register-ip"
GUEST_CART_SOURCE = "guest-cart-ip"


@dataclass(frozen=True)
class ThrottlePolicy:
    login_per_email: Limit
    login_per_source: Limit
    signups_per_source: Limit  # each of register and guest carts, counted apart


@dataclass(frozen=True)
class LoginGate:
    """What a sign-in's check found: the keys to count a failure against, and the
    e-mail's buckets to forget after a success."""

    email_key: str
    source_key: str
    email_buckets: dict[int, int]


class Throttle:
    def __init__(self, counter: AttemptCounter, clock: Clock, policy: ThrottlePolicy) -> None:
        self.counter = counter
        self.clock = clock
        self.policy = policy

    # --- sign-in -------------------------------------------------------------------------------
    def login_gate(self, email: str, source: str) -> LoginGate:
        """RateLimited when the e-mail (already normalised) or the source address has
        failed too often in the window; the same answer whether the e-mail exists or not."""
        now = self.clock.now()
        email_key = rules.subject(LOGIN_EMAIL, email)
        source_key = rules.subject(LOGIN_SOURCE, source)
        email_buckets = self._buckets(email_key, now, self.policy.login_per_email)
        source_buckets = self._buckets(source_key, now, self.policy.login_per_source)
        verdict = rules.strictest(
            [
                rules.check(email_buckets, now, self.policy.login_per_email),
                rules.check(source_buckets, now, self.policy.login_per_source),
            ]
        )
        self._refuse_unless_allowed(verdict, "Too many failed sign-in attempts; try again later.")
        return LoginGate(email_key, source_key, email_buckets)

    def login_failed(self, gate: LoginGate) -> None:
        now = self.clock.now()
        self._count(gate.email_key, now, self.policy.login_per_email)
        self._count(gate.source_key, now, self.policy.login_per_source)

    def login_succeeded(self, gate: LoginGate) -> None:
        """The right password resets the e-mail's failures (not the source's)."""
        if gate.email_buckets:
            self.counter.clear(gate.email_key, sorted(gate.email_buckets))

    # --- sign-up -------------------------------------------------------------------------------
    def register(self, source: str) -> None:
        self._attempt(rules.subject(REGISTER_SOURCE, source), "Too many sign-ups from your address; try again later.")

    def guest_cart(self, source: str) -> None:
        self._attempt(
            rules.subject(GUEST_CART_SOURCE, source), "Too many new guest carts from your address; try again later."
        )

    # --- helpers -------------------------------------------------------------------------------
    def _attempt(self, key: str, detail: str) -> None:
        """Check, then count this attempt (only when allowed)."""
        now = self.clock.now()
        limit = self.policy.signups_per_source
        self._refuse_unless_allowed(rules.check(self._buckets(key, now, limit), now, limit), detail)
        self._count(key, now, limit)

    def _buckets(self, key: str, now: datetime, limit: Limit) -> dict[int, int]:
        return self.counter.buckets(key, rules.first_bucket(now, limit), rules.bucket_of(now))

    def _count(self, key: str, now: datetime, limit: Limit) -> None:
        bucket = rules.bucket_of(now)
        self.counter.add(key, bucket, rules.bucket_expiry(bucket, limit))

    @staticmethod
    def _refuse_unless_allowed(verdict: Verdict, detail: str) -> None:
        if not verdict.allowed:
            raise RateLimited(detail, retry_after=verdict.retry_after)
