"""The OrderRepository contract, as functions of a harness: run against FakeOrders
in the unit tier (test_order_fakes.py) and against DynamoOrders on moto in the
integration tier (tests/integration/test_order_repository_contract.py), so the
fake cannot drift from the adapter the services really use.

A harness has ``repo`` (the OrderRepository) and sets up and reads what the
orders touch: ``add_sku(code, on_hand)``, ``add_cart(cart)``, ``level(code)``
(on_hand, reserved, available), ``ledger(code)`` ((reason, on_hand_delta,
reserved_delta, reference) oldest first) and ``pending_event_ids()``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

import pytest

from chalicelib.domain.carts import Cart
from chalicelib.domain.error_codes import CommonErrorCode
from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.domain.ids import time_prefix, ulid
from chalicelib.domain.orders import Order, Shipment, order_event, transition
from chalicelib.domain.refunds import PENDING_GRACE, Refund
from chalicelib.services.ports import OrderChange, OrderRepository, Reservation

from .order_builders import a_cart_for, an_order, reservations_of

# Whole seconds: what every adapter stores exactly.
NOW = datetime.now(UTC).replace(microsecond=0)
_customers = iter(range(1, 10_000))


class Harness(Protocol):
    repo: OrderRepository

    def add_sku(self, code: str, on_hand: int) -> None: ...
    def add_cart(self, cart: Cart) -> None: ...
    def level(self, code: str) -> tuple[int, int, int]: ...
    def ledger(self, code: str) -> list[tuple[str, int, int, str | None]]: ...
    def pending_event_ids(self) -> set[str]: ...
    def sales(self, day: date, code: str) -> tuple[int, int]: ...  # (units, revenue) of the SKU that day


def placed(h: Harness, lines: dict[str, int], **kw: Any) -> Order:
    """An order placed through the repository (its cart added first, one customer per order)."""
    kw.setdefault("customer_id", f"cus_c{next(_customers)}")
    kw.setdefault("at", NOW)
    order = an_order(lines, **kw)
    h.add_cart(a_cart_for(order))
    h.repo.place(order, a_cart_for(order), reservations_of(order), None, [], [order_event("order.placed", order)])
    return order


def moved(h: Harness, order: Order, to: str, change: OrderChange | None = None, **fields: Any) -> Order:
    """The stored order moved to ``to`` and saved (version-guarded)."""
    current = h.repo.get(order.id)
    assert current is not None
    updated = replace(transition(current, to, current.updated_at, "system"), **fields)
    return h.repo.save(updated, change or OrderChange(), current)  # as the services save: with the order read


# --- place -----------------------------------------------------------------------------------
def contract_place_reserves_stock_and_writes_order_ledger_and_event(h: Harness) -> None:
    h.add_sku("P-1", 5)
    order = an_order({"P-1": 2}, customer_id=f"cus_c{next(_customers)}", at=NOW)
    h.add_cart(a_cart_for(order))
    placed_event = order_event("order.placed", order)

    h.repo.place(order, a_cart_for(order), reservations_of(order), None, [], [placed_event])

    assert h.repo.get(order.id) == order
    assert h.level("P-1") == (5, 2, 3)
    assert h.ledger("P-1") == [("reserved", 0, 2, order.id)]
    assert placed_event.id in h.pending_event_ids()


def contract_a_cart_is_checked_out_once(h: Harness) -> None:
    h.add_sku("P-2", 5)
    order = placed(h, {"P-2": 1})
    again = an_order({"P-2": 1}, customer_id=order.customer_id, cart_id=order.cart_id, at=NOW)

    with pytest.raises(Conflict) as raised:
        h.repo.place(again, a_cart_for(again), reservations_of(again), None, [], [])

    assert raised.value.code == "cart_checked_out"
    assert h.repo.get(again.id) is None and h.level("P-2") == (5, 1, 4)


def contract_out_of_stock_names_the_short_skus_and_writes_nothing(h: Harness) -> None:
    h.add_sku("S-1", 5)
    h.add_sku("S-2", 1)
    h.add_sku("S-3", 1)
    pending_before = h.pending_event_ids()
    order = an_order({"S-1": 2, "S-3": 2, "S-2": 2}, customer_id=f"cus_c{next(_customers)}", at=NOW)
    h.add_cart(a_cart_for(order))

    with pytest.raises(Conflict) as raised:
        h.repo.place(order, a_cart_for(order), reservations_of(order), None, [], [order_event("order.placed", order)])

    assert (raised.value.code, raised.value.extra) == ("out_of_stock", {"skus": ["S-2", "S-3"]})
    assert h.repo.get(order.id) is None
    assert [h.level(c) for c in ("S-1", "S-2", "S-3")] == [(5, 0, 5), (1, 0, 1), (1, 0, 1)]
    assert h.ledger("S-1") == [] and h.pending_event_ids() == pending_before
    # the cart is untouched: the same cart checks out what there is
    smaller = an_order({"S-1": 2}, customer_id=order.customer_id, cart_id=order.cart_id, at=NOW)
    h.repo.place(smaller, a_cart_for(smaller), reservations_of(smaller), None, [], [])
    assert h.level("S-1") == (5, 2, 3)


def contract_a_level_guard_that_no_longer_holds_is_concurrent_update(h: Harness) -> None:
    h.add_sku("G-1", 5)
    order = an_order({"G-1": 1}, customer_id=f"cus_c{next(_customers)}", at=NOW)
    h.add_cart(a_cart_for(order))
    guarded = [Reservation(line.product_id, line.sku, line.quantity, (None, 3)) for line in order.lines]

    with pytest.raises(Conflict) as raised:
        h.repo.place(order, a_cart_for(order), guarded, None, [], [])

    assert raised.value.code == "concurrent_update"
    assert h.repo.get(order.id) is None and h.level("G-1") == (5, 0, 5)


# --- save ------------------------------------------------------------------------------------
def contract_save_is_guarded_by_the_version(h: Harness) -> None:
    h.add_sku("V-1", 5)
    order = placed(h, {"V-1": 1})

    saved = h.repo.save(replace(order, shipping_address={"city": "Ningbo"}), OrderChange())
    assert saved.version == order.version + 1 == h.repo.get(order.id).version

    with pytest.raises(Conflict) as raised:
        h.repo.save(replace(order, shipping_address={"city": "Stale"}), OrderChange())
    assert raised.value.code == "concurrent_update"
    assert h.repo.get(order.id).shipping_address == {"city": "Ningbo"}


def contract_a_webhook_event_applies_once(h: Harness) -> None:
    h.add_sku("W-1", 5)
    order = placed(h, {"W-1": 1})
    once = moved(h, order, "paid", OrderChange(webhook_event_id="evt_w1"))

    with pytest.raises(Conflict) as raised:
        h.repo.save(replace(once, payment_status="disputed"), OrderChange(webhook_event_id="evt_w1"))

    assert raised.value.code == "duplicate_event"
    assert h.repo.get(order.id) == once
    assert h.repo.record_ignored_event("evt_w1", NOW) is False  # one record of events seen
    # another provider's ids are its own
    assert h.repo.save(once, OrderChange(webhook_event_id="evt_w1", event_provider="logistics:sf")).version == 3


def contract_an_ignored_event_is_recorded_once_per_provider(h: Harness) -> None:
    assert h.repo.record_ignored_event("evt_i1", NOW) is True
    assert h.repo.record_ignored_event("evt_i1", NOW) is False
    assert h.repo.record_ignored_event("evt_i1", NOW, provider="logistics:sf") is True


def contract_release_returns_every_line_to_available(h: Harness) -> None:
    h.add_sku("R-1", 5)
    h.add_sku("R-2", 3)
    order = placed(h, {"R-1": 2, "R-2": 3})
    assert (h.level("R-1"), h.level("R-2")) == ((5, 2, 3), (3, 3, 0))

    moved(h, order, "cancelled", OrderChange(release_stock=True))

    assert (h.level("R-1"), h.level("R-2")) == ((5, 0, 5), (3, 0, 3))
    assert h.ledger("R-2")[-1] == ("released", 0, -3, order.id)


def contract_shipping_moves_on_hand_and_reserved_down(h: Harness) -> None:
    h.add_sku("SH-1", 5)
    order = placed(h, {"SH-1": 3})
    fulfilling = moved(h, moved(h, order, "paid"), "fulfilling", OrderChange(fulfillment_status="awaiting_shipment"))
    part = replace(fulfilling, shipments=(Shipment("sf", "T1", {"SH-1": 1}, NOW),))

    shipped = h.repo.save(part, OrderChange(ship=(Reservation("prod_sh-1", "SH-1", 1),), tracking=("sf", "T1")))

    assert h.level("SH-1") == (4, 2, 2)
    assert h.ledger("SH-1")[-1] == ("shipped", -1, -1, order.id)
    assert h.repo.order_id_for_tracking("sf", "T1") == order.id
    with pytest.raises(Conflict) as raised:  # more than is reserved
        h.repo.save(shipped, OrderChange(ship=(Reservation("prod_sh-1", "SH-1", 3),)))
    assert raised.value.code == "reservation_mismatch"
    assert h.level("SH-1") == (4, 2, 2) and h.repo.get(order.id).version == shipped.version


def contract_a_tracking_number_points_at_one_order(h: Harness) -> None:
    h.add_sku("T-1", 5)
    first, second = placed(h, {"T-1": 1}), placed(h, {"T-1": 1})
    h.repo.save(first, OrderChange(tracking=("sf", "T9")))

    with pytest.raises(Conflict) as raised:
        h.repo.save(second, OrderChange(tracking=("sf", "T9")))

    assert raised.value.code == "tracking_number_taken"
    assert h.repo.get(second.id).version == second.version


def contract_fulfillment_starts_once_and_is_listed_by_status(h: Harness) -> None:
    h.add_sku("F-1", 5)
    order = moved(h, placed(h, {"F-1": 1}), "paid")
    started = moved(h, order, "fulfilling", OrderChange(fulfillment_status="awaiting_shipment"))

    with pytest.raises(Conflict) as raised:
        h.repo.save(started, OrderChange(fulfillment_status="awaiting_shipment"))

    assert raised.value.code == "duplicate_fulfillment"
    listed = h.repo.fulfillments("awaiting_shipment", 10, None).items
    assert [(r["order_id"], r["status"]) for r in listed] == [(order.id, "awaiting_shipment")]


# --- reads -------------------------------------------------------------------------------------
def contract_due_unpaid_is_oldest_due_first_bounded_by_time_and_limit(h: Harness) -> None:
    h.add_sku("D-1", 10)
    third = placed(h, {"D-1": 1}, window=timedelta(minutes=50))
    first = placed(h, {"D-1": 1}, window=timedelta(minutes=10))
    second = placed(h, {"D-1": 1}, window=timedelta(minutes=30))
    paid = moved(h, placed(h, {"D-1": 1}, window=timedelta(minutes=5)), "paid")

    ids: Callable[[list[Order]], list[str]] = lambda orders: [o.id for o in orders]  # noqa: E731
    assert ids(h.repo.due_unpaid(NOW + timedelta(minutes=30), 10)) == [first.id, second.id]  # due at: inclusive
    assert ids(h.repo.due_unpaid(NOW + timedelta(hours=1), 2)) == [first.id, second.id]
    assert ids(h.repo.due_unpaid(NOW + timedelta(hours=1), 10)) == [first.id, second.id, third.id]
    assert ids(h.repo.due_unpaid(NOW + timedelta(minutes=9), 10)) == []
    assert paid.id not in ids(h.repo.due_unpaid(NOW + timedelta(hours=1), 10))


def contract_due_refund_lists_orders_with_a_refund_still_owed(h: Harness) -> None:
    """A failed refund is due again at once, a pending one (its answer lost) once
    PENDING_GRACE has passed; a succeeded or refused one never."""
    h.add_sku("RF-1", 10)

    def with_refund(status: str, at: datetime) -> Order:
        order = moved(h, placed(h, {"RF-1": 1}), "paid", amount_paid=10000, payment_intent_id="pi_c1")
        refund = Refund(f"rf_{status}_{order.id}", order.id, 10000, status, "cancelled", "cancelled", at, updated_at=at)
        return moved(h, order, "cancelled", OrderChange(release_stock=True), refunds=(refund,))

    failed = with_refund("failed", NOW)
    pending = with_refund("pending", NOW - timedelta(minutes=1))
    with_refund("succeeded", NOW - timedelta(hours=1))
    with_refund("refused", NOW - timedelta(hours=1))
    moved(h, placed(h, {"RF-1": 1}), "cancelled", OrderChange(release_stock=True))  # never paid

    assert [o.id for o in h.repo.due_refund(NOW, 10)] == [failed.id]
    assert h.repo.due_refund(NOW - timedelta(seconds=1), 10) == []
    later = NOW - timedelta(minutes=1) + PENDING_GRACE
    assert [o.id for o in h.repo.due_refund(later, 10)] == [failed.id, pending.id]
    assert [o.id for o in h.repo.due_refund(later, 1)] == [failed.id]


def contract_sales_count_the_lines_or_the_units_a_change_names(h: Harness) -> None:
    """Paid: every line counted. A refund of some units takes those off (with the
    amount refunded); a cancellation after it takes off only what is still counted."""
    h.add_sku("SU-1", 10)
    day = date(2026, 11, 22)
    order = moved(h, placed(h, {"SU-1": 3}), "paid", OrderChange(sales_day=day), amount_paid=30000)
    assert h.sales(day, "SU-1") == (3, 30000)

    current = h.repo.get(order.id)
    assert current is not None
    refunded = OrderChange(sales_day=day, sales_sign=-1, sales_units={"SU-1": (1, 10000)})
    h.repo.save(replace(current, amount_refunded=10000), refunded)
    assert h.sales(day, "SU-1") == (2, 20000)

    rest = OrderChange(release_stock=True, sales_day=day, sales_sign=-1, sales_units={"SU-1": (2, 20000)})
    moved(h, order, "cancelled", rest)
    assert h.sales(day, "SU-1") == (0, 0)


def contract_due_completion_is_a_week_after_delivery(h: Harness) -> None:
    h.add_sku("C-1", 10)
    order = moved(h, moved(h, placed(h, {"C-1": 1}), "paid"), "fulfilling")
    delivered = moved(h, moved(h, order, "shipped"), "delivered", delivered_at=NOW)

    assert h.repo.due_completion(NOW + timedelta(days=7) - timedelta(seconds=1), 10) == []
    assert [o.id for o in h.repo.due_completion(NOW + timedelta(days=7), 10)] == [delivered.id]
    moved(h, delivered, "completed")
    assert h.repo.due_completion(NOW + timedelta(days=8), 10) == []


def contract_due_settlement_is_a_week_after_completion(h: Harness) -> None:
    h.add_sku("ST-1", 10)
    order = moved(h, placed(h, {"ST-1": 1}), "paid", amount_paid=10000)
    order = moved(h, moved(h, moved(h, order, "fulfilling"), "shipped"), "completed")
    moved(h, placed(h, {"ST-1": 1}), "cancelled", OrderChange(release_stock=True))  # never paid: nothing to settle
    settle = h.repo.due_settlement  # type: ignore[attr-defined]  # the settlement service's, not on the port

    assert settle(NOW + timedelta(days=7) - timedelta(seconds=1), 10) == []
    assert [o.id for o in settle(NOW + timedelta(days=7), 10)] == [order.id]


def contract_payment_intents_point_at_their_order(h: Harness) -> None:
    h.add_sku("PI-1", 5)
    order = placed(h, {"PI-1": 1})
    assert h.repo.order_id_for_payment_intent("pi_contract") is None

    h.repo.set_payment_intent(order.id, "pi_contract")
    h.repo.set_payment_intent(order.id, "pi_contract")  # the same again is fine

    assert h.repo.order_id_for_payment_intent("pi_contract") == order.id
    stored = h.repo.get(order.id)
    assert (stored.payment_intent_id, stored.version) == ("pi_contract", order.version)


def contract_a_payment_intent_needs_its_order_and_only_one(h: Harness) -> None:
    h.add_sku("PI-2", 5)
    order = placed(h, {"PI-2": 1})
    h.repo.set_payment_intent(order.id, "pi_first")

    with pytest.raises(Conflict) as other:
        h.repo.set_payment_intent(order.id, "pi_second")
    with pytest.raises(NotFound):
        h.repo.set_payment_intent("ord_nobody", "pi_third")

    assert other.value.code == CommonErrorCode.CONCURRENT_UPDATE
    assert h.repo.get(order.id).payment_intent_id == "pi_first"
    assert h.repo.get("ord_nobody") is None  # no partial order was written
    assert [h.repo.order_id_for_payment_intent(p) for p in ("pi_second", "pi_third")] == [None, None]


def an_id_at(at: datetime) -> str:
    """An order id made at ``at``, as checkout makes them (ids are monotonic in a
    process, so a test that made one in the future would otherwise move every later one)."""
    return "ord_" + time_prefix(int(at.timestamp() * 1000)) + ulid()[10:]


def contract_listings_are_newest_first_and_count_recent_orders(h: Harness) -> None:
    h.add_sku("L-1", 10)
    earlier = NOW - timedelta(minutes=10)
    a = placed(h, {"L-1": 1}, customer_id="cus_list", id=an_id_at(earlier), at=earlier)
    b = moved(h, a, "paid")
    h.add_cart(replace(a_cart_for(a), id="cart_l2"))  # the customer's next cart
    c = an_order({"L-1": 1}, id=an_id_at(NOW), customer_id="cus_list", cart_id="cart_l2", at=NOW)
    h.repo.place(c, a_cart_for(c), reservations_of(c), None, [], [])

    assert [o.id for o in h.repo.for_customer("cus_list", 10, None).items] == [c.id, b.id]
    first = h.repo.for_customer("cus_list", 1, None)
    assert [o.id for o in h.repo.for_customer("cus_list", 1, first.next_position).items] == [b.id]
    assert c.id in [o.id for o in h.repo.by_status("pending_payment", 100, None).items]
    assert b.id in [o.id for o in h.repo.by_status("paid", 100, None, oldest_first=True).items]
    assert h.repo.count_since("cus_list", NOW - timedelta(hours=1)) == 2
    assert h.repo.count_since("cus_list", NOW - timedelta(minutes=5)) == 1
    assert h.repo.count_since("cus_list", NOW + timedelta(hours=1)) == 0


def contract_a_status_list_pages_in_order_and_follows_the_status(h: Harness) -> None:
    """Orders by status, pages of 2 both ways with the cursor; an order leaves its old
    status's list when it moves, with or without the order read passed to the save."""
    h.add_sku("SL-1", 10)
    status = "under_review"  # no other contract leaves an order in it
    start = NOW - timedelta(minutes=30)
    orders = []
    for n in range(5):
        at = start + timedelta(minutes=n)
        orders.append(moved(h, moved(h, placed(h, {"SL-1": 1}, id=an_id_at(at), at=at), "paid"), status))
    ids = [o.id for o in orders]

    def pages(oldest_first: bool) -> list[list[str]]:
        found: list[list[str]] = []
        after = None
        while True:
            page = h.repo.by_status(status, 2, after, oldest_first=oldest_first)
            found.append([o.id for o in page.items])
            if page.next_position is None:
                return found
            after = page.next_position

    assert sum(pages(True), []) == ids
    assert sum(pages(False), []) == ids[::-1]
    assert [len(p) for p in pages(True)][:3] == [2, 2, 1]

    moved(h, orders[1], "paid")  # approved: back, saved with the order read
    current = h.repo.get(ids[3])
    assert current is not None
    h.repo.save(transition(current, "paid", current.updated_at, "system"), OrderChange())  # without it
    assert [o.id for o in h.repo.by_status(status, 10, None, oldest_first=True).items] == [ids[0], ids[2], ids[4]]
    listed_paid = [o.id for o in h.repo.by_status("paid", 100, None).items]
    assert ids[1] in listed_paid and ids[3] in listed_paid


def contract_a_change_that_keeps_the_status_keeps_the_listings(h: Harness) -> None:
    """A save that changes neither status nor due time (a note, a tracking update)
    leaves the order listed where it was, its customer's, status's and due queue's."""
    h.add_sku("SK-1", 10)
    order = placed(h, {"SK-1": 1}, window=timedelta(minutes=5))
    current = h.repo.get(order.id)
    assert current is not None
    noted = replace(current, risk_reasons=("manual_check",))
    h.repo.save(noted, OrderChange(), current)

    assert h.repo.get(order.id).risk_reasons == ("manual_check",)
    assert [o.id for o in h.repo.for_customer(order.customer_id, 10, None).items] == [order.id]
    assert order.id in [o.id for o in h.repo.by_status("pending_payment", 100, None).items]
    assert order.id in [o.id for o in h.repo.due_unpaid(NOW + timedelta(minutes=5), 100)]


CONTRACT = [f for name, f in sorted(globals().items()) if name.startswith("contract_")]
