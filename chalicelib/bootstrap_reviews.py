"""The composition root's part for reviews (kept apart so bootstrap.py stays short):
reviews, ratings and the store rating on DynamoDB, care tickets through the ticket
service, the first-review reward into the customer's wallet."""

from __future__ import annotations

from datetime import timedelta

from .domain.clock import Clock
from .services.relay import EventRelay
from .services.reviews import Gauges, ReviewService
from .services.tickets import TicketService
from .settings import Settings


def build_reviews(
    settings: Settings, clock: Clock, relay: EventRelay, tickets: TicketService, gauges: Gauges
) -> ReviewService:
    from .adapters.dynamo.accounts import DynamoCustomers
    from .adapters.dynamo.orders import DynamoOrders
    from .adapters.dynamo.reviews import DynamoReviewRewards, DynamoReviews
    from .domain.reviews import ReviewPolicy
    from .services.reviews import RewardPolicy

    s = settings
    policy = ReviewPolicy(
        window=timedelta(days=s.review_window_days),
        follow_up_window=timedelta(days=s.review_follow_up_days),
        banned_words=s.review_banned_words,
    )
    return ReviewService(
        DynamoReviews(),
        DynamoOrders(),
        DynamoCustomers(),
        tickets,
        DynamoReviewRewards(),
        clock,
        policy,
        RewardPolicy(s.review_reward_amount, s.review_reward_days),
        relay,
        gauges,
        s.store_timezone,
    )
