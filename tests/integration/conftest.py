"""Integration tier: the real Chalice app through chalice.test.Client, with
DynamoDB, SQS and EventBridge mocked in-process by moto."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from moto import mock_aws

from chalicelib.resources import queue_names, table_definition
from tests.payments import FakeGateway
from tests.support import ADMIN_KEY, Api, use_gateway


class ChaliceApi(Api):
    def __init__(self, client: Any) -> None:
        self.client = client

    def _send(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes, dict[str, str]]:
        response = self.client.http.request(method, path, headers=headers, body=body)
        return response.status_code, response.body, dict(response.headers)


@pytest.fixture
def aws(monkeypatch):
    for name in (
        "COMMERCE_DYNAMODB_ENDPOINT",
        "COMMERCE_SQS_ENDPOINT",
        "COMMERCE_EVENTS_ENDPOINT",
        "COMMERCE_TOKEN_SECRET",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COMMERCE_STAGE", "local")
    monkeypatch.setenv("COMMERCE_TABLE", "commerce-test")
    # Nothing listens here: the payment provider is "down" unless a test says otherwise.
    monkeypatch.setenv("COMMERCE_STRIPE_API_BASE", "http://127.0.0.1:9")
    monkeypatch.setenv("COMMERCE_HEALTH_TIMEOUT_SECONDS", "0.5")
    # moto answers inside botocore: the hot reads' own HTTP transport (ADR 0030) would
    # go to AWS itself, so they take botocore's path here (DynamoDB Local tiers use both).
    monkeypatch.setenv("COMMERCE_LEAN_DYNAMODB", "0")
    with mock_aws():
        boto3.client("dynamodb").create_table(**table_definition("commerce-test"))
        sqs = boto3.client("sqs")
        for name in queue_names("commerce-"):
            sqs.create_queue(QueueName=name)
        boto3.client("events").create_event_bus(Name="commerce-events")
        boto3.client("ses").verify_email_identity(EmailAddress="no-reply@commerce.local")
        yield


@pytest.fixture
def gateway() -> FakeGateway:
    return FakeGateway()


@pytest.fixture
def api(aws, gateway) -> ChaliceApi:
    from app import app
    from chalicelib.bootstrap import get_container
    from localdev.server import test_client

    container = get_container()
    container.auth.bootstrap_admin_key(ADMIN_KEY, "local")
    use_gateway(container, gateway)  # Stripe itself is exercised in the system tier (localstripe)
    return ChaliceApi(test_client(app))
