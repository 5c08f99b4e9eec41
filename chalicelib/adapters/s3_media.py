"""The media bucket on S3 (locally the moto server's S3): presigned PUT URLs for
uploads, and ranged reads of what was uploaded (an image's header, an MP4's boxes)."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from ..settings import Settings


class S3MediaStore:
    def __init__(self, settings: Settings, client: Any = None) -> None:
        self.bucket = settings.media_bucket
        if client is None:
            # Path-style addresses on a local endpoint (moto serves one host for every bucket).
            style = "path" if settings.s3_endpoint else "auto"
            config = Config(
                signature_version="s3v4", s3={"addressing_style": style}, connect_timeout=2, read_timeout=10
            )
            client = boto3.client("s3", endpoint_url=settings.s3_endpoint, region_name=settings.region, config=config)
        self.client = client

    def upload_url(self, key: str, content_type: str, expires_in: int) -> str:
        return str(
            self.client.generate_presigned_url(
                "put_object",
                Params={"Bucket": self.bucket, "Key": key, "ContentType": content_type},
                ExpiresIn=expires_in,
            )
        )

    def size_of(self, key: str) -> int | None:
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise
        return int(head["ContentLength"])

    def read(self, key: str, start: int, end: int) -> bytes:
        if end <= start:
            return b""
        response = self.client.get_object(Bucket=self.bucket, Key=key, Range=f"bytes={start}-{end - 1}")
        return bytes(response["Body"].read())
