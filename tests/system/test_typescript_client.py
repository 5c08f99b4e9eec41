"""The TypeScript client (clients/typescript) against the system tier's stack:
`npm ci` (when its node_modules is missing), `npm run build`, then `npm test`,
whose flow test goes browse -> cart -> checkout -> pay on localstripe -> paid
order over HTTP through the built dist/commerce.js."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

CLIENT = Path(__file__).resolve().parents[2] / "clients" / "typescript"
NPM_QUIET = ("--no-audit", "--no-fund", "--loglevel=error")


def npm(*args: str, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["npm", *args], cwd=CLIENT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_the_typescript_client_builds_and_buys_through_the_local_stack(api, stack):
    if not (CLIENT / "node_modules").is_dir():
        installed = npm("ci", *NPM_QUIET)
        assert installed.returncode == 0, installed.stdout + installed.stderr
    built = npm("run", "build", "--silent")
    assert built.returncode == 0, built.stdout + built.stderr
    assert (CLIENT / "dist" / "commerce.js").is_file()
    env = {
        **os.environ,
        "COMMERCE_URL": api.base_url,
        "COMMERCE_STRIPE_URL": f"http://127.0.0.1:{stack.config.stripe_port}",
        "COMMERCE_ADMIN_API_KEY": stack.config.admin_key,
    }
    tested = npm("test", "--silent", env=env)
    report = tested.stdout + tested.stderr
    assert tested.returncode == 0, report
    # node's runner: every test ran and passed (the flow, the client's own, the generated types).
    assert "# fail 0" in report and "# skipped 0" in report, report
    assert re.search(r"^ok \d+ - browse, cart, checkout, pay on localstripe and see the order paid$", report, re.M), (
        report
    )
