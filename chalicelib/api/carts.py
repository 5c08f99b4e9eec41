"""Carts for guests (X-Cart-Token) and customers (Bearer), priced on every read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import bearer_customer, json_response, parse_body, route
from .source import source_ip

if TYPE_CHECKING:  # for annotations only: kept out of the cold import
    from ..domain.carts import Caller
    from ..services.carts import CartView

bp = Blueprint(__name__)


def _caller() -> Caller:
    from ..domain.carts import Caller

    request = bp.current_request
    token = request.headers.get("x-cart-token")
    return Caller(customer_id=bearer_customer(request, required=False), cart_token=token.strip() if token else None)


def _visitor_id() -> str | None:
    """``X-Visitor-Id``: the storefront's visitor id, kept on the cart once set; A/B price
    variants are assigned by it (ADR 0024). The server assigns: a client never sends a price."""
    from .schemas.experiments import visitor_id_param

    value = bp.current_request.headers.get("x-visitor-id")
    return visitor_id_param(value.strip() if value else None)


def _out(view: CartView, status: int = 200, token: str | None = None) -> Response:
    from .schemas.carts import cart_out

    return json_response(cart_out(view, get_container().settings.currency, token), status)


@route(bp, "/carts", ("POST",))
def create_cart() -> Response:
    from .schemas.common import EmptyIn

    parse_body(bp.current_request, EmptyIn)
    view, token, created = get_container().carts.create(_caller(), source_ip(bp.current_request), _visitor_id())
    return _out(view, 201 if created else 200, token)


@route(bp, "/carts/{cart_id}")
def get_cart(cart_id: str) -> Response:
    return _out(get_container().carts.view(cart_id, _caller()))


@route(bp, "/carts/{cart_id}/items", ("POST",))
def add_item(cart_id: str) -> Response:
    from .schemas.carts import CartItemIn

    body = parse_body(bp.current_request, CartItemIn)
    return _out(get_container().carts.add_item(cart_id, _caller(), body.sku, body.quantity, _visitor_id()))


@route(bp, "/carts/{cart_id}/items/{sku}", ("PATCH",))
def set_quantity(cart_id: str, sku: str) -> Response:
    from .schemas.carts import QuantityIn

    body = parse_body(bp.current_request, QuantityIn)
    return _out(get_container().carts.set_quantity(cart_id, _caller(), sku, body.quantity))


@route(bp, "/carts/{cart_id}/items/{sku}", ("DELETE",))
def remove_item(cart_id: str, sku: str) -> Response:
    return _out(get_container().carts.remove_item(cart_id, _caller(), sku))


@route(bp, "/carts/{cart_id}/coupons", ("POST",))
def apply_coupon(cart_id: str) -> Response:
    from .schemas.carts import CouponCodeIn

    body = parse_body(bp.current_request, CouponCodeIn)
    return _out(get_container().carts.apply_coupon(cart_id, _caller(), body.code))


@route(bp, "/carts/{cart_id}/coupons/{code}", ("DELETE",))
def remove_coupon(cart_id: str, code: str) -> Response:
    return _out(get_container().carts.remove_coupon(cart_id, _caller(), code))


@route(bp, "/carts/{cart_id}/shipping-address", ("PUT",))
def set_address(cart_id: str) -> Response:
    from .schemas.carts import AddressIn

    body = parse_body(bp.current_request, AddressIn)
    address = body.model_dump(exclude_none=True)
    return _out(get_container().carts.set_shipping_address(cart_id, _caller(), address))


@route(bp, "/carts/{cart_id}/merge", ("POST",))
def merge(cart_id: str) -> Response:
    from .schemas.carts import MergeIn

    caller = _caller()
    if caller.customer_id is None:
        bearer_customer(bp.current_request, required=True)  # 401: merging needs a signed-in customer
    body = parse_body(bp.current_request, MergeIn)
    return _out(get_container().carts.merge(cart_id, caller, body.guest_cart_id, body.guest_token))
