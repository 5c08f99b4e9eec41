"""Faults neither moto nor DynamoDB Local raise, injected at the botocore client:
transaction conflicts are retried (bounded), throttling is a clear 503."""

from __future__ import annotations

import pytest
from botocore.client import BaseClient
from botocore.exceptions import ClientError

from tests.support import ADMIN, sku_body


@pytest.fixture
def inject(monkeypatch):
    original = BaseClient._make_api_call
    plan: dict[str, list] = {}

    def faulty(self, operation, params):
        queue = plan.get(operation)
        if queue:
            code, reasons = queue.pop(0)
            response = {"Error": {"Code": code, "Message": "injected fault"}}
            if reasons:
                response["CancellationReasons"] = [{"Code": r, "Message": "injected"} for r in reasons]
            raise ClientError(response, operation)
        return original(self, operation, params)

    monkeypatch.setattr(BaseClient, "_make_api_call", faulty)

    def add(operation: str, code: str, times: int = 1, reasons: list[str] | None = None) -> None:
        plan.setdefault(operation, []).extend([(code, reasons)] * times)

    return add


def test_a_transaction_conflict_is_retried_and_the_edit_lands_once(api, inject):
    category = api.category()
    product = api.product(category["id"], skus=[sku_body("F-1", stock=3)])
    inject("TransactWriteItems", "TransactionCanceledException", times=1, reasons=["TransactionConflict", "None"])
    r = api.patch(f"/admin/products/{product['id']}", {"title": "After conflict"}, headers=ADMIN)
    assert r.status == 200, r.body
    assert r.body["title"] == "After conflict" and r.body["version"] == product["version"] + 1


def test_conflicts_that_outlast_the_retries_are_a_503_and_change_nothing(api, inject):
    category = api.category()
    product = api.product(category["id"], skus=[sku_body("F-2", stock=3)])
    inject("TransactWriteItems", "TransactionCanceledException", times=4, reasons=["TransactionConflict"])
    r = api.post("/admin/inventory/F-2/adjustments", {"delta": -1, "reason": "damaged"}, headers=ADMIN)
    assert r.status == 503 and r.code == "service_unavailable" and r.header("Retry-After") == "1"
    assert api.get("/admin/inventory/F-2", headers=ADMIN).body["on_hand"] == 3
    assert len(api.get("/admin/inventory/F-2/ledger", headers=ADMIN).body["items"]) == 1
    assert api.get(f"/admin/products/{product['id']}", headers=ADMIN).body["version"] == product["version"]


def test_throttling_is_a_503_with_retry_after(api, inject):
    category = api.category()
    product = api.product(category["id"])
    inject("Query", "ThrottlingException")
    r = api.get(f"/products/{product['id']}")
    assert r.status == 503 and r.code == "service_unavailable" and r.header("Retry-After") == "2"
    assert api.get(f"/products/{product['id']}").status == 200


def test_a_conflict_during_checkout_is_retried_and_makes_one_order(api, inject, gateway):
    category = api.category()
    api.product(category["id"], skus=[sku_body("F-CK", stock=5)])
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=me).body["id"]
    api.post(f"/carts/{cart}/items", {"sku": "F-CK", "quantity": 2}, headers=me)
    address = {"name": "A", "phone": "13800000000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Rd"}
    inject("TransactWriteItems", "TransactionCanceledException", times=2, reasons=["TransactionConflict"])
    r = api.post(
        "/checkout", {"cart_id": cart, "shipping_address": address}, headers={**me, "Idempotency-Key": "k-conflict"}
    )
    assert r.status == 201, r.body
    assert len(api.get("/orders", headers=me).body["items"]) == 1
    assert api.get("/admin/inventory/F-CK", headers=ADMIN).body["reserved"] == 2


def test_throttled_checkout_is_a_clean_503_and_a_retry_with_the_key_completes(api, inject, gateway):
    category = api.category()
    api.product(category["id"], skus=[sku_body("F-TH", stock=5)])
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=me).body["id"]
    api.post(f"/carts/{cart}/items", {"sku": "F-TH", "quantity": 1}, headers=me)
    address = {"name": "A", "phone": "13800000000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Rd"}
    body = {"cart_id": cart, "shipping_address": address}
    headers = {**me, "Idempotency-Key": "k-throttle"}
    inject("TransactWriteItems", "ThrottlingException")
    r = api.post("/checkout", body, headers=headers)
    assert r.status == 503 and r.code == "service_unavailable"
    assert api.get("/orders", headers=me).body["items"] == []
    assert api.get("/admin/inventory/F-TH", headers=ADMIN).body["reserved"] == 0
    again = api.post("/checkout", body, headers=headers)
    assert again.status == 201 and len(api.get("/orders", headers=me).body["items"]) == 1
