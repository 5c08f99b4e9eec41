"""Customer stats and the staff's customer view on moto: order events reach the
customer-stats queue, the worker applies each event id once (duplicates and
redeliveries change nothing), score_rfm fills the segments, and staff search,
read and page a customer. Answers are checked against the OpenAPI document."""

from __future__ import annotations

import json

import boto3
import pytest

from tests.integration.test_fulfillment_api import paid_order
from tests.integration.test_openapi_contract import Checked
from tests.support import ADMIN, drain_ok, envelope, event_runner, sku_body


@pytest.fixture
def runner(api):
    return event_runner("commerce-fulfillment", "commerce-customer-stats")


@pytest.fixture
def c(api) -> Checked:
    return Checked(api)


def send(body: str) -> None:
    sqs = boto3.client("sqs")
    sqs.send_message(QueueUrl=sqs.get_queue_url(QueueName="commerce-customer-stats")["QueueUrl"], MessageBody=body)


def test_a_paid_order_reaches_the_stats_once_even_when_delivered_twice(api, gateway, runner, c):
    api.product(api.category()["id"], skus=[sku_body("CS-1", price=4200, stock=10)])
    order_id, me = paid_order(api, gateway, sku="CS-1", quantity=2)
    customer_id = api.get("/me", headers=me).body["id"]
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName="commerce-customer-stats")["QueueUrl"]
    bodies = [m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]]
    assert [json.loads(b)["type"] for b in bodies] == ["order.paid"]
    for body in bodies:
        send(body)  # the relay or SQS may deliver twice
    assert drain_ok(runner, "customer_stats") == 2

    body = c.call(
        "GET", "/admin/customers/{customer_id}", params={"customer_id": customer_id}, headers=ADMIN, expect=200
    ).body
    stats = body["stats"]
    assert stats["orders_count"] == 1
    assert stats["total_spent"]["amount"] == stats["average_order_value"]["amount"] > 0
    assert stats["refunded"]["amount"] == 0
    assert stats["first_order_at"] == stats["last_order_at"] is not None
    assert [o["id"] for o in body["recent_orders"]] == [order_id]
    assert body["profile"]["email"].startswith("shopper") and "password_hash" not in body["profile"]
    assert body["rfm"] is None and body["membership"] is None


def test_duplicates_and_replays_of_one_order_count_once_and_refunds_by_their_cumulative_amount(api, runner, c):
    customer, _ = api.customer()
    cid = customer["id"]
    total = {"amount": 10000, "currency": "CNY"}
    paid = envelope("order.paid", order_id="ord_1", customer_id=cid, total=total, payment_status="paid")
    send(paid)
    send(paid)  # the same event id again
    # a second order.paid event of the same order (a new id): the order is counted once
    send(envelope("order.paid", order_id="ord_1", customer_id=cid, total=total, payment_status="paid"))
    refund = envelope(
        "order.refunded",
        order_id="ord_1",
        customer_id=cid,
        total=total,
        refunded={"amount": 3000, "currency": "CNY"},
        payment_status="partially_refunded",
    )
    send(refund)
    send(refund)
    send(envelope("order.completed", order_id="ord_1", customer_id=cid, total=total))
    send(envelope("order.shipped", order_id="ord_1", customer_id=cid, total=total))  # not routed here: ignored
    assert drain_ok(runner, "customer_stats") == 7

    stats = c.call(
        "GET", "/admin/customers/{customer_id}", params={"customer_id": cid}, headers=ADMIN, expect=200
    ).body["stats"]
    assert stats["orders_count"] == 1
    assert stats["total_spent"]["amount"] == 7000
    assert stats["refunded"]["amount"] == 3000
    assert stats["completed_count"] == 1

    # a later refund event carries the order's cumulative refunded amount: only the new 2,000 counts
    send(
        envelope(
            "order.refunded",
            order_id="ord_1",
            customer_id=cid,
            total=total,
            refunded={"amount": 5000, "currency": "CNY"},
        )
    )
    assert drain_ok(runner, "customer_stats") == 1
    stats = c.call(
        "GET", "/admin/customers/{customer_id}", params={"customer_id": cid}, headers=ADMIN, expect=200
    ).body["stats"]
    assert (stats["total_spent"]["amount"], stats["refunded"]["amount"]) == (5000, 5000)


def test_search_segments_and_a_customers_orders(api, runner, c):
    ids = {}
    for n, (email, amount) in enumerate((("ada.lovelace@x.test", 90000), ("alan@x.test", 500), ("grace@x.test", 0))):
        r = api.post("/auth/register", {"email": email, "password": "correct horse", "name": f"Name{n} {email[:3]}"})
        assert r.status == 201, r.body
        ids[email] = r.body["customer"]["id"]
        if amount:
            total = {"amount": amount, "currency": "CNY"}
            send(envelope("order.paid", order_id=f"ord_s{n}", customer_id=ids[email], total=total))
    drain_ok(runner, "customer_stats")
    cs = api.staff_key("customer_service")

    found = c.call("GET", "/admin/customers", query="q=Ada.Lovelace%40", headers=cs, expect=200).body
    assert [i["id"] for i in found["items"]] == [ids["ada.lovelace@x.test"]]
    found = c.call("GET", "/admin/customers", query="q=ALAN%40X", headers=cs, expect=200).body
    assert [i["email"] for i in found["items"]] == ["alan@x.test"]
    by_name = c.call("GET", "/admin/customers", query="q=name2", headers=cs, expect=200).body
    assert [i["email"] for i in by_name["items"]] == ["grace@x.test"]
    paged = c.call("GET", "/admin/customers", query="q=name&limit=2", headers=cs, expect=200).body
    assert len(paged["items"]) == 2 and paged["next_cursor"]
    rest = c.call(
        "GET", "/admin/customers", query=f"q=name&limit=2&cursor={paged['next_cursor']}", headers=cs, expect=200
    )
    assert len(rest.body["items"]) == 1
    assert c.call("GET", "/admin/customers", headers=cs, expect=400).body["code"] == "validation_error"
    assert c.call("GET", "/admin/customers", query="segment=vip", headers=cs, expect=400).body["code"]

    run = api.post("/admin/jobs/score_rfm/runs", {}, headers=ADMIN)
    assert run.status == 200, run.body
    assert run.body["summary"]["status"] == "done" and run.body["summary"]["scored"] == 2
    again = api.post("/admin/jobs/score_rfm/runs", {}, headers=ADMIN).body["summary"]
    assert again["already_done"] is True and again["changed"] == 0
    segments = c.call("GET", "/admin/segments", headers=cs, expect=200).body
    assert sum(segments["segments"].values()) == 2 and segments["scored_on"]
    top = c.call(
        "GET",
        "/admin/customers/{customer_id}",
        params={"customer_id": ids["ada.lovelace@x.test"]},
        headers=cs,
        expect=200,
    )
    rfm = top.body["rfm"]
    assert (rfm["r"], rfm["f"], rfm["m"]) == (3, 3, 4)  # tied on R and F, the higher spend
    assert top.body["segment_history"][0]["to"] == rfm["segment"]
    listed = c.call("GET", "/admin/customers", query=f"segment={rfm['segment']}", headers=cs, expect=200).body
    assert ids["ada.lovelace@x.test"] in [i["id"] for i in listed["items"]]

    orders = c.call(
        "GET",
        "/admin/customers/{customer_id}/orders",
        params={"customer_id": ids["alan@x.test"]},
        headers=cs,
        expect=200,
    )
    assert orders.body["items"] == []
    assert c.call(
        "GET", "/admin/customers/{customer_id}", params={"customer_id": "cus_nope"}, headers=cs, expect=404
    ).body["code"]
    warehouse = api.staff_key("warehouse")
    assert c.call("GET", "/admin/segments", headers=warehouse, expect=403).body["code"] == "forbidden"
