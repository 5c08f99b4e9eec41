"""Storefront catalog: category tree, product listing and detail."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import bearer_customer, json_response, page_body, page_params, query_param, route

bp = Blueprint(__name__)


@route(bp, "/categories")
def category_tree() -> Response:
    return json_response({"items": get_container().catalog.category_tree()})


@route(bp, "/products")
def browse() -> Response:
    from .schemas.catalog import facets_out, product_summary_out

    request = bp.current_request
    sort = query_param(request, "sort")  # None: relevance with a keyword, else newest
    category_id = query_param(request, "category_id")
    keyword = query_param(request, "q")
    if keyword is not None:
        keyword = keyword[:100]
    context = f"products|{sort or ''}|{category_id or ''}|{(keyword or '').strip().casefold()}"
    limit, after = page_params(request, context)
    container = get_container()
    page = container.catalog.browse(sort, category_id, keyword, limit, after)
    currency = container.settings.currency
    body = page_body([product_summary_out(p, currency) for p in page.items], page.next_position, context)
    return json_response({**body, "facets": facets_out(page.facets, currency)})


@route(bp, "/products/{product_id}")
def product_detail(product_id: str) -> Response:
    """Anyone may look; a signed-in member sees their member price as the effective price.
    ``visitor_id``: the visitor's variant of a running A/B experiment (ADR 0024), named in
    ``experiment``; without it the product as it is (the control)."""
    from .schemas.catalog import store_product_out
    from .schemas.experiments import visitor_id_param, with_variant

    container = get_container()
    visitor_id = visitor_id_param(query_param(bp.current_request, "visitor_id"))
    view, tag = with_variant(container.catalog.visible_product(product_id), visitor_id)
    customer_id = bearer_customer(bp.current_request, required=False)
    benefits = container.memberships.benefits_for(customer_id) if customer_id is not None else None
    is_member = benefits is not None and benefits.member_prices
    body = store_product_out(view, container.settings.currency, is_member)
    return json_response(body if tag is None else {**body, "experiment": tag})
