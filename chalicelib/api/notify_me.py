"""Customers: be told when a sold-out SKU is back in stock (ADR 0022)."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import bearer_customer, json_response, parse_body, route

bp = Blueprint(__name__)


@route(bp, "/products/{product_id}/notify-me", ("POST",))
def notify_me(product_id: str) -> Response:
    from .schemas.common import ts
    from .schemas.planning import NotifyMeIn

    customer_id = bearer_customer(bp.current_request, required=True)
    body = parse_body(bp.current_request, NotifyMeIn)
    subscription, new = get_container().planning.notify_me.subscribe(str(customer_id), product_id, body.sku)
    out = {
        "id": subscription.id,
        "product_id": subscription.product_id,
        "sku": subscription.sku,
        "created_at": ts(subscription.created_at),
    }
    return json_response(out, 201 if new else 200)
