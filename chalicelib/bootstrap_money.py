"""The composition root's part for paid membership and settlement (kept apart so
bootstrap.py stays short): plans and memberships on DynamoDB, renewals fanned out
through SQS (ADR 0012); the daily settlement, fanned out in chunks."""

from __future__ import annotations

from .adapters.stripe_gateway import StripeGateway
from .domain.clock import Clock
from .services.membership import MembershipService
from .services.ports import Metrics
from .services.relay import EventRelay
from .services.settlement import SettlementService
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


def build_settlements(settings: Settings, gateway: StripeGateway, clock: Clock) -> SettlementService:
    from .adapters.chunk_queue import SqsChunkQueue
    from .adapters.dynamo.settlement import DynamoSettlements
    from .adapters.dynamo.settlement_jobs import DynamoDueSettlements, DynamoJobRuns

    s = settings
    return SettlementService(
        DynamoDueSettlements(),
        DynamoSettlements(),
        gateway,
        clock,
        s.store_timezone,
        s.currency,
        s.payment_fee_bps,
        DynamoJobRuns(clock.now),
        SqsChunkQueue(s),
        chunk_size=s.settlement_chunk_size,
        inline_max=s.settlement_inline_max,
    )
