"""Opaque, tamper-evident pagination cursors.

A cursor is base64url(JSON position) + "." + HMAC. The MAC also covers a
context string (the query it belongs to), so a cursor from one listing cannot
be replayed against another.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from typing import Any

from .auth import unb64_canonical
from .error_codes import CommonErrorCode
from .errors import FieldError, ValidationFailed

_CANONICAL = re.compile(r"[A-Za-z0-9_-]{24}")  # the MAC: 18 bytes, base64url


def encode_cursor(position: dict[str, Any], secret: str, context: str) -> str:
    body = base64.urlsafe_b64encode(json.dumps(position, separators=(",", ":"), sort_keys=True).encode()).rstrip(b"=")
    mac = _mac(body, secret, context)
    return f"{body.decode()}.{mac}"


def decode_cursor(cursor: str, secret: str, context: str) -> dict[str, Any]:
    invalid = ValidationFailed(
        "The cursor is not valid for this listing.",
        [FieldError("cursor", "invalid_cursor", "Use next_cursor exactly as returned.")],
        code=CommonErrorCode.INVALID_CURSOR,
    )
    if not cursor.isascii():
        raise invalid
    try:
        body, mac = cursor.split(".")
    except ValueError:
        raise invalid from None
    if not _CANONICAL.fullmatch(mac) or not hmac.compare_digest(
        mac.encode(), _mac(body.encode(), secret, context).encode()
    ):
        raise invalid
    try:
        position = json.loads(unb64_canonical(body))  # exactly as encoded, or not at all
    except ValueError:
        raise invalid from None
    if not isinstance(position, dict):
        raise invalid
    return position


def _mac(body: bytes, secret: str, context: str) -> str:
    digest = hmac.new(f"cursor:{secret}".encode(), context.encode() + b"\x00" + body, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()
