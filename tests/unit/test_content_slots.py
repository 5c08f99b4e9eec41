"""Content slots (domain/content.py, services/content.py): what is live now, in
what order, how long a storefront may cache it, and what staff may put in one."""

from __future__ import annotations

import pytest

from chalicelib.domain.clock import FixedClock
from chalicelib.domain.content import ContentSlot, SlotItem, live_items, next_change
from chalicelib.domain.errors import ValidationFailed
from chalicelib.services.content import MAX_AGE_SECONDS, ContentService
from tests.unit.builders import T0, at
from tests.unit.test_listing_policy import FakeMedia


def item(title: str, position: int = 0, starts=None, ends=None, image="https://img.example/b.jpg", media_id=None):
    return SlotItem(title, "/products/x", image, media_id, position, starts, ends)


class FakeSlots:
    def __init__(self) -> None:
        self.by_name: dict[str, ContentSlot] = {}

    def get(self, slot: str) -> ContentSlot | None:
        return self.by_name.get(slot)

    def put(self, slot: ContentSlot) -> ContentSlot:
        current = self.by_name.get(slot.slot)
        stored = ContentSlot(
            slot.slot, slot.items, slot.updated_at, slot.updated_by, (current.version + 1) if current else 1
        )
        self.by_name[slot.slot] = stored
        return stored


def test_only_items_inside_their_window_are_live_by_position():
    slot = ContentSlot(
        "home",
        (
            item("later", 0, starts=at(hours=1)),
            item("second", 2),
            item("ended", 0, ends=T0),
            item("first", 1, starts=at(hours=-1), ends=at(hours=2)),
        ),
        T0,
        "staff:x",
    )
    assert [i.title for i in live_items(slot, T0)] == ["first", "second"]
    assert next_change(slot, T0) == at(hours=1)


@pytest.fixture
def content():
    clock = FixedClock(T0)
    media = FakeMedia()
    return ContentService(FakeSlots(), media, clock), media, clock


def test_a_live_read_is_cacheable_until_the_next_change(content):
    service, _, _ = content
    service.replace_items("home-banners", [item("soon", starts=at(seconds=20)), item("now")], "staff:ops")
    slot, items, max_age = service.live("home-banners")
    assert [i.title for i in items] == ["now"] and max_age == 20 and slot.version == 1
    _, items, max_age = service.live("nothing-here")
    assert items == [] and max_age == MAX_AGE_SECONDS


def test_each_item_has_one_picture_a_window_in_order_and_ready_image_media(content):
    service, media, _ = content
    media.put("media_vid", kind="video")
    media.put("media_pend", status="pending")
    media.put("media_ok", kind="detail")
    bad = [
        item("both", media_id="media_ok"),
        item("none", image=None),
        item("backwards", starts=at(hours=2), ends=at(hours=1)),
        item("video", image=None, media_id="media_vid"),
        item("pending", image=None, media_id="media_pend"),
    ]
    with pytest.raises(ValidationFailed) as raised:
        service.replace_items("home", bad, "staff:ops")
    assert [e.field for e in raised.value.errors] == [
        "items.0.image",
        "items.1.image",
        "items.2.ends_at",
        "items.3.media_id",
        "items.4.media_id",
    ]
    stored = service.replace_items("home", [item("ok", image=None, media_id="media_ok")], "staff:ops")
    assert stored.items[0].media_id == "media_ok"
    with pytest.raises(ValidationFailed):
        service.replace_items("Home Page", [], "staff:ops")
