"""The customer's own record: profile, address book, export and erasure (ADR 0017)."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import bearer_customer, json_response, parse_body, route

bp = Blueprint(__name__)


def _customer() -> str:
    customer_id = bearer_customer(bp.current_request, required=True)
    assert customer_id is not None
    return customer_id


@route(bp, "/me")
def me() -> Response:
    from .schemas.profiles import profile_out

    return json_response(profile_out(get_container().profiles.get(_customer())))


@route(bp, "/me", ("PATCH",))
def update_me() -> Response:
    from .schemas.profiles import ProfilePatch, profile_out

    customer_id = _customer()
    body = parse_body(bp.current_request, ProfilePatch)
    return json_response(profile_out(get_container().profiles.update(customer_id, body.changes())))


@route(bp, "/me/addresses")
def list_addresses() -> Response:
    from .schemas.profiles import address_out

    items = [address_out(a) for a in get_container().profiles.addresses_of(_customer())]
    return json_response({"items": items})


@route(bp, "/me/addresses", ("POST",))
def add_address() -> Response:
    from .schemas.profiles import AddressCreate, address_out

    customer_id = _customer()
    body = parse_body(bp.current_request, AddressCreate)
    fields = body.model_dump(exclude={"is_default"})
    address = get_container().profiles.add_address(customer_id, fields, body.is_default)
    return json_response(address_out(address), 201, {"Location": f"/me/addresses/{address.id}"})


@route(bp, "/me/addresses/{address_id}", ("PATCH",))
def update_address(address_id: str) -> Response:
    from .schemas.profiles import AddressPatch, address_out

    customer_id = _customer()
    body = parse_body(bp.current_request, AddressPatch)
    address = get_container().profiles.update_address(customer_id, address_id, body.fields(), bool(body.is_default))
    return json_response(address_out(address))


@route(bp, "/me/addresses/{address_id}", ("DELETE",))
def delete_address(address_id: str) -> Response:
    get_container().profiles.delete_address(_customer(), address_id)
    return Response(body="", status_code=204)


@route(bp, "/me/export")
def export() -> Response:
    from ..bootstrap_profile import build_privacy

    container = get_container()
    return json_response(build_privacy(container.clock, container.metrics).export(_customer()))


@route(bp, "/me", ("DELETE",))
def erase() -> Response:
    from ..bootstrap_profile import build_privacy

    container = get_container()
    build_privacy(container.clock, container.metrics).erase(_customer())
    return Response(body="", status_code=204)
