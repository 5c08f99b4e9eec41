"""Notify-me: a signed-in customer asks to be told when a sold-out SKU is back
(once per customer and SKU); a restock (``stock.restocked``, from an adjustment
or a purchase receipt) tells each subscriber once, through the notifications
service, from the stock-alerts worker (ADR 0022)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ..domain.clock import Clock
from ..domain.error_codes import InventoryErrorCode
from ..domain.errors import Conflict, NotFound
from ..domain.events import Event
from ..domain.ids import new_id
from .planning_ports import NotifyMeRepository, Subscription
from .ports import InventoryRepository

log = logging.getLogger("commerce.notify_me")
PAGE = 100
BACK_IN_STOCK = "back_in_stock"  # the notification's kind (domain/notifications.py TEMPLATES)


class NotifyMeService:
    def __init__(
        self,
        subscriptions: NotifyMeRepository,
        inventory: InventoryRepository,
        notify: Callable[[Event], Any],  # NotificationService.notify
        clock: Clock,
    ) -> None:
        self.subscriptions, self.inventory, self.notify, self.clock = subscriptions, inventory, notify, clock

    def subscribe(self, customer_id: str, product_id: str, sku: str) -> tuple[Subscription, bool]:
        """(the subscription, whether it is new). Only while the SKU is sold out."""
        found = self.inventory.get(sku)
        if found is None or found[0].product_id != product_id:
            raise NotFound(f"No SKU {sku} on product {product_id}.")
        if found[1].available > 0:
            raise Conflict(f"{sku} is in stock.", code=InventoryErrorCode.NOT_SOLD_OUT, available=found[1].available)
        asked = Subscription(new_id("ntf"), customer_id, sku, product_id, self.clock.now())
        stored = self.subscriptions.subscribe(asked)
        return stored, stored.id == asked.id

    def restocked(self, sku: str) -> str:
        """Tell every waiting subscriber, then forget them. A subscription's message is
        sourced by its id, so a redelivered event (or two workers) tells no one twice."""
        found = self.inventory.get(sku)
        if found is None or found[1].available <= 0:
            return "not_available"
        told = 0
        seen: set[str] = set()
        # The index by SKU is eventually consistent: a page of subscriptions told already
        # (deleted, not yet gone from the index) ends the run rather than spin.
        while batch := [s for s in self.subscriptions.waiting(sku, PAGE + len(seen)) if s.id not in seen]:
            for subscription in batch:
                seen.add(subscription.id)
                data = {
                    "customer_id": subscription.customer_id,
                    "sku": sku,
                    "product_id": subscription.product_id,
                }
                self.notify(Event(BACK_IN_STOCK, subscription.id, self.clock.now(), data))
                self.subscriptions.done(subscription)
                told += 1
        log.info("%s back in stock: %d told", sku, told, extra={"event": "back_in_stock", "sku": sku, "told": told})
        return f"told:{told}"
