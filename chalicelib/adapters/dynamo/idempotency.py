"""DynamoDB: applying things at most once. Idempotency-Key records of API
requests, and processed-event records of provider webhooks (written by the
order change they caused, or alone for an event that changed nothing)."""

from __future__ import annotations

from datetime import datetime, timedelta

from pynamodb.exceptions import DeleteError, DoesNotExist, PutError
from pynamodb.expressions.update import Action

from ...domain.error_codes import CommonErrorCode
from ...domain.errors import Conflict
from ...services.ports import StoredResponse
from . import keys, transact
from .models import IdempotencyRecord, ProcessedEvent

PROCESSED_EVENT_TTL = timedelta(days=30)
IDEMPOTENCY_TTL = timedelta(hours=24)
IDEMPOTENCY_LOCK = timedelta(seconds=60)


# --- provider events -------------------------------------------------------------------------
def processed_event(provider: str, event_id: str, at: datetime, outcome: str) -> ProcessedEvent:
    """The record that a provider event was applied (kept for PROCESSED_EVENT_TTL),
    Put on the condition that the event has none yet."""
    return ProcessedEvent(
        *keys.processed_event(provider, event_id), at=at, outcome=outcome, expires_at=at + PROCESSED_EVENT_TTL
    )


def record_ignored_event(event_id: str, at: datetime, provider: str = "stripe") -> bool:
    """Mark a provider event as seen without changing anything; False if it was seen before."""
    try:
        processed_event(provider, event_id, at, "ignored").save(condition=ProcessedEvent.PK.does_not_exist())
    except PutError as error:
        if transact.put_refused(error):
            return False
        raise
    return True


# --- Idempotency-Key ---------------------------------------------------------------------------
def completed(response: StoredResponse, now: datetime) -> list[Action]:
    """The update that completes a claimed key with its answer (alone, or in checkout's transaction)."""
    return [
        IdempotencyRecord.state.set("completed"),
        IdempotencyRecord.response_status.set(response.status),
        IdempotencyRecord.response_body.set(response.body),
        IdempotencyRecord.expires_at.set(now + IDEMPOTENCY_TTL),
    ]


class DynamoIdempotency:
    """Idempotency-Key records of the API layer (api/http.py)."""

    def begin(self, scope: str, key: str, fingerprint: str, now: datetime) -> StoredResponse | None:
        """None: this caller owns the key now. A StoredResponse: replay it.
        Conflict(code=CommonErrorCode.IDEMPOTENCY_KEY_IN_USE) while another request holds it;
        Conflict(code=CommonErrorCode.IDEMPOTENCY_KEY_REUSED) for a different request body."""
        pk, sk = keys.idempotency(scope, key)
        record = IdempotencyRecord(
            pk,
            sk,
            fingerprint=fingerprint,
            state="in_progress",
            locked_until=now + IDEMPOTENCY_LOCK,
            expires_at=now + IDEMPOTENCY_TTL,
            GSI1PK=keys.idempotency_scope(scope),
            GSI1SK=key,
        )
        try:
            # First use, or taking over a lock whose holder died (same request only).
            record.save(
                condition=IdempotencyRecord.PK.does_not_exist()
                | (
                    (IdempotencyRecord.state == "in_progress")
                    & (IdempotencyRecord.locked_until < now)
                    & (IdempotencyRecord.fingerprint == fingerprint)
                )
            )
            return None
        except PutError as error:
            if not transact.put_refused(error):
                raise
        try:
            existing = IdempotencyRecord.get(pk, sk, consistent_read=True)
        except DoesNotExist:  # released meanwhile: try once more
            return self.begin(scope, key, fingerprint, now)
        if existing.fingerprint != fingerprint:
            raise Conflict(
                "This Idempotency-Key was used with a different request.", code=CommonErrorCode.IDEMPOTENCY_KEY_REUSED
            )
        if existing.state == "completed" and existing.response_status is not None:
            return StoredResponse(int(existing.response_status), dict(existing.response_body or {}))
        raise Conflict(
            "A request with this Idempotency-Key is still in progress.", code=CommonErrorCode.IDEMPOTENCY_KEY_IN_USE
        )

    def complete(self, scope: str, key: str, response: StoredResponse, now: datetime) -> None:
        IdempotencyRecord(*keys.idempotency(scope, key)).update(actions=completed(response, now))

    def abandon(self, scope: str, key: str) -> None:
        try:
            IdempotencyRecord(*keys.idempotency(scope, key)).delete(condition=IdempotencyRecord.state == "in_progress")
        except DeleteError as error:
            # Completed already: checkout's transaction stored the answer before a later step failed
            # (or its reply was lost). The order exists, so the answer stays.
            if not transact.put_refused(error):
                raise
