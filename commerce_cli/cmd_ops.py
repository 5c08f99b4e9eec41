"""Orders, jobs, settlements, staff keys and after-sales: `commerce orders ...` and the rest."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from .output import err, failures, show
from .state import JsonOption, api_of

orders = typer.Typer(help="Orders: list by status, show, review decisions.", no_args_is_help=True)
jobs = typer.Typer(help="Scheduled jobs, run on demand.", no_args_is_help=True)
settlements = typer.Typer(help="Daily settlement statements.", no_args_is_help=True)
keys = typer.Typer(help="Staff API keys (admin only).", no_args_is_help=True)
after_sales = typer.Typer(help="After-sale requests: returns, refunds, exchanges.", no_args_is_help=True)

LimitOption = Annotated[int, typer.Option(min=1, help="At most this many items (pages are followed).")]
ORDER_COLUMNS = ("id", "status", "payment_status", "total", "item_count", "created_at")
AFTER_SALE_COLUMNS = ("id", "order_id", "type", "reason", "status", "refund_amount", "refund_status")
STATEMENT_COLUMNS = ("business_date", "orders", "gross", "fees", "net", "line_count", "exceptions")


@orders.command("list")
def list_orders(
    ctx: typer.Context,
    status: Annotated[str, typer.Option(help="pending_payment, paid, fulfilling, shipped, ...")] = "paid",
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """Orders in one status, newest first."""
    with failures(as_json):
        items = list(api_of(ctx).pages("/admin/orders", {"status": status}, limit))
        show(items, as_json, ORDER_COLUMNS, f"{status} orders")


@orders.command("show")
def show_order(ctx: typer.Context, order_id: str, as_json: JsonOption = False) -> None:
    """One order in full (lines, payment, shipments, timeline), as JSON."""
    with failures(as_json):
        show(api_of(ctx).get(f"/admin/orders/{order_id}"), True)


@orders.command("approve")
def approve_order(ctx: typer.Context, order_id: str, as_json: JsonOption = False) -> None:
    """Release an order held for risk review to fulfillment."""
    with failures(as_json):
        show(api_of(ctx).post(f"/admin/orders/{order_id}/approve"), as_json, ORDER_COLUMNS[:4])


@orders.command("reject")
def reject_order(
    ctx: typer.Context,
    order_id: str,
    reason: Annotated[str | None, typer.Option(help="Kept on the order.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Reject an order held for review: it is cancelled and refunded."""
    body = {"reason": reason} if reason else {}
    with failures(as_json):
        show(api_of(ctx).post(f"/admin/orders/{order_id}/reject", body), as_json, ORDER_COLUMNS[:4])


@jobs.command("run")
def run_job(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="e.g. release_unpaid_orders, settle, scan_slas.")],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="RFC 3339 moment to run as of (later than now: local stage only).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Run a scheduled job now and print its summary."""
    body = {"as_of": as_of} if as_of else {}
    with failures(as_json):
        show(api_of(ctx).post(f"/admin/jobs/{name}/runs", body), True)


@settlements.command("list")
def list_statements(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option("--from", help="First business date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Last business date (YYYY-MM-DD).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Statement headers by business date (default: the last 30 days)."""
    params = {k: v for k, v in (("from", since), ("to", until)) if v}
    with failures(as_json):
        items = api_of(ctx).get("/admin/settlements", params).get("items", [])
        show(items, as_json, STATEMENT_COLUMNS, "statements")


@settlements.command("export")
def export_statement(
    ctx: typer.Context,
    day: Annotated[str, typer.Argument(help="Business date, YYYY-MM-DD.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """One day's statement as CSV (the finance export)."""
    with failures():
        text = api_of(ctx).send("GET", f"/admin/settlements/{day}/csv").text
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"statement of {day} written to {output}")


@keys.command("create")
def create_key(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Who or what uses the key.")],
    role: Annotated[list[str], typer.Option("--role", help="admin, operations, warehouse, finance, ... (repeat)")],
    as_json: JsonOption = False,
) -> None:
    """Create a staff API key; its secret is printed once."""
    with failures(as_json):
        created = api_of(ctx).post("/admin/api-keys", {"name": name, "roles": role})
    if as_json:
        show(created, True)
        return
    show(created, False, ("id", "name", "roles", "created_at"))
    typer.echo(f"key (shown once): {created['key']}")


@keys.command("list")
def list_keys(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Staff API keys (without their secrets)."""
    with failures(as_json):
        items = api_of(ctx).get("/admin/api-keys").get("items", [])
        show(items, as_json, ("id", "name", "roles", "created_at", "created_by"), "keys")


@after_sales.command("list")
def list_after_sales(
    ctx: typer.Context,
    status: Annotated[str, typer.Option(help="requested, approved, received, ...")] = "requested",
    type: Annotated[str | None, typer.Option("--type", help="return, refund_only or exchange.")] = None,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """After-sale requests in one status (the queue staff answer)."""
    params = {"status": status, **({"type": type} if type else {})}
    with failures(as_json):
        items = list(api_of(ctx).pages("/admin/after-sales", params, limit))
        show(items, as_json, AFTER_SALE_COLUMNS, f"{status} after-sales")


@after_sales.command("show")
def show_after_sale(ctx: typer.Context, after_sale_id: str, as_json: JsonOption = False) -> None:
    """One after-sale request in full, as JSON."""
    with failures(as_json):
        show(api_of(ctx).get(f"/admin/after-sales/{after_sale_id}"), True)


@after_sales.command("approve")
def approve_after_sale(ctx: typer.Context, after_sale_id: str, as_json: JsonOption = False) -> None:
    """Approve a request (a return then waits for the parcel; refund_only is refunded)."""
    with failures(as_json):
        result: Any = api_of(ctx).post(f"/admin/after-sales/{after_sale_id}/approve")
        show(result, as_json, AFTER_SALE_COLUMNS)


@after_sales.command("reject")
def reject_after_sale(
    ctx: typer.Context,
    after_sale_id: str,
    reason: Annotated[str, typer.Option(help="Told to the customer.")],
    as_json: JsonOption = False,
) -> None:
    """Reject a request, with the reason."""
    with failures(as_json):
        result: Any = api_of(ctx).post(f"/admin/after-sales/{after_sale_id}/reject", {"reason": reason})
        show(result, as_json, AFTER_SALE_COLUMNS)
