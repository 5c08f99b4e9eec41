"""Staff (admin, customer_service, operations): review moderation and the merchant's reply."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from ..domain.errors import FieldError, ValidationFailed
from .http import actor_of, json_response, page_body, page_params, parse_body, query_param, route, staff

bp = Blueprint(__name__)
STATUSES = ("held", "published", "hidden")  # domain/reviews.py


@route(bp, "/admin/reviews")
def list_reviews() -> Response:
    from .schemas.reviews import review_out

    staff(bp.current_request, "reviews:moderate")
    status = query_param(bp.current_request, "status")
    if status is not None and status not in STATUSES:
        raise ValidationFailed(
            f"status must be one of {', '.join(STATUSES)}.", [FieldError("status", "invalid_choice", "Not a status.")]
        )
    context = f"admin-reviews|{status or ''}"
    limit, after = page_params(bp.current_request, context)
    page = get_container().reviews.listing(status, limit, after)
    return json_response(page_body([review_out(r, staff=True) for r in page.items], page.next_position, context))


@route(bp, "/admin/reviews/{review_id}")
def get_review(review_id: str) -> Response:
    from .schemas.reviews import review_out

    staff(bp.current_request, "reviews:moderate")
    return json_response(review_out(get_container().reviews.get(review_id), staff=True))


@route(bp, "/admin/reviews/{review_id}/publish", ("POST",))
def publish(review_id: str) -> Response:
    from .schemas.common import EmptyIn
    from .schemas.reviews import review_out

    staff(bp.current_request, "reviews:moderate")
    parse_body(bp.current_request, EmptyIn)
    return json_response(review_out(get_container().reviews.publish(review_id), staff=True))


@route(bp, "/admin/reviews/{review_id}/hide", ("POST",))
def hide(review_id: str) -> Response:
    from .schemas.reviews import HideIn, review_out

    staff(bp.current_request, "reviews:moderate")
    body = parse_body(bp.current_request, HideIn)
    return json_response(review_out(get_container().reviews.hide(review_id, body.reason), staff=True))


@route(bp, "/admin/reviews/{review_id}/reply", ("POST",))
def reply(review_id: str) -> Response:
    from .schemas.reviews import ReplyIn, review_out

    member = staff(bp.current_request, "reviews:moderate")
    body = parse_body(bp.current_request, ReplyIn)
    return json_response(review_out(get_container().reviews.reply(review_id, actor_of(member), body.body), staff=True))
