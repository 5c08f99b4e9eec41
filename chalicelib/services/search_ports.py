"""Ports of keyword search: the engine the catalog asks (SearchIndex) and the
built-in engine's own storage (PostingStore, SynonymRepository)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from ..domain.catalog import Product
from ..domain.search import Facets, Posting
from .ports import Position


@dataclass(frozen=True)
class SearchQuery:
    text: str
    sort: str  # relevance | newest | price_asc | price_desc | sales
    category_id: str | None
    now: datetime
    limit: int


@dataclass(frozen=True)
class ResultPage:
    """A storefront page with its facets."""

    items: list[Product]
    next_position: Position | None
    facets: Facets


class SearchIndex(Protocol):
    """Keyword search. The built-in engine (services/search.py) keeps an inverted
    index in the table; a search service fed by the outbox can take its place."""

    def index(self, product: Product, category_names: list[str]) -> None:
        """(Re)index the product as it now is; one not listed (or not yet open) leaves the index."""
        ...

    def search(self, query: SearchQuery, after: Position | None) -> ResultPage: ...


class PostingStore(Protocol):
    """The built-in engine's storage: one partition per token."""

    def replace(self, product_id: str, postings: list[Posting]) -> None: ...
    def read(self, token: str, limit: int) -> list[Posting]: ...  # the best-selling first
    def postings(self, pairs: list[tuple[str, str]]) -> list[Posting]: ...  # by (product id, token): one batch read
    def products(self, product_ids: list[str]) -> dict[str, Product]: ...  # one batch read


class SynonymRepository(Protocol):
    def get(self) -> list[list[str]]: ...
    def put(self, groups: list[list[str]]) -> None: ...  # replaces the whole set
