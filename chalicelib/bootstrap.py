"""Composition root: builds the services with their real adapters, once per
process (a warm Lambda reuses them). Tests reset it with ``reset_container()``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .domain.clock import Clock, SystemClock
from .resources import queue_names
from .settings import Settings, get_settings

if TYPE_CHECKING:  # the services' types, without importing them at cold start
    from .adapters.cache import CachedPromotions, CachedShipping, CachedSynonyms
    from .adapters.dynamo.idempotency import DynamoIdempotency
    from .adapters.health import Probe
    from .adapters.metrics import EmfMetrics
    from .adapters.stripe_gateway import StripeGateway
    from .bootstrap_analytics import Analytics
    from .bootstrap_crm import Insights
    from .bootstrap_planning import Planning
    from .domain.orders import RiskPolicy
    from .services.after_sales import AfterSaleService
    from .services.after_sales_jobs import AfterSaleJobs
    from .services.auth import AuthService
    from .services.carriers import Carrier
    from .services.carts import CartService
    from .services.catalog import CatalogService
    from .services.inventory import InventoryService
    from .services.membership import MembershipService
    from .services.notifications import NotificationService
    from .services.operations import OperationsService
    from .services.orders.actions import OrderService
    from .services.orders.changes import OrderChanges
    from .services.orders.checkout import CheckoutService
    from .services.orders.fulfillment import FulfillmentService
    from .services.orders.jobs import OrderJobs
    from .services.orders.payment_events import PaymentEventService
    from .services.profiles import ProfileService
    from .services.promotions import MarketingService
    from .services.refunds import RefundService
    from .services.relay import EventRelay
    from .services.reviews import ReviewService
    from .services.settlement import SettlementService
    from .services.stock_alerts import StockAlertService
    from .services.throttle import Throttle
    from .services.tickets import TicketService


@dataclass
class Container:
    settings: Settings
    clock: Clock

    def __post_init__(self) -> None:
        from .adapters.dynamo.models import configure

        configure(self.settings.table_name, self.settings.region, self.settings.dynamodb_endpoint)

    @cached_property
    def metrics(self) -> EmfMetrics:
        from .adapters.metrics import EmfMetrics

        return EmfMetrics("Commerce", self.settings.stage)

    @cached_property
    def auth(self) -> AuthService:
        from .adapters.dynamo.accounts import DynamoCustomers, DynamoStaffKeys
        from .adapters.dynamo.profiles import DynamoTokenRevocations
        from .services.auth import AuthService

        return AuthService(
            DynamoCustomers(),
            DynamoStaffKeys(),
            self.clock,
            self.settings.token_secret,
            self.settings.token_ttl_seconds,
            self.throttle,
            DynamoTokenRevocations(),
        )

    @cached_property
    def throttle(self) -> Throttle:
        from .adapters.dynamo.throttle import DynamoAttemptCounter
        from .domain.throttle import Limit
        from .services.throttle import Throttle, ThrottlePolicy

        s = self.settings
        window = s.login_window_minutes
        policy = ThrottlePolicy(
            login_per_email=Limit(s.login_failures_per_email, window),
            login_per_source=Limit(s.login_failures_per_ip, window),
            signups_per_source=Limit(s.signups_per_ip, window),
        )
        return Throttle(DynamoAttemptCounter(), self.clock, policy)

    @cached_property
    def catalog(self) -> CatalogService:
        from .adapters.dynamo.catalog import DynamoCategories, DynamoProducts
        from .adapters.dynamo.search import DynamoPostings
        from .bootstrap_merch import catalog_policy
        from .services.catalog import CatalogService
        from .services.search import BuiltinSearch

        return CatalogService(
            DynamoCategories(),
            DynamoProducts(self.settings.currency),
            self.clock,
            self.settings.currency,
            default_safety_stock=self.settings.default_safety_stock,
            search=BuiltinSearch(DynamoPostings(), self.synonyms),
            policy=catalog_policy(self.settings, self.clock),
        )

    @cached_property
    def synonyms(self) -> CachedSynonyms:
        """The staff's search synonyms, cached as briefly as the pricing reads."""
        from .adapters.cache import CachedSynonyms
        from .adapters.dynamo.search import DynamoSynonyms

        return CachedSynonyms(DynamoSynonyms(), self.settings.pricing_cache_seconds)

    @cached_property
    def inventory(self) -> InventoryService:
        from .adapters.dynamo.inventory import DynamoInventory
        from .adapters.dynamo.sales import DynamoSales
        from .services.inventory import InventoryService

        return InventoryService(
            DynamoInventory(),
            self.clock,
            lambda events: self.relay.relay(events),
            DynamoSales(),
            store_timezone=self.settings.store_timezone,
        )

    @cached_property
    def operations(self) -> OperationsService:
        from datetime import timedelta

        from .adapters.dynamo.exceptions import DynamoExceptions
        from .adapters.dynamo.orders import DynamoOrders
        from .services.operations import OperationsService, SlaPolicy

        s = self.settings
        policy = SlaPolicy(
            timedelta(hours=s.sla_confirm_hours),
            timedelta(hours=s.sla_ship_hours),
            timedelta(hours=s.sla_tracking_hours),
        )
        return OperationsService(
            DynamoOrders(),
            DynamoExceptions(),
            self.clock,
            policy,
            self.metrics,
            lambda events: self.relay.relay(events),
        )

    @cached_property
    def notifications(self) -> NotificationService:
        from .bootstrap_care import build_notifications

        return build_notifications(self.settings, self.clock, self.metrics)

    @cached_property
    def stock_alerts(self) -> StockAlertService:
        from .adapters.dynamo.alerts import DynamoStockAlerts, DynamoStockReader
        from .adapters.notifier import LogNotifier, WebhookNotifier
        from .services.stock_alerts import StockAlertService

        s = self.settings
        notifier = (
            WebhookNotifier(s.alert_webhook_url, s.alert_webhook_secret) if s.alert_webhook_url else LogNotifier()
        )
        return StockAlertService(
            DynamoStockAlerts(), DynamoStockReader(), notifier, self.clock, s.replenishment_lead_days, self.metrics
        )

    @cached_property
    def planning(self) -> Planning:  # purchasing, SKU plans, cycle counts, notify-me (ADR 0022)
        from .bootstrap_planning import Planning

        return Planning(self)

    @cached_property
    def _cached_promotions(self) -> CachedPromotions:
        from .adapters.cache import CachedPromotions
        from .adapters.dynamo.commerce import DynamoPromotions

        return CachedPromotions(DynamoPromotions(), self.settings.pricing_cache_seconds)

    @cached_property
    def _cached_shipping(self) -> CachedShipping:
        from .adapters.cache import CachedShipping
        from .adapters.dynamo.shipping import DynamoShipping

        return CachedShipping(DynamoShipping(), self.settings.pricing_cache_seconds)

    @cached_property
    def carts(self) -> CartService:
        from .adapters.dynamo.catalog import DynamoProducts
        from .adapters.dynamo.commerce import DynamoCarts
        from .adapters.dynamo.pricing_reads import DynamoPricingReads
        from .services.carts import CartService

        return CartService(
            DynamoCarts(),
            DynamoProducts(self.settings.currency),
            self._cached_promotions,
            DynamoPricingReads(),
            self._cached_shipping,
            self.clock,
            self.settings.store_timezone,
            benefits_of=lambda customer_id: self.memberships.benefits_for(customer_id),
            currency=self.settings.currency,
            throttle=self.throttle,
        )

    @cached_property
    def relay(self) -> EventRelay:
        from .adapters.dynamo.outbox import DynamoOutbox
        from .adapters.events import EventBridgePublisher
        from .adapters.queues import FanOut, SqsRouter
        from .services.relay import EventRelay

        s = self.settings
        return EventRelay(DynamoOutbox(), FanOut(EventBridgePublisher(s), SqsRouter(s)))

    @cached_property
    def payment_gateway(self) -> StripeGateway:
        from .adapters.stripe_gateway import StripeGateway

        return StripeGateway(self.settings)

    @cached_property
    def order_changes(self) -> OrderChanges:
        from .adapters.dynamo.exceptions import DynamoExceptions
        from .adapters.dynamo.orders import DynamoOrders
        from .services.orders.changes import OrderChanges

        return OrderChanges(
            DynamoOrders(), self.relay, self.clock, self.settings.store_timezone, DynamoExceptions(), self.metrics
        )

    @cached_property
    def risk_policy(self) -> RiskPolicy:
        from .domain.orders import RiskPolicy

        s = self.settings
        return RiskPolicy(s.risk_review_over, s.risk_provinces, s.risk_max_orders_per_hour)

    @cached_property
    def checkout(self) -> CheckoutService:
        from datetime import timedelta

        from .adapters.cache import CheckoutPricingCache
        from .adapters.dynamo.catalog import DynamoProducts
        from .adapters.dynamo.commerce import DynamoCarts
        from .adapters.dynamo.pricing_reads import DynamoPricingReads
        from .bootstrap_targeting import high_value_of
        from .services.carts import CartService
        from .services.orders.checkout import CheckoutService

        s = self.settings
        # Checkout prices with the cart views' cached promotions and template only when they were
        # loaded after staff last changed either (read in checkout's batch); otherwise it reads them.
        checked_carts = CartService(
            DynamoCarts(),
            DynamoProducts(s.currency),
            self._cached_promotions,
            DynamoPricingReads(),
            self._cached_shipping,
            self.clock,
            s.store_timezone,
            benefits_of=lambda customer_id: self.memberships.benefits_for(customer_id),
            currency=s.currency,
            checked_cache=CheckoutPricingCache(self._cached_promotions, self._cached_shipping),
        )
        return CheckoutService(
            self.order_changes,
            checked_carts,
            self.payment_gateway,
            self.risk_policy,
            timedelta(minutes=s.unpaid_order_minutes),
            default_address=lambda customer_id: self.profiles.default_address(customer_id),
            high_value=high_value_of(s),  # priority orders (ADR 0019)
        )

    @cached_property
    def refunds(self) -> RefundService:
        from .services.refunds import RefundService

        return RefundService(self.order_changes, self.payment_gateway)

    @cached_property
    def orders(self) -> OrderService:
        from .services.orders.actions import OrderService

        return OrderService(self.order_changes, self.payment_gateway, self.refunds)

    @cached_property
    def payment_events(self) -> PaymentEventService:
        from .services.orders.payment_events import PaymentEventService

        return PaymentEventService(self.order_changes, self.refunds, self.risk_policy, self.payment_gateway)

    @cached_property
    def fulfillment(self) -> FulfillmentService:
        from datetime import timedelta

        from .services.orders.fulfillment import FulfillmentService

        return FulfillmentService(self.order_changes, timedelta(hours=self.settings.carrier_follow_up_hours))

    @cached_property
    def order_jobs(self) -> OrderJobs:
        from datetime import timedelta

        from .adapters.queues import SqsRouter
        from .services.orders.jobs import OrderJobs

        s = self.settings
        return OrderJobs(
            self.order_changes,
            self.payment_gateway,
            self.payment_events,
            self.refunds,
            # requeue_fulfillment sends to the queue only: EventBridge had the first event
            SqsRouter(s),
            timedelta(minutes=s.requeue_after_minutes),
        )

    @cached_property
    def after_sales(self) -> AfterSaleService:
        from .bootstrap_care import build_after_sales

        # The real refund service: refund records on the order, one per request (its source).
        return build_after_sales(self.settings, self.order_changes, self.refunds, self.orders.cancel)

    @cached_property
    def after_sale_jobs(self) -> AfterSaleJobs:
        from .adapters.dynamo.exceptions import DynamoExceptions
        from .services.after_sales_jobs import AfterSaleJobs

        return AfterSaleJobs(self.after_sales, DynamoExceptions(), self.metrics)

    @cached_property
    def tickets(self) -> TicketService:
        from .bootstrap_care import build_tickets

        return build_tickets(self.settings, self.clock, self.metrics, self.relay)

    @cached_property
    def reviews(self) -> ReviewService:
        from .bootstrap_reviews import build_reviews

        return build_reviews(self.settings, self.clock, self.relay, self.tickets, self.metrics)

    @cached_property
    def insights(self) -> Insights:  # customer stats, RFM, the staff's customer view
        from .bootstrap_crm import Insights

        return Insights(self.settings)

    @cached_property
    def analytics(self) -> Analytics:  # event intake, sales read model, KPIs (ADR 0021)
        from .bootstrap_analytics import Analytics

        return Analytics(self.settings, self.clock, self.metrics)

    @cached_property
    def profiles(self) -> ProfileService:
        from .bootstrap_profile import build_profiles

        return build_profiles(self.settings, self.clock)

    @cached_property
    def memberships(self) -> MembershipService:
        from .bootstrap_money import build_memberships

        return build_memberships(self.settings, self.payment_gateway, self.relay, self.clock, self.metrics)

    @cached_property
    def settlements(self) -> SettlementService:
        from .bootstrap_money import build_settlements

        return build_settlements(self.settings, self.payment_gateway, self.clock)

    @cached_property
    def carrier(self) -> Carrier:
        from .services.carriers import ManualCarrier, SimulatedCarrier

        s = self.settings
        if s.carrier == "simulated":
            from .adapters.outbound import TrackingWebhook

            return SimulatedCarrier(TrackingWebhook(s.simulated_carrier_url, s.logistics_webhook_secret), self.clock)
        return ManualCarrier()

    @cached_property
    def idempotency(self) -> DynamoIdempotency:
        from .adapters.dynamo.idempotency import DynamoIdempotency

        return DynamoIdempotency()

    @cached_property
    def marketing(self) -> MarketingService:
        from .adapters.dynamo.catalog import DynamoProducts
        from .adapters.dynamo.commerce import DynamoCoupons
        from .bootstrap_merch import promotion_margins
        from .services.promotions import MarketingService

        # The cached repositories: a staff write invalidates what this process cached.
        return MarketingService(
            self._cached_promotions,
            DynamoCoupons(),
            self._cached_shipping,
            DynamoProducts(self.settings.currency),
            self.clock,
            self.settings.currency,
            margins=promotion_margins(self.settings, self.clock),
        )

    @cached_property
    def health_probes(self) -> list[Probe]:
        from .adapters import health

        return [
            health.DynamoProbe(self.settings),
            health.QueuesProbe(self.settings, queue_names(self.settings.queue_prefix)),
            health.EventBusProbe(self.settings),
            health.StripeProbe(self.settings),
        ]


_container: Container | None = None


def get_container() -> Container:
    global _container
    if _container is None:
        _container = Container(get_settings(), SystemClock())
    return _container


def reset_container(container: Container | None = None) -> None:
    global _container
    _container = container
