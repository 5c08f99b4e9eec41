"""The OrderRepository contract (tests/unit/order_contract.py) against the real
DynamoOrders on moto: the same functions the unit tier runs against FakeOrders,
so the fake the service tests rely on cannot drift from the adapter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from chalicelib.domain.carts import Cart
from tests.unit.builders import a_product
from tests.unit.order_builders import a_sku
from tests.unit.order_contract import CONTRACT, Harness


class DynamoHarness:
    def __init__(self) -> None:
        from chalicelib.adapters.dynamo.catalog import DynamoProducts
        from chalicelib.adapters.dynamo.commerce import DynamoCarts
        from chalicelib.adapters.dynamo.inventory import DynamoInventory
        from chalicelib.adapters.dynamo.models import configure
        from chalicelib.adapters.dynamo.orders import DynamoOrders
        from chalicelib.adapters.dynamo.outbox import DynamoOutbox

        configure("commerce-test", "us-east-1", None)  # the table the aws fixture made
        self.repo = DynamoOrders()
        self.products = DynamoProducts("CNY")
        self.inventory = DynamoInventory()
        self.carts = DynamoCarts()
        self.outbox = DynamoOutbox()

    def add_sku(self, code: str, on_hand: int) -> None:
        sku = a_sku(code)
        self.products.add(a_product(id=sku.product_id, sku_codes=(code,)), [sku], {code: on_hand}, [])

    def add_cart(self, cart: Cart) -> None:
        self.carts.add(cart)

    def level(self, code: str) -> tuple[int, int, int]:
        found = self.inventory.get(code)
        assert found is not None
        _, level = found
        return level.on_hand, level.reserved, level.available

    def ledger(self, code: str) -> list[tuple[str, int, int, str | None]]:
        entries = sorted(self.inventory.ledger(code, 100, None).items, key=lambda e: e.id)
        return [(e.reason, e.on_hand_delta, e.reserved_delta, e.reference) for e in entries]

    def pending_event_ids(self) -> set[str]:
        return {e.id for e in self.outbox.pending(1000)}

    def sales(self, day: date, code: str) -> tuple[int, int]:
        from pynamodb.exceptions import DoesNotExist

        from chalicelib.adapters.dynamo import keys
        from chalicelib.adapters.dynamo.models import SkuSalesItem

        try:
            row = SkuSalesItem.get(*keys.sku_sales(day, code), consistent_read=True)
        except DoesNotExist:
            return 0, 0
        return int(row.units or 0), int(row.revenue or 0)


@pytest.fixture
def harness(aws) -> Harness:
    return DynamoHarness()


@pytest.mark.parametrize("contract", CONTRACT, ids=lambda f: f.__name__.removeprefix("contract_"))
def test_dynamo_orders_keep_the_repository_contract(harness: Harness, contract: Callable[[Harness], None]) -> None:
    contract(harness)
