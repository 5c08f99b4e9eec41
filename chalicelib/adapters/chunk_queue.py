"""A fanned-out job's chunk messages (ADR 0012): ``<prefix>settle-chunks`` for
``settle``, ``<prefix>renew-chunks`` for ``renew_memberships``."""

from __future__ import annotations

import json
from typing import Any

from ..settings import Settings


class SqsChunkQueue:
    """Chunk messages to ``<prefix><queue>``, ten to a SendMessageBatch."""

    def __init__(self, settings: Settings, queue: str = "settle-chunks") -> None:
        self.settings = settings
        self.queue = queue
        self._client: Any = None
        self._url: str | None = None

    def send(self, messages: list[dict[str, Any]]) -> None:
        if self._client is None:
            import boto3

            self._client = boto3.client(
                "sqs", region_name=self.settings.region, endpoint_url=self.settings.sqs_endpoint
            )
        if self._url is None:
            self._url = self._client.get_queue_url(QueueName=self.settings.queue_prefix + self.queue)["QueueUrl"]
        for i in range(0, len(messages), 10):
            batch = messages[i : i + 10]
            result = self._client.send_message_batch(
                QueueUrl=self._url,
                Entries=[{"Id": str(n), "MessageBody": json.dumps(m)} for n, m in enumerate(batch)],
            )
            if result.get("Failed"):
                raise RuntimeError(f"SQS refused {len(result['Failed'])} chunk messages: {result['Failed'][:1]}")
