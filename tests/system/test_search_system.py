"""Search and category pages over HTTP against DynamoDB Local with 3,000 products
(seeded straight into the table in batch writes: the product, its category
entries and its postings, the items the app writes): a keyword that only one
product has finds it first on the first page, and pages are full."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.domain.catalog import Product
from chalicelib.domain.ids import new_id
from chalicelib.domain.search import Posting

PRODUCTS = 3000
UNIQUE = 1234  # the one product whose title holds the keyword


class Collect:
    def __init__(self) -> None:
        self.postings: list[Posting] = []

    def replace(self, product_id: str, postings: list[Posting]) -> None:
        self.postings = postings

    def read(self, token: str, limit: int) -> list[Posting]:
        return []

    def products(self, product_ids: list[str]) -> dict[str, Product]:
        return {}


def seed(category: Any) -> str:
    from chalicelib.adapters.dynamo.catalog import product_item
    from chalicelib.adapters.dynamo.catalog_index import entry_item
    from chalicelib.adapters.dynamo.models import Item
    from chalicelib.adapters.dynamo.search import posting_item
    from chalicelib.services.search import BuiltinSearch

    now = datetime.now(UTC) - timedelta(hours=1)
    path = tuple(category["path"])
    unique_id = ""

    def write(chunk: range) -> str:
        collect = Collect()
        engine = BuiltinSearch(collect, Collect())  # type: ignore[arg-type]
        found = ""
        with Item.batch_write() as batch:
            for i in chunk:
                title = f"Cotton shirt {i % 7}" + (" marzipan" if i == UNIQUE else "")
                product = Product(
                    id=new_id("prod"),
                    title=title,
                    description="",
                    category_id=category["id"],
                    category_path=path,
                    images=(),
                    attributes={"color": ("red", "blue", "green")[i % 3]},
                    status="listed",
                    list_at=None,
                    delist_at=None,
                    sku_codes=(f"S{i}",),
                    min_price=1000 + i,
                    max_price=1000 + i,
                    created_at=now,
                    updated_at=now,
                    sales=i % 50,
                    listed_at=now,
                )
                if i == UNIQUE:
                    found = product.id
                item = product_item(product)
                item.sales = item.GSI4SK = item.ranked_sales = product.sales
                batch.save(item)
                for category_id in path:
                    batch.save(entry_item(product, category_id))
                engine.index(product, [category["name"]])
                for posting in collect.postings:
                    batch.save(posting_item(posting))
        return found

    with ThreadPoolExecutor(max_workers=8) as pool:
        for found in pool.map(write, [range(s, min(s + 250, PRODUCTS)) for s in range(0, PRODUCTS, 250)]):
            unique_id = unique_id or found
    return unique_id


def test_a_keyword_in_one_of_3000_products_is_the_first_result_and_pages_are_full(api):
    root = api.category("Apparel")
    tops = api.category("Tops", parent_id=root["id"])
    leaf = api.category("Tees", parent_id=api.category("Shirts", parent_id=tops["id"])["id"])  # root: 3 levels up
    unique_id = seed(leaf)

    only = api.get("/products?q=marzipan").body
    assert [p["id"] for p in only["items"]] == [unique_id] and only["next_cursor"] is None

    ranked = api.get("/products?q=cotton%20marzipan&limit=20").body
    assert ranked["items"][0]["id"] == unique_id  # two tokens matched beats one
    assert len(ranked["items"]) == 20 and ranked["next_cursor"]
    again = api.get(f"/products?q=cotton%20marzipan&limit=20&cursor={ranked['next_cursor']}").body
    assert len(again["items"]) == 20
    assert not {p["id"] for p in again["items"]} & {p["id"] for p in ranked["items"]}

    page = api.get(f"/products?category_id={root['id']}&sort=price_asc&limit=20").body
    assert [p["price_range"]["min"]["amount"] for p in page["items"]] == list(range(1000, 1020))
    following = api.get(f"/products?category_id={root['id']}&sort=price_asc&limit=20&cursor={page['next_cursor']}")
    assert [p["price_range"]["min"]["amount"] for p in following.body["items"]] == list(range(1020, 1040))
    assert {v["value"] for v in page["facets"]["attributes"]["color"]} == {"red", "blue", "green"}
