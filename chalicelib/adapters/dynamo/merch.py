"""DynamoDB: the media library and products' histories (ADR 0023; docs/data-model.md,
"Merchandising"). A media is one item ``MEDIA#<id>`` / ``MEDIA``; a product's
history is its own partition ``PRODUCT_HISTORY#<product>``, one item per entry
sorted by time (``<moment>#<entry id>``), read newest first."""

from __future__ import annotations

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.attributes import UTCDateTimeAttribute as Moment

from ...domain.listing import HistoryEntry
from ...domain.media import Media
from ...services.ports import Page, Position
from . import keys, raw_reads
from .models import Item, str_list
from .paging import BASE_KEYS, query_page


def media_key(media_id: str) -> tuple[str, str]:
    return f"MEDIA#{media_id}", "MEDIA"


def history_partition(product_id: str) -> str:
    return f"PRODUCT_HISTORY#{product_id}"


class MediaItem(Item, discriminator="Media"):
    id = UnicodeAttribute()
    kind = UnicodeAttribute()
    content_type = UnicodeAttribute()
    size = NumberAttribute()
    key = UnicodeAttribute()
    status = UnicodeAttribute()  # pending | ready | rejected
    created_by = UnicodeAttribute()
    created_at = Moment()
    completed_at = Moment(null=True)
    width = NumberAttribute(null=True)
    height = NumberAttribute(null=True)
    duration_seconds = NumberAttribute(null=True)
    failures = str_list(of=UnicodeAttribute, null=True)


class ProductHistoryItem(Item, discriminator="ProductHistory"):
    product_id = UnicodeAttribute()
    id = UnicodeAttribute()
    action = UnicodeAttribute()
    actor = UnicodeAttribute()
    at = Moment()
    details = JSONAttribute(null=True)


def _media_item(m: Media) -> MediaItem:
    return MediaItem(
        *media_key(m.id),
        id=m.id,
        kind=m.kind,
        content_type=m.content_type,
        size=m.size,
        key=m.key,
        status=m.status,
        created_by=m.created_by,
        created_at=m.created_at,
        completed_at=m.completed_at,
        width=m.width,
        height=m.height,
        duration_seconds=m.duration_seconds,
        failures=list(m.failures) or None,
    )


def _media(i: MediaItem) -> Media:
    return Media(
        id=i.id,
        kind=i.kind,
        content_type=i.content_type,
        size=int(i.size),
        key=i.key,
        status=i.status,
        created_by=i.created_by,
        created_at=i.created_at,
        completed_at=i.completed_at,
        width=int(i.width) if i.width is not None else None,
        height=int(i.height) if i.height is not None else None,
        duration_seconds=float(i.duration_seconds) if i.duration_seconds is not None else None,
        failures=tuple(i.failures or ()),
    )


class DynamoMedia:
    def add(self, media: Media) -> None:
        _media_item(media).save(condition=MediaItem.PK.does_not_exist())

    def save(self, media: Media) -> None:
        _media_item(media).save()

    def get(self, media_id: str) -> Media | None:
        raw = raw_reads.get_item(*media_key(media_id))
        return _media(raw_reads.decode(raw, MediaItem)) if raw is not None else None

    def get_many(self, media_ids: list[str]) -> dict[str, Media]:
        found: dict[str, Media] = {}
        for raw in raw_reads.batch_get(sorted({media_key(m) for m in media_ids})):
            media = _media(raw_reads.decode(raw, MediaItem))
            found[media.id] = media
        return found


class DynamoProductHistory:
    def append(self, entry: HistoryEntry) -> None:
        ProductHistoryItem(
            history_partition(entry.product_id),
            f"{keys.iso_key(entry.at)}#{entry.id}",
            product_id=entry.product_id,
            id=entry.id,
            action=entry.action,
            actor=entry.actor,
            at=entry.at,
            details={k: v for k, v in entry.details.items() if v is not None} or None,
        ).save()

    def page(self, product_id: str, limit: int, after: Position | None) -> Page:
        page = query_page(history_partition(product_id), None, BASE_KEYS, limit, after, forward=False)
        entries = [
            HistoryEntry(i.product_id, i.id, i.action, i.actor, i.at, dict(i.details or {}))
            for i in page.items
            if isinstance(i, ProductHistoryItem)
        ]
        return Page(entries, page.next_position)
