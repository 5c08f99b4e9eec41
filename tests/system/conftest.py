"""System tier: the app served over real HTTP against real engines (DynamoDB
Local, moto server, localstripe), started here on free ports."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
import requests

from localdev.engines import free_ports
from localdev.stack import LocalStack, StackConfig
from tests.support import ADMIN_KEY, Api

pytestmark = pytest.mark.system


class HttpApi(Api):
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()

    def _send(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes, dict[str, str]]:
        response = self.session.request(method, self.base_url + path, headers=headers, data=body or None, timeout=30)
        return response.status_code, response.content, dict(response.headers)


def stack_config(data_dir=None) -> StackConfig:
    api, dynamodb, moto, stripe = free_ports(4)
    return StackConfig(
        api_port=api,
        dynamodb_port=dynamodb,
        moto_port=moto,
        stripe_port=stripe,
        data_dir=data_dir,
        admin_key=ADMIN_KEY,
        table_name="commerce-system",
    )


@pytest.fixture(scope="session")
def stack() -> Iterator[LocalStack]:
    with LocalStack(stack_config()) as running:
        yield running


@pytest.fixture(scope="session")
def server(stack):
    from app import app
    from localdev.server import ApiServer

    api_server = ApiServer(app, "127.0.0.1", stack.config.api_port).start()
    yield api_server
    api_server.stop()


@pytest.fixture
def http(server, stack) -> HttpApi:
    # Other tiers reset settings between tests; point the app back at this stack.
    stack.apply_environment()
    return HttpApi(server.url)


_tables = itertools.count(1)


@pytest.fixture
def api(stack, server, monkeypatch) -> HttpApi:
    """Tests written for the integration tier run here too, over HTTP against
    DynamoDB Local, each with a fresh table of its own (as moto gives them there)."""
    from chalicelib.bootstrap import get_container, reset_container
    from chalicelib.resources import table_definition
    from chalicelib.settings import reset_settings
    from localdev.stack import clients

    stack.apply_environment()
    name = f"commerce-t{next(_tables)}"
    dynamodb, sqs, _ = clients(stack.config)
    # The queues are the session's: nothing an earlier test left (messages about
    # orders in its own, now deleted, table) may reach this test's workers.
    # (PurgeQueue is limited to once a minute: receive and delete instead.)
    for queue in sqs.list_queues().get("QueueUrls", []):
        while batch := sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10).get("Messages"):
            for message in batch:
                sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
    dynamodb.create_table(**table_definition(name))
    monkeypatch.setenv("COMMERCE_TABLE", name)
    reset_settings()
    reset_container()
    get_container().auth.bootstrap_admin_key(ADMIN_KEY, "local")
    yield HttpApi(server.url)
    dynamodb.delete_table(TableName=name)
