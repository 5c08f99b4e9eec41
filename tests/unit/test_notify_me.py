"""Notify-me over in-memory fakes: only while sold out, once per customer and SKU,
and a restock tells each subscriber once even when the event comes twice."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.catalog import Sku, StockLevel
from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.services.notify_me import NotifyMeService
from chalicelib.services.planning_ports import Subscription


class Clock:
    def now(self) -> datetime:
        return datetime(2026, 12, 1, tzinfo=UTC)


class Stock:
    def __init__(self) -> None:
        self.levels = {"S1": 0}

    def get(self, code):
        if code not in self.levels:
            return None
        return Sku(code, "prod_1", {}, 100, None, None, 10, 0), StockLevel(self.levels[code], 0)


class Subscriptions:
    def __init__(self) -> None:
        self.items: dict[tuple[str, str], Subscription] = {}

    def subscribe(self, s):
        return self.items.setdefault((s.customer_id, s.sku), s)

    def waiting(self, sku, limit):
        return [s for s in self.items.values() if s.sku == sku][:limit]

    def done(self, s):
        if self.items.get((s.customer_id, s.sku)) == s:
            del self.items[(s.customer_id, s.sku)]


@pytest.fixture
def world():
    stock, subs, told = Stock(), Subscriptions(), []
    sent: set[str] = set()

    def notify(event):  # the notifications service sends once per source id
        if event.id not in sent:
            sent.add(event.id)
            told.append((event.data["customer_id"], event.type))

    return NotifyMeService(subs, stock, notify, Clock()), stock, subs, told


def test_subscribing_is_once_per_customer_and_only_when_sold_out(world):
    service, stock, subs, _ = world
    first, new = service.subscribe("cus_1", "prod_1", "S1")
    again, new_again = service.subscribe("cus_1", "prod_1", "S1")
    assert new and not new_again and again.id == first.id and len(subs.items) == 1
    with pytest.raises(NotFound):
        service.subscribe("cus_1", "prod_2", "S1")  # not that product's SKU
    stock.levels["S1"] = 2
    with pytest.raises(Conflict) as refused:
        service.subscribe("cus_2", "prod_1", "S1")
    assert refused.value.code == "not_sold_out"


def test_a_restock_tells_each_subscriber_once(world):
    service, stock, subs, told = world
    for customer in ("cus_1", "cus_2", "cus_3"):
        service.subscribe(customer, "prod_1", "S1")
    assert service.restocked("S1") == "not_available"  # still sold out: nobody told
    stock.levels["S1"] = 4
    assert service.restocked("S1") == "told:3"
    assert service.restocked("S1") == "told:0"  # the event delivered again
    assert sorted(told) == [("cus_1", "back_in_stock"), ("cus_2", "back_in_stock"), ("cus_3", "back_in_stock")]
    assert subs.items == {}


def test_subscriptions_still_listed_after_they_were_told_end_the_run(world):
    service, stock, subs, told = world
    service.subscribe("cus_1", "prod_1", "S1")
    stale = list(subs.items.values())
    subs.waiting = lambda sku, limit: stale  # the index still shows the deleted subscription
    stock.levels["S1"] = 1
    assert service.restocked("S1") == "told:1" and len(told) == 1
