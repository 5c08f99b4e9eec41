"""The composition root's part for after the sale (kept apart so bootstrap.py stays short):
after-sales and tickets on DynamoDB, notifications on DynamoDB, Amazon SES and Amazon SNS."""

from __future__ import annotations

from collections.abc import Callable

from .domain.clock import Clock
from .domain.orders import Order
from .services.after_sales import AfterSaleService
from .services.notifications import NotificationPolicy, NotificationService
from .services.orders.changes import OrderChanges
from .services.ports import Metrics
from .services.refunds import RefundService
from .services.relay import EventRelay
from .services.tickets import TicketService
from .settings import Settings


def build_notifications(settings: Settings, clock: Clock, metrics: Metrics) -> NotificationService:
    from .adapters.chunk_queue import SqsChunkQueue
    from .adapters.dynamo import notifications as store
    from .adapters.dynamo.campaigns import DynamoCampaigns
    from .adapters.messaging import SesEmail, SnsSms

    s = settings
    policy = NotificationPolicy(s.marketing_monthly_cap, s.store_timezone, s.campaign_inline_max, s.campaign_batch_size)

    return NotificationService(
        store.DynamoSendLog(),
        store.DynamoInbox(),
        SesEmail(settings),
        SnsSms(settings),
        store.DynamoPreferences(),
        store.DynamoMarketingCaps(),
        DynamoCampaigns(),
        store.CustomerContacts(),
        clock,
        policy,
        metrics,
        SqsChunkQueue(s, "campaign-batches"),
    )


def build_tickets(settings: Settings, clock: Clock, metrics: Metrics, relay: EventRelay) -> TicketService:
    from datetime import timedelta

    from .adapters.dynamo.orders import DynamoOrders
    from .adapters.dynamo.tickets import DynamoTickets, DynamoWallet
    from .domain.tickets import TicketPolicy

    s = settings
    targets = {k: timedelta(minutes=v) for k, v in s.ticket_first_response_minutes}
    policy = TicketPolicy(targets, dict(s.compensation_caps), s.compensation_coupon_days)
    tickets, wallet, orders = DynamoTickets(), DynamoWallet(), DynamoOrders()
    return TicketService(tickets, wallet, orders, clock, policy, metrics, s.store_timezone, relay)


def build_after_sales(
    settings: Settings,
    changes: OrderChanges,
    refunds: RefundService,
    cancel: Callable[[Order, str, str], Order],
) -> AfterSaleService:
    from datetime import timedelta

    from .adapters.dynamo.after_sales import DynamoAfterSales
    from .adapters.dynamo.catalog import DynamoProducts
    from .domain.after_sales import AfterSalePolicy

    s = settings
    policy = AfterSalePolicy(
        return_window=timedelta(days=s.return_window_days),
        respond_within=timedelta(hours=s.after_sale_respond_hours),
        ship_back_within=timedelta(days=s.after_sale_ship_back_days),
        inspect_within=timedelta(hours=s.after_sale_inspect_hours),
        refund_within=timedelta(days=s.after_sale_refund_days),
    )
    return AfterSaleService(DynamoAfterSales(), changes, DynamoProducts(s.currency), refunds, cancel, policy)
