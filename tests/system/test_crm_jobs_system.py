"""CRM targeting on the local stack (DynamoDB Local, over HTTP; ADR 0019): a
birthday coupon is granted once even when the job runs twice (the sparse
birthday index and the conditional grant on a real DynamoDB), told to the
consenting customer, and usable by them alone; a targeted coupon is refused for
a customer outside its audience."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chalicelib.domain.clock import business_date
from chalicelib.domain.targeting import grant_code
from tests.support import ADMIN, iso, sku_body


def _cart(api, me: dict[str, str], sku: str) -> str:
    cart = api.post("/carts", headers=me).body["id"]
    assert api.post(f"/carts/{cart}/items", {"sku": sku, "quantity": 1}, headers=me).status == 200
    return cart


def test_a_birthday_coupon_is_granted_once_when_the_job_runs_twice(api):
    as_of = datetime.now(UTC) - timedelta(minutes=5)
    day = business_date(as_of, "Asia/Shanghai") + timedelta(days=7)
    customer, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    birthday = day.replace(year=1992).isoformat()  # a leap year: any day exists
    assert api.patch("/me", {"birthday": birthday, "marketing_consent": True}, headers=me).status == 200
    _, other_token = api.customer()
    other = {"Authorization": f"Bearer {other_token}"}
    assert api.patch("/me", {"birthday": "1992-01-01" if day.month != 1 else "1992-06-01"}, headers=other).status == 200

    runs = [api.post("/admin/jobs/birthday_coupons/runs", {"as_of": iso(as_of)}, headers=ADMIN) for _ in range(2)]
    assert [r.status for r in runs] == [200, 200]
    first, second = (r.body["summary"] for r in runs)
    assert (first["examined"], first["granted"], first["notified"]) == (1, 1, 1)
    assert (second["examined"], second["granted"], second["already_granted"], second["notified"]) == (1, 0, 1, 0)

    code = grant_code("birthday", customer["id"], f"{day.year}")
    inbox = api.get("/me/notifications", headers=me).body["items"]
    assert len(inbox) == 1 and code in inbox[0]["body"]
    api.product(api.category()["id"], skus=[sku_body("CRM-1", price=5000, stock=5)])
    mine = api.post(f"/carts/{_cart(api, me, 'CRM-1')}/coupons", {"code": code}, headers=me)
    assert mine.status == 200 and mine.body["discount_total"]["amount"] == 2000
    theirs = api.post(f"/carts/{_cart(api, other, 'CRM-1')}/coupons", {"code": code}, headers=other)
    assert (theirs.status, theirs.body["reason"]) == (422, "not_found")


def test_a_targeted_coupon_is_refused_for_a_customer_outside_its_audience(api):
    now = datetime.now(UTC)
    window = {"starts_at": iso(now - timedelta(hours=1)), "ends_at": iso(now + timedelta(days=1))}
    for code, audience in (("CHAMPS", {"segments": ["champions"]}), ("HELLO", {"new_customers": True})):
        body = {"code": code, **window, "amount_off": {"amount": 300, "currency": "CNY"}, "audience": audience}
        assert api.post("/admin/coupons", body, headers=ADMIN).status == 201
    api.product(api.category()["id"], skus=[sku_body("CRM-2", price=5000, stock=5)])
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = _cart(api, me, "CRM-2")
    refused = api.post(f"/carts/{cart}/coupons", {"code": "CHAMPS"}, headers=me)
    assert (refused.status, refused.body["code"], refused.body["reason"]) == (
        422,
        "coupon_invalid",
        "audience_mismatch",
    )
    welcomed = api.post(f"/carts/{cart}/coupons", {"code": "HELLO"}, headers=me)
    assert welcomed.status == 200 and welcomed.body["coupon"]["applied"] is True
