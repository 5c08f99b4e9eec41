"""The composition root's part for inventory planning (kept apart so bootstrap.py
stays short): purchasing, SKU plans and forecasts, cycle counts and notify-me, on
DynamoDB (ADR 0022)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .services.cycle_counts import CycleCountService
    from .services.notify_me import NotifyMeService
    from .services.planning import PlanningService
    from .services.purchasing import PurchasingService


class Planning:
    """Built once per container, on first use."""

    def __init__(self, container: Any) -> None:  # the Container (bootstrap.py), which builds this
        self.container = container
        self.settings, self.clock = container.settings, container.clock

    @cached_property
    def purchasing(self) -> PurchasingService:
        from .adapters.dynamo.alerts import DynamoStockAlerts
        from .adapters.dynamo.inventory import DynamoInventory
        from .adapters.dynamo.purchasing import DynamoPurchasing
        from .services.purchasing import PurchasingService

        return PurchasingService(
            DynamoPurchasing(),
            DynamoInventory(),
            DynamoStockAlerts(),
            self.clock,
            self.settings.currency,
            lambda events: self.container.relay.relay(events),
            supplier_of=lambda code: self.plans.supplier_of(code),
        )

    @cached_property
    def plans(self) -> PlanningService:
        from .adapters.dynamo.alerts import DynamoStockAlerts
        from .adapters.dynamo.inventory import DynamoInventory
        from .adapters.dynamo.planning import DynamoPlanning
        from .adapters.dynamo.purchasing import DynamoPurchasing
        from .services.planning import PlanningPolicy, PlanningService

        s = self.settings
        suppliers, alerts = DynamoPurchasing(), DynamoStockAlerts()

        def lead_time_of(supplier_id: str) -> int | None:
            found = suppliers.get_supplier(supplier_id)
            return None if found is None else found.lead_time_days

        policy = PlanningPolicy(s.safety_window_days, s.replenishment_lead_days, s.store_timezone)
        return PlanningService(
            DynamoPlanning(),
            DynamoInventory(),
            self.clock,
            policy,
            lead_time_of,
            lambda limit, after: alerts.by_status("open", limit, after),
        )

    @cached_property
    def counts(self) -> CycleCountService:
        from .adapters.dynamo.cycle_counts import DynamoCycleCounts
        from .adapters.dynamo.inventory import DynamoInventory
        from .adapters.dynamo.planning import DynamoPlanning
        from .services.cycle_counts import CycleCountService

        return CycleCountService(
            DynamoCycleCounts(),
            DynamoPlanning(),
            DynamoInventory(),
            lambda *args: self.container.inventory.adjust(*args),
            lambda codes: self.plans.ordered_by_abc(codes),
            self.clock,
            self.settings.store_timezone,
        )

    @cached_property
    def notify_me(self) -> NotifyMeService:
        from .adapters.dynamo.inventory import DynamoInventory
        from .adapters.dynamo.notify_me import DynamoNotifyMe
        from .services.notify_me import NotifyMeService

        return NotifyMeService(
            DynamoNotifyMe(), DynamoInventory(), lambda event: self.container.notifications.notify(event), self.clock
        )
