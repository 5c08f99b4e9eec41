"""SQS batches through Powertools' BatchProcessor: partial batch failure
reporting (a poison message fails alone), and a ``MessagesToDlq`` metric when a
message fails on its last receive, the one after which SQS moves it to the DLQ."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..resources import MAX_RECEIVE_COUNT

_processors: dict[str, Any] = {}


def process(event: Any, queue: str, handler: Callable[[Any], str]) -> dict[str, Any]:
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

    def handle(record: Any) -> str:
        try:
            return handler(record)
        except Exception:
            if int(record.attributes.approximate_receive_count or 1) >= MAX_RECEIVE_COUNT:
                from ..bootstrap import get_container

                get_container().metrics.count("MessagesToDlq", queue=queue)
            raise

    processor = _processors.get(queue)
    if processor is None:
        processor = _processors[queue] = BatchProcessor(event_type=EventType.SQS)
    result = process_partial_response(event=event.to_dict(), record_handler=handle, processor=processor, context=None)
    return dict(result)
