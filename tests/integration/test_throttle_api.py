"""Throttling over the API (ADR 0007): failed sign-ins per e-mail and per source
address, sign-ups and guest carts per address; 429 rate_limited with Retry-After,
counters in the table that a refused attempt does not grow. The container runs
on a clock the tests move."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import boto3
import pytest

from chalicelib.domain.clock import FixedClock
from tests.integration.conftest import ChaliceApi
from tests.integration.test_logging import json_lines

T0 = datetime.now(UTC).replace(second=10, microsecond=0)
EMAIL, PASSWORD = "throttled@example.com", "right password"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def throttled(aws, clock, monkeypatch):
    """An API whose limits the test sets first (environment names as the README)."""
    from app import app
    from chalicelib.bootstrap import Container, reset_container
    from chalicelib.settings import load_settings, reset_settings
    from localdev.server import test_client

    def start(**limits: int) -> ChaliceApi:
        for name, value in limits.items():
            monkeypatch.setenv(f"COMMERCE_{name.upper()}", str(value))
        reset_settings()
        reset_container(Container(load_settings(), clock))
        return ChaliceApi(test_client(app))

    return start


def attempt_items() -> list[dict]:
    items = boto3.client("dynamodb").scan(TableName="commerce-test")["Items"]
    return [i for i in items if i["type"]["S"] == "AttemptBucket"]


def login(api: ChaliceApi, password: str, email: str = EMAIL):
    return api.post("/auth/login", {"email": email, "password": password})


def test_the_sixth_wrong_password_is_429_until_the_window_passes(throttled, clock, capsys):
    api = throttled()
    api.customer(EMAIL, password=PASSWORD)
    for _ in range(5):
        assert login(api, "wrong password").code == "invalid_credentials"
    capsys.readouterr()

    clock.at = T0 + timedelta(minutes=3)
    sixth = login(api, "wrong password")
    assert sixth.status == 429 and sixth.code == "rate_limited"
    assert sixth.header("Content-Type") == "application/problem+json"
    assert sixth.header("Retry-After") == str(12 * 60 - 10)  # T0's minute leaves the window 15 min on
    assert "retry_after" not in sixth.body and "throttled" not in sixth.body["detail"]
    right = login(api, PASSWORD)  # the right password is refused too: the hash is never reached
    assert right.status == 429 and right.header("Retry-After") == str(12 * 60 - 10)
    unknown = [login(api, "wrong password", "nobody@example.com") for _ in range(6)]  # its own e-mail counter
    assert [r.status for r in unknown] == [401] * 5 + [429]
    assert unknown[-1].body["detail"] == sixth.body["detail"]  # exists or not: the same answer

    # never the e-mail or the address in a log line
    out = capsys.readouterr().out
    assert EMAIL not in out and "nobody@example.com" not in out and "127.0.0.1" not in out
    assert [line["status"] for line in json_lines(out) if line.get("event") == "access"][:2] == [429, 429]

    clock.at = T0 + timedelta(minutes=15) - timedelta(seconds=11)
    assert login(api, PASSWORD).header("Retry-After") == "1"
    clock.at = T0 + timedelta(minutes=15)
    ok = login(api, PASSWORD)
    assert ok.status == 200 and ok.body["access_token"]


def test_refused_attempts_add_nothing_to_the_counters(throttled, clock):
    api = throttled()
    api.customer(EMAIL, password=PASSWORD)
    before = attempt_items()  # the registration's own counter
    for _ in range(5):
        login(api, "wrong password")
    for minute in range(1, 4):
        clock.at = T0 + timedelta(minutes=minute)
        for _ in range(10):
            assert login(api, "wrong password").status == 429
    items = [i for i in attempt_items() if i not in before]
    # one bucket for the e-mail, one for the address, each at the limit and expiring
    assert sorted(int(i["attempts"]["N"]) for i in items) == [5, 5]
    assert len({i["PK"]["S"] for i in items}) == 2
    assert all(i["PK"]["S"].startswith("THROTTLE#login-") and EMAIL not in i["PK"]["S"] for i in items)
    expiry = {int(i["expires_at"]["N"]) for i in items}
    assert expiry == {int((T0.replace(second=0) + timedelta(minutes=16)).timestamp())}


def test_a_success_clears_the_emails_failures(throttled):
    api = throttled()
    api.customer(EMAIL, password=PASSWORD)
    for _ in range(4):
        login(api, "wrong password")
    assert login(api, PASSWORD).status == 200
    assert [login(api, "wrong password").status for _ in range(6)] == [401] * 5 + [429]


def test_failed_logins_per_address_across_emails(throttled):
    api = throttled(login_failures_per_ip=3)
    statuses = [login(api, "wrong password", f"guess{n}@example.com").status for n in range(4)]
    assert statuses == [401, 401, 401, 429]
    r = login(api, "wrong password", "fresh@example.com")
    assert r.code == "rate_limited" and int(r.header("Retry-After") or 0) > 0


def test_registrations_per_address(throttled, clock):
    api = throttled(signups_per_ip=2)
    api.customer()
    api.customer()
    body = {"email": "third@example.com", "password": "long enough", "name": "Third"}
    refused = api.post("/auth/register", body)
    assert refused.status == 429 and refused.code == "rate_limited" and refused.header("Retry-After") == "890"
    assert login(api, "long enough", "third@example.com").code == "invalid_credentials"  # nothing was stored
    assert api.post("/auth/register", {**body, "password": "x"}).status == 400  # invalid: answered, not counted
    clock.at = T0 + timedelta(minutes=15)
    assert api.post("/auth/register", body).status == 201


def test_anonymous_carts_per_address(throttled):
    api = throttled(signups_per_ip=2)
    assert [api.post("/carts").status for _ in range(2)] == [201, 201]
    refused = api.post("/carts")
    assert refused.status == 429 and refused.code == "rate_limited" and refused.header("Retry-After") == "890"
    _, token = api.customer()  # registrations have a budget of their own
    assert api.post("/carts", headers={"Authorization": f"Bearer {token}"}).status == 201  # not a guest cart
