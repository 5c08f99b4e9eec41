"""Coupon wallets and reviews: `commerce coupons claim|wallet|grant|grant-status`
and `commerce reviews list|show|publish|hide|reply`."""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer

from .config import ConfigError
from .output import failures, show
from .state import JsonOption, api_of

coupons = typer.Typer(help="Coupon wallets: claim, list a wallet, grant to customers.", no_args_is_help=True)
reviews = typer.Typer(help="Review moderation: the queue, publish, hide, the merchant's reply.", no_args_is_help=True)

LimitOption = Annotated[int, typer.Option(min=1, help="At most this many items (pages are followed).")]
TokenOption = Annotated[
    str | None,
    typer.Option("--token", help="The customer's bearer token from /auth/login (env COMMERCE_CUSTOMER_TOKEN)."),
]
WALLET_COLUMNS = ("id", "status", "source", "amount_off", "percent_off", "min_spend", "ends_at", "granted_at")
GRANT_COLUMNS = ("id", "code", "status", "segment", "targeted", "granted", "skipped", "batches_done", "batches")
REVIEW_COLUMNS = ("id", "status", "order_id", "author", "service_rating", "logistics_rating", "created_at")
LINE_COLUMNS = ("sku", "title", "rating", "text")


def _customer_token(token: str | None) -> str:
    chosen = token or os.environ.get("COMMERCE_CUSTOMER_TOKEN")
    if not chosen:
        raise ConfigError("a customer route: pass --token or set COMMERCE_CUSTOMER_TOKEN")
    return chosen


@coupons.command("claim")
def claim_coupon(ctx: typer.Context, code: str, token: TokenOption = None, as_json: JsonOption = False) -> None:
    """Claim a claimable coupon into the customer's wallet (as the customer)."""
    with failures(as_json):
        entry = api_of(ctx).as_customer(_customer_token(token)).post(f"/coupons/{code}/claim")
        show(entry, as_json, WALLET_COLUMNS, "claimed")


@coupons.command("wallet")
def wallet(
    ctx: typer.Context,
    token: TokenOption = None,
    status: Annotated[str | None, typer.Option(help="usable, used or expired (default: all).")] = None,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """The customer's coupon wallet (as the customer)."""
    params = {"status": status} if status else {}
    with failures(as_json):
        items = list(api_of(ctx).as_customer(_customer_token(token)).pages("/me/coupons", params, limit))
        show(items, as_json, WALLET_COLUMNS, "wallet")


@coupons.command("grant")
def grant_coupon(
    ctx: typer.Context,
    code: str,
    customer: Annotated[list[str] | None, typer.Option("--customer", help="A customer id (repeat, ≤ 500).")] = None,
    segment: Annotated[str | None, typer.Option(help="An RFM segment (champions, loyal, at_risk, ...).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Put the coupon into customers' wallets (a job: follow it with grant-status)."""
    body: dict[str, Any] = {"customer_ids": list(customer or [])}
    if segment:
        body["segment"] = segment
    with failures(as_json):
        if not customer and not segment:
            raise ConfigError("name the customers: --customer (repeat) and/or --segment")
        show(api_of(ctx).post(f"/admin/coupons/{code}/grants", body), as_json, GRANT_COLUMNS, "grant")


@coupons.command("grant-status")
def grant_status(ctx: typer.Context, code: str, grant_id: str, as_json: JsonOption = False) -> None:
    """A grant job's progress (done once every batch is)."""
    with failures(as_json):
        show(api_of(ctx).get(f"/admin/coupons/{code}/grants/{grant_id}"), as_json, GRANT_COLUMNS, "grant")


@reviews.command("list")
def list_reviews(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="held (the queue), published or hidden (default: all).")] = None,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """Reviews newest first."""
    params = {"status": status} if status else {}
    with failures(as_json):
        items = list(api_of(ctx).pages("/admin/reviews", params, limit))
        show(items, as_json, REVIEW_COLUMNS, "reviews")


def _show_review(review: dict[str, Any], as_json: bool) -> None:
    if as_json:
        show(review, True)
        return
    show(review, False, REVIEW_COLUMNS)
    show(review.get("items") or [], False, LINE_COLUMNS, "lines")
    reply = review.get("reply")
    if isinstance(reply, dict):
        show(reply, False, ("body", "created_at", "edited_at"), "reply")


@reviews.command("show")
def show_review(ctx: typer.Context, review_id: str, as_json: JsonOption = False) -> None:
    """One review with its lines and the merchant's reply."""
    with failures(as_json):
        review = api_of(ctx).get(f"/admin/reviews/{review_id}")
    _show_review(review, as_json)


@reviews.command("publish")
def publish_review(ctx: typer.Context, review_id: str, as_json: JsonOption = False) -> None:
    """Publish a held or hidden review (it counts in the ratings again)."""
    with failures(as_json):
        review = api_of(ctx).post(f"/admin/reviews/{review_id}/publish")
    _show_review(review, as_json)


@reviews.command("hide")
def hide_review(
    ctx: typer.Context,
    review_id: str,
    reason: Annotated[str, typer.Option(help="Why (kept as hidden_reason).")],
    as_json: JsonOption = False,
) -> None:
    """Hide a held or published review (taken out of the ratings)."""
    with failures(as_json):
        review = api_of(ctx).post(f"/admin/reviews/{review_id}/hide", {"reason": reason})
    _show_review(review, as_json)


@reviews.command("reply")
def reply_review(
    ctx: typer.Context,
    review_id: str,
    body: Annotated[str, typer.Argument(help="The merchant's reply (a second call edits it).")],
    as_json: JsonOption = False,
) -> None:
    """The merchant's one reply, shown under the review."""
    with failures(as_json):
        review = api_of(ctx).post(f"/admin/reviews/{review_id}/reply", {"body": body})
    _show_review(review, as_json)
