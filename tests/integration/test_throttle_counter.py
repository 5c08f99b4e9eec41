"""DynamoAttemptCounter against the table (moto): what the fake in
tests/unit/throttle_fakes.py promises of it."""

from __future__ import annotations

from datetime import UTC, datetime

import boto3
import pytest

from chalicelib.adapters.dynamo import keys
from tests.unit.throttle_fakes import FakeAttemptCounter

EXPIRES = datetime(2030, 1, 1, tzinfo=UTC)


@pytest.fixture
def dynamo(aws):
    from chalicelib.adapters.dynamo.throttle import DynamoAttemptCounter
    from chalicelib.bootstrap import get_container

    get_container()  # configures the models for the test table
    return DynamoAttemptCounter()


@pytest.mark.parametrize("kind", ["dynamo", "fake"])
def test_buckets_add_and_clear(kind, request):
    counter = request.getfixturevalue("dynamo") if kind == "dynamo" else FakeAttemptCounter()
    for bucket, times in ((99, 1), (100, 2), (101, 1), (105, 3), (106, 1)):
        for _ in range(times):
            counter.add("login-ip#abc", bucket, EXPIRES)
    counter.add("login-ip#other", 101, EXPIRES)
    assert counter.buckets("login-ip#abc", 100, 105) == {100: 2, 101: 1, 105: 3}  # both ends included
    assert counter.buckets("login-ip#abc", 102, 104) == {}
    assert counter.buckets("login-ip#nobody", 0, 10**9) == {}
    counter.clear("login-ip#abc", [100, 105, 107])  # one never written: no error
    assert counter.buckets("login-ip#abc", 0, 10**9) == {99: 1, 101: 1, 106: 1}
    assert counter.buckets("login-ip#other", 0, 10**9) == {101: 1}


def test_an_add_is_one_update_with_a_ttl_and_the_type(dynamo):
    dynamo.add("register-ip#abc", 12345, EXPIRES)
    dynamo.add("register-ip#abc", 12345, EXPIRES)
    pk, sk = keys.attempt_bucket("register-ip#abc", 12345)
    assert (pk, sk) == ("THROTTLE#register-ip#abc", "MINUTE#0000012345")
    item = boto3.client("dynamodb").get_item(TableName="commerce-test", Key={"PK": {"S": pk}, "SK": {"S": sk}})["Item"]
    assert item["attempts"] == {"N": "2"} and item["type"] == {"S": "AttemptBucket"}
    assert item["expires_at"] == {"N": str(int(EXPIRES.timestamp()))}
