"""The composition root's part for presale orders (ADR 0026), kept apart so
bootstrap.py stays short."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .bootstrap import Container
    from .services.orders.presale import PresaleOrders


def presale_orders(container: Container) -> PresaleOrders:
    """The presale order service over the container's order changes, gateway, payments and refunds."""
    from .services.orders.presale import PresaleOrders

    return PresaleOrders(
        container.order_changes, container.payment_gateway, container.payment_events, container.refunds
    )
