"""Carts over the API: guest and customer carts, lines, ownership, merge, warnings."""

from __future__ import annotations

from tests.support import ADMIN, money, sku_body


def guest_cart(api):
    r = api.post("/carts")
    assert r.status == 201, r.body
    return r.body["id"], {"X-Cart-Token": r.body["token"]}


def shop(api, *skus):
    category = api.category()
    return api.product(category["id"], skus=list(skus))


def test_guest_cart_is_created_with_a_token_and_read_only_with_it(api):
    cart_id, guest = guest_cart(api)
    r = api.get(f"/carts/{cart_id}", headers=guest)
    assert r.status == 200 and r.body["lines"] == [] and r.body["total"] == money(0)
    assert r.body["expires_at"] is not None and "token" not in r.body
    assert api.get(f"/carts/{cart_id}").status == 404
    assert api.get(f"/carts/{cart_id}", headers={"X-Cart-Token": "ct_wrong"}).status == 404


def test_add_lines_and_the_cart_is_priced(api):
    shop(api, sku_body("C-1", price=10000, stock=5), sku_body("C-2", price=2550, stock=5))
    cart_id, guest = guest_cart(api)
    api.post(f"/carts/{cart_id}/items", {"sku": "C-1", "quantity": 2}, headers=guest)
    r = api.post(f"/carts/{cart_id}/items", {"sku": "C-2", "quantity": 1}, headers=guest)
    assert r.status == 200, r.body
    lines = {line["sku"]: line for line in r.body["lines"]}
    assert lines["C-1"]["unit_price"] == money(10000) and lines["C-1"]["line_total"] == money(20000)
    assert lines["C-2"]["line_total"] == money(2550)
    assert r.body["subtotal"] == money(22550) and r.body["total"] == money(22550)
    assert r.body["item_count"] == 3
    again = api.post(f"/carts/{cart_id}/items", {"sku": "C-1", "quantity": 1}, headers=guest)
    assert {line["sku"]: line["quantity"] for line in again.body["lines"]}["C-1"] == 3


def test_quantity_limits_and_unknown_or_unavailable_skus(api):
    product = shop(api, sku_body("Q-1", stock=200))
    draft = api.product(product["category_id"], status="draft", skus=[sku_body("Q-DRAFT")])
    assert draft["status"] == "draft"
    cart_id, guest = guest_cart(api)
    for quantity in (0, 100, -1):
        r = api.post(f"/carts/{cart_id}/items", {"sku": "Q-1", "quantity": quantity}, headers=guest)
        assert r.status == 400, quantity
    r = api.post(f"/carts/{cart_id}/items", {"sku": "NOPE", "quantity": 1}, headers=guest)
    assert r.status == 404
    r = api.post(f"/carts/{cart_id}/items", {"sku": "Q-DRAFT", "quantity": 1}, headers=guest)
    assert r.status == 409 and r.code == "not_available"
    api.post(f"/carts/{cart_id}/items", {"sku": "Q-1", "quantity": 60}, headers=guest)
    r = api.post(f"/carts/{cart_id}/items", {"sku": "Q-1", "quantity": 40}, headers=guest)
    assert r.status == 400 and r.body["errors"][0]["field"] == "quantity"


def test_more_than_available_is_out_of_stock(api):
    shop(api, sku_body("S-1", stock=3))
    cart_id, guest = guest_cart(api)
    r = api.post(f"/carts/{cart_id}/items", {"sku": "S-1", "quantity": 4}, headers=guest)
    assert r.status == 409 and r.code == "out_of_stock" and r.body["skus"] == ["S-1"] and r.body["available"] == 3
    api.post(f"/carts/{cart_id}/items", {"sku": "S-1", "quantity": 3}, headers=guest)
    r = api.patch(f"/carts/{cart_id}/items/S-1", {"quantity": 4}, headers=guest)
    assert r.status == 409 and r.code == "out_of_stock"


def test_clients_never_send_prices(api):
    shop(api, sku_body("P-1"))
    cart_id, guest = guest_cart(api)
    r = api.post(f"/carts/{cart_id}/items", {"sku": "P-1", "quantity": 1, "price": money(1)}, headers=guest)
    assert r.status == 400 and r.code == "read_only_field"
    r = api.post(f"/carts/{cart_id}/items", {"sku": "P-1", "quantity": 1, "unit_price": money(1)}, headers=guest)
    assert r.status == 400 and r.code == "read_only_field"
    r = api.patch(f"/carts/{cart_id}/items/P-1", {"quantity": 1, "total": money(1)}, headers=guest)
    assert r.status == 400 and r.code == "read_only_field"


def test_update_and_remove_lines(api):
    shop(api, sku_body("U-1", stock=10))
    cart_id, guest = guest_cart(api)
    api.post(f"/carts/{cart_id}/items", {"sku": "U-1", "quantity": 1}, headers=guest)
    r = api.patch(f"/carts/{cart_id}/items/U-1", {"quantity": 5}, headers=guest)
    assert r.body["lines"][0]["quantity"] == 5
    assert api.patch(f"/carts/{cart_id}/items/OTHER", {"quantity": 1}, headers=guest).status == 404
    r = api.delete(f"/carts/{cart_id}/items/U-1", headers=guest)
    assert r.status == 200 and r.body["lines"] == []
    assert api.delete(f"/carts/{cart_id}/items/U-1", headers=guest).status == 404


def test_customer_has_one_active_cart_and_another_customer_sees_404(api):
    _, alice = api.customer()
    _, bob = api.customer()
    alice_h = {"Authorization": f"Bearer {alice}"}
    first = api.post("/carts", headers=alice_h)
    assert first.status == 201 and "token" not in first.body and first.body["expires_at"] is None
    second = api.post("/carts", headers=alice_h)
    assert second.status == 200 and second.body["id"] == first.body["id"]
    cart_id = first.body["id"]
    bob_h = {"Authorization": f"Bearer {bob}"}
    assert api.get(f"/carts/{cart_id}", headers=bob_h).status == 404
    shop(api, sku_body("O-1"))
    assert api.post(f"/carts/{cart_id}/items", {"sku": "O-1", "quantity": 1}, headers=bob_h).status == 404
    assert api.get(f"/carts/{cart_id}").status == 404
    assert api.get(f"/carts/{cart_id}", headers=alice_h).status == 200


def test_merge_sums_quantities_and_consumes_the_guest_cart(api):
    shop(api, sku_body("M-1", stock=200), sku_body("M-2", stock=200))
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    mine = api.post("/carts", headers=me).body["id"]
    api.post(f"/carts/{mine}/items", {"sku": "M-1", "quantity": 2}, headers=me)
    guest_id, guest = guest_cart(api)
    api.post(f"/carts/{guest_id}/items", {"sku": "M-1", "quantity": 3}, headers=guest)
    api.post(f"/carts/{guest_id}/items", {"sku": "M-2", "quantity": 1}, headers=guest)
    r = api.post(f"/carts/{mine}/merge", {"guest_cart_id": guest_id, "guest_token": guest["X-Cart-Token"]}, headers=me)
    assert r.status == 200, r.body
    assert {line["sku"]: line["quantity"] for line in r.body["lines"]} == {"M-1": 5, "M-2": 1}
    assert api.get(f"/carts/{guest_id}", headers=guest).status == 404
    again = api.post(
        f"/carts/{mine}/merge", {"guest_cart_id": guest_id, "guest_token": guest["X-Cart-Token"]}, headers=me
    )
    assert again.status == 404


def test_merge_needs_the_guest_token_and_a_signed_in_customer(api):
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    mine = api.post("/carts", headers=me).body["id"]
    guest_id, guest = guest_cart(api)
    r = api.post(f"/carts/{mine}/merge", {"guest_cart_id": guest_id, "guest_token": "ct_wrong"}, headers=me)
    assert r.status == 404
    r = api.post(f"/carts/{mine}/merge", {"guest_cart_id": guest_id, "guest_token": guest["X-Cart-Token"]})
    assert r.status == 401


def test_warnings_when_price_changes_stock_runs_out_or_product_is_delisted(api):
    product = shop(api, sku_body("W-1", price=1000, stock=5), sku_body("W-2", price=500, stock=5))
    cart_id, guest = guest_cart(api)
    api.post(f"/carts/{cart_id}/items", {"sku": "W-1", "quantity": 2}, headers=guest)
    api.post(f"/carts/{cart_id}/items", {"sku": "W-2", "quantity": 1}, headers=guest)
    api.patch(f"/admin/products/{product['id']}", {"skus": [{"code": "W-1", "price": money(1200)}]}, headers=ADMIN)
    api.post("/admin/inventory/W-2/adjustments", {"delta": -5, "reason": "damaged"}, headers=ADMIN)
    r = api.get(f"/carts/{cart_id}", headers=guest)
    codes = {(w["code"], w.get("sku")) for w in r.body["warnings"]}
    assert ("price_changed", "W-1") in codes and ("out_of_stock", "W-2") in codes
    changed = next(w for w in r.body["warnings"] if w["code"] == "price_changed")
    assert (changed["previous"], changed["current"]) == (money(1000), money(1200))
    assert {line["sku"]: line["unit_price"] for line in r.body["lines"]}["W-1"] == money(1200)
    api.post(f"/admin/products/{product['id']}/delist", {"reason": "discontinued"}, headers=ADMIN)
    r = api.get(f"/carts/{cart_id}", headers=guest)
    assert r.body["lines"] == [] and {u["sku"] for u in r.body["unavailable_lines"]} == {"W-1", "W-2"}
    assert r.body["total"] == money(0)


def test_shipping_address_is_validated_and_stored(api):
    cart_id, guest = guest_cart(api)
    r = api.request("PUT", f"/carts/{cart_id}/shipping-address", {"name": "Mei", "phone": "x"}, headers=guest)
    assert r.status == 400
    address = {
        "name": "Mei",
        "phone": "+86 138 0000 0000",
        "province": "Zhejiang",
        "city": "Hangzhou",
        "line1": "1 West Lake Rd",
    }
    r = api.request("PUT", f"/carts/{cart_id}/shipping-address", address, headers=guest)
    assert r.status == 200 and r.body["shipping_address"]["province"] == "Zhejiang"


def test_a_guest_cart_is_never_a_merge_target(api):
    _, token = api.customer()
    guest_id, guest = guest_cart(api)
    other_id, other = guest_cart(api)
    both = {"Authorization": f"Bearer {token}", **guest}
    r = api.post(
        f"/carts/{guest_id}/merge", {"guest_cart_id": other_id, "guest_token": other["X-Cart-Token"]}, headers=both
    )
    assert r.status == 404
