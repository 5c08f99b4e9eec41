"""Search rules: bounds, synonyms, ranking and facets. Pure: the built-in engine
(services/search.py, tokens in services/tokens.py) and the category pages use
them; storage lives behind the ports.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .catalog import Product
from .errors import ErrorList

MAX_PREFIX = 20  # longest indexed prefix; longer query words are cut to it
MAX_TOKEN_LENGTH = 100  # a longer CJK run (no dictionary word) is not indexed
MAX_QUERY_TOKENS = 5  # distinct tokens of a query that are looked up
MAX_QUERY_PARTITIONS = 8  # index partitions one query reads, synonyms included
MAX_DOCUMENT_TOKENS = 400  # postings per product at most
PER_TOKEN = 200  # entries read per token partition (the best-selling first)
FACET_SAMPLE = 200  # category pages: facets over the first entries by sales

MAX_SYNONYM_GROUPS = 500
MAX_SYNONYM_TERMS = 10
MAX_SYNONYM_LENGTH = 50

# Price bands in minor units: [low, high); the last is open-ended.
PRICE_BANDS: tuple[tuple[int, int | None], ...] = (
    (0, 5000),
    (5000, 10000),
    (10000, 20000),
    (20000, 50000),
    (50000, 100000),
    (100000, None),
)
MAX_FACET_NAMES = 20
MAX_FACET_VALUES = 20


def indexable(product: Product) -> bool:
    """In the category and search indexes: listed, with its listing open (a future
    list_at keeps it out until the schedule opens it)."""
    return product.status == "listed" and product.list_at is None


# --- synonyms -------------------------------------------------------------------------
def clean_synonyms(groups: Sequence[Sequence[str]]) -> list[list[str]]:
    """Validated groups, terms NFKC-normalised, trimmed and deduplicated (ignoring
    case); raises ValidationFailed."""
    errors = ErrorList()
    if len(groups) > MAX_SYNONYM_GROUPS:
        errors.add("synonyms", "too_many", f"At most {MAX_SYNONYM_GROUPS} groups.")
    cleaned: list[list[str]] = []
    for i, group in enumerate(groups[:MAX_SYNONYM_GROUPS]):
        if not 2 <= len(group) <= MAX_SYNONYM_TERMS:
            errors.add(f"synonyms.{i}.terms", "out_of_range", f"A group has 2 to {MAX_SYNONYM_TERMS} terms.")
            continue
        terms: list[str] = []
        for j, raw in enumerate(group):
            term = unicodedata.normalize("NFKC", raw).strip()
            if not term or len(term) > MAX_SYNONYM_LENGTH:
                errors.add(f"synonyms.{i}.terms.{j}", "out_of_range", f"1 to {MAX_SYNONYM_LENGTH} characters.")
            elif term.casefold() not in {t.casefold() for t in terms}:
                terms.append(term)
        if len(terms) >= 2:
            cleaned.append(terms)
    errors.raise_if_any()
    return cleaned


# --- ranking ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Posting:
    """One product under one token, with what ranking, filters and facets need."""

    token: str
    product_id: str
    in_title: bool
    sales: int
    min_price: int
    category_path: tuple[str, ...]
    attributes: dict[str, str] = field(default_factory=dict)
    delist_at: Any = None  # datetime | None: past it the product is no longer shown


@dataclass(frozen=True)
class Candidate:
    product_id: str
    matched: int  # query tokens matched (through any alternative)
    in_title: int  # of those, matched in the title
    sales: int
    min_price: int
    category_path: tuple[str, ...]
    attributes: dict[str, str]


def candidates(alternatives: list[list[str]], postings: dict[str, list[Posting]], now: Any) -> list[Candidate]:
    """Fold the postings read into one candidate per product."""
    matched: dict[str, set[int]] = {}
    titled: dict[str, set[int]] = {}
    first: dict[str, Posting] = {}
    for i, alts in enumerate(alternatives):
        for token in alts:
            for p in postings.get(token, []):
                if p.delist_at is not None and now >= p.delist_at:
                    continue
                matched.setdefault(p.product_id, set()).add(i)
                if p.in_title:
                    titled.setdefault(p.product_id, set()).add(i)
                if p.product_id not in first or p.sales > first[p.product_id].sales:
                    first[p.product_id] = p
    return [
        Candidate(
            pid,
            len(hits),
            len(titled.get(pid, ())),
            first[pid].sales,
            first[pid].min_price,
            first[pid].category_path,
            first[pid].attributes,
        )
        for pid, hits in matched.items()
    ]


def _desc_id(product_id: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in product_id)


SORT_KEYS: dict[str, Callable[[Candidate], tuple[Any, ...]]] = {
    "relevance": lambda c: (-c.matched, -c.in_title, -c.sales, _desc_id(c.product_id)),
    "newest": lambda c: (_desc_id(c.product_id),),
    "price_asc": lambda c: (c.min_price, c.product_id),
    "price_desc": lambda c: (-c.min_price, _desc_id(c.product_id)),
    "sales": lambda c: (-c.sales, _desc_id(c.product_id)),
}


def rank(found: Iterable[Candidate], sort: str, tokens: int, category_id: str | None) -> list[Candidate]:
    """Candidates in page order. ``relevance`` ranks by tokens matched, then title
    matches, then sales (any token matching makes a candidate); another sort
    orders the candidates that match every token."""
    chosen = [c for c in found if category_id is None or category_id in c.category_path]
    if sort != "relevance":
        chosen = [c for c in chosen if c.matched == tokens]
    return sorted(chosen, key=SORT_KEYS[sort])


# --- facets ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Facets:
    price_bands: list[tuple[int, int | None, int]]  # (low, high, count), bands with a count only
    attributes: dict[str, list[tuple[str, int]]]  # name -> (value, count), most common first


def facets(items: Iterable[tuple[int, dict[str, str]]]) -> Facets:
    """Counts over (min_price, attributes) pairs."""
    bands = [0] * len(PRICE_BANDS)
    values: dict[str, dict[str, int]] = {}
    for price, attributes in items:
        for i, (low, high) in enumerate(PRICE_BANDS):
            if price >= low and (high is None or price < high):
                bands[i] += 1
                break
        for name, value in attributes.items():
            counts = values.setdefault(name, {})
            counts[value] = counts.get(value, 0) + 1
    names = sorted(values, key=lambda n: (-sum(values[n].values()), n))[:MAX_FACET_NAMES]
    return Facets(
        price_bands=[(low, high, n) for (low, high), n in zip(PRICE_BANDS, bands, strict=True) if n],
        attributes={
            name: sorted(values[name].items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_FACET_VALUES] for name in names
        },
    )


def sales_bucket(sales: int) -> int:
    """Coarse sales rank: the index's postings are rewritten when it moves
    (about every 19% of growth), not on every sale."""
    n = max(0, sales)
    bucket = 0
    threshold = 1
    while n >= threshold:
        bucket += 1
        threshold = int(threshold * 1.19) + 1
    return bucket
