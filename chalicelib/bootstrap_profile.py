"""The composition root's part for customer profiles, address books and privacy
(kept apart so bootstrap.py stays short): all on DynamoDB. Imports nothing heavy
at module level (bootstrap imports this at cold start)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .domain.clock import Clock
    from .services.ports import Metrics
    from .services.privacy import PrivacyService
    from .services.profiles import ProfileService
    from .settings import Settings


def build_profiles(settings: Settings, clock: Clock) -> ProfileService:
    from .adapters.dynamo.profiles import DynamoAddressBook, DynamoProfiles
    from .services.profiles import ProfileService

    return ProfileService(DynamoProfiles(), DynamoAddressBook(), clock, settings.store_timezone)


def build_privacy(clock: Clock, metrics: Metrics) -> PrivacyService:
    """Built per request: it holds no connections of its own and is used rarely."""
    from .adapters.dynamo.personal_data import DynamoPersonalData
    from .adapters.dynamo.profiles import DynamoProfiles
    from .services.privacy import PrivacyService

    return PrivacyService(DynamoProfiles(), DynamoPersonalData(), clock, metrics)
