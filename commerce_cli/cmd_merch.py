"""Merchandising: `commerce promotions list|show|create|end|report`, the coupon
budget commands `commerce coupons report|set-budget`, and a presale order's
balance `commerce orders pay-balance` (ADRs 0026 to 0028)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from .cmd_ops import ORDER_COLUMNS, orders
from .cmd_wallet import TokenOption, _customer_token, coupons
from .config import ConfigError
from .output import failures, money, out, show
from .state import JsonOption, api_of

promotions = typer.Typer(
    help="Promotions: list, show, create from a JSON body, end, and the report.", no_args_is_help=True
)

LimitOption = Annotated[int, typer.Option(min=1, help="At most this many items (pages are followed).")]
PROMOTION_COLUMNS = ("id", "name", "type", "state", "owner", "budget_left")
REPORT_ROWS = ("orders", "units", "gmv", "discount", "refunds", "budget", "spent", "budget_left", "as_of", "read_at")
BALANCE_COLUMNS = ("payment_intent_id", "status", "client_secret")


def _read_body(file: Path) -> dict[str, Any]:
    try:
        body = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigError(f"cannot read {file}: {error}") from error
    if not isinstance(body, dict):
        raise ConfigError(f"{file}: the body must be a JSON object")
    return body


def _money_arg(text: str) -> dict[str, Any]:
    """``120.00 CNY`` or ``12000 CNY`` (minor units when there is no point) as money."""
    parts = text.split()
    if len(parts) != 2 or not parts[1].isalpha():
        raise ConfigError(f"a budget is an amount and a currency, e.g. '500.00 CNY': not {text!r}")
    amount, currency = parts[0], parts[1].upper()
    places = 0 if currency in ("JPY", "KRW") else 2
    try:
        minor = round(float(amount) * 10**places) if "." in amount else int(amount) * 10**places
    except ValueError as error:
        raise ConfigError(f"not an amount: {amount!r}") from error
    return {"amount": minor, "currency": currency}


def _show_report(report: dict[str, Any], as_json: bool, title: str) -> None:
    if as_json:
        show(report, True)
        return
    out.print(title + (f" (owner {report['owner']})" if report.get("owner") else ""))
    for name in REPORT_ROWS:
        value = report.get(name)
        if name == "refunds" and isinstance(value, dict):
            text = f"{value.get('count', 0)} refund(s), {money(value.get('amount'))}"
        else:
            text = money(value) if isinstance(value, dict) else ("–" if value is None else str(value))
        out.print(f"  {name:<12} {text}")


@promotions.command("list")
def list_promotions(ctx: typer.Context, limit: LimitOption = 50, as_json: JsonOption = False) -> None:
    """Every promotion, newest first, with its owner and what is left of its budget."""
    with failures(as_json):
        items = list(api_of(ctx).pages("/admin/promotions", None, limit))
        show(items, as_json, PROMOTION_COLUMNS, "promotions")


@promotions.command("show")
def show_promotion(ctx: typer.Context, promotion_id: str, as_json: JsonOption = False) -> None:
    """One promotion in full, as JSON."""
    with failures(as_json):
        show(api_of(ctx).get(f"/admin/promotions/{promotion_id}"), True)


@promotions.command("create")
def create_promotion(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Option(
            "--file", exists=True, dir_okay=False, readable=True, help="The JSON body of POST /admin/promotions."
        ),
    ],
    as_json: JsonOption = False,
) -> None:
    """Create a promotion of any type (presale, bundle, gift_with_purchase, lucky_bag,
    first_n, flash_sale with members_only, ...) from its JSON body."""
    with failures(as_json):
        body = _read_body(file)
        show(api_of(ctx).post("/admin/promotions", body), as_json, PROMOTION_COLUMNS)


@promotions.command("end")
def end_promotion(ctx: typer.Context, promotion_id: str, as_json: JsonOption = False) -> None:
    """End a scheduled or running promotion now."""
    with failures(as_json):
        show(api_of(ctx).post(f"/admin/promotions/{promotion_id}/end"), as_json, PROMOTION_COLUMNS)


@promotions.command("report")
def promotion_report(ctx: typer.Context, promotion_id: str, as_json: JsonOption = False) -> None:
    """A promotion's paid orders, units, GMV, discount given, refunds and budget left."""
    with failures(as_json):
        report = api_of(ctx).get(f"/admin/promotions/{promotion_id}/report")
    _show_report(report, as_json, f"promotion {promotion_id}")


@coupons.command("report")
def coupon_report(ctx: typer.Context, code: str, as_json: JsonOption = False) -> None:
    """A coupon's paid orders, units, GMV, discount given, refunds and budget left."""
    with failures(as_json):
        report = api_of(ctx).get(f"/admin/coupons/{code}/report")
    _show_report(report, as_json, f"coupon {code.upper()}")


@coupons.command("set-budget")
def set_coupon_budget(
    ctx: typer.Context,
    code: str,
    budget: Annotated[
        str | None, typer.Option(help="'500.00 CNY' (or 'none' to remove it); left out: unchanged.")
    ] = None,
    owner: Annotated[str | None, typer.Option(help="Who runs it ('none' to remove); left out: unchanged.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Change a coupon's budget and owner (PATCH: nothing else of a coupon changes)."""
    with failures(as_json):
        body: dict[str, Any] = {}
        if budget is not None:
            body["budget"] = None if budget.lower() == "none" else _money_arg(budget)
        if owner is not None:
            body["owner"] = None if owner.lower() == "none" else owner
        if not body:
            raise ConfigError("nothing to change: pass --budget and/or --owner")
        coupon = api_of(ctx).patch(f"/admin/coupons/{code}", body)
        show(coupon, as_json, ("code", "owner", "budget", "spent", "budget_left", "used", "ends_at"))


@orders.command("pay-balance")
def pay_balance(ctx: typer.Context, order_id: str, token: TokenOption = None, as_json: JsonOption = False) -> None:
    """Ask for a presale order's balance payment (as the customer, with an Idempotency-Key):
    prints the PaymentIntent to confirm with Stripe."""
    with failures(as_json):
        answer = (
            api_of(ctx)
            .as_customer(_customer_token(token))
            .post(f"/orders/{order_id}/balance-payment", {}, idempotent=True)
        )
    if as_json:
        show(answer, True)
        return
    order = answer.get("order") or {}
    show(order, False, ORDER_COLUMNS[:4])
    presale = order.get("presale") or {}
    out.print(f"balance {money(presale.get('balance'))}, due by {presale.get('balance_ends_at') or '–'}")
    show(answer.get("payment") or {}, False, BALANCE_COLUMNS)
