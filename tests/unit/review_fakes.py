"""In-memory reviews (``ReviewRepository`` in services/reviews.py) with the products'
rating counters, a reward ledger and a care desk. Each write checks its condition
first (no review of the order yet; the review's version) and then applies the
review and its counter deltas together, as DynamoReviews' transaction does."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from chalicelib.domain.error_codes import CommonErrorCode, ReviewErrorCode
from chalicelib.domain.errors import Conflict
from chalicelib.domain.events import Event
from chalicelib.domain.orders import Order
from chalicelib.domain.promotions import CouponGrant
from chalicelib.domain.reviews import ProductReview, Review, ReviewChange, StoreRating
from chalicelib.services.ports import Customer, Page, Position

from .fakes import paginate


class FakeReviews:
    def __init__(self) -> None:
        self.reviews: dict[str, Review] = {}
        self.counters: dict[str, dict[str, int]] = {}  # product -> total, count, "1".."5"
        self.events: list[Event] = []
        self.ratings: dict[str, StoreRating] = {}

    def add(self, change: ReviewChange) -> None:
        if change.review.id in self.reviews:
            raise Conflict("exists", code=ReviewErrorCode.REVIEW_EXISTS)
        self._apply(change)

    def save(self, change: ReviewChange) -> Review:
        current = self.reviews.get(change.review.id)
        if current is None or current.version != change.review.version:
            raise Conflict("changed", code=CommonErrorCode.CONCURRENT_UPDATE)
        return self._apply(change)

    def _apply(self, change: ReviewChange) -> Review:
        saved = replace(change.review, version=change.review.version + 1)
        self.reviews[saved.id] = saved
        for delta in change.deltas:
            counters = self.counters.setdefault(delta.product_id, {})
            counters["total"] = counters.get("total", 0) + delta.total
            counters["count"] = counters.get("count", 0) + delta.count
            for star, n in delta.stars.items():
                counters[str(star)] = counters.get(str(star), 0) + n
        self.events.extend(change.events)
        return saved

    def get(self, review_id: str) -> Review | None:
        return self.reviews.get(review_id)

    def for_product(self, product_id: str, rating: int | None, limit: int, after: Position | None) -> Page:
        entries = [
            ProductReview(r, line)
            for r in self.reviews.values()
            if r.status == "published"
            for line in r.lines
            if line.product_id == product_id and (rating is None or line.rating == rating)
        ]
        key = lambda e: (e.review.created_at.isoformat(), e.review.id, e.line.sku)  # noqa: E731
        return paginate(entries, key, descending=True, limit=limit, after=after)

    def listing(self, status: str | None, limit: int, after: Position | None) -> Page:
        found = [r for r in self.reviews.values() if status is None or r.status == status]
        key = lambda r: (r.created_at.isoformat(), r.id)  # noqa: E731
        return paginate(found, key, descending=True, limit=limit, after=after)

    def created_between(self, start: datetime, end: datetime) -> list[Review]:
        return [r for r in self.reviews.values() if start <= r.created_at <= end]

    def save_store_rating(self, rating: StoreRating) -> None:
        self.ratings[rating.day] = rating
        self.ratings["LATEST"] = rating

    def store_rating(self) -> StoreRating | None:
        return self.ratings.get("LATEST")


class FakeRewards:
    def __init__(self) -> None:
        self.grants: dict[str, CouponGrant] = {}  # customer -> their one reward

    def grant_first(self, grant: CouponGrant) -> bool:
        if grant.customer_id in self.grants:
            return False
        self.grants[grant.customer_id] = grant
        return True


class FakeDesk:
    def __init__(self) -> None:
        self.tickets: dict[str, tuple[str, str, str | None]] = {}  # id -> customer, category, order

    def open_once(
        self, ticket_id: str, customer_id: str, category: str, subject: str, body: str, order_id: str | None
    ) -> bool:
        if ticket_id in self.tickets:
            return False
        self.tickets[ticket_id] = (customer_id, category, order_id)
        return True


class FakeOrders:
    def __init__(self, *orders: Order) -> None:
        self.orders = {o.id: o for o in orders}

    def get(self, order_id: str) -> Order | None:
        return self.orders.get(order_id)


class FakeCustomers:
    def get(self, customer_id: str) -> Customer | None:
        return None


class RecordingGauges:
    def __init__(self) -> None:
        self.values: list[tuple[str, float, dict[str, str]]] = []

    def gauge(self, name: str, value: float, **dimensions: str) -> None:
        self.values.append((name, value, dimensions))
