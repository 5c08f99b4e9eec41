"""The fakes keep the ports' documented contracts; if they drift, every service test lies."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from chalicelib.domain.catalog import Sku
from chalicelib.domain.errors import Conflict, InsufficientStock, NotFound, ValidationFailed
from chalicelib.services.ports import Customer, LedgerEntry

from .builders import T0, a_category, a_listed_product, a_product
from .fakes import FakeCategories, FakeCustomers, FakeInventory, FakeProducts, SkuStore, paginate


def a_sku(code: str, product_id: str = "prod_1") -> Sku:
    return Sku(code, product_id, {}, 100, None, None, 100, 0)


def an_entry(entry_id: str, code: str = "A", delta: int = 1) -> LedgerEntry:
    return LedgerEntry(entry_id, code, delta, 0, "receiving", "key_test", T0)


def test_pages_cover_every_item_once_in_order_with_json_positions():
    items = list(range(10))
    seen, after = [], None
    while True:
        page = paginate(items, lambda i: (i % 3, i), descending=False, limit=4, after=after)
        seen += page.items
        if page.next_position is None:
            break
        after = json.loads(json.dumps(page.next_position))  # positions survive a cursor round trip

    assert seen == sorted(items, key=lambda i: (i % 3, i))


def test_last_full_page_has_no_next_position():
    assert paginate([1, 2], lambda i: (i,), descending=True, limit=2, after=None).next_position is None


def test_position_of_the_wrong_shape_is_invalid_cursor():
    with pytest.raises(ValidationFailed) as raised:
        paginate([1, 2], lambda i: (i,), descending=False, limit=1, after={"PK": {"S": "x"}})

    assert raised.value.code == "invalid_cursor"


def test_customer_with_a_taken_email_is_email_taken():
    customers = FakeCustomers()
    customers.add(Customer("cus_1", "a@example.com", "A", "hash", T0))

    with pytest.raises(Conflict) as raised:
        customers.add(Customer("cus_2", "a@example.com", "B", "hash", T0))

    assert raised.value.code == "email_taken"
    assert customers.get("cus_2") is None


def test_category_with_a_taken_slug_is_slug_taken():
    categories = FakeCategories()
    categories.add(a_category("cat_1", slug="shoes"))

    with pytest.raises(Conflict) as raised:
        categories.add(a_category("cat_2", slug="shoes"))

    assert raised.value.code == "slug_taken"


def test_product_with_taken_sku_codes_names_them_and_writes_nothing():
    products = FakeProducts()
    products.add(a_product(id="prod_1", sku_codes=("A", "B")), [a_sku("A"), a_sku("B")], {}, [])

    with pytest.raises(Conflict) as raised:
        products.add(
            a_product(id="prod_2", sku_codes=("C", "B", "A")),
            [a_sku("C", "prod_2"), a_sku("B", "prod_2"), a_sku("A", "prod_2")],
            {"C": 5},
            [an_entry("01", "C", 5)],
        )

    assert (raised.value.code, raised.value.extra) == ("sku_code_taken", {"skus": ["A", "B"]})
    assert products.get("prod_2") is None
    assert "C" not in products.store.skus and "C" not in products.store.ledger


def test_save_bumps_the_version_and_refuses_a_stale_copy():
    products = FakeProducts()
    original = a_listed_product(sku_codes=("A",))
    products.add(original, [a_sku("A")], {"A": 3}, [])

    stored = products.save(replace(original, title="New"), [], [], {}, [])

    assert (stored.product.title, stored.product.version) == ("New", 2)
    assert [(s.code, level.on_hand) for s, level in stored.skus] == [("A", 3)]
    with pytest.raises(Conflict) as raised:
        products.save(replace(original, title="Stale"), [], [], {}, [])
    assert raised.value.code == "concurrent_update"
    assert products.get(original.id).product.title == "New"


def test_adjust_keeps_available_at_or_above_zero():
    store = SkuStore()
    store.put_new(a_sku("A"), on_hand=2)
    inventory = FakeInventory(store)

    with pytest.raises(InsufficientStock):
        inventory.adjust(an_entry("01", "A", -3))
    assert inventory.adjust(an_entry("02", "A", -2)).available == 0
    with pytest.raises(NotFound):
        inventory.adjust(an_entry("03", "B", 1))
    assert [e.id for e in inventory.ledger("A", 10, None).items] == ["02"]


def test_products_by_status_lists_newest_first_or_oldest_first():
    products = FakeProducts()
    for n in (1, 2, 3):
        products.add(replace(a_product(), id=f"prod_{n}", sku_codes=()), [], {}, [])
    newest = products.by_status("draft", 10, None)
    oldest = products.by_status("draft", 10, None, oldest_first=True)
    assert [p.id for p in newest.items] == ["prod_3", "prod_2", "prod_1"]
    assert [p.id for p in oldest.items] == ["prod_1", "prod_2", "prod_3"]
