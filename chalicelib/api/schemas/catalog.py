"""Categories and products: the storefront and the admin views."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field, field_validator

from ...domain.catalog import HANDLE_PATTERN, MAX_SKUS_PER_PRODUCT, Category, Product, ProductRating, Sku, StockLevel
from ...domain.listing import DELIST_REASONS, MAX_NOTE
from ...domain.search import MAX_SYNONYM_GROUPS, MAX_SYNONYM_LENGTH, MAX_SYNONYM_TERMS, Facets
from ...services.catalog_specs import SkuSpec
from ...services.ports import ProductView
from .common import Code, Labels, MoneyIn, ShortText, Strict, Timestamp, money, not_blank, ts
from .inventory import stock_out
from .media import MediaId, media_refs_out


def _http_urls(value: list[str] | None) -> list[str] | None:
    for url in value or []:
        if not url.startswith(("https://", "http://")) or len(url) > 2000:
            raise ValueError("images must be http(s) URLs of at most 2000 characters")
    return value


class CategoryIn(Strict):
    name: str = Field(min_length=1, max_length=100)
    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)
    parent_id: str | None = Field(default=None, max_length=64)

    _name_not_blank = field_validator("name")(not_blank)


Specs = Labels
# A product's own key from the staff's systems (a CSV import's product_key), unique, fixed at creation.
Handle = Field(default=None, pattern=HANDLE_PATTERN)


class SkuIn(Strict):
    code: str = Code
    specs: Specs = Field(default_factory=dict, max_length=20)
    price: MoneyIn
    member_price: MoneyIn | None = None
    cost_price: MoneyIn | None = None
    weight_grams: int = Field(ge=0, le=1_000_000)
    stock: int = Field(default=0, ge=0, le=10_000_000)
    safety_stock: int = Field(default=0, ge=0, le=10_000_000)

    def to_spec(self) -> SkuSpec:
        return SkuSpec(
            code=self.code,
            specs=self.specs,
            price=self.price.to_money(),
            member_price=self.member_price.to_money() if self.member_price else None,
            cost_price=self.cost_price.to_money() if self.cost_price else None,
            weight_grams=self.weight_grams,
            stock=self.stock,
            # left out: the store default (COMMERCE_DEFAULT_SAFETY_STOCK); an explicit 0 stays 0
            safety_stock=self.safety_stock if "safety_stock" in self.model_fields_set else None,
        )


class ProductIn(Strict):
    title: str = ShortText
    description: str = Field(default="", max_length=20_000)
    category_id: str = Field(min_length=1, max_length=64)
    images: list[str] = Field(default_factory=list, max_length=20)
    attributes: Labels = Field(default_factory=dict, max_length=50)
    skus: list[SkuIn] = Field(min_length=1, max_length=MAX_SKUS_PER_PRODUCT)
    status: Literal["draft", "listed"] = "draft"
    list_at: Timestamp | None = None
    delist_at: Timestamp | None = None
    returnable_without_reason: bool = True
    handle: str | None = Handle
    media: list[MediaId] = Field(default_factory=list, max_length=20)  # ready media ids (ADR 0023)
    override_margin: bool = False  # admins only: under the minimum margin all the same

    _title_not_blank = field_validator("title")(not_blank)
    _images = field_validator("images")(_http_urls)


class SkuPatchIn(Strict):
    code: str = Code
    specs: Specs | None = Field(default=None, max_length=20)
    price: MoneyIn | None = None
    member_price: MoneyIn | None = None
    cost_price: MoneyIn | None = None
    weight_grams: int | None = Field(default=None, ge=0, le=1_000_000)
    safety_stock: int | None = Field(default=None, ge=0, le=10_000_000)
    stock: int | None = Field(default=None, ge=0, le=10_000_000)  # new SKUs only


class ProductPatchIn(Strict):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=20_000)
    category_id: str | None = Field(default=None, max_length=64)
    images: list[str] | None = Field(default=None, max_length=20)
    attributes: Labels | None = Field(default=None, max_length=50)
    skus: list[SkuPatchIn] | None = Field(default=None, max_length=MAX_SKUS_PER_PRODUCT)
    list_at: Timestamp | None = None
    delist_at: Timestamp | None = None
    returnable_without_reason: bool | None = None
    media: list[MediaId] | None = Field(default=None, max_length=20)
    override_margin: bool = False

    _title_not_blank = field_validator("title")(not_blank)
    _images = field_validator("images")(_http_urls)

    def to_patch(self) -> dict[str, Any]:
        """Only the fields the client sent; an explicit null clears a nullable field."""
        patch: dict[str, Any] = {}
        for name in self.model_fields_set - {"override_margin"}:
            value = getattr(self, name)
            if name == "skus":
                patch["skus"] = [_sku_patch(s) for s in value or []]
            elif value is None and name not in ("list_at", "delist_at"):
                continue
            else:
                patch[name] = value
        return patch


def _sku_patch(s: SkuPatchIn) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in s.model_fields_set | {"code"}:
        value = getattr(s, name)
        out[name] = value.to_money() if isinstance(value, MoneyIn) else value
    return out


class ScheduleIn(Strict):
    at: Timestamp | None = None


class DelistIn(Strict):
    at: Timestamp | None = None
    reason: Literal[DELIST_REASONS] | None = None  # type: ignore[valid-type]  # required: 400 names it when missing
    note: str | None = Field(default=None, max_length=MAX_NOTE)


def category_out(c: Category) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "slug": c.slug,
        "parent_id": c.parent_id,
        "path": list(c.path),
        "created_at": ts(c.created_at),
    }


def store_sku_out(sku: Sku, stock: StockLevel, currency: str, is_member: bool) -> dict[str, Any]:
    effective = sku.price
    if is_member and sku.member_price is not None:
        effective = min(effective, sku.member_price)
    return {
        "code": sku.code,
        "specs": sku.specs,
        "price": money(sku.price, currency),
        "member_price": money(sku.member_price, currency),
        "effective_price": money(effective, currency),
        "in_stock": stock.available > 0,
    }


def store_product_out(view: ProductView, currency: str, is_member: bool = False) -> dict[str, Any]:
    p = view.product
    return {
        **_product_common(p, currency),
        "media": media_refs_out(p.media),
        "skus": [store_sku_out(s, st, currency, is_member) for s, st in view.skus],
        "rating": rating_out(p.rating),
    }


def rating_out(r: ProductRating) -> dict[str, Any]:
    """Published reviews' lines: the average (null before the first), count and lines per star."""
    return {
        "average": r.average,
        "count": r.count,
        "distribution": {str(star): n for star, n in zip((1, 2, 3, 4, 5), r.stars, strict=True)},
    }


def product_summary_out(p: Product, currency: str) -> dict[str, Any]:
    return {**_product_common(p, currency), "sales": p.sales}


def _product_common(p: Product, currency: str) -> dict[str, Any]:
    return {
        "id": p.id,
        "title": p.title,
        "description": p.description,
        "category_id": p.category_id,
        "images": list(p.images),
        "attributes": p.attributes,
        "returnable_without_reason": p.returnable_without_reason,
        "price_range": {"min": money(p.min_price, currency), "max": money(p.max_price, currency)},
        "created_at": ts(p.created_at),
    }


def admin_product_out(view: ProductView, currency: str, now: datetime) -> dict[str, Any]:
    p = view.product
    return {
        **_product_common(p, currency),
        "category_path": list(p.category_path),
        "handle": p.handle,
        "status": p.status,
        "visible": p.is_visible(now),
        "list_at": ts(p.list_at),
        "delist_at": ts(p.delist_at),
        "listed_at": ts(p.listed_at),
        "sales": p.sales,
        "version": p.version,
        "updated_at": ts(p.updated_at),
        "media": media_refs_out(p.media),
        "margin_override": p.margin_override,
        "delisting": p.delisting,
        "skus": [
            {
                "code": s.code,
                "specs": s.specs,
                "price": money(s.price, currency),
                "member_price": money(s.member_price, currency),
                "cost_price": money(s.cost_price, currency),
                "weight_grams": s.weight_grams,
                "safety_stock": s.safety_stock,
                **stock_out(st),
            }
            for s, st in view.skus
        ],
    }


def admin_product_summary_out(p: Product, currency: str, now: datetime) -> dict[str, Any]:
    return {
        **_product_common(p, currency),
        "handle": p.handle,
        "status": p.status,
        "visible": p.is_visible(now),
        "list_at": ts(p.list_at),
        "delist_at": ts(p.delist_at),
        "sku_codes": list(p.sku_codes),
        "updated_at": ts(p.updated_at),
    }


def facets_out(f: Facets, currency: str) -> dict[str, Any]:
    return {
        "price_bands": [
            {"min": money(low, currency), "max": money(high, currency), "count": count}
            for low, high, count in f.price_bands
        ],
        "attributes": {
            name: [{"value": value, "count": count} for value, count in values] for name, values in f.attributes.items()
        },
    }


class SynonymGroupIn(Strict):
    terms: list[str] = Field(min_length=2, max_length=MAX_SYNONYM_TERMS)

    @field_validator("terms")
    @classmethod
    def _bounded(cls, value: list[str]) -> list[str]:
        for term in value:
            if not term.strip() or len(term) > MAX_SYNONYM_LENGTH:
                raise ValueError(f"each term has 1 to {MAX_SYNONYM_LENGTH} characters")
        return value


class SynonymsIn(Strict):
    synonyms: list[SynonymGroupIn] = Field(max_length=MAX_SYNONYM_GROUPS)


def synonyms_out(groups: list[list[str]]) -> dict[str, Any]:
    return {"synonyms": [{"terms": list(g)} for g in groups]}
