"""Contract: the inventory planning routes' answers validate against
docs/openapi.yaml (ADR 0022), errors included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.integration.test_openapi_contract import Checked
from tests.support import ADMIN, drain_ok, event_runner, iso, sku_body


@pytest.fixture
def c(api) -> Checked:
    return Checked(api)


def test_planning_answers(api, c):
    category = api.category()
    product = api.product(category["id"], skus=[sku_body("CT-1", stock=3), sku_body("CT-2", stock=0)])
    sup = c.call(
        "POST",
        "/admin/suppliers",
        expect=201,
        json_body={"name": "Acme", "lead_time_days": 2, "contact": {"phone": "+86 1"}},
        headers=ADMIN,
    ).body
    c.call("GET", "/admin/suppliers", expect=200, headers=ADMIN)
    c.call("GET", "/admin/suppliers/{supplier_id}", params={"supplier_id": sup["id"]}, expect=200, headers=ADMIN)
    c.call("GET", "/admin/suppliers/{supplier_id}", params={"supplier_id": "sup_nope"}, expect=404, headers=ADMIN)
    lines = [{"sku": "CT-1", "quantity": 5, "unit_cost": 10}]
    po = c.call(
        "POST",
        "/admin/purchase-orders",
        expect=201,
        json_body={"supplier_id": sup["id"], "lines": lines},
        headers=ADMIN,
    ).body
    ids = {"po_id": po["id"]}
    c.call("POST", "/admin/purchase-orders/{po_id}/close", params=ids, expect=409, json_body={}, headers=ADMIN)
    c.call("POST", "/admin/purchase-orders/{po_id}/order", params=ids, expect=200, json_body={}, headers=ADMIN)
    receipt = {"receipt_id": "ct-r1", "lines": [{"sku": "CT-1", "quantity": 2}]}
    c.call("POST", "/admin/purchase-orders/{po_id}/receipts", params=ids, expect=201, json_body=receipt, headers=ADMIN)
    c.call("POST", "/admin/purchase-orders/{po_id}/receipts", params=ids, expect=200, json_body=receipt, headers=ADMIN)
    over = {"receipt_id": "ct-r2", "lines": [{"sku": "CT-1", "quantity": 9}]}
    c.call("POST", "/admin/purchase-orders/{po_id}/receipts", params=ids, expect=409, json_body=over, headers=ADMIN)
    reused = {"receipt_id": "ct-r1", "lines": [{"sku": "CT-1", "quantity": 1}]}
    c.call("POST", "/admin/purchase-orders/{po_id}/receipts", params=ids, expect=422, json_body=reused, headers=ADMIN)
    c.call(
        "POST",
        "/admin/purchase-orders/{po_id}/close",
        params=ids,
        expect=200,
        json_body={"reason": "short"},
        headers=ADMIN,
    )
    c.call("GET", "/admin/purchase-orders/{po_id}", params=ids, expect=200, headers=ADMIN)
    c.call("GET", "/admin/purchase-orders", query="status=closed", expect=200, headers=ADMIN)
    c.call("GET", "/admin/purchase-orders", query="status=lost", expect=400, headers=ADMIN)
    policy = {"mode": "days_of_sales", "days": 2, "floor": 1, "supplier_id": sup["id"]}
    c.call(
        "PUT",
        "/admin/inventory/{sku}/safety-policy",
        params={"sku": "CT-1"},
        expect=200,
        json_body=policy,
        headers=ADMIN,
    )
    api.post(
        "/admin/jobs/recompute_safety_stock/runs", {"as_of": iso(datetime.now(UTC) + timedelta(days=1))}, headers=ADMIN
    )
    c.call("GET", "/admin/inventory/{sku}/safety-policy", params={"sku": "CT-1"}, expect=200, headers=ADMIN)
    c.call("GET", "/admin/inventory/{sku}/safety-policy", params={"sku": "CT-2"}, expect=200, headers=ADMIN)
    c.call("GET", "/admin/inventory/{sku}/forecast", params={"sku": "CT-1"}, expect=200, headers=ADMIN)
    runner = event_runner()
    api.post("/admin/inventory/CT-1/adjustments", {"delta": -5, "reason": "damaged"}, headers=ADMIN)
    drain_ok(runner, "stock_alerts")
    [alert] = api.get("/admin/stock-alerts", headers=ADMIN).body["items"]
    path = "/admin/stock-alerts/{alert_id}/purchase-order"
    c.call("POST", path, params={"alert_id": alert["id"]}, expect=201, json_body={}, headers=ADMIN)
    c.call("POST", path, params={"alert_id": alert["id"]}, expect=200, json_body={}, headers=ADMIN)
    c.call("GET", "/admin/replenishment-suggestions", expect=200, headers=ADMIN)
    sheet = c.call("POST", "/admin/cycle-counts", expect=201, json_body={"skus": ["CT-1", "CT-2"]}, headers=ADMIN).body
    c.call("POST", "/admin/cycle-counts", expect=400, json_body={}, headers=ADMIN)
    sid = {"sheet_id": sheet["id"]}
    counted = {"lines": [{"sku": "CT-1", "counted": 1}]}
    c.call("POST", "/admin/cycle-counts/{sheet_id}/results", params=sid, expect=200, json_body=counted, headers=ADMIN)
    c.call("POST", "/admin/cycle-counts/{sheet_id}/results", params=sid, expect=409, json_body=counted, headers=ADMIN)
    c.call("GET", "/admin/cycle-counts/{sheet_id}", params=sid, expect=200, headers=ADMIN)
    c.call("GET", "/admin/cycle-counts", expect=200, headers=ADMIN)
    c.call("GET", "/admin/cycle-counts/report", expect=200, headers=ADMIN)
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    pid = {"product_id": product["id"]}
    c.call("POST", "/products/{product_id}/notify-me", params=pid, expect=201, json_body={"sku": "CT-2"}, headers=me)
    c.call("POST", "/products/{product_id}/notify-me", params=pid, expect=200, json_body={"sku": "CT-2"}, headers=me)
    c.call("POST", "/products/{product_id}/notify-me", params=pid, expect=401, json_body={"sku": "CT-2"})
    api.post("/admin/inventory/CT-1/adjustments", {"delta": 3, "reason": "receiving"}, headers=ADMIN)
    c.call("POST", "/products/{product_id}/notify-me", params=pid, expect=409, json_body={"sku": "CT-1"}, headers=me)
    c.call("POST", "/products/{product_id}/notify-me", params=pid, expect=404, json_body={"sku": "NOPE"}, headers=me)
