"""Storefront: content slots (ADR 0023): the items live now, cacheable."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import json_response, route

bp = Blueprint(__name__)


@route(bp, "/content/slots/{slot}")
def live_slot(slot: str) -> Response:
    """The slot's items live now, by position. An unknown slot has no items (200, empty).
    Cacheable until the next item starts or ends (60 s at most)."""
    from ..bootstrap_merch import merch
    from .schemas.media import slot_out

    found, items, max_age = merch(get_container()).content.live(slot)
    return json_response(slot_out(found, items, staff=False), headers={"Cache-Control": f"public, max-age={max_age}"})
