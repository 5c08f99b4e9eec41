"""Ports: what the services need from storage and the outside world.

Adapters in chalicelib/adapters implement these; unit tests use in-memory fakes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from ..domain.catalog import Category, Product, Sku, StockLevel

Position = dict[str, Any]  # opaque storage position for pagination


@dataclass(frozen=True)
class Customer:
    id: str
    email: str
    name: str
    password_hash: str
    created_at: datetime


@dataclass(frozen=True)
class StaffKey:
    id: str
    digest: str
    name: str
    roles: frozenset[str]
    created_at: datetime
    created_by: str | None = None


@dataclass(frozen=True)
class LedgerEntry:
    id: str
    sku: str
    on_hand_delta: int
    reserved_delta: int
    reason: str
    actor: str
    at: datetime
    note: str | None = None
    reference: str | None = None


@dataclass(frozen=True)
class ProductView:
    """A product with its SKUs and their stock, in the product's SKU order."""

    product: Product
    skus: list[tuple[Sku, StockLevel]]


@dataclass(frozen=True)
class Page:
    items: list[Any]
    next_position: Position | None


@dataclass(frozen=True)
class CatalogQuery:
    sort: str  # newest | price_asc | price_desc | sales
    category_id: str | None
    keyword: str | None
    now: datetime
    limit: int


class CustomerRepository(Protocol):
    def add(self, customer: Customer) -> None: ...  # Conflict(code="email_taken") if the e-mail exists
    def get(self, customer_id: str) -> Customer | None: ...
    def get_by_email(self, email: str) -> Customer | None: ...


class StaffKeyRepository(Protocol):
    def add(self, key: StaffKey) -> None: ...  # Conflict if the digest exists
    def get_by_digest(self, digest: str) -> StaffKey | None: ...
    def list(self) -> list[StaffKey]: ...
    def revoke(self, key_id: str) -> bool: ...


class CategoryRepository(Protocol):
    def add(self, category: Category) -> None: ...  # Conflict(code="slug_taken")
    def get(self, category_id: str) -> Category | None: ...
    def list_all(self) -> list[Category]: ...


class ProductRepository(Protocol):
    def add(self, product: Product, skus: list[Sku], stock: dict[str, int], entries: list[LedgerEntry]) -> None:
        """Product, SKUs, initial stock and ledger rows in one transaction.
        Conflict(code="sku_code_taken") names the codes already used."""
        ...

    def get(self, product_id: str) -> ProductView | None: ...  # one strongly consistent read

    def save(
        self,
        product: Product,
        changed_skus: list[Sku],
        new_skus: list[Sku],
        stock: dict[str, int],
        entries: list[LedgerEntry],
    ) -> ProductView:
        """Write a changed product guarded by its version (Conflict(code="concurrent_update")
        if it moved). Returns the product as stored (version bumped)."""
        ...

    def catalog(self, query: CatalogQuery, after: Position | None) -> Page: ...
    def by_status(self, status: str, limit: int, after: Position | None) -> Page: ...
    def due_for_transition(self, now: datetime, limit: int) -> list[Product]: ...


class InventoryRepository(Protocol):
    def get(self, code: str) -> tuple[Sku, StockLevel] | None: ...

    def adjust(self, entry: LedgerEntry) -> StockLevel:
        """Apply entry.on_hand_delta atomically with the ledger row; available never
        goes below zero (InsufficientStock), unknown SKU is NotFound."""
        ...

    def ledger(self, code: str, limit: int, after: Position | None) -> Page: ...


class HealthProbe(Protocol):
    name: str

    def check(self) -> None: ...  # raises on failure
