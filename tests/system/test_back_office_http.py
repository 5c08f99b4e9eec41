"""Overlapping runs of the daily and weekly jobs against DynamoDB Local (moto's
in-memory engine is not safe under concurrent transactions): four runs at once
settle each order once, charge a membership renewal once, write one set of
ABC classes, record each SLA breach once, cancel each unpaid order once (its
stock returned once), complete each delivered order once, list a scheduled
product once and retry an owed refund under one idempotency key. Payments go through the fake gateway (localstripe is covered by
test_membership_system.py); everything else is real: HTTP, the app, DynamoDB Local."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.bootstrap import get_container
from tests.integration.test_abc_api import classes, classify, shop
from tests.integration.test_membership_api import a_plan, member, period_end, renew
from tests.integration.test_settlement_api import completed, day_of, settle
from tests.integration.test_sla_api import open_exceptions, scan
from tests.integration.test_sla_api import paid_order as paid_single
from tests.payments import ADDRESS, FakeGateway, paid_order
from tests.support import ADMIN, iso, sku_body, use_gateway


@pytest.fixture
def gateway(api) -> FakeGateway:
    from chalicelib.bootstrap import get_container

    fake = FakeGateway()
    container = get_container()
    use_gateway(container, fake)
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
    assert again == statement  # four overlapping reruns that settle nothing leave it untouched


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
    assert {order for order, kind in open_exceptions(api) if kind == "not_confirmed"} == orders
    assert sum(s["recorded"] for s in at_once(lambda: scan(api, 25))) == 0


def job(api, name, as_of=None):
    body = {"as_of": iso(as_of)} if as_of is not None else {}
    r = api.post(f"/admin/jobs/{name}/runs", body, headers=ADMIN)
    assert r.status == 200, r.body
    return r.body["summary"]


def test_overlapping_unpaid_order_sweeps_cancel_each_order_once(api, gateway):
    category = api.category()
    api.product(category["id"], skus=[sku_body("BO-U", stock=10)])
    for _ in range(3):
        _, token = api.customer()
        me = {"Authorization": f"Bearer {token}"}
        cart = api.post("/carts", headers=me).body["id"]
        api.post(f"/carts/{cart}/items", {"sku": "BO-U", "quantity": 2}, headers=me)
        r = api.post(
            "/checkout", {"cart_id": cart, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": cart}
        )
        assert r.status == 201, r.body
    assert api.get("/admin/inventory/BO-U", headers=ADMIN).body["available"] == 4
    late = datetime.now(UTC) + timedelta(minutes=31)
    summaries = at_once(lambda: job(api, "release_unpaid_orders", late))
    assert sum(s["cancelled"] for s in summaries) == 3
    assert sum(s["cancelled"] for s in at_once(lambda: job(api, "release_unpaid_orders", late))) == 0
    stock = api.get("/admin/inventory/BO-U", headers=ADMIN).body
    assert (stock["on_hand"], stock["reserved"], stock["available"]) == (10, 0, 10)  # returned once, not twice


def test_overlapping_auto_completion_completes_each_order_once(api, gateway):
    category = api.category()
    api.product(category["id"], skus=[sku_body("BO-C", stock=10)])
    orders = get_container().fulfillment
    ids = set()
    for _ in range(2):
        order_id, _, _ = paid_order(api, gateway, {"BO-C": 1})
        orders.start_fulfillment(order_id)
        tracking = f"SF{order_id[-10:]}"
        orders.ship(order_id, "sf", tracking, None, "staff:test")
        delivered = {"event_id": f"{tracking}-d", "carrier": "sf", "tracking_number": tracking, "status": "delivered"}
        orders.apply_tracking({**delivered, "at": datetime.now(UTC)})
        ids.add(order_id)
    later = datetime.now(UTC) + timedelta(days=8)
    summaries = at_once(lambda: job(api, "auto_complete_orders", later))
    assert sum(s["completed"] for s in summaries) == 2
    assert sum(s["completed"] for s in at_once(lambda: job(api, "auto_complete_orders", later))) == 0
    for order_id in ids:
        timeline = orders.get(order_id).timeline
        assert [e.to_status for e in timeline].count("completed") == 1


def test_overlapping_listing_runs_list_a_scheduled_product_once(api, gateway):
    category = api.category()
    opens = datetime.now(UTC) + timedelta(minutes=30)
    product = api.product(category["id"], list_at=iso(opens))
    summaries = at_once(lambda: job(api, "publish_scheduled_listings", opens + timedelta(minutes=1)))
    assert sum(s["listed"] for s in summaries) == 1
    assert api.get(f"/admin/products/{product['id']}", headers=ADMIN).body["status"] == "listed"


def test_overlapping_refund_retries_refund_once(api, gateway):
    category = api.category()
    api.product(category["id"], skus=[sku_body("BO-R", price=8000, stock=10)])
    order_id, me, _ = paid_order(api, gateway, {"BO-R": 1})
    gateway.down = True
    assert api.post(f"/orders/{order_id}/cancel", headers=me).body["status"] == "cancelled"
    gateway.down = False
    summaries = at_once(lambda: job(api, "retry_refunds"))
    assert sum(s["refunded"] for s in summaries) == 1
    assert len({key for _, _, key in gateway.refunds}) == 1  # one idempotency key: Stripe pays once
    order = api.get(f"/orders/{order_id}", headers=me).body
    assert order["amount_refunded"] == order["amount_paid"] and order["payment_status"] == "refunded"
