"""The hot reads' transport: DynamoDB's JSON protocol over one kept-alive connection
pool, signed here with Signature Version 4, instead of through botocore's request
pipeline (ADR 0030).

botocore spends about 0.7 ms of Python on every call on the benchmark machine (its
event hooks, the shape-walking serialiser, the signer's canonical forms, the
response's header handling), more than DynamoDB Local takes to answer a GetItem.
The three reads that serve the product page and the cart (GetItem, Query,
BatchGetItem, chalicelib/adapters/dynamo/raw_reads.py) take this path instead:

- the request body is ``json.dumps`` of the parameters (already in DynamoDB's JSON),
  signed with the credentials botocore resolved (refreshed as botocore refreshes
  them), the signing key kept per day;
- a 200 whose CRC32 checks (DynamoDB's ``x-amz-crc32`` header, as botocore checks it)
  is handed back as its parsed JSON;
- anything else (a 4xx or 5xx, throttling, a checksum mismatch, a connection error
  or timeout) is answered ``None``: the caller sends the same read through botocore,
  whose retries, backoff and ClientError mapping then apply unchanged. A read sent
  twice changes nothing.

Writes never take this path: their conditions, cancellation reasons and retries stay
with botocore and PynamoDB.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import zlib
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

SERVICE = "dynamodb"
TARGET_PREFIX = "DynamoDB_20120810."
CONTENT_TYPE = "application/x-amz-json-1.0"
OPERATIONS = frozenset({"GetItem", "Query", "BatchGetItem"})
DISABLE_ENV = "COMMERCE_LEAN_DYNAMODB"  # "0": every read through botocore

log = logging.getLogger("commerce.dynamodb")
_told: set[str] = set()  # what this process has logged already: each kind once


def _declined(kind: str, detail: str) -> None:
    """A read handed to botocore, logged once per kind a process (a wrong signature
    would otherwise only show as every read made twice)."""
    if kind not in _told:
        _told.add(kind)
        log.warning("DynamoDB read handed to botocore (%s): %s", kind, detail[:300])


def enabled() -> bool:
    return os.environ.get(DISABLE_ENV, "1") != "0"


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


class Signer:
    """SigV4 for a POST to ``/`` of DynamoDB's JSON protocol: the headers botocore
    signs for the same request (content-type, host, x-amz-date, x-amz-target and the
    session token when there is one), the payload's SHA-256 in the canonical request."""

    def __init__(self, region: str, host: str) -> None:
        self.region = region
        self.host = host
        self._keys: dict[tuple[str, str], bytes] = {}

    def _signing_key(self, secret: str, day: str) -> bytes:
        found = self._keys.get((secret, day))
        if found is None:
            key = _hmac(("AWS4" + secret).encode(), day)
            for part in (self.region, SERVICE, "aws4_request"):
                key = _hmac(key, part)
            self._keys = {(secret, day): key}  # one day's key: yesterday's is dropped
            found = key
        return found

    def headers(self, target: str, body: bytes, credentials: Any, now: datetime) -> dict[str, str]:
        stamp = now.strftime("%Y%m%dT%H%M%SZ")
        day = stamp[:8]
        signed = {"content-type": CONTENT_TYPE, "host": self.host, "x-amz-date": stamp, "x-amz-target": target}
        if credentials.token:
            signed["x-amz-security-token"] = credentials.token
        names = sorted(signed)
        canonical = "\n".join(
            (
                "POST",
                "/",
                "",
                "".join(f"{name}:{signed[name]}\n" for name in names),
                ";".join(names),
                hashlib.sha256(body).hexdigest(),
            )
        )
        scope = f"{day}/{self.region}/{SERVICE}/aws4_request"
        to_sign = "\n".join(("AWS4-HMAC-SHA256", stamp, scope, hashlib.sha256(canonical.encode()).hexdigest()))
        signature = hmac.new(self._signing_key(credentials.secret_key, day), to_sign.encode(), hashlib.sha256)
        authorization = (
            f"AWS4-HMAC-SHA256 Credential={credentials.access_key}/{scope}, "
            f"SignedHeaders={';'.join(names)}, Signature={signature.hexdigest()}"
        )
        out = {"Content-Type": CONTENT_TYPE, "X-Amz-Date": stamp, "X-Amz-Target": target}
        if credentials.token:
            out["X-Amz-Security-Token"] = credentials.token
        out["Authorization"] = authorization
        return out


class LeanTransport:
    """One endpoint's reads: a urllib3 pool with botocore's timeouts, no retries of its own."""

    def __init__(self, endpoint_url: str, region: str, credentials: Any, timeouts: tuple[float, float], pool: int):
        import urllib3

        parts = urlsplit(endpoint_url)
        self.signer = Signer(region, parts.netloc)
        self._credentials = credentials  # botocore's (Refreshable)Credentials
        timeout = urllib3.Timeout(connect=timeouts[0], read=timeouts[1])
        options: dict[str, Any] = {"maxsize": pool, "timeout": timeout, "retries": False, "block": False}
        if parts.scheme == "https":
            from botocore.httpsession import get_cert_path

            options["ca_certs"] = get_cert_path(True)
        self._pool = urllib3.connection_from_url(endpoint_url, **options)

    def send(self, operation: str, params: dict[str, Any]) -> dict[str, Any] | None:
        """The read's parsed answer, or None when botocore should make it instead."""
        if operation not in OPERATIONS or self._credentials is None:
            return None
        body = json.dumps(params, separators=(",", ":")).encode()
        credentials = self._credentials.get_frozen_credentials()
        headers = self.signer.headers(TARGET_PREFIX + operation, body, credentials, datetime.now(UTC))
        try:
            response = self._pool.urlopen("POST", "/", body=body, headers=headers, preload_content=True)
        except Exception as error:  # noqa: BLE001 - any transport failure: botocore tries, with its retries
            _declined(type(error).__name__, str(error))
            return None
        data: bytes = response.data
        if response.status != 200:
            _declined(f"HTTP {response.status}", data.decode(errors="replace"))
            return None
        expected = response.headers.get("x-amz-crc32")
        if expected is not None and int(expected) != zlib.crc32(data):
            _declined("checksum", f"x-amz-crc32 {expected} does not match the body")
            return None
        try:
            return dict(json.loads(data))
        except ValueError:
            _declined("body", "not JSON")
            return None
