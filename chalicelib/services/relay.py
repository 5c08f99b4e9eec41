"""The event relay: publishes outbox events right after the change that wrote
them, and again from the relay_outbox schedule for any that did not go out
(at least once: consumers dedupe by event id)."""

from __future__ import annotations

import logging

from .ports import EventPublisher, Outbox, OutboxEvent

log = logging.getLogger("commerce.events")


class EventRelay:
    def __init__(self, outbox: Outbox, publisher: EventPublisher) -> None:
        self.outbox = outbox
        self.publisher = publisher

    def relay(self, events: list[OutboxEvent]) -> int:
        if not events:
            return 0
        try:
            self.publisher.publish(events)
            self.outbox.mark_sent(events)
        except Exception:  # noqa: BLE001 - the schedule retries from the outbox
            log.warning(
                "relaying events failed; the schedule will retry",
                extra={"event": "relay_failed", "events": len(events)},
                exc_info=True,
            )
            return 0
        return len(events)

    def sweep(self, limit: int = 100) -> dict[str, int]:
        pending = self.outbox.pending(limit)
        return {"pending": len(pending), "published": self.relay(pending)}
