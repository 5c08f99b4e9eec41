"""Customer care: `commerce tickets ...`, `commerce reports tickets`,
`commerce notifications list` and `commerce campaigns ...`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from .output import err, failures, show
from .state import JsonOption, api_of

tickets = typer.Typer(help="Customer-care tickets: the queue, replies, resolution, compensation.", no_args_is_help=True)
reports = typer.Typer(help="Reports: ticket first-response and breach figures by week.", no_args_is_help=True)
notifications = typer.Typer(help="What was sent to a customer (inbox, e-mail, SMS).", no_args_is_help=True)
campaigns = typer.Typer(help="Marketing campaigns: create a draft, send it once.", no_args_is_help=True)

LimitOption = Annotated[int, typer.Option(min=1, help="At most this many items (pages are followed).")]
TICKET_COLUMNS = ("id", "status", "category", "subject", "breached", "first_response_due_at", "assignee", "created_at")
MESSAGE_COLUMNS = ("author", "internal", "body", "created_at")
REPORT_COLUMNS = ("week", "category", "count", "median_first_response_minutes", "breach_rate", "average_rating")
SEND_COLUMNS = ("created_at", "channel", "kind", "status", "reason", "subject")
CAMPAIGN_COLUMNS = ("id", "name", "channel", "segment", "status", "created_at")


@tickets.command("list")
def list_tickets(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="open, answered, resolved or closed (default: all).")] = None,
    category: Annotated[str | None, typer.Option(help="complaint, question, logistics, after_sales or other.")] = None,
    breached: Annotated[
        bool | None, typer.Option("--breached/--not-breached", help="Only tickets past (or within) first response.")
    ] = None,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """Tickets newest first (the queue staff answer)."""
    params = {k: v for k, v in (("status", status), ("category", category)) if v}
    if breached is not None:
        params["breached"] = "true" if breached else "false"
    with failures(as_json):
        items = list(api_of(ctx).pages("/admin/tickets", params, limit))
        show(items, as_json, TICKET_COLUMNS, "tickets")


@tickets.command("show")
def show_ticket(ctx: typer.Context, ticket_id: str, as_json: JsonOption = False) -> None:
    """One ticket with its whole thread (internal notes included)."""
    with failures(as_json):
        ticket: dict[str, Any] = api_of(ctx).get(f"/admin/tickets/{ticket_id}")
    if as_json:
        show(ticket, True)
        return
    show(ticket, False, TICKET_COLUMNS)
    show(ticket.get("messages") or [], False, MESSAGE_COLUMNS, "messages")


@tickets.command("reply")
def reply_ticket(
    ctx: typer.Context,
    ticket_id: str,
    body: Annotated[str, typer.Argument(help="The message.")],
    internal: Annotated[bool, typer.Option("--internal", help="A note only staff see.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Answer the customer (or add an internal note with --internal)."""
    with failures(as_json):
        ticket = api_of(ctx).post(f"/admin/tickets/{ticket_id}/messages", {"body": body, "internal": internal})
        show(ticket, as_json, TICKET_COLUMNS)


@tickets.command("assign")
def assign_ticket(
    ctx: typer.Context,
    ticket_id: str,
    assignee: Annotated[str, typer.Argument(help="A person or a team.")],
    as_json: JsonOption = False,
) -> None:
    """Give the ticket to someone."""
    with failures(as_json):
        ticket = api_of(ctx).post(f"/admin/tickets/{ticket_id}/assign", {"assignee": assignee})
        show(ticket, as_json, TICKET_COLUMNS)


@tickets.command("resolve")
def resolve_ticket(
    ctx: typer.Context,
    ticket_id: str,
    resolution: Annotated[str, typer.Argument(help="How it was settled (told to the customer).")],
    as_json: JsonOption = False,
) -> None:
    """Resolve an open or answered ticket."""
    with failures(as_json):
        ticket = api_of(ctx).post(f"/admin/tickets/{ticket_id}/resolve", {"resolution": resolution})
        show(ticket, as_json, TICKET_COLUMNS)


@tickets.command("compensate")
def compensate_ticket(
    ctx: typer.Context,
    ticket_id: str,
    amount: Annotated[int, typer.Option(min=1, help="Coupon value in minor units (5000 = 50.00).")],
    reason: Annotated[str, typer.Option(help="Why (kept on the ticket).")],
    as_json: JsonOption = False,
) -> None:
    """Grant the ticket's customer a one-off coupon (once per ticket, within your cap)."""
    with failures(as_json):
        result: dict[str, Any] = api_of(ctx).post(
            f"/admin/tickets/{ticket_id}/compensate", {"amount": amount, "reason": reason}, idempotent=True
        )
    if as_json:
        show(result, True)
        return
    show(result.get("coupon") or {}, False, ("code", "amount_off", "ends_at"), "coupon granted")


@reports.command("tickets")
def ticket_report(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Last day (YYYY-MM-DD).")] = None,
    csv: Annotated[bool, typer.Option("--csv", help="The CSV export instead of a table.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="With --csv: write here.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Tickets by ISO week and category: count, median first response, breach rate, rating."""
    params = {k: v for k, v in (("from", since), ("to", until)) if v}
    if csv:
        with failures():
            text = api_of(ctx).send("GET", "/admin/reports/tickets/csv", params=params).text
        if output is None:
            typer.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
            err.print(f"ticket report written to {output}")
        return
    with failures(as_json):
        report: dict[str, Any] = api_of(ctx).get("/admin/reports/tickets", params)
    if as_json:
        show(report, True)
        return
    show(report.get("items") or [], False, REPORT_COLUMNS, f"tickets {report.get('from')} to {report.get('to')}")


@notifications.command("list")
def list_notifications(
    ctx: typer.Context,
    customer: Annotated[str, typer.Option("--customer", help="The customer's id (cus_...).")],
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """Every send record of one customer, newest first."""
    with failures(as_json):
        items = list(api_of(ctx).pages("/admin/notifications", {"customer_id": customer}, limit))
        show(items, as_json, SEND_COLUMNS, "notifications")


@campaigns.command("create")
def create_campaign(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Also the message's subject.")],
    message: Annotated[str, typer.Option(help="The text sent.")],
    channel: Annotated[str, typer.Option(help="in_app, email or sms.")] = "in_app",
    segment: Annotated[str | None, typer.Option(help="all (the only segment so far).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Create a campaign (a draft until sent)."""
    body: dict[str, Any] = {"name": name, "message": message, "channel": channel}
    if segment:
        body["segment"] = segment
    with failures(as_json):
        show(api_of(ctx).post("/admin/campaigns", body), as_json, CAMPAIGN_COLUMNS)


@campaigns.command("send")
def send_campaign(ctx: typer.Context, campaign_id: str, as_json: JsonOption = False) -> None:
    """Send a campaign once to every consenting customer (within the monthly cap)."""
    with failures(as_json):
        result = api_of(ctx).post(f"/admin/campaigns/{campaign_id}/send")
        show(result, as_json, ("sent", "capped", "opted_out", "failed"), "campaign sent")
