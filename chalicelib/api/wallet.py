"""The coupon wallet (ADR 0018): the customer's wallet and claims; staff grants."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from ..bootstrap_wallet import wallet_of
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
STATUSES = ("usable", "used", "expired")


def _customer() -> str:
    customer_id = bearer_customer(bp.current_request, required=True)
    assert customer_id is not None
    return customer_id


def _currency() -> str:
    return get_container().settings.currency


@route(bp, "/me/coupons")
def wallet() -> Response:
    from .schemas.wallet import wallet_entry_out

    customer_id = _customer()
    status = query_param(bp.current_request, "status")
    if status is not None and status not in STATUSES:
        raise ValidationFailed(
            f"status must be one of {', '.join(STATUSES)}.", [FieldError("status", "invalid_choice", "Not a status.")]
        )
    context = "wallet" if status is None else f"wallet|{status}"
    limit, after = page_params(bp.current_request, context)
    page = wallet_of(get_container()).mine(customer_id, status, limit, after)
    items = [wallet_entry_out(e, _currency(), page.now) for e in page.items]
    return json_response(page_body(items, page.next_position, context))


@route(bp, "/coupons/{code}/claim", ("POST",))
def claim(code: str) -> Response:
    from .schemas.common import EmptyIn
    from .schemas.wallet import wallet_entry_out

    customer_id = _customer()
    parse_body(bp.current_request, EmptyIn)
    container = get_container()
    entry = wallet_of(container).claim(customer_id, code)
    return json_response(wallet_entry_out(entry, _currency(), container.clock.now()), 201)


@route(bp, "/admin/coupons/{code}/grants", ("POST",))
def start_grant(code: str) -> Response:
    from .schemas.wallet import GrantIn, grant_job_out

    member = staff(bp.current_request, "promotions:write")
    body = parse_body(bp.current_request, GrantIn)
    if not body.customer_ids and body.segment is None:
        raise ValidationFailed(
            "Name the customers: customer_ids, segment or both.",
            [FieldError("customer_ids", "required", "Give customer_ids or a segment.")],
        )
    job = wallet_of(get_container()).start_grant(code, body.customer_ids, body.segment, actor_of(member))
    return json_response(grant_job_out(job), 202, {"Location": f"/admin/coupons/{job.code}/grants/{job.id}"})


@route(bp, "/admin/coupons/{code}/grants/{grant_id}")
def get_grant(code: str, grant_id: str) -> Response:
    from .schemas.wallet import grant_job_out

    staff(bp.current_request, "promotions:read")
    return json_response(grant_job_out(wallet_of(get_container()).grant_job(code, grant_id)))
