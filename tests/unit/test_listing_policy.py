"""The catalog with its merchandising rules (services/listing.py): margins guarded
on create and edit, media references, the listing checks, delisting reasons and
the product's history."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chalicelib.domain.errors import InvalidTransition, ValidationFailed
from chalicelib.domain.listing import HistoryEntry, ListingIncomplete
from chalicelib.domain.margins import MarginOverride, MarginTooLow
from chalicelib.domain.media import Media
from chalicelib.services.catalog import CatalogService
from chalicelib.services.listing import CatalogPolicy
from chalicelib.services.ports import Page, Position
from tests.unit.builders import CURRENCY, T0, Shop, a_new_sku_patch, a_sku_spec, advance, at, cny

LONG = "A description long enough to list."


class FakeMedia:
    def __init__(self) -> None:
        self.by_id: dict[str, Media] = {}

    def put(self, media_id: str, kind: str = "main", status: str = "ready") -> str:
        self.by_id[media_id] = Media(media_id, kind, "image/png", 10, f"media/{media_id}", status, "staff:x", T0)
        return media_id

    def get_many(self, media_ids: list[str]) -> dict[str, Media]:
        return {m: self.by_id[m] for m in media_ids if m in self.by_id}


class FakeHistory:
    def __init__(self) -> None:
        self.entries: list[HistoryEntry] = []

    def append(self, entry: HistoryEntry) -> None:
        self.entries.append(entry)

    def page(self, product_id: str, limit: int, after: Position | None) -> Page:
        mine = [e for e in reversed(self.entries) if e.product_id == product_id]
        return Page(mine[:limit], None)


class MerchShop(Shop):
    def __post_init__(self) -> None:
        super().__post_init__()
        self.media = FakeMedia()
        self.history = FakeHistory()
        self.policy = CatalogPolicy(self.media, self.history, self.clock, min_margin=30, min_description=20)
        self.catalog = CatalogService(
            self.categories, self.products, self.clock, CURRENCY, default_safety_stock=0, policy=self.policy
        )

    def actions(self, product_id: str) -> list[str]:
        return [e.action for e in self.history.entries if e.product_id == product_id]


@pytest.fixture
def shop() -> MerchShop:
    return MerchShop()


def test_a_product_priced_under_the_minimum_margin_is_refused(shop):
    with pytest.raises(MarginTooLow) as raised:
        shop.product(skus=[a_sku_spec("LOW", 10000, cost_price=cny(7500), member_price=cny(9000))])
    assert [(s["sku"], s["price_type"]) for s in raised.value.extra["skus"]] == [
        ("LOW", "price"),
        ("LOW", "member_price"),
    ]
    assert shop.products.by_id == {}


def test_an_override_lets_it_through_and_is_recorded_on_the_product_and_its_history(shop):
    product = shop.product(
        skus=[a_sku_spec("LOW", 10000, cost_price=cny(7500))], override=MarginOverride("staff:admin", T0)
    )
    assert product.margin_override == {"by": "staff:admin", "at": "2025-03-01T12:00:00Z", "skus": ["LOW"]}
    assert shop.actions(product.id) == ["created", "margin_override"]


def test_an_edit_checks_the_skus_priced_anew_only(shop):
    product = shop.product(skus=[a_sku_spec("OK", 10000, cost_price=cny(5000))])
    patch = {"skus": [{"code": "OK", "price": cny(6000)}]}
    with pytest.raises(MarginTooLow):
        shop.catalog.update_product(product.id, patch, "staff:ops")
    with pytest.raises(MarginTooLow):
        shop.catalog.update_product(product.id, {"skus": [a_new_sku_patch("NEW", 1000, cost_price=cny(900))]}, "s")
    renamed = shop.catalog.update_product(product.id, {"title": "Renamed"}, "staff:ops")
    assert renamed.product.title == "Renamed" and renamed.product.margin_override is None
    overridden = shop.catalog.update_product(product.id, {**patch, "override": MarginOverride("staff:a", T0)}, "s")
    assert overridden.product.margin_override["skus"] == ["OK"]


def test_listing_an_incomplete_product_names_every_missing_part(shop):
    product = shop.product(description="short", skus=[a_sku_spec("FREE", 0)])
    with pytest.raises(ListingIncomplete) as raised:
        shop.catalog.list_product(product.id, None, "staff:ops")
    assert raised.value.code == "listing_incomplete"
    assert [(e.field, e.code) for e in raised.value.errors] == [
        ("description", "too_short"),
        ("media", "main_image_required"),
        ("skus.FREE.price", "required"),
    ]
    with pytest.raises(ListingIncomplete):  # a scheduled listing too
        shop.catalog.list_product(product.id, at(days=1), "staff:ops")
    with pytest.raises(ListingIncomplete):  # and a product created listed
        shop.product(description="short", status="listed")


def test_an_image_url_or_a_ready_main_media_counts_as_the_main_image(shop):
    with_url = shop.product(description=LONG, images=("https://img.example/a.jpg",))
    assert shop.catalog.list_product(with_url.id, None, "staff:ops").product.status == "listed"
    main = shop.media.put("media_main")
    detail = shop.media.put("media_detail", kind="detail")
    only_detail = shop.product(description=LONG, media=(detail,))
    with pytest.raises(ListingIncomplete):
        shop.catalog.list_product(only_detail.id, None, "staff:ops")
    with_media = shop.product(description=LONG, media=(main, detail), status="listed")
    assert with_media.status == "listed" and with_media.media == (main, detail)
    assert shop.actions(with_media.id) == ["created"]
    assert shop.actions(with_url.id) == ["created", "listed"]


def test_a_product_references_ready_media_only(shop):
    shop.media.put("media_pending", status="pending")
    with pytest.raises(ValidationFailed) as raised:
        shop.product(media=("media_pending", "media_unknown"))
    assert [(e.field, e.code) for e in raised.value.errors] == [("media.0", "not_ready"), ("media.1", "not_ready")]
    product = shop.product(description=LONG)
    shop.media.put("media_ok")
    assert shop.catalog.update_product(product.id, {"media": ["media_ok"]}, "s").product.media == ("media_ok",)


def test_delisting_needs_a_reason_recorded_on_the_product_and_its_history(shop):
    product = shop.product(description=LONG, images=("https://img.example/a.jpg",), status="listed")
    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.delist_product(product.id, None, "staff:ops")
    assert [e.field for e in raised.value.errors] == ["reason"]
    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.delist_product(product.id, None, "staff:ops", reason="other", note=" ")
    assert [e.field for e in raised.value.errors] == ["note"]
    delisted = shop.catalog.delist_product(product.id, None, "staff:ops", reason="quality_issue", note="Seams split")
    assert delisted.product.status == "delisted"
    assert delisted.product.delisting == {
        "reason": "quality_issue",
        "note": "Seams split",
        "by": "staff:ops",
        "at": "2025-03-01T12:00:00Z",
        "effective_at": "2025-03-01T12:00:00Z",
    }
    last = shop.history.entries[-1]
    assert (last.action, last.actor, last.details["reason"], last.details["note"]) == (
        "delisted",
        "staff:ops",
        "quality_issue",
        "Seams split",
    )
    with pytest.raises(InvalidTransition):
        shop.catalog.delist_product(product.id, None, "staff:ops", reason="discontinued")


def test_a_scheduled_delisting_records_its_reason_and_when_it_takes_effect(shop):
    product = shop.product(description=LONG, images=("https://img.example/a.jpg",), status="listed")
    later = at(days=3)
    scheduled = shop.catalog.delist_product(product.id, later, "staff:ops", reason="seasonal")
    assert (
        scheduled.product.status == "listed" and scheduled.product.delisting["effective_at"] == "2025-03-04T12:00:00Z"
    )
    advance(shop.clock, days=4)
    shop.catalog.publish_scheduled_listings(shop.clock.now())
    assert shop.catalog.get_product(product.id).product.status == "delisted"
    assert shop.actions(product.id) == ["created", "delist_scheduled"]
    assert [e.action for e in shop.policy.history(product.id, 10, None).items] == ["delist_scheduled", "created"]


def test_without_the_rules_the_catalog_behaves_as_before():
    plain = Shop()
    product = plain.product(skus=[a_sku_spec("LOW", 10000, cost_price=cny(9999))], status="listed")
    assert plain.catalog.delist_product(product.id, None).product.status == "delisted"
    assert replace(product, status="x").margin_override is None
