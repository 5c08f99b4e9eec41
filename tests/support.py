"""Test helpers: one small API client over either chalice.test.Client
(integration) or real HTTP (system), and builders for request bodies."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any

ADMIN_KEY = "local-admin-key"
ADMIN = {"X-Api-Key": ADMIN_KEY}
_counter = itertools.count(1)


@dataclass
class Resp:
    status: int
    body: Any
    headers: dict[str, str]

    @property
    def code(self) -> str | None:
        return self.body.get("code") if isinstance(self.body, dict) else None

    def header(self, name: str) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


class Api:
    """Calls the API; subclasses send the request."""

    def request(
        self,
        method: str,
        path: str,
        json_body: Any = None,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> Resp:
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        body = raw if raw is not None else (json.dumps(json_body).encode() if json_body is not None else b"")
        status, payload, response_headers = self._send(method, path, all_headers, body)
        parsed: Any = None
        if payload:
            try:
                parsed = json.loads(payload)
            except ValueError:
                parsed = payload
        return Resp(status, parsed, response_headers)

    def _send(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes, dict[str, str]]:
        raise NotImplementedError

    def get(self, path: str, **kw: Any) -> Resp:
        return self.request("GET", path, **kw)

    def post(self, path: str, json_body: Any = None, **kw: Any) -> Resp:
        return self.request("POST", path, json_body, **kw)

    def patch(self, path: str, json_body: Any = None, **kw: Any) -> Resp:
        return self.request("PATCH", path, json_body, **kw)

    def put(self, path: str, json_body: Any = None, **kw: Any) -> Resp:
        return self.request("PUT", path, json_body, **kw)

    def delete(self, path: str, **kw: Any) -> Resp:
        return self.request("DELETE", path, **kw)

    # --- conveniences used across tests --------------------------------------------
    def category(self, name: str | None = None, parent_id: str | None = None) -> dict[str, Any]:
        n = next(_counter)
        name = name or f"Category {n}"
        r = self.post(
            "/admin/categories",
            {"name": name, "slug": f"cat-{n}-{name.lower().replace(' ', '-')}", "parent_id": parent_id},
            headers=ADMIN,
        )
        assert r.status == 201, r.body
        return r.body

    def product(self, category_id: str, **overrides: Any) -> dict[str, Any]:
        r = self.post("/admin/products", product_body(category_id, **overrides), headers=ADMIN)
        assert r.status == 201, r.body
        return r.body

    def customer(self, email: str | None = None, password: str = "correct horse") -> tuple[dict[str, Any], str]:
        email = email or f"shopper{next(_counter)}@example.com"
        r = self.post("/auth/register", {"email": email, "password": password, "name": "Shopper"})
        assert r.status == 201, r.body
        return r.body["customer"], r.body["access_token"]

    def staff_key(self, *roles: str) -> dict[str, str]:
        r = self.post("/admin/api-keys", {"name": f"{'+'.join(roles)} key", "roles": list(roles)}, headers=ADMIN)
        assert r.status == 201, r.body
        return {"X-Api-Key": r.body["key"]}


def money(amount: int, currency: str = "CNY") -> dict[str, Any]:
    return {"amount": amount, "currency": currency}


def sku_body(code: str | None = None, price: int = 9900, stock: int = 10, **overrides: Any) -> dict[str, Any]:
    body = {
        "code": code or f"SKU-{next(_counter)}",
        "specs": {"size": "M"},
        "price": money(price),
        "weight_grams": 250,
        "stock": stock,
        "safety_stock": 2,
    }
    body.update(overrides)
    return body


def product_body(category_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": f"Product {next(_counter)}",
        "description": "A fine thing, well made and built to last.",
        "category_id": category_id,
        "images": ["https://images.example.com/product.jpg"],
        "status": "listed",
        "skus": [sku_body()],
    }
    body.update(overrides)
    return body


def iso(dt: Any) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def use_gateway(container: Any, gateway: Any) -> Any:
    """Every service of ``container`` that talks to the payment provider uses
    ``gateway`` from now on; returns the one it used before."""
    before = container.payment_gateway
    container.payment_gateway = gateway
    for name in ("checkout", "orders", "refunds", "order_jobs", "memberships"):
        getattr(container, name).gateway = gateway
    container.settlements.payments = gateway
    container.payment_events.facts = gateway
    return before


def use_risk(container: Any, policy: Any) -> None:
    """Orders paid from now on are reviewed by ``policy``."""
    container.risk_policy = policy
    container.checkout.risk = policy
    container.payment_events.risk = policy


def envelope(kind: str, **data: Any) -> str:
    """A queue message body: an event of ``kind`` in the wire envelope."""
    from datetime import UTC, datetime

    from chalicelib.domain.events import new_event

    return json.dumps(new_event(kind, data, datetime.now(UTC)).to_wire())


def event_runner(*queues: str) -> Any:
    """The local event runner over moto's SQS, with ``queues`` (full names) made to
    hand a message back at once (visibility timeout 0), as a redelivery test needs."""
    import boto3

    from app import app
    from localdev.runner import EventRunner

    sqs = boto3.client("sqs")
    for queue in queues:
        url = sqs.get_queue_url(QueueName=queue)["QueueUrl"]
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "0"})
    return EventRunner(app, "us-east-1", sqs)


def drain_source(runner: Any, source: Any) -> tuple[int, int]:
    """Poll one of the runner's queues until it is empty: (delivered, failed) in all."""
    delivered = failed = 0
    while True:
        d, f = runner.poll_once(source, wait_seconds=0)
        if d == 0:
            return delivered, failed
        delivered, failed = delivered + d, failed + f


def drain_ok(runner: Any, name: str) -> int:
    """Drain the queue whose worker is ``name``; every message must succeed. The count handled."""
    delivered, failed = drain_source(runner, next(q for q in runner.queues if q.name == name))
    assert failed == 0, (delivered, failed)
    return delivered
