"""Webhook signatures (HMAC-SHA256 over the raw body), verified in constant time."""

from __future__ import annotations

import hashlib
import hmac
import re

from .error_codes import CommonErrorCode, ErrorCode
from .errors import ValidationFailed

DEFAULT_TOLERANCE_SECONDS = 300
# A unix timestamp in ASCII digits (str.isdigit() also takes "²", which int() refuses).
_TIMESTAMP = re.compile(r"[0-9]{1,12}")


class BadSignature(ValidationFailed):
    code: ErrorCode = CommonErrorCode.INVALID_SIGNATURE


def stripe_signature(payload: bytes, secret: str, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), b"%d." % timestamp + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify_stripe(
    payload: bytes, header: str | None, secret: str, now: float, tolerance: int = DEFAULT_TOLERANCE_SECONDS
) -> None:
    """Stripe's scheme: header ``t=<unix>,v1=<hex>[,v1=...]``; the MAC covers
    ``<t>.<raw body>``; a timestamp outside the tolerance is a replay."""
    if not header:
        raise BadSignature("The Stripe-Signature header is missing.")
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and _TIMESTAMP.fullmatch(value):
            timestamp = int(value)
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or not candidates:
        raise BadSignature("The Stripe-Signature header is malformed.")
    expected = hmac.new(secret.encode(), b"%d." % timestamp + payload, hashlib.sha256).hexdigest()
    if not any(hmac.compare_digest(expected.encode(), c.encode()) for c in candidates if c.isascii()):
        raise BadSignature("The webhook signature does not match.")
    if abs(now - timestamp) > tolerance:
        raise BadSignature("The webhook timestamp is too old (or in the future).")


def hmac_hex(payload: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()


def sign_timestamped(payload: bytes, secret: str, timestamp: int) -> str:
    return hmac.new(secret.encode(), b"%d." % timestamp + payload, hashlib.sha256).hexdigest()


def verify_timestamped(
    payload: bytes,
    timestamp: str | None,
    signature: str | None,
    secret: str,
    now: float,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
) -> None:
    """Carrier webhooks: hex HMAC-SHA256 of ``<timestamp>.<raw body>``."""
    if not timestamp or not signature or not _TIMESTAMP.fullmatch(timestamp) or not signature.isascii():
        raise BadSignature("The webhook signature headers are missing or malformed.")
    expected = sign_timestamped(payload, secret, int(timestamp))
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        raise BadSignature("The webhook signature does not match.")
    if abs(now - int(timestamp)) > tolerance:
        raise BadSignature("The webhook timestamp is too old (or in the future).")
