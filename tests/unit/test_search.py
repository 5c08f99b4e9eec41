"""Search rules and the built-in engine over fakes: tokenising (Chinese segmentation,
Latin prefixes), synonyms, ranking, cursors, facets and the bounded reads."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.search import (
    MAX_QUERY_PARTITIONS,
    MAX_QUERY_TOKENS,
    PER_TOKEN,
    Candidate,
    clean_synonyms,
    facets,
    rank,
    sales_bucket,
)
from chalicelib.services.catalog import CatalogService
from chalicelib.services.search import BuiltinSearch
from chalicelib.services.tokens import document_terms, expand, index_tokens, query_tokens

from .builders import CURRENCY, Shop, a_sku_spec, advance
from .fakes import FakePostings, FakeSynonyms


# --- tokens ---------------------------------------------------------------------------------
def test_chinese_titles_are_segmented_into_words():
    tokens = index_tokens("纯棉白色短袖T恤")
    for word in ("纯棉", "短袖", "t恤"):
        assert word in tokens
    assert query_tokens("纯棉") == ["纯棉"]
    assert query_tokens("短袖") == ["短袖"]
    assert query_tokens("T恤") == query_tokens("t恤") == ["t恤"]


def test_latin_words_are_lower_cased_and_indexed_with_their_prefixes():
    tokens = index_tokens("Cotton-Blend")
    assert tokens == ["co", "cot", "cott", "cotto", "cotton", "bl", "ble", "blen", "blend"]
    assert query_tokens("COTT a") == ["cott"]  # one-letter words have no partition


def test_a_query_looks_up_at_most_five_tokens():
    assert len(query_tokens("aa bb cc dd ee ff gg")) == MAX_QUERY_TOKENS


def test_document_terms_mark_title_words():
    terms = document_terms("Silk scarf", {"color": "red"}, ["Accessories"], ["SC-01"])
    assert terms["silk"] is True and terms["red"] is False and terms["accessories"] is False
    assert terms["sc"] is True  # "scarf" starts with it: the title wins
    assert "01" in terms


def test_plain_latin_text_never_loads_the_segmenter(monkeypatch):
    from chalicelib.services import tokens

    monkeypatch.setattr(tokens, "_cut", None)
    monkeypatch.setattr(tokens, "_segmenter", lambda: pytest.fail("segmenter loaded"))
    assert tokens.index_tokens("plain words") == ["pl", "pla", "plai", "plain", "wo", "wor", "word", "words"]


# --- synonyms -------------------------------------------------------------------------------
def test_a_synonym_adds_the_other_terms_of_its_group():
    groups = clean_synonyms([["tee", "T恤"]])
    assert expand(query_tokens("tee"), groups) == [["tee", "t恤"]]
    assert expand(query_tokens("t恤"), groups) == [["t恤", "tee"]]
    assert expand(query_tokens("shirt"), groups) == [["shirt"]]


def test_synonym_expansion_is_capped_by_the_partition_budget():
    groups = clean_synonyms([["aa", *[f"b{i}x" for i in range(9)]]])
    alternatives = expand(["aa", "cc"], groups)
    assert sum(len(a) for a in alternatives) == MAX_QUERY_PARTITIONS


def test_synonym_groups_are_validated_and_deduplicated():
    assert clean_synonyms([["Tee", "tee", "T恤"]]) == [["Tee", "T恤"]]
    with pytest.raises(ValidationFailed):
        clean_synonyms([["only"]])
    with pytest.raises(ValidationFailed):
        clean_synonyms([["a" * 51, "b"]])
    with pytest.raises(ValidationFailed):
        clean_synonyms([["a", "b"]] * 501)


# --- ranking and facets ---------------------------------------------------------------------
def candidate(pid: str, matched: int = 1, in_title: int = 0, sales: int = 0, price: int = 100) -> Candidate:
    return Candidate(pid, matched, in_title, sales, price, ("cat_1",), {})


def test_relevance_ranks_by_tokens_matched_then_title_then_sales():
    found = [
        candidate("p1", matched=1, in_title=1, sales=99),
        candidate("p2", matched=2, in_title=0, sales=0),
        candidate("p3", matched=1, in_title=0, sales=500),
        candidate("p4", matched=1, in_title=1, sales=100),
    ]
    assert [c.product_id for c in rank(found, "relevance", 2, None)] == ["p2", "p4", "p1", "p3"]


def test_another_sort_keeps_only_candidates_matching_every_token():
    found = [candidate("p1", matched=2, price=300), candidate("p2", matched=1, price=1), candidate("p3", 2, price=5)]
    assert [c.product_id for c in rank(found, "price_asc", 2, None)] == ["p3", "p1"]


def test_facets_count_bands_and_values():
    counted = facets([(3000, {"color": "red"}), (4000, {"color": "red"}), (150000, {"color": "blue", "size": "L"})])
    assert counted.price_bands == [(0, 5000, 2), (100000, None, 1)]
    assert counted.attributes == {"color": [("red", 2), ("blue", 1)], "size": [("L", 1)]}


def test_sales_buckets_grow_coarser():
    buckets = [sales_bucket(n) for n in range(0, 2000)]
    assert buckets == sorted(buckets)
    assert sales_bucket(1000) == sales_bucket(1010)  # a few more sales rewrite no postings
    assert sales_bucket(0) != sales_bucket(1)


# --- the engine over fakes ------------------------------------------------------------------
class SearchShop(Shop):
    def __post_init__(self) -> None:
        super().__post_init__()
        self.postings = FakePostings(self.products)
        self.synonyms = FakeSynonyms()
        self.catalog = CatalogService(
            self.categories,
            self.products,
            self.clock,
            CURRENCY,
            default_safety_stock=0,
            search=BuiltinSearch(self.postings, self.synonyms),
        )


def listed(shop: SearchShop, title: str, **overrides):
    return shop.product(title=title, status="listed", **overrides)


def test_the_engine_finds_a_chinese_title_by_each_word_and_by_synonym():
    shop = SearchShop()
    tee = listed(shop, "纯棉白色短袖T恤")
    listed(shop, "羊毛围巾")
    for q in ("纯棉", "短袖", "T恤"):
        assert [p.id for p in shop.catalog.browse(None, None, q, 20, None).items] == [tee.id], q
    assert shop.catalog.browse(None, None, "tee", 20, None).items == []
    shop.synonyms.put(clean_synonyms([["tee", "T恤"]]))
    assert [p.id for p in shop.catalog.browse(None, None, "tee", 20, None).items] == [tee.id]


def test_pages_follow_the_cursor_and_the_last_or_empty_page_has_none():
    shop = SearchShop()
    made = [listed(shop, f"Lamp {n}").id for n in range(5)]
    seen, after, sizes = [], None, []
    while True:
        page = shop.catalog.browse(None, None, "lamp", 2, after)
        sizes.append(len(page.items))
        seen += [p.id for p in page.items]
        after = page.next_position
        if after is None:
            break
    assert sizes == [2, 2, 1] and sorted(seen) == sorted(made)
    assert shop.catalog.browse(None, None, "nothing", 2, None).next_position is None
    with pytest.raises(ValidationFailed):
        shop.catalog.browse(None, None, "lamp", 2, {"offset": -1})


def test_a_delisted_product_is_never_shown_even_if_a_posting_outlived_it():
    shop = SearchShop()
    kept = listed(shop, "Jade ring")
    gone = listed(shop, "Jade bowl")
    stale = dict(shop.postings.by_token)
    shop.catalog.delist_product(gone.id, None)
    assert [p.id for p in shop.catalog.browse(None, None, "jade", 20, None).items] == [kept.id]
    shop.postings.by_token = {t: dict(v) for t, v in stale.items()}  # as if the index write had failed
    page = shop.catalog.browse(None, None, "jade", 1, None)
    assert [p.id for p in page.items] == [kept.id]  # and the page is still full


def test_a_page_costs_one_read_per_token_and_one_batch_read_whatever_the_catalog_size():
    shop = SearchShop()
    category = shop.category("Bags")
    for n in range(PER_TOKEN + 50):
        listed(shop, f"Canvas bag {n}", category=category, skus=[a_sku_spec(f"BAG-{n}")])
    shop.postings.token_reads = shop.postings.product_reads = 0
    page = shop.catalog.browse(None, None, "canvas bag", 20, None)
    assert len(page.items) == 20
    assert shop.postings.token_reads == 2 and shop.postings.product_reads == 1
    assert page.facets.price_bands == [(10000, 20000, PER_TOKEN)]  # over the candidates read


def test_ranking_puts_the_product_matching_most_tokens_first_then_sales():
    shop = SearchShop()
    both = listed(shop, "Red kite")
    red = listed(shop, "Red scarf")
    kite = listed(shop, "Blue kite")
    shop.products.by_id[kite.id] = replace(shop.products.by_id[kite.id], sales=50)
    shop.catalog.refresh_sales_ranks(shop.clock.now())
    ranked = [p.id for p in shop.catalog.browse(None, None, "red kite", 20, None).items]
    assert ranked == [both.id, kite.id, red.id]


def test_the_refresh_job_reindexes_only_when_the_sales_rank_moves():
    shop = SearchShop()
    product = listed(shop, "Paper fan")
    shop.products.by_id[product.id] = replace(shop.products.by_id[product.id], sales=1000)
    first = shop.catalog.refresh_sales_ranks(shop.clock.now())
    assert first == {"examined": 1, "reranked": 1, "reindexed": 1}
    assert shop.postings.by_token["fan"][product.id].sales == 1000
    shop.products.by_id[product.id] = replace(shop.products.by_id[product.id], sales=1001)
    advance(shop.clock, minutes=15)
    assert shop.catalog.refresh_sales_ranks(shop.clock.now()) == {"examined": 1, "reranked": 1, "reindexed": 0}
    assert shop.catalog.refresh_sales_ranks(shop.clock.now())["examined"] == 0


def test_category_pages_carry_facets_of_the_category():
    shop = SearchShop()
    category = shop.category("Cups")
    listed(shop, "Cup a", category=category, attributes={"color": "red"}, skus=[a_sku_spec("C-1", price=3000)])
    listed(shop, "Cup b", category=category, attributes={"color": "red"}, skus=[a_sku_spec("C-2", price=3000)])
    page = shop.catalog.browse("price_asc", category.id, None, 1, None)
    assert len(page.items) == 1 and page.next_position is not None
    assert page.facets.attributes == {"color": [("red", 2)]}
    assert shop.catalog.browse("relevance", category.id, None, 1, None).items == (
        shop.catalog.browse("newest", category.id, None, 1, None).items
    )  # relevance needs a keyword: without one, the newest first
    with pytest.raises(ValidationFailed):
        shop.catalog.browse("cheapest", category.id, None, 1, None)


def test_a_product_with_a_rare_token_and_a_hot_one_ranks_as_matching_both():
    shop = SearchShop()
    category = shop.category("Shirts")
    for n in range(PER_TOKEN + 20):
        made = listed(shop, f"Cotton shirt {n}", category=category, skus=[a_sku_spec(f"SH-{n}")])
        shop.products.by_id[made.id] = replace(shop.products.by_id[made.id], sales=100 + n)
    rare = listed(shop, "Cotton marzipan shirt", category=category, skus=[a_sku_spec("SH-RARE")])
    shop.catalog.refresh_sales_ranks(shop.clock.now())
    assert rare.id not in {p.product_id for p in shop.postings.read("cotton", PER_TOKEN)}  # outside the hot top
    shop.postings.token_reads = shop.postings.posting_reads = shop.postings.product_reads = 0
    page = shop.catalog.browse(None, None, "cotton marzipan", 20, None)
    assert page.items[0].id == rare.id and len(page.items) == 20
    assert (shop.postings.token_reads, shop.postings.posting_reads, shop.postings.product_reads) == (2, 1, 1)
