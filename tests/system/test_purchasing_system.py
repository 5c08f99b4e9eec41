"""Inventory planning on the local stack (DynamoDB Local, moto server's SQS),
over HTTP (ADR 0022): the same receipt posted ten times at once adds its stock
once, and a restock tells each notify-me subscriber once, through the outbox
event and the stock-alerts worker."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.support import ADMIN, sku_body
from tests.system.test_notifications_system import sqs_client


def test_the_same_receipt_posted_concurrently_adds_stock_once(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("SYS-PO-1", stock=2)])
    supplier = api.post("/admin/suppliers", {"name": "Acme", "lead_time_days": 3}, headers=ADMIN).body["id"]
    po = api.post(
        "/admin/purchase-orders",
        {"supplier_id": supplier, "lines": [{"sku": "SYS-PO-1", "quantity": 10, "unit_cost": 100}]},
        headers=ADMIN,
    ).body["id"]
    assert api.post(f"/admin/purchase-orders/{po}/order", {}, headers=ADMIN).status == 200
    receipt = {"receipt_id": "rcv-concurrent", "lines": [{"sku": "SYS-PO-1", "quantity": 7}]}

    def post(_: int):
        return api.post(f"/admin/purchase-orders/{po}/receipts", receipt, headers=ADMIN)

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(post, range(10)))
    statuses = sorted(a.status for a in answers)
    assert statuses.count(201) == 1, [(a.status, a.body) for a in answers]
    assert set(statuses) <= {200, 201}, [(a.status, a.body) for a in answers]
    assert all(a.body["receipt_id"] == "rcv-concurrent" for a in answers)
    level = api.get("/admin/inventory/SYS-PO-1", headers=ADMIN).body
    assert (level["on_hand"], level["available"]) == (9, 9)
    ledger = api.get("/admin/inventory/SYS-PO-1/ledger", headers=ADMIN).body["items"]
    assert [e["on_hand_delta"] for e in ledger if e["reason"] == "purchase_receipt"] == [7]
    order = api.get(f"/admin/purchase-orders/{po}", headers=ADMIN).body
    assert order["status"] == "partially_received" and order["lines"][0]["received"] == 7


def test_a_restock_tells_each_subscriber_once(api, stack):
    from app import app
    from localdev.runner import EventRunner

    category = api.category()
    product = api.product(category["id"], skus=[sku_body("SYS-NM-1", stock=0, safety_stock=0)])
    subscribers = []
    for _ in range(3):
        _, token = api.customer()
        me = {"Authorization": f"Bearer {token}"}
        for _twice in range(2):  # asked twice: one subscription
            r = api.post(f"/products/{product['id']}/notify-me", {"sku": "SYS-NM-1"}, headers=me)
            assert r.status in (200, 201), r.body
        subscribers.append(me)
    runner = EventRunner(app, "us-east-1", sqs_client(stack))
    runner.schedules = []
    source = next(q for q in runner.queues if q.name == "stock_alerts")
    assert (
        api.post("/admin/inventory/SYS-NM-1/adjustments", {"delta": 5, "reason": "receiving"}, headers=ADMIN).status
        == 201
    )
    delivered = 0
    while (done := runner.poll_once(source, wait_seconds=1))[0]:
        delivered += done[0]
        assert done[1] == 0
    assert delivered >= 1
    for me in subscribers:
        inbox = api.get("/me/notifications", headers=me).body["items"]
        assert [n["kind"] for n in inbox] == ["back_in_stock"]
    # sold out and back again: nobody is waiting any more
    api.post("/admin/inventory/SYS-NM-1/adjustments", {"delta": -5, "reason": "correction"}, headers=ADMIN)
    api.post("/admin/inventory/SYS-NM-1/adjustments", {"delta": 2, "reason": "receiving"}, headers=ADMIN)
    while runner.poll_once(source, wait_seconds=1)[0]:
        pass
    for me in subscribers:
        assert len(api.get("/me/notifications", headers=me).body["items"]) == 1
