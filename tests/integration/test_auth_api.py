"""Customer accounts and staff keys over the API."""

from __future__ import annotations

import base64
import json

from tests.support import ADMIN


def test_register_returns_a_working_token(api):
    r = api.post("/auth/register", {"email": "Mei@Example.com", "password": "long enough", "name": "Mei"})
    assert r.status == 201
    assert r.body["customer"]["email"] == "mei@example.com"
    assert r.body["expires_in"] == 3600
    me = api.get("/me", headers={"Authorization": f"Bearer {r.body['access_token']}"})
    assert me.status == 200 and me.body["id"] == r.body["customer"]["id"]


def test_register_twice_with_the_same_email_is_409(api):
    api.customer("dup@example.com")
    r = api.post("/auth/register", {"email": "DUP@example.com", "password": "long enough", "name": "Again"})
    assert r.status == 409 and r.code == "email_taken"


def test_short_password_is_refused(api):
    r = api.post("/auth/register", {"email": "a@example.com", "password": "short", "name": "A"})
    assert r.status == 400 and r.body["errors"][0]["field"] == "password"


def test_login_with_right_and_wrong_password(api):
    api.customer("login@example.com", password="right password")
    ok = api.post("/auth/login", {"email": "login@example.com", "password": "right password"})
    assert ok.status == 200 and ok.body["access_token"]
    wrong = api.post("/auth/login", {"email": "login@example.com", "password": "wrong password"})
    unknown = api.post("/auth/login", {"email": "nobody@example.com", "password": "right password"})
    for r in (wrong, unknown):
        assert r.status == 401 and r.code == "invalid_credentials"
        assert r.header("WWW-Authenticate") == "Bearer"


def test_customer_routes_need_a_valid_token(api):
    _, token = api.customer()
    assert api.get("/me").code == "unauthorized"
    assert api.get("/me", headers={"Authorization": "Basic abc"}).code == "invalid_token"
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["sub"] = "cus_someone_else"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    r = api.get("/me", headers={"Authorization": f"Bearer {header}.{forged}.{signature}"})
    assert r.status == 401 and r.code == "invalid_token"


def test_staff_routes_need_a_key(api):
    missing = api.get("/admin/products")
    assert missing.status == 401 and missing.header("WWW-Authenticate") is None
    r = api.get("/admin/products", headers={"X-Api-Key": "not-a-key"})
    assert r.status == 401 and r.code == "invalid_api_key"


def test_roles_are_checked_per_route(api):
    warehouse = api.staff_key("warehouse")
    category = api.category()
    r = api.post("/admin/categories", {"name": "X", "slug": "x"}, headers=warehouse)
    assert r.status == 403 and r.code == "forbidden"
    product = api.product(
        category["id"],
        skus=[{"code": "W-1", "price": {"amount": 100, "currency": "CNY"}, "weight_grams": 1, "stock": 3}],
    )
    assert api.get("/admin/inventory/W-1", headers=warehouse).status == 200
    adjusted = api.post("/admin/inventory/W-1/adjustments", {"delta": 2, "reason": "receiving"}, headers=warehouse)
    assert adjusted.status == 201
    finance = api.staff_key("finance")
    assert (
        api.post("/admin/inventory/W-1/adjustments", {"delta": 1, "reason": "receiving"}, headers=finance).status == 403
    )
    assert api.patch(f"/admin/products/{product['id']}", {"title": "New"}, headers=finance).status == 403


def test_only_admins_manage_keys_and_a_revoked_key_stops_working(api):
    ops = api.staff_key("operations")
    assert api.post("/admin/api-keys", {"name": "x", "roles": ["admin"]}, headers=ops).status == 403
    listed = api.get("/admin/api-keys", headers=ADMIN).body["items"]
    ops_id = next(k["id"] for k in listed if k["roles"] == ["operations"])
    assert "key" not in listed[0] and "digest" not in listed[0]
    assert api.delete(f"/admin/api-keys/{ops_id}", headers=ADMIN).status == 204
    assert api.get("/admin/products", headers=ops).status == 401
    assert api.delete(f"/admin/api-keys/{ops_id}", headers=ADMIN).status == 404


def test_unknown_role_is_refused(api):
    r = api.post("/admin/api-keys", {"name": "x", "roles": ["superuser"]}, headers=ADMIN)
    assert r.status == 400 and r.body["errors"][0]["code"] == "unknown_role"


def test_bootstrap_admin_key_is_refused_outside_the_local_stage(api):
    import pytest

    from chalicelib.bootstrap import get_container
    from chalicelib.domain.errors import Forbidden

    with pytest.raises(Forbidden):
        get_container().auth.bootstrap_admin_key("some-key", "prod")
