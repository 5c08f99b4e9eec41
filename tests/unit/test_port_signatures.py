"""Every implementation of a port (the DynamoDB adapter, the caches, the Stripe
gateway, the unit-test fakes) takes exactly the port's parameters: same names,
kinds and defaults. A drifted signature type-checks through duck typing and
then fails, or silently ignores an argument, only on the path that passes it."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from chalicelib.adapters import cache, events, messaging, metrics, queues, stripe_gateway
from chalicelib.adapters.dynamo import (
    accounts,
    after_sales,
    alerts,
    catalog,
    commerce,
    exceptions,
    inventory,
    membership,
    orders,
    pricing_reads,
    shipping,
)
from chalicelib.adapters.dynamo import campaigns as dynamo_campaigns
from chalicelib.adapters.dynamo import notifications as dynamo_notifications
from chalicelib.adapters.dynamo import outbox as dynamo_outbox
from chalicelib.adapters.dynamo import search as dynamo_search
from chalicelib.adapters.dynamo import throttle as dynamo_throttle
from chalicelib.adapters.dynamo import tickets as dynamo_tickets
from chalicelib.adapters.dynamo import wallet as dynamo_wallet
from chalicelib.services import after_sales as after_sale_service
from chalicelib.services import notification_ports, operations, ports, search_ports, stock_alerts
from chalicelib.services import tickets as ticket_service
from chalicelib.services import wallet as wallet_service
from chalicelib.services.refunds import RefundService
from chalicelib.services.relay import EventRelay
from chalicelib.services.search import BuiltinSearch

from . import after_sale_fakes, fakes, notification_fakes, throttle_fakes, ticket_fakes, wallet_fakes

IMPLEMENTATIONS: dict[type, list[type]] = {
    ports.CustomerRepository: [accounts.DynamoCustomers, fakes.FakeCustomers],
    ports.StaffKeyRepository: [accounts.DynamoStaffKeys, fakes.FakeStaffKeys],
    ports.CategoryRepository: [catalog.DynamoCategories, fakes.FakeCategories],
    ports.ProductRepository: [catalog.DynamoProducts, fakes.FakeProducts],
    ports.InventoryRepository: [inventory.DynamoInventory, fakes.FakeInventory],
    ports.CartRepository: [commerce.DynamoCarts],
    ports.PricingReads: [pricing_reads.DynamoPricingReads],
    ports.PricingCache: [cache.CheckoutPricingCache],
    ports.PromotionRepository: [commerce.DynamoPromotions, cache.CachedPromotions],
    ports.CouponRepository: [commerce.DynamoCoupons, wallet_fakes.FakeCoupons],
    ports.ShippingRepository: [shipping.DynamoShipping, cache.CachedShipping],
    ports.OrderRepository: [orders.DynamoOrders],
    ports.PaymentGateway: [stripe_gateway.StripeGateway],
    ports.MembershipGateway: [stripe_gateway.StripeGateway],
    ports.Outbox: [dynamo_outbox.DynamoOutbox],
    ports.PlanRepository: [membership.DynamoPlans],
    ports.MembershipRepository: [membership.DynamoMemberships],
    operations.ExceptionRepository: [exceptions.DynamoExceptions],
    stock_alerts.StockAlertRepository: [alerts.DynamoStockAlerts],
    stock_alerts.StockReader: [alerts.DynamoStockReader],
    ports.EventPublisher: [events.EventBridgePublisher, queues.SqsRouter, queues.FanOut],
    ports.Metrics: [metrics.EmfMetrics, ports.NoMetrics],
    ports.Relay: [EventRelay],
    ports.OrderRefunds: [RefundService],
    after_sale_service.AfterSaleRepository: [after_sales.DynamoAfterSales, after_sale_fakes.FakeAfterSales],
    search_ports.SearchIndex: [BuiltinSearch],
    search_ports.PostingStore: [dynamo_search.DynamoPostings, fakes.FakePostings],
    search_ports.SynonymRepository: [dynamo_search.DynamoSynonyms, cache.CachedSynonyms, fakes.FakeSynonyms],
    ports.AttemptCounter: [dynamo_throttle.DynamoAttemptCounter, throttle_fakes.FakeAttemptCounter],
    ticket_service.TicketRepository: [dynamo_tickets.DynamoTickets, ticket_fakes.FakeTickets],
    ticket_service.WalletRepository: [dynamo_tickets.DynamoWallet, ticket_fakes.FakeWallet],
    wallet_service.WalletStore: [dynamo_wallet.DynamoWalletCoupons, wallet_fakes.FakeWalletStore],
    ticket_service.OrderReader: [orders.DynamoOrders, ticket_fakes.FakeOrderReader],
    notification_ports.Channel: [messaging.SesEmail, messaging.SnsSms, dynamo_notifications.DynamoInbox],
    notification_ports.Inbox: [dynamo_notifications.DynamoInbox, notification_fakes.FakeInbox],
    notification_ports.SendLog: [dynamo_notifications.DynamoSendLog, notification_fakes.FakeSendLog],
    notification_ports.PreferenceRepository: [
        dynamo_notifications.DynamoPreferences,
        notification_fakes.FakePreferences,
    ],
    notification_ports.MarketingCaps: [dynamo_notifications.DynamoMarketingCaps, notification_fakes.FakeCaps],
    notification_ports.CampaignRepository: [dynamo_campaigns.DynamoCampaigns, notification_fakes.FakeCampaigns],
    notification_ports.Contacts: [dynamo_notifications.CustomerContacts, notification_fakes.FakeContacts],
}
UNCHECKED: set[type] = set()


def port_methods(port: type) -> dict[str, Callable[..., Any]]:
    return {name: f for name, f in vars(port).items() if inspect.isfunction(f) and not name.startswith("_")}


def parameters(f: Callable[..., Any]) -> list[tuple[str, Any, Any]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(f).parameters.values()]


CASES = [
    pytest.param(port, impl, name, id=f"{impl.__name__}.{name}")
    for port, impls in IMPLEMENTATIONS.items()
    for impl in impls
    for name in port_methods(port)
]


@pytest.mark.parametrize(("port", "impl", "name"), CASES)
def test_the_implementation_takes_the_ports_parameters(port, impl, name):
    assert hasattr(impl, name), f"{impl.__name__} lacks {port.__name__}.{name}"
    assert parameters(getattr(impl, name)) == parameters(port_methods(port)[name])


def test_a_drifted_signature_is_caught():
    class Port:
        def by_status(self, status: str, limit: int, oldest_first: bool = False) -> None: ...

    class Drifted:
        def by_status(self, status: str, limit: int) -> None: ...

    assert parameters(Drifted.by_status) != parameters(port_methods(Port)["by_status"])


def test_every_port_with_methods_is_checked():
    protocols = {
        obj
        for module in (ports, search_ports, notification_ports)
        for obj in vars(module).values()
        if inspect.isclass(obj) and getattr(obj, "_is_protocol", False) and port_methods(obj)
    }
    assert protocols - UNCHECKED <= set(IMPLEMENTATIONS)
    assert len(CASES) > 80
