"""The Lambda bundle as `make synth` packaged it (infra/cdk.out/dev): its size,
what weighs most in it, and the cold import of each deployed function's handler
from the unpacked bundle alone (``python -S``: no site-packages, so nothing
from the dev virtualenv can leak in), in fresh interpreters: as shipped
(byte-compiled) and, for comparison, from sources only. Each import is timed
on the wall clock and in CPU time (``time.process_time``): on a shared,
loaded machine the wall clock also counts the time the interpreter waited for
a core, the CPU time does not."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CDK_OUT = ROOT / "infra" / "cdk.out" / "dev"
LAMBDA_UNZIPPED_LIMIT = 262_144_000  # bytes (250 MiB): Lambda's limit for the unzipped package

_IMPORT = """
import importlib, sys, time
start, cpu = time.perf_counter(), time.process_time()
module, attr = sys.argv[1].rsplit(".", 1)
getattr(importlib.import_module(module), attr)
print((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000)
"""


def _template() -> dict:
    return json.loads((CDK_OUT / "commerce-dev.template.json").read_text())


def bundle_report(runs: int = 5) -> dict[str, object]:
    bundles = sorted(CDK_OUT.glob("asset.*.zip"))
    if not bundles:
        return {"error": f"no bundle in {CDK_OUT}: run `make synth`"}
    bundle = bundles[0]
    with zipfile.ZipFile(bundle) as archive:
        infos = archive.infolist()
        weights: Counter[str] = Counter()
        for info in infos:
            weights[info.filename.split("/", 1)[0]] += info.file_size
        unzipped = sum(i.file_size for i in infos)
        with tempfile.TemporaryDirectory() as tmp:
            archive.extractall(tmp)
            env = {
                "PATH": os.environ.get("PATH", ""),
                "PYTHONPATH": tmp,
                "PYTHONDONTWRITEBYTECODE": "1",
                **{k: str(v) for k, v in _template_env().items()},
            }
            handlers = {
                name: resource["Properties"]["Handler"]
                for name, resource in _template()["Resources"].items()
                if resource["Type"] == "AWS::Serverless::Function"
            }
            cold: dict[str, dict[str, object]] = {}
            # As shipped: byte-compiled at synth (infra/commerce_infra/bundle.py). Then,
            # for comparison, sources only, as Chalice packages them: Lambda's
            # /var/task is read-only, so each cold start would compile what it imports.
            for variant in ("as_shipped", "sources_only"):
                if variant == "sources_only":
                    for pyc in Path(tmp).rglob("*.pyc"):
                        pyc.unlink()
                for name, handler in sorted(handlers.items()):
                    timings, cpu = [], []
                    for _ in range(runs):
                        result = subprocess.run(
                            [sys.executable, "-S", "-c", _IMPORT, handler],
                            cwd=tmp,
                            env=env,
                            capture_output=True,
                            text=True,
                            check=True,
                        )
                        wall_ms, cpu_ms = result.stdout.split()
                        timings.append(float(wall_ms))
                        cpu.append(float(cpu_ms))
                    row = cold.setdefault(name, {"handler": handler, "runs": runs})
                    row[f"{variant}_ms"] = statistics.median(timings)
                    row[f"{variant}_cpu_ms"] = statistics.median(cpu)
    return {
        "bundle": bundle.name,
        "zipped_mb": bundle.stat().st_size / 1e6,
        "unzipped_mb": unzipped / 1e6,
        "unzipped_bytes": unzipped,
        "of_lambda_limit": unzipped / LAMBDA_UNZIPPED_LIMIT,
        "top_packages_mb": [(name, size / 1e6) for name, size in weights.most_common(8)],
        "cold_import": cold,
    }


def _template_env() -> dict[str, str]:
    """The deployed functions' plain environment (the secret id is a reference: left out)."""
    for resource in _template()["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Function":
            variables = resource["Properties"]["Environment"]["Variables"]
            return {k: v for k, v in variables.items() if isinstance(v, str)}
    return {}


def print_bundle(report: dict[str, object]) -> None:
    print("\n== Lambda bundle (make synth, stage dev) ==")
    if "error" in report:
        print(f"  {report['error']}")
        return
    print(
        f"  {report['zipped_mb']:.1f} MB zipped, {report['unzipped_mb']:.1f} MB unzipped "
        f"({report['of_lambda_limit']:.1%} of Lambda's {LAMBDA_UNZIPPED_LIMIT:,}-byte limit)"
    )
    top = report["top_packages_mb"]
    assert isinstance(top, list)
    print("  heaviest: " + ", ".join(f"{name} {mb:.1f} MB" for name, mb in top))
    print("  cold import of each function's handler from the bundle alone (python -S, fresh interpreter, median):")
    cold = report["cold_import"]
    assert isinstance(cold, dict)
    for name, row in cold.items():
        print(
            f"    {name:<26} {row['handler']:<56} as shipped {row['as_shipped_ms']:5.0f} ms"
            f" (CPU {row['as_shipped_cpu_ms']:4.0f} ms)   sources only {row['sources_only_ms']:5.0f} ms   ({row['sources_only_ms'] / row['as_shipped_ms']:.1f}x slower)"
        )
