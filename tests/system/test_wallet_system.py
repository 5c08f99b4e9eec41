"""The coupon wallet on the local stack (DynamoDB Local, moto server's SQS), over
HTTP (ADR 0018): 30 customers claim a coupon limited to 10 claims at once and
exactly 10 wallets hold it; a grant of one coupon to 500 customers, started twice
at once and drained by two workers at once, leaves each customer exactly one
entry, and one of them checks out with it once (a second order with it is
refused)."""

from __future__ import annotations

import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from threading import Thread
from typing import Any

import requests

from tests.support import ADMIN, iso, sku_body
from tests.system.test_checkout_system import ADDRESS
from tests.system.test_notifications_system import sqs_client


def customers(count: int) -> list[tuple[str, str]]:
    """(customer id, bearer token), arranged through the services (registration has its own tests)."""
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.auth import issue_token
    from chalicelib.domain.ids import new_id
    from chalicelib.services.ports import Customer

    container = get_container()
    now = datetime.now(UTC)

    def one(i: int) -> tuple[str, str]:
        customer = Customer(new_id("cus"), f"w{i}-{uuid.uuid4().hex[:8]}@example.com", "Wallet", "not-a-hash", now)
        container.auth.customers.add(customer)
        return customer.id, issue_token(customer.id, container.settings.token_secret, now, 3600)

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(one, range(count)))


def many_customers(count: int) -> list[tuple[str, str]]:
    """(customer id, bearer token) of ``count`` customers, their profiles written in batches
    (what a grant reads is whether the profile exists)."""
    from chalicelib.adapters.dynamo import keys
    from chalicelib.adapters.dynamo.customer_models import CustomerItem
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.auth import issue_token
    from chalicelib.domain.ids import new_id

    secret, now = get_container().settings.token_secret, datetime.now(UTC)
    ids = [new_id("cus") for _ in range(count)]
    with CustomerItem.batch_write() as batch:
        for n, cid in enumerate(ids):
            email = f"g{n}-{uuid.uuid4().hex[:8]}@example.com"
            batch.save(
                CustomerItem(*keys.customer(cid), id=cid, email=email, name="G", password_hash="x", created_at=now)
            )
    return [(cid, issue_token(cid, secret, now, 3600)) for cid in ids]


def coupon(api, code: str, claim_limit: int) -> None:
    now = datetime.now(UTC)
    body = {
        "code": code,
        "starts_at": iso(now - timedelta(hours=1)),
        "ends_at": iso(now + timedelta(days=7)),
        "amount_off": {"amount": 1000, "currency": "CNY"},
        "claimable": True,
        "claim_limit": claim_limit,
    }
    made = api.post("/admin/coupons", body, headers=ADMIN)
    assert made.status == 201, made.body


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def wallet_codes(customer_id: str) -> list[str]:
    from chalicelib.adapters.dynamo import keys
    from chalicelib.adapters.dynamo.models import Item

    pk, _ = keys.wallet_coupon(customer_id, "")
    return [i.SK.split("#", 1)[1] for i in Item.query(pk, Item.SK.startswith(keys.WALLET_PREFIX), consistent_read=True)]


def test_thirty_concurrent_claims_of_a_coupon_limited_to_ten_fill_exactly_ten_wallets(api):
    coupon(api, "TEN", claim_limit=10)
    people = customers(30)

    def claim(person: tuple[str, str]) -> requests.Response:
        return requests.post(f"{api.base_url}/coupons/TEN/claim", headers=bearer(person[1]), timeout=60)

    with ThreadPoolExecutor(max_workers=30) as pool:
        answers = list(pool.map(claim, people))
    statuses = sorted(r.status_code for r in answers)
    assert statuses.count(201) == 10, [(r.status_code, r.text[:80]) for r in answers if r.status_code != 409]
    assert statuses.count(409) == 20 and {r.json()["code"] for r in answers if r.status_code == 409} == {
        "claims_exhausted"
    }
    holders = [cid for cid, _ in people if wallet_codes(cid) == ["TEN"]]
    assert len(holders) == 10
    assert api.get("/admin/coupons/TEN", headers=ADMIN).body["claimed"] == 10


def test_a_grant_to_500_started_twice_at_once_gives_each_one_coupon_usable_once(api, stack):
    from app import app
    from localdev.runner import EventRunner

    coupon(api, "GIFT500", claim_limit=0)  # given by staff only
    people = many_customers(500)
    ids = [cid for cid, _ in people]
    with ThreadPoolExecutor(max_workers=2) as pool:
        started = list(
            pool.map(lambda _: api.post("/admin/coupons/GIFT500/grants", {"customer_ids": ids}, headers=ADMIN), (1, 2))
        )
    assert [s.status for s in started] == [202, 202]
    jobs = [s.body["id"] for s in started]
    assert all(s.body["targeted"] == 500 and s.body["batches"] == 5 for s in started)

    runner = EventRunner(app, "us-east-1", sqs_client(stack))
    source = next(q for q in runner.queues if q.name == "coupon_grants")
    failures: list[int] = []

    def work() -> None:
        while (got := runner.poll_once(source, wait_seconds=1))[0]:
            failures.append(got[1])

    workers = [Thread(target=work) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    assert sum(failures) == 0 and len(failures) == 10

    done = [api.get(f"/admin/coupons/GIFT500/grants/{j}", headers=ADMIN).body for j in jobs]
    assert [d["status"] for d in done] == ["done", "done"]
    assert sum(d["granted"] for d in done) == 500 and all(d["granted"] + d["skipped"] == 500 for d in done)
    from chalicelib.adapters.dynamo.wallet import WalletCouponItem

    held = Counter((i.customer_id, i.code) for i in WalletCouponItem.scan(consistent_read=True))
    assert held == {(cid, "GIFT500"): 1 for cid in ids}  # this test's own table: its wallets, all of them

    # One of them checks out with it, without typing the code; a second order cannot use it again.
    api.product(api.category()["id"], skus=[sku_body("WAL-1", price=9900, stock=5)])
    cid, token = people[123]
    me = bearer(token)
    listed = api.get("/me/coupons?status=usable", headers=me).body["items"]
    assert [(i["id"], i["status"]) for i in listed] == [("GIFT500", "usable")]

    def order(wallet_coupon_id: str) -> tuple[str, Any]:
        cart_id = api.post("/carts", headers=me).body["id"]
        assert api.post(f"/carts/{cart_id}/items", {"sku": "WAL-1", "quantity": 1}, headers=me).status in (200, 201)
        body = {"cart_id": cart_id, "shipping_address": ADDRESS, "wallet_coupon_id": wallet_coupon_id}
        return cart_id, api.post("/checkout", body, headers={**me, "Idempotency-Key": str(uuid.uuid4())})

    _, placed = order("GIFT500")
    assert placed.status == 201, placed.body
    assert placed.body["order"]["coupon_code"] == "GIFT500"
    assert api.get("/me/coupons?status=used", headers=me).body["items"][0]["id"] == "GIFT500"
    cart_id, again = order("GIFT500")
    assert again.status == 422 and again.code == "wallet_coupon_unavailable"
    # Typed as a code on that cart, the used coupon does not apply either.
    typed = api.post(f"/carts/{cart_id}/coupons", {"code": "GIFT500"}, headers=me)
    assert typed.status == 422 and typed.body["reason"] == "usage_exhausted"
    assert api.get("/admin/coupons/GIFT500", headers=ADMIN).body["used"] == 1
