"""HTTP blueprints. ``register(app)`` mounts them all."""

from __future__ import annotations

from chalice.app import Chalice


def register(app: Chalice) -> None:
    from . import (
        admin_after_sales,
        admin_alerts,
        admin_catalog,
        admin_customers,
        admin_exceptions,
        admin_inventory,
        admin_jobs,
        admin_marketing,
        admin_orders,
        admin_planning,
        admin_purchasing,
        admin_reports,
        admin_reviews,
        admin_search,
        admin_settlements,
        admin_staff,
        admin_tickets,
        after_sales,
        auth,
        carts,
        catalog,
        events,
        health,
        membership,
        middleware,
        notifications,
        notify_me,
        orders,
        profile,
        reference,
        reviews,
        tickets,
        wallet,
        webhooks,
    )

    middleware.register(app)
    modules = (
        health,
        reference,
        auth,
        profile,
        catalog,
        carts,
        orders,
        after_sales,
        membership,
        tickets,
        wallet,
        reviews,
        notifications,
        notify_me,
        webhooks,
        events,
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
        admin_reviews,
        admin_customers,
        admin_purchasing,
        admin_planning,
        admin_jobs,
        admin_reports,
    )
    for module in modules:
        app.register_blueprint(module.bp)
