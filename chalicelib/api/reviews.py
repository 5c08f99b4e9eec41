"""Reviews: the buyer reviews a delivered order (and follows it up once), anyone
reads a product's published reviews and the store rating."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from ..domain.errors import FieldError, ValidationFailed
from .http import bearer_customer, json_response, page_body, page_params, parse_body, query_param, route

bp = Blueprint(__name__)


def _customer() -> str:
    customer_id = bearer_customer(bp.current_request, required=True)
    assert customer_id is not None
    return customer_id


@route(bp, "/orders/{order_id}/reviews", ("POST",))
def review_order(order_id: str) -> Response:
    from .schemas.reviews import ReviewIn, review_out

    customer_id = _customer()
    body = parse_body(bp.current_request, ReviewIn)
    review = get_container().reviews.submit(
        customer_id,
        order_id,
        [item.to_line() for item in body.items],
        body.service_rating,
        body.logistics_rating,
        body.anonymous,
    )
    return json_response(review_out(review), 201)


@route(bp, "/orders/{order_id}/reviews/follow-up", ("POST",))
def follow_up(order_id: str) -> Response:
    from .schemas.reviews import FollowUpIn, review_out

    customer_id = _customer()
    body = parse_body(bp.current_request, FollowUpIn)
    review = get_container().reviews.follow_up(customer_id, order_id, body.text, body.images)
    return json_response(review_out(review), 201)


@route(bp, "/products/{product_id}/reviews")
def product_reviews(product_id: str) -> Response:
    from .schemas.reviews import product_review_out

    raw = query_param(bp.current_request, "rating")
    if raw is not None and raw not in ("1", "2", "3", "4", "5"):
        raise ValidationFailed("rating must be 1 to 5.", [FieldError("rating", "invalid_choice", "Use 1 to 5.")])
    rating = int(raw) if raw is not None else None
    context = f"product-reviews|{product_id}|{raw or ''}"
    limit, after = page_params(bp.current_request, context)
    page = get_container().reviews.for_product(product_id, rating, limit, after)
    return json_response(page_body([product_review_out(e) for e in page.items], page.next_position, context))


@route(bp, "/store/rating")
def store_rating() -> Response:
    from .schemas.reviews import store_rating_out

    return json_response(store_rating_out(get_container().reviews.store_rating()))
