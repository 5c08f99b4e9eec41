"""The raw reads (adapters/dynamo/raw_reads.py) decode an item into the values PynamoDB
would: every attribute of every model the hot reads meet, with optional fields set and
unset, against moto; and the adapters built on them return what they returned before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from chalicelib.adapters.dynamo import keys, raw_reads
from chalicelib.adapters.dynamo.models import (
    CartItem,
    CouponItem,
    Item,
    PricingChangeItem,
    ProductItem,
    PromotionItem,
    SkuItem,
    UsageItem,
    cart_line,
)
from chalicelib.adapters.dynamo.money_models import MembershipItem
from chalicelib.bootstrap import get_container

AT = datetime(2026, 11, 22, 8, 30, 15, 123456, tzinfo=UTC)


def plain(value: Any) -> Any:
    """A model attribute's value, maps and nested models as plain dicts (to compare)."""
    if hasattr(value, "as_dict"):
        return plain(value.as_dict())
    if isinstance(value, raw_reads.Row):  # a nested model (a cart line): every attribute it has
        return {name: plain(getattr(value, name)) for name in value._model.fields}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def items() -> list[Item]:
    line = {"product_id": "prod_1", "quantity": 2, "added_unit_price": 1999, "added_at": AT}
    return [
        ProductItem(
            *keys.product("prod_full"),
            id="prod_full",
            title="Full tee",
            description="All the fields",
            category_id="cat_1",
            category_path=["cat_root", "cat_1"],
            images=["https://example.com/a.png", "https://example.com/b.png"],
            attrs={"material": "cotton", "origin": "Hangzhou"},
            status="listed",
            list_at=AT,
            delist_at=AT + timedelta(days=3),
            listed_at=AT,
            sku_codes=["FULL-1", "FULL-2"],
            min_price=1000,
            max_price=2000,
            sales=17,
            search_text="full tee",
            returnable_without_reason=False,
            created_at=AT,
            updated_at=AT,
            ranked_sales=12,
        ),
        # Only what is required: defaults and None everywhere else.
        ProductItem(
            *keys.product("prod_bare"),
            id="prod_bare",
            title="Bare",
            category_id="cat_1",
            category_path=["cat_1"],
            status="draft",
            sku_codes=["BARE-1"],
            min_price=1,
            max_price=1,
            created_at=AT,
            updated_at=AT,
        ),
        SkuItem(
            *keys.sku("prod_full", "FULL-1"),
            code="FULL-1",
            product_id="prod_full",
            specs={"size": "M", "colour": "red"},
            price=2000,
            member_price=1800,
            cost_price=900,
            weight_grams=250,
            safety_stock=3,
            on_hand=40,
            reserved=5,
            available=35,
            currency="CNY",
            updated_at=AT,
        ),
        SkuItem(
            *keys.sku("prod_bare", "BARE-1"),
            code="BARE-1",
            product_id="prod_bare",
            price=1,
            weight_grams=1,
            currency="CNY",
            updated_at=AT,
        ),
        CartItem(
            *keys.cart("cart_full"),
            id="cart_full",
            customer_id="cus_1",
            status="active",
            lines=[cart_line(sku="FULL-1", **line), cart_line(sku="FULL-2", **line)],
            coupon_code="SAVE10",
            shipping_address={"name": "B", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Rd"},
            created_at=AT,
            updated_at=AT,
            expires_at=AT + timedelta(days=30),
        ),
        CartItem(
            *keys.cart("cart_guest"), id="cart_guest", token_digest="abc", status="active", created_at=AT, updated_at=AT
        ),  # fmt: skip
        CouponItem(
            *keys.coupon("SAVE10"),
            code="SAVE10",
            starts_at=AT,
            ends_at=AT + timedelta(days=1),
            amount_off=1000,
            min_spend=5000,
            usage_limit=100,
            per_customer_limit=1,
            scope={"category_ids": ["cat_1"], "product_ids": [], "skus": []},
            used=7,
            created_at=AT,
        ),
        UsageItem(*keys.coupon_usage("SAVE10", "cus_1"), used=1),
        PromotionItem(
            *keys.promotion("promo_1"),
            id="promo_1",
            name="Flash",
            promo_type="flash_sale",
            starts_at=AT,
            ends_at=AT + timedelta(hours=2),
            ended_at=AT + timedelta(hours=1),
            rules={"sku": "FULL-1", "price": 500, "quantity": 10, "tiers": [[20000, 2000]]},
            sold=3,
            created_at=AT,
            updated_at=AT,
        ),
        MembershipItem(
            *keys.membership("cus_2"),  # not a whole membership: decoded here, never mapped
            customer_id="cus_2",
            status="active",
            current_period_end=AT,
            body={"plan": {"id": "plan_1", "nested": {"deep": [1, 2.5, "x"]}}, "period": 2},
        ),
        PricingChangeItem(*keys.pricing_change(), changed_at=AT),
    ]


@pytest.fixture
def stored(aws) -> list[Item]:
    get_container()  # configures the models for this table
    made = items()
    for item in made:
        item.save()
    made[0].save()  # versioned: now at 2
    made[4].save()
    # A map holding a nested map, a list and a fraction: not on the fast path.
    Item._get_connection().connection.client.update_item(
        TableName=Item.Meta.table_name,
        Key={"PK": {"S": keys.product("prod_full")[0]}, "SK": {"S": "SKU#FULL-2"}},
        UpdateExpression="SET #t = :t, code = :c, product_id = :p, specs = :s, price = :n, weight_grams = :n, "
        "currency = :cur, updated_at = :u",
        ExpressionAttributeNames={"#t": "type"},
        ExpressionAttributeValues={
            ":t": {"S": "Sku"},
            ":c": {"S": "FULL-2"},
            ":p": {"S": "prod_full"},
            ":s": {"M": {"size": {"S": "L"}, "fit": {"M": {"chest": {"N": "104.5"}}}, "tags": {"L": [{"S": "a"}]}}},
            ":n": {"N": "2500"},
            ":cur": {"S": "CNY"},
            ":u": {"S": "2026-11-22T08:30:15.123456+0000"},
        },
    )
    return made


def test_every_attribute_decodes_as_pynamodb_decodes_it(stored):
    checked = 0
    for item in [*stored, SkuItem(*keys.sku("prod_full", "FULL-2"))]:
        pk, sk = item.PK, item.SK
        model = type(item)
        expected = model.get(pk, sk, consistent_read=True)
        raw = raw_reads.get_item(pk, sk)
        assert raw is not None and raw_reads.model_of(raw) is model
        decoded = raw_reads.decode(raw, model)
        for name in model.get_attributes():
            if name == "type":
                continue
            want, got = getattr(expected, name), getattr(decoded, name)
            assert plain(got) == plain(want), (model.__name__, pk, sk, name)
            assert type(got) is type(want) or hasattr(want, "as_dict") or isinstance(want, list), (name, got, want)
            checked += 1
    assert checked > 100


def test_numbers_keep_their_kind(stored):
    raw = raw_reads.get_item(*keys.sku("prod_full", "FULL-2"))
    assert raw is not None
    specs = raw_reads.decode(raw, SkuItem).specs
    assert plain(specs)["fit"] == {"chest": 104.5} or plain(specs)["fit"] == {"chest": Decimal("104.5")}
    assert raw_reads.decode(raw, SkuItem).price == 2500 and isinstance(raw_reads.decode(raw, SkuItem).price, int)


def test_the_adapters_return_what_the_models_give(stored):
    container = get_container()
    products = container.catalog.products
    full = products.get("prod_full")
    assert full is not None
    assert full.product.attributes == {"material": "cotton", "origin": "Hangzhou"}
    assert full.product.list_at == AT and full.product.version == 2 and full.product.returnable_without_reason is False
    assert [sku.code for sku, _ in full.skus] == ["FULL-1", "FULL-2"]
    first, stock = full.skus[0]
    assert (first.member_price, first.cost_price, first.specs, stock.on_hand, stock.reserved) == (
        1800,
        900,
        {"size": "M", "colour": "red"},
        40,
        5,
    )
    assert products.get("prod_missing") is None
    rows = products.for_lines([("prod_full", "FULL-1"), ("prod_bare", "BARE-1"), ("prod_bare", "NOPE")])
    assert sorted(rows) == ["BARE-1", "FULL-1"]
    assert rows["BARE-1"][0].description == "" and rows["BARE-1"][1].member_price is None

    carts = container.carts.carts
    cart = carts.get("cart_full")
    assert cart is not None
    assert [(i.sku, i.quantity, i.added_unit_price, i.added_at) for i in cart.items] == [
        ("FULL-1", 2, 1999, AT),
        ("FULL-2", 2, 1999, AT),
    ]
    assert cart.shipping_address == {"name": "B", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Rd"}
    assert (cart.coupon_code, cart.version, cart.customer_id) == ("SAVE10", 2, "cus_1")
    guest = carts.get("cart_guest")
    assert guest is not None and guest.items == () and guest.shipping_address is None and guest.version == 1
    assert carts.get("cart_missing") is None
    assert carts.get("prod_full") is None  # no cart item under that key

    read = container.carts.reads.load(
        [("prod_full", "FULL-1")], "SAVE10", "cus_1", promotion_ids=("promo_1",), pricing_change=True
    )
    assert set(read.rows) == {"FULL-1"}
    assert read.coupon is not None and (read.coupon.used, read.coupon.used_by_customer) == (7, 1)
    assert read.coupon.scope.category_ids == frozenset({"cat_1"})
    assert read.promotions["promo_1"].sold == 3 and read.promotions["promo_1"].ended_at == AT + timedelta(hours=1)
    assert read.pricing_changed_at == AT and read.membership is None


def test_batch_get_reads_past_a_hundred_keys(stored):
    wanted = [keys.product("prod_full"), keys.product("prod_bare")] + [keys.cart(f"none_{i}") for i in range(150)]
    found = raw_reads.batch_get(wanted)
    assert sorted(raw["PK"]["S"] for raw in found) == ["PRODUCT#prod_bare", "PRODUCT#prod_full"]


def test_the_product_page_query_projects_every_field_the_mapping_reads(stored):
    from chalicelib.adapters.dynamo.catalog import product_of
    from chalicelib.adapters.dynamo.inventory import sku_of

    for product_id in ("prod_full", "prod_bare"):
        view = get_container().catalog.products.get(product_id)
        assert view is not None
        item = ProductItem.get(*keys.product(product_id), consistent_read=True)
        assert view.product == product_of(item)
        skus = [SkuItem.get(*keys.sku(product_id, code), consistent_read=True) for code in item.sku_codes]
        assert view.skus == [sku_of(sku) for sku in skus]
