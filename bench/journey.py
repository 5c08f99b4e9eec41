"""One order's journey through the app, in process, on the local stack (DynamoDB
Local, moto SQS and EventBridge, localstripe), with what it costs counted from
the calls it really makes (ADR 0029): every DynamoDB call asks for
``ReturnConsumedCapacity=INDEXES`` and the read and write units DynamoDB Local
answers are summed per step (the table's and each index's); every EventBridge
entry and SQS request the app sends is counted; after each step the queues are
drained through the app's own queue handlers (localdev/runner.py), as Lambda's
event source mapping would, and those workers' calls are counted with the step.

Steps: browse (3 product pages, 2 category pages), cart (create, 2 adds, 2
views), checkout, pay (Stripe's payment_intent.succeeded, signed, to the
webhook; then the workers it feeds), fulfil (the staff shipment, 3 carrier
updates, the customer's receipt; then the workers). Settlement's share is the
settle bench's first chunk, counted the same way (bench/settle.py).

One correction: DynamoDB Local answers a transactional write with 4 write units
per KB where AWS documents 2 (and likewise a transactional read), so
transactional units are halved (the index copies included), to what AWS bills.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

CAPACITY_OPS = {
    "GetItem",
    "PutItem",
    "UpdateItem",
    "DeleteItem",
    "Query",
    "Scan",
    "BatchGetItem",
    "BatchWriteItem",
    "TransactWriteItems",
    "TransactGetItems",
}
READS = {"GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems"}
TRANSACTIONS = {"TransactWriteItems", "TransactGetItems"}
ADDRESS = {"name": "Bench", "phone": "13800000000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Rd"}


@dataclass
class Usage:
    """What the app asked of AWS while counted."""

    calls: list[str] = field(default_factory=list)
    read_units: float = 0.0
    write_units: float = 0.0
    write_units_by_index: dict[str, float] = field(default_factory=dict)  # "table", "GSI1", ...
    events: int = 0  # EventBridge entries put
    sqs: int = 0  # SQS requests the app made itself
    paused: bool = False
    writes: list[tuple[str, float]] = field(default_factory=list)  # each writing call: (what, units)
    paused_seconds: float = 0.0  # time spent on what is not counted (the customer paying Stripe)

    def add(self, operation: str, consumed: Any, what: str = "") -> None:
        self.calls.append(operation)
        factor = 0.5 if operation in TRANSACTIONS else 1.0
        before = self.write_units
        for c in consumed if isinstance(consumed, list) else [consumed] if consumed else []:
            units = float(c.get("CapacityUnits", 0.0)) * factor
            if operation in READS:
                self.read_units += units
                continue
            self.write_units += units
            parts = {"table": c.get("Table") or {}, **(c.get("GlobalSecondaryIndexes") or {})}
            for name, part in parts.items():
                got = float(part.get("CapacityUnits", 0.0)) * factor
                self.write_units_by_index[name] = self.write_units_by_index.get(name, 0.0) + got
        if self.write_units > before:
            self.writes.append((f"{operation} {what}".strip(), self.write_units - before))


@contextmanager
def count_usage() -> Iterator[Usage]:
    """Counts every AWS call made through botocore (PynamoDB's and the raw reads' included)."""
    from botocore.client import BaseClient

    from chalicelib.adapters.dynamo.raw_reads import _RAW

    usage = Usage()
    original = BaseClient._make_api_call

    def counting(self: Any, operation: str, params: dict[str, Any]) -> Any:
        service = self.meta.service_model.service_name
        if usage.paused:
            return original(self, operation, params)
        if service == "dynamodb" and operation in CAPACITY_OPS:
            params = {**params, "ReturnConsumedCapacity": "INDEXES"}
        response = original(self, operation, params)
        if service == "dynamodb":
            consumed = response.get("ConsumedCapacity") or (response.get(_RAW) or {}).get("ConsumedCapacity")
            usage.add(operation, consumed, written(operation, params))
        elif service == "events" and operation == "PutEvents":
            usage.events += len(params.get("Entries", []))
        elif service == "sqs":
            usage.sqs += 1
        return response

    BaseClient._make_api_call = counting  # type: ignore[method-assign]
    try:
        yield usage
    finally:
        BaseClient._make_api_call = original  # type: ignore[method-assign]


def written(operation: str, params: dict[str, Any]) -> str:
    """The kinds of item a write touches, by their sort key's first segment (ORDER, SKU, OUTBOX...)."""

    def kind(key: dict[str, Any] | None) -> str:
        if not key:
            return "?"
        pk = str((key.get("PK") or {}).get("S", "?")).split("#", 1)[0]
        sk = str((key.get("SK") or {}).get("S", "?")).split("#", 1)[0]
        return f"{pk}/{sk}"

    if operation == "TransactWriteItems":
        kinds = []
        for action in params.get("TransactItems", []):
            ((verb, body),) = action.items()
            kinds.append(f"{verb}:{kind(body.get('Item') or body.get('Key'))}")
        return "[" + " ".join(kinds) + "]"
    if operation == "BatchWriteItem":
        return f"[{sum(len(v) for v in params.get('RequestItems', {}).values())} items]"
    return kind(params.get("Item") or params.get("Key"))


@contextmanager
def paused(usage: Usage) -> Iterator[None]:
    usage.paused = True
    started = time.perf_counter()
    try:
        yield
    finally:
        usage.paused = False
        usage.paused_seconds += time.perf_counter() - started


class Journey:
    def __init__(self, client: Any, app: Any, admin: dict[str, str]) -> None:
        from chalicelib.bootstrap import get_container
        from localdev.runner import EventRunner

        self.client = client
        self.admin = admin
        self.container = get_container()
        settings = self.container.settings
        import boto3

        sqs = boto3.client("sqs", region_name=settings.region, endpoint_url=settings.sqs_endpoint)
        self.runner = EventRunner(app, settings.region, sqs)
        self.steps: list[dict[str, Any]] = []
        self.requests = 0
        self.order_id: str | None = None

    def call(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
        raw = body if isinstance(body, bytes) else json.dumps(body).encode() if body is not None else b""
        sent = {"Content-Type": "application/json", **(headers or {})}
        response = self.client.http.request(method, path, headers=sent, body=raw)
        if response.status_code >= 300:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.body!r}")
        self.requests += 1
        return json.loads(response.body) if response.body else None

    def drain(self, usage: Usage) -> tuple[int, int]:
        """Every queue's messages through its handler; (worker invocations, messages)."""
        invocations = messages = 0
        for _ in range(20):
            round_messages = 0
            for source in self.runner.queues:
                with paused(usage):  # the poller's own receive and delete: counted below, as Lambda's
                    url = self.runner.sqs.get_queue_url(QueueName=source.queue)["QueueUrl"]
                    waiting = self.runner.sqs.get_queue_attributes(
                        QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"]
                    )["Attributes"]["ApproximateNumberOfMessages"]
                if int(waiting) == 0:
                    continue
                delivered, _ = self.runner.poll_once(source, wait_seconds=0)
                if delivered:
                    invocations += 1
                    messages += delivered
                    round_messages += delivered
            if round_messages == 0:
                return invocations, messages
        return invocations, messages

    @contextmanager
    def step(self, name: str) -> Iterator[Usage]:
        self.requests = 0
        with count_usage() as usage:
            started = time.perf_counter()
            yield usage
            sqs_before = usage.sqs
            invocations, messages = self.drain(usage)
            lambda_seconds = time.perf_counter() - started - usage.paused_seconds
        self.steps.append(
            {
                "name": name,
                "api_requests": self.requests,
                "invocations": self.requests + invocations,
                "worker_invocations": invocations,
                "lambda_ms": lambda_seconds * 1000,
                "reads": usage.read_units,
                "writes": usage.write_units,
                "writes_by_index": dict(sorted(usage.write_units_by_index.items())),
                "dynamodb_calls": len(usage.calls),
                "events": usage.events,
                # The app's own requests, each message's delivery to its queue, and Lambda's
                # receive and delete for each worker invocation.
                "sqs": sqs_before + messages + 2 * invocations,
                "queue_messages": messages,
                "write_calls": [[what, units] for what, units in usage.writes],
            }
        )
        if self.order_id is not None:  # the order item's size after the step
            self.steps[-1]["order_item_bytes"] = item_bytes(stored_order(self.order_id))


def run_journey(client: Any, app: Any, admin: dict[str, str]) -> dict[str, Any]:
    """Needs the local stack's environment applied."""
    from chalicelib.domain.signatures import sign_timestamped, stripe_signature

    j = Journey(client, app, admin)
    money = lambda amount: {"amount": amount, "currency": "CNY"}  # noqa: E731
    tag = uuid.uuid4().hex[:6]
    category = j.call("POST", "/admin/categories", {"name": "Journey", "slug": f"journey-{tag}"}, admin)
    product = j.call(
        "POST",
        "/admin/products",
        {
            "title": "Journey tea",
            "description": "A bench product, described well enough to list.",
            "images": ["https://images.example.com/bench.jpg"],
            "category_id": category["id"],
            "status": "listed",
            "skus": [
                {"code": f"J1-{tag}", "price": money(4900), "weight_grams": 250, "stock": 1000},
                {"code": f"J2-{tag}", "price": money(12900), "weight_grams": 500, "stock": 1000},
            ],
        },
        admin,
    )
    session = j.call("POST", "/auth/register", {"email": f"j-{tag}@example.com", "password": "bench pw", "name": "J"})
    me = {"Authorization": f"Bearer {session['access_token']}"}
    j.drain(Usage())  # the setup's own events, not the journey's

    with j.step("browse"):
        for _ in range(3):
            j.call("GET", f"/products/{product['id']}")
        for _ in range(2):
            j.call("GET", f"/products?category_id={category['id']}&limit=20")
    with j.step("cart"):
        cart = j.call("POST", "/carts", None, me)
        for sku in (f"J1-{tag}", f"J2-{tag}"):
            j.call("POST", f"/carts/{cart['id']}/items", {"sku": sku, "quantity": 1}, me)
        for _ in range(2):
            j.call("GET", f"/carts/{cart['id']}", None, me)
    with j.step("checkout"):
        placed = j.call(
            "POST",
            "/checkout",
            {"cart_id": cart["id"], "shipping_address": ADDRESS},
            {**me, "Idempotency-Key": str(uuid.uuid4())},
        )
    order_id, intent_id = placed["order"]["id"], placed["payment"]["payment_intent_id"]
    j.order_id = order_id
    j.steps[-1]["order_item_bytes"] = item_bytes(stored_order(order_id))
    stripe = j.container.payment_gateway._stripe()
    secret = j.container.settings.stripe_webhook_secret
    with j.step("pay") as usage:
        with paused(usage):  # the customer pays Stripe: not an AWS cost
            stripe.v1.payment_intents.update(intent_id, params={"payment_method": "pm_card_visa"})
            stripe.v1.payment_intents.confirm(intent_id)
            pi = stripe.v1.payment_intents.retrieve(intent_id).to_dict()
        evt = {"id": f"evt_j{tag}", "type": "payment_intent.succeeded", "data": {"object": pi}}
        payload = json.dumps(evt).encode()
        signature = stripe_signature(payload, secret, int(time.time()))
        outcome = j.call("POST", "/webhooks/stripe", payload, {"Stripe-Signature": signature})
        if outcome.get("outcome") != "paid":
            raise RuntimeError(f"the payment was not recorded: {outcome}")
    tracking = f"SF{tag.upper()}"
    logistics = j.container.settings.logistics_webhook_secret
    with j.step("fulfil"):
        j.call("POST", f"/admin/orders/{order_id}/shipments", {"carrier": "sf", "tracking_number": tracking}, admin)
        for n, status in enumerate(("in_transit", "in_transit", "delivered")):
            at = (datetime.now(UTC) + timedelta(minutes=n)).strftime("%Y-%m-%dT%H:%M:%SZ")
            update = {"event_id": f"{tracking}-{n}", "carrier": "sf", "tracking_number": tracking}
            body = json.dumps({**update, "status": status, "at": at, "description": status}).encode()
            now = int(time.time())
            headers = {
                "X-Logistics-Timestamp": str(now),
                "X-Logistics-Signature": sign_timestamped(body, logistics, now),
            }
            j.call("POST", "/webhooks/logistics", body, headers)
        j.call("POST", f"/orders/{order_id}/confirm-receipt", None, me)
    order = j.call("GET", f"/orders/{order_id}", None, me)
    if order["status"] != "completed":
        raise RuntimeError(f"the journey's order ended {order['status']}")
    item = stored_order(order_id)
    return {
        "order_id": order_id,
        "status": order["status"],
        "order_item_bytes": item_bytes(item),
        "order_body_bytes": len(item["body"]["S"].encode()),
        "steps": j.steps,
    }


def stored_order(order_id: str) -> dict[str, Any]:
    from chalicelib.adapters.dynamo import keys, raw_reads

    pk, sk = keys.order(order_id)
    params = {"TableName": raw_reads.Item.Meta.table_name, "Key": {"PK": {"S": pk}, "SK": {"S": sk}}}
    return dict(raw_reads.call("GetItem", params)["Item"])


def item_bytes(item: dict[str, Any]) -> int:
    """DynamoDB's size of an item: its attribute names and values (bench/cost.py's rules)."""
    from bench.cost import _value_bytes

    return sum(len(name.encode()) + _value_bytes(value) for name, value in item.items())


def print_journey(r: dict[str, Any]) -> None:
    print("\n== one order's journey, in process on the local stack: AWS usage counted (ReturnConsumedCapacity) ==")
    for s in r["steps"]:
        index = ", ".join(f"{k} {v:g}" for k, v in s["writes_by_index"].items())
        print(
            f"  {s['name']:<9} {s['api_requests']} API + {s['worker_invocations']} worker invocations, "
            f"{s['dynamodb_calls']} DynamoDB calls: {s['reads']:g} RRU, {s['writes']:g} WRU ({index or 'none'}); "
            f"{s['events']} events, {s['sqs']} SQS requests; {s['lambda_ms']:.0f} ms"
        )
