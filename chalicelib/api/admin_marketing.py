"""Staff: promotions, coupons, shipping templates (operations, admin)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import json_response, page_body, page_params, parse_body, route, staff

if TYPE_CHECKING:  # for annotations only: kept out of the cold import
    from ..domain.promotions import Promotion

bp = Blueprint(__name__)


def _promotion(promotion: Promotion) -> dict[str, Any]:
    from .schemas.marketing import promotion_out

    container = get_container()
    return promotion_out(promotion, container.settings.currency, container.clock.now())


@route(bp, "/admin/promotions", ("POST",))
def create_promotion() -> Response:
    from .merch import margin_override
    from .schemas.marketing import PromotionIn

    member = staff(bp.current_request, "promotions:write")
    body = parse_body(bp.current_request, PromotionIn)
    override = margin_override(member, body.override_margin)
    return json_response(_promotion(get_container().marketing.create_promotion(body.to_spec(), override)), 201)


@route(bp, "/admin/promotions")
def list_promotions() -> Response:
    staff(bp.current_request, "promotions:read")
    limit, after = page_params(bp.current_request, "promotions")
    page = get_container().marketing.list_promotions(limit, after)
    return json_response(page_body([_promotion(p) for p in page.items], page.next_position, "promotions"))


@route(bp, "/admin/promotions/{promotion_id}")
def get_promotion(promotion_id: str) -> Response:
    staff(bp.current_request, "promotions:read")
    return json_response(_promotion(get_container().marketing.get_promotion(promotion_id)))


@route(bp, "/admin/promotions/{promotion_id}", ("PATCH",))
def update_promotion(promotion_id: str) -> Response:
    from .merch import margin_override
    from .schemas.marketing import PromotionPatchIn

    member = staff(bp.current_request, "promotions:write")
    body = parse_body(bp.current_request, PromotionPatchIn)
    override = margin_override(member, body.override_margin)
    promotion = get_container().marketing.update_promotion(promotion_id, body.to_changes(), override)
    return json_response(_promotion(promotion))


@route(bp, "/admin/promotions/{promotion_id}/end", ("POST",))
def end_promotion(promotion_id: str) -> Response:
    staff(bp.current_request, "promotions:write")
    return json_response(_promotion(get_container().marketing.end_promotion(promotion_id)))


@route(bp, "/admin/coupons", ("POST",))
def create_coupon() -> Response:
    from .schemas.marketing import CouponIn, coupon_out

    staff(bp.current_request, "promotions:write")
    body = parse_body(bp.current_request, CouponIn)
    coupon = get_container().marketing.create_coupon(body.to_spec())
    return json_response(coupon_out(coupon, get_container().settings.currency), 201)


@route(bp, "/admin/coupons")
def list_coupons() -> Response:
    from .schemas.marketing import coupon_out

    staff(bp.current_request, "promotions:read")
    limit, after = page_params(bp.current_request, "coupons")
    page = get_container().marketing.list_coupons(limit, after)
    currency = get_container().settings.currency
    return json_response(page_body([coupon_out(c, currency) for c in page.items], page.next_position, "coupons"))


@route(bp, "/admin/coupons/{code}")
def get_coupon(code: str) -> Response:
    from .schemas.marketing import coupon_out

    staff(bp.current_request, "promotions:read")
    return json_response(coupon_out(get_container().marketing.get_coupon(code), get_container().settings.currency))


@route(bp, "/admin/coupons/{code}", ("PATCH",))
def update_coupon(code: str) -> Response:
    """A coupon's budget and owner (ADR 0028)."""
    from .schemas.marketing import CouponPatchIn, coupon_out

    staff(bp.current_request, "promotions:write")
    body = parse_body(bp.current_request, CouponPatchIn)
    coupon = get_container().marketing.update_coupon(code, body.to_changes())
    return json_response(coupon_out(coupon, get_container().settings.currency))


@route(bp, "/admin/shipping-templates", ("POST",))
def create_shipping_template() -> Response:
    from .schemas.marketing import ShippingTemplateIn, shipping_template_out

    staff(bp.current_request, "promotions:write")
    body = parse_body(bp.current_request, ShippingTemplateIn)
    template, is_default = get_container().marketing.create_shipping_template(body.to_spec())
    return json_response(shipping_template_out(template, is_default, get_container().settings.currency), 201)


@route(bp, "/admin/shipping-templates")
def list_shipping_templates() -> Response:
    from .schemas.marketing import shipping_template_out

    staff(bp.current_request, "promotions:read")
    currency = get_container().settings.currency
    items = [shipping_template_out(t, d, currency) for t, d in get_container().marketing.list_shipping_templates()]
    return json_response({"items": items, "next_cursor": None})
