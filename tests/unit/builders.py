"""Small builders for test fixtures: sensible defaults, override what the test is about."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.domain.catalog import Category, Product
from chalicelib.domain.clock import FixedClock
from chalicelib.domain.money import Money
from chalicelib.services.auth import AuthService
from chalicelib.services.catalog import CatalogService
from chalicelib.services.catalog_specs import ProductSpec, SkuSpec
from chalicelib.services.inventory import InventoryService

from .fakes import FakeCategories, FakeCustomers, FakeInventory, FakeProducts, FakeStaffKeys, SkuStore

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
CURRENCY = "CNY"
TOKEN_SECRET = "unit-test-token-secret"
TOKEN_TTL = 3600


def at(**delta: float) -> datetime:
    """T0 shifted by a timedelta, e.g. at(hours=2)."""
    return T0 + timedelta(**delta)


def advance(clock: FixedClock, **delta: float) -> None:
    clock.at = clock.at + timedelta(**delta)


def cny(amount: int) -> Money:
    return Money(amount, CURRENCY)


# --- domain objects ------------------------------------------------------------------------
def a_category(
    id: str = "cat_1", name: str = "Shoes", parent: Category | None = None, slug: str | None = None
) -> Category:
    return Category(
        id=id,
        name=name,
        slug=slug or id.replace("_", "-"),
        parent_id=parent.id if parent else None,
        path=(parent.path if parent else ()) + (id,),
        created_at=T0,
    )


def a_product(**overrides: Any) -> Product:
    values: dict[str, Any] = {
        "id": "prod_1",
        "title": "Runner",
        "description": "",
        "category_id": "cat_1",
        "category_path": ("cat_1",),
        "images": (),
        "attributes": {},
        "status": "draft",
        "list_at": None,
        "delist_at": None,
        "sku_codes": ("RUN-42",),
        "min_price": 19900,
        "max_price": 19900,
        "created_at": T0,
        "updated_at": T0,
    }
    values.update(overrides)
    return Product(**values)


def a_listed_product(**overrides: Any) -> Product:
    return a_product(**{"status": "listed", "listed_at": T0, **overrides})


# --- service inputs -----------------------------------------------------------------------
def a_sku_spec(code: str = "RUN-42", price: int = 19900, **overrides: Any) -> SkuSpec:
    values: dict[str, Any] = {"code": code, "specs": {"size": "42"}, "price": cny(price), "weight_grams": 800}
    values.update(overrides)
    return SkuSpec(**values)


def a_product_spec(category_id: str, **overrides: Any) -> ProductSpec:
    values: dict[str, Any] = {"title": "Runner", "category_id": category_id, "skus": [a_sku_spec()]}
    values.update(overrides)
    return ProductSpec(**values)


def a_new_sku_patch(code: str, price: int = 9900, **overrides: Any) -> dict[str, Any]:
    return {"code": code, "price": cny(price), "weight_grams": 500, **overrides}


# --- wired services with fakes --------------------------------------------------------------
@dataclass
class Shop:
    """The catalog and inventory services over one shared in-memory store."""

    clock: FixedClock = field(default_factory=lambda: FixedClock(T0))
    store: SkuStore = field(default_factory=SkuStore)
    products_type: type[FakeProducts] = FakeProducts
    default_safety_stock: int = 0  # the store default is the app's concern; these tests say what they mean

    def __post_init__(self) -> None:
        self.categories = FakeCategories()
        self.products = self.products_type(self.store)
        self.inventory_repo = FakeInventory(self.store)
        self.catalog = CatalogService(
            self.categories, self.products, self.clock, CURRENCY, default_safety_stock=self.default_safety_stock
        )
        self.inventory = InventoryService(self.inventory_repo, self.clock)
        self._made = 0

    def category(self, name: str = "Shoes", slug: str | None = None, parent_id: str | None = None) -> Category:
        return self.catalog.create_category(name, slug or name.lower().replace(" ", "-"), parent_id)

    def product(self, category: Category | None = None, **overrides: Any) -> Product:
        """A product created through the service (a fresh category and SKU code unless given)."""
        self._made += 1
        category = category or self.category(slug=f"category-{self._made}")
        overrides.setdefault("skus", [a_sku_spec(f"SKU-{self._made}")])
        return self.catalog.create_product(a_product_spec(category.id, **overrides), actor="key_test").product


@dataclass
class Accounts:
    clock: FixedClock = field(default_factory=lambda: FixedClock(T0))

    def __post_init__(self) -> None:
        self.customers = FakeCustomers()
        self.keys = FakeStaffKeys()
        self.auth = AuthService(self.customers, self.keys, self.clock, TOKEN_SECRET, TOKEN_TTL)
