"""The caller's address, for throttling (ADR 0007). API Gateway puts it in the
request context (``identity.sourceIp``), and so do chalice's local gateway and
test client (127.0.0.1). Never logged."""

from __future__ import annotations

from typing import Any

from chalice.app import Request

from ..domain.throttle import UNKNOWN_SOURCE


def source_ip(request: Request) -> str:
    context: Any = getattr(request, "context", None) or {}
    identity = context.get("identity") if isinstance(context, dict) else None
    address = identity.get("sourceIp") if isinstance(identity, dict) else None
    return address.strip() if isinstance(address, str) and address.strip() else UNKNOWN_SOURCE
