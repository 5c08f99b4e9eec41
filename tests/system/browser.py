"""Headless Chromium for the browser tests: Debian's `chromium` package
(/usr/bin/chromium; `make test` installs it) driven by Playwright, each test
with a fresh profile. Screenshots go to tests/artifacts/ (git-ignored)."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("COMMERCE_CHROMIUM") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_page(request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]) -> Iterator[Any]:
    """A page in a fresh Chromium profile; console errors and failed requests
    are collected on ``page.problems``; ``page.shot(name)`` saves a screenshot."""
    from playwright.sync_api import sync_playwright

    from localdev.pages import BUNDLE

    assert BUNDLE.is_file(), f"{BUNDLE} is missing: the pages load the client from it; run `make client`"
    profile = tempfile.mkdtemp(prefix="commerce-chromium-")
    started = time.monotonic()
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=ARGS, viewport={"width": 1280, "height": 900}
        )
        page = context.pages[0] if context.pages else context.new_page()
        page.set_default_timeout(15_000)
        problems: list[str] = []
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        shots: list[Path] = []

        def shot(name: str) -> Path:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            path = ARTIFACTS / f"{request.node.name}-{len(shots) + 1:02d}-{name}.png"
            page.screenshot(path=str(path), full_page=True)
            shots.append(path)
            return path

        page.problems = problems
        page.shot = shot
        try:
            yield page
        finally:
            try:
                shot("last")  # the page as the test left it (or as it failed)
            finally:
                context.close()
            shutil.rmtree(profile, ignore_errors=True)
            with capsys.disabled():
                print(f"\n{request.node.name}: {time.monotonic() - started:.1f} s in Chromium; screenshots:")
                for path in shots:
                    print(f"  {path}")
