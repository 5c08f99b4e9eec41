"""DynamoDB: the category index. A listed product whose listing is open has one
entry per category on its path (its category and every ancestor, at most 5),
under ``PRODIDX#<product>`` / ``CAT#<category>``, carrying what a storefront
page shows and three sort keys on the shared indexes, all in the partition
``CATPRODUCTS#<category>``: GSI1 (newest: the product id, a ULID), GSI3 (lowest
price) and GSI4 (sales). A category page is one Query of one of them.

The entries are written in the product's own transaction (add, save), so a
listing, delisting, price or category change moves them atomically. Sales are
ADDed to the product by the paid-order transaction (order_writes.count_sales),
which cannot also touch every entry (40 lines x 5 categories exceeds a
transaction): the refresh_sales_ranks job copies them over (mark_ranked), so the
sales sort of a category page lags by at most one run of that job.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pynamodb.exceptions import UpdateError
from pynamodb.transactions import TransactWrite

from ...domain.catalog import Product
from ...domain.search import indexable
from ...services.ports import CatalogQuery, Page, Position
from . import keys
from .models import CategoryEntryItem, Item, ProductItem, SkuSalesItem
from .paging import GSI1_KEYS, GSI3_KEYS, GSI4_KEYS, query_page

_INDEXES: dict[str, tuple[str, bool, tuple[str, ...]]] = {
    "newest": ("GSI1", False, GSI1_KEYS),
    "price_asc": ("GSI3", True, GSI3_KEYS),
    "price_desc": ("GSI3", False, GSI3_KEYS),
    "sales": ("GSI4", False, GSI4_KEYS),
}


def entry_item(p: Product, category_id: str) -> CategoryEntryItem:
    partition = keys.category_products(category_id)
    return CategoryEntryItem(
        *keys.category_entry(p.id, category_id),
        id=p.id,
        title=p.title,
        description=p.description,
        category_id=p.category_id,
        category_path=list(p.category_path),
        images=list(p.images),
        attrs=dict(p.attributes),
        status=p.status,
        delist_at=p.delist_at,
        listed_at=p.listed_at,
        sku_codes=list(p.sku_codes),
        min_price=p.min_price,
        max_price=p.max_price,
        sales=p.sales,
        created_at=p.created_at,
        updated_at=p.updated_at,
        GSI1PK=partition,
        GSI1SK=p.id,
        GSI3PK=partition,
        GSI3SK=p.min_price,
        GSI4PK=partition,
        GSI4SK=p.sales,
    )


def shown_fields(item: ProductItem | CategoryEntryItem) -> dict[str, Any]:
    """The product's fields that both its own item and its category entries store
    (what a storefront page shows), as Product's keyword arguments."""
    from .inventory import plain_map

    return {
        "id": item.id,
        "title": item.title,
        "description": item.description,
        "category_id": item.category_id,
        "category_path": tuple(item.category_path),
        "images": tuple(item.images or ()),
        "attributes": plain_map(item.attrs),
        "status": item.status,
        "delist_at": item.delist_at,
        "sku_codes": tuple(item.sku_codes),
        "min_price": int(item.min_price),
        "max_price": int(item.max_price),
        "created_at": item.created_at,
        "updated_at": item.updated_at,
        "sales": int(item.sales or 0),
        "listed_at": item.listed_at,
    }


def product_of_entry(item: CategoryEntryItem) -> Product:
    """The product as its entry shows it: visible now, so its listing window has opened."""
    return Product(**shown_fields(item), list_at=None)


def stored_categories(product_id: str) -> set[str]:
    """The categories the product has entries under now (one Query, keys only)."""
    return {
        item.SK.removeprefix(keys.CATEGORY_ENTRY_PREFIX)
        for item in CategoryEntryItem.query(
            keys.product_index(product_id),
            CategoryEntryItem.SK.startswith(keys.CATEGORY_ENTRY_PREFIX),
            consistent_read=True,
            attributes_to_get=["PK", "SK", "type"],
        )
    }


def write_entries(tw: TransactWrite, product: Product, existing: set[str]) -> None:
    """Into the product's transaction: an entry per category on its path when it is
    indexable, and the deletion of the entries it no longer has (at most 5 + 5)."""
    wanted = set(product.category_path) if indexable(product) else set()
    for category_id in product.category_path:
        if category_id in wanted:
            tw.save(entry_item(product, category_id))
    for category_id in sorted(existing - wanted):
        tw.delete(CategoryEntryItem(*keys.category_entry(product.id, category_id)))


def _visible(now: datetime) -> Any:
    return CategoryEntryItem.delist_at.does_not_exist() | (CategoryEntryItem.delist_at > now)


def category_page(query: CatalogQuery, after: Position | None) -> Page:
    """One Query of the category's partition in the sort's index; an entry whose
    delist_at passed (before the schedule delisted it) is filtered out, which may
    cost a second Query to fill the page."""
    assert query.category_id is not None
    index, forward, attributes = _INDEXES[query.sort]
    page = query_page(
        keys.category_products(query.category_id),
        index,
        attributes,
        query.limit,
        after,
        forward=forward,
        filter_condition=_visible(query.now),
        page_size=query.limit + 1,
    )
    return Page([product_of_entry(i) for i in page.items], page.next_position)


def facet_sample(category_id: str | None, now: datetime, limit: int) -> list[tuple[int, dict[str, str]]]:
    """(min_price, attributes) of the category's (or catalog's) best sellers: one Query."""
    from .inventory import plain_map

    if category_id is None:
        items: Any = ProductItem.gsi4.query(
            keys.CATALOG_PK,
            scan_index_forward=False,
            limit=limit,
            filter_condition=(ProductItem.list_at.does_not_exist() | (ProductItem.list_at <= now))
            & (ProductItem.delist_at.does_not_exist() | (ProductItem.delist_at > now)),
            attributes_to_get=["PK", "SK", "type", "min_price", "attributes", "id", "title", "category_id"],
        )
    else:
        items = CategoryEntryItem.gsi4.query(
            keys.category_products(category_id),
            scan_index_forward=False,
            limit=limit,
            filter_condition=_visible(now),
            attributes_to_get=["PK", "SK", "type", "min_price", "attributes", "id", "title", "category_id"],
        )
    return [(int(i.min_price), plain_map(i.attrs)) for i in items]


def sales_moved(days: list[date], limit: int) -> list[tuple[ProductItem, int]]:
    """Products sold on ``days`` (their SKU sales rows) whose counter differs from
    the one last copied onto the index: one Query per day, one batch read."""
    product_ids: list[str] = []
    for day in days:
        for row in SkuSalesItem.query(keys.sales_day(day), attributes_to_get=["PK", "SK", "type", "product_id"]):
            if row.product_id not in product_ids:
                product_ids.append(row.product_id)
    moved: list[tuple[ProductItem, int]] = []
    for item in Item.batch_get([keys.product(pid) for pid in product_ids]):
        if isinstance(item, ProductItem) and int(item.sales or 0) != int(item.ranked_sales or 0):
            moved.append((item, int(item.ranked_sales or 0)))
            if len(moved) == limit:
                break
    return moved


def mark_ranked(product: Product) -> None:
    """Each entry's sales and sales sort key, then the product's ranked_sales (plain
    updates, conditioned on the item existing: a deleted entry stays deleted)."""
    connection = Item._get_connection()
    for category_id in stored_categories(product.id):
        try:
            connection.update_item(
                *keys.category_entry(product.id, category_id),
                actions=[CategoryEntryItem.sales.set(product.sales), CategoryEntryItem.GSI4SK.set(product.sales)],
                condition=CategoryEntryItem.PK.exists(),
            )
        except UpdateError as error:  # delisted in between: nothing to rank
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise
    connection.update_item(
        *keys.product(product.id),
        actions=[ProductItem.ranked_sales.set(product.sales)],
        condition=ProductItem.PK.exists(),
    )
