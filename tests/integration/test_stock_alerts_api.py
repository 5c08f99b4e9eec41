"""Stock alerts: a checkout or an adjustment that takes available stock to or
below safety stock raises one alert (through the stock-alerts queue and its
worker) with a replenishment suggestion; a restock resolves it."""

from __future__ import annotations

from contextlib import contextmanager

import boto3
import pytest

from tests.support import ADMIN, envelope, sku_body, use_risk

ADDRESS = {"name": "Mei", "phone": "13800000000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Rd"}


@pytest.fixture
def alerts_queue(api):
    from app import app
    from localdev.runner import EventRunner

    runner = EventRunner(app, "us-east-1", boto3.client("sqs"))
    source = next(q for q in runner.queues if q.name == "stock_alerts")

    def drain() -> list[tuple[int, int]]:
        results = []
        while (result := runner.poll_once(source, wait_seconds=0))[0]:
            results.append(result)
        return results

    return drain


def buy(api, sku, quantity):
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=me).body["id"]
    api.post(f"/carts/{cart}/items", {"sku": sku, "quantity": quantity}, headers=me)
    r = api.post("/checkout", {"cart_id": cart, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": cart})
    assert r.status == 201, r.body


def open_alerts(api):
    return api.get("/admin/stock-alerts?status=open", headers=ADMIN).body["items"]


def test_a_checkout_down_to_safety_stock_raises_one_alert_with_a_suggestion(api, alerts_queue):
    category = api.category()
    api.product(category["id"], skus=[sku_body("AL-1", stock=10, safety_stock=3)])
    buy(api, "AL-1", 5)  # 5 left, above safety: no alert
    assert alerts_queue() == [] and open_alerts(api) == []
    buy(api, "AL-1", 2)  # 3 left: at safety stock
    assert alerts_queue() == [(1, 0)]
    [alert] = open_alerts(api)
    assert (alert["sku"], alert["available"], alert["safety_stock"]) == ("AL-1", 3, 3)
    # 7 units reserved in the trailing 14 days: 0.5/day; safety 2, target 2 + 4 (7 days lead) = 6, 3 left -> 3
    assert alert["suggestion"]["units_sold_14d"] == 7
    assert alert["suggestion"]["reorder_quantity"] == 3
    buy(api, "AL-1", 1)  # still low: no second open alert
    assert alerts_queue() == [(1, 0)] and len(open_alerts(api)) == 1


def test_an_adjustment_below_safety_raises_and_a_restock_resolves(api, alerts_queue):
    category = api.category()
    api.product(category["id"], skus=[sku_body("AL-2", stock=10, safety_stock=4)])
    api.post("/admin/inventory/AL-2/adjustments", {"delta": -7, "reason": "damaged"}, headers=ADMIN)
    alerts_queue()
    [alert] = open_alerts(api)
    assert alert["available"] == 3
    api.post("/admin/inventory/AL-2/adjustments", {"delta": 20, "reason": "receiving"}, headers=ADMIN)
    alerts_queue()
    assert open_alerts(api) == []
    resolved = api.get("/admin/stock-alerts?status=resolved", headers=ADMIN).body["items"]
    assert [a["id"] for a in resolved] == [alert["id"]]
    assert resolved[0]["history"][-1]["actor"] == "system"
    api.post("/admin/inventory/AL-2/adjustments", {"delta": -20, "reason": "stock_count"}, headers=ADMIN)
    alerts_queue()
    assert len(open_alerts(api)) == 1  # a new alert once the old one is resolved


def test_an_adjustments_stock_event_is_written_with_it_and_survives_a_crash_after_the_commit(api, alerts_queue):
    from chalicelib.bootstrap import get_container

    category = api.category()
    api.product(category["id"], skus=[sku_body("AL-7", stock=10, safety_stock=4)])
    inventory = get_container().inventory
    relay = inventory.relay

    def crash(events):
        raise RuntimeError("the Lambda died right after the adjustment committed")

    inventory.relay = crash
    try:
        r = api.post("/admin/inventory/AL-7/adjustments", {"delta": -7, "reason": "damaged"}, headers=ADMIN)
    finally:
        inventory.relay = relay
    assert r.status == 500
    assert api.get("/admin/inventory/AL-7", headers=ADMIN).body["available"] == 3  # the adjustment committed
    assert alerts_queue() == [] and open_alerts(api) == []  # nothing went out
    swept = api.post("/admin/jobs/relay_outbox/runs", {}, headers=ADMIN).body["summary"]
    assert swept["published"] >= 1  # but the event was in the outbox, written in the same transaction
    alerts_queue()
    [alert] = open_alerts(api)
    assert (alert["sku"], alert["available"]) == ("AL-7", 3)


def test_staff_acknowledge_and_resolve(api, alerts_queue):
    category = api.category()
    api.product(category["id"], skus=[sku_body("AL-3", stock=2, safety_stock=5)])
    api.post("/admin/inventory/AL-3/adjustments", {"delta": -1, "reason": "damaged"}, headers=ADMIN)
    alerts_queue()
    [alert] = open_alerts(api)
    finance = api.staff_key("finance")
    assert api.post(f"/admin/stock-alerts/{alert['id']}/acknowledge", headers=finance).status == 403
    warehouse = api.staff_key("warehouse")
    acked = api.post(f"/admin/stock-alerts/{alert['id']}/acknowledge", headers=warehouse)
    assert acked.status == 200 and acked.body["status"] == "acknowledged"
    assert api.post(f"/admin/stock-alerts/{alert['id']}/acknowledge", headers=warehouse).status == 409
    done = api.post(f"/admin/stock-alerts/{alert['id']}/resolve", {"reason": "PO-88 placed"}, headers=warehouse)
    assert done.status == 200 and done.body["status"] == "resolved"
    assert done.body["history"][-1]["reason"] == "PO-88 placed"
    assert api.get("/admin/stock-alerts?status=bogus", headers=ADMIN).status == 400


def test_a_poison_alert_message_fails_alone(api, alerts_queue):

    category = api.category()
    api.product(category["id"], skus=[sku_body("AL-4", stock=2, safety_stock=5)])
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName="commerce-stock-alerts")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody=envelope("stock.low", sku="NO-SUCH-SKU"))
    sqs.send_message(QueueUrl=url, MessageBody=envelope("stock.low", sku="AL-4"))
    from app import app
    from localdev.runner import EventRunner

    runner = EventRunner(app, "us-east-1", sqs)
    source = next(q for q in runner.queues if q.name == "stock_alerts")
    assert runner.poll_once(source, wait_seconds=0) == (2, 1)
    assert [a["sku"] for a in open_alerts(api)] == ["AL-4"]


def test_order_velocity_sends_the_next_paid_order_to_review(api, gateway):
    """The risk rule counts the customer's orders in the last hour (a regression:
    the bound once came from a monotonic id and counted nothing)."""
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.orders import RiskPolicy
    from tests.payments import signed

    use_risk(get_container(), RiskPolicy(max_orders_per_hour=1))
    category = api.category()
    api.product(category["id"], skus=[sku_body("VEL-1", stock=10)])
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    statuses = []
    for _ in range(2):
        cart = api.post("/carts", headers=me).body["id"]
        api.post(f"/carts/{cart}/items", {"sku": "VEL-1", "quantity": 1}, headers=me)
        placed = api.post(
            "/checkout", {"cart_id": cart, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": cart}
        ).body
        payload, headers = signed(gateway.succeed(placed["payment"]["payment_intent_id"]))
        api.request("POST", "/webhooks/stripe", raw=payload, headers=headers)
        order = api.get(f"/orders/{placed['order']['id']}", headers=me).body
        statuses.append((order["status"], order["risk_reasons"]))
    assert statuses == [("paid", []), ("under_review", ["order_velocity"])]


def test_an_alert_moved_meanwhile_is_409_and_a_missing_sku_pointer_does_not_block_resolving(api, alerts_queue):
    from chalicelib.adapters.dynamo import keys
    from chalicelib.adapters.dynamo.models import OpenAlertPointer
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.errors import Conflict

    category = api.category()
    api.product(category["id"], skus=[sku_body("AL-9", stock=2, safety_stock=5)])
    api.post("/admin/inventory/AL-9/adjustments", {"delta": -1, "reason": "damaged"}, headers=ADMIN)
    alerts_queue()
    [alert] = open_alerts(api)
    service = get_container().stock_alerts
    stale = service.get(alert["id"])  # read by one staff member...
    assert (
        api.post(f"/admin/stock-alerts/{alert['id']}/acknowledge", headers=ADMIN).status == 200
    )  # ...moved by another
    with pytest.raises(Conflict) as moved:
        service._move(stale, "resolved", "key_x", "late")
    assert moved.value.code == "concurrent_update"
    assert api.get("/admin/stock-alerts?status=acknowledged", headers=ADMIN).body["items"][0]["id"] == alert["id"]

    OpenAlertPointer(*keys.open_stock_alert("AL-9")).delete()  # lost (e.g. cleaned up by hand)
    done = api.post(f"/admin/stock-alerts/{alert['id']}/resolve", {"reason": "counted"}, headers=ADMIN)
    assert done.status == 200 and done.body["status"] == "resolved"


@contextmanager
def placing_after(change):
    """Run ``change`` (a concurrent stock change) just before checkout's first
    transaction; yields the arguments of every place() call."""
    from chalicelib.bootstrap import get_container

    repository = get_container().orders.orders
    place = repository.place
    calls = []

    def place_after_the_change(*args, **kwargs):
        if not calls:
            change(get_container().inventory)
        calls.append(args)
        return place(*args, **kwargs)

    repository.place = place_after_the_change
    try:
        yield calls
    finally:
        repository.place = place


def test_a_checkout_that_read_its_level_before_a_concurrent_removal_still_raises_the_alert(api, alerts_queue):
    """Checkout decides its stock.low on the level it read (10: 8 left, no alert);
    a removal of 5 lands before its transaction, so the order really leaves 3,
    below safety 4. The reservation's guard refuses the stale decision, the
    checkout reads again and the alert goes out."""
    category = api.category()
    api.product(category["id"], skus=[sku_body("AL-8", stock=10, safety_stock=4)])
    with placing_after(lambda inventory: inventory.adjust("AL-8", -5, "damaged", None, "staff:test")) as calls:
        buy(api, "AL-8", 2)  # the removal alone leaves 5, above safety: it sends nothing
    assert len(calls) == 2  # the first attempt's guard failed; the second read 5 and decided "low"
    guards = [reservations[0].available_between for _, _, reservations, *_ in calls]
    assert guards == [(7, None), (None, 6)]
    assert [[e.type for e in events] for *_, events, _answer in calls] == [
        ["order.placed"],
        ["order.placed", "stock.low"],
    ]
    assert alerts_queue() == [(1, 0)]
    [alert] = open_alerts(api)
    assert (alert["sku"], alert["available"]) == ("AL-8", 3)
    level = api.get("/admin/inventory/AL-8", headers=ADMIN).body
    assert (level["available"], level["reserved"]) == (3, 2)


def test_a_checkout_that_read_a_low_level_before_a_restock_does_not_raise_a_stale_alert(api, alerts_queue):
    """The other side: checkout read 5 (3 left, low) but a receipt of 20 landed
    first, so the order leaves 23. The guard refuses, the checkout reads again and
    sends nothing; no alert is opened for stock that is not low."""
    category = api.category()
    api.product(category["id"], skus=[sku_body("AL-9", stock=5, safety_stock=4)])
    with placing_after(lambda inventory: inventory.adjust("AL-9", 20, "receiving", None, "staff:test")) as calls:
        buy(api, "AL-9", 2)
    assert [[e.type for e in events] for *_, events, _answer in calls] == [
        ["order.placed", "stock.low"],
        ["order.placed"],
    ]
    alerts_queue()
    assert open_alerts(api) == []
    assert api.get("/admin/inventory/AL-9", headers=ADMIN).body["available"] == 23


def test_a_checkout_for_more_than_is_left_when_it_writes_is_out_of_stock_not_a_retry(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("AL-10", stock=3, safety_stock=1)])
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=me).body["id"]
    api.post(f"/carts/{cart}/items", {"sku": "AL-10", "quantity": 3}, headers=me)
    with placing_after(lambda inventory: inventory.adjust("AL-10", -1, "damaged", None, "staff:test")) as calls:
        r = api.post(
            "/checkout", {"cart_id": cart, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": cart}
        )
    assert r.status == 409 and r.code == "out_of_stock" and r.body["skus"] == ["AL-10"]
    assert len(calls) == 1
    assert api.get("/admin/inventory/AL-10", headers=ADMIN).body["available"] == 2


# --- the store's default safety stock (COMMERCE_DEFAULT_SAFETY_STOCK) -------------------------------
def without_safety_stock(code, **overrides):
    body = sku_body(code, **overrides)
    del body["safety_stock"]
    return body


def safety_stocks(product):
    return {s["code"]: s["safety_stock"] for s in product["skus"]}


def test_a_sku_created_without_a_safety_stock_gets_the_store_default_and_an_explicit_0_stays_0(api, alerts_queue):
    category = api.category()
    product = api.product(
        category["id"],
        skus=[without_safety_stock("DS-1", stock=10), sku_body("DS-0", stock=10, safety_stock=0)],
    )
    assert safety_stocks(product) == {"DS-1": 5, "DS-0": 0}
    # a SKU added by PATCH: the same rule
    r = api.patch(
        f"/admin/products/{product['id']}",
        {"skus": [without_safety_stock("DS-2"), sku_body("DS-3", safety_stock=0)]},
        headers=ADMIN,
    )
    assert r.status == 200, r.body
    assert safety_stocks(r.body) == {"DS-1": 5, "DS-0": 0, "DS-2": 5, "DS-3": 0}
    assert api.get("/admin/inventory/DS-1", headers=ADMIN).body["safety_stock"] == 5

    # the default is what alerts use: 5 left of DS-1 is low, 5 left of DS-0 is not
    buy(api, "DS-1", 5)
    buy(api, "DS-0", 5)
    alerts_queue()
    assert [(a["sku"], a["available"], a["safety_stock"]) for a in open_alerts(api)] == [("DS-1", 5, 5)]


@pytest.fixture
def default_safety_stock_12(monkeypatch):
    monkeypatch.setenv("COMMERCE_DEFAULT_SAFETY_STOCK", "12")


def test_the_setting_changes_the_default(default_safety_stock_12, api):
    category = api.category()
    product = api.product(category["id"], skus=[without_safety_stock("DS-12"), sku_body("DS-12E", safety_stock=3)])
    assert safety_stocks(product) == {"DS-12": 12, "DS-12E": 3}
