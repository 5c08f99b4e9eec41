"""A product's handle: the staff's own key for it (the admin CLI's CSV import
finds a product_key again by it). Unique, fixed at creation, looked up by
GET /admin/products?handle=, whatever the product's status."""

from __future__ import annotations

from tests.support import ADMIN, product_body, sku_body


def test_a_product_is_found_by_its_handle_whatever_its_status(api):
    category = api.category()
    created = api.post(
        "/admin/products", product_body(category["id"], status="draft", handle="tee:heavy-220"), headers=ADMIN
    )
    assert created.status == 201 and created.body["handle"] == "tee:heavy-220"
    assert api.get(f"/admin/products/{created.body['id']}", headers=ADMIN).body["handle"] == "tee:heavy-220"

    found = api.get("/admin/products?handle=tee:heavy-220", headers=ADMIN)
    assert found.status == 200 and found.body["next_cursor"] is None
    assert [(p["id"], p["handle"], p["status"]) for p in found.body["items"]] == [
        (created.body["id"], "tee:heavy-220", "draft")
    ]
    # the status filter does not apply to a handle look-up
    assert len(api.get("/admin/products?handle=tee:heavy-220&status=listed", headers=ADMIN).body["items"]) == 1
    assert api.get("/admin/products?handle=no-such", headers=ADMIN).body == {"items": [], "next_cursor": None}
    assert api.get("/admin/products?handle=" + "x" * 3000, headers=ADMIN).body["items"] == []
    plain = api.product(category["id"])
    assert plain["handle"] is None
    listed = api.get("/admin/products?status=listed", headers=ADMIN).body["items"]
    assert [p["handle"] for p in listed if p["id"] == plain["id"]] == [None]


def test_a_handle_is_unique_and_a_refused_product_writes_nothing(api):
    category = api.category()
    api.post("/admin/products", product_body(category["id"], handle="same"), headers=ADMIN)
    r = api.post(
        "/admin/products",
        product_body(category["id"], handle="same", skus=[sku_body("FREE-1")]),
        headers=ADMIN,
    )
    assert r.status == 409 and r.code == "handle_taken" and r.body["handle"] == "same"
    assert api.get("/admin/inventory/FREE-1", headers=ADMIN).status == 404


def test_a_handle_has_a_shape_and_cannot_be_changed(api):
    category = api.category()
    r = api.post("/admin/products", product_body(category["id"], handle="has space"), headers=ADMIN)
    assert r.status == 400 and r.body["errors"][0]["field"] == "handle"
    product = api.post("/admin/products", product_body(category["id"], handle="fixed"), headers=ADMIN).body
    r = api.patch(f"/admin/products/{product['id']}", {"handle": "moved"}, headers=ADMIN)
    assert r.status == 400 and r.body["errors"][0] == {
        "field": "handle",
        "code": "unknown_field",
        "message": r.body["errors"][0]["message"],
    }
    assert api.get("/admin/products?handle=fixed", headers=ADMIN).body["items"][0]["id"] == product["id"]
