"""Staff catalog management: categories, products, SKUs, listing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, Request, Response

from ..bootstrap import get_container
from .http import actor_of, json_response, page_body, page_params, parse_body, query_param, route, staff

if TYPE_CHECKING:  # for annotations only: kept out of the cold import
    from ..services.catalog_specs import IfMatch
    from ..services.ports import ProductView

bp = Blueprint(__name__)


def _out(view: ProductView) -> dict[str, Any]:
    from .schemas.catalog import admin_product_out

    container = get_container()
    return admin_product_out(view, container.settings.currency, container.clock.now())


@route(bp, "/admin/categories", ("POST",))
def create_category() -> Response:
    from .schemas.catalog import CategoryIn, category_out

    staff(bp.current_request, "catalog:write")
    body = parse_body(bp.current_request, CategoryIn)
    category = get_container().catalog.create_category(body.name, body.slug, body.parent_id)
    return json_response(category_out(category), 201)


@route(bp, "/admin/products", ("POST",))
def create_product() -> Response:
    from ..services.catalog_specs import ProductSpec
    from .merch import margin_override
    from .schemas.catalog import ProductIn

    member = staff(bp.current_request, "catalog:write")
    body = parse_body(bp.current_request, ProductIn)
    spec = ProductSpec(
        title=body.title,
        description=body.description,
        category_id=body.category_id,
        images=tuple(body.images),
        attributes=body.attributes,
        skus=[s.to_spec() for s in body.skus],
        status=body.status,
        list_at=body.list_at,
        delist_at=body.delist_at,
        returnable_without_reason=body.returnable_without_reason,
        handle=body.handle,
        media=tuple(body.media),
        override=margin_override(member, body.override_margin),
    )
    view = get_container().catalog.create_product(spec, actor_of(member))
    return json_response(_out(view), 201, {"Location": f"/admin/products/{view.product.id}"})


@route(bp, "/admin/products")
def list_products() -> Response:
    from .schemas.catalog import admin_product_summary_out

    request = bp.current_request
    staff(request, "catalog:read")
    container = get_container()
    now = container.clock.now()
    handle = query_param(request, "handle")
    if handle is not None:  # the one product with this handle, whatever its status
        import re

        from ..domain.catalog import HANDLE_PATTERN

        found = container.catalog.product_with_handle(handle) if re.match(HANDLE_PATTERN, handle) else None
        items = [admin_product_summary_out(found, container.settings.currency, now)] if found else []
        return json_response({"items": items, "next_cursor": None})
    status = query_param(request, "status") or "listed"
    context = f"admin-products|{status}"
    limit, after = page_params(request, context)
    page = container.catalog.list_products(status, limit, after)
    items = [admin_product_summary_out(p, container.settings.currency, now) for p in page.items]
    return json_response(page_body(items, page.next_position, context))


def _etag(view: ProductView) -> dict[str, str]:
    """The product's edit version as a weak entity tag (the body also carries computed,
    time-dependent fields, so it is not byte-for-byte the same for one version)."""
    return {"ETag": f'W/"{view.product.version}"'}


def _if_match(request: Request) -> IfMatch | None:
    """``If-Match``: ``*``, or entity tags, weak (``W/"3"``) or strong (``"3"``), comma-separated.
    Tags that are not a product version match nothing."""
    from ..services.catalog_specs import IfMatch

    raw = request.headers.get("if-match")
    if raw is None:
        return None
    if raw.strip() == "*":
        return IfMatch(any_version=True)
    versions = set()
    for tag in raw.split(","):
        tag = tag.strip().removeprefix("W/")
        inner = tag[1:-1] if len(tag) > 2 and tag[0] == tag[-1] == '"' else ""
        if inner.isascii() and inner.isdigit() and len(inner) <= 18:
            versions.add(int(inner))
    return IfMatch(frozenset(versions))


@route(bp, "/admin/products/{product_id}")
def get_product(product_id: str) -> Response:
    staff(bp.current_request, "catalog:read")
    view = get_container().catalog.get_product(product_id)
    return json_response(_out(view), headers=_etag(view))


@route(bp, "/admin/products/{product_id}", ("PATCH",))
def patch_product(product_id: str) -> Response:
    from .merch import margin_override
    from .schemas.catalog import ProductPatchIn

    request = bp.current_request
    member = staff(request, "catalog:write")
    body = parse_body(request, ProductPatchIn)
    patch = {**body.to_patch(), "override": margin_override(member, body.override_margin)}
    view = get_container().catalog.update_product(product_id, patch, actor_of(member), if_match=_if_match(request))
    return json_response(_out(view), headers=_etag(view))


@route(bp, "/admin/products/{product_id}/list", ("POST",))
def list_product(product_id: str) -> Response:
    from .schemas.catalog import ScheduleIn

    member = staff(bp.current_request, "catalog:write")
    body = parse_body(bp.current_request, ScheduleIn)
    return json_response(_out(get_container().catalog.list_product(product_id, body.at, actor_of(member))))


@route(bp, "/admin/products/{product_id}/delist", ("POST",))
def delist_product(product_id: str) -> Response:
    from .schemas.catalog import DelistIn

    member = staff(bp.current_request, "catalog:write")
    body = parse_body(bp.current_request, DelistIn)
    catalog = get_container().catalog
    view = catalog.delist_product(product_id, body.at, actor_of(member), reason=body.reason, note=body.note)
    return json_response(_out(view))


@route(bp, "/admin/products/{product_id}/history")
def product_history(product_id: str) -> Response:
    """What happened to the product, newest first: listings, delistings (with their reasons), margin overrides."""
    from ..domain.clock import to_rfc3339

    request = bp.current_request
    staff(request, "catalog:read")
    container = get_container()
    context = f"product-history|{product_id}"
    limit, after = page_params(request, context)
    container.catalog.get_product(product_id)  # 404 for an unknown product
    policy = container.catalog.policy
    assert policy is not None  # the app always applies the merchandising rules
    page = policy.history(product_id, limit, after)
    items = [
        {"id": e.id, "action": e.action, "actor": e.actor, "at": to_rfc3339(e.at), "details": e.details}
        for e in page.items
    ]
    return json_response(page_body(items, page.next_position, context))
