"""Idempotency-Key handling for writes that move money (checkout, refunds,
membership purchase): same key + same body replays the first response; a
different body is 422; while the first is in flight, 409. Failures are not
stored, so a retry after a 503 runs again and completes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chalice.app import Request, Response

from ..bootstrap import get_container
from ..domain.error_codes import CommonErrorCode
from ..domain.errors import FieldError, ValidationFailed
from .http import json_response, raw_body

MAX_KEY_LENGTH = 255


@dataclass
class Claim:
    """The Idempotency-Key a request holds (filled in by ``idempotent`` before the action
    runs). An action whose own transaction stored its answer (checkout) sets
    ``answered``, and nothing more is written."""

    scope: str = ""
    key: str = ""
    answered: bool = False


def idempotent(
    request: Request, scope: str, action: Callable[[], tuple[int, dict[str, Any]]], claim: Claim | None = None
) -> Response:
    key = (request.headers.get("idempotency-key") or "").strip()
    if not key or len(key) > MAX_KEY_LENGTH or not key.isascii():
        raise ValidationFailed(
            "Send an Idempotency-Key header (1 to 255 ASCII characters) with this request.",
            [FieldError("Idempotency-Key", "required", "A unique key per intended operation, e.g. a UUID.")],
            code=CommonErrorCode.IDEMPOTENCY_KEY_REQUIRED,
        )
    try:
        canonical = json.dumps(json.loads(raw_body(request) or b"{}"), sort_keys=True, separators=(",", ":"))
    except ValueError:
        canonical = raw_body(request).decode("utf-8", "replace")
    fingerprint = hashlib.sha256(canonical.encode()).hexdigest()
    container = get_container()
    store = container.idempotency
    stored = store.begin(scope, key, fingerprint, container.clock.now())
    if stored is not None:
        return json_response(stored.body, stored.status, {"Idempotent-Replayed": "true"})
    claim = claim if claim is not None else Claim()
    claim.scope, claim.key = scope, key
    try:
        status, body = action()
    except BaseException:
        store.abandon(scope, key)
        raise
    from ..services.ports import StoredResponse

    if not claim.answered:
        store.complete(scope, key, StoredResponse(status, body), container.clock.now())
    return json_response(body, status)
