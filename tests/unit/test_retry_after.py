"""Every 503 the app answers carries Retry-After: domain errors whose code is a 503,
and the storage faults the route wrapper turns into 503s."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError, ReadTimeoutError

from chalicelib.adapters.dynamo.transact import TransactionConflictExhausted
from chalicelib.api.errors import STATUS_BY_CODE, from_domain
from chalicelib.api.http import _infrastructure_error
from chalicelib.domain.errors import DomainError

CODES_503 = [code for code, status in STATUS_BY_CODE.items() if status == 503]


def test_the_503_codes_are_the_known_ones():
    assert sorted(CODES_503) == ["payment_provider_unavailable", "service_unavailable"]


@pytest.mark.parametrize("code", CODES_503)
def test_a_domain_error_answered_as_503_carries_retry_after(code):
    response = from_domain(DomainError("Briefly down.", code=code))
    assert response.status_code == 503 and response.headers["Retry-After"] == "2"
    assert json.loads(response.body)["code"] == code


def _client_error(code: str) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": "no"}}, "Query")


class WrappedStorageError(Exception):
    """What PynamoDB raises: its own error, the botocore one as the cause."""


def _wrapped(cause: BaseException) -> Exception:
    try:
        raise WrappedStorageError("query failed") from cause
    except WrappedStorageError as error:
        return error


@pytest.mark.parametrize(
    ("error", "retry_after"),
    [
        (_client_error("ThrottlingException"), "2"),
        (_wrapped(_client_error("ProvisionedThroughputExceededException")), "2"),
        (_wrapped(_client_error("InternalServerError")), "2"),
        (EndpointConnectionError(endpoint_url="http://localhost:1"), "2"),
        (ReadTimeoutError(endpoint_url="http://localhost:1"), "2"),
        (TransactionConflictExhausted("kept conflicting"), "1"),
    ],
)
def test_a_storage_fault_is_a_503_with_retry_after(error, retry_after):
    response = _infrastructure_error(error)
    assert response.status_code == 503 and response.headers["Retry-After"] == retry_after
    assert json.loads(response.body)["code"] == "service_unavailable"


def test_any_other_failure_is_a_500_without_retry_after():
    response = _infrastructure_error(RuntimeError("a bug"))
    assert response.status_code == 500 and "Retry-After" not in response.headers
