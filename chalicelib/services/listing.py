"""The catalog's merchandising rules (ADR 0023), which CatalogService applies when
it is given them: the margin guard on SKU prices, media references, the listing
checks and the product's history (edits with the prices they moved, listings,
delistings with their reasons, margin overrides)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, Protocol

from ..domain.catalog import Product, Sku
from ..domain.clock import Clock, to_rfc3339
from ..domain.errors import FieldError, ValidationFailed
from ..domain.ids import new_id
from ..domain.listing import DELIST_REASONS, MAX_NOTE, Delisting, HistoryEntry, missing_parts, require_complete
from ..domain.margins import MarginOverride, PricedSku, breaches, guard
from ..domain.media import Media
from .ports import CategoryRepository, Page, Position, ProductView

log = logging.getLogger(__name__)
MAX_MEDIA_PER_PRODUCT = 20
PRICE_FIELDS = ("price", "member_price", "cost_price")  # what an edit's history entry names, from and to


class MediaLookup(Protocol):
    def get_many(self, media_ids: list[str]) -> dict[str, Media]: ...


class ProductHistory(Protocol):
    def append(self, entry: HistoryEntry) -> None: ...
    def page(self, product_id: str, limit: int, after: Position | None) -> Page: ...  # newest first


def priced(sku: Sku) -> PricedSku:
    return PricedSku(sku.code, sku.price, sku.member_price, sku.cost_price)


class CatalogPolicy:
    def __init__(
        self, media: MediaLookup, history: ProductHistory, clock: Clock, *, min_margin: int, min_description: int
    ) -> None:
        self.media = media
        self.history_log = history
        self.clock = clock
        self.min_margin = min_margin
        self.min_description = min_description

    # --- margins -------------------------------------------------------------------------------
    def guard_prices(self, product: Product, skus: list[Sku], override: MarginOverride | None) -> Product:
        """``margin_too_low`` if a price of ``skus`` is under the minimum margin, unless
        overridden: then the override is recorded on the product."""
        found = [b for sku in skus for b in breaches(priced(sku), self.min_margin)]
        recorded = guard(found, self.min_margin, override)
        return replace(product, margin_override=recorded.to_dict()) if recorded else product

    def admit(
        self, product: Product, skus: list[Sku], media: Sequence[str], override: MarginOverride | None, listed: bool
    ) -> Product:
        """A new product: its media references checked, its margins guarded, and complete if listed."""
        product = self.guard_prices(replace(product, media=self.media_refs(media)), skus, override)
        if listed:
            self.check_listable(product, skus, category_exists=True)
        return product

    def revise(self, product: Product, patch: dict[str, Any], priced_anew: list[Sku]) -> Product:
        """An edit: its media references checked and the margins of the SKUs priced anew guarded."""
        if "media" in patch:
            product = replace(product, media=self.media_refs(patch["media"]))
        return self.guard_prices(product, priced_anew, patch.get("override"))

    # --- media ---------------------------------------------------------------------------------
    def media_refs(self, media_ids: Sequence[str]) -> tuple[str, ...]:
        """The product's media ids, each a ready media of the library (in the order given)."""
        ids = list(dict.fromkeys(media_ids))
        if len(ids) > MAX_MEDIA_PER_PRODUCT:
            raise ValidationFailed(
                "Too many media.", [FieldError("media", "too_many", f"At most {MAX_MEDIA_PER_PRODUCT}.")]
            )
        found = self.media.get_many(ids) if ids else {}
        errors = [
            FieldError(f"media.{i}", "not_ready", f"Media {mid} is not a ready upload.")
            for i, mid in enumerate(ids)
            if mid not in found or found[mid].status != "ready"
        ]
        if errors:
            raise ValidationFailed("Products reference ready media only.", errors)
        return tuple(ids)

    # --- listing -------------------------------------------------------------------------------
    def check_listable(self, product: Product, skus: list[Sku], category_exists: bool) -> None:
        found = self.media.get_many(list(product.media)) if product.media else {}
        mains = sum(1 for m in found.values() if m.kind == "main" and m.status == "ready")
        require_complete(product.id, missing_parts(product, skus, category_exists, mains, self.min_description))

    def check_listing(self, product: Product, view: ProductView, categories: CategoryRepository) -> None:
        skus = [sku for sku, _ in view.skus]
        self.check_listable(product, skus, categories.get(product.category_id) is not None)

    def with_delisting(self, product: Product, actor: str, reason: str | None, note: str | None) -> Product:
        """The delisted (or delisting-scheduled) product with its reason recorded."""
        record = self.delisting(reason, note, actor, product.delist_at or self.clock.now())
        return replace(product, delisting=record.to_dict())

    def delisting(self, reason: str | None, note: str | None, actor: str, effective_at: datetime) -> Delisting:
        errors = []
        if reason not in DELIST_REASONS:
            errors.append(
                FieldError("reason", "required", f"A delisting names its reason: {', '.join(DELIST_REASONS)}.")
            )
        if note is not None and len(note) > MAX_NOTE:
            errors.append(FieldError("note", "too_long", f"At most {MAX_NOTE} characters."))
        if reason == "other" and not (note or "").strip():
            errors.append(FieldError("note", "required", "A delisting for another reason says which in a note."))
        if errors:
            raise ValidationFailed("The delisting needs a reason.", errors)
        assert reason is not None
        return Delisting(reason, (note or "").strip() or None, actor, self.clock.now(), effective_at)

    # --- history -------------------------------------------------------------------------------
    def record(self, product: Product, action: str, actor: str, **details: Any) -> None:
        """Best effort, after the product's write: a failure is logged, never undoes the write."""
        entry = HistoryEntry(product.id, new_id("hist"), action, actor, self.clock.now(), details)
        try:
            self.history_log.append(entry)
        except Exception:  # noqa: BLE001 - the product itself changed already
            log.exception("product history append failed", extra={"product_id": product.id, "action": action})

    def created(self, product: Product, actor: str) -> None:
        self.record(product, "created", actor, status=product.status)
        self.record_override(replace(product, margin_override=None), product, actor)

    def listed(self, product: Product, actor: str) -> None:
        if product.list_at is not None:
            self.record(product, "list_scheduled", actor, at=to_rfc3339(product.list_at))
        else:
            self.record(product, "listed", actor)

    def delisted(self, product: Product, actor: str) -> None:
        scheduled = product.status == "listed"  # still listed: a delisting scheduled for later
        self.record(product, "delist_scheduled" if scheduled else "delisted", actor, **(product.delisting or {}))

    def record_update(self, before: ProductView, after: ProductView, patch: dict[str, Any], actor: str) -> None:
        """An edit in the history: the product fields sent, each SKU price that moved
        (``price``, ``member_price``, ``cost_price``: from, to), the SKUs added; then the
        margin override if the edit needed one."""
        fields = sorted(k for k in patch if k not in ("skus", "override", "override_margin"))
        old = {sku.code: sku for sku, _ in before.skus}
        prices, added = [], []
        for sku, _ in after.skus:
            was = old.get(sku.code)
            if was is None:
                added.append(sku.code)
                continue
            for name in PRICE_FIELDS:
                if getattr(was, name) != getattr(sku, name):
                    prices.append(
                        {"sku": sku.code, "field": name, "from": getattr(was, name), "to": getattr(sku, name)}
                    )
        if fields or prices or added:
            self.record(after.product, "updated", actor, fields=fields, prices=prices, new_skus=added)
        self.record_override(before.product, after.product, actor)

    def record_override(self, before: Product, after: Product, actor: str) -> None:
        if after.margin_override is not None and after.margin_override != before.margin_override:
            self.record(after, "margin_override", actor, **after.margin_override)

    def history(self, product_id: str, limit: int, after: Position | None) -> Page:
        """The product's history entries, newest first."""
        return self.history_log.page(product_id, limit, after)
