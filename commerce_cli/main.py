"""The `commerce` command (a console script of the project's virtualenv)."""

from __future__ import annotations

from typing import Annotated

import typer

from .cmd_care import campaigns, notifications, reports, tickets
from .cmd_catalog import inventory, products
from .cmd_content import media, slots
from .cmd_insights import experiments, kpis, segments
from .cmd_merch import promotions
from .cmd_ops import after_sales, jobs, keys, orders, settlements
from .cmd_purchasing import counts, purchase_orders, shards, suppliers
from .cmd_wallet import coupons, reviews
from .state import State

app = typer.Typer(
    help="Admin command line of the Commerce API: talks to any stage over HTTP with a staff API key.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(products, name="products")
app.add_typer(inventory, name="inventory")
app.add_typer(orders, name="orders")
app.add_typer(jobs, name="jobs")
app.add_typer(settlements, name="settlements")
app.add_typer(keys, name="keys")
app.add_typer(after_sales, name="after-sales")
app.add_typer(tickets, name="tickets")
app.add_typer(reports, name="reports")
app.add_typer(notifications, name="notifications")
app.add_typer(campaigns, name="campaigns")
app.add_typer(coupons, name="coupons")
app.add_typer(promotions, name="promotions")
app.add_typer(reviews, name="reviews")
app.add_typer(kpis, name="kpis")
app.add_typer(experiments, name="experiments")
app.add_typer(segments, name="segments")
app.add_typer(suppliers, name="suppliers")
app.add_typer(purchase_orders, name="po")
app.add_typer(counts, name="counts")
app.add_typer(shards, name="shards")
app.add_typer(media, name="media")
app.add_typer(slots, name="slots")


@app.callback()
def target(
    ctx: typer.Context,
    url: Annotated[str | None, typer.Option(help="API base URL (env COMMERCE_URL).")] = None,
    api_key: Annotated[str | None, typer.Option(help="Staff API key (env COMMERCE_API_KEY).")] = None,
    profile: Annotated[
        str | None, typer.Option(help="Profile in ~/.config/commerce/profiles.toml (env COMMERCE_PROFILE).")
    ] = None,
) -> None:
    """Target and key: --url/--api-key, else COMMERCE_URL/COMMERCE_API_KEY, else the profile."""
    if not isinstance(ctx.obj, State):
        ctx.obj = State()
    ctx.obj.url, ctx.obj.api_key, ctx.obj.profile = url, api_key, profile


def main() -> None:
    app()


if __name__ == "__main__":
    main()
