"""The product CSV of `commerce products import`: every rule, without an API."""

from __future__ import annotations

import pytest

from commerce_cli.catalog_csv import (
    CsvFormatError,
    export_rows,
    format_price,
    parse_catalog,
    parse_price,
    parse_specs,
)

HEADER = "product_key,title,category_slug,sku,specs,price,stock,weight_grams\n"


def test_rows_sharing_a_product_key_are_one_products_skus_in_file_order():
    text = HEADER + (
        "tee,Cotton tee,t-shirts,TEE-W-M,color=white;size=M,99.00,10,220\n"
        "tea,Longjing,tea,TEA-1,,268,5,300\n"
        "tee,Cotton tee,t-shirts,TEE-W-L,color=white;size=L,99.5,0,230\n"
    )
    plans, failed = parse_catalog(text, "CNY")
    assert failed == []
    assert [(p.key, p.title, p.category_slug, [s.code for s in p.skus]) for p in plans] == [
        ("tee", "Cotton tee", "t-shirts", ["TEE-W-M", "TEE-W-L"]),
        ("tea", "Longjing", "tea", ["TEA-1"]),
    ]
    tee_m, tee_l = plans[0].skus
    assert (tee_m.row, tee_m.specs, tee_m.price, tee_m.stock, tee_m.weight_grams) == (
        2,
        {"color": "white", "size": "M"},
        9900,
        10,
        220,
    )
    assert (tee_l.row, tee_l.price) == (4, 9950)
    assert plans[1].skus[0].price == 26800 and plans[1].skus[0].specs == {}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("tee,Tee,t-shirts,TEE-1,,abc,1,200", "price 'abc'"),
        ("tee,Tee,t-shirts,TEE-1,,9.999,1,200", "at most 2 decimals"),
        ("tee,Tee,t-shirts,TEE-1,,-1.00,1,200", "price '-1.00'"),
        ("tee,Tee,t-shirts,TEE-1,,1.00,-2,200", "stock '-2'"),
        ("tee,Tee,t-shirts,TEE-1,,1.00,1,heavy", "weight_grams 'heavy'"),
        ("tee,Tee,t-shirts,TEE-1,,1.00,1,", "weight_grams is empty"),
        ("tee,,t-shirts,TEE-1,,1.00,1,200", "title is empty"),
        ("tee,Tee,T Shirts,TEE-1,,1.00,1,200", "category_slug 'T Shirts'"),
        ("tee,Tee,t-shirts,-bad code,,1.00,1,200", "sku '-bad code'"),
        ("tee,Tee,t-shirts,TEE-1,colour,1.00,1,200", "not name=value"),
        ("tee,Tee,t-shirts,TEE-1,a=1;a=2,1.00,1,200", "appears twice"),
        ("tee shirt,Tee,t-shirts,TEE-1,,1.00,1,200", "product_key 'tee shirt'"),
    ],
)
def test_a_bad_row_is_refused_with_its_spreadsheet_row_and_reason(line, reason):
    plans, failed = parse_catalog(HEADER + "tea,Longjing,tea,TEA-1,,268.00,5,300\n" + line + "\n", "CNY")
    assert [p.key for p in plans] == ["tea"]
    assert len(failed) == 1 and failed[0].row == 3
    assert reason in failed[0].error


def test_a_repeated_sku_or_a_product_key_with_another_title_fails_that_row_only():
    text = HEADER + (
        "tee,Tee,t-shirts,TEE-1,,1.00,1,200\n"
        "tee,Tee,t-shirts,TEE-1,,1.00,1,200\n"
        "tee,Other title,t-shirts,TEE-2,,1.00,1,200\n"
        "tee,Tee,t-shirts,TEE-3,,1.00,1,200\n"
    )
    plans, failed = parse_catalog(text, "CNY")
    assert [s.code for s in plans[0].skus] == ["TEE-1", "TEE-3"]
    assert [(f.row, f.error) for f in failed] == [
        (3, "sku TEE-1 is already on row 2"),
        (4, "title and category_slug differ from row 2, the first of product_key 'tee'"),
    ]


def test_missing_columns_refuse_the_whole_file():
    with pytest.raises(CsvFormatError, match="missing column\\(s\\): price, weight_grams"):
        parse_catalog("product_key,title,category_slug,sku,specs,stock\n", "CNY")


def test_a_byte_order_mark_and_spaces_around_headers_are_accepted():
    plans, failed = parse_catalog("\ufeff" + HEADER.replace(",title,", ", title ,") + "k,T,tea,S1,,1,0,1\n", "CNY")
    assert failed == [] and plans[0].title == "T"


def test_prices_follow_the_currency_minor_units():
    assert parse_price("199.00", "CNY") == 19900
    assert parse_price("199", "CNY") == 19900
    assert parse_price("199.5", "USD") == 19950
    assert parse_price("1500", "JPY") == 1500
    with pytest.raises(ValueError):
        parse_price("15.5", "JPY")
    with pytest.raises(ValueError, match="too large"):
        parse_price("99999999999.00", "CNY")
    assert format_price(19950, "CNY") == "199.50" and format_price(1500, "JPY") == "1500"


def test_specs_parse_and_round_trip():
    assert parse_specs(" color = black ; size=M ;") == {"color": "black", "size": "M"}
    assert parse_specs("") == {}


def test_an_export_reads_back_as_the_same_plans():
    products = [
        {
            "id": "prd_1",
            "title": "Tee, heavy",
            "category_slug": "t-shirts",
            "skus": [
                {
                    "code": "T-1",
                    "specs": {"size": "M"},
                    "price": {"amount": 9950, "currency": "CNY"},
                    "on_hand": 3,
                    "weight_grams": 220,
                },
            ],
        }
    ]
    plans, failed = parse_catalog(export_rows(products, "CNY"), "CNY")
    assert failed == []
    sku = plans[0].skus[0]
    assert (plans[0].key, plans[0].title, sku.code, sku.specs, sku.price, sku.stock) == (
        "prd_1",
        "Tee, heavy",
        "T-1",
        {"size": "M"},
        9950,
        3,
    )
