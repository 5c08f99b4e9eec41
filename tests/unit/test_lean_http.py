"""The hot reads' own transport (adapters/dynamo/lean_http.py, ADR 0030): its SigV4
signature is botocore's for the same request, byte for byte; a 200 with a good
checksum is answered, anything else declined so botocore makes the read."""

from __future__ import annotations

import json
import zlib
from datetime import UTC, datetime
from typing import Any

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from chalicelib.adapters.dynamo import lean_http, raw_reads
from chalicelib.adapters.dynamo.lean_http import LeanTransport, Signer

AT = datetime(2026, 12, 7, 3, 4, 5, tzinfo=UTC)
BODY = json.dumps({"TableName": "commerce", "Key": {"PK": {"S": "PRODUCT#p1"}, "SK": {"S": "PRODUCT"}}}).encode()


def botocore_headers(url: str, region: str, credentials: Credentials, monkeypatch) -> dict[str, str]:
    monkeypatch.setattr("botocore.auth.get_current_datetime", lambda: AT.replace(tzinfo=None))
    request = AWSRequest(
        method="POST",
        url=url,
        data=BODY,
        headers={"Content-Type": lean_http.CONTENT_TYPE, "X-Amz-Target": "DynamoDB_20120810.GetItem"},
    )
    SigV4Auth(credentials, "dynamodb", region).add_auth(request)
    return dict(request.headers.items())


@pytest.mark.parametrize(
    ("url", "region", "token"),
    [
        ("https://dynamodb.us-east-1.amazonaws.com/", "us-east-1", None),
        ("https://dynamodb.ap-southeast-1.amazonaws.com/", "ap-southeast-1", "session-token/with+chars=="),
        ("http://127.0.0.1:8765/", "us-east-1", None),
    ],
)
def test_the_signature_is_botocores_for_the_same_request(url, region, token, monkeypatch):
    credentials = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token)
    expected = botocore_headers(url, region, credentials, monkeypatch)
    host = url.split("//", 1)[1].rstrip("/")
    ours = Signer(region, host).headers("DynamoDB_20120810.GetItem", BODY, credentials.get_frozen_credentials(), AT)
    assert ours["Authorization"] == expected["Authorization"]
    assert ours["X-Amz-Date"] == expected["X-Amz-Date"] == "20261207T030405Z"
    assert ours.get("X-Amz-Security-Token") == expected.get("X-Amz-Security-Token") == token


def test_a_new_day_signs_with_a_new_key():
    signer = Signer("us-east-1", "dynamodb.us-east-1.amazonaws.com")
    credentials = Credentials("AKID", "secret").get_frozen_credentials()
    today = signer.headers("T", BODY, credentials, AT)["Authorization"]
    tomorrow = signer.headers("T", BODY, credentials, AT.replace(day=8))["Authorization"]
    assert "20261207/us-east-1" in today and "20261208/us-east-1" in tomorrow
    assert today.rsplit("=", 1)[1] != tomorrow.rsplit("=", 1)[1]


class FakeResponse:
    def __init__(self, status: int, data: bytes, crc: int | None = None) -> None:
        self.status = status
        self.data = data
        self.headers = {} if crc is None else {"x-amz-crc32": str(crc)}


class FakePool:
    def __init__(self, answer: FakeResponse | Exception) -> None:
        self.answer = answer
        self.sent: list[tuple[str, dict[str, str]]] = []

    def urlopen(self, method: str, url: str, body: bytes, headers: dict[str, str], **_: Any) -> FakeResponse:
        self.sent.append((body.decode(), headers))
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def transport(answer: FakeResponse | Exception) -> tuple[LeanTransport, FakePool]:
    made = LeanTransport("http://127.0.0.1:1", "us-east-1", Credentials("AKID", "secret"), (1, 1), 2)
    pool = FakePool(answer)
    made._pool = pool  # type: ignore[assignment]
    return made, pool


ITEM = b'{"Item":{"PK":{"S":"PRODUCT#p1"}}}'


def test_a_200_with_its_checksum_is_answered_as_parsed_json():
    made, pool = transport(FakeResponse(200, ITEM, zlib.crc32(ITEM)))
    assert made.send("GetItem", {"TableName": "t"}) == {"Item": {"PK": {"S": "PRODUCT#p1"}}}
    body, headers = pool.sent[0]
    assert json.loads(body) == {"TableName": "t"}
    assert headers["X-Amz-Target"] == "DynamoDB_20120810.GetItem"
    assert headers["Authorization"].startswith("AWS4-HMAC-SHA256 Credential=AKID/")


@pytest.mark.parametrize(
    "answer",
    [
        FakeResponse(200, ITEM, zlib.crc32(ITEM) + 1),  # the body was damaged on the way
        FakeResponse(400, b'{"__type":"ProvisionedThroughputExceededException"}'),
        FakeResponse(500, b"{}"),
        FakeResponse(200, b"not json"),
        TimeoutError("read timed out"),
        ConnectionResetError("reset"),
    ],
)
def test_anything_else_is_declined_for_botocore_to_make(answer):
    made, _ = transport(answer)
    assert made.send("GetItem", {"TableName": "t"}) is None


def test_writes_are_never_sent():
    made, pool = transport(FakeResponse(200, b"{}", zlib.crc32(b"{}")))
    assert made.send("PutItem", {"TableName": "t"}) is None
    assert made.send("TransactWriteItems", {}) is None
    assert pool.sent == []


class FakeClient:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def get_item(self, **params: Any) -> dict[str, Any]:
        self.calls.append("get_item")
        return {raw_reads._RAW: {"Item": {"from": {"S": "botocore"}}}}


@pytest.mark.parametrize(
    ("lean_answers", "switch", "expected"), [(True, "1", "lean"), (False, "1", "botocore"), (True, "0", "botocore")]
)
def test_raw_reads_use_botocore_when_the_transport_declines_or_is_switched_off(
    lean_answers, switch, expected, monkeypatch
):
    monkeypatch.setenv(lean_http.DISABLE_ENV, switch)
    fake = FakeClient()
    key = (raw_reads.Item.Meta.region, raw_reads.Item.Meta.host)
    monkeypatch.setitem(raw_reads._clients, key, fake)
    answer = FakeResponse(200, b'{"Item":{"from":{"S":"lean"}}}')
    made, _ = transport(answer if lean_answers else FakeResponse(503, b"{}"))
    monkeypatch.setitem(raw_reads._lean, key, made)
    found = raw_reads.call("GetItem", {"TableName": "t", "Key": {}})
    assert found == {"Item": {"from": {"S": expected}}}
    assert fake.calls == ([] if expected == "lean" else ["get_item"])


def test_a_declined_read_is_logged_once_per_kind(caplog, monkeypatch):
    """A wrong signature on AWS would make every read twice, silently: the first of
    each kind of answer handed to botocore is logged, with DynamoDB's error type."""
    monkeypatch.setattr(lean_http, "_told", set())
    denied = FakeResponse(400, b'{"__type":"com.amazon.coral.service#InvalidSignatureException"}')
    made, _ = transport(denied)
    with caplog.at_level("WARNING", logger="commerce.dynamodb"):
        for _ in range(3):
            assert made.send("GetItem", {"TableName": "t"}) is None
        made._pool = FakePool(TimeoutError("read timed out"))  # type: ignore[assignment]
        assert made.send("GetItem", {"TableName": "t"}) is None
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "HTTP 400" in messages[0] and "InvalidSignatureException" in messages[0]
    assert "TimeoutError" in messages[1]
