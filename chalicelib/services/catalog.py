"""Catalog use cases: categories, products and SKUs, listing windows."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from ..domain import catalog as rules
from ..domain.catalog import Category, Product, Sku, StockLevel
from ..domain.clock import Clock
from ..domain.error_codes import CommonErrorCode
from ..domain.errors import (
    Conflict,
    ErrorList,
    FieldError,
    NotFound,
    PreconditionFailed,
    ReadOnlyField,
    ValidationFailed,
)
from ..domain.ids import new_id
from ..domain.money import Money
from ..domain.search import FACET_SAMPLE, facets, sales_bucket
from .catalog_specs import IfMatch, ProductSpec
from .listing import CatalogPolicy
from .ports import (
    CatalogQuery,
    CategoryRepository,
    LedgerEntry,
    Page,
    Position,
    ProductRepository,
    ProductView,
)
from .search_ports import ResultPage, SearchIndex, SearchQuery
from .tokens import query_tokens

SORTS = ("newest", "price_asc", "price_desc", "sales")
SEARCH_SORTS = ("relevance", *SORTS)  # relevance: with a keyword only, its default
RANK_BATCH = 500  # products whose sales moved, re-ranked per run of refresh_sales_ranks
log = logging.getLogger(__name__)
_STALE_VERSION = "The product has changed since the version in If-Match; read it again (GET) and retry with its ETag."


class CatalogService:
    def __init__(
        self,
        categories: CategoryRepository,
        products: ProductRepository,
        clock: Clock,
        currency: str,
        *,
        default_safety_stock: int,
        search: SearchIndex | None = None,
        policy: CatalogPolicy | None = None,
    ) -> None:
        self.policy = policy  # merchandising rules (ADR 0023): margins, media, listing checks, history
        self.categories = categories
        self.products = products
        self.search = search
        self.clock = clock
        self.currency = currency
        # what a new SKU created without a safety stock gets (COMMERCE_DEFAULT_SAFETY_STOCK)
        self.default_safety_stock = default_safety_stock

    # --- categories ----------------------------------------------------------
    def create_category(self, name: str, slug: str, parent_id: str | None) -> Category:
        parent = None
        if parent_id is not None:
            parent = self.categories.get(parent_id)
            if parent is None:
                raise ValidationFailed(
                    "The parent category does not exist.",
                    [FieldError("parent_id", "not_found", f"No category {parent_id}.")],
                )
        category_id = new_id("cat")
        category = Category(
            id=category_id,
            name=name.strip(),
            slug=slug,
            parent_id=parent_id,
            path=rules.child_path(parent, category_id),
            created_at=self.clock.now(),
        )
        self.categories.add(category)
        return category

    def category_tree(self) -> list[dict[str, Any]]:
        return rules.build_tree(self.categories.list_all())

    # --- products ------------------------------------------------------------
    def create_product(self, spec: ProductSpec, actor: str) -> ProductView:
        now = self.clock.now()
        errors = ErrorList()
        if spec.status not in ("draft", "listed"):
            errors.add("status", "invalid_choice", "status must be draft or listed.")
        if spec.status == "draft" and spec.list_at is not None:
            errors.add(
                "list_at",
                "requires_listed",
                'list_at schedules a listing: send status "listed" (hidden until list_at) or list it later.',
            )
        if not spec.skus:
            errors.add("skus", "required", "A product needs at least one SKU.")
        if len(spec.skus) > rules.MAX_SKUS_PER_PRODUCT:
            errors.add("skus", "too_many", f"A product has at most {rules.MAX_SKUS_PER_PRODUCT} SKUs.")
        seen: set[str] = set()
        for i, s in enumerate(spec.skus):
            if s.code in seen:
                errors.add(f"skus.{i}.code", "duplicate", f"SKU code {s.code} appears twice.")
            seen.add(s.code)
            self._check_sku_money(f"skus.{i}", s.price, s.member_price, s.cost_price, errors)
        category = self._category_or_error(spec.category_id, errors)
        errors.raise_if_any()
        rules.validate_window(spec.list_at, spec.delist_at)
        assert category is not None

        product_id = new_id("prod")
        skus = [
            Sku(
                code=s.code,
                product_id=product_id,
                specs=dict(s.specs),
                price=s.price.amount,
                member_price=s.member_price.amount if s.member_price else None,
                cost_price=s.cost_price.amount if s.cost_price else None,
                weight_grams=s.weight_grams,
                safety_stock=self.default_safety_stock if s.safety_stock is None else s.safety_stock,
            )
            for s in spec.skus
        ]
        low, high = rules.price_range(skus)
        codes = tuple(s.code for s in skus)
        attributes = dict(spec.attributes or {})
        product = Product(
            id=product_id,
            title=spec.title.strip(),
            description=spec.description,
            category_id=category.id,
            category_path=category.path,
            images=tuple(spec.images),
            attributes=attributes,
            status="draft",
            list_at=None,
            delist_at=spec.delist_at,
            sku_codes=codes,
            min_price=low,
            max_price=high,
            created_at=now,
            updated_at=now,
            search_text=rules.search_text(spec.title, spec.description, attributes, codes),
            returnable_without_reason=spec.returnable_without_reason,
            handle=spec.handle,
        )
        if self.policy is not None:  # media, margins, and the listing checks when listed
            product = self.policy.admit(product, skus, spec.media, spec.override, spec.status == "listed")
        if spec.status == "listed":
            product = rules.list_product(product, now, spec.list_at)
        stock = {s.code: s.stock for s in spec.skus}
        entries = [self._entry(code, qty, "initial_stock", actor, now) for code, qty in stock.items() if qty]
        self.products.add(product, skus, stock, entries)
        self._reindex(product)
        if self.policy is not None:
            self.policy.created(product, actor)
        return ProductView(product, [(sku, StockLevel(stock[sku.code], 0)) for sku in skus])

    def get_product(self, product_id: str) -> ProductView:
        view = self.products.get(product_id)
        if view is None:
            raise NotFound(f"No product {product_id}.")
        return view

    def product_with_handle(self, handle: str) -> Product | None:
        """The product staff created with this handle, whatever its status."""
        product_id = self.products.product_id_of_handle(handle)
        view = self.products.get(product_id) if product_id is not None else None
        return view.product if view is not None else None

    def list_products(self, status: str, limit: int, after: Position | None) -> Page:
        if status not in rules.STATUSES:
            raise ValidationFailed(
                "Unknown status.", [FieldError("status", "invalid_choice", f"One of {', '.join(rules.STATUSES)}.")]
            )
        return self.products.by_status(status, limit, after)

    def update_product(
        self, product_id: str, patch: dict[str, Any], actor: str, if_match: IfMatch | None = None
    ) -> ProductView:
        """Apply ``patch``. With ``if_match``, the edit happens only while the stored
        version is one it admits: checked on the read, and again atomically by the
        write, whose condition is that version (so an edit in between fails it)."""
        now = self.clock.now()
        view = self.get_product(product_id)
        product = view.product
        if if_match is not None and not if_match.admits(product.version):
            raise PreconditionFailed(_STALE_VERSION)
        current = {sku.code: sku for sku, _ in view.skus}
        errors = ErrorList()
        changes: dict[str, Any] = {}
        for key in (
            "title",
            "description",
            "images",
            "attributes",
            "list_at",
            "delist_at",
            "returnable_without_reason",
        ):
            if key in patch:
                value = patch[key]
                changes[key] = tuple(value) if key == "images" else value
        if "title" in changes:
            changes["title"] = changes["title"].strip()
        if "category_id" in patch:
            category = self._category_or_error(patch["category_id"], errors)
            if category is not None:
                changes["category_id"], changes["category_path"] = category.id, category.path

        changed_skus: list[Sku] = []
        new_skus: list[Sku] = []
        stock: dict[str, int] = {}
        seen: set[str] = set()
        for i, sku_patch in enumerate(patch.get("skus", [])):
            code = sku_patch["code"]
            if code in seen:
                errors.add(f"skus.{i}.code", "duplicate", f"SKU code {code} appears twice.")
                continue
            seen.add(code)
            if code in current:
                if "stock" in sku_patch:
                    raise ReadOnlyField(
                        "Stock of an existing SKU changes only through inventory adjustments.",
                        [
                            FieldError(
                                f"skus.{i}.stock", "read_only_field", "Use POST /admin/inventory/{sku}/adjustments."
                            )
                        ],
                    )
                updated = self._patched_sku(current[code], sku_patch, f"skus.{i}", errors)
                changed_skus.append(updated)
                current[code] = updated
            else:
                missing = [name for name in ("price", "weight_grams") if sku_patch.get(name) is None]
                for name in missing:
                    errors.add(f"skus.{i}.{name}", "required", "A new SKU needs this field.")
                if missing:
                    continue
                self._check_sku_money(
                    f"skus.{i}", sku_patch["price"], sku_patch.get("member_price"), sku_patch.get("cost_price"), errors
                )
                sku = Sku(
                    code=code,
                    product_id=product.id,
                    specs=dict(sku_patch.get("specs") or {}),
                    price=sku_patch["price"].amount,
                    member_price=_amount(sku_patch.get("member_price")),
                    cost_price=_amount(sku_patch.get("cost_price")),
                    weight_grams=sku_patch["weight_grams"],
                    safety_stock=(
                        self.default_safety_stock
                        if sku_patch.get("safety_stock") is None
                        else sku_patch["safety_stock"]
                    ),
                )
                new_skus.append(sku)
                current[code] = sku
                stock[code] = sku_patch.get("stock") or 0
        if len(current) > rules.MAX_SKUS_PER_PRODUCT:
            errors.add("skus", "too_many", f"A product has at most {rules.MAX_SKUS_PER_PRODUCT} SKUs.")
        errors.raise_if_any()

        codes = product.sku_codes + tuple(s.code for s in new_skus)
        low, high = rules.price_range(list(current.values()))
        updated_product = replace(product, **changes, sku_codes=codes, min_price=low, max_price=high, updated_at=now)
        rules.validate_window(updated_product.list_at, updated_product.delist_at)
        updated_product = replace(
            updated_product,
            search_text=rules.search_text(
                updated_product.title, updated_product.description, updated_product.attributes, codes
            ),
        )
        if self.policy is not None:  # media references, and the margins of the SKUs priced anew
            updated_product = self.policy.revise(updated_product, patch, changed_skus + new_skus)
        entries = [self._entry(code, qty, "initial_stock", actor, now) for code, qty in stock.items() if qty]
        # The write is conditioned on updated_product.version: the version read, which
        # if_match admitted (the client's own version when it sent one).
        try:
            stored = self.products.save(updated_product, changed_skus, new_skus, stock, entries)
        except Conflict as error:
            if if_match is None or if_match.any_version or error.code != CommonErrorCode.CONCURRENT_UPDATE:
                raise
            raise PreconditionFailed(_STALE_VERSION) from None
        self._reindex(stored.product)
        if self.policy is not None:
            self.policy.record_update(view, stored, patch, actor)  # what changed, prices included
        return stored

    def list_product(self, product_id: str, at: datetime | None, actor: str = "staff") -> ProductView:
        view = self.get_product(product_id)
        listed = rules.list_product(view.product, self.clock.now(), at)
        if self.policy is not None:
            self.policy.check_listing(listed, view, self.categories)
        stored = self.products.save(listed, [], [], {}, [])
        self._reindex(stored.product)
        if self.policy is not None:
            self.policy.listed(stored.product, actor)
        return stored

    def delist_product(self, product_id: str, at: datetime | None, actor: str = "staff", **why: Any) -> ProductView:
        """``why``: reason (one of DELIST_REASONS) and note, required with the merchandising rules."""
        delisted = rules.delist_product(self.get_product(product_id).product, self.clock.now(), at)
        if self.policy is not None:
            delisted = self.policy.with_delisting(delisted, actor, why.get("reason"), why.get("note"))
        stored = self.products.save(delisted, [], [], {}, [])
        self._reindex(stored.product)
        if self.policy is not None:
            self.policy.delisted(stored.product, actor)
        return stored

    # --- storefront ----------------------------------------------------------
    def visible_product(self, product_id: str) -> ProductView:
        view = self.products.get(product_id)
        if view is None or not view.product.is_visible(self.clock.now()):
            raise NotFound(f"No product {product_id}.")
        return view

    def browse(
        self, sort: str | None, category_id: str | None, keyword: str | None, limit: int, after: Position | None
    ) -> ResultPage:
        """With a keyword (that has tokens): the search index, by relevance unless
        sorted. Else the category index (or catalog), facets over its best sellers."""
        now = self.clock.now()
        text = keyword.strip() if keyword and keyword.strip() else None
        searching = text is not None and self.search is not None and bool(query_tokens(text))
        chosen = sort or ("relevance" if searching else "newest")
        if chosen == "relevance" and not searching:
            chosen = "newest"  # relevance ranks a keyword's matches: without one, the newest first
        if chosen not in (allowed := SEARCH_SORTS):
            raise ValidationFailed(
                "Unknown sort.", [FieldError("sort", "invalid_choice", f"One of {', '.join(allowed)}.")]
            )
        if searching and self.search is not None and text is not None:
            return self.search.search(SearchQuery(text, chosen, category_id, now, limit), after)
        query = CatalogQuery(
            sort=chosen,
            category_id=category_id,
            keyword=text.casefold() if text and self.search is None else None,
            now=now,
            limit=limit,
        )
        page = self.products.catalog(query, after)
        sample = self.products.facet_sample(category_id, now, FACET_SAMPLE)
        return ResultPage(page.items, page.next_position if page.items else None, facets(sample))

    def refresh_sales_ranks(self, now: datetime) -> dict[str, int]:
        """Sales counters (ADDed by paid/refunded orders) onto the category entries,
        and the search postings when the coarse rank moved. Products sold on the UTC
        days around ``now`` (the business day in any time zone) are looked at."""
        today = now.date()
        days = [today - timedelta(days=1), today, today + timedelta(days=1)]
        summary = {"examined": 0, "reranked": 0, "reindexed": 0}
        for product, ranked in self.products.sales_moved(days, RANK_BATCH):
            summary["examined"] += 1
            self.products.mark_ranked(product)
            summary["reranked"] += 1
            if sales_bucket(ranked) != sales_bucket(product.sales):
                self._reindex(product)
                summary["reindexed"] += 1
        return summary

    # --- schedule --------------------------------------------------------------
    def publish_scheduled_listings(self, now: datetime, batch: int = 100) -> dict[str, int]:
        """Open and close listing windows that are due. Idempotent: a product whose
        window was already applied is no longer due, and every write is guarded by
        the product's version, so overlapping runs apply each transition once."""
        summary = {"examined": 0, "listed": 0, "delisted": 0, "skipped": 0}
        for product in self.products.due_for_transition(now, batch):
            summary["examined"] += 1
            updated = rules.apply_due_transitions(product, now)
            if updated is None:
                summary["skipped"] += 1
                continue
            try:
                stored = self.products.save(updated, [], [], {}, [])
            except Conflict as exc:  # a concurrent run or edit won the race: nothing left to do
                if exc.code != CommonErrorCode.CONCURRENT_UPDATE:
                    raise
                summary["skipped"] += 1
                continue
            self._reindex(stored.product)
            summary["delisted" if updated.status == "delisted" else "listed"] += 1
        return summary

    # --- helpers ---------------------------------------------------------------
    def _reindex(self, product: Product) -> None:
        """The search index in step after a product write; best effort: logged if it
        fails (a page re-reads the products it shows: never one not visible)."""
        if self.search is None:
            return
        names = [c.name for cid in product.category_path if (c := self.categories.get(cid)) is not None]
        try:
            self.search.index(product, names)
        except Exception:  # noqa: BLE001 - the product write already happened
            log.exception("search index update failed", extra={"product_id": product.id})

    def _category_or_error(self, category_id: str, errors: ErrorList) -> Category | None:
        category = self.categories.get(category_id)
        if category is None:
            errors.add("category_id", "not_found", f"No category {category_id}.")
        return category

    def _check_sku_money(
        self, where: str, price: Money, member_price: Money | None, cost_price: Money | None, errors: ErrorList
    ) -> None:
        for name, money in (("price", price), ("member_price", member_price), ("cost_price", cost_price)):
            if money is not None and money.currency != self.currency:
                errors.add(f"{where}.{name}.currency", "currency_mismatch", f"The store sells in {self.currency}.")
        if member_price is not None and member_price.amount > price.amount:
            errors.add(f"{where}.member_price", "above_price", "member_price must not exceed price.")

    def _patched_sku(self, sku: Sku, patch: dict[str, Any], where: str, errors: ErrorList) -> Sku:
        price = patch["price"] if patch.get("price") is not None else Money(sku.price, self.currency)
        member = patch["member_price"] if "member_price" in patch else _money(sku.member_price, self.currency)
        cost = patch["cost_price"] if "cost_price" in patch else _money(sku.cost_price, self.currency)
        self._check_sku_money(where, price, member, cost, errors)
        return replace(
            sku,
            specs=dict(patch["specs"]) if patch.get("specs") is not None else sku.specs,
            price=price.amount,
            member_price=_amount(member),
            cost_price=_amount(cost),
            weight_grams=patch["weight_grams"] if patch.get("weight_grams") is not None else sku.weight_grams,
            safety_stock=patch["safety_stock"] if patch.get("safety_stock") is not None else sku.safety_stock,
        )

    @staticmethod
    def _entry(code: str, delta: int, reason: str, actor: str, now: datetime) -> LedgerEntry:
        return LedgerEntry(
            id=new_id("led"), sku=code, on_hand_delta=delta, reserved_delta=0, reason=reason, actor=actor, at=now
        )


def _amount(money: Money | None) -> int | None:
    return money.amount if money is not None else None


def _money(amount: int | None, currency: str) -> Money | None:
    return Money(amount, currency) if amount is not None else None
