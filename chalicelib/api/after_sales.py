"""The customer's after-sale requests on their orders."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import bearer_customer, json_response, page_body, page_params, parse_body, route
from .idempotency import idempotent

bp = Blueprint(__name__)


def _customer() -> str:
    customer_id = bearer_customer(bp.current_request, required=True)
    assert customer_id is not None
    return customer_id


@route(bp, "/orders/{order_id}/after-sales", ("POST",))
def request_after_sale(order_id: str) -> Response:
    from .schemas.after_sales import AfterSaleIn, after_sale_out

    customer_id = _customer()
    body = parse_body(bp.current_request, AfterSaleIn)

    def open_request() -> tuple[int, dict[str, Any]]:
        request = get_container().after_sales.request(customer_id, order_id, body.to_spec())
        return 201, after_sale_out(request)

    return idempotent(bp.current_request, f"after-sale:{customer_id}:{order_id}", open_request)


@route(bp, "/orders/{order_id}/after-sales")
def list_after_sales(order_id: str) -> Response:
    from .schemas.after_sales import after_sale_out

    customer_id = _customer()
    context = f"after-sales|{order_id}"
    limit, after = page_params(bp.current_request, context)
    page = get_container().after_sales.for_order(customer_id, order_id, limit, after)
    return json_response(page_body([after_sale_out(r) for r in page.items], page.next_position, context))


@route(bp, "/after-sales/{after_sale_id}")
def get_after_sale(after_sale_id: str) -> Response:
    from .schemas.after_sales import after_sale_out

    return json_response(after_sale_out(get_container().after_sales.own(_customer(), after_sale_id)))


@route(bp, "/after-sales/{after_sale_id}/cancel", ("POST",))
def cancel(after_sale_id: str) -> Response:
    from .schemas.after_sales import after_sale_out
    from .schemas.common import EmptyIn

    customer_id = _customer()
    parse_body(bp.current_request, EmptyIn)
    return json_response(after_sale_out(get_container().after_sales.cancel(customer_id, after_sale_id)))


@route(bp, "/after-sales/{after_sale_id}/return-shipment", ("POST",))
def return_shipment(after_sale_id: str) -> Response:
    from .schemas.after_sales import ParcelIn, after_sale_out

    customer_id = _customer()
    body = parse_body(bp.current_request, ParcelIn)
    request = get_container().after_sales.return_shipment(
        customer_id, after_sale_id, body.carrier, body.tracking_number
    )
    return json_response(after_sale_out(request))
