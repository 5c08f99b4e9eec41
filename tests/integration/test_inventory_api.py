"""Inventory over the API: levels, adjustments, ledger."""

from __future__ import annotations

from tests.support import ADMIN, sku_body


def test_adjustments_change_stock_and_land_in_the_ledger(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("INV-1", stock=5)])
    r = api.post(
        "/admin/inventory/INV-1/adjustments", {"delta": 10, "reason": "receiving", "note": "PO-77"}, headers=ADMIN
    )
    assert r.status == 201 and r.body["on_hand"] == 15 and r.body["available"] == 15
    r = api.post("/admin/inventory/INV-1/adjustments", {"delta": -3, "reason": "stock_count"}, headers=ADMIN)
    assert r.body["on_hand"] == 12
    level = api.get("/admin/inventory/INV-1", headers=ADMIN).body
    assert level == {
        "sku": "INV-1",
        "product_id": level["product_id"],
        "on_hand": 12,
        "reserved": 0,
        "available": 12,
        "safety_stock": 2,
        "reorder_point": None,
        "abc_class": None,
        "abc_classified_on": None,
    }
    entries = api.get("/admin/inventory/INV-1/ledger", headers=ADMIN).body["items"]
    assert [(e["reason"], e["on_hand_delta"]) for e in entries] == [
        ("stock_count", -3),
        ("receiving", 10),
        ("initial_stock", 5),
    ]
    assert sum(e["on_hand_delta"] for e in entries) == 12
    assert entries[1]["note"] == "PO-77" and entries[1]["actor"].startswith("staff:key_")


def test_stock_never_goes_below_zero(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("INV-2", stock=2)])
    r = api.post("/admin/inventory/INV-2/adjustments", {"delta": -3, "reason": "damaged"}, headers=ADMIN)
    assert r.status == 409 and r.code == "insufficient_stock" and r.body["available"] == 2
    assert api.get("/admin/inventory/INV-2", headers=ADMIN).body["on_hand"] == 2
    assert len(api.get("/admin/inventory/INV-2/ledger", headers=ADMIN).body["items"]) == 1


def test_adjustment_validation(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("INV-3")])
    assert (
        api.post("/admin/inventory/INV-3/adjustments", {"delta": 0, "reason": "receiving"}, headers=ADMIN).status == 400
    )
    r = api.post("/admin/inventory/INV-3/adjustments", {"delta": 1, "reason": "because"}, headers=ADMIN)
    assert r.status == 400 and r.body["errors"][0]["field"] == "reason"
    r = api.post("/admin/inventory/NOPE/adjustments", {"delta": 1, "reason": "receiving"}, headers=ADMIN)
    assert r.status == 404
    assert api.get("/admin/inventory/NOPE/ledger", headers=ADMIN).status == 404


def test_ledger_pages_with_a_cursor(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("INV-4", stock=1)])
    for _ in range(4):
        api.post("/admin/inventory/INV-4/adjustments", {"delta": 1, "reason": "receiving"}, headers=ADMIN)
    first = api.get("/admin/inventory/INV-4/ledger?limit=3", headers=ADMIN).body
    assert len(first["items"]) == 3 and first["next_cursor"]
    second = api.get(f"/admin/inventory/INV-4/ledger?limit=3&cursor={first['next_cursor']}", headers=ADMIN).body
    assert len(second["items"]) == 2 and second["next_cursor"] is None
    ids = [e["id"] for e in first["items"] + second["items"]]
    assert len(set(ids)) == 5
    foreign = api.get(f"/admin/inventory/INV-1/ledger?cursor={first['next_cursor']}", headers=ADMIN)
    assert foreign.status == 400
