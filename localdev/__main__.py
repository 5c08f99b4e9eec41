"""`python -m localdev run` (make run) and `python -m localdev seed` (make seed)."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading


def run() -> int:
    from .engines import EngineFailed, PortTaken, require_free
    from .stack import LocalStack, StackConfig

    cfg = StackConfig.from_env()
    try:
        require_free(cfg.api_port, "the API", "COMMERCE_API_PORT")
        stack = LocalStack(cfg).start()
    except (PortTaken, EngineFailed) as error:
        print(f"make run: {error}", file=sys.stderr)
        return 1

    import boto3

    from app import app

    from .runner import EventRunner
    from .server import ApiServer

    sqs = boto3.client("sqs", endpoint_url=f"http://127.0.0.1:{cfg.moto_port}", region_name=cfg.region)
    runner = EventRunner(app, cfg.region, sqs).start()
    server = ApiServer(app, "127.0.0.1", cfg.api_port).start()
    print(
        f"\nCommerce API on {server.url}  (stage local)\n"
        f"  storefront demo {server.url}/demo/   ops console {server.url}/console/  (docs/pages.md)\n"
        f"  DynamoDB Local  http://127.0.0.1:{cfg.dynamodb_port}  data in {cfg.data_dir}\n"
        f"  moto (SQS, EventBridge, SES, SNS, S3 media bucket; sent mail and SMS at /moto-api/data.json)"
        f"  http://127.0.0.1:{cfg.moto_port}\n"
        f"  localstripe  http://127.0.0.1:{cfg.stripe_port}\n"
        f"  schedules: {', '.join(s.name for s in runner.schedules) or 'none'}; "
        f"queues: {', '.join(q.queue for q in runner.queues) or 'none'}\n"
        f"  staff key: X-Api-Key: {cfg.admin_key}\n"
        "Ctrl-C stops everything.",
        flush=True,
    )
    stop = threading.Event()
    # Handlers of our own: a shell may start us with SIGINT ignored, and Ctrl-C
    # (SIGINT) or a service manager (SIGTERM) must still stop every child.
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    finally:
        print("\nstopping…", flush=True)
        server.stop()
        runner.stop()
        stack.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m localdev")
    parser.add_argument("command", choices=["run", "seed", "demo"])
    parser.add_argument(
        "--url", default=None, help="API base URL for seed (default http://127.0.0.1:$COMMERCE_API_PORT)"
    )
    args = parser.parse_args(argv)
    # Before the app is imported (chalicelib/observability.py reads them once):
    # short human lines on the console instead of JSON, and no X-Ray locally.
    os.environ.setdefault("COMMERCE_LOG_FORMAT", "console")
    os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)-5s [%(name)s] %(message)s", datefmt="%H:%M:%S"
    )
    for noisy in ("botocore", "pynamodb", "werkzeug", "urllib3", "stripe"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if args.command == "run":
        return run()
    if args.command == "demo":
        from .demo import demo

        return demo()
    from .seed import seed

    return seed(args.url)


if __name__ == "__main__":
    sys.exit(main())
