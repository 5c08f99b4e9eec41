from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from chalicelib.domain.catalog import MAX_CATEGORY_DEPTH, MAX_SKUS_PER_PRODUCT, Product, StockLevel
from chalicelib.domain.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PreconditionFailed,
    ReadOnlyField,
    ValidationFailed,
)
from chalicelib.domain.money import Money
from chalicelib.services.catalog_specs import IfMatch

from .builders import T0, Shop, a_new_sku_patch, a_product_spec, a_sku_spec, advance, at, cny
from .fakes import FakeProducts


@pytest.fixture
def shop() -> Shop:
    return Shop()


def field_codes(error: ValidationFailed) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in error.errors]


def ledger_rows(shop: Shop, code: str) -> list[tuple[int, str, str]]:
    return [(e.on_hand_delta, e.reason, e.actor) for e in shop.inventory.ledger(code, 50, None).items]


def stock_of(shop: Shop, code: str) -> StockLevel:
    return shop.inventory.get(code).stock


# --- categories ---------------------------------------------------------------------------------------
def test_child_category_path_runs_from_the_root(shop):
    root = shop.category("Clothes")
    child = shop.category("Shirts", parent_id=root.id)

    assert child.path == (root.id, child.id)
    assert child.parent_id == root.id


def test_category_with_unknown_parent_is_rejected_on_parent_id(shop):
    with pytest.raises(ValidationFailed) as raised:
        shop.category("Shirts", parent_id="cat_missing")

    assert field_codes(raised.value) == [("parent_id", "not_found")]


def test_category_with_a_taken_slug_is_slug_taken(shop):
    shop.category("Shoes", slug="shoes")

    with pytest.raises(Conflict) as raised:
        shop.category("Other shoes", slug="shoes")

    assert raised.value.code == "slug_taken"


def test_categories_cannot_nest_deeper_than_the_limit(shop):
    parent = None
    for level in range(MAX_CATEGORY_DEPTH):
        parent = shop.category(f"Level {level}", parent_id=parent.id if parent else None)

    with pytest.raises(ValidationFailed) as raised:
        shop.category("Too deep", parent_id=parent.id)

    assert field_codes(raised.value) == [("parent_id", "too_deep")]


def test_category_tree_nests_and_orders_by_name(shop):
    clothes = shop.category("Clothes")
    shop.category("Shirts", parent_id=clothes.id)
    shop.category("Coats", parent_id=clothes.id)
    shop.category("Books")

    tree = shop.catalog.category_tree()

    assert [(n["name"], [c["name"] for c in n["children"]]) for n in tree] == [
        ("Books", []),
        ("Clothes", ["Coats", "Shirts"]),
    ]


# --- create_product ---------------------------------------------------------------------------------------
def test_new_product_is_a_draft_with_its_skus_stock_and_price_range(shop):
    shoes = shop.category("Shoes")
    spec = a_product_spec(
        shoes.id,
        title="  Runner ",
        skus=[a_sku_spec("RUN-42", 19900, stock=5), a_sku_spec("RUN-43", 21900, member_price=cny(20000))],
    )

    view = shop.catalog.create_product(spec, actor="key_ops")

    product = view.product
    assert (product.title, product.status, product.category_path) == ("Runner", "draft", shoes.path)
    assert (product.sku_codes, product.min_price, product.max_price) == (("RUN-42", "RUN-43"), 19900, 21900)
    assert [(s.code, s.price, s.member_price, level.on_hand) for s, level in view.skus] == [
        ("RUN-42", 19900, None, 5),
        ("RUN-43", 21900, 20000, 0),
    ]
    assert shop.catalog.get_product(product.id) == view


def test_initial_stock_is_recorded_in_the_ledger_only_for_skus_that_have_some(shop):
    product = shop.product(skus=[a_sku_spec("RUN-42", stock=5), a_sku_spec("RUN-43", stock=0)])

    assert ledger_rows(shop, "RUN-42") == [(5, "initial_stock", "key_test")]
    assert ledger_rows(shop, "RUN-43") == []
    assert product.sku_codes == ("RUN-42", "RUN-43")


def test_draft_product_is_not_visible_in_the_store(shop):
    product = shop.product()

    with pytest.raises(NotFound):
        shop.catalog.visible_product(product.id)


def test_product_created_listed_is_visible_in_the_store(shop):
    product = shop.product(status="listed", skus=[a_sku_spec("RUN-42", stock=3)])

    view = shop.catalog.visible_product(product.id)

    assert view.product.listed_at == T0
    assert [(s.code, level.available) for s, level in view.skus] == [("RUN-42", 3)]


def test_product_scheduled_to_list_later_is_hidden_until_then(shop):
    product = shop.product(status="listed", list_at=at(hours=1))

    with pytest.raises(NotFound):
        shop.catalog.visible_product(product.id)
    advance(shop.clock, hours=1)

    assert shop.catalog.visible_product(product.id).product.id == product.id


def test_product_scheduled_to_delist_disappears_at_delist_at(shop):
    product = shop.product(status="listed", delist_at=at(hours=2))
    advance(shop.clock, hours=2)

    with pytest.raises(NotFound):
        shop.catalog.visible_product(product.id)


def test_unknown_product_is_not_found(shop):
    with pytest.raises(NotFound):
        shop.catalog.visible_product("prod_missing")
    with pytest.raises(NotFound):
        shop.catalog.get_product("prod_missing")


def test_sku_priced_in_another_currency_is_rejected_with_the_field_path(shop):
    shoes = shop.category()
    spec = a_product_spec(
        shoes.id,
        skus=[
            a_sku_spec("A", price=100),
            a_sku_spec("B", price=100, member_price=Money(90, "USD"), cost_price=Money(50, "USD")),
        ],
    )
    spec = replace(spec, skus=[replace(spec.skus[0], price=Money(100, "USD")), spec.skus[1]])

    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.create_product(spec, actor="key_ops")

    assert field_codes(raised.value) == [
        ("skus.0.price.currency", "currency_mismatch"),
        ("skus.1.member_price.currency", "currency_mismatch"),
        ("skus.1.cost_price.currency", "currency_mismatch"),
    ]


def test_member_price_above_price_is_rejected(shop):
    shoes = shop.category()
    spec = a_product_spec(shoes.id, skus=[a_sku_spec("A", price=100, member_price=cny(101))])

    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.create_product(spec, actor="key_ops")

    assert field_codes(raised.value) == [("skus.0.member_price", "above_price")]


def test_member_price_equal_to_price_is_accepted(shop):
    product = shop.product(skus=[a_sku_spec("A", price=100, member_price=cny(100))])

    assert product.min_price == 100


def test_duplicate_sku_codes_in_one_product_are_rejected(shop):
    shoes = shop.category()
    spec = a_product_spec(shoes.id, skus=[a_sku_spec("A"), a_sku_spec("B"), a_sku_spec("A")])

    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.create_product(spec, actor="key_ops")

    assert field_codes(raised.value) == [("skus.2.code", "duplicate")]


def test_product_in_unknown_category_is_rejected_on_category_id(shop):
    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.create_product(a_product_spec("cat_missing"), actor="key_ops")

    assert field_codes(raised.value) == [("category_id", "not_found")]


def test_product_without_skus_is_rejected(shop):
    shoes = shop.category()

    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.create_product(a_product_spec(shoes.id, skus=[]), actor="key_ops")

    assert field_codes(raised.value) == [("skus", "required")]


def test_product_created_delisted_is_rejected_on_status(shop):
    shoes = shop.category()

    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.create_product(a_product_spec(shoes.id, status="delisted"), actor="key_ops")

    assert field_codes(raised.value) == [("status", "invalid_choice")]


def test_product_whose_window_closes_before_it_opens_is_rejected(shop):
    shoes = shop.category()
    spec = a_product_spec(shoes.id, status="listed", list_at=at(days=2), delist_at=at(days=1))

    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.create_product(spec, actor="key_ops")

    assert field_codes(raised.value) == [("delist_at", "before_list_at")]


def test_invalid_product_writes_nothing(shop):
    shoes = shop.category()
    spec = a_product_spec(shoes.id, skus=[a_sku_spec("A", stock=5, member_price=cny(10**9))])

    with pytest.raises(ValidationFailed):
        shop.catalog.create_product(spec, actor="key_ops")

    assert shop.catalog.list_products("draft", 10, None).items == []
    assert shop.inventory_repo.get("A") is None


def test_sku_code_used_by_another_product_is_sku_code_taken_and_writes_nothing(shop):
    first = shop.product(skus=[a_sku_spec("A", stock=1), a_sku_spec("B")])

    with pytest.raises(Conflict) as raised:
        shop.product(title="Copy", skus=[a_sku_spec("C", stock=9), a_sku_spec("B", stock=9)])

    assert raised.value.code == "sku_code_taken"
    assert raised.value.extra["skus"] == ["B"]
    assert [p.id for p in shop.catalog.list_products("draft", 10, None).items] == [first.id]
    assert shop.inventory_repo.get("C") is None
    assert stock_of(shop, "B").on_hand == 0


# --- update_product -----------------------------------------------------------------------------------------
def test_patch_changes_only_the_fields_it_names(shop):
    product = shop.product(description="Light", attributes={"colour": "red"}, images=("https://img/1.jpg",))
    advance(shop.clock, minutes=5)

    updated = shop.catalog.update_product(product.id, {"title": " Trail Runner "}, actor="key_ops").product

    assert (updated.title, updated.description, updated.attributes, updated.images) == (
        "Trail Runner",
        "Light",
        {"colour": "red"},
        ("https://img/1.jpg",),
    )
    assert (updated.updated_at, updated.version) == (at(minutes=5), product.version + 1)
    assert "trail runner" in updated.search_text
    assert shop.catalog.get_product(product.id).product == updated


def test_patching_an_sku_price_updates_the_price_range_and_keeps_its_other_fields(shop):
    product = shop.product(skus=[a_sku_spec("A", 100, member_price=cny(90)), a_sku_spec("B", 200)])

    view = shop.catalog.update_product(product.id, {"skus": [{"code": "B", "price": cny(50)}]}, actor="key_ops")

    assert (view.product.min_price, view.product.max_price) == (50, 100)
    assert [(s.code, s.price, s.member_price, s.weight_grams) for s, _ in view.skus] == [
        ("A", 100, 90, 800),
        ("B", 50, None, 800),
    ]


def test_explicit_null_member_price_clears_it(shop):
    product = shop.product(skus=[a_sku_spec("A", 100, member_price=cny(90))])

    view = shop.catalog.update_product(product.id, {"skus": [{"code": "A", "member_price": None}]}, actor="key_ops")

    assert view.skus[0][0].member_price is None


def test_patched_member_price_above_the_existing_price_is_rejected(shop):
    product = shop.product(skus=[a_sku_spec("A", 100)])

    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.update_product(product.id, {"skus": [{"code": "A", "member_price": cny(150)}]}, actor="key_ops")

    assert field_codes(raised.value) == [("skus.0.member_price", "above_price")]


def test_stock_of_an_existing_sku_is_read_only_and_nothing_changes(shop):
    product = shop.product(skus=[a_sku_spec("A", 100, stock=5)])
    patch = {"title": "Changed", "skus": [{"code": "A", "price": cny(10), "stock": 50}]}

    with pytest.raises(ReadOnlyField) as raised:
        shop.catalog.update_product(product.id, patch, actor="key_ops")

    assert raised.value.code == "read_only_field"
    assert field_codes(raised.value) == [("skus.0.stock", "read_only_field")]
    assert shop.catalog.get_product(product.id).product == product
    assert stock_of(shop, "A").on_hand == 5
    assert shop.inventory.get("A").sku.price == 100


def test_new_sku_added_with_stock_writes_an_initial_stock_ledger_row(shop):
    product = shop.product(skus=[a_sku_spec("A", 100)])

    view = shop.catalog.update_product(
        product.id, {"skus": [a_new_sku_patch("B", 300, stock=7)]}, actor="key_warehouse"
    )

    assert view.product.sku_codes == ("A", "B")
    assert (view.product.min_price, view.product.max_price) == (100, 300)
    assert stock_of(shop, "B") == StockLevel(on_hand=7, reserved=0)
    assert ledger_rows(shop, "B") == [(7, "initial_stock", "key_warehouse")]
    assert "b" in view.product.search_text.split()


def test_new_sku_added_without_stock_writes_no_ledger_row(shop):
    product = shop.product(skus=[a_sku_spec("A", 100)])

    shop.catalog.update_product(product.id, {"skus": [a_new_sku_patch("B")]}, actor="key_ops")

    assert stock_of(shop, "B").on_hand == 0
    assert ledger_rows(shop, "B") == []


def test_new_sku_needs_a_price_and_a_weight(shop):
    product = shop.product()

    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.update_product(product.id, {"skus": [{"code": "NEW"}]}, actor="key_ops")

    assert field_codes(raised.value) == [("skus.0.price", "required"), ("skus.0.weight_grams", "required")]
    assert shop.inventory_repo.get("NEW") is None


def test_a_sku_without_a_safety_stock_gets_the_store_default_and_an_explicit_0_stays_0():
    shop = Shop(default_safety_stock=5)
    product = shop.product(
        skus=[a_sku_spec("DEF"), a_sku_spec("ZERO", safety_stock=0), a_sku_spec("SET", safety_stock=2)]
    )
    patch = {"skus": [a_new_sku_patch("NEW-DEF"), a_new_sku_patch("NEW-ZERO", safety_stock=0)]}
    shop.catalog.update_product(product.id, patch, actor="key_ops")

    got = {code: shop.inventory.get(code).sku.safety_stock for code in ("DEF", "ZERO", "SET", "NEW-DEF", "NEW-ZERO")}
    assert got == {"DEF": 5, "ZERO": 0, "SET": 2, "NEW-DEF": 5, "NEW-ZERO": 0}


def test_new_sku_in_another_currency_is_rejected_with_the_field_path(shop):
    product = shop.product()
    patch = {"skus": [{"code": "A-NEW", "price": Money(100, "USD"), "weight_grams": 1}]}

    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.update_product(product.id, patch, actor="key_ops")

    assert field_codes(raised.value) == [("skus.0.price.currency", "currency_mismatch")]


def test_new_sku_with_a_code_another_product_uses_is_sku_code_taken(shop):
    shop.product(skus=[a_sku_spec("TAKEN")])
    product = shop.product(skus=[a_sku_spec("MINE")])

    with pytest.raises(Conflict) as raised:
        shop.catalog.update_product(product.id, {"skus": [a_new_sku_patch("TAKEN")]}, actor="key_ops")

    assert (raised.value.code, raised.value.extra["skus"]) == ("sku_code_taken", ["TAKEN"])
    assert shop.catalog.get_product(product.id).product == product


@pytest.mark.parametrize(
    "sku_patches",
    [
        [a_new_sku_patch("B", 300), a_new_sku_patch("B", 400)],
        [{"code": "A", "price": cny(300)}, {"code": "A", "price": cny(400)}],
    ],
    ids=["new_sku_twice", "existing_sku_twice"],
)
def test_patch_naming_the_same_sku_twice_is_rejected_as_duplicate(shop, sku_patches):
    # create_product rejects a repeated code; a patch must too. Otherwise one
    # transaction carries two operations on the same SKU item, which DynamoDB
    # refuses with a ValidationException (not a condition failure), i.e. a 500.
    product = shop.product(skus=[a_sku_spec("A")])
    patch = {"skus": sku_patches}

    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.update_product(product.id, patch, actor="key_ops")

    assert field_codes(raised.value) == [("skus.1.code", "duplicate")]


def test_moving_a_product_to_another_category_updates_its_path(shop):
    clothes = shop.category("Clothes")
    shirts = shop.category("Shirts", parent_id=clothes.id)
    product = shop.product()

    updated = shop.catalog.update_product(product.id, {"category_id": shirts.id}, actor="key_ops").product

    assert (updated.category_id, updated.category_path) == (shirts.id, (clothes.id, shirts.id))


def test_moving_a_product_to_an_unknown_category_is_rejected(shop):
    product = shop.product()

    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.update_product(product.id, {"category_id": "cat_missing"}, actor="key_ops")

    assert field_codes(raised.value) == [("category_id", "not_found")]


def test_patched_window_that_closes_before_it_opens_is_rejected(shop):
    product = shop.product(status="listed", list_at=at(days=2))

    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.update_product(product.id, {"delist_at": at(days=1)}, actor="key_ops")

    assert field_codes(raised.value) == [("delist_at", "before_list_at")]


def test_patching_delist_at_to_null_clears_the_scheduled_delisting(shop):
    product = shop.product(status="listed", delist_at=at(hours=1))

    shop.catalog.update_product(product.id, {"delist_at": None}, actor="key_ops")
    advance(shop.clock, hours=2)

    assert shop.catalog.visible_product(product.id).product.delist_at is None


def test_updating_an_unknown_product_is_not_found(shop):
    with pytest.raises(NotFound):
        shop.catalog.update_product("prod_missing", {"title": "x"}, actor="key_ops")


# --- list / delist ---------------------------------------------------------------------------------------------
def test_listing_then_delisting_shows_then_hides_the_product(shop):
    product = shop.product()

    shop.catalog.list_product(product.id, None)
    assert shop.catalog.visible_product(product.id).product.status == "listed"

    shop.catalog.delist_product(product.id, None)
    with pytest.raises(NotFound):
        shop.catalog.visible_product(product.id)
    assert shop.catalog.get_product(product.id).product.status == "delisted"


def test_listing_a_visible_product_is_an_invalid_transition(shop):
    product = shop.product(status="listed")

    with pytest.raises(InvalidTransition):
        shop.catalog.list_product(product.id, None)


def test_delisting_a_draft_is_an_invalid_transition(shop):
    product = shop.product()

    with pytest.raises(InvalidTransition):
        shop.catalog.delist_product(product.id, None)


# --- the schedule ---------------------------------------------------------------------------------------------------
def test_publish_scheduled_listings_opens_and_closes_due_windows(shop):
    opening = shop.product(status="listed", list_at=at(hours=1))
    closing = shop.product(status="listed", delist_at=at(hours=2))
    later = shop.product(status="listed", list_at=at(hours=5))
    draft = shop.product(delist_at=at(hours=1))

    summary = shop.catalog.publish_scheduled_listings(at(hours=3))

    assert summary == {"examined": 2, "listed": 1, "delisted": 1, "skipped": 0}
    opened = shop.catalog.get_product(opening.id).product
    assert (opened.status, opened.list_at, opened.listed_at) == ("listed", None, at(hours=1))
    assert shop.catalog.get_product(closing.id).product.status == "delisted"
    assert shop.catalog.get_product(later.id).product == later
    assert shop.catalog.get_product(draft.id).product == draft


def test_publish_scheduled_listings_twice_changes_nothing_the_second_time(shop):
    shop.product(status="listed", list_at=at(hours=1), delist_at=at(hours=4))
    shop.product(status="listed", delist_at=at(hours=2))
    shop.catalog.publish_scheduled_listings(at(hours=3))
    before = {p.id: p for p in shop.products.by_id.values()}

    summary = shop.catalog.publish_scheduled_listings(at(hours=3))

    assert summary == {"examined": 0, "listed": 0, "delisted": 0, "skipped": 0}
    assert shop.products.by_id == before


def test_publish_scheduled_listings_respects_the_batch_size(shop):
    for _ in range(3):
        shop.product(status="listed", delist_at=at(hours=1))

    first = shop.catalog.publish_scheduled_listings(at(hours=1), batch=2)
    second = shop.catalog.publish_scheduled_listings(at(hours=1), batch=2)

    assert (first["delisted"], second["delisted"]) == (2, 1)


class ProductsEditedMidRun(FakeProducts):
    """While ``editing``, someone edits every due product between the job reading it and writing it."""

    editing = True

    def due_for_transition(self, now: datetime, limit: int) -> list[Product]:
        due = super().due_for_transition(now, limit)
        if self.editing:
            for product in due:
                self.by_id[product.id] = replace(self.by_id[product.id], version=self.by_id[product.id].version + 1)
        return due


def test_publish_skips_a_product_that_changed_underneath_it_and_catches_it_next_run():
    shop = Shop(products_type=ProductsEditedMidRun)
    product = shop.product(status="listed", delist_at=at(hours=1))

    summary = shop.catalog.publish_scheduled_listings(at(hours=1))

    assert summary == {"examined": 1, "listed": 0, "delisted": 0, "skipped": 1}
    assert shop.catalog.get_product(product.id).product.status == "listed"

    shop.products.editing = False
    assert shop.catalog.publish_scheduled_listings(at(hours=1))["delisted"] == 1


# --- storefront browsing ---------------------------------------------------------------------------------------------
def test_browse_rejects_an_unknown_sort(shop):
    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.browse("cheapest_first", None, None, 10, None)

    assert field_codes(raised.value) == [("sort", "invalid_choice")]


def test_browse_shows_only_visible_products_in_the_requested_order(shop):
    cheap = shop.product(status="listed", skus=[a_sku_spec("CHEAP", 100)])
    dear = shop.product(status="listed", skus=[a_sku_spec("DEAR", 900)])
    shop.product(skus=[a_sku_spec("DRAFT", 500)])
    shop.product(status="listed", list_at=at(hours=1), skus=[a_sku_spec("LATER", 50)])

    by_price = shop.catalog.browse("price_asc", None, None, 10, None)
    newest = shop.catalog.browse("newest", None, None, 10, None)

    assert [p.id for p in by_price.items] == [cheap.id, dear.id]
    assert [p.id for p in newest.items] == [dear.id, cheap.id]


def test_browse_matches_keywords_case_insensitively(shop):
    red = shop.product(status="listed", title="Red Runner", skus=[a_sku_spec("R1")])
    shop.product(status="listed", title="Blue Boot", skus=[a_sku_spec("B1")])

    found = shop.catalog.browse("newest", None, "  RUNNER ", 10, None)
    everything = shop.catalog.browse("newest", None, "   ", 10, None)

    assert [p.id for p in found.items] == [red.id]
    assert len(everything.items) == 2


def test_browse_by_category_includes_subcategories(shop):
    clothes = shop.category("Clothes")
    shirts = shop.category("Shirts", parent_id=clothes.id)
    shirt = shop.product(shirts, status="listed", skus=[a_sku_spec("S1")])
    shop.product(status="listed", skus=[a_sku_spec("OTHER")])

    found = shop.catalog.browse("newest", clothes.id, None, 10, None)

    assert [p.id for p in found.items] == [shirt.id]


def test_browse_pages_through_every_product_once(shop):
    made = [shop.product(status="listed", skus=[a_sku_spec(f"S{i}", 100 * (i % 3 + 1))]).id for i in range(7)]
    seen: list[str] = []
    after = None

    while True:
        page = shop.catalog.browse("price_desc", None, None, 3, after)
        seen += [p.id for p in page.items]
        if page.next_position is None:
            break
        after = page.next_position

    assert sorted(seen) == sorted(made)
    assert len(seen) == len(made)


def test_list_products_by_status_rejects_an_unknown_status(shop):
    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.list_products("archived", 10, None)

    assert field_codes(raised.value) == [("status", "invalid_choice")]


def test_list_products_by_status_is_newest_first(shop):
    first = shop.product()
    second = shop.product()
    shop.product(status="listed")

    assert [p.id for p in shop.catalog.list_products("draft", 10, None).items] == [second.id, first.id]


# --- size limits --------------------------------------------------------------------------------------------------
def test_product_with_more_skus_than_one_transaction_holds_is_rejected(shop):
    shoes = shop.category()
    skus = [a_sku_spec(f"S{i}") for i in range(MAX_SKUS_PER_PRODUCT + 1)]

    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.create_product(a_product_spec(shoes.id, skus=skus), actor="key_ops")

    assert field_codes(raised.value) == [("skus", "too_many")]


def test_product_with_the_maximum_number_of_skus_is_accepted(shop):
    product = shop.product(skus=[a_sku_spec(f"S{i}") for i in range(MAX_SKUS_PER_PRODUCT)])

    assert len(product.sku_codes) == MAX_SKUS_PER_PRODUCT


def test_patch_that_would_exceed_the_sku_limit_is_rejected(shop):
    product = shop.product(skus=[a_sku_spec(f"S{i}") for i in range(MAX_SKUS_PER_PRODUCT)])

    with pytest.raises(ValidationFailed) as raised:
        shop.catalog.update_product(product.id, {"skus": [a_new_sku_patch("ONE-TOO-MANY")]}, actor="key_ops")

    assert field_codes(raised.value) == [("skus", "too_many")]
    assert shop.inventory_repo.get("ONE-TOO-MANY") is None


# --- conditional edits (If-Match) ---------------------------------------------------------------------------
class EditedBetweenReadAndWrite(FakeProducts):
    """Another edit lands after the service read the product and before its write."""

    def save(self, product, changed_skus, new_skus, stock, entries):
        if product.title == "Mine":
            current = self.by_id[product.id]
            self.by_id[product.id] = replace(current, title="Theirs", version=current.version + 1)
        return super().save(product, changed_skus, new_skus, stock, entries)


def test_an_edit_with_the_current_version_is_applied():
    shop = Shop()
    product = shop.product()

    view = shop.catalog.update_product(
        product.id, {"title": "Mine"}, actor="key_ops", if_match=IfMatch(frozenset({product.version}))
    )

    assert (view.product.title, view.product.version) == ("Mine", product.version + 1)


def test_an_edit_with_a_stale_version_is_refused_and_writes_nothing():
    shop = Shop()
    product = shop.product()
    shop.catalog.update_product(product.id, {"title": "First"}, actor="key_ops")

    with pytest.raises(PreconditionFailed) as raised:
        shop.catalog.update_product(
            product.id, {"title": "Mine"}, actor="key_ops", if_match=IfMatch(frozenset({product.version}))
        )

    assert raised.value.code == "precondition_failed"
    stored = shop.catalog.get_product(product.id).product
    assert (stored.title, stored.version) == ("First", product.version + 1)


def test_an_edit_that_loses_the_race_after_its_read_is_a_failed_precondition_not_a_lost_update():
    shop = Shop(products_type=EditedBetweenReadAndWrite)
    product = shop.product()

    with pytest.raises(PreconditionFailed):
        shop.catalog.update_product(
            product.id, {"title": "Mine"}, actor="key_ops", if_match=IfMatch(frozenset({product.version}))
        )

    assert shop.catalog.get_product(product.id).product.title == "Theirs"


def test_without_if_match_or_with_any_version_a_lost_race_stays_a_concurrent_update():
    for if_match in (None, IfMatch(any_version=True)):
        shop = Shop(products_type=EditedBetweenReadAndWrite)
        product = shop.product()

        with pytest.raises(Conflict) as raised:
            shop.catalog.update_product(product.id, {"title": "Mine"}, actor="key_ops", if_match=if_match)

        assert raised.value.code == "concurrent_update"


def test_any_version_and_a_list_of_versions_admit_the_current_one():
    shop = Shop()
    product = shop.product()

    first = shop.catalog.update_product(product.id, {"title": "A"}, actor="key_ops", if_match=IfMatch(any_version=True))
    second = shop.catalog.update_product(
        product.id, {"title": "B"}, actor="key_ops", if_match=IfMatch(frozenset({99, first.product.version}))
    )

    assert (second.product.title, second.product.version) == ("B", product.version + 2)
    with pytest.raises(PreconditionFailed):
        shop.catalog.update_product(product.id, {"title": "C"}, actor="key_ops", if_match=IfMatch())
    with pytest.raises(NotFound):
        shop.catalog.update_product("prod_missing", {"title": "C"}, actor="key_ops", if_match=IfMatch(any_version=True))
