"""OrderChanges.change: a decision applied to the freshest order, retried when
another writer got there first (the version guard FakeOrders keeps)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chalicelib.domain.errors import Conflict
from chalicelib.domain.orders import Order, note, order_event
from chalicelib.services.ports import OrderChange

from .order_builders import OrderWorld
from .order_fakes import FakeOrders


class ContendedOrders(FakeOrders):
    """Another writer changes the order just before each of our next ``times`` saves."""

    times = 0

    def save(self, order: Order, change: OrderChange, previous: Order | None = None) -> Order:
        if self.times > 0:
            self.times -= 1
            current = self.orders[order.id]
            FakeOrders.save(self, note(current, current.updated_at, "staff_note", "staff:other"), OrderChange())
        return super().save(order, change)


def contended_world() -> tuple[OrderWorld, ContendedOrders]:
    w = OrderWorld()
    orders = ContendedOrders(w.store, w.outbox)
    w.changes.orders = orders
    w.orders = orders
    w.stock("A")
    return w, orders


def add_tag(tag: str):
    def decide(current: Order) -> tuple[Order, OrderChange]:
        return note(current, current.updated_at, "tag", "system", tag), OrderChange()

    return decide


def test_a_concurrent_change_is_retried_on_the_fresh_order_and_both_changes_stay():
    w, orders = contended_world()
    order = w.place({"A": 1})
    orders.times = 3  # three lost races, the fourth attempt lands

    saved = w.changes.change(order.id, add_tag("mine"))

    assert [e.type for e in saved.timeline] == ["placed"] + ["staff_note"] * 3 + ["tag"]
    assert w.get(order.id) == saved and saved.version == order.version + 4


def test_a_change_that_keeps_losing_the_race_gives_up_with_the_conflict():
    w, orders = contended_world()
    order = w.place({"A": 1})
    orders.times = 4

    with pytest.raises(Conflict) as raised:
        w.changes.change(order.id, add_tag("mine"))

    assert raised.value.code == "concurrent_update"
    assert "tag" not in [e.type for e in w.get(order.id).timeline]


def test_a_decision_of_nothing_to_do_writes_nothing():
    w, _ = contended_world()
    order = w.place({"A": 1})

    assert w.changes.change(order.id, lambda current: None) == order
    assert w.get(order.id) == order


def test_the_events_of_a_change_are_relayed_once_it_is_saved():
    w, _ = contended_world()
    order = w.place({"A": 1})  # its order.placed waits in the outbox for the relay schedule

    w.changes.change(
        order.id, lambda current: (replace(current), OrderChange(events=(order_event("order.paid", current),)))
    )

    assert w.publisher.types() == ["order.paid"]
    assert [e.type for e in w.outbox.pending(10)] == ["order.placed"]
