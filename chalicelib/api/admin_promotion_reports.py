"""Staff: the promotion and coupon reports (ADR 0028)."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import json_response, route, staff

bp = Blueprint(__name__)


@route(bp, "/admin/promotions/{promotion_id}/report")
def promotion_report(promotion_id: str) -> Response:
    from ..bootstrap_budgets import promotion_reports
    from .schemas.marketing import report_out

    staff(bp.current_request, "promotions:read")
    container = get_container()
    return json_response(report_out(promotion_reports(container).promotion(promotion_id), container.settings.currency))


@route(bp, "/admin/coupons/{code}/report")
def coupon_report(code: str) -> Response:
    from ..bootstrap_budgets import promotion_reports
    from .schemas.marketing import report_out

    staff(bp.current_request, "promotions:read")
    container = get_container()
    return json_response(report_out(promotion_reports(container).coupon(code), container.settings.currency))
