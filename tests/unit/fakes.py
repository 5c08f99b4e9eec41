"""In-memory implementations of the repository ports (chalicelib/services/ports.py).

They keep the documented semantics of the DynamoDB adapters: the same Conflict
codes, InsufficientStock / NotFound on stock changes, a version guard on product
writes, and pages of ``Page(items, next_position)`` whose positions are plain
JSON-able dicts. Every write validates first and mutates last, so a failed
write changes nothing (the "one transaction" promise).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from chalicelib.domain.catalog import Category, Product, Sku, StockLevel
from chalicelib.domain.errors import Conflict, FieldError, InsufficientStock, NotFound, ValidationFailed
from chalicelib.domain.search import Posting
from chalicelib.services.ports import CatalogQuery, Customer, LedgerEntry, Page, Position, ProductView, StaffKey


def _invalid_cursor() -> ValidationFailed:
    return ValidationFailed(
        "The cursor is not valid for this listing.",
        [FieldError("cursor", "invalid_cursor", "Use next_cursor exactly as returned.")],
        code="invalid_cursor",
    )


def paginate(
    items: Iterable[Any],
    sort_key: Callable[[Any], tuple[Any, ...]],
    *,
    descending: bool,
    limit: int,
    after: Position | None,
) -> Page:
    """Keyset pagination: a position is {"key": [...sort key of the last item...]}.

    Items are ordered by ``sort_key`` (which must end in a unique id); a page
    resumes strictly after the position, so items added or removed between pages
    neither repeat nor shift the listing."""
    ordered = sorted(items, key=sort_key, reverse=descending)
    if after is not None:
        if set(after) != {"key"} or not isinstance(after["key"], list):
            raise _invalid_cursor()
        start = tuple(after["key"])
        try:
            ordered = [i for i in ordered if (sort_key(i) < start if descending else sort_key(i) > start)]
        except TypeError:  # a position of the wrong shape for this listing
            raise _invalid_cursor() from None
    page = ordered[:limit]
    more = len(ordered) > limit
    return Page(page, {"key": list(sort_key(page[-1]))} if more and page else None)


# --- customers -------------------------------------------------------------------------
class FakeCustomers:
    def __init__(self) -> None:
        self.by_id: dict[str, Customer] = {}
        self.id_by_email: dict[str, str] = {}

    def add(self, customer: Customer) -> None:
        if customer.email in self.id_by_email or customer.id in self.by_id:
            raise Conflict("An account with this e-mail already exists.", code="email_taken")
        self.by_id[customer.id] = customer
        self.id_by_email[customer.email] = customer.id

    def get(self, customer_id: str) -> Customer | None:
        return self.by_id.get(customer_id)

    def get_by_email(self, email: str) -> Customer | None:
        customer_id = self.id_by_email.get(email)
        return self.by_id.get(customer_id) if customer_id else None


# --- staff keys --------------------------------------------------------------------------
class FakeStaffKeys:
    def __init__(self) -> None:
        self.by_digest: dict[str, StaffKey] = {}

    def add(self, key: StaffKey) -> None:
        if key.digest in self.by_digest:
            raise Conflict("This API key exists already.")
        self.by_digest[key.digest] = key

    def get_by_digest(self, digest: str) -> StaffKey | None:
        return self.by_digest.get(digest)

    def list(self) -> list[StaffKey]:
        return sorted(self.by_digest.values(), key=lambda k: k.id)

    def revoke(self, key_id: str) -> bool:
        digests = [d for d, k in self.by_digest.items() if k.id == key_id]
        for digest in digests:
            del self.by_digest[digest]
        return bool(digests)


# --- categories ----------------------------------------------------------------------------
class FakeCategories:
    def __init__(self) -> None:
        self.by_id: dict[str, Category] = {}

    def add(self, category: Category) -> None:
        if any(c.slug == category.slug for c in self.by_id.values()) or category.id in self.by_id:
            raise Conflict(f"The slug {category.slug!r} is taken.", code="slug_taken")
        self.by_id[category.id] = category

    def get(self, category_id: str) -> Category | None:
        return self.by_id.get(category_id)

    def list_all(self) -> list[Category]:
        return sorted(self.by_id.values(), key=lambda c: c.id)


# --- SKUs, stock and ledger (shared by products and inventory) -------------------------------
@dataclass
class SkuStore:
    skus: dict[str, Sku] = field(default_factory=dict)
    levels: dict[str, StockLevel] = field(default_factory=dict)
    ledger: dict[str, dict[str, LedgerEntry]] = field(default_factory=dict)  # sku -> entry id -> entry

    def put_new(self, sku: Sku, on_hand: int) -> None:
        self.skus[sku.code] = sku
        self.levels[sku.code] = StockLevel(on_hand=on_hand, reserved=0)

    def record(self, entries: Iterable[LedgerEntry]) -> None:
        for entry in entries:
            self.ledger.setdefault(entry.sku, {})[entry.id] = entry

    def set_reserved(self, code: str, reserved: int) -> None:
        """Test helper: stand in for checkout holding stock (no port writes reserved yet)."""
        self.levels[code] = replace(self.levels[code], reserved=reserved)


class FakeProducts:
    def __init__(self, store: SkuStore | None = None) -> None:
        self.store = store if store is not None else SkuStore()
        self.by_id: dict[str, Product] = {}
        self.ranked: dict[str, int] = {}  # sales last copied onto the indexes

    def add(self, product: Product, skus: list[Sku], stock: dict[str, int], entries: list[LedgerEntry]) -> None:
        if product.id in self.by_id:
            raise Conflict(f"Product {product.id} exists already.")
        if product.handle is not None and self.product_id_of_handle(product.handle) is not None:
            raise Conflict("Another product has this handle.", code="handle_taken", handle=product.handle)
        self._check_codes_free(skus)
        self.by_id[product.id] = product
        for sku in skus:
            self.store.put_new(sku, stock.get(sku.code, 0))
        self.store.record(entries)

    def get(self, product_id: str) -> ProductView | None:
        product = self.by_id.get(product_id)
        return self._view(product) if product is not None else None

    def product_id_of_handle(self, handle: str) -> str | None:
        return next((p.id for p in self.by_id.values() if p.handle == handle), None)

    def product_id_of(self, code: str) -> str | None:
        sku = self.store.skus.get(code)
        return sku.product_id if sku is not None else None

    def for_lines(self, line_keys: list[tuple[str, str]]) -> dict[str, tuple[Product, Sku, StockLevel]]:
        return {
            code: (self.by_id[pid], self.store.skus[code], self.store.levels[code])
            for pid, code in line_keys
            if pid in self.by_id and code in self.store.skus and self.store.skus[code].product_id == pid
        }

    def _view(self, product: Product) -> ProductView:
        """The product with its SKUs and their stock, in the product's SKU order."""
        codes = [c for c in product.sku_codes if c in self.store.skus]
        return ProductView(product, [(self.store.skus[c], self.store.levels[c]) for c in codes])

    def save(
        self,
        product: Product,
        changed_skus: list[Sku],
        new_skus: list[Sku],
        stock: dict[str, int],
        entries: list[LedgerEntry],
    ) -> ProductView:
        self._check_codes_free(new_skus)
        current = self.by_id.get(product.id)
        if current is None or current.version != product.version:
            raise Conflict(
                "The product changed while you were editing it; read it again and retry.", code="concurrent_update"
            )
        missing = [s.code for s in changed_skus if s.code not in self.store.skus]
        if missing:  # the adapter's condition "SKU exists" fails the whole transaction
            raise Conflict(f"SKUs vanished: {', '.join(missing)}.", code="concurrent_update")
        stored = replace(product, version=current.version + 1)
        self.by_id[product.id] = stored
        for sku in changed_skus:
            self.store.skus[sku.code] = sku
        for sku in new_skus:
            self.store.put_new(sku, stock.get(sku.code, 0))
        self.store.record(entries)
        return self._view(stored)

    def catalog(self, query: CatalogQuery, after: Position | None) -> Page:
        def matches(p: Product) -> bool:
            return (
                p.is_visible(query.now)
                and (query.category_id is None or query.category_id in p.category_path)
                and (query.keyword is None or query.keyword in p.search_text)
            )

        keys: dict[str, tuple[Callable[[Product], tuple[Any, ...]], bool]] = {
            "newest": (lambda p: (p.id,), True),
            "price_asc": (lambda p: (p.min_price, p.id), False),
            "price_desc": (lambda p: (p.min_price, p.id), True),
            "sales": (lambda p: (p.sales, p.id), True),
        }
        sort_key, descending = keys[query.sort]
        visible = [p for p in self.by_id.values() if matches(p)]
        return paginate(visible, sort_key, descending=descending, limit=query.limit, after=after)

    def facet_sample(self, category_id: str | None, now: datetime, limit: int) -> list[tuple[int, dict[str, str]]]:
        shown = [
            p
            for p in self.by_id.values()
            if p.is_visible(now) and (category_id is None or category_id in p.category_path)
        ]
        shown.sort(key=lambda p: (-p.sales, p.id))
        return [(p.min_price, dict(p.attributes)) for p in shown[:limit]]

    def sales_moved(self, days: list[date], limit: int) -> list[tuple[Product, int]]:
        moved = [(p, self.ranked.get(p.id, 0)) for p in self.by_id.values() if p.sales != self.ranked.get(p.id, 0)]
        return moved[:limit]

    def mark_ranked(self, product: Product) -> None:
        self.ranked[product.id] = product.sales

    def by_status(self, status: str, limit: int, after: Position | None, oldest_first: bool = False) -> Page:
        found = [p for p in self.by_id.values() if p.status == status]
        return paginate(found, lambda p: (p.id,), descending=not oldest_first, limit=limit, after=after)

    def due_for_transition(self, now: datetime, limit: int) -> list[Product]:
        due = [(t, p.id, p) for p in self.by_id.values() if (t := p.next_transition()) is not None and t <= now]
        return [p for _, _, p in sorted(due, key=lambda d: (d[0], d[1]))][:limit]

    def _check_codes_free(self, skus: list[Sku]) -> None:
        taken = sorted(s.code for s in skus if s.code in self.store.skus)
        if taken:
            raise Conflict(f"SKU codes already in use: {', '.join(taken)}.", code="sku_code_taken", skus=taken)


# --- inventory ----------------------------------------------------------------------------------
class FakeInventory:
    def __init__(self, store: SkuStore | None = None) -> None:
        self.store = store if store is not None else SkuStore()
        self.events: list = []  # outbox events written with adjustments

    def get(self, code: str) -> tuple[Sku, StockLevel] | None:
        if code not in self.store.skus:
            return None
        return self.store.skus[code], self.store.levels[code]

    def adjust(self, entry: LedgerEntry, available_between=None, events=None) -> StockLevel:
        level = self.store.levels.get(entry.sku)
        if level is None:
            raise NotFound(f"No SKU {entry.sku}.")
        low, high = available_between or (None, None)
        if (low is not None and level.available < low) or (high is not None and level.available > high):
            raise Conflict("The stock level changed meanwhile.", code="concurrent_update")
        self.events.extend(events or [])
        delta = entry.on_hand_delta
        if delta < 0 and level.available < -delta:
            raise InsufficientStock(
                f"Only {level.available} of {entry.sku} available; cannot remove {-delta}.",
                sku=entry.sku,
                available=level.available,
            )
        if entry.id in self.store.ledger.get(entry.sku, {}):
            raise Conflict(f"Ledger entry {entry.id} exists already.")
        updated = replace(level, on_hand=level.on_hand + delta)
        self.store.levels[entry.sku] = updated
        self.store.record([entry])
        return updated

    def ledger(self, code: str, limit: int, after: Position | None, partitions: int = 1) -> Page:
        entries = self.store.ledger.get(code, {}).values()
        return paginate(entries, lambda e: (e.id,), descending=True, limit=limit, after=after)


# --- search -------------------------------------------------------------------------------------
class FakePostings:
    """The built-in engine's storage in memory; counts the reads a search makes."""

    def __init__(self, products: FakeProducts) -> None:
        self.catalog = products
        self.by_token: dict[str, dict[str, Posting]] = {}
        self.token_reads = 0
        self.posting_reads = 0
        self.product_reads = 0

    def replace(self, product_id: str, postings: list[Posting]) -> None:
        for entries in self.by_token.values():
            entries.pop(product_id, None)
        for p in postings:
            self.by_token.setdefault(p.token, {})[product_id] = p

    def read(self, token: str, limit: int) -> list[Posting]:
        self.token_reads += 1
        entries = sorted(self.by_token.get(token, {}).values(), key=lambda p: (-p.sales, p.product_id))
        return entries[:limit]

    def postings(self, pairs: list[tuple[str, str]]) -> list[Posting]:
        self.posting_reads += 1
        return [self.by_token[t][pid] for pid, t in dict.fromkeys(pairs) if pid in self.by_token.get(t, {})]

    def products(self, product_ids: list[str]) -> dict[str, Product]:
        self.product_reads += 1
        return {pid: self.catalog.by_id[pid] for pid in product_ids if pid in self.catalog.by_id}


class FakeSynonyms:
    def __init__(self) -> None:
        self.groups: list[list[str]] = []

    def get(self) -> list[list[str]]:
        return [list(g) for g in self.groups]

    def put(self, groups: list[list[str]]) -> None:
        self.groups = [list(g) for g in groups]
