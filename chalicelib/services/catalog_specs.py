"""What staff send to create or change products: product and SKU specifications
and a conditional edit's precondition (If-Match)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.margins import MarginOverride
from ..domain.money import Money


@dataclass(frozen=True)
class SkuSpec:
    code: str
    specs: dict[str, str]
    price: Money
    weight_grams: int
    stock: int = 0
    safety_stock: int | None = None  # None: the store's default_safety_stock
    member_price: Money | None = None
    cost_price: Money | None = None


@dataclass(frozen=True)
class ProductSpec:
    title: str
    category_id: str
    skus: list[SkuSpec]
    description: str = ""
    images: tuple[str, ...] = ()
    attributes: dict[str, str] | None = None
    status: str = "draft"
    list_at: datetime | None = None
    delist_at: datetime | None = None
    returnable_without_reason: bool = True
    handle: str | None = None
    media: tuple[str, ...] = ()  # ready media ids (ADR 0023)
    override: MarginOverride | None = None  # an admin's margin override


@dataclass(frozen=True)
class IfMatch:
    """A conditional edit's precondition (HTTP If-Match): the product versions it
    accepts, or any version of an existing product (``*``)."""

    versions: frozenset[int] = frozenset()
    any_version: bool = False

    def admits(self, version: int) -> bool:
        return self.any_version or version in self.versions
