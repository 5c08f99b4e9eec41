"""Staff: safety policies, forecasts, replenishment suggestions ordered by ABC
class, and cycle counts with their variance report (ADR 0022)."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import actor_of, json_response, page_body, page_params, parse_body, route, staff

bp = Blueprint(__name__)


@route(bp, "/admin/inventory/{sku}/safety-policy")
def get_plan(sku: str) -> Response:
    from .schemas.planning import plan_out

    staff(bp.current_request, "inventory:read")
    return json_response(plan_out(get_container().planning.plans.plan(sku)))


@route(bp, "/admin/inventory/{sku}/safety-policy", ("PUT",))
def set_plan(sku: str) -> Response:
    from .schemas.planning import SafetyPolicyIn, plan_out

    staff(bp.current_request, "purchasing:write")
    body = parse_body(bp.current_request, SafetyPolicyIn)
    plan = get_container().planning.plans.set_policy(sku, body.mode, body.days, body.floor, body.supplier_id)
    return json_response(plan_out(plan))


@route(bp, "/admin/inventory/{sku}/forecast")
def forecast(sku: str) -> Response:
    staff(bp.current_request, "inventory:read")
    return json_response(get_container().planning.plans.forecast(sku))


@route(bp, "/admin/replenishment-suggestions")
def suggestions() -> Response:
    staff(bp.current_request, "purchasing:read")
    return json_response({"items": get_container().planning.plans.suggestions()})


@route(bp, "/admin/cycle-counts", ("POST",))
def create_sheet() -> Response:
    from .schemas.planning import CountSheetIn, sheet_out

    member = staff(bp.current_request, "counts:write")
    body = parse_body(bp.current_request, CountSheetIn)
    sheet = get_container().planning.counts.create(body.skus, body.abc_class, actor_of(member))
    return json_response(sheet_out(sheet), 201)


@route(bp, "/admin/cycle-counts")
def list_sheets() -> Response:
    from .schemas.planning import sheet_out

    staff(bp.current_request, "counts:read")
    context = "cycle-counts"
    limit, after = page_params(bp.current_request, context)
    page = get_container().planning.counts.counts.recent(limit, after)
    return json_response(page_body([sheet_out(s) for s in page.items], page.next_position, context))


@route(bp, "/admin/cycle-counts/report")
def report() -> Response:
    staff(bp.current_request, "counts:read")
    return json_response(get_container().planning.counts.report())


@route(bp, "/admin/cycle-counts/{sheet_id}")
def get_sheet(sheet_id: str) -> Response:
    from .schemas.planning import sheet_out

    staff(bp.current_request, "counts:read")
    return json_response(sheet_out(get_container().planning.counts.get(sheet_id)))


@route(bp, "/admin/cycle-counts/{sheet_id}/results", ("POST",))
def submit(sheet_id: str) -> Response:
    from .schemas.planning import CountResultsIn, sheet_out

    member = staff(bp.current_request, "counts:write")
    body = parse_body(bp.current_request, CountResultsIn)
    counted: dict[str, int] = {}
    for line in body.lines:
        counted[line.sku] = line.counted
    sheet = get_container().planning.counts.submit(sheet_id, counted, actor_of(member))
    return json_response(sheet_out(sheet))
