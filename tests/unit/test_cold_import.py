"""A cold start imports only what the request needs: importing the app loads no
AWS SDK, no Stripe and no PynamoDB (the adapters import them on first use), and
builds no request model (pydantic builds each on its first validation)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("boto3", "stripe", "pynamodb", "aws_xray_sdk", "rjieba")

PROBE = """
import json, sys
import app
from chalicelib.api.schemas.orders import CheckoutIn
print(json.dumps({
    "heavy": sorted(m for m in sys.modules if m.split(".")[0] in HEAVY),
    "checkout_built": CheckoutIn.__pydantic_complete__,
}))
""".replace("HEAVY", repr(HEAVY))


def test_importing_the_app_loads_no_sdk_and_builds_no_model():
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COMMERCE_STAGE": "dev"}
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"heavy": [], "checkout_built": False}


def test_a_deferred_model_still_validates_on_first_use():
    from chalicelib.api.schemas.orders import CheckoutIn

    parsed = CheckoutIn.model_validate({"cart_id": "cart_1"})
    assert parsed.cart_id == "cart_1" and CheckoutIn.__pydantic_complete__
