"""SLA scans: each breach becomes one exception per order and kind, however
often the hourly scan runs (overlapping runs: tests/system/test_back_office_http.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.payments import signed
from tests.support import ADMIN, iso, sku_body

ADDRESS = {"name": "Mei", "phone": "13800000000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Rd"}


def paid_order(api, gateway, sku):
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=me).body["id"]
    api.post(f"/carts/{cart}/items", {"sku": sku, "quantity": 1}, headers=me)
    placed = api.post(
        "/checkout", {"cart_id": cart, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": cart}
    ).body
    payload, headers = signed(gateway.succeed(placed["payment"]["payment_intent_id"]))
    api.request("POST", "/webhooks/stripe", raw=payload, headers=headers)
    return placed["order"]["id"]


def scan(api, hours):
    as_of = iso(datetime.now(UTC) + timedelta(hours=hours))
    r = api.post("/admin/jobs/scan_slas/runs", {"as_of": as_of}, headers=ADMIN)
    assert r.status == 200, r.body
    return r.body["summary"]


def open_exceptions(api):
    return {
        (e["order_id"], e["kind"]): e
        for e in api.get("/admin/exceptions?status=open&limit=100", headers=ADMIN).body["items"]
    }


def test_unconfirmed_and_unshipped_orders_are_flagged_once_each(api, gateway):
    category = api.category()
    api.product(category["id"], skus=[sku_body("SLA-1", stock=10)])
    order_id = paid_order(api, gateway, "SLA-1")
    assert scan(api, 23)["recorded"] == 0
    assert scan(api, 25)["recorded"] == 1
    assert set(open_exceptions(api)) == {(order_id, "not_confirmed")}
    assert scan(api, 49)["recorded"] == 1
    exceptions = open_exceptions(api)
    assert set(exceptions) == {(order_id, "not_confirmed"), (order_id, "not_shipped")}
    assert exceptions[(order_id, "not_shipped")]["owner_role"] == "operations"
    assert scan(api, 50)["recorded"] == 0


def test_repeated_scans_record_each_breach_once(api, gateway):
    """Concurrent scans run against DynamoDB Local (tests/system/test_back_office_http.py);
    moto's in-memory engine is not safe under concurrent transactions."""
    category = api.category()
    api.product(category["id"], skus=[sku_body("SLA-2", stock=10)])
    orders = [paid_order(api, gateway, "SLA-2") for _ in range(3)]
    summaries = [scan(api, 25) for _ in range(3)]
    assert [s["recorded"] for s in summaries] == [3, 0, 0]
    assert {order for order, _ in open_exceptions(api)} == set(orders)


def test_a_shipment_without_tracking_updates_is_flagged_for_customer_service(api, gateway):
    from chalicelib.bootstrap import get_container

    category = api.category()
    api.product(category["id"], skus=[sku_body("SLA-3", stock=10)])
    order_id = paid_order(api, gateway, "SLA-3")
    get_container().fulfillment.start_fulfillment(order_id)
    api.post(f"/admin/orders/{order_id}/shipments", {"carrier": "sf", "tracking_number": "SFSLA1"}, headers=ADMIN)
    assert scan(api, 47)["recorded"] == 0
    assert scan(api, 49)["recorded"] == 1
    exception = open_exceptions(api)[(order_id, "no_tracking_update")]
    assert exception["owner_role"] == "customer_service"
    cs = api.staff_key("customer_service")
    r = api.post(f"/admin/exceptions/{exception['id']}/resolve", {"reason": "carrier chased"}, headers=cs)
    assert r.status == 200 and r.body["status"] == "resolved" and r.body["note"] == "carrier chased"
    assert api.post(f"/admin/exceptions/{exception['id']}/resolve", headers=cs).status == 409
    assert open_exceptions(api) == {}
    assert api.post("/admin/exceptions/nope/resolve", headers=cs).status == 404
    assert api.get("/admin/exceptions", headers=api.staff_key("finance")).status == 403


def test_a_capped_scan_reaches_the_longest_waiting_orders_first(api, gateway, monkeypatch):
    import chalicelib.services.operations as operations

    category = api.category()
    api.product(category["id"], skus=[sku_body("SLA-4", stock=10)])
    oldest = paid_order(api, gateway, "SLA-4")
    paid_order(api, gateway, "SLA-4")
    monkeypatch.setattr(operations, "MAX_SCANNED_PER_STATUS", 1)  # a backlog bigger than one run's cap
    assert scan(api, 25)["recorded"] == 1
    assert {order for order, _ in open_exceptions(api)} == {oldest}


def held_order(api, gateway, sku):
    """An order the risk policy holds for review when it is paid."""
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.orders import RiskPolicy
    from tests.support import use_risk

    use_risk(get_container(), RiskPolicy(review_over=1))
    order_id = paid_order(api, gateway, sku)
    assert api.get(f"/admin/orders/{order_id}", headers=ADMIN).body["status"] == "under_review"
    return order_id


def test_an_order_held_for_review_25h_after_placement_gets_exactly_one_not_confirmed(api, gateway):
    category = api.category()
    api.product(category["id"], skus=[sku_body("SLA-5", stock=10)])
    order_id = held_order(api, gateway, "SLA-5")
    assert scan(api, 23)["recorded"] == 0
    assert scan(api, 25)["recorded"] == 1
    assert scan(api, 25)["recorded"] == 0
    assert scan(api, 49)["recorded"] == 0  # not paid-and-unshipped: held orders are not shipped
    exceptions = open_exceptions(api)
    assert set(exceptions) == {(order_id, "not_confirmed")}
    exception = exceptions[(order_id, "not_confirmed")]
    assert exception["id"] == f"exc_{order_id.removeprefix('ord_')}_not_confirmed"
    assert exception["owner_role"] == "operations" and exception["deadline_hours"] == 24
    placed = datetime.fromisoformat(api.get(f"/admin/orders/{order_id}", headers=ADMIN).body["created_at"])
    assert datetime.fromisoformat(exception["due_at"]) - placed == timedelta(hours=24)


def test_the_hours_in_the_exception_follow_the_settings(api, gateway, monkeypatch):
    from chalicelib.bootstrap import Container, get_container, reset_container
    from chalicelib.settings import load_settings

    category = api.category()
    api.product(category["id"], skus=[sku_body("SLA-6", stock=10)])
    order_id = paid_order(api, gateway, "SLA-6")
    monkeypatch.setenv("COMMERCE_SLA_CONFIRM_HOURS", "6")
    monkeypatch.setenv("COMMERCE_SLA_SHIP_HOURS", "10")
    reset_container(Container(load_settings(), get_container().clock))
    assert scan(api, 5)["recorded"] == 0
    assert scan(api, 7)["recorded"] == 1
    assert scan(api, 11)["recorded"] == 1
    exceptions = open_exceptions(api)
    assert set(exceptions) == {(order_id, "not_confirmed"), (order_id, "not_shipped")}
    confirm, ship = exceptions[(order_id, "not_confirmed")], exceptions[(order_id, "not_shipped")]
    assert confirm["deadline_hours"] == 6 and "within 6 h" in confirm["detail"]
    assert ship["deadline_hours"] == 10 and "within 10 h" in ship["detail"]
    assert datetime.fromisoformat(ship["due_at"]) - datetime.fromisoformat(confirm["due_at"]) == timedelta(hours=4)


def test_an_exception_stored_under_an_old_kind_name_is_listed_resolvable_and_not_duplicated(api, gateway):
    from chalicelib.adapters.dynamo.exceptions import DynamoExceptions
    from chalicelib.domain.operations import OrderException

    category = api.category()
    api.product(category["id"], skus=[sku_body("SLA-7", stock=10)])
    order_id = paid_order(api, gateway, "SLA-7")
    old_id = f"exc_{order_id.removeprefix('ord_')}_not_confirmed_24h"
    now = datetime.now(UTC)
    DynamoExceptions().add(  # as a scan before the rename recorded it
        OrderException(
            old_id, order_id, "not_confirmed_24h", "open", "operations",
            "Paid and not taken into fulfillment within 24 h.", now, now,
        )
    )  # fmt: skip
    assert scan(api, 25) == {"scanned": 1, "breaches": 1, "recorded": 0}
    assert scan(api, 49)["recorded"] == 1  # the shipping breach is new: recorded under the new name
    exceptions = open_exceptions(api)
    assert set(exceptions) == {(order_id, "not_confirmed"), (order_id, "not_shipped")}
    legacy = exceptions[(order_id, "not_confirmed")]
    assert legacy["id"] == old_id and legacy["deadline_hours"] is None
    r = api.post(f"/admin/exceptions/{old_id}/resolve", {"reason": "confirmed by phone"}, headers=ADMIN)
    assert r.status == 200, r.body
    assert r.body["status"] == "resolved" and r.body["kind"] == "not_confirmed" and r.body["id"] == old_id
    assert scan(api, 50)["recorded"] == 0  # resolved, the old record still covers the breach
    assert set(open_exceptions(api)) == {(order_id, "not_shipped")}
    resolved = api.get("/admin/exceptions?status=resolved", headers=ADMIN).body["items"]
    assert [(e["id"], e["kind"]) for e in resolved] == [(old_id, "not_confirmed")]
