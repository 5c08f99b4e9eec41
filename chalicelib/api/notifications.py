"""Notifications: a customer's inbox and preferences; staff's record of sends and
marketing campaigns."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from ..domain.errors import FieldError, ValidationFailed
from .http import (
    actor_of,
    bearer_customer,
    json_response,
    page_body,
    page_params,
    parse_body,
    query_param,
    route,
    staff,
)

bp = Blueprint(__name__)


def _customer() -> str:
    customer_id = bearer_customer(bp.current_request, required=True)
    assert customer_id is not None
    return customer_id


@route(bp, "/me/notifications")
def inbox() -> Response:
    from .schemas.notifications import inbox_out

    customer_id = _customer()
    context = f"inbox|{customer_id}"
    limit, after = page_params(bp.current_request, context)
    page = get_container().notifications.inbox_of(customer_id, limit, after)
    return json_response(page_body([inbox_out(e) for e in page.items], page.next_position, context))


@route(bp, "/me/notification-preferences")
def get_preferences() -> Response:
    from .schemas.notifications import preferences_out

    return json_response(preferences_out(get_container().notifications.preferences_of(_customer())))


@route(bp, "/me/notification-preferences", ("PUT",))
def put_preferences() -> Response:
    from .schemas.notifications import PreferencesIn, preferences_out

    customer_id = _customer()
    body = parse_body(bp.current_request, PreferencesIn)
    changes = body.model_dump(exclude_none=True)
    if body.channels is not None:
        changes["channels"] = body.channels.model_dump(exclude_none=True)
    return json_response(preferences_out(get_container().notifications.set_preferences(customer_id, changes)))


@route(bp, "/admin/notifications")
def sends() -> Response:
    from .schemas.notifications import send_out

    staff(bp.current_request, "notifications:read")
    customer_id = query_param(bp.current_request, "customer_id")
    if customer_id is None:
        raise ValidationFailed("customer_id is required.", [FieldError("customer_id", "required", "A customer id.")])
    context = f"sends|{customer_id}"
    limit, after = page_params(bp.current_request, context)
    page = get_container().notifications.sends_of(customer_id, limit, after)
    return json_response(page_body([send_out(r) for r in page.items], page.next_position, context))


@route(bp, "/admin/campaigns", ("POST",))
def create_campaign() -> Response:
    from .schemas.notifications import CampaignIn, campaign_out

    member = staff(bp.current_request, "campaigns:write")
    body = parse_body(bp.current_request, CampaignIn)
    campaign = get_container().notifications.create_campaign(
        body.name, body.message, body.channel, body.segment, actor_of(member)
    )
    return json_response(campaign_out(campaign), 201)


@route(bp, "/admin/campaigns")
def list_campaigns() -> Response:
    from .schemas.notifications import campaign_out

    staff(bp.current_request, "campaigns:read")
    context = "campaigns"
    limit, after = page_params(bp.current_request, context)
    page = get_container().notifications.campaigns_page(limit, after)
    return json_response(page_body([campaign_out(c) for c in page.items], page.next_position, context))


@route(bp, "/admin/campaigns/{campaign_id}")
def get_campaign(campaign_id: str) -> Response:
    from .schemas.notifications import campaign_out

    staff(bp.current_request, "campaigns:read")
    return json_response(campaign_out(get_container().notifications.get_campaign(campaign_id)))


@route(bp, "/admin/campaigns/{campaign_id}/send", ("POST",))
def send_campaign(campaign_id: str) -> Response:
    """Sent in the request (200, the counts), or fanned out to the campaign-batches
    queue (202, the campaign ``sending``: GET it for the counts)."""
    from .schemas.notifications import campaign_out

    staff(bp.current_request, "campaigns:write")
    campaign = get_container().notifications.send_campaign(campaign_id)
    if campaign.status == "sent":
        return json_response(dict(campaign.result or {}))
    return json_response(campaign_out(campaign), 202)
