"""Media uploads and content slots (ADR 0023): requests and responses."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator

from ...domain.content import MAX_ITEMS, ContentSlot, SlotItem
from ...domain.media import Media, object_key
from ...settings import get_settings
from .common import Strict, Timestamp, not_blank, ts

MediaId = Annotated[str, StringConstraints(pattern=r"^media_[0-9A-Za-z]{26}$")]


def media_url(media_id: str) -> str:
    return f"{get_settings().media_url_base}/{object_key(media_id)}"


def media_refs_out(media_ids: tuple[str, ...]) -> list[dict[str, str]]:
    return [{"id": m, "url": media_url(m)} for m in media_ids]


class MediaUploadIn(Strict):
    kind: Literal["main", "detail", "video"]
    content_type: str = Field(min_length=3, max_length=100)
    size: int = Field(ge=1, le=10**10)


def media_out(m: Media) -> dict[str, Any]:
    return {
        "id": m.id,
        "kind": m.kind,
        "content_type": m.content_type,
        "size": m.size,
        "status": m.status,
        "url": media_url(m.id),
        "width": m.width,
        "height": m.height,
        "duration_seconds": m.duration_seconds,
        "failures": list(m.failures),
        "created_by": m.created_by,
        "created_at": ts(m.created_at),
        "completed_at": ts(m.completed_at),
    }


def _http_url(value: str | None) -> str | None:
    if value is not None and (not value.startswith(("https://", "http://", "/")) or len(value) > 2000):
        raise ValueError("must be an http(s) URL or a path of at most 2000 characters")
    return value


class SlotItemIn(Strict):
    title: str = Field(min_length=1, max_length=200)
    link: str | None = None
    image: str | None = None
    media_id: MediaId | None = None
    position: int = Field(default=0, ge=0, le=10_000)
    starts_at: Timestamp | None = None
    ends_at: Timestamp | None = None

    _title = field_validator("title")(not_blank)
    _urls = field_validator("link", "image")(_http_url)

    def to_item(self) -> SlotItem:
        return SlotItem(self.title, self.link, self.image, self.media_id, self.position, self.starts_at, self.ends_at)


class SlotIn(Strict):
    items: list[SlotItemIn] = Field(max_length=MAX_ITEMS)


def slot_item_out(i: SlotItem) -> dict[str, Any]:
    return {
        "title": i.title,
        "link": i.link,
        "image": media_url(i.media_id) if i.media_id else i.image,
        "media_id": i.media_id,
        "position": i.position,
        "starts_at": ts(i.starts_at),
        "ends_at": ts(i.ends_at),
    }


def slot_out(slot: ContentSlot, items: list[SlotItem], staff: bool) -> dict[str, Any]:
    body: dict[str, Any] = {"slot": slot.slot, "items": [slot_item_out(i) for i in items]}
    if staff:
        body.update(updated_at=ts(slot.updated_at), updated_by=slot.updated_by, version=slot.version)
    return body
