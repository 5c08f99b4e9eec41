"""infra/scan.py, the security scan `make synth` runs (checkov, in its own
virtualenv infra/.checkov-venv that `make synth` creates): it fails on a failed
check the skip list does not accept, passes on one it does, and the skip list
gives every accepted check its reason, recorded in ADR 0008."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CHECKOV_PYTHON = ROOT / "infra" / ".checkov-venv" / "bin" / "python"
SCAN = ROOT / "infra" / "scan.py"
SKIPS = ROOT / "infra" / "checkov-skips.yaml"
ADR = ROOT / "docs" / "adr" / "0008-infra-security-baseline.md"


def queue_template(**properties: object) -> dict[str, object]:
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"MessageRetentionPeriod": 345600, **properties}}
        },
    }


def test_an_unencrypted_queue_fails_the_scan_and_an_encrypted_one_passes(tmp_path):
    assert CHECKOV_PYTHON.exists(), f"{CHECKOV_PYTHON} is missing: run `make synth` (make test does)"
    plain = tmp_path / "plain.template.json"
    plain.write_text(json.dumps(queue_template()))
    encrypted = tmp_path / "encrypted.template.json"
    encrypted.write_text(json.dumps(queue_template(KmsMasterKeyId="alias/aws/sqs")))
    done = subprocess.run(
        [str(CHECKOV_PYTHON), str(SCAN), str(plain), str(encrypted)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "FAILED CKV_AWS_27 AWS::SQS::Queue.Queue (plain.template.json)" in done.stdout
    assert "checkov plain.template.json: " in done.stdout and " 1 failed," in done.stdout
    assert "checkov encrypted.template.json: " in done.stdout
    encrypted_line = next(line for line in done.stdout.splitlines() if "encrypted.template.json:" in line)
    assert " 0 failed," in encrypted_line
    assert "(encrypted.template.json)" not in done.stdout


def test_an_accepted_check_does_not_fail_the_scan(tmp_path):
    assert CHECKOV_PYTHON.exists(), f"{CHECKOV_PYTHON} is missing: run `make synth` (make test does)"
    plain = tmp_path / "plain.template.json"
    plain.write_text(json.dumps(queue_template()))
    skips = tmp_path / "skips.yaml"
    skips.write_text(yaml.safe_dump({"skips": [{"id": "CKV_AWS_27", "why": "this test accepts it"}]}))
    done = subprocess.run(
        [str(CHECKOV_PYTHON), str(SCAN), str(plain), "--skips", str(skips)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 failed, 1 skipped" in done.stdout


def test_every_skip_names_its_check_and_why_and_the_adr_records_it():
    skips = yaml.safe_load(SKIPS.read_text())["skips"]
    ids = [entry["id"] for entry in skips]
    assert len(ids) == len(set(ids))
    adr = ADR.read_text()
    for entry in skips:
        assert entry["id"].startswith("CKV"), entry
        assert len(entry["why"].split()) >= 10, entry
        assert entry["id"] in adr, entry["id"]
    # Never accepted: what the baseline is for.
    for required in ("CKV_AWS_27", "CKV_AWS_26", "CKV_AWS_76", "CKV_AWS_73", "CKV_AWS_115", "CKV_AWS_66"):
        assert required not in ids, required
