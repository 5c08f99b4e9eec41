"""The order's index items (ADR 0031) on moto: what is stored, what each save
writes (the transaction's items counted), listings that skip an index entry not
caught up yet, and the backfill of orders stored with their own index keys."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from chalicelib.domain.orders import transition
from chalicelib.services.ports import OrderChange
from tests.unit.order_contract import NOW, placed

from .test_order_repository_contract import DynamoHarness

INDEX_ATTRIBUTES = {"PK", "SK", "type", "order_id"}


@pytest.fixture
def h(aws) -> DynamoHarness:
    return DynamoHarness()


def partition(order_id: str) -> dict[str, dict[str, Any]]:
    """The order's partition as stored: sort key -> attribute name -> value."""
    from chalicelib.adapters.dynamo import keys
    from chalicelib.adapters.dynamo.models import Item

    found = Item._get_connection().query(keys.order(order_id)[0], consistent_read=True)["Items"]
    return {raw["SK"]["S"]: {name: next(iter(v.values())) for name, v in raw.items()} for raw in found}


@contextmanager
def transactions() -> Iterator[list[list[tuple[str, str]]]]:
    """Each TransactWriteItems sent meanwhile, as its (verb, sort key) items."""
    from botocore.client import BaseClient

    sent: list[list[tuple[str, str]]] = []
    original = BaseClient._make_api_call

    def spy(self: Any, operation: str, params: dict[str, Any]) -> Any:
        if operation == "TransactWriteItems":
            items = []
            for action in params["TransactItems"]:
                ((verb, body),) = action.items()
                key = body.get("Item") or body.get("Key")
                items.append((verb, key["SK"]["S"]))
            sent.append(items)
        return original(self, operation, params)

    BaseClient._make_api_call = spy  # type: ignore[method-assign]
    try:
        yield sent
    finally:
        BaseClient._make_api_call = original  # type: ignore[method-assign]


def index_writes(sent: list[list[tuple[str, str]]]) -> list[tuple[str, str]]:
    return [(verb, sk) for items in sent for verb, sk in items if sk.startswith("IDX#")]


def test_a_placed_order_is_listed_by_three_small_items_and_carries_no_index_keys(h: DynamoHarness) -> None:
    h.add_sku("IX-1", 5)
    order = placed(h, {"IX-1": 1}, window=timedelta(minutes=15))

    stored = partition(order.id)

    assert set(stored) == {"ORDER", "IDX#customer", "IDX#status", "IDX#due"}
    assert not {name for name in stored["ORDER"] if name.startswith("GSI")}
    assert stored["IDX#customer"] == {
        "PK": f"ORDER#{order.id}",
        "SK": "IDX#customer",
        "type": "OrderIndex",
        "order_id": order.id,
        "GSI1PK": f"CUSTOMER#{order.customer_id}#ORDERS",
        "GSI1SK": order.id,
    }
    assert (stored["IDX#status"]["GSI2PK"], stored["IDX#status"]["GSI2SK"]) == ("ORDERS#pending_payment", order.id)
    due = order.payment_due_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert (stored["IDX#due"]["GSI5PK"], stored["IDX#due"]["GSI5SK"]) == ("DUE#payment", f"{due}#{order.id}")
    for kind in ("IDX#customer", "IDX#status", "IDX#due"):  # keys and the order id: nothing personal
        assert set(stored[kind]) - {"GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI5PK", "GSI5SK"} == INDEX_ATTRIBUTES


def test_a_save_writes_only_the_index_items_whose_keys_change(h: DynamoHarness) -> None:
    h.add_sku("IX-2", 5)
    order = placed(h, {"IX-2": 1})
    current = h.repo.get(order.id)
    assert current is not None

    with transactions() as sent:  # the status and the due time kept: the order item alone
        current = h.repo.save(replace(current, risk_reasons=("manual_check",)), OrderChange(), current)
    assert index_writes(sent) == []
    assert [sk for verb, sk in sent[0]] == ["ORDER"]

    with transactions() as sent:  # paid: its status item, and off the payment queue (nothing else due)
        paid = transition(current, "paid", NOW, "system")
        current = h.repo.save(paid, OrderChange(), current)
    assert sorted(index_writes(sent)) == [("Delete", "IDX#due"), ("Put", "IDX#status")]
    assert "IDX#due" not in partition(order.id)

    with transactions() as sent:  # without the order read: status and due written as they are
        h.repo.save(replace(current, risk_reasons=()), OrderChange())
    assert sorted(index_writes(sent)) == [("Delete", "IDX#due"), ("Put", "IDX#status")]
    assert partition(order.id)["IDX#status"]["GSI2PK"] == "ORDERS#paid"


def test_an_index_entry_not_caught_up_is_left_out_of_a_status_list(h: DynamoHarness) -> None:
    """The index is eventually consistent: an entry still naming the old status (as the
    index may show it for a moment) lists nothing; the page's cursor still moves on."""
    from chalicelib.adapters.dynamo.order_index import status_item

    h.add_sku("IX-3", 5)
    stale = placed(h, {"IX-3": 1})
    kept = placed(h, {"IX-3": 1})
    current = h.repo.get(stale.id)
    assert current is not None
    h.repo.save(transition(current, "cancelled", NOW, "system"), OrderChange(release_stock=True), current)
    status_item(current).save()  # the old entry, as the index had it before catching up

    first = h.repo.by_status("pending_payment", 1, None, oldest_first=True)
    second = h.repo.by_status("pending_payment", 1, first.next_position, oldest_first=True)

    assert first.items == [] and first.next_position is not None
    assert [o.id for o in second.items] == [kept.id]


def test_listings_read_the_orders_in_one_batch_get(h: DynamoHarness) -> None:
    from botocore.client import BaseClient

    h.add_sku("IX-4", 20)
    customer = "cus_ix4"
    made = [placed(h, {"IX-4": 1}, customer_id=customer, cart_id=f"cart_ix4_{n}") for n in range(3)]
    calls: list[str] = []
    original = BaseClient._make_api_call

    def spy(self: Any, operation: str, params: dict[str, Any]) -> Any:
        calls.append(operation)
        return original(self, operation, params)

    BaseClient._make_api_call = spy  # type: ignore[method-assign]
    try:
        page = h.repo.for_customer(customer, 10, None)
    finally:
        BaseClient._make_api_call = original  # type: ignore[method-assign]

    assert calls == ["Query", "BatchGetItem"]
    assert [o.id for o in page.items] == [o.id for o in reversed(made)]
    assert page.items[0] == h.repo.get(made[-1].id)


def legacy(order: Any) -> None:
    """An order as stored before ADR 0031: its own index keys, no index items."""
    from chalicelib.adapters.dynamo.order_records import due_key, order_record

    record = order_record(order)
    record.GSI1PK, record.GSI1SK = f"CUSTOMER#{order.customer_id}#ORDERS", order.id
    record.GSI2PK, record.GSI2SK = f"ORDERS#{order.status}", order.id
    record.GSI5PK, record.GSI5SK = due_key(order) or (None, None)
    record.save()


def test_the_backfill_files_stored_orders_and_removes_their_own_index_keys(h: DynamoHarness) -> None:
    from chalicelib.adapters.dynamo.order_index_backfill import backfill
    from tests.unit.order_builders import an_order

    unpaid = an_order({"BF-1": 1}, customer_id="cus_bf", at=NOW)
    paid = replace(an_order({"BF-1": 2}, customer_id="cus_bf", at=NOW), status="paid", payment_status="paid")
    legacy(unpaid)
    legacy(paid)
    assert h.repo.for_customer("cus_bf", 10, None).items == []  # not listed until filed

    assert backfill() == {"orders": 2, "filed": 2, "reread": 0}

    for order in (unpaid, paid):
        stored = partition(order.id)
        assert not {name for name in stored["ORDER"] if name.startswith("GSI")}
        assert stored["ORDER"]["version"] == "1"  # the order itself unchanged
    assert "IDX#due" in partition(unpaid.id) and "IDX#due" not in partition(paid.id)
    assert [o.id for o in h.repo.for_customer("cus_bf", 10, None).items] == sorted([unpaid.id, paid.id])[::-1]
    assert [o.id for o in h.repo.by_status("paid", 10, None).items] == [paid.id]
    assert [o.id for o in h.repo.due_unpaid(NOW + timedelta(days=1), 10)] == [unpaid.id]
    assert backfill() == {"orders": 2, "filed": 2, "reread": 0}  # again: the same items, nothing else


def test_the_backfill_reads_an_order_changed_meanwhile_again(h: DynamoHarness, monkeypatch) -> None:
    from chalicelib.adapters.dynamo import order_index_backfill
    from tests.unit.order_builders import an_order

    order = an_order({"BF-2": 1}, customer_id="cus_bf2", at=NOW)
    legacy(order)
    real = order_index_backfill._file
    raced: list[bool] = []

    def racing(record: Any, strip: bool = True) -> bool:
        if not raced:  # the app pays the order between the scan and the backfill's write
            raced.append(True)
            current = h.repo.get(order.id)
            assert current is not None
            h.repo.save(replace(transition(current, "paid", NOW, "system"), payment_status="paid"), OrderChange())
        return real(record, strip)

    monkeypatch.setattr(order_index_backfill, "_file", racing)

    assert order_index_backfill.backfill() == {"orders": 1, "filed": 1, "reread": 1}
    stored = partition(order.id)
    assert stored["IDX#status"]["GSI2PK"] == "ORDERS#paid" and "IDX#due" not in stored
    assert [o.id for o in h.repo.for_customer("cus_bf2", 10, None).items] == [order.id]


def test_the_backfill_can_keep_the_orders_own_keys(h: DynamoHarness) -> None:
    """While a version that still reads the orders' own keys runs (the first step of ADR 0031's rollout)."""
    from chalicelib.adapters.dynamo.order_index_backfill import backfill
    from tests.unit.order_builders import an_order

    order = an_order({"BF-3": 1}, customer_id="cus_bf3", at=NOW)
    legacy(order)

    assert backfill(strip=False) == {"orders": 1, "filed": 1, "reread": 0}

    stored = partition(order.id)
    assert {"IDX#customer", "IDX#status", "IDX#due"} < set(stored)
    assert stored["ORDER"]["GSI2PK"] == "ORDERS#pending_payment"
    assert [o.id for o in h.repo.for_customer("cus_bf3", 10, None).items] == [order.id]


def test_checkouts_item_budget_counts_the_order_and_its_index_items(api, gateway, monkeypatch) -> None:
    """The budget checkout computes before writing (at most 100 items) is the transaction
    it then sends: one item fewer allowed refuses the cart, exactly as many writes it."""
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.errors import ValidationFailed
    from chalicelib.services.orders import checkout as checkout_service
    from tests.integration.test_orders_api import ADDRESS, cart_with, shop, shopper
    from tests.support import sku_body

    shop(api, sku_body("IB-1", price=10000), sku_body("IB-2", price=10000))
    customer, h = shopper(api)
    cart_id = cart_with(api, h, ("IB-1", 1), ("IB-2", 2))
    # The order and its 3 index items, 2 stock updates and 2 ledger rows, the cart and its
    # pointer, order.placed, the PaymentIntent pointer.
    expected = 12

    monkeypatch.setattr(checkout_service, "MAX_TRANSACTION_ITEMS", expected - 1)
    with pytest.raises(ValidationFailed) as refused:
        get_container().checkout.checkout(customer["id"], cart_id, ADDRESS)
    assert refused.value.errors[0].code == "cart_too_large"

    monkeypatch.setattr(checkout_service, "MAX_TRANSACTION_ITEMS", expected)
    with transactions() as sent:
        get_container().checkout.checkout(customer["id"], cart_id, ADDRESS)
    assert [len(items) for items in sent] == [expected]
    assert sorted(sk for _, sk in sent[0] if sk.startswith("IDX#")) == ["IDX#customer", "IDX#due", "IDX#status"]
