"""Payment provider webhooks: the signature is verified on the raw body before
anything is parsed; each event is applied at most once."""

from __future__ import annotations

import json
import time

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from ..domain.errors import FieldError, ValidationFailed
from ..domain.signatures import verify_stripe, verify_timestamped
from .http import json_response, parse_body, raw_body, route
from .schemas.fulfillment import TrackingUpdateIn

bp = Blueprint(__name__)


@route(bp, "/webhooks/stripe", ("POST",))
def stripe_webhook() -> Response:
    request = bp.current_request
    payload = raw_body(request)
    container = get_container()
    verify_stripe(
        payload, request.headers.get("stripe-signature"), container.settings.stripe_webhook_secret, time.time()
    )
    try:
        event = json.loads(payload)
        event_id, event_type = event["id"], event["type"]
    except (ValueError, KeyError, TypeError):
        raise ValidationFailed(
            "The event is not a Stripe event.", [FieldError("(body)", "invalid_event", "Needs id and type.")]
        ) from None
    obj = (event.get("data") or {}).get("object") or {}
    if isinstance(obj, dict) and (obj.get("metadata") or {}).get("kind") == "membership":
        outcome = container.memberships.apply_stripe_event(event)
    else:
        outcome = container.payment_events.apply_stripe_event(event)
    return json_response({"received": True, "id": event_id, "type": event_type, "outcome": outcome})


@route(bp, "/webhooks/logistics", ("POST",))
def logistics_webhook() -> Response:
    """Carrier tracking updates: X-Logistics-Timestamp and X-Logistics-Signature
    (hex HMAC-SHA256 of "<timestamp>.<raw body>" with the carrier webhook secret)."""
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
