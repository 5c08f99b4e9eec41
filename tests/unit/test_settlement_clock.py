"""The settlement clock (domain/settlement.py): T+N from the payment on the
``paid`` basis, N days after completion on ``completed``; the settlement queue
is filed at the earliest of the two, so it does not depend on the basis."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from chalicelib.domain.orders import Order, transition
from chalicelib.domain.settlement import SettlementPolicy, paid_at, settlement_due, settlement_filed_at
from chalicelib.settings import ConfigurationError, load_settings
from tests.unit.order_builders import T0, an_order

PAID = SettlementPolicy(days=7, basis="paid")
COMPLETED = SettlementPolicy(days=7, basis="completed")


def through(order: Order, *steps: tuple[str, int]) -> Order:
    """The order moved through (status, days after T0) steps."""
    for status, days in steps:
        order = transition(order, status, T0 + timedelta(days=days), "system")
    return order


def paid_order() -> Order:
    return replace(through(an_order({"A": 1}), ("paid", 1)), amount_paid=10000)


def test_on_the_paid_basis_an_order_falls_due_n_days_after_payment_whatever_its_status():
    order = paid_order()
    assert paid_at(order) == T0 + timedelta(days=1)
    for steps in ((), (("fulfilling", 1),), (("fulfilling", 1), ("shipped", 2), ("delivered", 3))):
        assert settlement_due(through(order, *steps), PAID) == T0 + timedelta(days=8)
    done = through(order, ("fulfilling", 1), ("shipped", 2), ("completed", 5))
    assert settlement_due(done, PAID) == T0 + timedelta(days=8)
    assert settlement_due(done, SettlementPolicy(days=0, basis="paid")) == T0 + timedelta(days=1)
    assert settlement_due(through(order, ("under_review", 1)), PAID) is None  # held while reviewed
    assert settlement_due(through(order, ("under_review", 1), ("paid", 2)), PAID) == T0 + timedelta(days=8)


def test_on_the_completed_basis_an_order_falls_due_n_days_after_completion():
    order = through(paid_order(), ("fulfilling", 1), ("shipped", 2))
    assert settlement_due(order, COMPLETED) is None
    done = through(order, ("completed", 5))
    assert settlement_due(done, COMPLETED) == T0 + timedelta(days=12)
    assert settlement_due(done, SettlementPolicy(days=30, basis="completed")) == T0 + timedelta(days=35)


def test_either_basis_settles_a_cancelled_order_once_closed_and_refunds_after_settlement():
    cancelled = replace(through(paid_order(), ("cancelled", 2)), amount_refunded=10000)
    for policy in (PAID, COMPLETED):
        assert settlement_due(cancelled, policy) == T0 + timedelta(days=2)
    settled = replace(through(paid_order(), ("fulfilling", 1), ("shipped", 2)), settled_on="2026-01-09")
    assert settlement_due(settled, PAID) is None and settlement_due(settled, COMPLETED) is None
    refunded = replace(settled, amount_refunded=2500, updated_at=T0 + timedelta(days=10))
    assert settlement_due(refunded, PAID) == settlement_due(refunded, COMPLETED) == T0 + timedelta(days=10)
    assert settlement_due(replace(an_order({"A": 1}), status="cancelled"), PAID) is None  # never paid


def test_the_queue_is_filed_at_the_earliest_due_of_either_basis():
    shipped = through(paid_order(), ("fulfilling", 1), ("shipped", 2))
    assert settlement_filed_at(shipped, 7) == T0 + timedelta(days=8)
    assert settlement_filed_at(through(shipped, ("completed", 9)), 7) == T0 + timedelta(days=8)
    assert settlement_filed_at(an_order({"A": 1}), 7) is None


def test_the_settlement_settings_have_defaults_and_are_validated(monkeypatch):
    for name in ("COMMERCE_SETTLEMENT_DAYS", "COMMERCE_SETTLEMENT_BASIS", "COMMERCE_AUTO_COMPLETE_DAYS"):
        monkeypatch.delenv(name, raising=False)
    s = load_settings()
    assert (s.settlement_days, s.settlement_basis, s.auto_complete_days) == (7, "paid", 7)
    monkeypatch.setenv("COMMERCE_SETTLEMENT_BASIS", "Completed")
    monkeypatch.setenv("COMMERCE_SETTLEMENT_DAYS", "0")
    assert (load_settings().settlement_basis, load_settings().settlement_days) == ("completed", 0)
    for name, bad in (
        ("COMMERCE_SETTLEMENT_DAYS", "61"),
        ("COMMERCE_SETTLEMENT_DAYS", "-1"),
        ("COMMERCE_SETTLEMENT_BASIS", "shipped"),
        ("COMMERCE_AUTO_COMPLETE_DAYS", "0"),
    ):
        monkeypatch.setenv(name, bad)
        with pytest.raises(ConfigurationError, match=name):
            load_settings()
        monkeypatch.delenv(name)


def test_an_open_after_sale_request_holds_the_first_settlement_but_not_an_adjustment():
    delivered = through(paid_order(), ("fulfilling", 1), ("shipped", 2), ("delivered", 3))
    waiting = replace(delivered, open_after_sales=("as_1",))
    for policy in (PAID, COMPLETED):
        assert settlement_due(waiting, policy) is None
    assert settlement_filed_at(waiting, 7) is None  # off the settlement queue until the request ends
    assert settlement_due(replace(waiting, open_after_sales=()), PAID) == T0 + timedelta(days=8)
    settled = replace(waiting, settled_on="2026-01-09", amount_refunded=2500, updated_at=T0 + timedelta(days=10))
    assert settlement_due(settled, PAID) == T0 + timedelta(days=10)  # a refund already made is carried
