"""RFM on the local stack (DynamoDB Local, moto server's SQS, localstripe), over
HTTP: three customers with scripted order histories — one real payment through
localstripe, the rest order events of past days on the real customer-stats
queue — get the expected R/F/M scores and segments from a score_rfm run, and a
rerun of the same day changes nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from chalicelib.domain.events import new_event
from tests.support import ADMIN, sku_body
from tests.system.test_checkout_system import checkout, pay_on_localstripe, shoppers, wait_for
from tests.system.test_notifications_system import sqs_client


def history(customer_id: str, orders: list[tuple[int, int]], now: datetime) -> list[str]:
    """order.paid events of (days ago, amount), one order each."""
    bodies = []
    for n, (days, amount) in enumerate(orders):
        data = {
            "order_id": f"ord_{customer_id[-6:]}{n}",
            "customer_id": customer_id,
            "status": "paid",
            "payment_status": "paid",
            "total": {"amount": amount, "currency": "CNY"},
            "refunded": {"amount": 0, "currency": "CNY"},
            "lines": [],
        }
        bodies.append(json.dumps(new_event("order.paid", data, now - timedelta(days=days)).to_wire()))
    return bodies


def test_three_scripted_customers_get_their_scores_and_a_rerun_changes_nothing(api, stack):
    from app import app
    from chalicelib.bootstrap import get_container
    from localdev.runner import EventRunner

    sqs = sqs_client(stack)
    runner = EventRunner(app, "us-east-1", sqs)
    stats_worker = next(q for q in runner.queues if q.name == "customer_stats")
    url = sqs.get_queue_url(QueueName=get_container().settings.queue_prefix + "customer-stats")["QueueUrl"]
    now = datetime.now(UTC).replace(microsecond=0)

    # A: a real order paid through localstripe now, and three more in the last weeks
    api.product(api.category()["id"], skus=[sku_body("RFM-1", price=20000, stock=5)])
    [(a, token, cart_id)] = shoppers(1, "RFM-1")
    placed = checkout(api.base_url, token, cart_id).json()
    pay_on_localstripe(f"http://127.0.0.1:{stack.config.stripe_port}", placed["payment"]["payment_intent_id"])
    me = {"Authorization": f"Bearer {token}"}
    wait_for(lambda: api.get(f"/orders/{placed['order']['id']}", headers=me).body["status"] != "pending_payment")
    # B: two orders a month or two ago; C: one small order 300 days ago
    b = api.customer()[0]["id"]
    c = api.customer()[0]["id"]
    scripted = (
        history(a, [(3, 20000), (10, 20000), (20, 20000)], now)
        + history(b, [(40, 5000), (70, 5000)], now)
        + history(c, [(300, 1000)], now)
    )
    for body in scripted + scripted[:2]:  # two delivered twice
        sqs.send_message(QueueUrl=url, MessageBody=body)
    handled = 0
    while (got := runner.poll_once(stats_worker, wait_seconds=1))[0]:
        assert got[1] == 0
        handled += got[0]
    assert handled == len(scripted) + 2 + 1  # and the real order's order.paid, relayed by the app

    stats = {who: api.get(f"/admin/customers/{who}", headers=ADMIN).body["stats"] for who in (a, b, c)}
    assert [stats[who]["orders_count"] for who in (a, b, c)] == [4, 2, 1]
    assert stats[a]["total_spent"]["amount"] == 80000 and stats[a]["average_order_value"]["amount"] == 20000

    run = api.post("/admin/jobs/score_rfm/runs", {"as_of": now.isoformat().replace("+00:00", "Z")}, headers=ADMIN)
    assert run.status == 200, run.body
    assert run.body["summary"]["status"] == "done"
    assert run.body["summary"]["scored"] == 3 and run.body["summary"]["changed"] == 3

    def scores() -> dict[str, tuple[int, int, int, str]]:
        out = {}
        for who in (a, b, c):
            rfm = api.get(f"/admin/customers/{who}", headers=ADMIN).body["rfm"]
            out[who] = (rfm["r"], rfm["f"], rfm["m"], rfm["segment"])
        return out

    first = scores()
    assert first == {a: (5, 5, 5, "champions"), b: (3, 3, 3, "loyal"), c: (1, 1, 1, "lost")}
    segments = api.get("/admin/segments", headers=ADMIN).body
    assert {k: v for k, v in segments["segments"].items() if v} == {"champions": 1, "loyal": 1, "lost": 1}

    again = api.post("/admin/jobs/score_rfm/runs", {"as_of": now.isoformat().replace("+00:00", "Z")}, headers=ADMIN)
    assert again.body["summary"]["already_done"] is True and again.body["summary"]["changed"] == 0
    assert scores() == first
    assert api.get("/admin/segments", headers=ADMIN).body == segments
    history_a = api.get(f"/admin/customers/{a}", headers=ADMIN).body["segment_history"]
    assert [(h["from"], h["to"]) for h in history_a] == [(None, "champions")]
    champions = api.get("/admin/customers?segment=champions", headers=ADMIN).body["items"]
    assert [i["id"] for i in champions] == [a]
