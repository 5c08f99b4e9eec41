"""Paid membership: staff plans, purchase with an Idempotency-Key, activation by
the payment webhook, member pricing in carts, and the renew_memberships job:
reminder, one off-session charge per period however often (or concurrently) it
runs, dunning past_due -> expired on days 1, 3 and 5, expiry without auto-renew."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.payments import signed
from tests.support import ADMIN, iso, money, sku_body

PLAN = {
    "name": "Gold",
    "price": money(19900),
    "period": "year",
    "benefits": {"member_prices": True, "percent_off": 10, "free_shipping": True},
}


def a_plan(api, **overrides):
    r = api.post("/admin/membership/plans", {**PLAN, **overrides}, headers=ADMIN)
    assert r.status == 201, r.body
    return r.body


def member(api, gateway, plan_id, pm="pm_card_visa", auto_renew=True):
    """A customer buys the plan and Stripe reports the payment; returns their headers."""
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    bought = api.post(
        "/me/membership",
        {"plan_id": plan_id, "payment_method_id": pm, "auto_renew": auto_renew},
        headers={**me, "Idempotency-Key": f"buy-{token[-12:]}"},
    )
    assert bought.status == 201, bought.body
    payload, headers = signed(gateway.succeed(bought.body["payment"]["payment_intent_id"]))
    assert api.request("POST", "/webhooks/stripe", raw=payload, headers=headers).body["outcome"] == "activated"
    return me


def renew(api, as_of):
    r = api.post("/admin/jobs/renew_memberships/runs", {"as_of": iso(as_of)}, headers=ADMIN)
    assert r.status == 200, r.body
    return r.body["summary"]


def period_end(api, me):
    return datetime.fromisoformat(
        api.get("/me/membership", headers=me).body["current_period_end"].replace("Z", "+00:00")
    )


def test_staff_create_plans_and_everyone_can_list_them(api):
    assert api.post("/admin/membership/plans", PLAN, headers=api.staff_key("finance")).status == 403
    wrong = api.post("/admin/membership/plans", {**PLAN, "price": money(100, "USD")}, headers=ADMIN)
    assert wrong.status == 400 and wrong.body["errors"][0]["code"] == "currency_mismatch"
    bad = api.post("/admin/membership/plans", {**PLAN, "period": "week"}, headers=ADMIN)
    assert bad.status == 400
    free = api.post("/admin/membership/plans", {**PLAN, "price": money(0)}, headers=ADMIN)
    assert free.status == 400 and free.body["errors"][0]["field"] == "price.amount"
    plan = a_plan(api)
    listed = api.get("/membership/plans").body["items"]
    assert [p["id"] for p in listed] == [plan["id"]]
    assert listed[0]["price"] == money(19900) and listed[0]["benefits"]["percent_off"] == 10


def test_buying_needs_a_key_and_the_webhook_activates_once(api, gateway):
    plan = a_plan(api)
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    body = {"plan_id": plan["id"], "payment_method_id": "pm_card_visa"}
    assert api.post("/me/membership", body, headers=me).code == "idempotency_key_required"
    assert (
        api.post("/me/membership", {**body, "plan_id": "plan_nope"}, headers={**me, "Idempotency-Key": "k0"}).status
        == 404
    )
    first = api.post("/me/membership", body, headers={**me, "Idempotency-Key": "k1"})
    assert first.status == 201 and first.body["membership"]["status"] == "pending_payment"
    assert first.body["membership"]["is_member"] is False
    again = api.post("/me/membership", body, headers={**me, "Idempotency-Key": "k1"})
    assert again.body == first.body and again.header("Idempotent-Replayed") == "true"
    assert len(gateway.intents) == 1

    event = gateway.succeed(first.body["payment"]["payment_intent_id"])
    payload, headers = signed(event)
    assert api.request("POST", "/webhooks/stripe", raw=payload, headers=headers).body["outcome"] == "activated"
    payload, headers = signed(event)
    assert api.request("POST", "/webhooks/stripe", raw=payload, headers=headers).body["outcome"] == "duplicate"
    mine = api.get("/me/membership", headers=me).body
    assert (mine["status"], mine["is_member"], mine["period"], mine["auto_renew"]) == ("active", True, 1, True)
    start = datetime.fromisoformat(mine["current_period_start"].replace("Z", "+00:00"))
    end = datetime.fromisoformat(mine["current_period_end"].replace("Z", "+00:00"))
    assert (end - start).days in (365, 366)
    assert api.post("/me/membership", body, headers={**me, "Idempotency-Key": "k2"}).code == "membership_active"
    _, stranger = api.customer()
    assert api.get("/me/membership", headers={"Authorization": f"Bearer {stranger}"}).status == 404


def test_members_get_member_prices_their_discount_and_free_shipping(api, gateway):
    plan = a_plan(api)
    category = api.category()
    api.product(category["id"], skus=[sku_body("MEM-1", price=10000, member_price=money(8000))])
    api.post(
        "/admin/shipping-templates",
        {
            "name": "Standard",
            "is_default": True,
            "first_weight_grams": 1000,
            "first_fee": money(1000),
            "additional_weight_grams": 1000,
            "additional_fee": money(500),
        },
        headers=ADMIN,
    )

    def priced(headers):
        cart = api.post("/carts", headers=headers).body["id"]
        return api.post(f"/carts/{cart}/items", {"sku": "MEM-1", "quantity": 1}, headers=headers).body

    _, token = api.customer()
    plain = priced({"Authorization": f"Bearer {token}"})
    assert plain["lines"][0]["unit_price"]["amount"] == 10000 and plain["shipping"]["amount"] == 1000
    me = member(api, gateway, plan["id"])
    cart = priced(me)
    line = cart["lines"][0]
    assert line["unit_price"]["amount"] == 8000 and line["price_source"] == "member"
    assert [(a["type"], a["amount"]["amount"]) for a in line["adjustments"]] == [("member_discount", 800)]
    assert (
        cart["shipping"]["amount"] == 0
        and cart["shipping_details"]["free_reason"] == "member"
        and cart["total"]["amount"] == 7200
    )


def test_a_member_shipping_to_a_remote_province_pays_the_fee_and_the_cart_says_why(api, gateway):
    plan = a_plan(api)
    category = api.category()
    api.product(category["id"], skus=[sku_body("MEM-R", price=10000, weight_grams=800)])
    r = api.post(
        "/admin/shipping-templates",
        {
            "name": "Remote",
            "is_default": True,
            "first_weight_grams": 1000,
            "first_fee": money(1000),
            "additional_weight_grams": 1000,
            "additional_fee": money(500),
            "free_over": money(5000),
            "regions": [{"provinces": ["Tibet"], "first_fee": money(3000), "additional_fee": money(1500)}],
            "no_free_shipping_provinces": ["Tibet"],
        },
        headers=ADMIN,
    )
    assert r.status == 201, r.body
    me = member(api, gateway, plan["id"])
    cart_id = api.post("/carts", headers=me).body["id"]
    api.post(f"/carts/{cart_id}/items", {"sku": "MEM-R", "quantity": 1}, headers=me)

    def ship_to(province):
        address = {"name": "A", "phone": "13800000000", "province": province, "city": "C", "line1": "L"}
        r = api.request("PUT", f"/carts/{cart_id}/shipping-address", address, headers=me)
        assert r.status == 200, r.body
        return r.body

    remote = ship_to("Tibet")
    assert remote["shipping"] == money(3000)  # the region's first fee: neither membership nor free_over
    assert remote["shipping_details"]["free_reason"] is None
    assert remote["shipping_details"]["not_free_reason"] == "remote_area"
    assert remote["total"]["amount"] == 9000 + 3000  # 10 % member discount on 10000
    near = ship_to("Zhejiang")
    assert near["shipping"] == money(0)
    assert (near["shipping_details"]["free_reason"], near["shipping_details"]["not_free_reason"]) == ("member", None)
    assert near["total"]["amount"] == 9000


def test_a_renewal_is_reminded_then_charged_once_however_often_the_job_runs(api, gateway):
    plan = a_plan(api)
    me = member(api, gateway, plan["id"])
    end = period_end(api, me)
    assert renew(api, end - timedelta(days=5)) == {"examined": 0}
    assert renew(api, end - timedelta(days=2)) == {"examined": 1, "reminded": 1}
    assert renew(api, end - timedelta(days=2)) == {"examined": 0}
    assert renew(api, end - timedelta(hours=12)) == {"examined": 1, "renewed": 1}
    assert renew(api, end - timedelta(hours=12)) == {"examined": 0}
    assert [(pm, amount) for pm, amount, _ in gateway.off_session_calls] == [("pm_card_visa", 19900)]
    mine = api.get("/me/membership", headers=me).body
    assert mine["period"] == 2 and mine["status"] == "active"
    assert datetime.fromisoformat(mine["current_period_start"].replace("Z", "+00:00")) == end
    assert [h["type"] for h in mine["history"]][-3:] == ["paid", "renewal_reminder", "paid"]


def test_a_declining_card_walks_past_due_to_expired_on_days_1_3_and_5(api, gateway):
    plan = a_plan(api)
    gateway.declining.add("pm_declines_offsession")
    me = member(api, gateway, plan["id"], pm="pm_declines_offsession")
    end = period_end(api, me)
    assert renew(api, end - timedelta(hours=12)) == {"examined": 1, "failed": 1}
    mine = api.get("/me/membership", headers=me).body
    assert (mine["status"], mine["is_member"], mine["failed_attempts"]) == ("past_due", True, 1)
    assert renew(api, end + timedelta(hours=12)) == {"examined": 0}  # the retry is on day 1
    assert renew(api, end + timedelta(days=1, hours=1)) == {"examined": 1, "failed": 1}
    assert renew(api, end + timedelta(days=2)) == {"examined": 0}
    assert renew(api, end + timedelta(days=3, hours=1)) == {"examined": 1, "failed": 1}
    assert renew(api, end + timedelta(days=5, hours=1)) == {"examined": 1, "expired": 1}
    assert renew(api, end + timedelta(days=9)) == {"examined": 0}
    assert len(gateway.off_session_calls) == 4
    mine = api.get("/me/membership", headers=me).body
    assert (mine["status"], mine["is_member"]) == ("expired", False)


def test_without_auto_renew_it_stays_active_to_the_period_end_then_expires(api, gateway):
    plan = a_plan(api)
    me = member(api, gateway, plan["id"])
    off = api.delete("/me/membership/auto-renew", headers=me)
    assert off.status == 200 and off.body["auto_renew"] is False and off.body["is_member"] is True
    end = period_end(api, me)
    assert renew(api, end - timedelta(hours=12)) == {"examined": 0}
    assert renew(api, end + timedelta(minutes=1)) == {"examined": 1, "expired": 1}
    assert gateway.off_session_calls == []
    assert api.get("/me/membership", headers=me).body["status"] == "expired"
    assert api.put("/me/membership/auto-renew", headers=me).code == "membership_expired"


def buy(api, me, plan_id, key, pm="pm_card_visa", auto_renew=True):
    r = api.post(
        "/me/membership",
        {"plan_id": plan_id, "payment_method_id": pm, "auto_renew": auto_renew},
        headers={**me, "Idempotency-Key": key},
    )
    return r


def deliver(api, evt):
    payload, headers = signed(evt)
    r = api.request("POST", "/webhooks/stripe", raw=payload, headers=headers)
    assert r.status == 200, r.body
    return r.body["outcome"]


def test_buying_again_after_expiry_continues_the_periods_and_renews_once(api, gateway):
    plan = a_plan(api)
    me = member(api, gateway, plan["id"])
    end = period_end(api, me)
    assert renew(api, end - timedelta(hours=12))["renewed"] == 1  # period 2 charged (and claimed)
    api.delete("/me/membership/auto-renew", headers=me)
    second_end = period_end(api, me)
    assert renew(api, second_end + timedelta(minutes=1))["expired"] == 1
    bought = buy(api, me, plan["id"], "again")
    assert bought.status == 201, bought.body
    assert deliver(api, gateway.succeed(bought.body["payment"]["payment_intent_id"])) == "activated"
    mine = api.get("/me/membership", headers=me).body
    assert (mine["status"], mine["period"], mine["auto_renew"]) == ("active", 3, True)
    start = datetime.fromisoformat(mine["current_period_start"].replace("Z", "+00:00"))
    assert start < second_end  # a purchase starts now, not at the old period's end
    third_end = period_end(api, me)
    assert renew(api, third_end - timedelta(hours=12)) == {"examined": 1, "renewed": 1}
    assert renew(api, third_end - timedelta(hours=12)) == {"examined": 0}
    keys = [key for _, _, key in gateway.off_session_calls]
    assert len(keys) == 2 and len(set(keys)) == 2  # period 2 and period 4: never the same Stripe key
    assert api.get("/me/membership", headers=me).body["period"] == 4


def test_a_new_purchase_cancels_one_still_awaiting_payment(api, gateway):
    plan = a_plan(api)
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    first = buy(api, me, plan["id"], "first").body["payment"]["payment_intent_id"]
    second = buy(api, me, plan["id"], "second")
    assert second.status == 201
    assert gateway.intents[first]["status"] == "canceled"  # the customer can no longer pay it
    assert deliver(api, gateway.succeed(second.body["payment"]["payment_intent_id"])) == "activated"

    _, other = api.customer()
    them = {"Authorization": f"Bearer {other}"}
    paying = buy(api, them, plan["id"], "first").body["payment"]["payment_intent_id"]
    gateway.succeed(paying)  # paid, its webhook not here yet
    refused = buy(api, them, plan["id"], "second")
    assert refused.status == 409 and refused.code == "membership_pending"
    assert gateway.intents[paying]["status"] == "succeeded"


def test_a_failed_purchase_payment_is_noted_once_and_unknown_ones_are_acknowledged(api, gateway):
    from tests.payments import event

    plan = a_plan(api)
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    pi = buy(api, me, plan["id"], "k").body["payment"]["payment_intent_id"]
    failed = event("payment_intent.payment_failed", {**gateway.intents[pi], "status": "requires_payment_method"})
    assert deliver(api, failed) == "payment_failed"
    assert deliver(api, failed) == "payment_failed"  # Stripe retries the same event
    history = api.get("/me/membership", headers=me).body["history"]
    assert [h["type"] for h in history].count("payment_failed") == 1
    assert all(h["at"].endswith("Z") for h in history)
    stranger = {**gateway.intents[pi], "metadata": {**gateway.intents[pi]["metadata"], "customer_id": "cus_nobody"}}
    assert deliver(api, event("payment_intent.payment_failed", stranger)) == "ignored"


def test_turning_auto_renew_off_while_past_due_stops_the_retries(api, gateway):
    plan = a_plan(api)
    gateway.declining.add("pm_declines_offsession")
    me = member(api, gateway, plan["id"], pm="pm_declines_offsession")
    end = period_end(api, me)
    assert renew(api, end - timedelta(hours=12)) == {"examined": 1, "failed": 1}
    off = api.delete("/me/membership/auto-renew", headers=me).body
    assert (off["status"], off["is_member"]) == ("past_due", True)
    assert renew(api, end - timedelta(hours=1)) == {"examined": 0}  # still a member to the period end
    assert renew(api, end + timedelta(days=1, hours=1)) == {"examined": 1, "expired": 1}
    assert len(gateway.off_session_calls) == 1  # no retry charged
    assert api.get("/me/membership", headers=me).body["status"] == "expired"


def test_one_run_renews_every_due_membership_batch_after_batch(api, gateway):
    from chalicelib.bootstrap import get_container

    plan = a_plan(api)
    members = [member(api, gateway, plan["id"], pm=f"pm_card_{i}") for i in range(3)]
    latest_end = max(period_end(api, me) for me in members)
    service = get_container().memberships
    assert service.renew(latest_end - timedelta(days=2), batch=1) == {"examined": 3, "reminded": 3}
    assert service.renew(latest_end - timedelta(hours=12), batch=1) == {"examined": 3, "renewed": 3}
    assert len(gateway.off_session_calls) == 3
    assert {api.get("/me/membership", headers=me).body["period"] for me in members} == {2}


def test_a_signed_in_member_sees_the_member_price_as_the_effective_price(api, gateway):
    plan = a_plan(api)
    category = api.category()
    product = api.product(category["id"], skus=[sku_body("MEM-P", price=10000, member_price=money(8000))])

    def effective(headers=None):
        r = api.get(f"/products/{product['id']}", headers=headers or {})
        assert r.status == 200, r.body
        (sku,) = r.body["skus"]
        return sku["price"]["amount"], sku["member_price"]["amount"], sku["effective_price"]["amount"]

    assert effective() == (10000, 8000, 10000)
    _, token = api.customer()
    assert effective({"Authorization": f"Bearer {token}"}) == (10000, 8000, 10000)
    assert effective(member(api, gateway, plan["id"])) == (10000, 8000, 8000)
    bad = api.get(f"/products/{product['id']}", headers={"Authorization": "Bearer forged"})
    assert bad.status == 401


def ended_yesterday(customer_id):
    """Moves a member's paid period into the past, as if a year went by."""
    from dataclasses import replace

    from chalicelib.bootstrap import get_container

    repo = get_container().memberships.memberships
    m = repo.get(customer_id)
    end = datetime.now(m.created_at.tzinfo) - timedelta(hours=1)
    repo.save(replace(m, current_period_start=end - timedelta(days=365), current_period_end=end), [])
    return end


def slow_member(api, gateway, plan_id):
    """A member whose renewal charges stay `processing` at Stripe (a slow bank)."""
    gateway.slow.add("pm_slow_bank")
    customer, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    bought = buy(api, me, plan_id, "slow", pm="pm_slow_bank")
    assert deliver(api, gateway.succeed(bought.body["payment"]["payment_intent_id"])) == "activated"
    return customer["id"], me


def renewal_intent(gateway):
    (_, _, key), *_ = gateway.off_session_calls
    return gateway.intents[gateway.created_with_keys[key]]


def second_payment(gateway, customer_id, plan_id):
    """A second intent for period 1 that went through too (a race no guard closes
    entirely): the intent and its payment_intent.succeeded event."""
    meta = {"kind": "membership", "customer_id": customer_id, "plan_id": plan_id, "period": "1", "purpose": "purchase"}
    other = gateway.create_intent(19900, "CNY", gateway.attached["pm_slow_bank"], "pm_slow_bank", meta, "second")
    return other, gateway.succeed(other.id)


def test_a_renewal_stripe_is_still_processing_is_recorded_by_its_webhook(api, gateway):
    from tests.payments import event

    plan = a_plan(api)
    _, me = slow_member(api, gateway, plan["id"])
    end = period_end(api, me)
    first_end = api.get("/me/membership", headers=me).body["current_period_end"]
    assert renew(api, end - timedelta(hours=12)) == {"examined": 1, "processing": 1}
    assert renew(api, end - timedelta(hours=11)) == {"examined": 1, "in_progress": 1}  # never charged again
    assert len(gateway.off_session_calls) == 1
    history = api.get("/me/membership", headers=me).body["history"]
    assert history[-1]["type"] == "renewal_processing"
    pi = renewal_intent(gateway)
    pi["status"] = "succeeded"
    paid = event("payment_intent.succeeded", {**pi, "amount_received": pi["amount"]})
    assert deliver(api, paid) == "renewed"
    assert deliver(api, paid) == "duplicate"
    mine = api.get("/me/membership", headers=me).body
    assert (mine["status"], mine["period"], mine["current_period_start"]) == ("active", 2, first_end)
    assert gateway.refunds == []


def test_a_processing_renewal_that_fails_later_starts_the_dunning_once(api, gateway):
    from tests.payments import event

    plan = a_plan(api)
    _, me = slow_member(api, gateway, plan["id"])
    end = period_end(api, me)
    assert renew(api, end - timedelta(hours=12))["processing"] == 1
    pi = renewal_intent(gateway)
    pi["status"] = "requires_payment_method"
    failed = event("payment_intent.payment_failed", {**pi, "last_payment_error": {"message": "Insufficient funds."}})
    assert deliver(api, failed) == "renewal_failed"
    assert deliver(api, failed) == "ignored"  # Stripe sent it again: one failure, not two
    mine = api.get("/me/membership", headers=me).body
    assert (mine["status"], mine["failed_attempts"], mine["is_member"]) == ("past_due", 1, True)
    assert mine["history"][-1]["reason"] == "Insufficient funds."
    gateway.slow.clear()
    assert renew(api, end + timedelta(days=1, hours=1)) == {"examined": 1, "renewed": 1}  # the day-1 retry
    keys = [key for _, _, key in gateway.off_session_calls]
    assert len(keys) == 2 and keys[1].endswith("attempt-1")
    assert api.get("/me/membership", headers=me).body["period"] == 2


def test_a_purchase_waits_for_a_renewal_still_processing_after_the_period_ended(api, gateway):
    plan = a_plan(api)
    customer_id, me = slow_member(api, gateway, plan["id"])
    end = ended_yesterday(customer_id)
    assert renew(api, end + timedelta(minutes=5))["processing"] == 1
    assert api.get("/me/membership", headers=me).body["is_member"] is False
    refused = buy(api, me, plan["id"], "again")
    assert refused.status == 409 and refused.code == "membership_pending"
    assert renewal_intent(gateway)["status"] == "processing"  # untouched: it may still go through


def test_a_second_payment_for_a_paid_period_is_refunded_once(api, gateway):
    from tests.payments import event

    plan = a_plan(api)
    customer_id, me = slow_member(api, gateway, plan["id"])
    other, paid = second_payment(gateway, customer_id, plan["id"])
    assert deliver(api, paid) == "refunded"
    assert deliver(api, paid) == "duplicate"  # Stripe retries: no second refund
    assert deliver(api, event("payment_intent.succeeded", paid["data"]["object"])) == "duplicate"  # a new event id
    assert [(pi, amount) for pi, amount, _ in gateway.refunds] == [(other.id, 19900)]
    mine = api.get("/me/membership", headers=me).body
    assert (mine["status"], mine["period"]) == ("active", 1)
    refunded = [h for h in mine["history"] if h["type"] == "double_payment_refunded"]
    assert len(refunded) == 1 and refunded[0]["payment_intent_id"] == other.id


def test_a_double_payment_whose_refund_cannot_reach_stripe_is_refunded_on_the_webhook_retry(api, gateway):
    plan = a_plan(api)
    customer_id, _ = slow_member(api, gateway, plan["id"])
    other, paid = second_payment(gateway, customer_id, plan["id"])
    gateway.down = True
    payload, headers = signed(paid)
    r = api.request("POST", "/webhooks/stripe", raw=payload, headers=headers)
    assert r.status == 503 and r.code == "payment_provider_unavailable"  # Stripe delivers it again later
    gateway.down = False
    assert deliver(api, paid) == "refunded"
    assert len(gateway.refunds) == 1


def test_a_double_payment_stripe_will_not_refund_is_noted_for_staff_once(api, gateway):
    plan = a_plan(api)
    customer_id, me = slow_member(api, gateway, plan["id"])
    other, paid = second_payment(gateway, customer_id, plan["id"])
    gateway.refusing = "This charge has already been refunded."
    assert deliver(api, paid) == "refund_refused"  # 200: Stripe need not retry, staff take it from the history
    assert deliver(api, paid) == "duplicate"
    entries = [h for h in api.get("/me/membership", headers=me).body["history"] if "refund" in h["type"]]
    assert [(h["type"], h["message"]) for h in entries] == [
        ("double_payment_refund_refused", "This charge has already been refunded.")
    ]
