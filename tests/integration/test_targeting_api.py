"""CRM targeting on moto (ADR 0019): coupons and promotions for an audience, the
priority of a high-value customer's order in the to-ship list, and the birthday
and loyalty coupon jobs, each granting once per customer and period."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from chalicelib.domain.clock import business_date
from chalicelib.domain.customer_stats import month_of
from chalicelib.domain.targeting import grant_code, quarter_of
from tests.integration.test_fulfillment_api import (
    ADDRESS,
    drain,
    runner,  # noqa: F401 - the fulfillment queue's runner fixture
)
from tests.integration.test_openapi_contract import Checked
from tests.payments import signed
from tests.support import ADMIN, iso, sku_body


@pytest.fixture
def c(api) -> Checked:
    return Checked(api)


def _customer(api, segment: str | None = None) -> tuple[str, dict[str, str]]:
    customer, token = api.customer()
    if segment is not None:
        from chalicelib.adapters.dynamo.crm import DynamoRfm
        from chalicelib.domain.customer_stats import CustomerStats
        from chalicelib.domain.rfm import RfmScore
        from chalicelib.services.crm_ports import ScoredCustomer

        score = RfmScore(5, 5, 5, segment, date.today())
        DynamoRfm().set_scores([(ScoredCustomer(CustomerStats(customer["id"]), None), score)])
    return customer["id"], {"Authorization": f"Bearer {token}"}


def _coupon(c: Checked, code: str, **extra) -> dict:
    now = datetime.now(UTC)
    body = {
        "code": code,
        "starts_at": iso(now - timedelta(hours=1)),
        "ends_at": iso(now + timedelta(days=1)),
        "amount_off": {"amount": 500, "currency": "CNY"},
        **extra,
    }
    return c.call("POST", "/admin/coupons", json_body=body, headers=ADMIN, expect=201).body


def _cart(api, me: dict[str, str] | None, sku: str) -> str:
    cart = api.post("/carts", headers=me or {}).body
    headers = me or {"X-Cart-Token": cart["token"]}
    api.post(f"/carts/{cart['id']}/items", {"sku": sku, "quantity": 1}, headers=headers)
    return cart["id"] if me else (cart["id"], headers)


def test_a_targeted_coupon_applies_only_to_its_audience(api, c):
    api.product(api.category()["id"], skus=[sku_body("TG-1", price=5000, stock=20)])
    coupon = _coupon(c, "LOYALONLY", audience={"segments": ["loyal", "champions"]})
    assert coupon["audience"] == {"segments": ["champions", "loyal"], "new_customers": False, "paid_members": False}
    _coupon(c, "WELCOME", audience={"new_customers": True})

    _, loyal = _customer(api, "loyal")
    cart = _cart(api, loyal, "TG-1")
    applied = c.call(
        "POST",
        "/carts/{cart_id}/coupons",
        params={"cart_id": cart},
        json_body={"code": "LOYALONLY"},
        headers=loyal,
        expect=200,
    )
    assert applied.body["coupon"] == {"code": "LOYALONLY", "applied": True, "reason": None}
    assert applied.body["discount_total"]["amount"] == 500

    _, lost = _customer(api, "lost")
    cart = _cart(api, lost, "TG-1")
    refused = c.call(
        "POST",
        "/carts/{cart_id}/coupons",
        params={"cart_id": cart},
        json_body={"code": "LOYALONLY"},
        headers=lost,
        expect=422,
    )
    assert (refused.body["code"], refused.body["reason"]) == ("coupon_invalid", "audience_mismatch")
    # No paid order counted yet: a new customer, whatever else they are.
    welcome = api.post(f"/carts/{cart}/coupons", {"code": "WELCOME"}, headers=lost)
    assert welcome.status == 200 and welcome.body["coupon"]["applied"] is True

    guest_cart, guest = _cart(api, None, "TG-1")
    refused = api.post(f"/carts/{guest_cart}/coupons", {"code": "WELCOME"}, headers=guest)
    assert (refused.status, refused.body["reason"]) == (422, "audience_mismatch")


def test_invalid_audiences_are_refused(api, c):
    for audience, field in (({}, "audience"), ({"segments": ["whales"]}, "audience.segments")):
        r = api.post(
            "/admin/coupons",
            {
                "code": "BAD",
                "starts_at": iso(datetime.now(UTC)),
                "ends_at": iso(datetime.now(UTC) + timedelta(days=1)),
                "amount_off": {"amount": 100, "currency": "CNY"},
                "audience": audience,
            },
            headers=ADMIN,
        )
        assert r.status == 400 and [e["field"] for e in r.body["errors"]] == [field], r.body


def test_a_member_day_for_a_segment_reaches_returning_customers_who_are_not_members(api, c):
    api.product(api.category()["id"], skus=[sku_body("TG-2", price=10000, stock=20)])
    now = datetime.now(UTC)
    weekday = business_date(now, "Asia/Shanghai").isoweekday()
    body = {
        "name": "Returning customers' day",
        "type": "member_day",
        "starts_at": iso(now - timedelta(hours=1)),
        "ends_at": iso(now + timedelta(days=2)),
        "weekday": weekday,
        "percent": 10,
        "audience": {"segments": ["loyal", "at_risk"]},
    }
    promotion = c.call("POST", "/admin/promotions", json_body=body, headers=ADMIN, expect=201).body
    assert promotion["audience"]["segments"] == ["at_risk", "loyal"]
    from chalicelib.bootstrap import get_container

    get_container()._cached_promotions.invalidate()

    _, loyal = _customer(api, "loyal")
    view = api.get(f"/carts/{_cart(api, loyal, 'TG-2')}", headers=loyal).body
    assert [a["type"] for a in view["lines"][0]["adjustments"]] == ["member_day"]
    _, champion = _customer(api, "champions")
    view = api.get(f"/carts/{_cart(api, champion, 'TG-2')}", headers=champion).body
    assert view["lines"][0]["adjustments"] == []

    cleared = c.call(
        "PATCH",
        "/admin/promotions/{promotion_id}",
        params={"promotion_id": promotion["id"]},
        json_body={"audience": None},
        headers=ADMIN,
        expect=200,
    ).body
    assert cleared["audience"] is None  # back to paid members only: the loyal non-member loses it
    get_container()._cached_promotions.invalidate()
    view = api.get(f"/carts/{_cart(api, loyal, 'TG-2')}", headers=loyal).body
    assert view["lines"][0]["adjustments"] == []


def test_a_high_value_customers_order_is_priority_and_heads_the_to_ship_list(api, gateway, runner):  # noqa: F811
    api.product(api.category()["id"], skus=[sku_body("TG-3", price=3000, stock=20)])

    def order(me: dict[str, str]) -> str:
        cart = _cart(api, me, "TG-3")
        placed = api.post(
            "/checkout", {"cart_id": cart, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": cart}
        ).body
        payload, headers = signed(gateway.succeed(placed["payment"]["payment_intent_id"]))
        assert api.request("POST", "/webhooks/stripe", raw=payload, headers=headers).body["outcome"] == "paid"
        return placed["order"]["id"]

    _, champion = _customer(api, "champions")
    _, ordinary = _customer(api, "potential")
    first = order(champion)  # older: newest-first alone would list it last
    second = order(ordinary)
    assert api.get(f"/orders/{first}", headers=champion).body["priority"] is True
    assert api.get(f"/orders/{second}", headers=ordinary).body["priority"] is False
    drain(runner)
    listed = api.get("/admin/fulfillments?status=awaiting_shipment", headers=ADMIN).body["items"]
    assert [(f["order_id"], f["priority"]) for f in listed] == [(first, True), (second, False)]
    summaries = {
        o["id"]: o["priority"] for o in api.get("/admin/orders?status=fulfilling", headers=ADMIN).body["items"]
    }
    assert summaries == {first: True, second: False}


def test_birthday_coupons_are_granted_once_and_told_to_those_who_consent(api, c):
    as_of = datetime.now(UTC) - timedelta(minutes=5)
    day = business_date(as_of, "Asia/Shanghai") + timedelta(days=7)
    born = day.replace(year=1992)  # a leap year: any day of the year exists
    told, me = _customer(api)
    quiet, quiet_me = _customer(api)
    other, other_me = _customer(api)
    api.patch("/me", {"birthday": born.isoformat(), "marketing_consent": True}, headers=me)
    api.patch("/me", {"birthday": born.isoformat()}, headers=quiet_me)
    later_born = (day + timedelta(days=1)).replace(year=1992)
    api.patch("/me", {"birthday": later_born.isoformat(), "marketing_consent": True}, headers=other_me)

    run = c.call(
        "POST",
        "/admin/jobs/{name}/runs",
        params={"name": "birthday_coupons"},
        json_body={"as_of": iso(as_of)},
        headers=ADMIN,
        expect=200,
    )
    summary = run.body["summary"]
    assert (summary["birthday"], summary["examined"], summary["granted"], summary["notified"]) == (
        day.isoformat(),
        2,
        2,
        1,
    )
    again = api.post("/admin/jobs/birthday_coupons/runs", {"as_of": iso(as_of)}, headers=ADMIN).body["summary"]
    assert (again["granted"], again["already_granted"], again["notified"]) == (0, 2, 0)

    inbox = api.get("/me/notifications", headers=me).body["items"]
    code = grant_code("birthday", told, f"{day.year}")
    assert len(inbox) == 1 and code in inbox[0]["body"]
    assert api.get("/me/notifications", headers=quiet_me).body["items"] == []
    # The coupon is the customer's own: it applies for them and is unknown to anyone else.
    api.product(api.category()["id"], skus=[sku_body("TG-4", price=5000, stock=5)])
    mine = api.post(f"/carts/{_cart(api, me, 'TG-4')}/coupons", {"code": code}, headers=me)
    assert mine.status == 200 and mine.body["discount_total"]["amount"] == 2000
    theirs = api.post(f"/carts/{_cart(api, other_me, 'TG-4')}/coupons", {"code": code}, headers=other_me)
    assert (theirs.status, theirs.body["reason"]) == (422, "not_found")

    api.patch("/me", {"birthday": None}, headers=quiet_me)  # off the index: a run finds only one
    later = api.post("/admin/jobs/birthday_coupons/runs", {"as_of": iso(as_of)}, headers=ADMIN).body["summary"]
    assert later["examined"] == 1


def test_loyalty_coupons_go_to_customers_over_the_spend_once_a_quarter(api):
    from chalicelib.adapters.dynamo.crm import DynamoCustomerStats
    from chalicelib.domain.customer_stats import CustomerStats, OrderTally

    as_of = datetime.now(UTC) - timedelta(minutes=5)
    quarter = quarter_of(business_date(as_of, "Asia/Shanghai"))
    stats = DynamoCustomerStats()
    spenders = {}
    for spent in (1_200_000, 1_000_000, 300_000):
        cid, _ = _customer(api)
        spenders[spent] = cid
        s = CustomerStats(cid, orders_count=2, total_spent=spent, months={month_of(as_of): [2, spent]}, version=1)
        assert stats.save(s, OrderTally(f"ord_{cid}"), f"evt_{cid}", 0, as_of) == "saved"
    run = api.post("/admin/jobs/loyalty_coupons/runs", {"as_of": iso(as_of)}, headers=ADMIN).body["summary"]
    assert (run["status"], run["quarter"], run["examined"], run["granted"]) == ("done", quarter, 3, 1)
    again = api.post("/admin/jobs/loyalty_coupons/runs", {"as_of": iso(as_of)}, headers=ADMIN).body["summary"]
    assert (again["granted"], again["already_granted"]) == (0, 1)
    from chalicelib.adapters.dynamo.commerce import DynamoCoupons

    coupon = DynamoCoupons().get(grant_code("loyalty", spenders[1_200_000], quarter), None)
    assert coupon is not None and coupon.owner_id == spenders[1_200_000] and coupon.amount_off == 5000
