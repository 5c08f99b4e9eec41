"""Content slots (ADR 0023): what the storefront shows in a named place (the home
page's banners, say), each item with its time window and position. Staff replace a
slot's items at once; the storefront reads only the items live now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

SLOT_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
MAX_ITEMS = 50


@dataclass(frozen=True)
class SlotItem:
    title: str
    link: str | None
    image: str | None  # an http(s) URL, or
    media_id: str | None  # a ready image in the media library
    position: int
    starts_at: datetime | None
    ends_at: datetime | None

    def is_live(self, now: datetime) -> bool:
        return (self.starts_at is None or self.starts_at <= now) and (self.ends_at is None or now < self.ends_at)


@dataclass(frozen=True)
class ContentSlot:
    slot: str
    items: tuple[SlotItem, ...]
    updated_at: datetime
    updated_by: str
    version: int = 1


def live_items(slot: ContentSlot, now: datetime) -> list[SlotItem]:
    """The items live at ``now``, by position (then by title)."""
    return sorted((i for i in slot.items if i.is_live(now)), key=lambda i: (i.position, i.title))


def next_change(slot: ContentSlot, now: datetime) -> datetime | None:
    """When the live set next changes (an item starts or ends): how long a copy may be cached."""
    moments = [t for i in slot.items for t in (i.starts_at, i.ends_at) if t is not None and t > now]
    return min(moments) if moments else None
