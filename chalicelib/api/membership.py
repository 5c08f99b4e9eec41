"""Paid membership: public plans, a customer's own membership, staff plan management."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from ..domain.errors import FieldError, ValidationFailed
from .http import bearer_customer, json_response, parse_body, route, staff
from .idempotency import idempotent

bp = Blueprint(__name__)


def _customer() -> str:
    customer_id = bearer_customer(bp.current_request, required=True)
    assert customer_id is not None
    return customer_id


@route(bp, "/membership/plans")
def list_plans() -> Response:
    from .schemas.membership import plan_out

    return json_response({"items": [plan_out(p) for p in get_container().memberships.list_plans()]})


@route(bp, "/admin/membership/plans", ("POST",))
def create_plan() -> Response:
    from ..domain.membership import Benefits
    from .schemas.membership import PlanIn, plan_out

    staff(bp.current_request, "membership:manage")
    body = parse_body(bp.current_request, PlanIn)
    container = get_container()
    if body.price.currency != container.settings.currency:
        raise ValidationFailed(
            "Plans are priced in the store currency.",
            [FieldError("price.currency", "currency_mismatch", f"Use {container.settings.currency}.")],
        )
    plan = container.memberships.create_plan(
        body.name, body.price.amount, body.period, Benefits(**body.benefits.model_dump())
    )
    return json_response(plan_out(plan), 201)


@route(bp, "/me/membership", ("POST",))
def purchase() -> Response:
    from .schemas.membership import MembershipPurchaseIn, membership_out
    from .schemas.orders import payment_out

    customer_id = _customer()
    body = parse_body(bp.current_request, MembershipPurchaseIn)
    request = bp.current_request
    key = (request.headers.get("idempotency-key") or "").strip()

    def buy() -> tuple[int, dict[str, Any]]:
        container = get_container()
        bought = container.memberships.purchase(customer_id, body.plan_id, body.payment_method_id, body.auto_renew, key)
        membership = membership_out(bought.membership, container.clock.now())
        return 201, {"membership": membership, "payment": payment_out(bought.intent)}

    return idempotent(request, f"membership:{customer_id}", buy)


@route(bp, "/me/membership")
def mine() -> Response:
    from .schemas.membership import membership_out

    container = get_container()
    return json_response(membership_out(container.memberships.get(_customer()), container.clock.now()))


@route(bp, "/me/membership/auto-renew", ("DELETE", "PUT"))
def auto_renew() -> Response:
    """DELETE turns automatic renewal off (the membership stays active to the
    period end); PUT turns it back on."""
    from .schemas.membership import membership_out

    container = get_container()
    on = bp.current_request.method == "PUT"
    updated = container.memberships.set_auto_renew(_customer(), on)
    return json_response(membership_out(updated, container.clock.now()))
