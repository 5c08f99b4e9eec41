"""Dependency probes for GET /health. Each raises when its dependency is down."""

from __future__ import annotations

import urllib.request
from typing import Any, Protocol

import boto3
from botocore.config import Config

from ..settings import Settings


def _client(service: str, settings: Settings, endpoint: str | None) -> Any:
    config = Config(
        connect_timeout=settings.health_timeout_seconds,
        read_timeout=settings.health_timeout_seconds,
        retries={"max_attempts": 1, "mode": "standard"},
    )
    return boto3.client(service, region_name=settings.region, endpoint_url=endpoint, config=config)


class Probe(Protocol):
    name: str

    def check(self) -> None: ...


class DynamoProbe:
    name = "dynamodb"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def check(self) -> None:
        client = _client("dynamodb", self.settings, self.settings.dynamodb_endpoint)
        status = client.describe_table(TableName=self.settings.table_name)["Table"]["TableStatus"]
        if status not in ("ACTIVE", "UPDATING"):
            raise RuntimeError(f"table is {status}")


class QueuesProbe:
    name = "queues"

    def __init__(self, settings: Settings, queue_names: list[str]) -> None:
        self.settings = settings
        self.queue_names = queue_names

    def check(self) -> None:
        client = _client("sqs", self.settings, self.settings.sqs_endpoint)
        for name in self.queue_names:
            client.get_queue_url(QueueName=name)


class EventBusProbe:
    name = "events"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def check(self) -> None:
        client = _client("events", self.settings, self.settings.events_endpoint)
        client.describe_event_bus(Name=self.settings.event_bus_name)


class StripeProbe:
    """Reachability of the payment provider's API (any HTTP answer counts as up)."""

    name = "payments"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def check(self) -> None:
        base = (self.settings.stripe_api_base or "https://api.stripe.com").rstrip("/")
        request = urllib.request.Request(
            f"{base}/v1/balance", headers={"Authorization": f"Bearer {self.settings.stripe_api_key}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.settings.health_timeout_seconds):
                return
        except urllib.error.HTTPError as error:
            if error.code >= 500:
                raise
