"""What the app logs (docs/observability.md): one JSON access line per request
with the route template, status, duration, request id and caller kind and no
credential; business events as structured fields carrying the request id of
the request they happened in."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3

from tests.payments import paid_order
from tests.support import ADMIN, ADMIN_KEY, iso, sku_body

ACCESS_FIELDS = {"method", "route", "status", "duration_ms", "request_id", "caller"}


def json_lines(out: str) -> list[dict[str, Any]]:
    """Every log line the app printed (EMF metric lines apart)."""
    lines = []
    for raw in out.splitlines():
        if not raw.startswith("{"):
            continue
        doc = json.loads(raw)  # every line on stdout that looks like JSON must be JSON
        if "_aws" not in doc:
            lines.append(doc)
    return lines


def test_one_json_access_line_per_request_with_no_credential(api, capsys):
    category = api.category()
    product = api.product(category["id"])
    password, email = "a very secret passphrase", "logged.never@example.com"
    registered = api.post("/auth/register", {"email": email, "password": password, "name": "Never Logged"})
    token = registered.body["access_token"]
    wrong_key = "not-a-real-staff-key-0123456789"
    capsys.readouterr()

    long_id = "r" * 100
    responses = [
        api.get(f"/products/{product['id']}", headers={"X-Request-Id": "trace-me-1"}),
        api.post("/auth/login", {"email": email, "password": password}),
        api.get("/me", headers={"Authorization": f"Bearer {token}"}),
        api.get("/admin/products", headers={**ADMIN, "X-Request-Id": long_id}),
        api.get("/admin/products", headers={"X-Api-Key": wrong_key}),
    ]
    assert [r.status for r in responses] == [200, 200, 200, 200, 401]
    out = capsys.readouterr().out

    access = [line for line in json_lines(out) if line.get("event") == "access"]
    assert len(access) == 5
    for line, response in zip(access, responses, strict=True):
        assert line.keys() >= ACCESS_FIELDS, line
        assert line["status"] == response.status
        assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
        assert line["request_id"] == response.header("X-Request-Id")
        assert line["service"] == "commerce" and line["level"] == "INFO"
    assert [(a["method"], a["route"]) for a in access] == [
        ("GET", "/products/{product_id}"),  # the template, not the product's id
        ("POST", "/auth/login"),
        ("GET", "/me"),
        ("GET", "/admin/products"),
        ("GET", "/admin/products"),
    ]
    assert [a["caller"] for a in access] == ["anonymous", "anonymous", "customer", "staff", "api_key"]
    assert access[0]["request_id"] == "trace-me-1"
    assert access[3]["request_id"] == "r" * 64  # bounded
    assert len({a["request_id"] for a in access}) == 5  # generated when not sent
    assert product["id"] not in json.dumps(access)
    for secret in (token, ADMIN_KEY, wrong_key, password, email):
        assert secret not in out


def test_a_business_event_is_json_fields_with_the_request_id(api, gateway, capsys):
    from app import app
    from localdev.runner import EventRunner

    category = api.category()
    api.product(category["id"], skus=[sku_body("LG-1", stock=3, safety_stock=5)])
    order_id, _, _ = paid_order(api, gateway, {"LG-1": 1})
    capsys.readouterr()

    as_of = iso(datetime.now(UTC) + timedelta(hours=25))
    run = api.post("/admin/jobs/scan_slas/runs", {"as_of": as_of}, headers={**ADMIN, "X-Request-Id": "sla-scan-run-7"})
    assert run.body["summary"]["recorded"] == 1
    captured = capsys.readouterr()
    lines = json_lines(captured.out)
    (breach,) = [line for line in lines if line.get("event") == "sla_breach"]
    assert breach["level"] == "WARNING"
    assert breach["order_id"] == order_id and breach["kind"] == "not_confirmed"
    assert breach["request_id"] == "sla-scan-run-7"
    assert breach["service"] == "commerce"
    assert [line["event"] for line in lines if line.get("request_id") == "sla-scan-run-7"][-1] == "access"
    assert "Logging error" not in captured.err

    # Outside a request, in the stock-alerts worker (the checkout left stock.low on its queue):
    # the same fields, no request id left over.
    runner = EventRunner(app, "us-east-1", boto3.client("sqs"))
    source = next(q for q in runner.queues if q.name == "stock_alerts")
    assert runner.poll_once(source, wait_seconds=0) == (1, 0)
    captured = capsys.readouterr()
    worker = json_lines(captured.out)
    (raised,) = [line for line in worker if line.get("event") == "stock_alert_raised"]
    assert raised["sku"] == "LG-1" and raised["available"] == 2 and raised["alert_id"]
    (handled,) = [line for line in worker if line.get("event") == "stock_event_handled"]
    assert handled["message"] == "stock.low for LG-1: raised"
    assert (handled["sku"], handled["message_type"], handled["outcome"]) == ("LG-1", "stock.low", "raised")
    assert all("request_id" not in line for line in worker)
    assert "Logging error" not in captured.err
