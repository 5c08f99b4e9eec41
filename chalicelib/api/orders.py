"""Checkout and the customer's orders."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import bearer_customer, json_response, page_body, page_params, parse_body, route
from .idempotency import Claim, idempotent

if TYPE_CHECKING:
    from ..services.orders.checkout import Checkout

bp = Blueprint(__name__)


def _customer() -> str:
    customer_id = bearer_customer(bp.current_request, required=True)
    assert customer_id is not None
    return customer_id


@route(bp, "/checkout", ("POST",))
def checkout() -> Response:
    from ..services.ports import IdempotentResponse, StoredResponse
    from .schemas.orders import CheckoutIn

    customer_id = _customer()
    body = parse_body(bp.current_request, CheckoutIn)

    claim = Claim()

    def place() -> tuple[int, dict[str, Any]]:
        container = get_container()
        address = body.shipping_address.model_dump(exclude_none=True) if body.shipping_address else None
        coupon = None
        if body.wallet_coupon_id is not None:  # a usable coupon of the wallet, in place of the cart's
            from ..bootstrap_wallet import wallet_of

            coupon = wallet_of(container).usable_code(customer_id, body.wallet_coupon_id)

        def respond(result: Checkout) -> IdempotentResponse:  # stored in the order's own transaction
            return IdempotentResponse(
                claim.scope, claim.key, StoredResponse(201, _answer(result)), container.clock.now()
            )

        result = container.checkout.checkout(customer_id, body.cart_id, address, respond, coupon_code=coupon)
        claim.answered = result.answered
        return 201, _answer(result)

    return idempotent(bp.current_request, f"checkout:{customer_id}", place, claim)


def _answer(result: Checkout) -> dict[str, Any]:
    from .schemas.orders import order_out, payment_out

    return {"order": order_out(result.order), "payment": payment_out(result.payment), "warnings": list(result.warnings)}


@route(bp, "/orders/{order_id}/balance-payment", ("POST",))
def balance_payment(order_id: str) -> Response:
    """A presale order's balance PaymentIntent (ADR 0026), like checkout's answer."""
    from ..bootstrap_presale import presale_orders
    from .schemas.common import EmptyIn
    from .schemas.orders import order_out, payment_out

    customer_id = _customer()
    parse_body(bp.current_request, EmptyIn)

    def pay() -> tuple[int, dict[str, Any]]:
        result = presale_orders(get_container()).balance_payment(customer_id, order_id)
        return 201, {"order": order_out(result.order), "payment": payment_out(result.payment)}

    return idempotent(bp.current_request, f"balance-payment:{customer_id}:{order_id}", pay)


@route(bp, "/orders")
def list_orders() -> Response:
    from .schemas.orders import order_summary_out

    customer_id = _customer()
    context = f"orders|{customer_id}"
    limit, after = page_params(bp.current_request, context)
    page = get_container().orders.for_customer(customer_id, limit, after)
    return json_response(page_body([order_summary_out(o) for o in page.items], page.next_position, context))


@route(bp, "/orders/{order_id}")
def get_order(order_id: str) -> Response:
    from .schemas.orders import order_out

    return json_response(order_out(get_container().orders.own(_customer(), order_id)))


@route(bp, "/orders/{order_id}/cancel", ("POST",))
def cancel(order_id: str) -> Response:
    from .schemas.common import EmptyIn
    from .schemas.orders import order_out

    customer_id = _customer()
    parse_body(bp.current_request, EmptyIn)
    return json_response(order_out(get_container().orders.cancel_by_customer(customer_id, order_id)))


@route(bp, "/orders/{order_id}/confirm-receipt", ("POST",))
def confirm_receipt(order_id: str) -> Response:
    from .schemas.common import EmptyIn
    from .schemas.orders import order_out

    customer_id = _customer()
    parse_body(bp.current_request, EmptyIn)
    return json_response(order_out(get_container().orders.confirm_receipt(customer_id, order_id)))
