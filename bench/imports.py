"""Cold import time, measured with `python -X importtime` in fresh interpreters
whose environment mirrors the deployed one (.chalice/config.json variables)."""

from __future__ import annotations

import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a cold Lambda does before answering its first product request: import the
# app, then wire the container (PynamoDB, botocore) on first use.
FIRST_REQUEST = "import app\nfrom chalicelib.bootstrap import get_container\nget_container().catalog"

# The commit before batch 2's groundwork (the orders split, the Powertools logger):
# its app is unpacked from git and measured in the same run, alternating with the
# current one, so both see the same machine and load.
BASELINE_COMMIT = "9607268"


def baseline_tree() -> Path | None:
    """BASELINE_COMMIT's app code in a temporary folder; None outside a git clone."""
    try:
        archive = subprocess.run(
            ["git", "archive", BASELINE_COMMIT, "app.py", "chalicelib", ".chalice"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    target = Path(tempfile.mkdtemp(prefix="bench-baseline-"))
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def deployed_environment() -> dict[str, str]:
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    return {k: str(v) for k, v in config.get("environment_variables", {}).items()}


def _profile(code: str, root: Path = ROOT) -> tuple[int, list[tuple[int, str]]]:
    env = {**os.environ, **deployed_environment(), "PYTHONPATH": str(root), "COMMERCE_STAGE": "local"}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd=root,
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


def import_profile(code: str = "import app", runs: int = 11) -> dict[str, object]:
    """Median cold import of ``code`` now and at BASELINE_COMMIT (runs alternate)."""
    baseline = baseline_tree()
    totals: list[int] = []
    before: list[int] = []
    rows: list[tuple[int, str]] = []
    try:
        for _ in range(runs):
            total, rows = _profile(code)
            totals.append(total)
            if baseline is not None:
                before.append(_profile(code, baseline)[0])
    finally:
        if baseline is not None:
            shutil.rmtree(baseline, ignore_errors=True)
    # Offenders: the largest cumulative time per top-level package, own code apart.
    best: dict[str, int] = {}
    for cumulative, name in rows:
        root = name.split(".")[0]
        if root not in ("app", "chalicelib"):
            best[root] = max(best.get(root, 0), cumulative)
    own = {name: c for c, name in rows if name.startswith("chalicelib.")}
    top = sorted(best.items(), key=lambda kv: kv[1], reverse=True)[:8]
    own_top = sorted(own.items(), key=lambda kv: kv[1], reverse=True)[:4]
    return {
        "median_ms": statistics.median(totals) / 1000,
        "before_median_ms": statistics.median(before) / 1000 if before else None,
        "runs": runs,
        "top_packages": [(n, c / 1000) for n, c in top],
        "top_own_modules": [(n, c / 1000) for n, c in own_top],
    }
