"""The composition root's part for merchandising (ADR 0023; kept apart so
bootstrap.py stays short): the catalog's rules (margin guard, media references,
listing checks, product history), the promotions' margin guard, the media library
on S3 and the content slots, on DynamoDB."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from .domain.clock import Clock
from .settings import Settings

if TYPE_CHECKING:
    from .services.content import ContentService
    from .services.listing import CatalogPolicy
    from .services.margin_guard import PromotionMargins
    from .services.media import MediaService


def catalog_policy(settings: Settings, clock: Clock) -> CatalogPolicy:
    from .adapters.dynamo.merch import DynamoMedia, DynamoProductHistory
    from .services.listing import CatalogPolicy

    return CatalogPolicy(
        DynamoMedia(),
        DynamoProductHistory(),
        clock,
        min_margin=settings.min_margin_percent,
        min_description=settings.listing_min_description,
    )


def promotion_margins(settings: Settings, clock: Clock) -> PromotionMargins:
    from .adapters.dynamo.catalog import DynamoProducts
    from .services.margin_guard import PromotionMargins

    return PromotionMargins(DynamoProducts(settings.currency), clock, settings.min_margin_percent)


class Merch:
    """Built once per container, on first use (``merch(container)``)."""

    def __init__(self, settings: Settings, clock: Clock) -> None:
        self.settings = settings
        self.clock = clock

    @cached_property
    def media(self) -> MediaService:
        from .adapters.dynamo.merch import DynamoMedia
        from .adapters.s3_media import S3MediaStore
        from .services.media import MediaService

        return MediaService(DynamoMedia(), S3MediaStore(self.settings), self.clock)

    @cached_property
    def content(self) -> ContentService:
        from .adapters.dynamo.content import DynamoContentSlots
        from .adapters.dynamo.merch import DynamoMedia
        from .services.content import ContentService

        return ContentService(DynamoContentSlots(), DynamoMedia(), self.clock)


def merch(container: object) -> Merch:
    """The container's merchandising services (a container has ``settings`` and ``clock``)."""
    found = getattr(container, "_merch", None)
    if not isinstance(found, Merch):
        found = Merch(getattr(container, "settings"), getattr(container, "clock"))  # noqa: B009
        setattr(container, "_merch", found)  # noqa: B010
    return found
