"""Catalog over the API: categories, products, visibility, listing, pagination."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support import ADMIN, iso, money, product_body, sku_body


def test_category_tree_nests_children_under_parents(api):
    root = api.category("Apparel")
    child = api.category("Shirts", parent_id=root["id"])
    grandchild = api.category("Linen", parent_id=child["id"])
    assert grandchild["path"] == [root["id"], child["id"], grandchild["id"]]
    tree = api.get("/categories").body["items"]
    node = next(n for n in tree if n["id"] == root["id"])
    assert node["children"][0]["id"] == child["id"]
    assert node["children"][0]["children"][0]["id"] == grandchild["id"]


def test_category_slug_is_unique_and_parent_must_exist(api):
    api.post("/admin/categories", {"name": "A", "slug": "same"}, headers=ADMIN)
    r = api.post("/admin/categories", {"name": "B", "slug": "same"}, headers=ADMIN)
    assert r.status == 409 and r.code == "slug_taken"
    r = api.post("/admin/categories", {"name": "C", "slug": "c", "parent_id": "cat_nope"}, headers=ADMIN)
    assert r.status == 400 and r.body["errors"][0]["field"] == "parent_id"


def test_create_product_returns_skus_with_stock(api):
    category = api.category()
    product = api.product(category["id"], skus=[sku_body("P-1", price=12900, stock=7, member_price=money(11900))])
    assert product["id"].startswith("prod_")
    assert product["status"] == "listed" and product["visible"] is True
    sku = product["skus"][0]
    assert sku["price"] == money(12900) and sku["member_price"] == money(11900)
    assert (sku["on_hand"], sku["reserved"], sku["available"]) == (7, 0, 7)


def test_sku_codes_are_unique_across_the_store(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("UNIQ-1")])
    r = api.post(
        "/admin/products",
        {"title": "Other", "category_id": category["id"], "skus": [sku_body("UNIQ-1"), sku_body("UNIQ-2")]},
        headers=ADMIN,
    )
    assert r.status == 409 and r.code == "sku_code_taken" and r.body["skus"] == ["UNIQ-1"]
    # nothing partial was written: UNIQ-2 is still free
    assert api.get("/admin/inventory/UNIQ-2", headers=ADMIN).status == 404


def test_product_validation_names_the_fields(api):
    category = api.category()
    r = api.post(
        "/admin/products",
        {
            "title": "   ",
            "category_id": category["id"],
            "skus": [sku_body("V-1", price=100, member_price=money(200))],
        },
        headers=ADMIN,
    )
    assert r.status == 400 and r.body["errors"][0]["field"] == "title"
    r = api.post(
        "/admin/products",
        {
            "title": "Fine",
            "category_id": category["id"],
            "skus": [
                sku_body("V-1", price=100, member_price=money(200)),
                sku_body("V-2", price=100, cost_price=money(5, "USD")),
            ],
        },
        headers=ADMIN,
    )
    assert r.status == 400
    assert {(e["field"], e["code"]) for e in r.body["errors"]} == {
        ("skus.0.member_price", "above_price"),
        ("skus.1.cost_price.currency", "currency_mismatch"),
    }
    r = api.post("/admin/products", {"title": "X", "category_id": "cat_missing", "skus": [sku_body()]}, headers=ADMIN)
    assert r.status == 400 and r.body["errors"][0]["field"] == "category_id"


def test_store_shows_only_listed_products_inside_their_window(api):
    category = api.category()
    draft = api.product(category["id"], status="draft")
    listed = api.product(category["id"])
    future = datetime.now(UTC) + timedelta(days=1)
    scheduled = api.product(category["id"], list_at=iso(future))
    assert scheduled["status"] == "listed" and scheduled["visible"] is False
    assert api.get(f"/products/{draft['id']}").status == 404
    assert api.get(f"/products/{scheduled['id']}").status == 404
    detail = api.get(f"/products/{listed['id']}")
    assert detail.status == 200
    assert set(detail.body["skus"][0]) == {"code", "specs", "price", "member_price", "effective_price", "in_stock"}
    assert "cost_price" not in str(detail.body)
    ids = [p["id"] for p in api.get(f"/products?category_id={category['id']}").body["items"]]
    assert ids == [listed["id"]]


def test_delisting_hides_the_product_and_listing_again_shows_it(api):
    category = api.category()
    product = api.product(category["id"])
    r = api.post(f"/admin/products/{product['id']}/delist", {"reason": "discontinued"}, headers=ADMIN)
    assert r.status == 200 and r.body["status"] == "delisted"
    assert api.get(f"/products/{product['id']}").status == 404
    again = api.post(f"/admin/products/{product['id']}/delist", {"reason": "discontinued"}, headers=ADMIN)
    assert again.status == 409 and again.code == "invalid_transition"
    assert api.post(f"/admin/products/{product['id']}/list", headers=ADMIN).status == 200
    assert api.get(f"/products/{product['id']}").status == 200


def test_scheduled_delisting_is_honoured_at_read_time_and_by_the_job(api):
    category = api.category()
    product = api.product(category["id"])
    soon = datetime.now(UTC) + timedelta(hours=1)
    r = api.post(f"/admin/products/{product['id']}/delist", {"at": iso(soon), "reason": "discontinued"}, headers=ADMIN)
    assert r.status == 200 and r.body["delist_at"] == iso(soon)
    assert api.get(f"/products/{product['id']}").status == 200
    run = api.post(
        "/admin/jobs/publish_scheduled_listings/runs", {"as_of": iso(soon + timedelta(minutes=1))}, headers=ADMIN
    )
    assert run.status == 200 and run.body["summary"]["delisted"] == 1
    assert api.get(f"/admin/products/{product['id']}", headers=ADMIN).body["status"] == "delisted"
    rerun = api.post(
        "/admin/jobs/publish_scheduled_listings/runs", {"as_of": iso(soon + timedelta(minutes=2))}, headers=ADMIN
    )
    assert rerun.body["summary"]["delisted"] == 0


def test_listing_sorts_by_price_newest_and_paginates_with_cursors(api):
    category = api.category()
    prices = [500, 100, 900, 300, 700]
    made = [api.product(category["id"], skus=[sku_body(price=p)]) for p in prices]
    base = f"/products?category_id={category['id']}&limit=2"

    def walk(url):
        seen, cursor = [], None
        while True:
            r = api.get(url + (f"&cursor={cursor}" if cursor else ""))
            assert r.status == 200
            assert len(r.body["items"]) <= 2
            seen += r.body["items"]
            cursor = r.body["next_cursor"]
            if cursor is None:
                return seen

    asc = [p["price_range"]["min"]["amount"] for p in walk(base + "&sort=price_asc")]
    assert asc == sorted(prices)
    desc = [p["price_range"]["min"]["amount"] for p in walk(base + "&sort=price_desc")]
    assert desc == sorted(prices, reverse=True)
    newest = [p["id"] for p in walk(base + "&sort=newest")]
    assert newest == [p["id"] for p in reversed(made)]


def test_forged_or_foreign_cursors_are_400(api):
    category = api.category()
    for _ in range(3):
        api.product(category["id"])
    first = api.get(f"/products?category_id={category['id']}&limit=1").body
    cursor = first["next_cursor"]
    body, mac = cursor.split(".")
    forged = ("A" if body[0] != "A" else "B") + body[1:] + "." + mac
    r = api.get(f"/products?category_id={category['id']}&limit=1&cursor={forged}")
    assert r.status == 400 and r.code == "invalid_cursor"
    r = api.get(f"/products?category_id={category['id']}&limit=1&sort=price_asc&cursor={cursor}")
    assert r.status == 400 and r.code == "invalid_cursor"
    assert api.get("/products?cursor=garbage").code == "invalid_cursor"


def test_limit_must_be_between_1_and_100(api):
    for bad in ("0", "101", "ten", "-1"):
        r = api.get(f"/products?limit={bad}")
        assert r.status == 400 and r.body["errors"][0]["field"] == "limit"


def test_unknown_sort_is_400(api):
    r = api.get("/products?sort=cheapest")
    assert r.status == 400 and r.body["errors"][0]["field"] == "sort"


def test_category_filter_includes_descendants_and_keyword_search_matches(api):
    root = api.category("Tea")
    green = api.category("Green", parent_id=root["id"])
    other = api.category("Shoes")
    longjing = api.product(green["id"], title="West Lake Longjing")
    api.product(root["id"], title="Tea sampler")
    api.product(other["id"], title="Running shoe")
    in_root = {p["id"] for p in api.get(f"/products?category_id={root['id']}").body["items"]}
    assert longjing["id"] in in_root and len(in_root) == 2
    found = api.get("/products?q=LONGJING").body["items"]
    assert [p["id"] for p in found] == [longjing["id"]]


def test_patch_updates_fields_prices_and_adds_skus(api):
    category = api.category()
    product = api.product(category["id"], skus=[sku_body("PA-1", price=1000, stock=4)])
    r = api.patch(
        f"/admin/products/{product['id']}",
        {
            "title": "Renamed",
            "skus": [
                {"code": "PA-1", "price": money(800)},
                {"code": "PA-2", "price": money(1500), "weight_grams": 100, "stock": 6},
            ],
        },
        headers=ADMIN,
    )
    assert r.status == 200, r.body
    assert r.body["title"] == "Renamed" and r.body["version"] == product["version"] + 1
    by_code = {s["code"]: s for s in r.body["skus"]}
    assert by_code["PA-1"]["price"] == money(800) and by_code["PA-1"]["available"] == 4
    assert by_code["PA-2"]["available"] == 6
    assert r.body["price_range"] == {"min": money(800), "max": money(1500)}
    ledger = api.get("/admin/inventory/PA-2/ledger", headers=ADMIN).body["items"]
    assert [(e["reason"], e["on_hand_delta"]) for e in ledger] == [("initial_stock", 6)]


def test_patch_cannot_set_stock_of_an_existing_sku(api):
    category = api.category()
    product = api.product(category["id"], skus=[sku_body("PS-1", stock=4)])
    r = api.patch(f"/admin/products/{product['id']}", {"skus": [{"code": "PS-1", "stock": 100}]}, headers=ADMIN)
    assert r.status == 400 and r.code == "read_only_field"
    assert api.get("/admin/inventory/PS-1", headers=ADMIN).body["on_hand"] == 4


def test_admin_lists_products_by_status(api):
    category = api.category()
    draft = api.product(category["id"], status="draft")
    r = api.get("/admin/products?status=draft", headers=ADMIN)
    assert draft["id"] in [p["id"] for p in r.body["items"]]
    assert api.get("/admin/products?status=bogus", headers=ADMIN).status == 400


def test_unknown_product_is_404(api):
    assert api.get("/products/prod_nope").status == 404
    assert api.get("/admin/products/prod_nope", headers=ADMIN).status == 404
    assert api.patch("/admin/products/prod_nope", {"title": "x"}, headers=ADMIN).status == 404


def test_odd_query_values_are_400_not_500(api):
    for query in ("limit=%C2%B2", "cursor=abc.%C3%A9", "cursor=%F0%9F%98%80"):
        r = api.get(f"/products?{query}")
        assert r.status == 400, (query, r.body)


def test_patch_naming_a_sku_twice_is_400(api):
    category = api.category()
    product = api.product(category["id"], skus=[sku_body("TW-1")])
    for skus in (
        [{"code": "TW-1", "price": money(1)}, {"code": "TW-1", "price": money(2)}],
        [
            {"code": "TW-2", "price": money(1), "weight_grams": 1},
            {"code": "TW-2", "price": money(2), "weight_grams": 1},
        ],
    ):
        r = api.patch(f"/admin/products/{product['id']}", {"skus": skus}, headers=ADMIN)
        assert r.status == 400 and r.body["errors"][0] == {
            "field": "skus.1.code",
            "code": "duplicate",
            "message": r.body["errors"][0]["message"],
        }


def test_a_draft_cannot_carry_a_listing_time(api):
    category = api.category()
    future = iso(datetime.now(UTC) + timedelta(days=1))
    r = api.post(
        "/admin/products", {**product_body(category["id"]), "status": "draft", "list_at": future}, headers=ADMIN
    )
    assert r.status == 400 and r.body["errors"][0]["code"] == "requires_listed"


def test_more_than_thirty_skus_is_refused(api):
    category = api.category()
    skus = [sku_body() for _ in range(31)]
    r = api.post("/admin/products", {**product_body(category["id"]), "skus": skus}, headers=ADMIN)
    assert r.status == 400 and r.body["errors"][0]["field"] == "skus"


def test_patch_validates_like_create(api):
    category = api.category()
    product = api.product(category["id"])
    r = api.patch(f"/admin/products/{product['id']}", {"images": ["not a url"]}, headers=ADMIN)
    assert r.status == 400 and r.body["errors"][0]["field"] == "images"
    r = api.post("/admin/categories", {"name": "   ", "slug": "blank"}, headers=ADMIN)
    assert r.status == 400 and r.body["errors"][0]["field"] == "name"


def test_spec_and_attribute_values_are_bounded(api):
    category = api.category()
    r = api.post(
        "/admin/products",
        product_body(category["id"], attributes={"origin": "x" * 501}, skus=[sku_body(specs={"k" * 51: "v"})]),
        headers=ADMIN,
    )
    assert r.status == 400
    assert {e["field"] for e in r.body["errors"]} == {
        "attributes.origin",
        "skus.0.specs.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk.[key]",
    }
