"""What the commands print: JSON for scripts (`--json`), tables and summaries for
people, and problem+json errors with their code, detail and field errors."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from .client import ApiError
from .config import ConfigError

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def print_json(data: Any) -> None:
    """Plain JSON on stdout (no colours, no wrapping): safe to pipe into jq."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def money(value: Any) -> str:
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    amount, currency = int(value.get("amount", 0)), str(value.get("currency", ""))
    places = 0 if currency in ("JPY", "KRW") else 2
    return f"{amount / 10**places:.{places}f} {currency}".strip()


def cell(value: Any) -> str:
    if isinstance(value, dict) and "amount" in value:
        return money(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None = None) -> None:
    if not rows:
        out.print(f"no {title or 'items'}")
        return
    grid = Table(title=title, title_justify="left")
    for index, column in enumerate(columns):
        # The first column is the id to copy into the next command: never cut short.
        widest = max(len(cell(row.get(column))) for row in rows) if index == 0 else None
        grid.add_column(column, no_wrap=index == 0, min_width=widest)
    for row in rows:
        grid.add_row(*(cell(row.get(c)) for c in columns))
    out.print(grid)


def show(data: Any, as_json: bool, columns: Sequence[str] = (), title: str | None = None) -> None:
    """One resource or a list: JSON, or a table of ``columns`` (or indented JSON)."""
    if as_json or not columns:
        print_json(data)
    elif isinstance(data, list):
        table(data, columns, title)
    else:
        table([data], columns, title)


def problem_lines(error: ApiError) -> list[str]:
    lines = [f"error: {error.code}" + (f" (HTTP {error.status})" if error.status else "")]
    if error.detail:
        lines.append(f"  {error.detail}")
    for field in error.field_errors:
        lines.append(f"  - {field.get('field')}: {field.get('code')}: {field.get('message', '')}".rstrip(": "))
    extra = {k: v for k, v in error.problem.items() if k not in ("type", "title", "status", "detail", "code", "errors")}
    for name, value in extra.items():
        lines.append(f"  {name}: {json.dumps(value, ensure_ascii=False)}")
    return lines


@contextmanager
def failures(as_json: bool = False) -> Iterator[None]:
    """API errors exit 1 (their problem+json shown); usage errors exit 2."""
    try:
        yield
    except ConfigError as error:
        err.print(f"usage: {error}")
        raise typer.Exit(2) from error
    except ApiError as error:
        if as_json:
            print_json({"error": error.problem, "status": error.status})
        for line in problem_lines(error):
            err.print(line, markup=False)
        raise typer.Exit(1) from error
