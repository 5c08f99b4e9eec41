"""HTTP blueprints. ``register(app)`` mounts them all."""

from __future__ import annotations

from chalice import Chalice


def register(app: Chalice) -> None:
    from . import admin_catalog, admin_inventory, admin_jobs, admin_staff, auth, catalog, health, middleware

    middleware.register(app)
    for module in (health, auth, catalog, admin_catalog, admin_inventory, admin_staff, admin_jobs):
        app.register_blueprint(module.bp)
