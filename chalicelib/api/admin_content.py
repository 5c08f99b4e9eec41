"""Staff: content slots (ADR 0023): replace a slot's items, read them all."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import actor_of, json_response, parse_body, route, staff

bp = Blueprint(__name__)


@route(bp, "/admin/content/slots/{slot}", ("PUT",))
def put_slot(slot: str) -> Response:
    """Replace the slot's items (all of them, scheduled and past ones included)."""
    from ..bootstrap_merch import merch
    from .schemas.media import SlotIn, slot_out

    member = staff(bp.current_request, "promotions:write")
    body = parse_body(bp.current_request, SlotIn)
    stored = merch(get_container()).content.replace_items(slot, [i.to_item() for i in body.items], actor_of(member))
    return json_response(slot_out(stored, list(stored.items), staff=True))


@route(bp, "/admin/content/slots/{slot}")
def get_slot(slot: str) -> Response:
    from ..bootstrap_merch import merch
    from .schemas.media import slot_out

    staff(bp.current_request, "promotions:read")
    found = merch(get_container()).content.get(slot)
    return json_response(slot_out(found, list(found.items), staff=True))
