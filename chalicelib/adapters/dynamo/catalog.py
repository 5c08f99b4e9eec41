"""DynamoDB: categories (with their unique slug pointer), and products with
their SKUs: the product item, its index keys (storefront sorts, status list,
due listing transitions) and the listings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pynamodb.exceptions import DoesNotExist
from pynamodb.transactions import TransactWrite

from ...domain.catalog import Category, Product, ProductRating, Sku, StockLevel
from ...domain.error_codes import CatalogErrorCode, CommonErrorCode
from ...domain.errors import Conflict, NotFound
from ...domain.experiments import running_from
from ...services.ports import CatalogQuery, LedgerEntry, Page, Position, ProductView
from . import catalog_index, keys, raw_reads, transact
from .inventory import ledger_item, product_id_of, sku_item, sku_of
from .models import CategoryItem, CategorySlugItem, ProductHandleItem, ProductItem, SkuCodeItem, SkuItem
from .paging import GSI1_KEYS, GSI2_KEYS, GSI3_KEYS, GSI4_KEYS, query_page


# --- categories -------------------------------------------------------------------
class DynamoCategories:
    def add(self, category: Category) -> None:
        item = CategoryItem(
            *keys.category(category.id),
            id=category.id,
            name=category.name,
            slug=category.slug,
            parent_id=category.parent_id,
            path=list(category.path),
            created_at=category.created_at,
            GSI1PK=keys.CATEGORIES_GSI1PK,
            GSI1SK=category.id,
        )
        slug = CategorySlugItem(*keys.category_slug(category.slug), category_id=category.id)

        def build(tw: TransactWrite) -> None:
            tw.save(slug, condition=CategorySlugItem.PK.does_not_exist())
            tw.save(item, condition=CategoryItem.PK.does_not_exist())

        transact.run_checked(build, Conflict(f"The slug {category.slug!r} is taken.", code=CatalogErrorCode.SLUG_TAKEN))

    def get(self, category_id: str) -> Category | None:
        try:
            return _category(CategoryItem.get(*keys.category(category_id), consistent_read=True))
        except DoesNotExist:
            return None

    def list_all(self) -> list[Category]:
        return [_category(i) for i in CategoryItem.gsi1.query(keys.CATEGORIES_GSI1PK)]


def _category(item: CategoryItem) -> Category:
    return Category(item.id, item.name, item.slug, item.parent_id, tuple(item.path), item.created_at)


# --- products and SKUs -------------------------------------------------------------
_CATALOG_INDEXES: dict[str, tuple[str, bool, tuple[str, ...]]] = {
    "newest": ("GSI1", False, GSI1_KEYS),
    "price_asc": ("GSI3", True, GSI3_KEYS),
    "price_desc": ("GSI3", False, GSI3_KEYS),
    "sales": ("GSI4", False, GSI4_KEYS),
}


def _product_index_values(p: Product) -> dict[str, Any]:
    listed = p.status == "listed"
    due = p.next_transition()
    return {
        "GSI1PK": keys.CATALOG_PK if listed else None,
        "GSI1SK": p.id if listed else None,
        "GSI2PK": keys.products_by_status(p.status),
        "GSI2SK": p.id,
        "GSI3PK": keys.CATALOG_PK if listed else None,
        "GSI3SK": p.min_price if listed else None,
        "GSI4PK": keys.CATALOG_PK if listed else None,
        "GSI4SK": p.sales if listed else None,
        "GSI5PK": keys.DUE_LISTING_PK if due else None,
        "GSI5SK": keys.due_sort_key(due, p.id) if due else None,
    }


def _product_values(p: Product) -> dict[str, Any]:
    return {
        "id": p.id,
        "title": p.title,
        "description": p.description,
        "category_id": p.category_id,
        "category_path": list(p.category_path),
        "images": list(p.images),
        "media": list(p.media) or None,
        "margin_override": p.margin_override,
        "delisting": p.delisting,
        "attrs": dict(p.attributes),
        "status": p.status,
        "list_at": p.list_at,
        "delist_at": p.delist_at,
        "listed_at": p.listed_at,
        "sku_codes": list(p.sku_codes),
        "min_price": p.min_price,
        "max_price": p.max_price,
        "search_text": p.search_text,
        "returnable_without_reason": p.returnable_without_reason,
        "handle": p.handle,
        "created_at": p.created_at,
        "updated_at": p.updated_at,
        **_product_index_values(p),
    }


def product_item(p: Product) -> ProductItem:
    """The stored item of a product (as the add transaction writes it)."""
    return ProductItem(*keys.product(p.id), **_product_values(p))


def product_of(item: ProductItem) -> Product:
    return Product(
        **catalog_index.shown_fields(item),
        list_at=item.list_at,
        version=int(item.version or 1),
        search_text=item.search_text,
        returnable_without_reason=item.returnable_without_reason is not False,
        handle=item.handle,
        rating=ProductRating(
            int(item.rating_sum or 0),
            int(item.rating_count or 0),
            (
                int(item.rating_1 or 0),
                int(item.rating_2 or 0),
                int(item.rating_3 or 0),
                int(item.rating_4 or 0),
                int(item.rating_5 or 0),
            ),
        ),
        media=tuple(item.media or ()),
        margin_override=item.margin_override,
        delisting=item.delisting,
        experiment=running_from(item.experiment) if item.experiment else None,
    )


# What product_of and sku_of read of a product's partition (not its index keys, nor a
# SKU's copy of available): the product page's Query asks for these only.
_PAGE_ATTRIBUTES = raw_reads.projection(
    {"type", "id", "title", "description", "category_id", "category_path", "images", "attributes", "status"}
    | {"list_at", "delist_at", "listed_at", "sku_codes", "min_price", "max_price", "sales", "search_text"}
    | {"returnable_without_reason", "handle", "created_at", "updated_at", "version"}
    | {"media", "margin_override", "delisting"}
    | {"code", "product_id", "specs", "price", "member_price", "cost_price", "weight_grams", "safety_stock"}
    | {"reorder_point"}
    | {"on_hand", "reserved", "stock_shards", "shards_available"}  # a sharded SKU's total: eventual (ADR 0025)
    | {"rating_sum", "rating_count", "rating_1", "rating_2", "rating_3", "rating_4", "rating_5"}
    | {"experiment"}  # the running A/B experiment (ADR 0024): the page's variants in the same read
)


class DynamoProducts:
    def __init__(self, currency: str) -> None:
        self.currency = currency

    def add(self, product: Product, skus: list[Sku], stock: dict[str, int], entries: list[LedgerEntry]) -> None:
        item = product_item(product)

        def build(tw: TransactWrite) -> None:
            tw.save(item, condition=ProductItem.PK.does_not_exist())
            if product.handle is not None:
                tw.save(
                    ProductHandleItem(*keys.product_handle(product.handle), product_id=product.id),
                    condition=ProductHandleItem.PK.does_not_exist(),
                )
            self._add_skus(tw, skus, stock, entries, product.created_at)
            catalog_index.write_entries(tw, product, set())

        transact.run_checked(build, lambda _: self._handle_taken(product.handle) or self._taken([s.code for s in skus]))

    def _handle_taken(self, handle: str | None) -> Conflict | None:
        if handle is None or self.product_id_of_handle(handle) is None:
            return None
        return Conflict(f"Another product has the handle {handle}.", code=CatalogErrorCode.HANDLE_TAKEN, handle=handle)

    def product_id_of_handle(self, handle: str) -> str | None:
        try:
            return str(ProductHandleItem.get(*keys.product_handle(handle), consistent_read=True).product_id)
        except DoesNotExist:
            return None

    def _add_skus(
        self, tw: TransactWrite, skus: list[Sku], stock: dict[str, int], entries: list[LedgerEntry], now: datetime
    ) -> None:
        for sku in skus:
            tw.save(
                SkuCodeItem(*keys.sku_code(sku.code), product_id=sku.product_id),
                condition=SkuCodeItem.PK.does_not_exist(),
            )
            tw.save(sku_item(sku, self.currency, stock.get(sku.code, 0), now), condition=SkuItem.PK.does_not_exist())
        for entry in entries:
            tw.save(ledger_item(entry))

    @staticmethod
    def _taken(codes: list[str]) -> Conflict | None:
        """Conflict naming those of ``codes`` another product uses, if any."""
        found = SkuCodeItem.batch_get([keys.sku_code(c) for c in codes], consistent_read=True) if codes else []
        taken = sorted(i.PK.split("#", 1)[1] for i in found)
        if not taken:
            return None
        return Conflict(
            f"SKU codes already in use: {', '.join(taken)}.", code=CatalogErrorCode.SKU_CODE_TAKEN, skus=taken
        )

    def product_id_of(self, code: str) -> str | None:
        return product_id_of(code)

    def for_lines(self, line_keys: list[tuple[str, str]]) -> dict[str, tuple[Product, Sku, StockLevel]]:
        """Products and SKUs of cart lines in one BatchGetItem, keyed by SKU code."""
        wanted = {keys.product(pid) for pid, _ in line_keys} | {keys.sku(pid, code) for pid, code in line_keys}
        products: dict[str, Product] = {}
        skus: dict[str, tuple[Sku, StockLevel]] = {}
        for raw in raw_reads.batch_get(sorted(wanted)):
            kind = raw_reads.model_of(raw)
            if kind is ProductItem:
                product = product_of(raw_reads.decode(raw, ProductItem))
                products[product.id] = product
            elif kind is SkuItem:
                sku, stock = sku_of(raw_reads.decode(raw, SkuItem))
                skus[sku.code] = (sku, stock)
        return {
            code: (products[sku.product_id], sku, stock)
            for code, (sku, stock) in skus.items()
            if sku.product_id in products
        }

    def get(self, product_id: str) -> ProductView | None:
        """The product and its SKUs: one strongly consistent Query of its partition."""
        pk, _ = keys.product(product_id)
        product: ProductItem | None = None
        skus: dict[str, tuple[Sku, StockLevel]] = {}
        for raw in raw_reads.query_partition(pk, _PAGE_ATTRIBUTES):
            kind = raw_reads.model_of(raw)
            if kind is ProductItem:
                product = raw_reads.decode(raw, ProductItem)
            elif kind is SkuItem:
                sku, stock = sku_of(raw_reads.decode(raw, SkuItem))
                skus[sku.code] = (sku, stock)
        if product is None:
            return None
        return ProductView(product_of(product), [skus[c] for c in product.sku_codes if c in skus])

    def save(
        self,
        product: Product,
        changed_skus: list[Sku],
        new_skus: list[Sku],
        stock: dict[str, int],
        entries: list[LedgerEntry],
    ) -> ProductView:
        values = _product_values(product)
        listed = values.pop("GSI4SK") is not None
        indexed = catalog_index.stored_categories(product.id)

        def build(tw: TransactWrite) -> None:
            # Built afresh on every attempt: PynamoDB appends the version increment
            # to the action list it is given.
            actions = [
                getattr(ProductItem, name).remove() if value is None else getattr(ProductItem, name).set(value)
                for name, value in values.items()
            ]
            # The sales sort key copies the stored counter, never the one read earlier,
            # so a concurrent ADD to sales is not undone by this edit.
            actions.append(ProductItem.GSI4SK.set(ProductItem.sales) if listed else ProductItem.GSI4SK.remove())
            target = ProductItem(*keys.product(product.id), version=product.version)
            tw.update(target, actions=actions, condition=ProductItem.PK.exists())
            for sku in changed_skus:
                tw.update(
                    SkuItem(*keys.sku(sku.product_id, sku.code)),
                    actions=[
                        SkuItem.specs.set(dict(sku.specs)),
                        SkuItem.price.set(sku.price),
                        SkuItem.member_price.set(sku.member_price)
                        if sku.member_price is not None
                        else SkuItem.member_price.remove(),
                        SkuItem.cost_price.set(sku.cost_price)
                        if sku.cost_price is not None
                        else SkuItem.cost_price.remove(),
                        SkuItem.weight_grams.set(sku.weight_grams),
                        SkuItem.safety_stock.set(sku.safety_stock),
                        SkuItem.updated_at.set(product.updated_at),
                    ],
                    condition=SkuItem.PK.exists(),
                )
            self._add_skus(tw, new_skus, stock, entries, product.updated_at)
            catalog_index.write_entries(tw, product, indexed)

        transact.run_checked(
            build,
            lambda _: (
                self._taken([s.code for s in new_skus])
                or Conflict(
                    "The product changed while you were editing it; read it again and retry.",
                    code=CommonErrorCode.CONCURRENT_UPDATE,
                )
            ),
        )
        stored = self.get(product.id)
        if stored is None:  # deleted underneath us
            raise NotFound(f"No product {product.id}.")
        return stored

    def catalog(self, query: CatalogQuery, after: Position | None) -> Page:
        if query.category_id and not query.keyword:
            return catalog_index.category_page(query, after)
        index, forward, attributes = _CATALOG_INDEXES[query.sort]
        now = query.now
        condition = (ProductItem.list_at.does_not_exist() | (ProductItem.list_at <= now)) & (
            ProductItem.delist_at.does_not_exist() | (ProductItem.delist_at > now)
        )
        if query.category_id:
            condition &= ProductItem.category_path.contains(query.category_id)
        if query.keyword:
            condition &= ProductItem.search_text.contains(query.keyword)
        page = query_page(
            keys.CATALOG_PK, index, attributes, query.limit, after, forward=forward, filter_condition=condition
        )
        return Page([product_of(i) for i in page.items], page.next_position)

    def facet_sample(self, category_id: str | None, now: datetime, limit: int) -> list[tuple[int, dict[str, str]]]:
        return catalog_index.facet_sample(category_id, now, limit)

    def sales_moved(self, days: list[date], limit: int) -> list[tuple[Product, int]]:
        return [(product_of(item), ranked) for item, ranked in catalog_index.sales_moved(days, limit)]

    def mark_ranked(self, product: Product) -> None:
        catalog_index.mark_ranked(product)

    def by_status(self, status: str, limit: int, after: Position | None, oldest_first: bool = False) -> Page:
        page = query_page(keys.products_by_status(status), "GSI2", GSI2_KEYS, limit, after, forward=oldest_first)
        return Page([product_of(i) for i in page.items], page.next_position)

    def due_for_transition(self, now: datetime, limit: int) -> list[Product]:
        upper = keys.due_sort_key(now, "\uffff")
        items = ProductItem.gsi5.query(keys.DUE_LISTING_PK, upper >= ProductItem.GSI5SK, limit=limit)
        # The index is eventually consistent: re-read each product before acting on it.
        fresh = [self.get(i.id) for i in items]
        return [view.product for view in fresh if view is not None]
