"""Reviews through the real app (moto): the buyer of a delivered order reviews it
once (another customer's order is 404, a second review 409, an undelivered order
409, 31 days after delivery 422), the product page carries the rating, the
product's list the published lines; a banned word holds a review until staff
publish it, hiding takes it out of the rating; the merchant replies once and
edits; the reviews worker opens one ticket for a low rating and grants one
first-review coupon; compute_dsr stores the store rating."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from tests.payments import signed
from tests.support import ADMIN, drain_ok, event_runner, iso, sku_body

from .test_fulfillment_api import ADDRESS, drain, runner, tracking  # noqa: F401 - the runner fixture

_numbers = itertools.count(1)


@pytest.fixture
def shop(api):
    category = api.category()
    product = api.product(category["id"], skus=[sku_body(c, price=9900, stock=50) for c in ("RV-1", "RV-2")])
    return product["id"]


def delivered(api, gateway, runner, lines=None, me=None, at=None):  # noqa: F811
    """An order of ``lines`` paid, shipped and delivered (``at``: when the carrier says)."""
    if me is None:
        _, token = api.customer()
        me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=me).body["id"]
    for sku, quantity in (lines or {"RV-1": 1}).items():
        api.post(f"/carts/{cart}/items", {"sku": sku, "quantity": quantity}, headers=me)
    placed = api.post(
        "/checkout", {"cart_id": cart, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": cart}
    ).body
    payload, headers = signed(gateway.succeed(placed["payment"]["payment_intent_id"]))
    api.request("POST", "/webhooks/stripe", raw=payload, headers=headers)
    order_id = placed["order"]["id"]
    drain(runner)
    number = f"RV{next(_numbers):05d}"
    shipped = api.post(
        f"/admin/orders/{order_id}/shipments", {"carrier": "sf", "tracking_number": number}, headers=ADMIN
    )
    assert shipped.status == 201, shipped.body
    assert tracking(api, number, "delivered", f"ev-{number}", at=at).status == 200
    return order_id, me


def review(api, order_id, me, rating=5, text=None, images=None, **body):
    item = {
        "sku": "RV-1",
        "rating": rating,
        **({"text": text} if text else {}),
        **({"images": images} if images else {}),
    }
    payload = {"items": [item], "service_rating": 5, "logistics_rating": 5, **body}
    return api.post(f"/orders/{order_id}/reviews", payload, headers=me)


def test_the_buyer_reviews_a_delivered_order_once_and_the_product_page_shows_it(api, gateway, runner, shop):  # noqa: F811
    order_id, me = delivered(api, gateway, runner)
    created = review(api, order_id, me, rating=4, text="Soft and well made", anonymous=True)
    assert created.status == 201, created.body
    body = created.body
    assert body["status"] == "published" and body["anonymous"] is True and body["author"] == "S***r"
    assert body["items"][0]["product_id"] == shop and body["items"][0]["rating"] == 4

    page = api.get(f"/products/{shop}").body
    assert page["rating"] == {"average": 4.0, "count": 1, "distribution": {"1": 0, "2": 0, "3": 0, "4": 1, "5": 0}}
    listed = api.get(f"/products/{shop}/reviews").body["items"]
    assert [(r["review_id"], r["rating"], r["text"], r["author"]) for r in listed] == [
        (body["id"], 4, "Soft and well made", "S***r")
    ]
    assert api.get(f"/products/{shop}/reviews?rating=5").body["items"] == []
    assert api.get(f"/products/{shop}/reviews?rating=6").code == "validation_error"

    again = review(api, order_id, me)
    assert (again.status, again.code) == (409, "review_exists")
    _, other = api.customer()
    stranger = review(api, order_id, {"Authorization": f"Bearer {other}"})
    assert (stranger.status, stranger.code) == (404, "not_found")
    assert review(api, order_id, {}).status == 401

    follow = api.post(f"/orders/{order_id}/reviews/follow-up", {"text": "Still great after a month"}, headers=me)
    assert follow.status == 201 and follow.body["follow_up"]["text"] == "Still great after a month"
    second = api.post(f"/orders/{order_id}/reviews/follow-up", {"text": "And again"}, headers=me)
    assert (second.status, second.code) == (409, "follow_up_exists")
    assert api.get(f"/products/{shop}/reviews").body["items"][0]["follow_up"]["text"] == "Still great after a month"
    assert api.get(f"/products/{shop}").body["rating"]["count"] == 1  # a follow-up is not a second rating


def test_an_undelivered_order_is_409_and_a_review_after_30_days_is_422(api, gateway, runner, shop):  # noqa: F811
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=me).body["id"]
    api.post(f"/carts/{cart}/items", {"sku": "RV-1", "quantity": 1}, headers=me)
    placed = api.post(
        "/checkout", {"cart_id": cart, "shipping_address": ADDRESS}, headers={**me, "Idempotency-Key": cart}
    ).body
    pending = review(api, placed["order"]["id"], me)
    assert (pending.status, pending.code) == (409, "order_not_delivered")

    late_order, late_me = delivered(api, gateway, runner, at=datetime.now(UTC) - timedelta(days=31))
    late = review(api, late_order, late_me)
    assert (late.status, late.code) == (422, "review_window_closed")
    in_time, in_time_me = delivered(api, gateway, runner, at=datetime.now(UTC) - timedelta(days=29))
    unknown = api.post(
        f"/orders/{in_time}/reviews",
        {"items": [{"sku": "RV-2", "rating": 5}], "service_rating": 5, "logistics_rating": 5},
        headers=in_time_me,
    )
    assert (unknown.status, unknown.code) == (400, "validation_error")  # RV-2 was not bought
    assert unknown.body["errors"][0]["field"] == "items[0].sku"
    assert review(api, in_time, in_time_me).status == 201


def test_a_held_review_counts_once_published_and_a_hidden_one_is_taken_out(api, gateway, runner, shop):  # noqa: F811
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.reviews import ReviewPolicy

    get_container().reviews.policy = ReviewPolicy(banned_words=("Scam",))
    order_id, me = delivered(api, gateway, runner)
    held = review(api, order_id, me, rating=2, text="what a SCAM this was")
    assert held.status == 201 and held.body["status"] == "held"
    assert api.get(f"/products/{shop}").body["rating"]["count"] == 0
    assert api.get(f"/products/{shop}/reviews").body["items"] == []
    queue = api.get("/admin/reviews?status=held", headers=ADMIN).body["items"]
    assert [r["id"] for r in queue] == [held.body["id"]]
    assert api.get("/admin/reviews?status=held").status == 401

    published = api.post(f"/admin/reviews/{held.body['id']}/publish", {}, headers=ADMIN)
    assert published.status == 200 and published.body["status"] == "published"
    assert api.get(f"/products/{shop}").body["rating"] == {
        "average": 2.0,
        "count": 1,
        "distribution": {"1": 0, "2": 1, "3": 0, "4": 0, "5": 0},
    }
    again = api.post(f"/admin/reviews/{held.body['id']}/publish", {}, headers=ADMIN)
    assert (again.status, again.code) == (409, "invalid_transition")

    replied = api.post(f"/admin/reviews/{held.body['id']}/reply", {"body": "Sorry, we will call you."}, headers=ADMIN)
    assert replied.body["reply"]["body"] == "Sorry, we will call you." and replied.body["reply"]["edited_at"] is None
    edited = api.post(f"/admin/reviews/{held.body['id']}/reply", {"body": "Sorry: refunded."}, headers=ADMIN)
    assert edited.body["reply"]["body"] == "Sorry: refunded." and edited.body["reply"]["edited_at"] is not None
    assert edited.body["reply"]["created_at"] == replied.body["reply"]["created_at"]
    assert api.get(f"/products/{shop}/reviews").body["items"][0]["reply"]["body"] == "Sorry: refunded."

    hidden = api.post(f"/admin/reviews/{held.body['id']}/hide", {"reason": "abusive"}, headers=ADMIN)
    assert hidden.body["status"] == "hidden" and hidden.body["hidden_reason"] == "abusive"
    assert api.get(f"/products/{shop}").body["rating"] == {
        "average": None,
        "count": 0,
        "distribution": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0},
    }
    assert api.get(f"/products/{shop}/reviews").body["items"] == []


def test_the_worker_opens_one_ticket_for_a_low_rating_and_grants_one_first_review_coupon(
    api,
    gateway,
    runner,  # noqa: F811
    shop,
):
    reviews = event_runner("commerce-reviews")
    order_id, me = delivered(api, gateway, runner)
    low = review(api, order_id, me, rating=1, text="Broke on the first day, very disappointed")
    assert low.status == 201
    assert drain_ok(reviews, "reviews") == 2  # submitted, published
    tickets = api.get("/me/tickets", headers=me).body["items"]
    assert [(t["category"], t["order_id"]) for t in tickets] == [("complaint", order_id)]
    coupons = api.get("/me/coupons", headers=me).body["items"]
    assert len(coupons) == 1 and coupons[0]["amount_off"]["amount"] == 500

    from chalicelib.bootstrap import get_container
    from chalicelib.domain.events import new_event

    service = get_container().reviews
    again = {"review_id": low.body["id"]}
    assert service.handle(new_event("review.submitted", again, datetime.now(UTC))) == "ticket_exists"
    assert service.handle(new_event("review.published", again, datetime.now(UTC))) == "already_rewarded"

    second, _ = delivered(api, gateway, runner, me=me)
    assert review(api, second, me, rating=5, images=["https://img.example/1.jpg"]).status == 201
    assert drain_ok(reviews, "reviews") == 2
    assert len(api.get("/me/tickets", headers=me).body["items"]) == 1
    assert len(api.get("/me/coupons", headers=me).body["items"]) == 1  # the first review's, only

    short_order, short_me = delivered(api, gateway, runner)
    assert review(api, short_order, short_me, rating=5, text="ok").status == 201
    drain_ok(reviews, "reviews")
    assert api.get("/me/coupons", headers=short_me).body["items"] == []  # neither 20 characters nor a photo
    assert api.get("/me/tickets", headers=short_me).body["items"] == []


def test_compute_dsr_stores_the_store_rating_of_the_last_180_days(api, gateway, runner, shop):  # noqa: F811
    assert api.get("/store/rating").body["count"] == 0
    for rating, service in ((5, 5), (3, 4)):
        order_id, me = delivered(api, gateway, runner)
        payload = {"items": [{"sku": "RV-1", "rating": rating}], "service_rating": service, "logistics_rating": 4}
        assert api.post(f"/orders/{order_id}/reviews", payload, headers=me).status == 201
    run = api.post("/admin/jobs/compute_dsr/runs", {}, headers=ADMIN)
    assert run.status == 200, run.body
    assert run.body["summary"]["count"] == 2
    rating = api.get("/store/rating").body
    assert (rating["description"], rating["service"], rating["logistics"], rating["count"]) == (4.0, 4.5, 4.0, 2)
    assert rating["window_days"] == 180
    later = api.post(
        "/admin/jobs/compute_dsr/runs", {"as_of": iso(datetime.now(UTC) + timedelta(days=181))}, headers=ADMIN
    )
    assert later.body["summary"]["count"] == 0


def test_every_review_answer_matches_the_document(api, gateway, runner, shop):  # noqa: F811
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.reviews import ReviewPolicy
    from tests.integration.test_openapi_contract import Checked

    c = Checked(api)
    get_container().reviews.policy = ReviewPolicy(banned_words=("spam",))
    order_id, me = delivered(api, gateway, runner)
    body = {
        "items": [{"sku": "RV-1", "rating": 3, "text": "spam", "images": ["https://img.example/a.jpg"]}],
        "service_rating": 4,
        "logistics_rating": 5,
    }
    review_id = c.call(
        "POST", "/orders/{order_id}/reviews", params={"order_id": order_id}, json_body=body, headers=me, expect=201
    ).body["id"]
    c.call("POST", "/orders/{order_id}/reviews", params={"order_id": order_id}, json_body=body, headers=me, expect=409)
    c.call(
        "POST",
        "/orders/{order_id}/reviews/follow-up",
        params={"order_id": order_id},
        json_body={"text": "more spam"},
        headers=me,
        expect=201,
    )
    c.call("GET", "/admin/reviews", query="status=held", headers=ADMIN, expect=200)
    c.call("GET", "/admin/reviews/{review_id}", params={"review_id": review_id}, headers=ADMIN, expect=200)
    c.call("POST", "/admin/reviews/{review_id}/publish", params={"review_id": review_id}, headers=ADMIN, expect=200)
    c.call(
        "POST",
        "/admin/reviews/{review_id}/reply",
        params={"review_id": review_id},
        json_body={"body": "Thanks"},
        headers=ADMIN,
        expect=200,
    )
    c.call("GET", "/products/{product_id}", params={"product_id": shop}, expect=200)
    c.call("GET", "/products/{product_id}/reviews", params={"product_id": shop}, query="rating=3", expect=200)
    c.call("POST", "/admin/jobs/{name}/runs", params={"name": "compute_dsr"}, json_body={}, headers=ADMIN, expect=200)
    c.call("GET", "/store/rating", expect=200)
    c.call(
        "POST",
        "/admin/reviews/{review_id}/hide",
        params={"review_id": review_id},
        json_body={"reason": "spam"},
        headers=ADMIN,
        expect=200,
    )
    c.call("GET", "/me/export", headers=me, expect=200)


def test_erasure_blanks_the_reviews_text_and_keeps_its_rating(api, gateway, runner, shop):  # noqa: F811
    order_id, me = delivered(api, gateway, runner)
    created = review(
        api, order_id, me, rating=4, text="Lovely, says Mei from Hangzhou", images=["https://i.example/m.jpg"]
    )
    api.post(f"/orders/{order_id}/reviews/follow-up", {"text": "Mei again"}, headers=me)
    exported = api.get("/me/export", headers=me).body["reviews"]
    assert [r["id"] for r in exported] == [created.body["id"]]
    assert api.delete("/me", headers=me).status == 204
    [line] = api.get(f"/products/{shop}/reviews").body["items"]
    assert (line["author"], line["text"], line["images"], line["rating"]) == ("(erased)", None, [], 4)
    assert line["follow_up"]["text"] == "(erased)"
    assert api.get(f"/products/{shop}").body["rating"]["count"] == 1


def test_the_product_page_with_its_rating_stays_one_round_trip(api, gateway, runner, shop):  # noqa: F811
    from bench.util import count_round_trips

    order_id, me = delivered(api, gateway, runner)
    assert review(api, order_id, me, rating=3, text="Fine").status == 201
    with count_round_trips() as trips:
        page = api.get(f"/products/{shop}")
    assert page.body["rating"]["count"] == 1 and page.body["rating"]["average"] == 3.0
    assert trips.calls == ["Query"]  # the product partition, counters included (bench: "round trips per request")
