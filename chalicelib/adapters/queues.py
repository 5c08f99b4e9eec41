"""Internal routing of domain events to the back office's SQS queues."""

from __future__ import annotations

import json
from typing import Any

from ..domain.analytics import SALES_EVENTS
from ..domain.customer_stats import STATS_EVENTS
from ..domain.notifications import NOTIFYING_EVENTS
from ..domain.promotion_reports import REPORT_EVENTS
from ..services.ports import EventPublisher, OutboxEvent
from ..settings import Settings

# Which events become work for which queue (queue names: <prefix><name>).
ROUTE_TABLE: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"order.ready_for_fulfillment"}), "fulfillment"),
    # stock.restocked: the notify-me subscribers of a SKU available again (ADR 0022).
    (frozenset({"stock.low", "stock.replenished", "stock.restocked"}), "stock-alerts"),
    # The events a customer is told of (domain/notifications.py).
    (frozenset(NOTIFYING_EVENTS), "notifications"),
    # The order events customer stats are kept from (domain/customer_stats.py).
    (STATS_EVENTS, "customer-stats"),
    # A submitted review may open a care ticket, a published one earn the reward (domain/reviews.py).
    (frozenset({"review.submitted", "review.published"}), "reviews"),
    # The order events the daily sales read model is kept from (domain/analytics.py).
    (SALES_EVENTS, "analytics-sales"),
    # The order events the promotion reports are kept from (domain/promotion_reports.py, ADR 0028).
    (REPORT_EVENTS, "promotion-reports"),
)
# event type -> the queues it goes to (an event may feed several workers)
ROUTES: dict[str, tuple[str, ...]] = {
    kind: tuple(queue for kinds, queue in ROUTE_TABLE if kind in kinds)
    for kind in sorted(set().union(*(kinds for kinds, _ in ROUTE_TABLE)))
}


class SqsRouter:
    def __init__(self, settings: Settings, routes: dict[str, tuple[str, ...]] | None = None) -> None:
        self.settings = settings
        self.routes = ROUTES if routes is None else routes
        self._client: Any = None
        self._urls: dict[str, str] = {}

    def _url(self, queue: str) -> str:
        if self._client is None:
            import boto3

            self._client = boto3.client(
                "sqs", region_name=self.settings.region, endpoint_url=self.settings.sqs_endpoint
            )
        if queue not in self._urls:
            name = self.settings.queue_prefix + queue
            self._urls[queue] = self._client.get_queue_url(QueueName=name)["QueueUrl"]
        return self._urls[queue]

    def publish(self, events: list[OutboxEvent]) -> None:
        for event in events:
            queues = self.routes.get(event.type, ())
            if not queues:
                continue
            body = json.dumps(event.to_wire())
            for queue in queues:
                self._client_send(queue, body)

    def _client_send(self, queue: str, body: str) -> None:
        url = self._url(queue)
        self._client.send_message(QueueUrl=url, MessageBody=body)


class FanOut:
    """Publish to every publisher (EventBridge for the world, SQS for our own workers)."""

    def __init__(self, *publishers: EventPublisher) -> None:
        self.publishers = publishers

    def publish(self, events: list[OutboxEvent]) -> None:
        for publisher in self.publishers:
            publisher.publish(events)
