"""Credentials: password hashing, signed access tokens, staff roles.

Pure stdlib: scrypt for passwords, HMAC-SHA256 (JWT HS256 compact form) for
access tokens, SHA-256 digests for high-entropy staff API keys.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from .error_codes import AuthErrorCode
from .errors import Unauthorized

# --- passwords ---------------------------------------------------------------
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
PASSWORD_MIN, PASSWORD_MAX = 8, 128


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = encoded.split("$")
        if scheme != "scrypt":
            return False
        expected = _unb64(digest)
        actual = hashlib.scrypt(password.encode(), salt=_unb64(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


# A hash to verify against when the e-mail is unknown, so that a login for an
# unknown address costs the same time as one with a wrong password.
_DUMMY_HASH: str | None = None


def dummy_password_check(password: str) -> None:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password(secrets.token_hex(8))
    verify_password(password, _DUMMY_HASH)


# --- access tokens -----------------------------------------------------------
@dataclass(frozen=True)
class TokenClaims:
    subject: str
    issued_at: int
    expires_at: int


def issue_token(subject: str, secret: str, now: datetime, ttl_seconds: int) -> str:
    iat = int(now.timestamp())
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = _b64(
        json.dumps(
            {"sub": subject, "iat": iat, "exp": iat + ttl_seconds, "typ": "customer"}, separators=(",", ":")
        ).encode()
    )
    signing_input = f"{header}.{payload}".encode()
    signature = _b64(hmac.new(secret.encode(), signing_input, hashlib.sha256).digest())
    return f"{header}.{payload}.{signature}"


def verify_token(token: str, secret: str, now: datetime) -> TokenClaims:
    try:
        header, payload, signature = token.split(".")
        for part in (header, payload, signature):
            unb64_canonical(part)  # the token exactly as issued, or not at all
        expected = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(_unb64(signature), expected):
            raise Unauthorized("The access token is not valid.", code=AuthErrorCode.INVALID_TOKEN)
        if json.loads(_unb64(header)).get("alg") != "HS256":
            raise Unauthorized("The access token is not valid.", code=AuthErrorCode.INVALID_TOKEN)
        claims = json.loads(_unb64(payload))
        subject, iat, exp = claims["sub"], claims["iat"], claims["exp"]
        if (
            claims.get("typ") != "customer"
            or not isinstance(subject, str)
            or type(iat) is not int
            or type(exp) is not int
        ):
            raise Unauthorized("The access token is not valid.", code=AuthErrorCode.INVALID_TOKEN)
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError) as exc:
        raise Unauthorized("The access token is not valid.", code=AuthErrorCode.INVALID_TOKEN) from exc
    if exp <= int(now.timestamp()):
        raise Unauthorized("The access token has expired.", code=AuthErrorCode.TOKEN_EXPIRED)
    return TokenClaims(subject=subject, issued_at=iat, expires_at=exp)


# --- staff -------------------------------------------------------------------
ROLES = ("admin", "operations", "customer_service", "warehouse", "finance")

# action -> roles allowed. admin may do everything.
PERMISSIONS: dict[str, frozenset[str]] = {
    "catalog:read": frozenset({"admin", "operations", "customer_service", "warehouse"}),
    "catalog:write": frozenset({"admin", "operations"}),
    "search:synonyms": frozenset({"admin", "operations"}),
    "inventory:read": frozenset({"admin", "operations", "warehouse", "customer_service", "finance"}),
    "inventory:adjust": frozenset({"admin", "operations", "warehouse"}),
    "jobs:run": frozenset({"admin", "operations", "finance"}),
    "promotions:read": frozenset({"admin", "operations", "customer_service", "finance"}),
    "promotions:write": frozenset({"admin", "operations"}),
    "orders:read": frozenset({"admin", "operations", "customer_service", "warehouse", "finance"}),
    "orders:review": frozenset({"admin", "operations", "customer_service"}),
    "customers:read": frozenset({"admin", "operations", "customer_service"}),  # the staff customer view
    "refunds:write": frozenset({"admin", "finance", "customer_service"}),
    "fulfillment:read": frozenset({"admin", "operations", "warehouse", "customer_service"}),
    "fulfillment:write": frozenset({"admin", "operations", "warehouse"}),
    "alerts:read": frozenset({"admin", "operations", "warehouse", "customer_service"}),
    "alerts:write": frozenset({"admin", "operations", "warehouse"}),
    "exceptions:read": frozenset({"admin", "operations", "customer_service", "warehouse"}),
    "exceptions:write": frozenset({"admin", "operations", "customer_service"}),
    "after_sales:read": frozenset({"admin", "operations", "customer_service", "warehouse", "finance"}),
    "after_sales:decide": frozenset({"admin", "customer_service"}),  # approve, reject
    "after_sales:handle": frozenset({"admin", "warehouse"}),  # receive, inspect, ship exchanges
    "staff:manage": frozenset({"admin"}),
    "membership:manage": frozenset({"admin", "operations"}),
    "notifications:read": frozenset({"admin", "customer_service"}),  # what was sent to a customer
    "campaigns:write": frozenset({"admin", "operations"}),  # create and send marketing campaigns
    "campaigns:read": frozenset({"admin", "operations"}),  # campaigns and their counts
    "settlements:read": frozenset({"admin", "finance"}),
    "reports:read": frozenset({"admin", "operations", "finance"}),  # the KPI report (ADR 0021)
    "product_health:read": frozenset({"admin", "operations"}),  # the product health report (ADR 0021)
    "marketing_spend:write": frozenset({"admin", "operations", "finance"}),
    "experiments:read": frozenset({"admin", "operations", "finance"}),  # A/B experiments (ADR 0024)
    "experiments:write": frozenset({"admin", "operations"}),
    "tickets:handle": frozenset({"admin", "customer_service"}),  # the desk: list, answer, resolve, compensate
    "reviews:moderate": frozenset({"admin", "operations", "customer_service"}),  # publish, hide, reply
    # inventory planning (ADR 0022)
    "purchasing:read": frozenset({"admin", "operations", "warehouse", "finance"}),
    "purchasing:write": frozenset({"admin", "operations"}),  # suppliers, purchase orders, safety policies
    "purchasing:receive": frozenset({"admin", "operations", "warehouse"}),  # receipts of goods
    "counts:read": frozenset({"admin", "operations", "warehouse"}),
    "counts:write": frozenset({"admin", "operations", "warehouse"}),  # count sheets and their results
}


def roles_allow(roles: frozenset[str] | set[str], action: str) -> bool:
    allowed = PERMISSIONS.get(action)
    if allowed is None:
        raise KeyError(f"unknown action {action!r}")
    return "admin" in roles or bool(allowed & set(roles))


def api_key_digest(key: str) -> str:
    """Staff keys are random 32-byte secrets, so a plain SHA-256 digest is a safe
    lookup key (nothing to brute-force); the key itself is never stored."""
    return hashlib.sha256(key.encode()).hexdigest()


def generate_api_key() -> str:
    return "ck_" + secrets.token_urlsafe(32)


# --- helpers -----------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


_CANONICAL_B64 = re.compile(r"[A-Za-z0-9_-]*")


def unb64_canonical(text: str) -> bytes:
    """Unpadded base64url exactly as ``_b64`` writes it, or ValueError: no padding, no
    character outside the alphabet (the lenient decoder skips them), no stray low bits."""
    if not _CANONICAL_B64.fullmatch(text):
        raise ValueError("not unpadded base64url")
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if _b64(data) != text:
        raise ValueError("not the canonical encoding")
    return data
