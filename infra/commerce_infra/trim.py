"""What the Lambda bundle can do without (bundle.py applies it before compiling):
kept apart from the CDK construct so that tests read it without aws-cdk-lib."""

from __future__ import annotations

import shutil
from pathlib import Path

# Every AWS service a function calls: DynamoDB (PynamoDB, the health probe), SQS
# (adapters/queues.py), EventBridge (adapters/events.py), Secrets Manager
# (settings.py), SES and SNS (adapters/messaging.py), S3 (adapters/s3_media.py); STS and SSO for botocore's credential providers outside Lambda.
# A new boto3.client(...) in chalicelib needs its service here.
AWS_SERVICES = frozenset({"dynamodb", "sqs", "events", "secretsmanager", "ses", "sns", "s3", "sts", "sso", "sso-oidc"})


def trim(root: Path) -> None:
    """Removes what no function loads: other services' botocore models, .pyi stubs."""
    data = root / "botocore" / "data"
    if data.is_dir():
        for service in data.iterdir():
            if service.is_dir() and service.name not in AWS_SERVICES:
                shutil.rmtree(service)
    for stub in root.rglob("*.pyi"):
        stub.unlink()
