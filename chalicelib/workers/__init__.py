"""Queue workers and schedules. ``register(app)`` mounts them all."""

from __future__ import annotations

from chalice.app import Chalice


def register(app: Chalice) -> None:
    from . import (
        analytics_sales,
        campaigns,
        coupon_grants,
        customer_stats,
        fulfillment,
        notifications,
        promotion_reports,
        renewals,
        reviews,
        schedules,
        settlement,
        stock_alerts,
    )

    app.register_blueprint(schedules.bp)
    app.register_blueprint(fulfillment.bp)
    app.register_blueprint(stock_alerts.bp)
    app.register_blueprint(settlement.bp)
    app.register_blueprint(renewals.bp)
    app.register_blueprint(notifications.bp)
    app.register_blueprint(campaigns.bp)
    app.register_blueprint(customer_stats.bp)
    app.register_blueprint(coupon_grants.bp)
    app.register_blueprint(reviews.bp)
    app.register_blueprint(analytics_sales.bp)
    app.register_blueprint(promotion_reports.bp)
