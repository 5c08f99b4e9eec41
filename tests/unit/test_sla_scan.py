"""The SLA scan over the in-memory fakes: orders held for review, kinds named by
what they measure with the configured hours, and exceptions recorded under the
old kind names honoured."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain.clock import FixedClock
from chalicelib.domain.errors import InvalidTransition
from chalicelib.domain.operations import LEGACY_KINDS, OrderException, current_kind, exception_id
from chalicelib.domain.orders import Order, transition
from chalicelib.services.operations import KINDS, OperationsService, SlaPolicy, breaches

from .builders import T0
from .order_builders import an_order
from .order_fakes import FakeExceptions, FakeOrders

HOUR = timedelta(hours=1)


def paid(at_hours: float = 1) -> Order:
    return transition(an_order({"TEA": 1}), "paid", T0 + at_hours * HOUR, "system")


def held(at_hours: float = 1) -> Order:
    return transition(paid(at_hours), "under_review", T0 + at_hours * HOUR, "system", "large_order")


def service(*orders: Order, policy: SlaPolicy | None = None) -> tuple[OperationsService, FakeExceptions]:
    repo, exceptions = FakeOrders(), FakeExceptions()
    for order in orders:
        repo.orders[order.id] = order
    return OperationsService(repo, exceptions, FixedClock(T0), policy or SlaPolicy()), exceptions


def test_an_order_held_for_review_breaches_confirmation_counted_from_placement() -> None:
    order = held(at_hours=3)  # paid three hours after it was placed
    assert breaches(order, SlaPolicy(), T0 + 23.9 * HOUR) == []
    [breach] = breaches(order, SlaPolicy(), T0 + 24 * HOUR)
    assert (breach.kind, breach.due_at, breach.deadline_hours) == ("not_confirmed", T0 + 24 * HOUR, 24)
    assert "review" in breach.detail and "24 h" in breach.detail
    assert breaches(order, SlaPolicy(), T0 + 100 * HOUR) == [breach]  # never "not shipped" while held


def test_a_held_order_gets_one_exception_however_often_the_scan_runs() -> None:
    order = held()
    operations, exceptions = service(order)
    assert operations.scan_slas(T0 + 25 * HOUR) == {"scanned": 1, "breaches": 1, "recorded": 1}
    assert operations.scan_slas(T0 + 26 * HOUR) == {"scanned": 1, "breaches": 1, "recorded": 0}
    [exception] = exceptions.by_id.values()
    assert exception.id == exception_id(order.id, "not_confirmed")
    assert (exception.kind, exception.owner_role, exception.deadline_hours) == ("not_confirmed", "operations", 24)


def test_the_kinds_carry_the_configured_hours() -> None:
    policy = SlaPolicy(confirm_within=6 * HOUR, ship_within=10 * HOUR, tracking_silence=12 * HOUR)
    found = {b.kind: b for b in breaches(paid(), policy, T0 + 20 * HOUR)}
    assert {k: (b.deadline_hours, b.due_at) for k, b in found.items()} == {
        "not_confirmed": (6, T0 + 7 * HOUR),
        "not_shipped": (10, T0 + 11 * HOUR),
    }
    assert "within 6 h" in found["not_confirmed"].detail and "within 10 h" in found["not_shipped"].detail
    shipped = transition(transition(paid(), "fulfilling", T0, "system"), "shipped", T0, "system")
    assert breaches(shipped, policy, T0 + 20 * HOUR) == []  # no shipment yet: no tracking clock
    assert set(KINDS) == {"not_confirmed", "not_shipped", "no_tracking_update"}


def old_exception(order: Order, old_kind: str, status: str = "open") -> OrderException:
    return OrderException(
        exception_id(order.id, old_kind), order.id, old_kind, status, "operations", "old", T0, T0
    )  # fmt: skip


@pytest.mark.parametrize("status", ["open", "resolved"])
def test_an_old_named_exception_covers_the_breach(status: str) -> None:
    order = paid()
    operations, exceptions = service(order)
    exceptions.add(old_exception(order, "not_confirmed_24h", status))
    assert operations.scan_slas(T0 + 30 * HOUR) == {"scanned": 1, "breaches": 1, "recorded": 0}
    assert operations.scan_slas(T0 + 50 * HOUR) == {"scanned": 1, "breaches": 2, "recorded": 1}
    assert sorted(exceptions.by_id) == sorted(
        [exception_id(order.id, "not_confirmed_24h"), exception_id(order.id, "not_shipped")]
    )


def test_old_named_exceptions_are_listed_and_resolved_as_the_new_kinds() -> None:
    order = paid()
    operations, exceptions = service(order)
    for old in LEGACY_KINDS:
        exceptions.add(old_exception(order, old))
    listed = operations.list("open", 10, None).items
    assert sorted(e.kind for e in listed) == ["no_tracking_update", "not_confirmed", "not_shipped"]
    old_id = exception_id(order.id, "not_shipped_48h")
    resolved = operations.resolve(old_id, "staff:k1", "shipped by hand")
    assert (resolved.id, resolved.kind, resolved.status) == (old_id, "not_shipped", "resolved")
    assert exceptions.by_id[old_id].status == "resolved"
    with pytest.raises(InvalidTransition):
        operations.resolve(old_id, "staff:k1", None)
    assert current_kind("refund_refused") == "refund_refused"


def test_stalled_tracking_tells_the_customer_once_with_the_exception() -> None:
    from dataclasses import replace

    from chalicelib.domain.orders import Shipment

    shipped = transition(transition(paid(), "fulfilling", T0, "system"), "shipped", T0 + HOUR, "system")
    shipped = replace(shipped, shipments=(Shipment("sf", "SF0001", {"TEA": 1}, T0 + HOUR),))
    relayed: list[list[object]] = []
    repo, exceptions = FakeOrders(), FakeExceptions()
    repo.orders[shipped.id] = shipped
    operations = OperationsService(repo, exceptions, FixedClock(T0), SlaPolicy(), relay=relayed.append)
    assert operations.scan_slas(T0 + 48.5 * HOUR)["recorded"] == 0
    assert operations.scan_slas(T0 + 49 * HOUR)["recorded"] == 1
    assert operations.scan_slas(T0 + 60 * HOUR)["recorded"] == 0
    [told] = exceptions.events
    assert told.type == "order.tracking_stalled" and told.occurred_at == T0 + 49 * HOUR
    assert (told.data["order_id"], told.data["customer_id"], told.data["hours"]) == (
        shipped.id,
        shipped.customer_id,
        48,
    )
    assert relayed == [[told]]
