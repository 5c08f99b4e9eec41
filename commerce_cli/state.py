"""The target chosen on the command line, shared by every command through typer's context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated

import typer

from .client import ApiClient
from .config import Target, resolve

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of tables.")]


@dataclass
class State:
    url: str | None = None
    api_key: str | None = None
    profile: str | None = None
    # Tests swap this for a fake API.
    connect: Callable[[Target], ApiClient] = field(default=ApiClient)

    def api(self) -> ApiClient:
        return self.connect(resolve(self.url, self.api_key, self.profile))


def api_of(ctx: typer.Context) -> ApiClient:
    state = ctx.find_root().obj
    if not isinstance(state, State):  # pragma: no cover - main() always sets it
        state = State()
    return state.api()
