"""Cold import time, measured with `python -X importtime` in fresh interpreters
whose environment mirrors the deployed one (.chalice/config.json variables)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a cold Lambda does before answering its first product request: import the
# app, then wire the container (PynamoDB, botocore) on first use.
FIRST_REQUEST = "import app\nfrom chalicelib.bootstrap import get_container\nget_container().catalog"

# Medians measured before app.py set up its Powertools logger (commit 9607268),
# 25 runs alternating with the logger's commit on the same machine, which then
# measured 325.5 ms and 485.2 ms (x1.02, x1.06); the modules the logger brings
# (Powertools' logging, metrics and tracing packages, jmespath) add 14-19 ms of
# their own import time. The machine is shared, so a later run's ratio to these
# figures also carries its load: compare like with like.
BASELINE_MS = {"app": 318.9, "first_request": 458.8}
BASELINE_COMMIT = "9607268"


def deployed_environment() -> dict[str, str]:
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    return {k: str(v) for k, v in config.get("environment_variables", {}).items()}


def _profile(code: str) -> tuple[int, list[tuple[int, str]]]:
    env = {**os.environ, **deployed_environment(), "PYTHONPATH": str(ROOT), "COMMERCE_STAGE": "local"}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    rows: list[tuple[int, str]] = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        _self_us, cumulative_us, name = line[len("import time:") :].split("|")
        rows.append((int(cumulative_us), name.strip()))
    # Top-level imports (no indentation) add up to the whole.
    total = sum(
        int(line.split("|")[1])
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "self [us]" not in line and not line.split("|")[2].startswith("  ")
    )
    return total, rows


def import_profile(code: str = "import app", runs: int = 5) -> dict[str, object]:
    totals: list[int] = []
    rows: list[tuple[int, str]] = []
    for _ in range(runs):
        total, rows = _profile(code)
        totals.append(total)
    # Offenders: the largest cumulative time per top-level package, own code apart.
    best: dict[str, int] = {}
    for cumulative, name in rows:
        root = name.split(".")[0]
        if root not in ("app", "chalicelib"):
            best[root] = max(best.get(root, 0), cumulative)
    own = {name: c for c, name in rows if name.startswith("chalicelib.")}
    totals.sort()
    top = sorted(best.items(), key=lambda kv: kv[1], reverse=True)[:8]
    own_top = sorted(own.items(), key=lambda kv: kv[1], reverse=True)[:4]
    return {
        "median_ms": totals[len(totals) // 2] / 1000,
        "runs": runs,
        "top_packages": [(n, c / 1000) for n, c in top],
        "top_own_modules": [(n, c / 1000) for n, c in own_top],
    }
