"""The whole local stack, as `make run` starts it and as the system tests do."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3

from chalicelib.resources import MAX_RECEIVE_COUNT, TTL_ATTRIBUTE, queue_names, table_definition

from .engines import LOCAL_DIR, MotoEngine, require_free, start_dynamodb, start_localstripe

log = logging.getLogger("localdev")
QUEUE_VISIBILITY_SECONDS = 30


@dataclass
class StackConfig:
    api_port: int = 8000
    dynamodb_port: int = 8001
    moto_port: int = 8002
    stripe_port: int = 8420
    data_dir: Path | None = LOCAL_DIR / "data"  # None: in-memory DynamoDB, throwaway Stripe state
    admin_key: str = "local-admin-key"
    table_name: str = "commerce"
    region: str = "us-east-1"
    # Where COMMERCE_CARRIER=simulated posts tracking updates; None: this stack's API port.
    carrier_url: str | None = None

    @classmethod
    def from_env(cls) -> StackConfig:
        def port(name: str, default: int) -> int:
            return int(os.environ.get(name) or default)

        return cls(
            api_port=port("COMMERCE_API_PORT", 8000),
            dynamodb_port=port("COMMERCE_DYNAMODB_PORT", 8001),
            moto_port=port("COMMERCE_MOTO_PORT", 8002),
            stripe_port=port("COMMERCE_STRIPE_PORT", 8420),
            admin_key=os.environ.get("COMMERCE_ADMIN_API_KEY") or "local-admin-key",
            data_dir=Path(os.environ["COMMERCE_DATA_DIR"])
            if os.environ.get("COMMERCE_DATA_DIR")
            else LOCAL_DIR / "data",
            carrier_url=os.environ.get("COMMERCE_SIMULATED_CARRIER_URL") or None,
        )

    def environment(self) -> dict[str, str]:
        """What the app reads (chalicelib/settings.py) to talk to these engines."""
        return {
            "COMMERCE_STAGE": "local",
            "COMMERCE_TABLE": self.table_name,
            "COMMERCE_DYNAMODB_ENDPOINT": f"http://127.0.0.1:{self.dynamodb_port}",
            "COMMERCE_SQS_ENDPOINT": f"http://127.0.0.1:{self.moto_port}",
            "COMMERCE_EVENTS_ENDPOINT": f"http://127.0.0.1:{self.moto_port}",
            # SES and SNS on the same moto server: what was sent is at /moto-api/data.json.
            "COMMERCE_SES_ENDPOINT": f"http://127.0.0.1:{self.moto_port}",
            "COMMERCE_SNS_ENDPOINT": f"http://127.0.0.1:{self.moto_port}",
            # The media bucket (ADR 0023) on the same moto server: uploads PUT to presigned URLs there.
            "COMMERCE_S3_ENDPOINT": f"http://127.0.0.1:{self.moto_port}",
            "COMMERCE_STRIPE_API_BASE": f"http://127.0.0.1:{self.stripe_port}",
            "COMMERCE_ADMIN_API_KEY": self.admin_key,
            "COMMERCE_SIMULATED_CARRIER_URL": self.carrier_url
            or f"http://127.0.0.1:{self.api_port}/webhooks/logistics",
            "POWERTOOLS_TRACE_DISABLED": "true",  # X-Ray is for deployed stages only
            "AWS_DEFAULT_REGION": self.region,
            # Local engines accept any credentials; PynamoDB's Connection needs some.
            "AWS_ACCESS_KEY_ID": os.environ.get("AWS_ACCESS_KEY_ID") or "local",
            "AWS_SECRET_ACCESS_KEY": os.environ.get("AWS_SECRET_ACCESS_KEY") or "local",
        }


@dataclass
class LocalStack:
    config: StackConfig
    children: list[Any] = field(default_factory=list)

    def start(self) -> LocalStack:
        cfg = self.config
        require_free(cfg.dynamodb_port, "DynamoDB Local", "COMMERCE_DYNAMODB_PORT")
        require_free(cfg.moto_port, "moto server", "COMMERCE_MOTO_PORT")
        require_free(cfg.stripe_port, "localstripe", "COMMERCE_STRIPE_PORT")
        logs = (cfg.data_dir or LOCAL_DIR) / "logs"
        try:
            db_path = cfg.data_dir / "dynamodb" if cfg.data_dir else None
            self.children.append(start_dynamodb(cfg.dynamodb_port, db_path, logs / "dynamodb.log"))
            self.children.append(MotoEngine(cfg.moto_port))
            stripe_state = cfg.data_dir / "localstripe" if cfg.data_dir else Path(_tmpdir())
            self.children.append(start_localstripe(cfg.stripe_port, stripe_state, logs / "localstripe.log"))
            self.apply_environment()
            provision(cfg)
            register_stripe_webhook(cfg)
        except BaseException:
            self.stop()
            raise
        return self

    def apply_environment(self) -> None:
        os.environ.update(self.config.environment())
        from chalicelib.bootstrap import reset_container
        from chalicelib.settings import reset_settings

        reset_settings()
        reset_container()

    def stop(self) -> None:
        while self.children:
            child = self.children.pop()
            try:
                child.stop()
            except Exception:  # noqa: BLE001 - keep stopping the others
                log.exception("stopping %s failed", getattr(child, "name", child))

    def __enter__(self) -> LocalStack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _tmpdir() -> str:
    import tempfile

    return tempfile.mkdtemp(prefix="localstripe-")


def register_stripe_webhook(cfg: StackConfig) -> None:
    """localstripe delivers signed events to the API, as Stripe would (kept in its memory: register on every start)."""
    import urllib.parse
    import urllib.request

    from chalicelib.bootstrap import get_container

    data = urllib.parse.urlencode(
        {
            "url": f"http://127.0.0.1:{cfg.api_port}/webhooks/stripe",
            "secret": get_container().settings.stripe_webhook_secret,
        }
    ).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{cfg.stripe_port}/_config/webhooks/commerce", data=data)
    with urllib.request.urlopen(request, timeout=10):
        pass


def clients(cfg: StackConfig) -> tuple[Any, Any, Any]:
    kwargs = {"region_name": cfg.region, "aws_access_key_id": "local", "aws_secret_access_key": "local"}
    dynamodb = boto3.client("dynamodb", endpoint_url=f"http://127.0.0.1:{cfg.dynamodb_port}", **kwargs)
    sqs = boto3.client("sqs", endpoint_url=f"http://127.0.0.1:{cfg.moto_port}", **kwargs)
    events = boto3.client("events", endpoint_url=f"http://127.0.0.1:{cfg.moto_port}", **kwargs)
    return dynamodb, sqs, events


def provision(cfg: StackConfig) -> None:
    """Create the table, queues (with DLQs) and event bus if missing; create the
    local admin key. Safe to run any number of times."""
    from chalicelib.bootstrap import get_container

    container = get_container()
    settings = container.settings
    dynamodb, sqs, events = clients(cfg)
    existing = dynamodb.list_tables()["TableNames"]
    if cfg.table_name not in existing:
        dynamodb.create_table(**table_definition(cfg.table_name))
        dynamodb.get_waiter("table_exists").wait(
            TableName=cfg.table_name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 100}
        )
        dynamodb.update_time_to_live(
            TableName=cfg.table_name, TimeToLiveSpecification={"Enabled": True, "AttributeName": TTL_ATTRIBUTE}
        )
    for name in queue_names(settings.queue_prefix):
        dlq_url = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
        dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sqs.create_queue(
            QueueName=name,
            Attributes={
                "VisibilityTimeout": str(QUEUE_VISIBILITY_SECONDS),
                "RedrivePolicy": f'{{"deadLetterTargetArn":"{dlq_arn}","maxReceiveCount":"{MAX_RECEIVE_COUNT}"}}',
            },
        )
    try:
        events.create_event_bus(Name=settings.event_bus_name)
    except events.exceptions.ResourceAlreadyExistsException:
        pass
    # SES sends only from a verified identity (moto checks it as SES does).
    ses = boto3.client(
        "ses",
        endpoint_url=settings.ses_endpoint or f"http://127.0.0.1:{cfg.moto_port}",
        region_name=cfg.region,
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    ses.verify_email_identity(EmailAddress=settings.email_sender)
    provision_media_bucket(cfg, settings.media_bucket, settings.s3_endpoint)
    container.auth.bootstrap_admin_key(cfg.admin_key, container.settings.stage)


def provision_media_bucket(cfg: StackConfig, bucket: str, endpoint: str | None) -> None:
    """The media bucket on the moto server, with CORS for the browser's PUT (as the CDK stack's),
    its media readable by anyone (as the CDN in front of the deployed bucket makes them)."""
    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint or f"http://127.0.0.1:{cfg.moto_port}",
        region_name=cfg.region,
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    existing = {b["Name"] for b in s3.list_buckets().get("Buckets", [])}
    if bucket not in existing:
        s3.create_bucket(Bucket=bucket)
    # Locally the media are shown straight from the bucket (deployed stages put a CDN in front of a private one).
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/media/*",
            }
        ],
    }
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(public_read))
    s3.put_bucket_cors(
        Bucket=bucket,
        CORSConfiguration={
            "CORSRules": [
                {"AllowedMethods": ["PUT"], "AllowedOrigins": ["*"], "AllowedHeaders": ["*"], "MaxAgeSeconds": 3000}
            ]
        },
    )
