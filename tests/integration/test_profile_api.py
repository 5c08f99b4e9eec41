"""The customer profile and address book on moto: one source for locale, phone and
marketing consent (the notification preferences read and write the same fields),
phone numbers stored in E.164, one default address that checkout uses when the
request gives none, and another customer's address is not found."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.integration.test_openapi_contract import Checked
from tests.support import sku_body


@pytest.fixture
def c(api) -> Checked:
    return Checked(api)


def _me(api) -> dict[str, str]:
    _, token = api.customer()
    return {"Authorization": f"Bearer {token}"}


ADDRESS = {
    "name": "Lin Qiao",
    "phone": "139 0000 1111",
    "province": "Sichuan",
    "city": "Chengdu",
    "line1": "8 Jinli St",
}


def test_the_profile_is_read_and_patched(api, c):
    me = _me(api)
    profile = c.call("GET", "/me", headers=me, expect=200).body
    assert profile["phone"] is None and profile["birthday"] is None and profile["locale"] == "zh-CN"
    assert profile["marketing_consent"] == {"granted": False, "at": None, "source": None}
    body = {"name": " Lin ", "phone": "138 0013 8000", "birthday": "1990-05-01", "marketing_consent": True}
    patched = c.call("PATCH", "/me", json_body=body, headers=me, expect=200).body
    assert patched["name"] == "Lin" and patched["phone"] == "+8613800138000" and patched["birthday"] == "1990-05-01"
    consent = patched["marketing_consent"]
    assert consent["granted"] is True and consent["source"] == "profile" and consent["at"]
    again = c.call("PATCH", "/me", json_body={"marketing_consent": True}, headers=me, expect=200).body
    assert again["marketing_consent"] == consent  # the same choice keeps when and how it was given
    assert c.call("GET", "/me", headers=me, expect=200).body == again
    cleared = c.call("PATCH", "/me", json_body={"phone": None, "birthday": None}, headers=me, expect=200).body
    assert cleared["phone"] is None and cleared["birthday"] is None


@pytest.mark.parametrize(
    "body, field",
    [
        ({"phone": "12345"}, "phone"),
        ({"phone": "12800138000"}, "phone"),  # 11 digits from 1: a mobile number, but 12 is no prefix
        ({"phone": "1" * 40}, "phone"),
        ({"birthday": (date.today() + timedelta(days=2)).isoformat()}, "birthday"),
        ({"birthday": "1899-12-31"}, "birthday"),
        ({"locale": "fr"}, "locale"),
        ({"name": "  "}, "name"),
        ({"nickname": "x"}, "nickname"),
    ],
)
def test_a_bad_profile_change_is_refused(api, body, field):
    me = _me(api)
    r = api.patch("/me", body, headers=me)
    assert r.status == 400, r.body
    assert field in {e["field"] for e in r.body["errors"]}


def test_clients_never_set_ids(api):
    r = api.patch("/me", {"id": "cus_x", "email": "x@example.com"}, headers=_me(api))
    assert r.status == 400 and r.body["code"] == "read_only_field"


def test_preferences_and_profile_are_one_record(api, c):
    me = _me(api)
    c.call("PATCH", "/me", json_body={"locale": "en", "phone": "13800138001"}, headers=me, expect=200)
    prefs = c.call("GET", "/me/notification-preferences", headers=me, expect=200).body
    assert prefs["locale"] == "en" and prefs["phone"] == "+8613800138001" and prefs["marketing"] is False
    body = {"marketing": True, "phone": "+8613800138002", "locale": "zh-CN"}
    c.call("PUT", "/me/notification-preferences", json_body=body, headers=me, expect=200)
    profile = c.call("GET", "/me", headers=me, expect=200).body
    assert profile["phone"] == "+8613800138002" and profile["locale"] == "zh-CN"
    assert profile["marketing_consent"]["granted"] is True
    assert profile["marketing_consent"]["source"] == "preferences"
    c.call("PATCH", "/me", json_body={"marketing_consent": False}, headers=me, expect=200)
    assert c.call("GET", "/me/notification-preferences", headers=me, expect=200).body["marketing"] is False


def test_consent_in_the_profile_puts_the_customer_in_the_campaign_audience(api):
    from chalicelib.bootstrap import get_container

    me = _me(api)
    customer_id = api.get("/me", headers=me).body["id"]
    api.patch("/me", {"marketing_consent": True}, headers=me)
    audience = get_container().notifications.preferences.audience(100, None).items
    assert [p.marketing for p in audience if p.customer_id == customer_id] == [True]


def test_the_address_book_keeps_exactly_one_default(api, c):
    me = _me(api)
    first = c.call("POST", "/me/addresses", json_body=ADDRESS, headers=me, expect=201).body
    assert first["id"].startswith("addr_") and first["is_default"] is True and first["phone"] == "+8613900001111"
    second = c.call("POST", "/me/addresses", json_body={**ADDRESS, "line1": "9 Rd"}, headers=me, expect=201).body
    assert second["is_default"] is False
    third = api.post("/me/addresses", {**ADDRESS, "line1": "10 Rd", "is_default": True}, headers=me).body
    book = c.call("GET", "/me/addresses", headers=me, expect=200).body["items"]
    assert [a["is_default"] for a in book] == [False, False, True]
    moved = c.call(
        "PATCH",
        "/me/addresses/{address_id}",
        params={"address_id": second["id"]},
        json_body={"is_default": True},
        headers=me,
        expect=200,
    )
    assert moved.body["is_default"] is True
    book = api.get("/me/addresses", headers=me).body["items"]
    assert [a["id"] for a in book if a["is_default"]] == [second["id"]]
    c.call("DELETE", "/me/addresses/{address_id}", params={"address_id": second["id"]}, headers=me, expect=204)
    book = api.get("/me/addresses", headers=me).body["items"]
    assert [(a["id"], a["is_default"]) for a in book] == [(first["id"], True), (third["id"], False)]
    edited = c.call(
        "PATCH",
        "/me/addresses/{address_id}",
        params={"address_id": third["id"]},
        json_body={"city": "Mianyang"},
        headers=me,
        expect=200,
    )
    assert edited.body["city"] == "Mianyang" and edited.body["line1"] == "10 Rd"
    assert api.patch(f"/me/addresses/{third['id']}", {"is_default": False}, headers=me).status == 400


def test_the_address_book_is_bounded_and_private(api):
    me, other = _me(api), _me(api)
    ids = [api.post("/me/addresses", ADDRESS, headers=me).body["id"] for _ in range(20)]
    full = api.post("/me/addresses", ADDRESS, headers=me)
    assert full.status == 409 and full.body["code"] == "address_book_full"
    assert api.patch(f"/me/addresses/{ids[0]}", {"city": "X"}, headers=other).status == 404
    assert api.delete(f"/me/addresses/{ids[0]}", headers=other).status == 404
    assert api.delete("/me/addresses/addr_nope", headers=me).status == 404
    assert len(api.get("/me/addresses", headers=me).body["items"]) == 20
    assert api.get("/me/addresses").status == 401


def test_checkout_uses_the_default_address_when_the_request_gives_none(api, gateway):
    category = api.category()
    api.product(category["id"], skus=[sku_body("PRF-1", stock=10)])
    me = _me(api)

    def cart() -> str:
        cart_id = api.post("/carts", headers=me).body["id"]
        api.post(f"/carts/{cart_id}/items", {"sku": "PRF-1", "quantity": 1}, headers=me)
        return str(cart_id)

    first = cart()
    refused = api.post("/checkout", {"cart_id": first}, headers={**me, "Idempotency-Key": first})
    assert refused.status == 400 and refused.body["code"] == "shipping_address_required"
    api.post("/me/addresses", ADDRESS, headers=me)
    placed = api.post("/checkout", {"cart_id": first}, headers={**me, "Idempotency-Key": f"{first}-2"})
    assert placed.status == 201, placed.body
    assert placed.body["order"]["shipping_address"]["line1"] == "8 Jinli St"
    api.post(f"/orders/{placed.body['order']['id']}/cancel", headers=me)
    second = cart()
    explicit = {**ADDRESS, "line1": "1 Other Rd"}
    body = {"cart_id": second, "shipping_address": explicit}
    placed = api.post("/checkout", body, headers={**me, "Idempotency-Key": second})
    assert placed.status == 201 and placed.body["order"]["shipping_address"]["line1"] == "1 Other Rd"


def test_a_renamed_customer_is_found_by_the_new_name_only_and_an_erased_one_by_neither(api, c):
    """The staff's name search (GSI2 keys on the profile item) follows PATCH /me, and
    DELETE /me takes the customer out of the e-mail and name searches."""
    r = api.post("/auth/register", {"email": "rename.me@x.test", "password": "correct horse", "name": "Oldname Qi"})
    assert r.status == 201, r.body
    customer_id = r.body["customer"]["id"]
    me = {"Authorization": f"Bearer {r.body['access_token']}"}
    cs = api.staff_key("customer_service")

    def found(q: str) -> list[str]:
        return [
            i["id"] for i in c.call("GET", "/admin/customers", query=f"q={q}", headers=cs, expect=200).body["items"]
        ]

    assert found("oldname") == [customer_id]
    c.call("PATCH", "/me", json_body={"name": "Newname Qi"}, headers=me, expect=200)
    assert found("newname") == [customer_id]
    assert found("oldname") == []
    c.call("DELETE", "/me", headers=me, expect=204)
    assert found("newname") == [] and found("rename.me%40") == []
