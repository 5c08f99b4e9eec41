"""A cold start imports only what the request needs: importing the app loads no
AWS SDK client code, no Stripe, no PynamoDB and no pydantic (the adapters import
them on first use, the views their request and response schemas), no service
and no domain model beyond what routing and error mapping use, and builds no
request model (pydantic builds each on its first validation)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "boto3",
    "stripe",
    "pynamodb",
    "aws_xray_sdk",
    "pydantic",
    "pydantic_core",
    "s3transfer",
    "requests",
    "rjieba",
    "yaml",
)
# Modules a view or a worker loads on first use, never at `import app`: our schemas,
# services and adapters, and the Powertools utilities beyond the logger.
DEFERRED = (
    "chalicelib.api.schemas",
    "chalicelib.services",
    "chalicelib.adapters",
    "aws_lambda_powertools.utilities.batch",
    "aws_lambda_powertools.utilities.parser",
    "aws_lambda_powertools.utilities.data_classes",
)

PROBE = """
import json, sys
import app
loaded = sorted(sys.modules)
from chalicelib.api.schemas.orders import CheckoutIn
print(json.dumps({
    "heavy": [m for m in loaded if m.split(".")[0] in HEAVY],
    "botocore": [m for m in loaded if m.startswith("botocore.")],
    "deferred": [m for m in loaded if m.startswith(DEFERRED)],
    "checkout_built": CheckoutIn.__pydantic_complete__,
}))
""".replace("HEAVY", repr(HEAVY)).replace("DEFERRED", repr(DEFERRED))


def test_importing_the_app_loads_no_sdk_no_pydantic_no_schema_and_builds_no_model():
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COMMERCE_STAGE": "dev"}
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"heavy": [], "botocore": [], "deferred": [], "checkout_built": False}


def test_a_deferred_model_still_validates_on_first_use():
    from chalicelib.api.schemas.orders import CheckoutIn

    parsed = CheckoutIn.model_validate({"cart_id": "cart_1"})
    assert parsed.cart_id == "cart_1" and CheckoutIn.__pydantic_complete__
