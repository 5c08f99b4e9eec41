"""Staff inventory: stock levels, adjustments, ledger."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import actor_of, json_response, page_body, page_params, parse_body, route, staff

if TYPE_CHECKING:  # for annotations only: kept out of the cold import
    from ..services.inventory import InventoryView

bp = Blueprint(__name__)


def _inventory_out(view: InventoryView) -> dict[str, Any]:
    from .schemas.inventory import stock_out

    return {
        "sku": view.sku.code,
        "product_id": view.sku.product_id,
        **stock_out(view.stock),
        "safety_stock": view.sku.safety_stock,
        "reorder_point": view.sku.reorder_point,  # set by recompute_safety_stock; null before (ADR 0022)
        "abc_class": view.abc_class,
        "abc_classified_on": view.abc_run,
    }


@route(bp, "/admin/inventory/{sku}")
def get_inventory(sku: str) -> Response:
    staff(bp.current_request, "inventory:read")
    return json_response(_inventory_out(get_container().inventory.get(sku)))


@route(bp, "/admin/inventory/{sku}/adjustments", ("POST",))
def adjust(sku: str) -> Response:
    from .schemas.inventory import AdjustmentIn, ledger_out

    member = staff(bp.current_request, "inventory:adjust")
    body = parse_body(bp.current_request, AdjustmentIn)
    view, entry = get_container().inventory.adjust(sku, body.delta, body.reason, body.note, actor_of(member))
    return json_response({**_inventory_out(view), "entry": ledger_out(entry)}, 201)


@route(bp, "/admin/inventory/{sku}/ledger")
def ledger(sku: str) -> Response:
    from .schemas.inventory import ledger_out

    request = bp.current_request
    staff(request, "inventory:read")
    context = f"ledger|{sku}"
    limit, after = page_params(request, context)
    page = get_container().inventory.ledger(sku, limit, after)
    return json_response(page_body([ledger_out(e) for e in page.items], page.next_position, context))


@route(bp, "/admin/inventory/{sku}/shards", ("PUT",))
def set_stock_shards(sku: str) -> Response:
    """Split a hot SKU's available stock over ``count`` items (1: merge back; ADR 0025)."""
    from ..bootstrap_stock import stock_shards
    from .schemas.inventory import StockShardsIn

    staff(bp.current_request, "catalog:write")  # operations and admin
    body = parse_body(bp.current_request, StockShardsIn)
    return json_response(stock_shards().set_count(sku, body.count))
