"""The composition root's part for notifications (kept apart so bootstrap.py stays short):
the service on DynamoDB, Amazon SES and Amazon SNS."""

from __future__ import annotations

from .domain.clock import Clock
from .services.notifications import NotificationPolicy, NotificationService
from .services.ports import Metrics
from .settings import Settings


def build_notifications(settings: Settings, clock: Clock, metrics: Metrics) -> NotificationService:
    from .adapters.dynamo import notifications as store
    from .adapters.messaging import SesEmail, SnsSms

    return NotificationService(
        store.DynamoSendLog(),
        store.DynamoInbox(),
        SesEmail(settings),
        SnsSms(settings),
        store.DynamoPreferences(),
        store.DynamoMarketingCaps(),
        store.DynamoCampaigns(),
        store.CustomerContacts(),
        clock,
        NotificationPolicy(settings.marketing_monthly_cap, settings.store_timezone),
        metrics,
    )
