"""HTTP blueprints. ``register(app)`` mounts them all."""

from __future__ import annotations

from chalice.app import Chalice


def register(app: Chalice) -> None:
    from . import (
        admin_after_sales,
        admin_alerts,
        admin_catalog,
        admin_content,
        admin_customers,
        admin_exceptions,
        admin_inventory,
        admin_jobs,
        admin_marketing,
        admin_media,
        admin_orders,
        admin_search,
        admin_settlements,
        admin_staff,
        admin_tickets,
        after_sales,
        auth,
        carts,
        catalog,
        content,
        health,
        membership,
        middleware,
        notifications,
        orders,
        profile,
        reference,
        tickets,
        webhooks,
    )

    middleware.register(app)
    modules = (
        health,
        reference,
        auth,
        profile,
        catalog,
        content,
        carts,
        orders,
        after_sales,
        membership,
        tickets,
        notifications,
        webhooks,
        admin_catalog,
        admin_search,
        admin_inventory,
        admin_marketing,
        admin_orders,
        admin_after_sales,
        admin_alerts,
        admin_exceptions,
        admin_settlements,
        admin_staff,
        admin_tickets,
        admin_customers,
        admin_jobs,
        admin_media,
        admin_content,
    )
    for module in modules:
        app.register_blueprint(module.bp)
