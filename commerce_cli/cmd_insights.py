"""KPIs, experiments and segments: `commerce kpis show`, `commerce experiments list|show|results|start|stop`
and `commerce segments show|customers`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from .output import err, failures, show
from .state import JsonOption, api_of

kpis = typer.Typer(help="Store KPIs by day, week or month (what aggregate_kpis stored).", no_args_is_help=True)
experiments = typer.Typer(help="A/B experiments on a product's price, image or title.", no_args_is_help=True)

KPI_COLUMNS = (
    "period",
    "uv",
    "pv",
    "orders",
    "paying_customers",
    "conversion_rate",
    "gmv",
    "aov",
    "refund_rate",
    "gross_margin_rate",
    "roi",
)
EXPERIMENT_COLUMNS = ("id", "name", "kind", "product_id", "status", "started_at", "stopped_at")
VARIANT_COLUMNS = ("key", "weight", "price", "image", "title")
RESULT_COLUMNS = ("key", "weight", "exposures", "orders", "revenue", "conversion_rate")


@kpis.command("show")
def show_kpis(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option("--from", help="First store day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Last store day (YYYY-MM-DD, default today).")] = None,
    granularity: Annotated[str, typer.Option(help="day, week or month.")] = "day",
    csv: Annotated[bool, typer.Option("--csv", help="The CSV export instead of a table.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="With --csv: write here.")] = None,
    as_json: JsonOption = False,
) -> None:
    """The KPIs of a range of store days: visitors, orders, conversion, GMV, margins, ROI."""
    params = {k: v for k, v in (("from", since), ("to", until)) if v}
    params["granularity"] = granularity
    if csv:
        with failures():
            text = api_of(ctx).send("GET", "/admin/reports/kpis", params={**params, "format": "csv"}).text
        if output is None:
            typer.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
            err.print(f"KPIs written to {output}")
        return
    with failures(as_json):
        report: dict[str, Any] = api_of(ctx).get("/admin/reports/kpis", params)
    if as_json:
        show(report, True)
        return
    title = f"KPIs by {report.get('granularity')} {report.get('from')} to {report.get('to')}"
    show(report.get("items") or [], False, KPI_COLUMNS, title)


@experiments.command("list")
def list_experiments(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Experiments newest first."""
    with failures(as_json):
        answer: dict[str, Any] = api_of(ctx).get("/admin/experiments")
        show(answer.get("items") or [], as_json, EXPERIMENT_COLUMNS, "experiments")


def _show_experiment(experiment: dict[str, Any], as_json: bool) -> None:
    if as_json:
        show(experiment, True)
        return
    show(experiment, False, EXPERIMENT_COLUMNS)
    show(experiment.get("variants") or [], False, VARIANT_COLUMNS, "variants")


@experiments.command("show")
def show_experiment(ctx: typer.Context, experiment_id: str, as_json: JsonOption = False) -> None:
    """One experiment and its variants."""
    with failures(as_json):
        experiment = api_of(ctx).get(f"/admin/experiments/{experiment_id}")
    _show_experiment(experiment, as_json)


@experiments.command("start")
def start_experiment(ctx: typer.Context, experiment_id: str, as_json: JsonOption = False) -> None:
    """Start a draft: the product serves the variants from now."""
    with failures(as_json):
        experiment = api_of(ctx).post(f"/admin/experiments/{experiment_id}/start")
    _show_experiment(experiment, as_json)


@experiments.command("stop")
def stop_experiment(ctx: typer.Context, experiment_id: str, as_json: JsonOption = False) -> None:
    """Stop a running experiment: the control is served again."""
    with failures(as_json):
        experiment = api_of(ctx).post(f"/admin/experiments/{experiment_id}/stop")
    _show_experiment(experiment, as_json)


@experiments.command("results")
def experiment_results(ctx: typer.Context, experiment_id: str, as_json: JsonOption = False) -> None:
    """Exposures, orders, revenue and conversion per variant, with the sample-ratio check."""
    with failures(as_json):
        results: dict[str, Any] = api_of(ctx).get(f"/admin/experiments/{experiment_id}/results")
    if as_json:
        show(results, True)
        return
    show(results.get("variants") or [], False, RESULT_COLUMNS, f"results of {experiment_id} ({results.get('status')})")
    verdict = "SAMPLE RATIO MISMATCH: do not trust these numbers" if results.get("srm") else "split as weighted"
    typer.echo(f"chi-square {results.get('chi_square')}, p = {results.get('p_value')}: {verdict}")


segments = typer.Typer(help="RFM segments: customers per segment, a segment's customers.", no_args_is_help=True)


@segments.command("show")
def show_segments(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """How many customers each segment held at the last score_rfm run."""
    with failures(as_json):
        answer: dict[str, Any] = api_of(ctx).get("/admin/segments")
    if as_json:
        show(answer, True)
        return
    rows = [{"segment": name, "customers": count} for name, count in (answer.get("segments") or {}).items()]
    show(rows, False, ("segment", "customers"), f"segments scored on {answer.get('scored_on') or 'never'}")


@segments.command("customers")
def segment_customers(
    ctx: typer.Context,
    segment: Annotated[str, typer.Argument(help="champions, loyal, potential, new, at_risk, cant_lose, ...")],
    q: Annotated[str | None, typer.Option("--q", help="Only e-mails or names starting with this.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many customers.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """A segment's customers, biggest spenders first (a target for coupons grant --segment)."""
    params = {"segment": segment, **({"q": q} if q else {})}
    with failures(as_json):
        items = list(api_of(ctx).pages("/admin/customers", params, limit))
        show(items, as_json, ("id", "email", "name", "created_at"), f"{segment} customers")
