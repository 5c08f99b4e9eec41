"""DynamoDB: the built-in search engine's inverted index and the synonym set.

A posting is a listed product under one token: ``PRODIDX#<product>`` /
``TOKEN#<token>`` (next to the product's category entries, so one Query lists
what to rewrite), indexed on GSI4 under ``TOKEN#<token>`` by sales: a token's
best sellers are the first entries of its partition. Postings are written after
the product's transaction (a product has up to MAX_DOCUMENT_TOKENS of them, more
than a transaction holds): only the ones that changed, in batch writes.
"""

from __future__ import annotations

from pynamodb.transactions import TransactWrite

from ...domain.catalog import Product
from ...domain.search import MAX_SYNONYM_GROUPS, Posting
from . import keys, transact
from .catalog import product_of
from .inventory import plain_map
from .models import Item, PostingItem, ProductItem, SynonymChunkItem

SYNONYM_CHUNKS = 5  # 100 groups per item keeps each far below the 400 KB item limit
_GROUPS_PER_CHUNK = MAX_SYNONYM_GROUPS // SYNONYM_CHUNKS

# What a search page shows of a product: everything but its search text.
_PRODUCT_ATTRIBUTES = [
    "PK",
    "SK",
    "type",
    "id",
    "title",
    "description",
    "category_id",
    "category_path",
    "images",
    "attributes",
    "status",
    "list_at",
    "delist_at",
    "listed_at",
    "sku_codes",
    "min_price",
    "max_price",
    "sales",
    "created_at",
    "updated_at",
    "version",
]


def _posting(item: PostingItem) -> Posting:
    return Posting(
        token=item.token,
        product_id=item.product_id,
        in_title=bool(item.in_title),
        sales=int(item.sales or 0),
        min_price=int(item.min_price),
        category_path=tuple(item.category_path),
        attributes=plain_map(item.attrs),
        delist_at=item.delist_at,
    )


def posting_item(p: Posting) -> PostingItem:
    return PostingItem(
        *keys.posting(p.product_id, p.token),
        token=p.token,
        product_id=p.product_id,
        in_title=p.in_title,
        sales=p.sales,
        min_price=p.min_price,
        category_path=list(p.category_path),
        attrs=dict(p.attributes),
        delist_at=p.delist_at,
        GSI4PK=keys.token_postings(p.token),
        GSI4SK=p.sales,
    )


class DynamoPostings:
    def replace(self, product_id: str, postings: list[Posting]) -> None:
        """One Query of the product's postings, then batch writes of the difference."""
        stored = {
            i.token: _posting(i)
            for i in PostingItem.query(
                keys.product_index(product_id),
                PostingItem.SK.startswith(keys.POSTING_PREFIX),
                consistent_read=True,
            )
        }
        wanted = {p.token: p for p in postings}
        with PostingItem.batch_write() as batch:
            for token, posting in wanted.items():
                if stored.get(token) != posting:
                    batch.save(posting_item(posting))
            for token in stored.keys() - wanted.keys():
                batch.delete(PostingItem(*keys.posting(product_id, token)))

    def read(self, token: str, limit: int) -> list[Posting]:
        return [
            _posting(i)
            for i in PostingItem.gsi4.query(keys.token_postings(token), scan_index_forward=False, limit=limit)
            if isinstance(i, PostingItem)
        ]

    def postings(self, pairs: list[tuple[str, str]]) -> list[Posting]:
        """Those of the (product id, token) postings that exist: one BatchGetItem (at most 100 keys)."""
        wanted = [keys.posting(pid, token) for pid, token in dict.fromkeys(pairs)]
        return [_posting(i) for i in PostingItem.batch_get(wanted) if isinstance(i, PostingItem)] if wanted else []

    def products(self, product_ids: list[str]) -> dict[str, Product]:
        if not product_ids:
            return {}
        found: dict[str, Product] = {}
        for item in Item.batch_get(
            [keys.product(pid) for pid in dict.fromkeys(product_ids)], attributes_to_get=_PRODUCT_ATTRIBUTES
        ):
            if isinstance(item, ProductItem):
                found[item.id] = product_of(item)
        return found


class DynamoSynonyms:
    def get(self) -> list[list[str]]:
        groups: list[list[str]] = []
        for item in SynonymChunkItem.query(keys.SYNONYMS_PK):
            groups += [list(g) for g in item.groups or []]
        return groups

    def put(self, groups: list[list[str]]) -> None:
        """All chunks in one transaction: readers see the old set or the new one."""
        chunks = [
            groups[i : i + _GROUPS_PER_CHUNK] for i in range(0, SYNONYM_CHUNKS * _GROUPS_PER_CHUNK, _GROUPS_PER_CHUNK)
        ]

        def build(tw: TransactWrite) -> None:
            for index, chunk in enumerate(chunks):
                key = keys.synonym_chunk(index)
                if chunk:
                    tw.save(SynonymChunkItem(*key, groups=chunk))
                else:
                    tw.delete(SynonymChunkItem(*key))

        transact.run(build)
