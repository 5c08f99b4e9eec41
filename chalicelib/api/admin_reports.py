"""Staff: the KPI report (JSON, CSV or an SVG line chart) and marketing spend (ADR 0021)."""

from __future__ import annotations

from datetime import date, timedelta

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from ..domain.errors import FieldError, ValidationFailed
from .http import actor_of, date_param, json_response, parse_body, query_param, route, staff

bp = Blueprint(__name__)
DEFAULT_DAYS = 30
FORMATS = ("json", "csv", "svg")


def _date(name: str, default: date) -> date:
    return date_param(bp.current_request, name, default)


def _choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = query_param(bp.current_request, name) or default
    if value not in choices:
        raise ValidationFailed(
            f"Unknown {name}.", [FieldError(name, "invalid_choice", f"One of {', '.join(choices)}.")]
        )
    return value


@route(bp, "/admin/reports/kpis")
def kpis() -> Response:
    from ..domain.charts import line_chart
    from ..domain.kpis import GRANULARITIES, METRICS, MONEY_METRICS, RATE_METRICS, to_csv
    from .schemas.common import money

    staff(bp.current_request, "reports:read")
    container = get_container()
    service = container.analytics.kpis
    granularity = _choice("granularity", GRANULARITIES, "day")
    form = _choice("format", FORMATS, "json")
    metric = _choice("metric", METRICS, "gmv")
    last = _date("to", service.today())
    first = _date("from", last - timedelta(days=DEFAULT_DAYS - 1))
    rows = service.report(first, last, granularity)
    currency = container.settings.currency
    name = f"kpis-{granularity}-{first.isoformat()}-{last.isoformat()}"
    if form == "csv":
        return Response(
            body=to_csv(rows, currency),
            status_code=200,
            headers={
                "Content-Type": "text/csv; charset=utf-8",
                "Content-Disposition": f'attachment; filename="{name}.csv"',
            },
        )
    if form == "svg":
        in_money = metric in MONEY_METRICS
        values = [None if r[metric] is None else (r[metric] / 100 if in_money else r[metric]) for r in rows]
        unit = currency if in_money else ("ratio" if metric in RATE_METRICS else "count")
        title = f"{metric} by {granularity}, {first.isoformat()} to {last.isoformat()}"
        chart = line_chart(title, [r["period"] for r in rows], values, f"{metric} ({unit})")
        return Response(body=chart, status_code=200, headers={"Content-Type": "image/svg+xml; charset=utf-8"})
    items = [{k: (money(v, currency) if k in MONEY_METRICS else v) for k, v in r.items()} for r in rows]
    return json_response(
        {"from": first.isoformat(), "to": last.isoformat(), "granularity": granularity, "items": items}
    )


@route(bp, "/admin/marketing-spend", ("POST",))
def add_spend() -> Response:
    from .schemas.analytics import MarketingSpendIn, spend_out

    member = staff(bp.current_request, "marketing_spend:write")
    body = parse_body(bp.current_request, MarketingSpendIn)
    entry = get_container().analytics.kpis.add_spend(
        body.date, body.channel, body.amount.amount, body.amount.currency, body.campaign, actor_of(member)
    )
    return json_response(spend_out(entry), status=201)


@route(bp, "/admin/reports/products")
def product_health() -> Response:
    from ..domain.product_health import FLAGS, week_of_label
    from .http import page_body, page_params

    staff(bp.current_request, "product_health:read")
    flag = _choice("flag", FLAGS, "low_conversion")
    form = _choice("format", ("json", "csv"), "json")
    week = query_param(bp.current_request, "week")
    if week is not None:
        try:
            week_of_label(week)
        except ValueError:
            raise ValidationFailed(
                "Weeks are ISO weeks.", [FieldError("week", "invalid_week", "An ISO week, e.g. 2026-W49.")]
            ) from None
    context = f"product-health:{flag}:{week or ''}"
    limit, after = page_params(bp.current_request, context)
    chosen, page = get_container().analytics.product_health.report(flag, week, limit, after)
    items = [
        {
            "product_id": f.product_id,
            "title": f.title,
            "flag": f.flag,
            "week": f.week,
            "figures": f.figures,
            "suggestion": f.suggestion,
        }
        for f in page.items
    ]
    if form == "csv":
        from ..domain.product_health import to_csv

        headers: dict[str, str | list[str]] = {"Content-Type": "text/csv; charset=utf-8"}
        headers["Content-Disposition"] = f'attachment; filename="products-{flag}-{chosen or "none"}.csv"'
        if page.next_position is not None:
            headers["X-Next-Cursor"] = page_body([], page.next_position, context)["next_cursor"]
        return Response(body=to_csv(page.items), status_code=200, headers=headers)
    return json_response({"flag": flag, "week": chosen, **page_body(items, page.next_position, context)})
