"""DynamoDB: content slots (ADR 0023; docs/data-model.md, "Merchandising"). One
item per slot, ``CONTENT_SLOT#<slot>`` / ``SLOT``, its items a JSON list; a put
replaces them all, conditioned on the version read (optimistic locking)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.attributes import UTCDateTimeAttribute as Moment
from pynamodb.exceptions import PutError

from ...domain.clock import parse_rfc3339_or_none, rfc3339_or_none
from ...domain.content import ContentSlot, SlotItem
from ...domain.error_codes import CommonErrorCode
from ...domain.errors import Conflict
from . import raw_reads
from .models import Item


def slot_key(slot: str) -> tuple[str, str]:
    return f"CONTENT_SLOT#{slot}", "SLOT"


class ContentSlotItem(Item, discriminator="ContentSlot"):
    slot = UnicodeAttribute()
    items = JSONAttribute(default=list)
    updated_at = Moment()
    updated_by = UnicodeAttribute()
    revision = NumberAttribute(default=1)


def _item_json(i: SlotItem) -> dict[str, Any]:
    return {
        "title": i.title,
        "link": i.link,
        "image": i.image,
        "media_id": i.media_id,
        "position": i.position,
        "starts_at": rfc3339_or_none(i.starts_at),
        "ends_at": rfc3339_or_none(i.ends_at),
    }


def _item(data: dict[str, Any]) -> SlotItem:
    return SlotItem(
        title=data["title"],
        link=data.get("link"),
        image=data.get("image"),
        media_id=data.get("media_id"),
        position=int(data.get("position") or 0),
        starts_at=_moment(data.get("starts_at")),
        ends_at=_moment(data.get("ends_at")),
    )


def _moment(value: str | None) -> datetime | None:
    return parse_rfc3339_or_none(value)


class DynamoContentSlots:
    def get(self, slot: str) -> ContentSlot | None:
        raw = raw_reads.get_item(*slot_key(slot))
        if raw is None:
            return None
        i = raw_reads.decode(raw, ContentSlotItem)
        items = tuple(_item(d) for d in (i.items or []))
        return ContentSlot(i.slot, items, i.updated_at, i.updated_by, int(i.revision or 1))

    def put(self, slot: ContentSlot) -> ContentSlot:
        """The slot's next version; Conflict (concurrent_update) if another put came first."""
        current = self.get(slot.slot)
        version = current.version + 1 if current else 1
        item = ContentSlotItem(
            *slot_key(slot.slot),
            slot=slot.slot,
            items=[_item_json(i) for i in slot.items],
            updated_at=slot.updated_at,
            updated_by=slot.updated_by,
            revision=version,
        )
        condition = ContentSlotItem.revision == current.version if current else ContentSlotItem.PK.does_not_exist()
        try:
            item.save(condition=condition)
        except PutError as error:
            if getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException":
                raise Conflict("The slot changed meanwhile; retry.", code=CommonErrorCode.CONCURRENT_UPDATE) from None
            raise
        return ContentSlot(slot.slot, slot.items, slot.updated_at, slot.updated_by, version)
