"""Reviews over real HTTP against DynamoDB Local: the four refusals (another
customer's order 404, a second review 409, an undelivered order 409, 31 days
after delivery 422); 200 reviews of one product written concurrently give a
rating of count 200 and the exact average (the counters are ADDed in each
review's transaction); a 1-star review of an order paid on localstripe and
delivered by the carrier opens exactly one complaint ticket, and the first
long review earns exactly one coupon (the reviews worker, messages delivered
twice). The 200 orders are seeded through the adapter, not checked out."""

from __future__ import annotations

import random
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from tests.support import ADMIN, sku_body
from tests.system.test_after_sales_system import a_customer, delivered, placed
from tests.unit.order_builders import an_order

N = 200


def shop(api, code: str) -> str:
    return api.product(api.category()["id"], skus=[sku_body(code, price=9900, stock=50)])["id"]


def seed(customer_id: str, product_id: str, sku: str, status="delivered", delivered_at=None) -> str:
    """A delivered order of ``sku`` for the customer, written straight to the table."""
    from chalicelib.adapters.dynamo.order_index import items
    from chalicelib.adapters.dynamo.order_records import order_record

    order = an_order({sku: 1}, customer_id=customer_id)
    lines = tuple(replace(line, product_id=product_id) for line in order.lines)
    reached = delivered_at or datetime.now(UTC) - timedelta(days=1)
    order = replace(order, lines=lines, status=status, delivered_at=reached if status == "delivered" else None)
    order_record(order).save()
    for item in items(order):  # its listings (ADR 0031)
        item.save()
    return order.id


def customer_id_of(api, me) -> str:
    return api.get("/me", headers=me).body["id"]


def body(sku: str, rating: int = 5, text: str | None = None) -> dict:
    item = {"sku": sku, "rating": rating, **({"text": text} if text else {})}
    return {"items": [item], "service_rating": 5, "logistics_rating": 5}


def test_the_four_refusals(api):
    product = shop(api, "RS-1")
    me, other = a_customer(api), a_customer(api)
    mine = customer_id_of(api, me)
    order = seed(mine, product, "RS-1")
    pending = seed(mine, product, "RS-1", status="shipped")
    old = seed(mine, product, "RS-1", delivered_at=datetime.now(UTC) - timedelta(days=31))

    stranger = api.post(f"/orders/{order}/reviews", body("RS-1"), headers=other)
    assert (stranger.status, stranger.code) == (404, "not_found")
    assert api.post(f"/orders/{order}/reviews", body("RS-1"), headers=me).status == 201
    again = api.post(f"/orders/{order}/reviews", body("RS-1"), headers=me)
    assert (again.status, again.code) == (409, "review_exists")
    undelivered = api.post(f"/orders/{pending}/reviews", body("RS-1"), headers=me)
    assert (undelivered.status, undelivered.code) == (409, "order_not_delivered")
    late = api.post(f"/orders/{old}/reviews", body("RS-1"), headers=me)
    assert (late.status, late.code) == (422, "review_window_closed")


def test_two_hundred_concurrent_reviews_of_one_product_count_200_with_the_exact_average(api):
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.reviews import LineIn

    product = shop(api, "RS-HOT")
    buyers = [f"cus_{uuid.uuid4().hex[:12]}" for _ in range(N)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        orders = list(pool.map(lambda c: seed(c, product, "RS-HOT"), buyers))
    ratings = [random.Random(i).randint(1, 5) for i in range(N)]
    service = get_container().reviews
    # The events stay in the outbox (this test's table): 400 messages to the shared queues
    # would only slow the next test's queue purge; the worker is the last test's.
    service.relay = None

    def submit(i: int) -> str:
        return service.submit(buyers[i], orders[i], [LineIn("RS-HOT", ratings[i])], 5, 5).status

    with ThreadPoolExecutor(max_workers=32) as pool:
        statuses = list(pool.map(submit, range(N)))
    assert statuses == ["published"] * N
    rating = api.get(f"/products/{product}").body["rating"]
    assert rating["count"] == N
    assert rating["average"] == round(sum(ratings) / N, 2)
    assert rating["distribution"] == {str(star): ratings.count(star) for star in range(1, 6)}
    first = api.get(f"/products/{product}/reviews?limit=100").body
    second = api.get(f"/products/{product}/reviews?limit=100&cursor={first['next_cursor']}").body
    assert len({r["review_id"] for r in first["items"] + second["items"]}) == N


def test_a_one_star_review_opens_one_ticket_and_the_first_long_review_earns_one_coupon(api, stack):
    from app import app
    from localdev.runner import EventRunner
    from localdev.stack import clients

    product = shop(api, "RS-CARE")
    me = a_customer(api)
    order = delivered(api, placed(api, stack, me, [("RS-CARE", 1)]), me)
    assert order["status"] == "delivered"
    r = api.post(f"/orders/{order['id']}/reviews", body("RS-CARE", 1, "Arrived broken and nobody answers."), headers=me)
    assert r.status == 201 and r.body["status"] == "published"

    _, sqs, _ = clients(stack.config)
    runner = EventRunner(app, stack.config.region, sqs)
    source = next(q for q in runner.queues if q.name == "reviews")
    handled = 0
    while (result := runner.poll_once(source, wait_seconds=0))[0]:
        assert result[1] == 0, result
        handled += result[0]
    assert handled == 2  # review.submitted, review.published

    from chalicelib.bootstrap import get_container
    from chalicelib.domain.events import new_event

    again = {"review_id": r.body["id"]}  # the same messages delivered again change nothing
    service = get_container().reviews
    # The events stay in the outbox (this test's table): 400 messages to the shared queues
    # would only slow the next test's queue purge; the worker is the last test's.
    service.relay = None
    assert service.handle(new_event("review.submitted", again, datetime.now(UTC))) == "ticket_exists"
    assert service.handle(new_event("review.published", again, datetime.now(UTC))) == "already_rewarded"

    tickets = api.get("/me/tickets", headers=me).body["items"]
    assert [(t["category"], t["order_id"]) for t in tickets] == [("complaint", order["id"])]
    [ticket] = api.get("/admin/tickets?category=complaint", headers=ADMIN).body["items"]
    assert ticket["order_id"] == order["id"]
    coupons = api.get("/me/coupons", headers=me).body["items"]
    assert len(coupons) == 1 and coupons[0]["amount_off"]["amount"] == 500
    assert api.get(f"/products/{product}").body["rating"]["distribution"]["1"] == 1
