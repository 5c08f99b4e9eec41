"""File every stored order under its index items (ADR 0031) on a deployed stage.

Orders written before ADR 0031 carry their own GSI1, GSI2 and GSI5 keys; this
gives each its index items and removes those keys (one transaction per order,
guarded by its version; safe to run again and while the app runs). Run one
process per scan segment to go faster: ``--segment 0 --segments 4`` and so on.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from scripts.create_admin_key import stage_environment


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", required=True)
    parser.add_argument("--segment", type=int, default=0)
    parser.add_argument("--segments", type=int, default=1)
    parser.add_argument(
        "--keep-keys", action="store_true", help="leave the orders' own index keys (a version still reads them)"
    )
    args = parser.parse_args(argv)
    if not 0 <= args.segment < args.segments:
        parser.error("--segment must be at least 0 and below --segments")
    for name, value in stage_environment(args.stage).items():
        os.environ.setdefault(name, value)  # an explicit environment (e.g. COMMERCE_TABLE) wins

    from chalicelib.adapters.dynamo.order_index_backfill import backfill
    from chalicelib.bootstrap import get_container, reset_container
    from chalicelib.settings import reset_settings

    reset_settings()
    reset_container()
    get_container()  # configures the table (models.configure)
    print(json.dumps(backfill(args.segment, args.segments, strip=not args.keep_keys)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
