"""Domain events to EventBridge (the relay of the outbox)."""

from __future__ import annotations

import json
from typing import Any

from ..services.ports import OutboxEvent
from ..settings import Settings

SOURCE = "commerce"


class EventBridgePublisher:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client: Any = None

    def publish(self, events: list[OutboxEvent]) -> None:
        if not events:
            return
        if self._client is None:
            import boto3

            self._client = boto3.client(
                "events", region_name=self.settings.region, endpoint_url=self.settings.events_endpoint
            )
        for i in range(0, len(events), 10):
            batch = events[i : i + 10]
            response = self._client.put_events(
                Entries=[
                    {
                        "Source": SOURCE,
                        "DetailType": e.type,
                        "Detail": json.dumps(e.to_wire()),
                        "EventBusName": self.settings.event_bus_name,
                    }
                    for e in batch
                ]
            )
            if response.get("FailedEntryCount"):
                raise RuntimeError(f"EventBridge refused {response['FailedEntryCount']} events")
