"""Listing checks and delisting reasons (ADR 0023). A product is listed (now or
from a scheduled time) only when its information is complete:

- a title;
- a description of at least ``COMMERCE_LISTING_MIN_DESCRIPTION`` characters;
- at least one main image: an image URL (``images``) or a ready ``main`` media;
- every SKU priced (a price above zero) with a stock policy (a safety stock of zero or more);
- a category that exists.

A delisting names its reason (one of ``DELIST_REASONS``) and may add a note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .catalog import Product, Sku
from .clock import to_rfc3339
from .error_codes import MerchErrorCode
from .errors import FieldError, ValidationFailed

DELIST_REASONS = ("out_of_stock", "discontinued", "seasonal", "quality_issue", "compliance", "pricing_error", "other")
MAX_NOTE = 500
HISTORY_ACTIONS = ("created", "listed", "list_scheduled", "delisted", "delist_scheduled", "margin_override")


class ListingIncomplete(ValidationFailed):
    code = MerchErrorCode.LISTING_INCOMPLETE


@dataclass(frozen=True)
class Delisting:
    reason: str
    note: str | None
    by: str
    at: datetime  # when it was decided
    effective_at: datetime  # when the product leaves the store

    def to_dict(self) -> dict[str, Any]:
        return {
            "reason": self.reason,
            "note": self.note,
            "by": self.by,
            "at": to_rfc3339(self.at),
            "effective_at": to_rfc3339(self.effective_at),
        }


@dataclass(frozen=True)
class HistoryEntry:
    product_id: str
    id: str
    action: str  # one of HISTORY_ACTIONS
    actor: str
    at: datetime
    details: dict[str, Any]


def missing_parts(
    product: Product, skus: list[Sku], category_exists: bool, main_media: int, min_description: int
) -> list[FieldError]:
    """What keeps ``product`` from being listed (empty: complete)."""
    missing = []
    if not product.title.strip():
        missing.append(FieldError("title", "required", "A listed product has a title."))
    if len(product.description.strip()) < min_description:
        missing.append(
            FieldError("description", "too_short", f"A listed product's description has {min_description}+ characters.")
        )
    if not product.images and main_media == 0:
        missing.append(FieldError("media", "main_image_required", "Add an image URL or a ready main media."))
    for sku in skus:
        if sku.price <= 0:
            missing.append(FieldError(f"skus.{sku.code}.price", "required", "Every SKU has a price above zero."))
        if sku.safety_stock < 0:
            missing.append(FieldError(f"skus.{sku.code}.safety_stock", "required", "Every SKU has a stock policy."))
    if not skus:
        missing.append(FieldError("skus", "required", "A listed product has at least one SKU."))
    if not category_exists:
        missing.append(FieldError("category_id", "not_found", "A listed product is in an existing category."))
    return missing


def require_complete(product_id: str, missing: list[FieldError]) -> None:
    if missing:
        names = ", ".join(dict.fromkeys(m.field.split(".")[0] for m in missing))
        raise ListingIncomplete(f"Product {product_id} cannot be listed until complete: {names}.", missing)
