"""Staff (finance): settlement statements, with their lines, and a CSV export."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from ..domain.errors import FieldError, NotFound, ValidationFailed
from .http import json_response, route, staff

if TYPE_CHECKING:  # for annotations only: kept out of the cold import
    from ..domain.settlement import Line

bp = Blueprint(__name__)
MONEY = ("gross", "discounts", "shipping", "refunds", "fees", "net")
MAX_RANGE_DAYS = 366


def _date(text: str | None, field: str) -> date:
    """A business date, YYYY-MM-DD in the years 1970 to 9999 (the range of request times:
    a range computed back from 0001-01-05 would overflow)."""
    from .schemas.common import MIN_YEAR

    try:
        day = date.fromisoformat(text or "")
        if day.year < MIN_YEAR:
            raise ValueError(text)
        return day
    except ValueError:
        raise ValidationFailed(
            "Dates are YYYY-MM-DD.", [FieldError(field, "invalid_date", "A business date, e.g. 2026-11-21.")]
        ) from None


def _header_out(h: dict[str, Any]) -> dict[str, Any]:
    from .schemas.common import money, ts

    c = h["currency"]
    return {
        "business_date": h["business_date"],
        "currency": c,
        **{name: money(int(h[name]), c) for name in MONEY},
        "orders": h["orders"],
        "adjustments": h["adjustments"],
        "line_count": h["line_count"],
        "exceptions": h["exceptions"],
        "generated_at": ts(h["generated_at"]),
    }


def _line_out(line: Line, currency: str) -> dict[str, Any]:
    from .schemas.common import money

    return {
        "order_id": line.order_id,
        "kind": line.kind,
        "order_status": line.order_status,
        **{name: money(int(getattr(line, name)), currency) for name in MONEY},
        "fee_source": line.fee_source,
        "mismatch": line.mismatch,
    }


def _decimal(minor: int) -> str:
    """Minor units as a decimal amount (two-decimal currencies), exactly."""
    return f"{Decimal(minor).scaleb(-2):.2f}"


def _statement(day_text: str) -> tuple[dict[str, Any], list[Line]]:
    staff(bp.current_request, "settlements:read")
    day = _date(day_text, "date")
    found = get_container().settlements.statement(day)
    if found is None:
        raise NotFound(f"No statement for {day.isoformat()}.")
    return found


@route(bp, "/admin/settlements")
def list_statements() -> Response:
    request = bp.current_request
    staff(request, "settlements:read")
    params: Mapping[str, str] = request.query_params or {}
    container = get_container()
    today = container.clock.now().date()
    last = _date(params["to"], "to") if params.get("to") else today
    first = _date(params["from"], "from") if params.get("from") else last - timedelta(days=30)
    if first > last or (last - first).days > MAX_RANGE_DAYS:
        raise ValidationFailed(
            "Bad date range.", [FieldError("from", "invalid_range", f"from <= to, at most {MAX_RANGE_DAYS} days.")]
        )
    return json_response({"items": [_header_out(h) for h in container.settlements.statements(first, last)]})


@route(bp, "/admin/settlements/{day}")
def get_statement(day: str) -> Response:
    header, lines = _statement(day)
    return json_response({**_header_out(header), "lines": [_line_out(line, header["currency"]) for line in lines]})


@route(bp, "/admin/settlements/{day}/csv")
def export_statement(day: str) -> Response:
    header, lines = _statement(day)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["business_date", "order_id", "kind", "order_status", *MONEY, "currency", "fee_source", "mismatch"])
    for line in lines:
        amounts = [_decimal(int(getattr(line, name))) for name in MONEY]
        mismatch = f"ours={line.mismatch['ours']} stripe={line.mismatch['stripe']}" if line.mismatch else ""
        writer.writerow(
            [
                header["business_date"],
                line.order_id,
                line.kind,
                line.order_status,
                *amounts,
                header["currency"],
                line.fee_source,
                mismatch,
            ]
        )
    totals = [_decimal(int(header[name])) for name in MONEY]
    writer.writerow([header["business_date"], "TOTAL", "", "", *totals, header["currency"], "", ""])
    return Response(
        body=out.getvalue(),
        status_code=200,
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="settlement-{header["business_date"]}.csv"',
        },
    )
