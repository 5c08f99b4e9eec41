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
