"""Deployed stages read their secrets from Secrets Manager (COMMERCE_SECRETS_ID),
once per cold start; the environment wins over the secret, and a placeholder
left in the secret counts as missing."""

from __future__ import annotations

import json

import boto3
import pytest

from chalicelib.settings import ConfigurationError, get_settings, load_settings, reset_settings

SECRETS = {
    "COMMERCE_STRIPE_API_KEY": "sk_live_from_secret",
    "COMMERCE_STRIPE_WEBHOOK_SECRET": "whsec_from_secret",
    "COMMERCE_TOKEN_SECRET": "t" * 64,
    "COMMERCE_LOGISTICS_WEBHOOK_SECRET": "logistics-from-secret",
    "COMMERCE_ALERT_WEBHOOK_SECRET": "alerts-from-secret",
    "NOT_OURS": "ignored",
}


@pytest.fixture
def prod(aws, monkeypatch):
    for name in SECRETS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COMMERCE_STAGE", "prod")
    arn = boto3.client("secretsmanager").create_secret(Name="commerce/prod/app", SecretString=json.dumps(SECRETS))[
        "ARN"
    ]
    monkeypatch.setenv("COMMERCE_SECRETS_ID", arn)
    reset_settings()
    yield arn
    reset_settings()


def test_a_deployed_stage_reads_its_secrets_from_secrets_manager(prod):
    settings = load_settings()
    assert settings.stripe_api_key == "sk_live_from_secret"
    assert settings.stripe_webhook_secret == "whsec_from_secret"
    assert settings.token_secret == "t" * 64
    assert settings.logistics_webhook_secret == "logistics-from-secret"
    assert settings.alert_webhook_secret == "alerts-from-secret"


def test_the_secret_is_read_once_per_cold_start(prod, monkeypatch):
    assert get_settings().stripe_api_key == "sk_live_from_secret"
    boto3.client("secretsmanager").put_secret_value(
        SecretId=prod, SecretString=json.dumps({**SECRETS, "COMMERCE_STRIPE_API_KEY": "rotated"})
    )
    assert load_settings().stripe_api_key == "sk_live_from_secret"  # cached for the container's life
    reset_settings()  # a new container
    assert load_settings().stripe_api_key == "rotated"


def test_the_environment_wins_over_the_secret(prod, monkeypatch):
    monkeypatch.setenv("COMMERCE_STRIPE_API_KEY", "sk_override")
    assert load_settings().stripe_api_key == "sk_override"


def test_a_placeholder_left_in_the_secret_fails_naming_the_key(prod):
    boto3.client("secretsmanager").put_secret_value(
        SecretId=prod, SecretString=json.dumps({**SECRETS, "COMMERCE_STRIPE_WEBHOOK_SECRET": "REPLACE_ME"})
    )
    reset_settings()
    with pytest.raises(ConfigurationError, match="COMMERCE_STRIPE_WEBHOOK_SECRET is required"):
        load_settings()


def test_an_unreadable_secret_fails_naming_it(prod, monkeypatch):
    monkeypatch.setenv("COMMERCE_SECRETS_ID", "commerce/prod/missing")
    reset_settings()
    with pytest.raises(ConfigurationError, match="commerce/prod/missing"):
        load_settings()
    boto3.client("secretsmanager").put_secret_value(SecretId=prod, SecretString="[1, 2]")
    monkeypatch.setenv("COMMERCE_SECRETS_ID", prod)
    reset_settings()
    with pytest.raises(ConfigurationError, match="JSON object"):
        load_settings()
