"""The caller's address for throttling comes from the request context (API
Gateway's ``identity.sourceIp``), and a constant when the context has none."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.app import Request

from chalicelib.api.source import source_ip
from chalicelib.domain.throttle import UNKNOWN_SOURCE


def request(identity: Any) -> Request:
    context: dict[str, Any] = {"httpMethod": "POST", "resourcePath": "/auth/login"}
    if identity is not ...:
        context["identity"] = identity
    event = {
        "multiValueQueryStringParameters": None,
        "headers": {},
        "pathParameters": None,
        "requestContext": context,
        "body": "{}",
        "stageVariables": None,
    }
    return Request(event)


def test_the_address_api_gateway_saw():
    assert source_ip(request({"sourceIp": "203.0.113.7"})) == "203.0.113.7"


@pytest.mark.parametrize("identity", [..., None, {}, {"sourceIp": None}, {"sourceIp": " "}, "203.0.113.7"])
def test_no_address_is_the_unknown_source(identity):
    assert source_ip(request(identity)) == UNKNOWN_SOURCE == "unknown"
