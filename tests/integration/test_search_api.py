"""Search and category pages over the API (moto): the category index and the
inverted index follow listing, delisting, price changes and sales; facets;
staff synonyms."""

from __future__ import annotations

from tests.integration.test_orders_api import pay, placed, run_job, shopper
from tests.support import ADMIN, money, sku_body


def ids(r):
    assert r.status == 200, r.body
    return [p["id"] for p in r.body["items"]]


def test_a_listed_product_is_found_by_each_of_its_words_and_its_sku_code(api):
    category = api.category("Tops")
    tee = api.product(category["id"], title="纯棉白色短袖T恤", skus=[sku_body("TEE-001")])
    scarf = api.product(category["id"], title="Wool scarf")
    for q in ("纯棉", "短袖", "T恤", "t恤", "tee-001", "纯棉 T恤"):
        assert ids(api.get(f"/products?q={q}")) == [tee["id"]], q
    assert set(ids(api.get("/products?q=tops"))) == {tee["id"], scarf["id"]}  # the category's name


def test_latin_prefixes_match_and_title_matches_rank_first(api):
    category = api.category()
    in_attributes = api.product(category["id"], title="Plain shirt", attributes={"fabric": "cotton"})
    in_title = api.product(category["id"], title="Cotton shirt")
    r = api.get("/products?q=cott")
    assert ids(r) == [in_title["id"], in_attributes["id"]]
    assert r.body["next_cursor"] is None
    # both words: the product matching both outranks one matching only "shirt"
    other = api.product(category["id"], title="Silk shirt")
    assert ids(api.get("/products?q=cotton shirt"))[:1] == [in_title["id"]]
    assert set(ids(api.get("/products?q=shirt"))) == {in_title["id"], in_attributes["id"], other["id"]}


def test_delisting_takes_a_product_out_of_search_and_category_pages_and_listing_brings_it_back(api):
    category = api.category()
    product = api.product(category["id"], title="Jade bracelet")
    assert ids(api.get("/products?q=jade")) == [product["id"]]
    assert api.post(f"/admin/products/{product['id']}/delist", {"reason": "discontinued"}, headers=ADMIN).status == 200
    assert ids(api.get("/products?q=jade")) == []
    assert api.get("/products?q=jade").body["next_cursor"] is None
    assert ids(api.get(f"/products?category_id={category['id']}")) == []
    assert api.post(f"/admin/products/{product['id']}/list", {}, headers=ADMIN).status == 200
    assert ids(api.get("/products?q=jade")) == [product["id"]]
    assert ids(api.get(f"/products?category_id={category['id']}")) == [product["id"]]


def test_a_draft_or_scheduled_product_never_appears(api):
    category = api.category()
    api.product(category["id"], title="Hidden lantern", status="draft")
    api.product(category["id"], title="Future lantern", list_at="2099-01-01T00:00:00Z")
    assert ids(api.get("/products?q=lantern")) == []
    assert ids(api.get(f"/products?category_id={category['id']}")) == []


def test_a_category_three_levels_up_lists_descendants_sorted_by_price_in_full_pages(api):
    root = api.category("Root")
    mid = api.category("Mid", parent_id=root["id"])
    low = api.category("Low", parent_id=mid["id"])
    leaf = api.category("Leaf", parent_id=low["id"])
    prices = [5000, 1200, 9900, 3000, 7000, 100, 2500]
    made = {api.product(leaf["id"], skus=[sku_body(price=p)])["id"]: p for p in prices}
    elsewhere = api.category("Elsewhere")
    api.product(elsewhere["id"], skus=[sku_body(price=1)])
    seen: list[str] = []
    cursor = None
    pages = []
    while True:
        url = f"/products?category_id={root['id']}&sort=price_asc&limit=3" + (f"&cursor={cursor}" if cursor else "")
        r = api.get(url)
        pages.append(len(ids(r)))
        seen += ids(r)
        cursor = r.body["next_cursor"]
        if cursor is None:
            break
    assert pages == [3, 3, 1]
    assert [made[i] for i in seen] == sorted(prices)
    desc = ids(api.get(f"/products?category_id={mid['id']}&sort=price_desc&limit=100"))
    assert [made[i] for i in desc] == sorted(prices, reverse=True)


def test_a_price_change_moves_the_product_in_category_and_search_order(api):
    category = api.category()
    cheap = api.product(category["id"], title="Teapot small", skus=[sku_body("POT-S", price=1000)])
    dear = api.product(category["id"], title="Teapot large", skus=[sku_body("POT-L", price=5000)])
    assert ids(api.get(f"/products?category_id={category['id']}&sort=price_asc")) == [cheap["id"], dear["id"]]
    r = api.patch(f"/admin/products/{cheap['id']}", {"skus": [{"code": "POT-S", "price": money(9000)}]}, headers=ADMIN)
    assert r.status == 200, r.body
    assert ids(api.get(f"/products?category_id={category['id']}&sort=price_asc")) == [dear["id"], cheap["id"]]
    assert ids(api.get("/products?q=teapot&sort=price_asc")) == [dear["id"], cheap["id"]]
    page = api.get(f"/products?category_id={category['id']}").body
    assert page["items"][0]["price_range"]["min"] in (money(5000), money(9000))


def test_a_category_change_moves_the_entries(api):
    first = api.category()
    second = api.category()
    product = api.product(first["id"], title="Moving box")
    r = api.patch(f"/admin/products/{product['id']}", {"category_id": second["id"]}, headers=ADMIN)
    assert r.status == 200, r.body
    assert ids(api.get(f"/products?category_id={first['id']}")) == []
    assert ids(api.get(f"/products?category_id={second['id']}")) == [product["id"]]
    assert ids(api.get(f"/products?q=moving&category_id={second['id']}")) == [product["id"]]
    assert ids(api.get(f"/products?q=moving&category_id={first['id']}")) == []


def test_sales_reach_the_category_and_search_sales_order_after_the_refresh_job(api, gateway):
    category = api.category()
    quiet = api.product(category["id"], title="Kite red", skus=[sku_body("KITE-R", stock=50)])
    popular = api.product(category["id"], title="Kite blue", skus=[sku_body("KITE-B", stock=50)])
    _, h = shopper(api)
    _, payment = placed(api, h, ("KITE-B", 3))
    pay(api, gateway, payment)
    summary = run_job(api, "refresh_sales_ranks")
    assert summary["reranked"] >= 1 and summary["reindexed"] >= 1
    r = api.get(f"/products?category_id={category['id']}&sort=sales")
    assert ids(r) == [popular["id"], quiet["id"]]
    assert r.body["items"][0]["sales"] == 3
    assert ids(api.get("/products?q=kite")) == [popular["id"], quiet["id"]]  # same title match: sales decide
    assert run_job(api, "refresh_sales_ranks")["reranked"] == 0  # nothing moved since


def test_facets_count_price_bands_and_attribute_values(api):
    category = api.category()
    api.product(category["id"], title="Mug one", attributes={"color": "red"}, skus=[sku_body(price=3000)])
    api.product(category["id"], title="Mug two", attributes={"color": "red"}, skus=[sku_body(price=12000)])
    api.product(category["id"], title="Mug three", attributes={"color": "blue"}, skus=[sku_body(price=3500)])
    for url in (f"/products?category_id={category['id']}&limit=1", "/products?q=mug&limit=1"):
        facets = api.get(url).body["facets"]
        assert facets["attributes"]["color"] == [{"value": "red", "count": 2}, {"value": "blue", "count": 1}], url
        assert facets["price_bands"] == [
            {"min": money(0), "max": money(5000), "count": 2},
            {"min": money(10000), "max": money(20000), "count": 1},
        ], url


def test_search_pages_are_full_and_carry_a_tamper_evident_cursor(api):
    category = api.category()
    made = {api.product(category["id"], title=f"Lamp {n}")["id"] for n in range(5)}
    first = api.get("/products?q=lamp&limit=2").body
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = api.get(f"/products?q=lamp&limit=2&cursor={first['next_cursor']}").body
    third = api.get(f"/products?q=lamp&limit=2&cursor={second['next_cursor']}").body
    assert len(second["items"]) == 2 and len(third["items"]) == 1 and third["next_cursor"] is None
    assert {p["id"] for p in first["items"] + second["items"] + third["items"]} == made
    assert api.get(f"/products?q=desk&limit=2&cursor={first['next_cursor']}").code == "invalid_cursor"
    assert api.get("/products?sort=unknown").code == "validation_error"
    newest = api.get("/products").body["items"]
    assert api.get("/products?sort=relevance").body["items"] == newest  # no keyword: newest first


def test_staff_synonyms_apply_to_queries(api):
    category = api.category()
    tee = api.product(category["id"], title="白色T恤")
    assert ids(api.get("/products?q=tee")) == []
    r = api.put("/admin/search/synonyms", {"synonyms": [{"terms": ["tee", "T恤"]}]}, headers=ADMIN)
    assert r.status == 200, r.body
    assert api.get("/admin/search/synonyms", headers=ADMIN).body == {"synonyms": [{"terms": ["tee", "T恤"]}]}
    assert ids(api.get("/products?q=tee")) == [tee["id"]]
    assert api.put("/admin/search/synonyms", {"synonyms": []}, headers=ADMIN).status == 200
    assert ids(api.get("/products?q=tee")) == []


def test_synonyms_are_bounded_and_staff_only(api):
    too_many_terms = {"synonyms": [{"terms": [f"t{i}" for i in range(11)]}]}
    assert api.put("/admin/search/synonyms", too_many_terms, headers=ADMIN).code == "validation_error"
    too_long = {"synonyms": [{"terms": ["a" * 51, "b"]}]}
    assert api.put("/admin/search/synonyms", too_long, headers=ADMIN).code == "validation_error"
    warehouse = api.staff_key("warehouse")
    assert api.get("/admin/search/synonyms", headers=warehouse).status == 403
    operations = api.staff_key("operations")
    assert api.put("/admin/search/synonyms", {"synonyms": [{"terms": ["a1", "b1"]}]}, headers=operations).status == 200
