"""Overlapping runs of the daily and weekly jobs against DynamoDB Local (moto's
in-memory engine is not safe under concurrent transactions): four runs at once
settle each order once, charge a membership renewal once, write one set of
ABC classes and record each SLA breach once. Payments go through the fake gateway (localstripe is covered by
test_membership_system.py); everything else is real: HTTP, the app, DynamoDB Local."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from tests.integration.test_abc_api import classes, classify, shop
from tests.integration.test_membership_api import a_plan, member, period_end, renew
from tests.integration.test_settlement_api import completed, day_of, settle
from tests.integration.test_sla_api import open_exceptions, scan
from tests.integration.test_sla_api import paid_order as paid_single
from tests.payments import FakeGateway, paid_order
from tests.support import ADMIN, sku_body


@pytest.fixture
def gateway(api) -> FakeGateway:
    from chalicelib.bootstrap import get_container

    fake = FakeGateway()
    container = get_container()
    container.orders.gateway = fake
    container.memberships.gateway = fake
    container.settlements.payments = fake
    return fake


def at_once(fn, n=4):
    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(lambda _: fn(), range(n)))


def test_overlapping_settlement_runs_settle_each_order_once(api, gateway):
    category = api.category()
    api.product(category["id"], skus=[sku_body("BO-1", price=10000, stock=50)])
    ids = {completed(api, gateway, "BO-1")[0] for _ in range(3)}
    summaries = at_once(lambda: settle(api, 9))
    assert sum(s["settled"] for s in summaries) == 3
    statement = api.get(f"/admin/settlements/{day_of(9)}", headers=ADMIN).body
    assert {line["order_id"] for line in statement["lines"]} == ids and statement["line_count"] == 3
    assert statement["net"]["amount"] == 3 * (10000 - 60)
    assert sum(s["settled"] for s in at_once(lambda: settle(api, 9))) == 0
    again = api.get(f"/admin/settlements/{day_of(9)}", headers=ADMIN).body
    assert {**again, "generated_at": None} == {**statement, "generated_at": None}  # regenerated, unchanged


def test_overlapping_renewal_runs_charge_once(api, gateway):
    plan = a_plan(api)
    me = member(api, gateway, plan["id"])
    end = period_end(api, me)
    renew(api, end - timedelta(days=2))  # the reminder
    summaries = at_once(lambda: renew(api, end - timedelta(hours=1)))
    assert sum(s.get("renewed", 0) for s in summaries) == 1
    assert len(gateway.off_session_calls) == 1
    assert api.get("/me/membership", headers=me).body["period"] == 2


def test_overlapping_abc_runs_write_the_same_classes(api, gateway):
    shop(api)
    paid_order(api, gateway, {"ABC-A": 2, "ABC-B": 1})
    first = classify(api, 1)
    assert all(s == first for s in at_once(lambda: classify(api, 1), 3))
    assert classes(api, "ABC-A", "ABC-B") == {"ABC-A": "A", "ABC-B": "B"}


def test_overlapping_sla_scans_record_each_breach_once(api, gateway):
    category = api.category()
    api.product(category["id"], skus=[sku_body("BO-SLA", stock=10)])
    orders = {paid_single(api, gateway, "BO-SLA") for _ in range(3)}
    summaries = at_once(lambda: scan(api, 25))
    assert sum(s["recorded"] for s in summaries) == 3
    assert {order for order, kind in open_exceptions(api) if kind == "not_confirmed_24h"} == orders
    assert sum(s["recorded"] for s in at_once(lambda: scan(api, 25))) == 0
