"""A deployed stage's first admin key: created by an operator with
scripts/create_admin_key.py against the stage's table and secret."""

from __future__ import annotations

import json
import os

import boto3
import pytest

from chalicelib.resources import table_definition
from chalicelib.settings import reset_settings
from scripts.create_admin_key import main, stage_environment

SECRET = {
    "COMMERCE_STRIPE_API_KEY": "sk_test_x",
    "COMMERCE_STRIPE_WEBHOOK_SECRET": "whsec_x",
    "COMMERCE_TOKEN_SECRET": "k" * 64,
    "COMMERCE_LOGISTICS_WEBHOOK_SECRET": "l",
}


@pytest.fixture
def dev_stage(aws, monkeypatch):
    """The script sets the stage's variables in os.environ (as it would on an
    operator's machine): put the environment back as it was afterwards."""
    saved = dict(os.environ)
    env = stage_environment("dev")
    for name in env:
        monkeypatch.delenv(name, raising=False)
    for name in SECRET:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("COMMERCE_SECRETS_ID", raising=False)
    boto3.client("dynamodb").create_table(**table_definition(env["COMMERCE_TABLE"]))
    boto3.client("secretsmanager").create_secret(Name="commerce/dev/app", SecretString=json.dumps(SECRET))
    yield env
    os.environ.clear()
    os.environ.update(saved)
    reset_settings()


def test_the_first_admin_key_of_a_deployed_stage_authenticates_there(dev_stage, capsys):
    from chalicelib.bootstrap import get_container

    assert main(["--stage", "dev", "--name", "ops lead"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert created["roles"] == ["admin"] and created["name"] == "ops lead"
    container = get_container()
    assert container.settings.table_name == "commerce-dev" and container.settings.stage == "dev"
    staff = container.auth.staff_from_key(created["api_key"])
    assert staff.id == created["id"] and "admin" in staff.roles
    stored = boto3.client("dynamodb").scan(TableName="commerce-dev")["Items"]
    assert created["api_key"] not in json.dumps(stored)  # only the digest is kept


def test_the_local_stage_and_unknown_stages_are_refused(dev_stage):
    for stage in ("local", "staging"):
        with pytest.raises(SystemExit, match="unknown deployed stage"):
            main(["--stage", stage])
