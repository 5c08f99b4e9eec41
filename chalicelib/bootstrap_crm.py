"""The composition root's part for customer insight (kept apart so bootstrap.py
stays short): customer stats, RFM scoring and the staff's customer view, on DynamoDB."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from .settings import Settings

if TYPE_CHECKING:
    from .services.crm import CustomerStatsService, RfmService
    from .services.customer_view import CustomerView


class Insights:
    """Built once per container, on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def stats(self) -> CustomerStatsService:
        from .adapters.dynamo.crm import DynamoCustomerStats
        from .services.crm import CustomerStatsService

        return CustomerStatsService(DynamoCustomerStats())

    @cached_property
    def rfm(self) -> RfmService:
        from .adapters.dynamo.crm import DynamoRfm
        from .services.crm import RfmService

        return RfmService(DynamoRfm(), self.settings.store_timezone)

    @cached_property
    def view(self) -> CustomerView:
        from .adapters.dynamo.crm import DynamoCustomerDirectory, DynamoRfm
        from .adapters.dynamo.membership import DynamoMemberships
        from .adapters.dynamo.orders import DynamoOrders
        from .adapters.dynamo.tickets import DynamoTickets
        from .services.customer_view import CustomerView

        memberships = DynamoMemberships()

        def membership(customer_id: str) -> Any:
            return memberships.get(customer_id)

        return CustomerView(
            DynamoCustomerDirectory(),
            self.stats.get,
            DynamoRfm(),
            membership,
            DynamoOrders().for_customer,
            DynamoTickets().for_customer,
        )
