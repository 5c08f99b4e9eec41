"""Outside the local stage, secrets have no defaults."""

from __future__ import annotations

import pytest

from chalicelib.settings import ConfigurationError, load_settings


def test_prod_refuses_to_start_without_its_payment_secrets(monkeypatch):
    monkeypatch.setenv("COMMERCE_STAGE", "prod")
    monkeypatch.setenv("COMMERCE_TOKEN_SECRET", "x" * 40)
    with pytest.raises(ConfigurationError, match="COMMERCE_STRIPE_API_KEY"):
        load_settings()
    for name in ("COMMERCE_STRIPE_API_KEY", "COMMERCE_STRIPE_WEBHOOK_SECRET", "COMMERCE_LOGISTICS_WEBHOOK_SECRET"):
        monkeypatch.setenv(name, "real")
    assert load_settings().stripe_webhook_secret == "real"


def test_local_has_working_defaults(monkeypatch):
    monkeypatch.setenv("COMMERCE_STAGE", "local")
    assert load_settings().stripe_webhook_secret == "whsec_local"


def test_the_default_safety_stock_is_5_and_bounded(monkeypatch):
    monkeypatch.setenv("COMMERCE_STAGE", "local")
    monkeypatch.delenv("COMMERCE_DEFAULT_SAFETY_STOCK", raising=False)
    assert load_settings().default_safety_stock == 5
    for good in ("0", "1000000"):
        monkeypatch.setenv("COMMERCE_DEFAULT_SAFETY_STOCK", good)
        assert load_settings().default_safety_stock == int(good)
    for bad in ("-1", "1000001", "three"):
        monkeypatch.setenv("COMMERCE_DEFAULT_SAFETY_STOCK", bad)
        with pytest.raises(ConfigurationError, match="COMMERCE_DEFAULT_SAFETY_STOCK"):
            load_settings()


def test_the_simulated_carrier_is_for_local_runs_only(monkeypatch):
    monkeypatch.setenv("COMMERCE_STAGE", "local")
    monkeypatch.setenv("COMMERCE_CARRIER", "simulated")
    assert load_settings().carrier == "simulated"
    monkeypatch.setenv("COMMERCE_CARRIER", "pigeon")
    with pytest.raises(ConfigurationError, match="manual or simulated"):
        load_settings()
    monkeypatch.setenv("COMMERCE_STAGE", "prod")
    monkeypatch.setenv("COMMERCE_TOKEN_SECRET", "x" * 40)
    for name in ("COMMERCE_STRIPE_API_KEY", "COMMERCE_STRIPE_WEBHOOK_SECRET", "COMMERCE_LOGISTICS_WEBHOOK_SECRET"):
        monkeypatch.setenv(name, "real")
    monkeypatch.setenv("COMMERCE_CARRIER", "simulated")
    with pytest.raises(ConfigurationError, match="local stage only"):
        load_settings()


def test_throttling_limits_have_defaults_and_are_validated(monkeypatch):
    monkeypatch.setenv("COMMERCE_STAGE", "local")
    for name in (
        "COMMERCE_LOGIN_FAILURES_PER_EMAIL",
        "COMMERCE_LOGIN_FAILURES_PER_IP",
        "COMMERCE_LOGIN_WINDOW_MINUTES",
        "COMMERCE_SIGNUPS_PER_IP",
    ):
        monkeypatch.delenv(name, raising=False)
    s = load_settings()
    assert (s.login_failures_per_email, s.login_failures_per_ip, s.login_window_minutes, s.signups_per_ip) == (
        5,
        50,
        15,
        50,
    )
    monkeypatch.setenv("COMMERCE_SIGNUPS_PER_IP", "3")
    assert load_settings().signups_per_ip == 3
    for name, bad in (
        ("COMMERCE_LOGIN_FAILURES_PER_EMAIL", "0"),
        ("COMMERCE_LOGIN_FAILURES_PER_IP", "-1"),
        ("COMMERCE_LOGIN_WINDOW_MINUTES", "1441"),
        ("COMMERCE_SIGNUPS_PER_IP", "many"),
    ):
        monkeypatch.setenv(name, bad)
        with pytest.raises(ConfigurationError, match=name):
            load_settings()
        monkeypatch.delenv(name)
