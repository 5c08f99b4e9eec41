"""Payment provider webhooks: the signature is verified on the raw body before
anything is parsed; each event is applied at most once."""

from __future__ import annotations

import json
import logging
import time

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from ..domain.errors import FieldError, ValidationFailed
from .http import json_response, parse_body, raw_body, route

bp = Blueprint(__name__)
log = logging.getLogger("commerce.webhooks")


@route(bp, "/webhooks/stripe", ("POST",))
def stripe_webhook() -> Response:
    from pydantic import ValidationError

    from ..domain.signatures import verify_stripe
    from .schemas.webhooks import StripeEnvelopeIn, StripeEventIn

    request = bp.current_request
    payload = raw_body(request)
    container = get_container()
    verify_stripe(
        payload, request.headers.get("stripe-signature"), container.settings.stripe_webhook_secret, time.time()
    )
    try:
        event = json.loads(payload)
        envelope = StripeEnvelopeIn.model_validate(event)
    except (ValueError, RecursionError, ValidationError):  # RecursionError: JSON nested too deep
        raise ValidationFailed(
            "The event is not a Stripe event.",
            [FieldError("(body)", "invalid_event", "Needs id and type: short ASCII strings.")],
        ) from None
    event_id, event_type = envelope.id, envelope.type
    try:
        StripeEventIn.model_validate(event)
    except ValidationError as error:
        # Signed by Stripe, so not worth a retry: recorded as ignored, nothing applied.
        where = sorted({".".join(str(p) for p in item["loc"]) for item in error.errors(include_url=False)})
        log.warning(
            "stripe event of an unexpected shape ignored",
            extra={
                "event": "stripe_event_ignored",
                "event_id": event_id,
                "event_type": event_type,
                "fields": where[:10],
            },
        )
        outcome = container.payment_events.ignore_event(event_id)
        return json_response({"received": True, "id": event_id, "type": event_type, "outcome": outcome})
    metadata = event["data"]["object"].get("metadata") or {}
    if metadata.get("kind") == "membership":
        outcome = container.memberships.apply_stripe_event(event)
    else:
        outcome = container.payment_events.apply_stripe_event(event)
    return json_response({"received": True, "id": event_id, "type": event_type, "outcome": outcome})


@route(bp, "/webhooks/logistics", ("POST",))
def logistics_webhook() -> Response:
    """Carrier tracking updates: X-Logistics-Timestamp and X-Logistics-Signature
    (hex HMAC-SHA256 of "<timestamp>.<raw body>" with the carrier webhook secret)."""
    from ..domain.signatures import verify_timestamped
    from .schemas.fulfillment import TrackingUpdateIn

    request = bp.current_request
    payload = raw_body(request)
    container = get_container()
    verify_timestamped(
        payload,
        request.headers.get("x-logistics-timestamp"),
        request.headers.get("x-logistics-signature"),
        container.settings.logistics_webhook_secret,
        time.time(),
    )
    update = parse_body(request, TrackingUpdateIn)
    outcome = container.fulfillment.apply_tracking(update.model_dump())
    return json_response({"received": True, "id": update.event_id, "outcome": outcome})
