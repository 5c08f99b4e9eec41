"""Signed outbound webhooks: a JSON body with ``X-<Prefix>-Timestamp`` and
``X-<Prefix>-Signature`` (hex HMAC-SHA256 of "<timestamp>.<body>")."""

from __future__ import annotations

import json
import time
import urllib.request
from typing import Any

from ..domain.signatures import sign_timestamped


def post_signed(url: str, body: bytes, secret: str, prefix: str, timeout: float = 5.0) -> None:
    now = int(time.time())
    request = urllib.request.Request(
        url,
        data=body,
        headers={
            "Content-Type": "application/json",
            f"X-{prefix}-Timestamp": str(now),
            f"X-{prefix}-Signature": sign_timestamped(body, secret, now),
        },
    )
    with urllib.request.urlopen(request, timeout=timeout):
        pass


class TrackingWebhook:
    """Where the simulated carrier sends its updates: our own logistics webhook."""

    def __init__(self, url: str, secret: str) -> None:
        self.url, self.secret = url, secret

    def __call__(self, update: dict[str, Any]) -> None:
        post_signed(self.url, json.dumps(update).encode(), self.secret, "Logistics")
