"""The composition root's part for paid membership (kept apart so bootstrap.py stays
short): plans and memberships on DynamoDB, renewals fanned out through SQS (ADR 0012)."""

from __future__ import annotations

from .adapters.stripe_gateway import StripeGateway
from .domain.clock import Clock
from .services.membership import MembershipService
from .services.ports import Metrics
from .services.relay import EventRelay
from .settings import Settings


def build_memberships(
    settings: Settings, gateway: StripeGateway, relay: EventRelay, clock: Clock, metrics: Metrics
) -> MembershipService:
    from .adapters.chunk_queue import SqsChunkQueue
    from .adapters.dynamo.membership import DynamoDueMemberships, DynamoMemberships, DynamoPlans
    from .adapters.dynamo.settlement_jobs import DynamoJobRuns

    s = settings
    return MembershipService(
        DynamoPlans(),
        DynamoMemberships(),
        gateway,
        relay,
        clock,
        s.currency,
        metrics,
        fan_out=(DynamoDueMemberships(), DynamoJobRuns(clock.now), SqsChunkQueue(s, "renew-chunks")),
        chunk_size=s.renewal_chunk_size,
        inline_max=s.renewal_inline_max,
    )
