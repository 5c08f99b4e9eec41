"""`commerce products import` against an in-memory catalog: creates, updates,
reports the refused rows with reasons, and a rerun changes nothing."""

from __future__ import annotations

import pytest

from commerce_cli.catalog_csv import parse_catalog
from commerce_cli.client import ApiError
from commerce_cli.importer import import_catalog
from tests.unit.cli_fakes import FakeCatalogApi

HEADER = "product_key,title,category_slug,sku,specs,price,stock,weight_grams\n"


def run(api, text, **kwargs):
    plans, refused = parse_catalog(text, "CNY")
    seen = []
    report = import_catalog(api, plans, refused, "CNY", advance=seen.append, **kwargs)
    return report, sum(seen)


def catalog_csv(products: int, bad_rows: set[int] = frozenset()) -> str:
    lines = [HEADER]
    for n in range(products * 3):
        product, size = divmod(n, 3)
        price = "oops" if n in bad_rows else f"{100 + product}.{size}0"
        lines.append(f"p{product},Product {product},tea,P{product}-S{size},size={size},{price},{n},{100 + size}\n")
    return "".join(lines)


def test_a_file_with_bad_rows_imports_the_rest_reports_the_bad_and_a_rerun_changes_nothing():
    api = FakeCatalogApi()
    text = catalog_csv(20, bad_rows={4, 30, 59})  # spreadsheet rows 6, 32 and 61
    report, advanced = run(api, text)
    assert (report.imported, report.unchanged) == (57, 0)
    assert [(f["row"], f["error"][:11]) for f in report.as_json()["failed"]] == [
        (6, "price 'oops"),
        (32, "price 'oops"),
        (61, "price 'oops"),
    ]
    assert advanced == 60
    assert len(api.products) == 20
    stored = api.products[api.owner["P1-S2"]]
    assert stored["title"] == "Product 1" and stored["category_id"] == "cat_tea" and stored["status"] == "draft"
    (sku,) = [s for s in stored["skus"] if s["code"] == "P1-S2"]
    assert sku == {
        "code": "P1-S2",
        "specs": {"size": "2"},
        "price": {"amount": 10120, "currency": "CNY"},
        "weight_grams": 102,
        "stock": 5,
        "on_hand": 5,
    }

    writes = len(api.writes)
    again, _ = run(api, text)
    assert again.as_json() == {"imported": 0, "unchanged": 57, "failed": report.as_json()["failed"]}
    assert len(api.writes) == writes and len(api.products) == 20


def test_a_changed_price_title_or_a_new_sku_patches_only_that_product_and_leaves_stock_alone():
    api = FakeCatalogApi()
    run(api, HEADER + "a,Alpha,tea,A1,,1.00,5,10\nb,Beta,tea,B1,,2.00,5,10\n")
    api.products[api.owner["A1"]]["skus"][0]["on_hand"] = 2  # sold since
    report, _ = run(
        api, HEADER + "a,Alpha 2,tea,A1,,1.50,5,10\na,Alpha 2,tea,A2,x=y,3.00,7,10\nb,Beta,tea,B1,,2.00,5,10\n"
    )
    assert (report.imported, report.unchanged, report.failed) == (2, 1, [])
    product = api.products[api.owner["A1"]]
    assert product["title"] == "Alpha 2"
    a1, a2 = product["skus"]
    assert a1["price"]["amount"] == 150 and a1["on_hand"] == 2  # the price moved, the stock did not
    assert a2["code"] == "A2" and a2["stock"] == 7
    assert [w[0] for w in api.writes] == ["POST", "POST", "PATCH"]


def test_products_the_api_refuses_fail_each_of_their_rows_with_the_problem():
    api = FakeCatalogApi()
    api.max_price = 5000
    report, _ = run(
        api,
        HEADER + "dear,Dear,tea,GOLD,,99.00,0,1\ndear,Dear,tea,SILVER,,1.00,0,1\n" + "lost,Lost,nowhere,L1,,1.00,0,1\n",
    )
    failed = report.as_json()["failed"]
    assert [f["row"] for f in failed] == [2, 3, 4]
    assert (
        failed[0]["error"]
        == "validation_error (400): The request is not valid. [skus.0.price.amount: out_of_range too big]"
    )
    assert failed[2]["error"] == "unknown category_slug 'nowhere'"
    assert report.imported == 0


def test_no_answer_at_all_stops_the_import():
    class DownApi(FakeCatalogApi):
        def get(self, path, params=None):
            raise ApiError(0, {"code": "connection_failed", "detail": "refused"})

    with pytest.raises(ApiError):
        run(DownApi(), HEADER + "a,A,tea,A1,,1.00,0,1\n")


def test_status_listed_is_sent_for_new_products():
    api = FakeCatalogApi()
    run(api, HEADER + "a,A,tea,A1,,1.00,0,1\n", status="listed")
    assert next(iter(api.products.values()))["status"] == "listed"


def test_the_product_key_is_the_handle_so_a_sku_code_of_another_product_fails_instead_of_merging():
    api = FakeCatalogApi()
    run(api, HEADER + "old,Old,tea,TAKEN,,1.00,0,1\n")
    old = api.products[api.owner["TAKEN"]]
    assert old["handle"] == "old"
    report, _ = run(api, HEADER + "new,New,tea,FRESH,,1.00,0,1\nnew,New,tea,TAKEN,,1.00,0,1\n")
    assert [(f["row"], f["error"][:22]) for f in report.as_json()["failed"]] == [
        (2, "sku_code_taken (409): "),
        (3, "sku_code_taken (409): "),
    ]
    assert old["title"] == "Old" and len(api.products) == 1


def test_a_product_without_a_handle_is_named_by_its_id_as_the_export_writes_it():
    from commerce_cli.catalog_csv import export_rows

    api = FakeCatalogApi()
    made = api.post(
        "/admin/products",
        {
            "title": "Made by hand",
            "category_id": "cat_tea",
            "status": "listed",
            "skus": [
                {"code": "H1", "specs": {}, "price": {"amount": 500, "currency": "CNY"}, "weight_grams": 9, "stock": 4}
            ],
        },
    )
    exported = export_rows([{**made, "category_slug": "tea"}], "CNY")
    assert exported.splitlines()[1].startswith(f"{made['id']},Made by hand,tea,H1,,5.00,4,9")
    report, _ = run(api, exported)
    assert report.as_json() == {"imported": 0, "unchanged": 1, "failed": []}

    report, _ = run(api, HEADER + "prod_404,Gone,tea,G1,,1.00,0,1\n")
    assert report.as_json()["failed"] == [
        {"row": 2, "error": "no product prod_404 (a product_key of the form prod_... names a product by id)"}
    ]


def test_an_optional_description_and_images_are_sent_and_patched_when_they_change():
    api = FakeCatalogApi()
    header = HEADER.rstrip("\n") + ",description,images\n"
    text = (
        header + "a,A,tea,A1,,1.00,0,1,Long enough description here,https://i.example/a.jpg;https://i.example/b.jpg\n"
    )
    text += "a,A,tea,A2,,1.00,0,1,,\n"
    run(api, text, status="listed")
    product = next(iter(api.products.values()))
    assert product["description"] == "Long enough description here"
    assert product["images"] == ["https://i.example/a.jpg", "https://i.example/b.jpg"]
    report, _ = run(api, text.replace("here,", "there,"))
    assert report.as_json()["imported"] == 2 and product["description"] == "Long enough description there"
    report, _ = run(api, HEADER + "a,A,tea,A1,,1.00,0,1\na,A,tea,A2,,1.00,0,1\n")  # columns absent: left alone
    assert report.as_json()["unchanged"] == 2 and product["images"] == [
        "https://i.example/a.jpg",
        "https://i.example/b.jpg",
    ]
