"""Catalog rules: categories, products (SPU), SKUs and listing windows."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .errors import FieldError, InvalidTransition, ValidationFailed

if TYPE_CHECKING:
    from .experiment_variants import Running

MAX_CATEGORY_DEPTH = 5
# A product and its SKUs are written in one transaction (100 items at most:
# product + per SKU its item, its code pointer and an opening ledger row).
MAX_SKUS_PER_PRODUCT = 30
STATUSES = ("draft", "listed", "delisted")
# A product's handle: the staff's own key for it (a CSV import's product_key).
HANDLE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$"


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    slug: str
    parent_id: str | None
    path: tuple[str, ...]  # ancestor ids from the root down to and including this one
    created_at: datetime

    @property
    def depth(self) -> int:
        return len(self.path)


def child_path(parent: Category | None, new_id: str) -> tuple[str, ...]:
    if parent is None:
        return (new_id,)
    if parent.depth >= MAX_CATEGORY_DEPTH:
        raise ValidationFailed(
            f"Categories nest at most {MAX_CATEGORY_DEPTH} levels deep.",
            [FieldError("parent_id", "too_deep", f"The parent is already at depth {parent.depth}.")],
        )
    return parent.path + (new_id,)


def build_tree(categories: list[Category]) -> list[dict[str, Any]]:
    """Nested tree of categories, siblings ordered by name."""
    nodes: dict[str, dict[str, Any]] = {
        c.id: {"id": c.id, "name": c.name, "slug": c.slug, "parent_id": c.parent_id, "children": []} for c in categories
    }
    roots: list[dict[str, Any]] = []
    for c in categories:
        node = nodes[c.id]
        parent = nodes.get(c.parent_id) if c.parent_id else None
        (parent["children"] if parent is not None else roots).append(node)

    def order(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        items.sort(key=lambda n: (n["name"], n["id"]))
        for n in items:
            order(n["children"])
        return items

    return order(roots)


@dataclass(frozen=True)
class Sku:
    code: str
    product_id: str
    specs: dict[str, str]
    price: int
    member_price: int | None
    cost_price: int | None
    weight_grams: int
    safety_stock: int
    reorder_point: int | None = None  # lead-time demand + safety stock (recompute_safety_stock)
    stock_shards: int = 1  # ADR 0025: checkouts take from shards 0..stock_shards-1

    @property
    def alert_level(self) -> int:
        """At or below this, a stock alert: the reorder point when planning set one."""
        return max(self.safety_stock, self.reorder_point or 0)


@dataclass(frozen=True)
class StockLevel:
    on_hand: int
    reserved: int
    # A sharded SKU read with its shards (ADR 0025): available per shard, shard 0 first;
    # empty when not sharded, or read without its shards (the totals are then eventual).
    shards: tuple[int, ...] = ()

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved


@dataclass(frozen=True)
class ProductRating:
    """Published reviews' ratings of a product: their sum, count and lines per star (1..5)."""

    total: int = 0
    count: int = 0
    stars: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)

    @property
    def average(self) -> float | None:
        return round(self.total / self.count, 2) if self.count else None


@dataclass(frozen=True)
class Product:
    id: str
    title: str
    description: str
    category_id: str
    category_path: tuple[str, ...]
    images: tuple[str, ...]
    attributes: dict[str, str]
    status: str
    list_at: datetime | None
    delist_at: datetime | None
    sku_codes: tuple[str, ...]
    min_price: int
    max_price: int
    created_at: datetime
    updated_at: datetime
    sales: int = 0
    listed_at: datetime | None = None
    version: int = 1
    # False: returned only for a reason that is the seller's fault (after-sales, ADR 0009)
    returnable_without_reason: bool = True
    # The staff's own key for the product (a CSV import's product_key): unique, set at creation only.
    handle: str | None = None
    # Merchandising (ADR 0023): media ids (ready media, shown after the image URLs), the
    # admin's margin override ({by, at, skus}) and the last delisting ({reason, note, by, at, effective_at}).
    media: tuple[str, ...] = ()
    margin_override: dict[str, Any] | None = None
    delisting: dict[str, Any] | None = None
    search_text: str = field(default="", compare=False)
    rating: ProductRating = field(default_factory=ProductRating, compare=False)
    experiment: Running | None = field(default=None, compare=False)  # the running A/B experiment (ADR 0024)

    def is_visible(self, now: datetime) -> bool:
        """Visible in the store: listed and inside its listing window."""
        if self.status != "listed":
            return False
        if self.list_at is not None and now < self.list_at:
            return False
        if self.delist_at is not None and now >= self.delist_at:
            return False
        return True

    def next_transition(self) -> datetime | None:
        """When the publish_scheduled_listings job next has work on this product."""
        if self.status != "listed":
            return None
        due = [t for t in (self.list_at, self.delist_at) if t is not None]
        return min(due) if due else None


def validate_window(list_at: datetime | None, delist_at: datetime | None) -> None:
    if list_at is not None and delist_at is not None and delist_at <= list_at:
        raise ValidationFailed(
            "delist_at must be later than list_at.",
            [FieldError("delist_at", "before_list_at", "delist_at must be later than list_at.")],
        )


def list_product(product: Product, now: datetime, at: datetime | None) -> Product:
    """Staff list a product now or from ``at``."""
    if product.status == "listed" and at is None and product.is_visible(now):
        raise InvalidTransition("The product is already listed.")
    list_at = at if at is not None and at > now else None
    delist_at = product.delist_at if product.delist_at is not None and product.delist_at > (list_at or now) else None
    return replace(
        product,
        status="listed",
        list_at=list_at,
        delist_at=delist_at,
        listed_at=product.listed_at if list_at else now,
        updated_at=now,
    )


def delist_product(product: Product, now: datetime, at: datetime | None) -> Product:
    """Staff delist a product now, or schedule it for ``at``."""
    if at is not None and at > now:
        if product.status != "listed":
            raise InvalidTransition("Only a listed product can be scheduled for delisting.")
        validate_window(product.list_at, at)
        return replace(product, delist_at=at, updated_at=now)
    if product.status != "listed":
        raise InvalidTransition(f"The product is {product.status}, not listed.")
    return replace(product, status="delisted", list_at=None, delist_at=None, updated_at=now)


def apply_due_transitions(product: Product, now: datetime) -> Product | None:
    """What the schedule does when a product's window opens or closes; None if nothing is due."""
    if product.status != "listed":
        return None
    if product.delist_at is not None and product.delist_at <= now:
        return replace(product, status="delisted", list_at=None, delist_at=None, updated_at=now)
    if product.list_at is not None and product.list_at <= now:
        return replace(product, list_at=None, listed_at=product.list_at, updated_at=now)
    return None


def search_text(title: str, description: str, attributes: dict[str, str], sku_codes: tuple[str, ...]) -> str:
    parts = [title, description, *attributes.values(), *sku_codes]
    return " ".join(p.casefold() for p in parts if p)


def price_range(skus: list[Sku]) -> tuple[int, int]:
    prices = [s.price for s in skus]
    return min(prices), max(prices)
