"""The read paths against their floor: GET /products/{id} and GET /carts/{id}.

The floor is a raw boto3 GetItem of the product item (strongly consistent) on the
same DynamoDB Local table. Each read is measured two ways, their calls interleaved
with the floor's (bench.util.timed_together), so a ratio compares runs made under
the same load of a shared machine:

- ``app``: through chalice.test.Client, as before: Chalice's local gateway
  emulation (route matching, event building, the environment patched per call)
  in front of the app;
- ``handler``: the way Lambda runs the API function: the app called with an API
  Gateway proxy event and a context, ``app(event, context)``, the event decoded
  from JSON and the response encoded to JSON as the Lambda runtime does. What
  the local gateway emulates is API Gateway's work, which a deployed API does
  not do inside the function; the goals (product <= 1.3x, cart <= 3x) are judged
  on this figure (docs/adr/0015-read-path-benchmark.md).

The app's hot reads go over its own signed HTTP transport and a cart's view reads
ahead what its last view priced from (docs/adr/0030-lean-reads-and-cart-read-ahead.md);
the floor stays boto3's GetItem. The cart's first view in a process, before any
read-ahead, is measured and printed beside it.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable
from typing import Any

RUNS = int(os.environ.get("BENCH_RUNS", "300"))
PRODUCT_GOAL = 1.3
CART_GOAL = 3.0


def proxy_event(method: str, path: str, resource: str, path_parameters: dict[str, str], headers: dict[str, str]) -> str:
    """An API Gateway (REST, Lambda proxy) event for a request without a body or query, as JSON."""
    return json.dumps(
        {
            "resource": resource,
            "path": path,
            "httpMethod": method,
            "headers": headers,
            "multiValueHeaders": {k: [v] for k, v in headers.items()},
            "queryStringParameters": None,
            "multiValueQueryStringParameters": None,
            "pathParameters": path_parameters,
            "stageVariables": None,
            "requestContext": {
                "resourcePath": resource,
                "httpMethod": method,
                "path": f"/api{path}",
                "stage": "api",
                "requestId": str(uuid.uuid4()),
                "identity": {"sourceIp": "203.0.113.7"},
            },
            "body": None,
            "isBase64Encoded": False,
        }
    )


def handler_call(app: Any, event_json: str) -> Callable[[], None]:
    """One invocation as Lambda makes it: decode the event, call the handler, encode its answer."""
    from chalice.local import LambdaContext

    context = LambdaContext("commerce-dev-api_handler", 512, 30_000)

    def call() -> None:
        answer = app(json.loads(event_json), context)
        json.dumps(answer)
        if answer["statusCode"] != 200:
            raise RuntimeError(answer)

    return call


def getitem_floor(config: Any, product_id: str) -> Callable[[], None]:
    """The floor: a raw boto3 GetItem of the product item, strongly consistent."""
    from localdev.stack import clients

    dynamodb, _, _ = clients(config)
    key = {"PK": {"S": f"PRODUCT#{product_id}"}, "SK": {"S": "PRODUCT"}}

    def floor() -> None:
        dynamodb.get_item(TableName=config.table_name, Key=key, ConsistentRead=True)

    return floor


def ratios(timing: dict[str, dict[str, float]]) -> dict[str, float]:
    floor = timing["getitem_floor"]["median_ms"]
    return {name: timing[name]["median_ms"] / floor for name in ("app", "handler")}


def bench_get_product(client: Any, app: Any, config: Any, headers: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """GET /products/{id} of a listed 3-SKU product, next to the floor."""
    from bench.util import count_round_trips, timed_together

    def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = client.http.post(path, headers=headers, body=json.dumps(body).encode())
        assert response.status_code == 201, response.body
        return dict(json.loads(response.body))

    category = post("/admin/categories", {"name": "Bench", "slug": "bench"})
    skus = [
        {
            "code": f"BENCH-{i}",
            "specs": {"size": str(i)},
            "price": {"amount": 9900 + i, "currency": "CNY"},
            "weight_grams": 200,
            "stock": 100,
        }
        for i in range(3)
    ]
    product = post(
        "/admin/products",
        {
            "title": "Bench tee",
            "description": "A bench product, described well enough to list.",
            "images": ["https://images.example.com/bench.jpg"],
            "category_id": category["id"],
            "status": "listed",
            "skus": skus,
        },
    )
    path = f"/products/{product['id']}"

    def via_app() -> None:
        response = client.http.get(path)
        if response.status_code != 200:
            raise RuntimeError(response.body)

    event = proxy_event("GET", path, "/products/{product_id}", {"product_id": product["id"]}, {"Accept": "*/*"})
    timing = timed_together(
        {
            "app": via_app,
            "handler": handler_call(app, event),
            "getitem_floor": getitem_floor(config, product["id"]),
        },
        RUNS,
    )
    with count_round_trips() as trips:
        via_app()
    ratio = ratios(timing)
    return path, {
        **timing,
        "load_average": os.getloadavg()[0],  # this machine's, right after: the figures are wall-clock
        "ratio": ratio["handler"],
        "ratio_test_client": ratio["app"],
        "judged_on": "handler",
        "dynamodb_round_trips": len(trips.calls),
        "dynamodb_calls": trips.calls,
    }


def print_reads(results: dict[str, Any]) -> None:
    g, c = results["get_product"], results["get_cart"]
    for title, r, goal in (
        ("GET /products/{id}: a listed product, 3 SKUs", g, PRODUCT_GOAL),
        (f"GET /carts/{{id}}: {c['lines']} lines, 3 promotions, coupon, address", c, CART_GOAL),
    ):
        load = f", load average {r['load_average']:.1f}" if "load_average" in r else ""
        print(f"\n== {title} (DynamoDB Local, {r['app']['runs']} runs each, interleaved{load}) ==")
        for name, label in (
            ("handler", "app(event, context), as Lambda"),
            ("app", "chalice.test.Client"),
            ("getitem_floor", "floor: raw boto3 GetItem"),
        ):
            t = r[name]
            print(f"  {label:<32} median {t['median_ms']:6.2f} ms   p90 {t['p90_ms']:6.2f} ms")
        print(
            f"  ratio to the floor: {r['ratio']:.2f}x as Lambda runs it (goal <= {goal}x), "
            f"{r['ratio_test_client']:.2f}x through the test client"
        )
        print(f"  DynamoDB round trips per request: {r['dynamodb_round_trips']} ({', '.join(r['dynamodb_calls'])})")
        if "handler_first_view" in r:
            first = r["handler_first_view"]
            print(
                f"  the first view of the cart in a process (no read-ahead yet, ADR 0030): median "
                f"{first['median_ms']:.2f} ms, {r['ratio_first_view']:.2f}x; round trips "
                f"{r['first_view_round_trips']} ({', '.join(r['first_view_calls'])})"
            )
