"""`commerce products import|export` and `commerce inventory show|adjust`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .catalog_csv import CsvFormatError, export_rows, parse_catalog
from .importer import ImportReport, category_ids, import_catalog
from .output import err, failures, out, print_json, show
from .state import JsonOption, api_of

products = typer.Typer(help="Products: CSV import and export, history.", no_args_is_help=True)
inventory = typer.Typer(help="Stock levels and adjustments.", no_args_is_help=True)

CurrencyOption = Annotated[str, typer.Option(envvar="COMMERCE_CURRENCY", help="The store currency of the prices.")]


@products.command("import")
def import_products(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="The CSV to import.")],
    as_json: JsonOption = False,
    currency: CurrencyOption = "CNY",
    status: Annotated[str, typer.Option(help="Status of products created: draft or listed.")] = "draft",
) -> None:
    """Create or update products from a CSV (columns: product_key, title, category_slug,
    sku, specs, price, stock, weight_grams). A rerun of the same file changes nothing."""
    if status not in ("draft", "listed"):
        raise typer.BadParameter("draft or listed", param_hint="--status")
    with failures(as_json):
        try:
            plans, refused = parse_catalog(file.read_text(encoding="utf-8"), currency.upper())
        except (CsvFormatError, UnicodeDecodeError) as error:
            err.print(f"error: {file}: {error}", markup=False)
            raise typer.Exit(1) from error
        api = api_of(ctx)
        total = len(refused) + sum(len(p.skus) for p in plans)
        with Progress(
            TextColumn("importing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            disable=as_json,
        ) as progress:
            task = progress.add_task("rows", total=total)
            report = import_catalog(api, plans, refused, currency.upper(), status, lambda n: progress.advance(task, n))
    _report(report, as_json)
    if report.failed:
        raise typer.Exit(1)


def _report(report: ImportReport, as_json: bool) -> None:
    if as_json:
        print_json(report.as_json())
        return
    out.print(f"imported {report.imported} rows, unchanged {report.unchanged}, failed {len(report.failed)}")
    for failure in sorted(report.failed, key=lambda f: f.row):
        out.print(f"  row {failure.row}: {failure.error}", markup=False)


@products.command("export")
def export_products(
    ctx: typer.Context,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    status: Annotated[str, typer.Option(help="Products of this status: draft, listed or delisted.")] = "listed",
    currency: CurrencyOption = "CNY",
) -> None:
    """The catalog as an import CSV (product_key is the handle, else the product id; stock is on_hand)."""
    with failures():
        api = api_of(ctx)
        slugs = {v: k for k, v in category_ids(api).items()}
        views: list[dict[str, Any]] = []
        for summary in api.pages("/admin/products", {"status": status}):
            view = api.get(f"/admin/products/{summary['id']}")
            views.append({**view, "category_slug": slugs.get(view.get("category_id"), "")})
        text = export_rows(views, currency.upper())
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"{len(views)} products written to {output}")


@inventory.command("show")
def show_stock(ctx: typer.Context, sku: str, as_json: JsonOption = False) -> None:
    """A SKU's on_hand, reserved and available stock."""
    with failures(as_json):
        show(api_of(ctx).get(f"/admin/inventory/{sku}"), as_json, ("sku", "on_hand", "reserved", "available"))


@inventory.command("adjust")
def adjust(
    ctx: typer.Context,
    sku: str,
    delta: Annotated[int, typer.Option(help="Units to add (negative to remove), e.g. --delta -3.")],
    reason: Annotated[str, typer.Option(help="receiving, stock_count, damaged, lost, customer_return or correction.")],
    note: Annotated[str | None, typer.Option(help="Free text kept in the ledger.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Move a SKU's on_hand stock; the ledger keeps the reason."""
    body: dict[str, Any] = {"delta": delta, "reason": reason}
    if note is not None:
        body["note"] = note
    with failures(as_json):
        result = api_of(ctx).post(f"/admin/inventory/{sku}/adjustments", body)
        show(result, as_json, ("sku", "on_hand", "reserved", "available"))
