"""Purchasing and stock: `commerce suppliers ...`, `commerce po ...`, `commerce counts ...`
(cycle counts) and `commerce shards set|rebalance` (stock shards of a hot SKU)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from .config import ConfigError
from .output import failures, show
from .state import JsonOption, api_of

suppliers = typer.Typer(help="Suppliers: create, list, show.", no_args_is_help=True)
purchase_orders = typer.Typer(help="Purchase orders: draft, order, receive, cancel, close.", no_args_is_help=True)
counts = typer.Typer(
    help="Cycle counts: open a sheet, submit what was counted, the variance report.", no_args_is_help=True
)
shards = typer.Typer(help="Stock shards of a hot SKU: split, merge, rebalance.", no_args_is_help=True)

LimitOption = Annotated[int, typer.Option(min=1, help="At most this many items (pages are followed).")]
ReasonOption = Annotated[str | None, typer.Option(help="Why (kept in the order's history).")]
SUPPLIER_COLUMNS = ("id", "name", "lead_time_days", "contact", "created_at")
PO_COLUMNS = ("id", "supplier_id", "status", "total", "currency", "created_by", "created_at", "updated_at")
PO_LINE_COLUMNS = ("sku", "quantity", "unit_cost", "received")
SHEET_COLUMNS = ("id", "status", "abc_class", "business_date", "created_at")
COUNT_LINE_COLUMNS = ("sku", "expected", "counted", "variance", "variance_pct", "adjusted", "error")
SHARD_COLUMNS = ("sku", "stock_shards", "on_hand", "reserved", "available")


def parse_lines(values: list[str], names: tuple[str, ...]) -> list[dict[str, Any]]:
    """`SKU:QTY[:COST]` options as request lines (numbers as integers); a malformed one is a usage error."""
    lines = []
    for value in values:
        parts = value.rsplit(":", len(names) - 1)
        if len(parts) != len(names) or not all(parts) or not all(p.isdigit() for p in parts[1:]):
            raise ConfigError(f"--line {value!r}: expected {':'.join(n.upper() for n in names)} (whole numbers)")
        lines.append({names[0]: parts[0], **{n: int(p) for n, p in zip(names[1:], parts[1:], strict=True)}})
    return lines


@suppliers.command("create")
def create_supplier(
    ctx: typer.Context,
    name: str,
    lead_time_days: Annotated[int, typer.Option(min=0, max=365, help="Days from order to delivery.")],
    email: Annotated[str | None, typer.Option(help="The contact's e-mail.")] = None,
    phone: Annotated[str | None, typer.Option(help="The contact's phone.")] = None,
    contact_name: Annotated[str | None, typer.Option("--contact", help="The contact's name.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Add a supplier."""
    body: dict[str, Any] = {"name": name, "lead_time_days": lead_time_days}
    contact = {k: v for k, v in (("name", contact_name), ("email", email), ("phone", phone)) if v}
    if contact:
        body["contact"] = contact
    with failures(as_json):
        show(api_of(ctx).post("/admin/suppliers", body), as_json, SUPPLIER_COLUMNS)


@suppliers.command("list")
def list_suppliers(ctx: typer.Context, limit: LimitOption = 100, as_json: JsonOption = False) -> None:
    """Suppliers by id."""
    with failures(as_json):
        show(list(api_of(ctx).pages("/admin/suppliers", None, limit)), as_json, SUPPLIER_COLUMNS, "suppliers")


@suppliers.command("show")
def show_supplier(ctx: typer.Context, supplier_id: str, as_json: JsonOption = False) -> None:
    """One supplier."""
    with failures(as_json):
        show(api_of(ctx).get(f"/admin/suppliers/{supplier_id}"), as_json, SUPPLIER_COLUMNS)


def _show_po(order: dict[str, Any], as_json: bool) -> None:
    if as_json:
        show(order, True)
        return
    show(order, False, PO_COLUMNS)
    show(order.get("lines") or [], False, PO_LINE_COLUMNS, "lines")


@purchase_orders.command("create")
def create_po(
    ctx: typer.Context,
    supplier: Annotated[str, typer.Option(help="The supplier's id (sup_...).")],
    line: Annotated[list[str], typer.Option(help="SKU:QUANTITY:UNIT_COST (minor units); repeat, 1-50.")],
    as_json: JsonOption = False,
) -> None:
    """Draft a purchase order."""
    with failures(as_json):
        body = {"supplier_id": supplier, "lines": parse_lines(line, ("sku", "quantity", "unit_cost"))}
        order = api_of(ctx).post("/admin/purchase-orders", body)
    _show_po(order, as_json)


@purchase_orders.command("list")
def list_pos(
    ctx: typer.Context,
    status: Annotated[
        str, typer.Option(help="draft, ordered, partially_received, received, closed or cancelled.")
    ] = "draft",
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """Purchase orders of one status, newest first."""
    with failures(as_json):
        items = list(api_of(ctx).pages("/admin/purchase-orders", {"status": status}, limit))
        show(items, as_json, PO_COLUMNS, f"{status} purchase orders")


@purchase_orders.command("show")
def show_po(ctx: typer.Context, po_id: str, as_json: JsonOption = False) -> None:
    """One purchase order with its lines (ordered and received)."""
    with failures(as_json):
        order = api_of(ctx).get(f"/admin/purchase-orders/{po_id}")
    _show_po(order, as_json)


def _move(ctx: typer.Context, po_id: str, action: str, reason: str | None, as_json: bool) -> None:
    with failures(as_json):
        order = api_of(ctx).post(f"/admin/purchase-orders/{po_id}/{action}", {"reason": reason} if reason else {})
    _show_po(order, as_json)


@purchase_orders.command("submit")
def submit_po(ctx: typer.Context, po_id: str, reason: ReasonOption = None, as_json: JsonOption = False) -> None:
    """Send a draft to the supplier (draft -> ordered)."""
    _move(ctx, po_id, "order", reason, as_json)


@purchase_orders.command("cancel")
def cancel_po(ctx: typer.Context, po_id: str, reason: ReasonOption = None, as_json: JsonOption = False) -> None:
    """Cancel a draft or ordered purchase order."""
    _move(ctx, po_id, "cancel", reason, as_json)


@purchase_orders.command("close")
def close_po(ctx: typer.Context, po_id: str, reason: ReasonOption = None, as_json: JsonOption = False) -> None:
    """Close a partially received order: what is missing will not come."""
    _move(ctx, po_id, "close", reason, as_json)


@purchase_orders.command("receive")
def receive_po(
    ctx: typer.Context,
    po_id: str,
    receipt_id: Annotated[str, typer.Option(help="Your id of this delivery (the same id again adds nothing).")],
    line: Annotated[list[str], typer.Option(help="SKU:QUANTITY received; repeat, 1-20.")],
    as_json: JsonOption = False,
) -> None:
    """Record a delivery: stock is added and the order's received quantities move."""
    with failures(as_json):
        body = {"receipt_id": receipt_id, "lines": parse_lines(line, ("sku", "quantity"))}
        receipt: dict[str, Any] = api_of(ctx).post(f"/admin/purchase-orders/{po_id}/receipts", body)
    if as_json:
        show(receipt, True)
        return
    state = "replayed: nothing added" if receipt.get("replayed") else "recorded"
    typer.echo(f"receipt {receipt.get('receipt_id')} {state}")
    _show_po(receipt.get("purchase_order") or {}, False)


def _show_sheet(sheet: dict[str, Any], as_json: bool) -> None:
    if as_json:
        show(sheet, True)
        return
    show(sheet, False, SHEET_COLUMNS)
    show(sheet.get("lines") or [], False, COUNT_LINE_COLUMNS, "lines")
    variance = sheet.get("variance")
    if isinstance(variance, dict):
        show(variance, False, ("expected_units", "absolute_units", "net_units", "pct", "within_target"), "variance")


@counts.command("create")
def create_sheet(
    ctx: typer.Context,
    sku: Annotated[list[str] | None, typer.Option(help="A SKU to count (repeat).")] = None,
    abc_class: Annotated[str | None, typer.Option("--class", help="A, B or C: that class's SKUs.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Open a count sheet of some SKUs, or of an ABC class."""
    with failures(as_json):
        if bool(sku) == bool(abc_class):
            raise ConfigError("name either --sku (repeat) or --class")
        body: dict[str, Any] = {"skus": sku} if sku else {"abc_class": abc_class}
        sheet = api_of(ctx).post("/admin/cycle-counts", body)
    _show_sheet(sheet, as_json)


@counts.command("list")
def list_sheets(ctx: typer.Context, limit: LimitOption = 50, as_json: JsonOption = False) -> None:
    """Count sheets newest first."""
    with failures(as_json):
        show(list(api_of(ctx).pages("/admin/cycle-counts", None, limit)), as_json, SHEET_COLUMNS, "count sheets")


@counts.command("show")
def show_sheet(ctx: typer.Context, sheet_id: str, as_json: JsonOption = False) -> None:
    """One count sheet with its lines."""
    with failures(as_json):
        sheet = api_of(ctx).get(f"/admin/cycle-counts/{sheet_id}")
    _show_sheet(sheet, as_json)


@counts.command("submit")
def submit_sheet(
    ctx: typer.Context,
    sheet_id: str,
    line: Annotated[list[str], typer.Option(help="SKU:COUNTED; repeat.")],
    as_json: JsonOption = False,
) -> None:
    """Submit what was counted (once): each difference becomes a stock adjustment."""
    with failures(as_json):
        body = {"lines": parse_lines(line, ("sku", "counted"))}
        sheet = api_of(ctx).post(f"/admin/cycle-counts/{sheet_id}/results", body)
    _show_sheet(sheet, as_json)


@counts.command("report")
def count_report(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Variance of the sheets submitted among the last 100, overall and by class."""
    with failures(as_json):
        report: dict[str, Any] = api_of(ctx).get("/admin/cycle-counts/report")
    if as_json:
        show(report, True)
        return
    columns = ("expected_units", "absolute_units", "net_units", "pct", "within_target")
    typer.echo(f"target {report.get('target_pct')} %, {report.get('sheets')} sheet(s)")
    show(report.get("overall") or {}, False, columns, "overall")
    by_class = report.get("by_class") or {}
    rows = [{"class": name, **figures} for name, figures in by_class.items() if isinstance(figures, dict)]
    show(rows, False, ("class", *columns), "by class")


@shards.command("set")
def set_shards(
    ctx: typer.Context,
    sku: str,
    count: Annotated[int, typer.Argument(min=1, max=32, help="1 merges; the current count rebalances.")],
    as_json: JsonOption = False,
) -> None:
    """Split a SKU's available stock over COUNT shards (1: merge back)."""
    with failures(as_json):
        levels: dict[str, Any] = api_of(ctx).put(f"/admin/inventory/{sku}/shards", {"count": count})
    if as_json:
        show(levels, True)
        return
    show(levels, False, SHARD_COLUMNS)
    show(levels.get("shards") or [], False, ("shard", "available"), "shards")


@shards.command("rebalance")
def rebalance_shards(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Even every sharded SKU out now (the rebalance_stock_shards job, run on demand)."""
    with failures(as_json):
        show(api_of(ctx).post("/admin/jobs/rebalance_stock_shards/runs", {}), True)
