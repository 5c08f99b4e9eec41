"""The Lambda bundle `make synth` packaged (infra/cdk.out/dev), trimmed by
infra/commerce_infra/bundle.py, still holds everything the functions load:
every deployed handler imports from the unpacked bundle alone (``python -S``,
no site-packages, as bench/bundle.py measures it), so does every app module
(what the views and workers import on first use), and botocore builds a
client for every AWS service the app calls. And it stays under a quarter of
Lambda's unzipped limit."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from infra.commerce_infra.trim import AWS_SERVICES

ROOT = Path(__file__).resolve().parents[2]
CDK_OUT = ROOT / "infra" / "cdk.out"
LAMBDA_UNZIPPED_LIMIT = 262_144_000  # bytes: 250 MB, Lambda's limit for an unzipped package

IMPORT_HANDLER = """
import importlib, sys
module, attr = sys.argv[1].rsplit(".", 1)
assert callable(getattr(importlib.import_module(module), attr))
assert all(not m.startswith(("moto", "localstripe", "pytest")) for m in sys.modules)
print("ok", len([m for m in sys.modules if m.startswith("chalicelib")]))
"""

IMPORT_EVERYTHING = """
import importlib, json, pkgutil, sys
import app, chalicelib
names = sorted(m.name for m in pkgutil.walk_packages(chalicelib.__path__, "chalicelib."))
for name in names:
    importlib.import_module(name)
import boto3
for service in sys.argv[1].split(","):
    client = boto3.client(service, region_name="us-east-1")
    assert client.meta.service_model.service_name, service
import stripe
assert stripe.PaymentIntent and stripe.Refund and stripe.Webhook
print(json.dumps({"modules": len(names), "files": [sys.modules[n].__file__ for n in ("app", "boto3", "pydantic")]}))
"""


# The API reference's routes (chalicelib/api/reference.py) read their files from the bundle.
SERVE_REFERENCE = """
import json, sys
from chalicelib.api import reference
assert str(reference.REFERENCE_DIR).startswith(sys.argv[1]), str(reference.REFERENCE_DIR)
sizes = {name: len(reference._read(name).encode("utf-8")) for name in reference.SERVED_FILES}
print(json.dumps({
    "sizes": sizes,
    "openapi": json.loads(reference.openapi_json().body)["openapi"],
    "asset": reference.docs_asset("redoc.standalone.js").status_code,
}))
"""


def _template() -> dict:
    path = CDK_OUT / "dev" / "commerce-dev.template.json"
    assert path.exists(), f"{path} is missing: run `make synth` (make test does)"
    return json.loads(path.read_text())


def _bundle() -> Path:
    (bundle,) = (CDK_OUT / "dev").glob("asset.*.zip")
    return bundle


def _functions() -> dict[str, dict]:
    return {
        name: resource["Properties"]
        for name, resource in _template()["Resources"].items()
        if resource["Type"] == "AWS::Serverless::Function"
    }


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory) -> Iterator[Path]:
    target = tmp_path_factory.mktemp("bundle")
    with zipfile.ZipFile(_bundle()) as archive:
        archive.extractall(target)
    yield target


def _env(bundle: Path) -> dict[str, str]:
    """The deployed functions' plain environment, dummy credentials, the bundle alone on the path."""
    variables = next(iter(_functions().values()))["Environment"]["Variables"]
    return {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(bundle),
        "PYTHONDONTWRITEBYTECODE": "1",
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": "us-east-1",
        **{k: v for k, v in variables.items() if isinstance(v, str)},
    }


def _run(bundle: Path, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-S", "-c", code, *args],
        cwd=bundle,
        env=_env(bundle),
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("function", sorted(_functions()) if (CDK_OUT / "dev").exists() else ["(run make synth)"])
def test_every_handler_imports_from_the_bundle_alone(unpacked, function):
    handler = _functions()[function]["Handler"]
    result = _run(unpacked, IMPORT_HANDLER, handler)
    assert result.returncode == 0, f"{function} ({handler}):\n{result.stderr[-3000:]}"
    assert result.stdout.startswith("ok ")


def test_every_app_module_and_every_aws_client_load_from_the_bundle_alone(unpacked):
    result = _run(unpacked, IMPORT_EVERYTHING, ",".join(sorted(AWS_SERVICES)))
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["modules"] > 100
    assert all(file.startswith(str(unpacked)) for file in seen["files"]), seen["files"]


def test_the_bundle_carries_the_api_reference_the_routes_serve(unpacked):
    """chalicelib/reference/ is generated (make reference) and git-ignored; Chalice packages it with chalicelib/."""
    from chalicelib.api.reference import REFERENCE_DIR, SERVED_FILES

    result = _run(unpacked, SERVE_REFERENCE, str(unpacked))
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["openapi"] == "3.1.0" and seen["asset"] == 200
    assert seen["sizes"] == {name: (REFERENCE_DIR / name).stat().st_size for name in SERVED_FILES}


def test_the_bundle_keeps_the_model_of_every_service_the_app_calls():
    """Each ``boto3.client("<service>", ...)`` (or helper ``_client("<service>", ...)``) in
    chalicelib names a service the trim keeps, and the bundle has the model of each, no other."""
    called = {"dynamodb"}  # PynamoDB's client: botocore's, created without a literal here
    for path in (ROOT / "chalicelib").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            first = node.args[0]
            if name.endswith("client") and isinstance(first, ast.Constant) and isinstance(first.value, str):
                called.add(first.value)
    assert called >= {"dynamodb", "sqs", "events", "secretsmanager"}
    assert called <= AWS_SERVICES, f"add {sorted(called - AWS_SERVICES)} to AWS_SERVICES (infra/commerce_infra/trim.py)"
    with zipfile.ZipFile(_bundle()) as archive:
        services = {n.split("/")[2] for n in archive.namelist() if n.startswith("botocore/data/") and n.count("/") >= 3}
    assert called <= services <= AWS_SERVICES


def test_the_bundle_is_under_a_quarter_of_the_lambda_unzipped_limit():
    with zipfile.ZipFile(_bundle()) as archive:
        unzipped = sum(info.file_size for info in archive.infolist())
    assert unzipped < LAMBDA_UNZIPPED_LIMIT // 4, f"{unzipped / 1e6:.1f} MB unzipped"
