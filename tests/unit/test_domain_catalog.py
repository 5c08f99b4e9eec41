from __future__ import annotations

import pytest

from chalicelib.domain import catalog as rules
from chalicelib.domain.catalog import MAX_CATEGORY_DEPTH, Sku, StockLevel
from chalicelib.domain.errors import InvalidTransition, ValidationFailed

from .builders import T0, a_category, a_listed_product, a_product, at


def field_codes(error: ValidationFailed) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in error.errors]


# --- visibility window -----------------------------------------------------------------------------
def test_listed_product_without_window_is_visible():
    assert a_listed_product().is_visible(T0)


@pytest.mark.parametrize("status", ["draft", "delisted"])
def test_product_that_is_not_listed_is_never_visible(status):
    assert not a_product(status=status).is_visible(T0)


def test_product_becomes_visible_exactly_at_list_at():
    product = a_listed_product(list_at=at(hours=1))

    assert not product.is_visible(at(hours=1, microseconds=-1))
    assert product.is_visible(at(hours=1))


def test_product_stops_being_visible_exactly_at_delist_at():
    product = a_listed_product(delist_at=at(hours=1))

    assert product.is_visible(at(hours=1, microseconds=-1))
    assert not product.is_visible(at(hours=1))


# --- next_transition ----------------------------------------------------------------------------------
def test_next_transition_is_the_earlier_of_list_at_and_delist_at():
    assert a_listed_product(list_at=at(hours=1), delist_at=at(hours=5)).next_transition() == at(hours=1)
    assert a_listed_product(delist_at=at(hours=5)).next_transition() == at(hours=5)


def test_listed_product_without_a_window_has_no_next_transition():
    assert a_listed_product().next_transition() is None


def test_draft_product_has_no_next_transition_even_with_dates():
    assert a_product(status="draft", delist_at=at(hours=5)).next_transition() is None


# --- validate_window -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("list_at", "delist_at"), [(None, None), (at(hours=1), None), (None, at(hours=1)), (at(hours=1), at(hours=2))]
)
def test_window_that_closes_after_it_opens_is_valid(list_at, delist_at):
    rules.validate_window(list_at, delist_at)


@pytest.mark.parametrize("delist_at", [at(hours=1), at(minutes=59)])
def test_window_that_closes_when_or_before_it_opens_is_rejected(delist_at):
    with pytest.raises(ValidationFailed) as raised:
        rules.validate_window(at(hours=1), delist_at)

    assert field_codes(raised.value) == [("delist_at", "before_list_at")]


# --- list_product ----------------------------------------------------------------------------------------
def test_listing_a_draft_now_makes_it_visible_and_stamps_listed_at():
    listed = rules.list_product(a_product(status="draft"), T0, None)

    assert (listed.status, listed.list_at, listed.listed_at, listed.updated_at) == ("listed", None, T0, T0)
    assert listed.is_visible(T0)


def test_listing_a_draft_for_later_schedules_it():
    listed = rules.list_product(a_product(status="draft"), T0, at(days=1))

    assert (listed.status, listed.list_at, listed.listed_at) == ("listed", at(days=1), None)
    assert not listed.is_visible(T0)
    assert listed.next_transition() == at(days=1)


@pytest.mark.parametrize("when", [T0, at(seconds=-1)])
def test_listing_at_now_or_in_the_past_lists_immediately(when):
    listed = rules.list_product(a_product(status="draft"), T0, when)

    assert (listed.list_at, listed.listed_at) == (None, T0)
    assert listed.is_visible(T0)


def test_relisting_a_delisted_product_makes_it_visible_again():
    listed = rules.list_product(a_product(status="delisted"), T0, None)

    assert listed.is_visible(T0)


def test_listing_a_visible_product_again_is_an_invalid_transition():
    with pytest.raises(InvalidTransition) as raised:
        rules.list_product(a_listed_product(), T0, None)

    assert raised.value.code == "invalid_transition"


def test_listing_a_scheduled_product_now_opens_it_immediately():
    listed = rules.list_product(a_listed_product(list_at=at(days=1), listed_at=None), T0, None)

    assert (listed.list_at, listed.listed_at) == (None, T0)
    assert listed.is_visible(T0)


def test_listing_keeps_a_delist_date_that_is_still_ahead():
    listed = rules.list_product(a_product(status="draft", delist_at=at(days=2)), T0, at(days=1))

    assert (listed.list_at, listed.delist_at) == (at(days=1), at(days=2))


def test_listing_drops_a_delist_date_that_would_close_the_window_before_it_opens():
    listed = rules.list_product(a_product(status="draft", delist_at=at(days=1)), T0, at(days=2))

    assert (listed.list_at, listed.delist_at) == (at(days=2), None)


# --- delist_product --------------------------------------------------------------------------------------------
def test_delisting_now_hides_the_product_and_clears_its_window():
    delisted = rules.delist_product(a_listed_product(delist_at=at(days=1)), T0, None)

    assert (delisted.status, delisted.list_at, delisted.delist_at) == ("delisted", None, None)
    assert not delisted.is_visible(T0)


def test_delisting_later_schedules_it_and_keeps_it_visible_until_then():
    scheduled = rules.delist_product(a_listed_product(), T0, at(hours=3))

    assert (scheduled.status, scheduled.delist_at) == ("listed", at(hours=3))
    assert scheduled.is_visible(at(hours=2))
    assert not scheduled.is_visible(at(hours=3))


@pytest.mark.parametrize("status", ["draft", "delisted"])
def test_delisting_a_product_that_is_not_listed_is_an_invalid_transition(status):
    with pytest.raises(InvalidTransition):
        rules.delist_product(a_product(status=status), T0, None)


def test_scheduling_a_delist_for_a_product_that_is_not_listed_is_an_invalid_transition():
    with pytest.raises(InvalidTransition):
        rules.delist_product(a_product(status="draft"), T0, at(days=1))


def test_scheduling_a_delist_before_the_listing_opens_is_rejected():
    scheduled = a_listed_product(list_at=at(days=2), listed_at=None)

    with pytest.raises(ValidationFailed) as raised:
        rules.delist_product(scheduled, T0, at(days=1))

    assert field_codes(raised.value) == [("delist_at", "before_list_at")]


# --- apply_due_transitions ------------------------------------------------------------------------------------
def test_due_listing_opens_the_window_and_records_when_it_opened():
    product = a_listed_product(list_at=at(hours=1), listed_at=None, delist_at=at(hours=5))

    opened = rules.apply_due_transitions(product, at(hours=2))

    assert opened is not None
    assert (opened.status, opened.list_at, opened.listed_at, opened.delist_at) == (
        "listed",
        None,
        at(hours=1),
        at(hours=5),
    )
    assert opened.next_transition() == at(hours=5)


def test_due_delisting_closes_the_window():
    closed = rules.apply_due_transitions(a_listed_product(delist_at=at(hours=1)), at(hours=1))

    assert closed is not None
    assert (closed.status, closed.delist_at) == ("delisted", None)
    assert closed.next_transition() is None


def test_window_that_opened_and_closed_while_nobody_looked_ends_delisted():
    product = a_listed_product(list_at=at(hours=1), delist_at=at(hours=2), listed_at=None)

    applied = rules.apply_due_transitions(product, at(hours=3))

    assert applied is not None and applied.status == "delisted"


@pytest.mark.parametrize(
    "product",
    [
        a_listed_product(),
        a_listed_product(list_at=at(hours=1), delist_at=at(hours=2)),
        a_product(status="draft", delist_at=at(minutes=-1)),
        a_product(status="delisted"),
    ],
    ids=["no_window", "window_ahead", "draft", "delisted"],
)
def test_nothing_is_due_when_no_window_edge_has_passed(product):
    assert rules.apply_due_transitions(product, T0) is None


def test_applying_due_transitions_twice_changes_nothing_the_second_time():
    product = a_listed_product(list_at=at(hours=1), listed_at=None)
    opened = rules.apply_due_transitions(product, at(hours=2))
    assert opened is not None

    assert rules.apply_due_transitions(opened, at(hours=2)) is None


# --- categories --------------------------------------------------------------------------------------------
def test_root_category_path_is_itself():
    assert rules.child_path(None, "cat_root") == ("cat_root",)


def test_child_path_extends_the_parent_path():
    root = a_category("cat_a")
    child = a_category("cat_b", parent=root)

    assert rules.child_path(child, "cat_c") == ("cat_a", "cat_b", "cat_c")


def test_categories_nest_up_to_the_maximum_depth_and_no_deeper():
    parent = None
    for level in range(MAX_CATEGORY_DEPTH):
        path = rules.child_path(parent, f"cat_{level}")
        parent = a_category(f"cat_{level}", parent=parent)
        assert len(path) == parent.depth == level + 1

    with pytest.raises(ValidationFailed) as raised:
        rules.child_path(parent, "cat_too_deep")

    assert field_codes(raised.value) == [("parent_id", "too_deep")]


def test_tree_nests_children_under_parents_and_orders_siblings_by_name():
    clothes = a_category("cat_1", "Clothes")
    books = a_category("cat_2", "Books")
    shirts = a_category("cat_3", "Shirts", parent=clothes)
    coats = a_category("cat_4", "Coats", parent=clothes)
    wool = a_category("cat_5", "Wool", parent=coats)

    tree = rules.build_tree([shirts, wool, clothes, coats, books])

    def names(nodes):
        return [(n["name"], names(n["children"])) for n in nodes]

    assert names(tree) == [("Books", []), ("Clothes", [("Coats", [("Wool", [])]), ("Shirts", [])])]
    assert tree[1]["children"][0] == {
        "id": "cat_4",
        "name": "Coats",
        "slug": "cat-4",
        "parent_id": "cat_1",
        "children": [{"id": "cat_5", "name": "Wool", "slug": "cat-5", "parent_id": "cat_4", "children": []}],
    }


def test_tree_orders_siblings_with_the_same_name_by_id():
    tree = rules.build_tree([a_category("cat_2", "Sale"), a_category("cat_1", "Sale")])

    assert [n["id"] for n in tree] == ["cat_1", "cat_2"]


def test_category_whose_parent_is_missing_shows_at_the_root():
    orphan = a_category("cat_2", "Orphan", parent=a_category("cat_gone"))

    assert [n["id"] for n in rules.build_tree([orphan])] == ["cat_2"]


def test_empty_tree():
    assert rules.build_tree([]) == []


# --- small rules ------------------------------------------------------------------------------------------------
def test_available_stock_is_on_hand_minus_reserved():
    assert StockLevel(on_hand=10, reserved=3).available == 7


def test_price_range_spans_the_cheapest_and_dearest_sku():
    def sku(price: int) -> Sku:
        return Sku(f"S{price}", "prod_1", {}, price, None, None, 100, 0)

    assert rules.price_range([sku(300), sku(100), sku(200)]) == (100, 300)


def test_search_text_is_casefolded_and_covers_title_description_attributes_and_codes():
    text = rules.search_text("Red Runner", "Light", {"colour": "Crimson"}, ("RUN-42",))

    assert all(word in text for word in ("red runner", "light", "crimson", "run-42"))
