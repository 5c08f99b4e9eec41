"""Over real HTTP against DynamoDB Local, moto server and localstripe."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import requests

from tests.support import ADMIN, sku_body
from tests.system.queues import stock_events


def test_health_is_ok_when_every_engine_is_up(http):
    r = http.get("/health")
    assert r.status == 200, r.body
    assert r.body["components"] == {
        "dynamodb": {"status": "ok"},
        "queues": {"status": "ok"},
        "events": {"status": "ok"},
        "payments": {"status": "ok"},
    }


def test_unknown_route_and_large_body_over_http(http):
    r = http.get("/nowhere")
    assert r.status == 404 and r.code == "not_found"
    assert r.header("Content-Type") == "application/problem+json"
    big = b'{"name": "' + b"x" * (1024 * 1024 + 10) + b'"}'
    r = http.request("POST", "/admin/categories", raw=big, headers=ADMIN)
    assert r.status == 413 and r.code == "payload_too_large"


def test_shopper_and_staff_flow_over_http(http):
    customer, token = http.customer()
    assert http.get("/me", headers={"Authorization": f"Bearer {token}"}).body["id"] == customer["id"]
    category = http.category("System")
    product = http.product(category["id"], skus=[sku_body("SYS-1", price=4200, stock=3)])
    detail = http.get(f"/products/{product['id']}")
    assert detail.status == 200 and detail.body["skus"][0]["in_stock"] is True
    http.post("/admin/inventory/SYS-1/adjustments", {"delta": -3, "reason": "damaged"}, headers=ADMIN)
    assert http.get(f"/products/{product['id']}").body["skus"][0]["in_stock"] is False


def remove_at_once(http, code, n):
    """n concurrent removals of one unit of the SKU: their HTTP statuses."""

    def remove_one(_: int) -> int:
        return requests.post(
            f"{http.base_url}/admin/inventory/{code}/adjustments",
            json={"delta": -1, "reason": "damaged"},
            headers=ADMIN,
            timeout=30,
        ).status_code

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(remove_one, range(n)))


def test_concurrent_removals_never_take_stock_below_zero(http):
    """20 concurrent removals of 1 against 10 in stock: exactly 10 succeed."""
    category = http.category()
    http.product(category["id"], skus=[sku_body("RACE-1", stock=10)])
    statuses = remove_at_once(http, "RACE-1", 20)
    assert sorted(statuses) == [201] * 10 + [409] * 10
    level = http.get("/admin/inventory/RACE-1", headers=ADMIN).body
    assert (level["on_hand"], level["available"]) == (0, 0)
    ledger = http.get("/admin/inventory/RACE-1/ledger?limit=100", headers=ADMIN).body["items"]
    assert len(ledger) == 11 and sum(e["on_hand_delta"] for e in ledger) == 0


def test_concurrent_removals_each_decide_their_stock_event_on_the_level_they_wrote(http, stack):
    """10 concurrent removals of 1 against 10 in stock, safety stock 3: the four
    that left 3, 2, 1 and 0 each send stock.low, however the writes interleave,
    and none of the others does. Read from the real stock-alerts queue."""
    category = http.category()
    http.product(category["id"], skus=[sku_body("RACE-3", stock=10, safety_stock=3)])
    statuses = remove_at_once(http, "RACE-3", 10)
    assert statuses == [201] * 10
    events = stock_events(stack, "RACE-3")
    # Which removal left which level depends on the interleaving; the "available"
    # a message carries is the level its removal read minus one (the worker re-reads).
    assert [kind for kind, _ in events] == ["stock.low"] * 4
    assert all(available <= 3 for _, available in events)


def test_concurrent_product_edits_are_serialised_by_version(http):
    """Two editors racing: every edit either lands whole or is a clean 409 concurrent_update."""
    category = http.category()
    product = http.product(category["id"])

    def edit(i: int) -> int:
        return requests.patch(
            f"{http.base_url}/admin/products/{product['id']}", json={"title": f"Edit {i}"}, headers=ADMIN, timeout=30
        ).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(edit, range(8)))
    assert set(statuses) <= {200, 409} and 200 in statuses
    final = http.get(f"/admin/products/{product['id']}", headers=ADMIN).body
    assert final["version"] == product["version"] + statuses.count(200)
