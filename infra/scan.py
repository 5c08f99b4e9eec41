"""The security scan of the synthesized templates (`make synth` runs it, so `make
test` does): checkov's CloudFormation checks on both stages' templates, failing on
any failed check that infra/checkov-skips.yaml does not accept with a reason.

Run by the checkov virtualenv (infra/.checkov-venv, infra/requirements-checkov.txt),
never the app's or the CDK app's: checkov's dependencies stay out of both.

    infra/.checkov-venv/bin/python infra/scan.py              # both stages' templates
    infra/.checkov-venv/bin/python infra/scan.py some.json    # other templates

Scanning the stages' templates, a skip that no check needs any more is an error
too, so the list only ever holds what the stack still accepts. Exit 0: clean,
1: failed checks (or a stale skip), 2: checkov did not run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

INFRA = Path(__file__).resolve().parent
STAGE_TEMPLATES = [INFRA / "cdk.out" / stage / f"commerce-{stage}.template.json" for stage in ("dev", "prod")]
SKIPS = INFRA / "checkov-skips.yaml"


def load_skips(path: Path) -> dict[str, str]:
    """check id -> why; each entry must give both."""
    entries = yaml.safe_load(path.read_text())["skips"]
    skips = {}
    for entry in entries:
        check_id, why = entry.get("id"), (entry.get("why") or "").strip()
        if not check_id or not why:
            raise SystemExit(f"{path}: every skip needs an id and a why: {entry!r}")
        skips[check_id] = why
    return skips


def run_checkov(templates: list[Path]) -> dict[str, Any]:
    command = [sys.executable, "-m", "checkov.main"]
    for template in templates:
        command += ["-f", str(template)]
    # JSON (with the passed checks, for the per-template counts); no download:
    # the scan runs offline, with checkov's own checks only.
    command += ["--framework", "cloudformation", "--compact", "--skip-download", "--output", "json"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(2) from None
    if isinstance(report, list):  # one report per framework; there is one
        (report,) = report
    return report  # type: ignore[no-any-return]


def scan(
    templates: list[Path], skips: dict[str, str], *, require_used_skips: bool, skips_name: str = SKIPS.name
) -> int:
    for template in templates:
        if not template.exists():
            print(f"scan: {template} is missing (make synth writes it)", file=sys.stderr)
            return 2
    report = run_checkov(templates)
    if report.get("summary", {}).get("parsing_errors"):
        print(f"scan: checkov could not parse a template: {report['summary']}", file=sys.stderr)
        return 2
    results = report.get("results", {})
    by_file: dict[str, Counter[str]] = {Path(t).name: Counter() for t in templates}
    refused = []
    used = set()
    for outcome, checks in (("passed", results.get("passed_checks", [])), ("failed", results.get("failed_checks", []))):
        for check in checks:
            name = Path(check["file_path"]).name
            if outcome == "failed" and check["check_id"] in skips:
                outcome_here = "accepted"
                used.add(check["check_id"])
            else:
                outcome_here = outcome
            by_file.setdefault(name, Counter())[outcome_here] += 1
            if outcome_here == "failed":
                refused.append(f"  FAILED {check['check_id']} {check['resource']} ({name}): {check['check_name']}")
    for name, counts in by_file.items():
        print(
            f"checkov {name}: {counts['passed']} passed, {counts['failed']} failed, "
            f"{counts['accepted']} skipped (accepted in {skips_name})"
        )
    status = 0
    if refused:
        print("\n".join(refused))
        print(f"scan: {len(refused)} failed checks: fix them, or accept one in {skips_name} with its reason")
        status = 1
    stale = sorted(set(skips) - used)
    if require_used_skips and stale:
        print(f"scan: no check needs these skips any more, remove them from {skips_name}: {', '.join(stale)}")
        status = 1
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("templates", nargs="*", type=Path, help="default: both stages' synthesized templates")
    parser.add_argument("--skips", type=Path, default=SKIPS)
    args = parser.parse_args(argv)
    templates = args.templates or STAGE_TEMPLATES
    return scan(templates, load_skips(args.skips), require_used_skips=not args.templates, skips_name=args.skips.name)


if __name__ == "__main__":
    sys.exit(main())
