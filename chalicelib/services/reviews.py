"""Reviews: the buyer's verified review of a delivered order and its follow-up,
the product's review list, staff moderation and reply, the care ticket and the
first-review reward (the reviews worker, on ``review.submitted`` and
``review.published``), and the store rating (job ``compute_dsr``)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from ..domain import reviews as rules
from ..domain.clock import Clock, business_date
from ..domain.errors import NotFound
from ..domain.events import Event
from ..domain.ids import ulid
from ..domain.orders import Order
from ..domain.promotions import CouponGrant
from ..domain.reviews import LineIn, Review, ReviewChange, ReviewPolicy, StoreRating
from .ports import Customer, Page, Position, Relay

log = logging.getLogger("commerce.reviews")

DSR_WINDOW_DAYS = 180
DSR_METRIC = "StoreRating"  # per dimension (description, service, logistics): an alarm in infra
DSR_ALARM_BELOW = 4.8


class ReviewRepository(Protocol):
    def add(self, change: ReviewChange) -> None: ...  # Conflict(review_exists): the order has its review
    def save(self, change: ReviewChange) -> Review: ...  # guarded by version; the counters in the same write
    def get(self, review_id: str) -> Review | None: ...
    def for_product(self, product_id: str, rating: int | None, limit: int, after: Position | None) -> Page: ...
    def listing(self, status: str | None, limit: int, after: Position | None) -> Page: ...
    def created_between(self, start: datetime, end: datetime) -> list[Review]: ...
    def save_store_rating(self, rating: StoreRating) -> None: ...
    def store_rating(self) -> StoreRating | None: ...  # the latest computed


class RewardLedger(Protocol):
    def grant_first(self, grant: CouponGrant) -> bool: ...  # False: this customer had their review reward


class CareDesk(Protocol):
    def open_once(
        self, ticket_id: str, customer_id: str, category: str, subject: str, body: str, order_id: str | None
    ) -> bool: ...  # False: that ticket exists already


class OrderReader(Protocol):
    def get(self, order_id: str) -> Order | None: ...


class CustomerReader(Protocol):
    def get(self, customer_id: str) -> Customer | None: ...


class Gauges(Protocol):
    def gauge(self, name: str, value: float, **dimensions: str) -> None: ...


@dataclass(frozen=True)
class RewardPolicy:
    amount: int = 500  # minor units off, in the store currency
    valid_days: int = 30


def review_id_for(order_id: str) -> str:
    """The one review an order may have: its id follows from the order's."""
    return "rev_" + order_id.split("_", 1)[-1]


class ReviewService:
    def __init__(
        self,
        reviews: ReviewRepository,
        orders: OrderReader,
        customers: CustomerReader,
        desk: CareDesk,
        rewards: RewardLedger,
        clock: Clock,
        policy: ReviewPolicy | None = None,
        reward: RewardPolicy | None = None,
        relay: Relay | None = None,
        gauges: Gauges | None = None,
        store_timezone: str = "Asia/Shanghai",
    ) -> None:
        self.reviews = reviews
        self.orders = orders
        self.customers = customers
        self.desk = desk
        self.rewards = rewards
        self.clock = clock
        self.policy = policy or ReviewPolicy()
        self.reward = reward or RewardPolicy()
        self.relay = relay
        self.gauges = gauges
        self.store_timezone = store_timezone

    # --- customers ---------------------------------------------------------------------
    def submit(
        self,
        customer_id: str,
        order_id: str,
        lines: Sequence[LineIn],
        service_rating: int,
        logistics_rating: int,
        anonymous: bool = False,
    ) -> Review:
        order = self.orders.get(order_id)
        if order is None or order.customer_id != customer_id:
            raise NotFound(f"No order {order_id}.")
        customer = self.customers.get(customer_id)
        name = customer.name if customer is not None else ""
        change = rules.submit(
            review_id_for(order_id),
            order,
            customer_id,
            name,
            lines,
            service_rating,
            logistics_rating,
            anonymous,
            self.policy,
            self.clock.now(),
        )
        self.reviews.add(change)
        self._publish(change)
        return change.review

    def follow_up(self, customer_id: str, order_id: str, text: str, images: Sequence[str]) -> Review:
        review = self.reviews.get(review_id_for(order_id))
        if review is None or review.customer_id != customer_id:
            raise NotFound(f"No review of order {order_id}.")
        return self._save(rules.follow_up(review, text, images, self.policy, self.clock.now()))

    def for_product(self, product_id: str, rating: int | None, limit: int, after: Position | None) -> Page:
        """Published reviews of the product, newest first: ProductReview items."""
        return self.reviews.for_product(product_id, rating, limit, after)

    # --- staff -------------------------------------------------------------------------
    def get(self, review_id: str) -> Review:
        review = self.reviews.get(review_id)
        if review is None:
            raise NotFound(f"No review {review_id}.")
        return review

    def listing(self, status: str | None, limit: int, after: Position | None) -> Page:
        return self.reviews.listing(status, limit, after)

    def publish(self, review_id: str) -> Review:
        return self._save(rules.publish(self.get(review_id), self.clock.now()))

    def hide(self, review_id: str, reason: str) -> Review:
        return self._save(rules.hide(self.get(review_id), reason, self.clock.now()))

    def reply(self, review_id: str, actor: str, body: str) -> Review:
        return self._save(rules.reply(self.get(review_id), body, actor, self.clock.now()))

    # --- the reviews worker ------------------------------------------------------------
    def handle(self, event: Event) -> str:
        """A review event from the queue: care on submission, the reward on publication.
        Both are idempotent (a ticket id and a reward marker per customer)."""
        review = self.reviews.get(str(event.data.get("review_id", "")))
        if review is None:
            return "unknown_review"
        if event.type == "review.submitted":
            return self._care(review)
        if event.type == "review.published":
            return self._reward(review)
        return "ignored"

    def _care(self, review: Review) -> str:
        if not review.needs_care:
            return "no_care_needed"
        ratings = ", ".join(f"{line.sku}: {line.rating}" for line in review.lines)
        body = (
            f"Review {review.id} of order {review.order_id} rated {review.lowest_rating} or lower "
            f"(items {ratings}; service {review.service_rating}, logistics {review.logistics_rating}). "
            "Reach out to the customer."
        )
        ticket_id = "tkt_" + review.id.split("_", 1)[-1]  # one ticket per review, however often this runs
        opened = self.desk.open_once(
            ticket_id, review.customer_id, "complaint", f"Low rating on order {review.order_id}", body, review.order_id
        )
        return "ticket_opened" if opened else "ticket_exists"

    def _reward(self, review: Review) -> str:
        if not review.rewardable:
            return "not_rewardable"
        now = self.clock.now()
        grant = CouponGrant(
            code=f"REVIEW-{ulid()}",
            customer_id=review.customer_id,
            amount_off=self.reward.amount,
            granted_at=now,
            ends_at=now + timedelta(days=self.reward.valid_days),
            source=f"review:{review.id}",
            reason="Thank you for your review",
        )
        return "rewarded" if self.rewards.grant_first(grant) else "already_rewarded"

    # --- the store rating --------------------------------------------------------------
    def compute_dsr(self, as_of: datetime) -> dict[str, object]:
        """The detailed seller rating over the last 180 days of published reviews,
        stored for the business day of ``as_of`` (a rerun replaces it)."""
        start = as_of - timedelta(days=DSR_WINDOW_DAYS)
        found = self.reviews.created_between(start, as_of)
        day = business_date(as_of, self.store_timezone).isoformat()
        rating = rules.store_rating(found, day, DSR_WINDOW_DAYS, self.clock.now())
        self.reviews.save_store_rating(rating)
        if self.gauges is not None:
            for dimension in ("description", "service", "logistics"):
                value = getattr(rating, dimension)
                if value is not None:
                    self.gauges.gauge(DSR_METRIC, value, dimension=dimension)
        return {
            "day": day,
            "count": rating.count,
            "description": rating.description,
            "service": rating.service,
            "logistics": rating.logistics,
        }

    def store_rating(self) -> StoreRating:
        found = self.reviews.store_rating()
        if found is not None:
            return found
        now = self.clock.now()
        day = business_date(now, self.store_timezone).isoformat()
        return StoreRating(day, None, None, None, 0, DSR_WINDOW_DAYS, now)

    def _save(self, change: ReviewChange) -> Review:
        saved = self.reviews.save(change)
        self._publish(change)
        return saved

    def _publish(self, change: ReviewChange) -> None:
        if self.relay is not None and change.events:
            self.relay.relay(list(change.events))
