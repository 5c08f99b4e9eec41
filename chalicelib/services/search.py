"""The built-in search engine: an inverted index kept in the table (PostingStore).

Reads per page, whatever the catalog size: one partition per query token and
per synonym alternative (at most MAX_QUERY_PARTITIONS, each at most PER_TOKEN
entries, the best-selling first); when one of several tokens is hot (its
partition holds more), one batch read asking whether the best candidates of the
others have it; then one batch read of the page's products
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
from .ports import Position
from .search_ports import PostingStore, ResultPage, SearchQuery, SynonymRepository
from .tokens import document_terms, expand, query_tokens

PAGE_READS = 2  # batch reads of products per page at most
VERIFIED = 100  # postings of hot tokens checked by key per query (one batch read)


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
        self._check_hot(alternatives, read, query)
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

    def _check_hot(self, alternatives: list[list[str]], read: dict[str, list[Posting]], query: SearchQuery) -> None:
        """A hot token's partition was read only in part (its PER_TOKEN best sellers):
        whether the best candidates of the other tokens also have it is asked by key,
        in one batch read of at most VERIFIED postings, so a product matching a rare
        token and a hot one still ranks as matching both."""
        hot = {token for token, entries in read.items() if len(entries) >= PER_TOKEN}
        if not hot or len(alternatives) < 2:
            return
        seen = {token: {p.product_id for p in entries} for token, entries in read.items()}
        wanted: list[tuple[str, str]] = []
        for c in rank(candidates(alternatives, read, query.now), "relevance", len(alternatives), query.category_id):
            for alts in alternatives:
                if not any(c.product_id in seen[t] for t in alts):
                    wanted += [(c.product_id, t) for t in alts if t in hot]
            if len(wanted) >= VERIFIED:
                break
        for posting in self.store.postings(wanted[:VERIFIED]) if wanted else []:
            read[posting.token].append(posting)


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
