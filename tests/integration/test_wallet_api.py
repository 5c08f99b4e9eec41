"""The coupon wallet through the real app (moto), ADR 0018: a claimable coupon is
claimed once per customer up to its claim limit and applies only from a wallet;
a staff grant fans out over the coupon-grants queue and gives each customer one
entry however often it runs; the wallet lists claimed, granted and compensation
coupons with their status; checkout takes a wallet coupon by its id, once;
erasure voids the wallet's entries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import boto3
import pytest

from tests.integration.test_openapi_contract import Checked
from tests.support import ADMIN, drain_source, iso, sku_body

from .test_fulfillment_api import ADDRESS

QUEUE = "commerce-coupon-grants"


@pytest.fixture
def runner(api):
    from app import app
    from localdev.runner import EventRunner

    return EventRunner(app, "us-east-1", boto3.client("sqs"))


def drain(runner) -> tuple[int, int]:
    (source,) = [q for q in runner.queues if q.queue == QUEUE]
    return drain_source(runner, source)


def customer(api) -> tuple[str, dict[str, str]]:
    body, token = api.customer()
    return body["id"], {"Authorization": f"Bearer {token}"}


def coupon(api, code: str, **extra) -> dict:
    now = datetime.now(UTC)
    body = {
        "code": code,
        "starts_at": iso(now - timedelta(hours=1)),
        "ends_at": iso(now + timedelta(days=7)),
        "amount_off": {"amount": 1000, "currency": "CNY"},
        **extra,
    }
    made = api.post("/admin/coupons", body, headers=ADMIN)
    assert made.status == 201, made.body
    return made.body


def cart(api, me) -> str:
    cart_id = api.post("/carts", headers=me).body["id"]
    assert api.post(f"/carts/{cart_id}/items", {"sku": "WL-1", "quantity": 1}, headers=me).status in (200, 201)
    return cart_id


@pytest.fixture
def product(api):
    api.product(api.category()["id"], skus=[sku_body("WL-1", price=9900, stock=50)])


def test_a_claimable_coupon_is_claimed_once_per_customer_up_to_its_limit_and_applies_from_the_wallet(api, product):
    c = Checked(api)
    made = coupon(api, "CLAIM2", claimable=True, claim_limit=2)
    assert (made["claimable"], made["claim_limit"], made["claimed"], made["per_customer_limit"]) == (True, 2, 0, 1)
    (_, a), (_, b), (_, d) = customer(api), customer(api), customer(api)

    # Not claimed: the code alone does not apply.
    cart_id = cart(api, a)
    refused = api.post(f"/carts/{cart_id}/coupons", {"code": "CLAIM2"}, headers=a)
    assert refused.status == 422 and refused.body["reason"] == "not_claimed"

    claimed = c.call("POST", "/coupons/{code}/claim", params={"code": "claim2"}, headers=a, expect=201).body
    assert (claimed["id"], claimed["status"], claimed["source"], claimed["used"]) == (
        "CLAIM2",
        "usable",
        "claim",
        False,
    )
    again = api.post("/coupons/CLAIM2/claim", headers=a)
    assert again.status == 409 and again.code == "coupon_already_claimed"
    assert api.post("/coupons/CLAIM2/claim", headers=b).status == 201
    full = api.post("/coupons/CLAIM2/claim", headers=d)
    assert full.status == 409 and full.code == "claims_exhausted"
    assert api.get("/admin/coupons/CLAIM2", headers=ADMIN).body["claimed"] == 2

    applied = api.post(f"/carts/{cart_id}/coupons", {"code": "CLAIM2"}, headers=a)
    assert applied.status == 200, applied.body

    # Stable refusals for what cannot be claimed.
    coupon(api, "PUBLIC1")
    assert api.post("/coupons/PUBLIC1/claim", headers=d).code == "coupon_not_claimable"
    assert api.post("/coupons/PUBLIC1/claim", headers=d).status == 422
    assert api.post("/coupons/NOPE/claim", headers=d).status == 404
    assert api.post("/coupons/CLAIM2/claim").status == 401


def test_claimable_needs_a_claim_limit_and_an_ended_coupon_cannot_be_claimed(api):
    now = datetime.now(UTC)
    body = {"code": "X1", "starts_at": iso(now), "ends_at": iso(now + timedelta(days=1)), "percent_off": 10}
    missing = api.post("/admin/coupons", {**body, "claimable": True}, headers=ADMIN)
    assert missing.status == 400 and missing.body["errors"][0]["field"] == "claim_limit"
    stray = api.post("/admin/coupons", {**body, "claim_limit": 5}, headers=ADMIN)
    assert stray.status == 400 and stray.body["errors"][0]["code"] == "not_applicable"

    from chalicelib.adapters.dynamo import keys
    from chalicelib.adapters.dynamo.models import CouponItem

    coupon(api, "ENDED", claimable=True, claim_limit=5)
    CouponItem(*keys.coupon("ENDED")).update(actions=[CouponItem.ends_at.set(now - timedelta(seconds=1))])
    _, me = customer(api)
    ended = api.post("/coupons/ENDED/claim", headers=me)
    assert ended.status == 409 and ended.code == "coupon_expired"


def test_a_grant_fans_out_and_running_it_twice_gives_each_customer_one_coupon(api, runner, product):
    c = Checked(api)
    coupon(api, "GIFT", claimable=True, claim_limit=0)  # grants only
    people = [customer(api) for _ in range(5)]
    ids = [cid for cid, _ in people]
    assert api.post("/coupons/GIFT/claim", headers=people[0][1]).code == "claims_exhausted"
    ops = api.staff_key("operations")
    body = {"customer_ids": [*ids, ids[0], "cus_nobody"]}
    first = c.call(
        "POST", "/admin/coupons/{code}/grants", params={"code": "GIFT"}, json_body=body, headers=ops, expect=202
    )
    job = first.body
    assert first.header("Location") == f"/admin/coupons/GIFT/grants/{job['id']}"
    assert job["id"].startswith("grant_") and (job["status"], job["targeted"], job["batches"]) == ("running", 6, 1)
    second = api.post("/admin/coupons/GIFT/grants", body, headers=ops).body
    assert drain(runner) == (2, 0)

    done = [
        c.call(
            "GET",
            "/admin/coupons/{code}/grants/{grant_id}",
            params={"code": "GIFT", "grant_id": j["id"]},
            headers=ops,
            expect=200,
        ).body
        for j in (job, second)
    ]
    assert [d["status"] for d in done] == ["done", "done"]
    assert sum(d["granted"] for d in done) == 5 and all(d["granted"] + d["skipped"] == 6 for d in done)

    # A batch delivered again counts the same.
    from chalicelib.bootstrap import get_container
    from chalicelib.bootstrap_wallet import wallet_of
    from chalicelib.domain.wallet import batches_of

    (batch,) = batches_of(job["id"], "GIFT", [*ids, "cus_nobody"])
    wallet_of(get_container()).run_batch(batch)
    assert api.get(f"/admin/coupons/GIFT/grants/{job['id']}", headers=ops).body == done[0]

    for _, me in people:
        items = c.call("GET", "/me/coupons", headers=me, expect=200).body["items"]
        assert [(i["code"], i["status"]) for i in items] == [("GIFT", "usable")]
    # The granted claimable coupon applies for its holders.
    cart_id = cart(api, people[1][1])
    assert api.post(f"/carts/{cart_id}/coupons", {"code": "GIFT"}, headers=people[1][1]).status == 200

    assert api.post("/admin/coupons/GIFT/grants", {}, headers=ops).status == 400
    assert api.post("/admin/coupons/NOPE/grants", {"customer_ids": ids}, headers=ops).status == 404
    assert api.post("/admin/coupons/GIFT/grants", {"customer_ids": ids}, headers=api.staff_key("finance")).status == 403
    assert api.get("/admin/coupons/GIFT/grants/grant_nope", headers=ops).status == 404


def test_a_segment_grant_reaches_the_segment(api, runner):
    from chalicelib.adapters.dynamo.crm import DynamoRfm
    from chalicelib.domain.customer_stats import CustomerStats
    from chalicelib.domain.rfm import RfmScore
    from chalicelib.services.crm_ports import ScoredCustomer

    coupon(api, "LOYAL5", percent_off=5, amount_off=None)
    people = [customer(api) for _ in range(3)]
    today = datetime.now(UTC).date()
    DynamoRfm().set_scores(
        [
            (ScoredCustomer(CustomerStats(cid), None), RfmScore(4, 4, 4, "loyal" if n < 2 else "lost", today))
            for n, (cid, _) in enumerate(people)
        ]
    )
    job = api.post("/admin/coupons/LOYAL5/grants", {"segment": "loyal"}, headers=ADMIN).body
    assert job["targeted"] == 2 and job["segment"] == "loyal"
    drain(runner)
    assert api.get(f"/admin/coupons/LOYAL5/grants/{job['id']}", headers=ADMIN).body["granted"] == 2
    wallets = [api.get("/me/coupons", headers=me).body["items"] for _, me in people]
    assert [[i["code"] for i in w] for w in wallets] == [["LOYAL5"], ["LOYAL5"], []]
    assert wallets[0][0]["amount_off"] is None and wallets[0][0]["percent_off"] == 5


def test_checkout_with_a_wallet_coupon_uses_it_once_and_the_status_filter_follows(api, runner, product):
    coupon(api, "ONCE", claimable=True, claim_limit=10)
    _, me = customer(api)
    assert api.post("/coupons/ONCE/claim", headers=me).status == 201
    cart_id = cart(api, me)
    placed = api.post(
        "/checkout",
        {"cart_id": cart_id, "shipping_address": ADDRESS, "wallet_coupon_id": "ONCE"},
        headers={**me, "Idempotency-Key": "w1"},
    )
    assert placed.status == 201, placed.body
    assert placed.body["order"]["coupon_code"] == "ONCE"
    taken = [d for d in placed.body["order"]["discounts"] if d.get("code") == "ONCE"]
    assert [d["amount"]["amount"] for d in taken] == [1000]

    assert [i["code"] for i in api.get("/me/coupons?status=used", headers=me).body["items"]] == ["ONCE"]
    assert api.get("/me/coupons?status=usable", headers=me).body["items"] == []
    assert api.get("/me/coupons?status=nope", headers=me).status == 400

    again = api.post(
        "/checkout",
        {"cart_id": cart(api, me), "shipping_address": ADDRESS, "wallet_coupon_id": "ONCE"},
        headers={**me, "Idempotency-Key": "w2"},
    )
    assert again.status == 422 and again.code == "wallet_coupon_unavailable"
    unknown = api.post(
        "/checkout",
        {"cart_id": cart(api, me), "shipping_address": ADDRESS, "wallet_coupon_id": "NOTMINE"},
        headers={**me, "Idempotency-Key": "w3"},
    )
    assert unknown.status == 422 and unknown.code == "wallet_coupon_unavailable"


def test_erasure_voids_the_wallet(api, product):
    coupon(api, "VOIDME", claimable=True, claim_limit=10)
    cid, me = customer(api)
    assert api.post("/coupons/VOIDME/claim", headers=me).status == 201
    erased = api.delete("/me", headers=me)
    assert erased.status in (200, 202, 204), erased.body

    from chalicelib.adapters.dynamo import keys
    from chalicelib.adapters.dynamo.wallet import WalletCouponItem

    item = WalletCouponItem.get(*keys.wallet_coupon(cid, "VOIDME"))
    assert item.voided_at is not None
    # A grant to the erased customer gives nothing back.
    job = api.post("/admin/coupons/VOIDME/grants", {"customer_ids": [cid]}, headers=ADMIN).body
    from chalicelib.bootstrap import get_container
    from chalicelib.bootstrap_wallet import wallet_of
    from chalicelib.domain.wallet import batches_of

    (batch,) = batches_of(job["id"], "VOIDME", [cid])
    assert wallet_of(get_container()).run_batch(batch) == (0, 1)
