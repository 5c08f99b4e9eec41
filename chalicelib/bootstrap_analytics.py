"""The composition root's part for analytics (kept apart so bootstrap.py stays
short): the event intake, the sales read model, marketing spend, the KPIs and
their report, on DynamoDB and the event bus (ADR 0021); A/B experiments (ADR
0024). Product health, when it comes, is built here too."""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from .domain.clock import Clock
from .services.ports import Metrics
from .settings import Settings

if TYPE_CHECKING:
    from .services.analytics import EventIntake, Kpis, SalesModel
    from .services.experiments import Experiments
    from .services.product_health import ProductHealth


class Analytics:
    """Built once per container, on first use."""

    def __init__(self, settings: Settings, clock: Clock, metrics: Metrics) -> None:
        self.settings = settings
        self.clock = clock
        self.metrics = metrics

    @cached_property
    def intake(self) -> EventIntake:
        from .adapters.dynamo.analytics import DynamoTraffic
        from .adapters.dynamo.throttle import DynamoAttemptCounter
        from .adapters.events import EventBridgePublisher
        from .services.analytics import EventIntake

        s = self.settings
        return EventIntake(
            DynamoTraffic(),
            DynamoAttemptCounter(),
            EventBridgePublisher(s),
            self.clock,
            s.store_timezone,
            self.metrics,
            on_accepted=self.experiments.record_exposures,  # A/B exposures (ADR 0024)
        )

    @cached_property
    def experiments(self) -> Experiments:
        from .adapters.dynamo.catalog import DynamoProducts
        from .adapters.dynamo.experiments import DynamoExperiments
        from .domain.margins import Breach, breaches
        from .services.experiments import Experiments
        from .services.listing import priced

        products = DynamoProducts(self.settings.currency)
        minimum = self.settings.min_margin_percent

        def price_breaches(product_id: str, price: int) -> list[Breach]:
            view = products.get(product_id)
            return [b for sku, _ in (view.skus if view else ()) for b in breaches(priced(sku), minimum, price)]

        return Experiments(
            DynamoExperiments(),
            self.clock,
            lambda product_id: products.get(product_id) is not None,
            price_breaches,
            minimum,
        )

    @cached_property
    def sales(self) -> SalesModel:
        from .adapters.dynamo.analytics_sales import DynamoSalesModel
        from .adapters.dynamo.membership import DynamoMemberships
        from .services.analytics import SalesModel

        memberships = DynamoMemberships()

        def is_member(customer_id: str, at: datetime) -> bool:
            membership = memberships.get(customer_id)
            return membership is not None and membership.is_member(at)

        return SalesModel(DynamoSalesModel(), self.settings.store_timezone, is_member)

    @cached_property
    def kpis(self) -> Kpis:
        from .adapters.dynamo.analytics import DynamoKpis, DynamoSpend, DynamoTraffic
        from .adapters.dynamo.analytics_sales import DynamoSalesModel
        from .services.analytics import Kpis

        s = self.settings
        return Kpis(
            DynamoTraffic(),
            DynamoSalesModel(),
            DynamoSpend(),
            DynamoKpis(),
            self.clock,
            s.store_timezone,
            s.currency,
        )

    @cached_property
    def product_health(self) -> ProductHealth:
        from .adapters.dynamo.catalog import DynamoProducts
        from .adapters.dynamo.product_health import DynamoProductHealth
        from .domain.product_health import HealthPolicy
        from .services.product_health import ProductHealth

        s = self.settings
        policy = HealthPolicy(
            conversion_bps=s.low_conversion_bps,
            min_views=s.low_conversion_min_views,
            slow_days=s.slow_moving_days,
            min_margin_pct=s.min_margin_percent,
        )
        return ProductHealth(DynamoProducts(s.currency), DynamoProductHealth(), self.clock, s.store_timezone, policy)
