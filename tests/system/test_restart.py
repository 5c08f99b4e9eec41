"""make run's promise: data survives a restart of the local stack."""

from __future__ import annotations

from localdev.server import ApiServer
from tests.support import ADMIN, sku_body
from tests.system.conftest import HttpApi, stack_config


def test_data_survives_a_restart_and_health_names_a_dead_engine(tmp_path):
    from app import app
    from localdev.stack import LocalStack

    config = stack_config(data_dir=tmp_path)
    with LocalStack(config) as stack:
        server = ApiServer(app, "127.0.0.1", config.api_port).start()
        try:
            http = HttpApi(server.url)
            category = http.category("Persistent")
            product = http.product(category["id"], skus=[sku_body("KEEP-1", stock=9)])
        finally:
            server.stop()
        stack_before = stack

    assert not stack_before.children
    with LocalStack(config) as stack:
        server = ApiServer(app, "127.0.0.1", config.api_port).start()
        try:
            http = HttpApi(server.url)
            again = http.get(f"/products/{product['id']}")
            assert again.status == 200 and again.body["title"] == product["title"]
            assert http.get("/admin/inventory/KEEP-1", headers=ADMIN).body["on_hand"] == 9
            stripe = next(c for c in stack.children if getattr(c, "name", "") == "localstripe")
            stripe.stop()
            health = http.get("/health")
            assert health.status == 503
            assert health.body["components"]["payments"]["status"] == "down"
            assert health.body["components"]["dynamodb"]["status"] == "ok"
        finally:
            server.stop()
