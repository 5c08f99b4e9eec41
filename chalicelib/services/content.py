"""Content slots (ADR 0023): staff replace a slot's items (banners and the like);
the storefront reads the items live now, cacheably."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from ..domain.clock import Clock
from ..domain.content import SLOT_PATTERN, ContentSlot, SlotItem, live_items, next_change
from ..domain.errors import FieldError, NotFound, ValidationFailed
from .listing import MediaLookup

MAX_AGE_SECONDS = 60  # how long the storefront may cache a slot (less when it changes sooner)


class SlotRepository(Protocol):
    def get(self, slot: str) -> ContentSlot | None: ...
    def put(self, slot: ContentSlot) -> ContentSlot: ...  # stores the next version


class ContentService:
    def __init__(self, slots: SlotRepository, media: MediaLookup, clock: Clock) -> None:
        self.slots = slots
        self.media = media
        self.clock = clock

    def replace_items(self, slot: str, items: Sequence[SlotItem], actor: str) -> ContentSlot:
        self._check_name(slot)
        errors: list[FieldError] = []
        for i, item in enumerate(items):
            if (item.image is None) == (item.media_id is None):
                errors.append(FieldError(f"items.{i}.image", "one_of", "Give exactly one of image and media_id."))
            if item.starts_at and item.ends_at and item.ends_at <= item.starts_at:
                errors.append(FieldError(f"items.{i}.ends_at", "before_starts_at", "ends_at is after starts_at."))
        wanted = [item.media_id for item in items if item.media_id]
        found = self.media.get_many(wanted) if wanted else {}
        for i, item in enumerate(items):
            media = found.get(item.media_id) if item.media_id else None
            if item.media_id and (media is None or media.status != "ready" or media.kind == "video"):
                errors.append(FieldError(f"items.{i}.media_id", "not_ready", "A ready image of the media library."))
        if errors:
            raise ValidationFailed("The slot's items are not valid.", errors)
        return self.slots.put(ContentSlot(slot, tuple(items), self.clock.now(), actor))

    def get(self, slot: str) -> ContentSlot:
        self._check_name(slot)
        found = self.slots.get(slot)
        if found is None:
            raise NotFound(f"No content slot {slot}.")
        return found

    def live(self, slot: str) -> tuple[ContentSlot, list[SlotItem], int]:
        """The slot, its items live now, and for how many seconds that answer holds."""
        now = self.clock.now()
        self._check_name(slot)
        found = self.slots.get(slot) or ContentSlot(slot, (), now, "system", version=0)
        return found, live_items(found, now), _max_age(next_change(found, now), now)

    @staticmethod
    def _check_name(slot: str) -> None:
        if not re.match(SLOT_PATTERN, slot) or len(slot) > 64:
            raise ValidationFailed(
                "Unknown slot name.", [FieldError("slot", "invalid", "Lowercase letters, digits, - and _.")]
            )


def _max_age(change: datetime | None, now: datetime) -> int:
    if change is None:
        return MAX_AGE_SECONDS
    return max(0, min(MAX_AGE_SECONDS, int((change - now).total_seconds())))
