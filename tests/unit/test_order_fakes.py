"""FakeOrders keeps the OrderRepository contract (order_contract.py, which the
integration tier runs against DynamoOrders too); the outbox, publisher and
exception fakes keep theirs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from chalicelib.domain.carts import Cart
from chalicelib.domain.errors import Conflict, CouponInvalid
from chalicelib.domain.events import new_event
from chalicelib.domain.operations import OrderException
from chalicelib.domain.orders import order_event
from chalicelib.services.ports import CouponUse, FlashUse, OrderChange
from chalicelib.services.relay import EventRelay

from .builders import T0
from .fakes import SkuStore
from .order_builders import a_cart_for, a_sku, an_order, reservations_of
from .order_contract import CONTRACT, Harness
from .order_fakes import FakeExceptions, FakeOrders, FakeOutbox, RecordingPublisher


class FakeHarness:
    def __init__(self) -> None:
        self.store = SkuStore()
        self.repo = FakeOrders(self.store)

    def add_sku(self, code: str, on_hand: int) -> None:
        self.store.put_new(a_sku(code), on_hand)

    def add_cart(self, cart: Cart) -> None:
        self.repo.add_cart(cart)

    def level(self, code: str) -> tuple[int, int, int]:
        level = self.store.levels[code]
        return level.on_hand, level.reserved, level.available

    def ledger(self, code: str) -> list[tuple[str, int, int, str | None]]:
        entries = sorted(self.store.ledger.get(code, {}).values(), key=lambda e: e.id)
        return [(e.reason, e.on_hand_delta, e.reserved_delta, e.reference) for e in entries]

    def pending_event_ids(self) -> set[str]:
        return {e.id for e in self.repo.outbox.pending(1000)}

    def sales(self, day: date, code: str) -> tuple[int, int]:
        return self.repo.sku_sales.get((day, code), (0, 0))


@pytest.fixture
def harness() -> Harness:
    return FakeHarness()


@pytest.mark.parametrize("contract", CONTRACT, ids=lambda f: f.__name__.removeprefix("contract_"))
def test_fake_orders_keep_the_repository_contract(harness: Harness, contract: Callable[[Harness], None]) -> None:
    contract(harness)


def test_the_contract_is_not_empty():
    assert len(CONTRACT) >= 15


# --- what only the fake covers here (the moto variant would need coupons and promotions set up) ---
def placing(h: FakeHarness, customer: str, coupon=None, flash=()):
    order = an_order({"CU-1": 1}, customer_id=customer, at=T0, coupon_code=coupon.code if coupon else None)
    h.repo.add_cart(a_cart_for(order))
    h.repo.place(order, a_cart_for(order), reservations_of(order), coupon, list(flash), [])
    return order


def test_a_coupon_past_its_limits_is_usage_exhausted_and_a_cancel_gives_the_use_back():
    h = FakeHarness()
    h.add_sku("CU-1", 10)
    first = placing(h, "cus_a", CouponUse("TEN", "cus_a", usage_limit=2, per_customer_limit=1))

    with pytest.raises(CouponInvalid) as mine:
        placing(h, "cus_a", CouponUse("TEN", "cus_a", usage_limit=2, per_customer_limit=1))
    placing(h, "cus_b", CouponUse("TEN", "cus_b", usage_limit=2, per_customer_limit=1))
    with pytest.raises(CouponInvalid) as everyones:
        placing(h, "cus_c", CouponUse("TEN", "cus_c", usage_limit=2, per_customer_limit=1))

    assert mine.value.extra == everyones.value.extra == {"reason": "usage_exhausted"}
    assert h.level("CU-1") == (10, 2, 8)  # the refused ones reserved nothing
    h.repo.save(replace(first, status="cancelled"), OrderChange(release_stock=True))
    assert h.repo.coupon_used["TEN"] == 1 and h.repo.coupon_usage[("TEN", "cus_a")] == 0
    placing(h, "cus_c", CouponUse("TEN", "cus_c", usage_limit=2, per_customer_limit=1))


def test_flash_units_past_the_sale_or_the_customer_limit_are_flash_sale_unavailable():
    h = FakeHarness()
    h.add_sku("CU-1", 10)
    placing(h, "cus_a", flash=[FlashUse("fs_1", "cus_a", 2, quantity=3, per_customer_limit=2)])

    for customer, units in (("cus_a", 1), ("cus_b", 2)):
        with pytest.raises(Conflict) as raised:
            placing(h, customer, flash=[FlashUse("fs_1", customer, units, quantity=3, per_customer_limit=2)])
        assert raised.value.code == "flash_sale_unavailable"
    placing(h, "cus_b", flash=[FlashUse("fs_1", "cus_b", 1, quantity=3, per_customer_limit=2)])
    assert h.repo.flash_sold["fs_1"] == 3 and h.level("CU-1") == (10, 2, 8)


def test_a_stale_cart_version_is_cart_checked_out():
    h = FakeHarness()
    h.add_sku("CU-1", 10)
    order = an_order({"CU-1": 1}, at=T0)
    h.repo.add_cart(replace(a_cart_for(order), version=2))

    with pytest.raises(Conflict) as raised:
        h.repo.place(order, a_cart_for(order), reservations_of(order), None, [], [])

    assert raised.value.code == "cart_checked_out" and h.repo.get(order.id) is None


def test_the_relay_publishes_and_clears_the_outbox_and_leaves_it_when_publishing_fails():
    outbox, publisher = FakeOutbox(), RecordingPublisher()
    relay = EventRelay(outbox, publisher)
    order = an_order({"A": 1}, at=T0)
    events = [order_event("order.placed", order), new_event("stock.low", {"sku": "A"}, T0)]
    outbox.write(events)

    publisher.failing = True
    assert relay.relay(events) == 0 and len(outbox.pending(10)) == 2
    publisher.failing = False
    assert relay.sweep() == {"pending": 2, "published": 2}
    assert sorted(publisher.types()) == ["order.placed", "stock.low"] and outbox.pending(10) == []
    assert relay.sweep(limit=1) == {"pending": 0, "published": 0}


def test_exceptions_are_one_per_id_and_listed_by_status():
    exceptions = FakeExceptions()
    exception = OrderException("exc_1_x", "ord_1", "x", "open", "operations", "late", T0, T0)

    assert exceptions.add(exception) is True
    assert exceptions.add(replace(exception, detail="again")) is False
    exceptions.save(replace(exception, status="resolved"))
    assert exceptions.by_status("open", 10, None).items == []
    assert [e.detail for e in exceptions.by_status("resolved", 10, None).items] == ["late"]
