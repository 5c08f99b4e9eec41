"""The built-in search engine: an inverted index kept in the table (PostingStore).

Reads per page, whatever the catalog size: one partition per query token and
per synonym alternative (at most MAX_QUERY_PARTITIONS, each at most PER_TOKEN
entries, the best-selling first), then one batch read of the page's products
(a second only when a posting outlived its product's listing), plus the
synonym set when its short cache has expired. Every page of a query repeats the
token reads and ranks the same candidates, so the cursor is an offset into them.

Trade-off: a token shared by more than PER_TOKEN products (a "hot" token) only
offers its PER_TOKEN best sellers as candidates; a query that adds a rarer token
still finds what matches that one. docs/adr/0011-search.md.
"""

from __future__ import annotations

from ..domain.catalog import Product
from ..domain.error_codes import CommonErrorCode
from ..domain.errors import FieldError, ValidationFailed
from ..domain.search import PER_TOKEN, Posting, candidates, facets, indexable, rank
from .ports import Position, PostingStore, ResultPage, SearchQuery, SynonymRepository
from .tokens import document_terms, expand, query_tokens

PAGE_READS = 2  # batch reads of products per page at most


class BuiltinSearch:
    def __init__(self, store: PostingStore, synonyms: SynonymRepository) -> None:
        self.store = store
        self.synonyms = synonyms

    def index(self, product: Product, category_names: list[str]) -> None:
        if not indexable(product):
            self.store.replace(product.id, [])
            return
        terms = document_terms(product.title, product.attributes, category_names, product.sku_codes)
        self.store.replace(
            product.id,
            [
                Posting(
                    token=token,
                    product_id=product.id,
                    in_title=in_title,
                    sales=product.sales,
                    min_price=product.min_price,
                    category_path=product.category_path,
                    attributes=dict(product.attributes),
                    delist_at=product.delist_at,
                )
                for token, in_title in terms.items()
            ],
        )

    def search(self, query: SearchQuery, after: Position | None) -> ResultPage:
        offset = _offset(after)
        tokens = query_tokens(query.text)
        alternatives = expand(tokens, self.synonyms.get())
        read = {token: self.store.read(token, PER_TOKEN) for alts in alternatives for token in alts}
        ranked = rank(candidates(alternatives, read, query.now), query.sort, len(tokens), query.category_id)
        found_facets = facets((c.min_price, c.attributes) for c in ranked)
        items: list[Product] = []
        position = offset
        for _ in range(PAGE_READS):
            chunk = ranked[position : position + query.limit - len(items)]
            if not chunk:
                break
            products = self.store.products([c.product_id for c in chunk])
            position += len(chunk)
            items += [
                products[c.product_id]
                for c in chunk
                if c.product_id in products and products[c.product_id].is_visible(query.now)
            ]
            if len(items) == query.limit:
                break
        more = bool(items) and position < len(ranked)
        return ResultPage(items, {"offset": position} if more else None, found_facets)


def _offset(after: Position | None) -> int:
    if after is None:
        return 0
    value = after.get("offset")
    if set(after) != {"offset"} or not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10_000:
        raise ValidationFailed(
            "The cursor is not valid for this listing.",
            [FieldError("cursor", "invalid_cursor", "Use next_cursor exactly as returned.")],
            code=CommonErrorCode.INVALID_CURSOR,
        )
    return value
