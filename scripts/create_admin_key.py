"""Create a deployed stage's first admin API key (`make admin-key STAGE=dev`).

The local stage's bootstrap key is refused on dev and prod, so the first staff
key there is written straight into the stage's table by an operator with AWS
credentials. The stage's settings (table, secrets) are the deployed ones:
.chalice/config.json and the Secrets Manager secret `commerce/<stage>/app`.
The secret is printed once; only its SHA-256 digest is stored. Further keys are
created by that admin through `POST /admin/api-keys`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def stage_environment(stage: str) -> dict[str, str]:
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    if stage == "local" or stage not in config.get("stages", {}):
        raise SystemExit(f"unknown deployed stage {stage!r} (local has `make run`'s bootstrap key)")
    env = {**config.get("environment_variables", {}), **config["stages"][stage].get("environment_variables", {})}
    env.setdefault("COMMERCE_SECRETS_ID", f"commerce/{stage}/app")
    return {k: str(v) for k, v in env.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", required=True)
    parser.add_argument("--name", default="first admin")
    args = parser.parse_args(argv)
    for name, value in stage_environment(args.stage).items():
        os.environ.setdefault(name, value)  # an explicit environment (e.g. COMMERCE_SECRETS_ID) wins

    from chalicelib.bootstrap import get_container, reset_container
    from chalicelib.settings import reset_settings

    reset_settings()
    reset_container()
    key, secret = get_container().auth.create_key(args.name, ["admin"], created_by=None)
    print(json.dumps({"id": key.id, "name": key.name, "roles": sorted(key.roles), "api_key": secret}))
    print("Store the api_key now: it is not shown again.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
