"""`make bench`: starts DynamoDB Local (and the rest of the local stack) on free
ports, then measures

1. GET /products/{id} through the whole app in-process (Chalice gateway,
   middleware, auth-free view, service, PynamoDB), median over many runs,
   next to a raw boto3 GetItem of the product item on the same table: the floor.
2. DynamoDB round trips per GET /products/{id}.
   Then over real HTTP on the local server: a kept-alive connection against a new
   connection per request.
3. The cold import time of app.py (`python -X importtime`) and its top offenders.
4. The Lambda bundle `make synth` packaged: size, heaviest packages, and the
   cold import of every deployed function's handler from the bundle alone.

5. GET /products search and category pages as the catalog grows (bench/search.py:
   sizes in BENCH_SEARCH_SIZES, default 1000,10000): latency and DynamoDB round
   trips per page.
6. The settle job fanned out (bench/settle.py): 20,000 due orders settled by the
   chunk worker, orders/s per worker, and the projection for a million.
7. The cost model (bench/cost.py): dollars per 1,000 orders at AWS list prices.

Prints figures and ratios; writes bench/results/latest.json. Never asserts.
`python -m bench imports` measures and prints the cold import (3.) alone;
`python -m bench search` runs the search bench (5.) alone;
`python -m bench settle` the settle job (6.) alone, on a stack of its own
(BENCH_SETTLE_ORDERS orders, default 20,000); `python -m bench cost` the cost
model (7.) alone, from the latest results when there are any.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "300"))


def print_imports(imports: dict[str, dict]) -> None:
    from bench.imports import BASELINE_COMMIT

    print("\n== cold import (python -X importtime, fresh interpreter, deployed env) ==")
    for label, key in (("import app", "app"), ("import app + wiring for the first request", "first_request")):
        profile = imports[key]
        print(f"  {label}: median {profile['median_ms']:.0f} ms over {profile['runs']} runs")
        before = profile["before_median_ms"]
        if before:
            print(
                f"    at {BASELINE_COMMIT} (before the orders split and the logger), same runs alternating: "
                f"{before:.0f} ms; now x{profile['median_ms'] / before:.2f} of it"
            )
        print("    top packages: " + ", ".join(f"{n} {ms:.0f} ms" for n, ms in profile["top_packages"]))
        print("    own modules:  " + ", ".join(f"{n} {ms:.0f} ms" for n, ms in profile["top_own_modules"]))


def local_config() -> object:
    from localdev.engines import free_ports
    from localdev.stack import StackConfig
    from tests.support import ADMIN_KEY

    api, dynamodb, moto, stripe = free_ports(4)
    return StackConfig(
        api_port=api,
        dynamodb_port=dynamodb,
        moto_port=moto,
        stripe_port=stripe,
        data_dir=None,
        admin_key=ADMIN_KEY,
        table_name="commerce-bench",
    )


def search_only() -> int:
    from bench.search import bench_search, print_search
    from localdev.stack import LocalStack, StackConfig

    config = local_config()
    assert isinstance(config, StackConfig)
    with LocalStack(config):
        from app import app
        from localdev.server import test_client

        results = bench_search(test_client(app))
    print_search(results)
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / "search.json").write_text(json.dumps(results, indent=2))
    print(f"\n(results in {out / 'search.json'})")
    return 0


def write_results(update: dict[str, object]) -> Path:
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    path = out / "latest.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    results.update(update)
    path.write_text(json.dumps(results, indent=2))
    return path


def run_settle() -> dict[str, object]:
    """The settle bench on a stack of its own: settle's chunks need no other data."""
    from bench.settle import bench_settle
    from localdev.stack import LocalStack, StackConfig

    config = local_config()
    assert isinstance(config, StackConfig)
    os.environ.setdefault("COMMERCE_SETTLEMENT_INLINE_MAX", "0")  # always the fan-out, whatever the size
    with LocalStack(config):
        return bench_settle()


def main() -> int:
    if sys.argv[1:] == ["settle"]:
        from bench.settle import print_settle

        settle = run_settle()
        print_settle(settle)
        print(f"\n(results in {write_results({'settle': settle})})")
        return 0
    if sys.argv[1:] == ["cost"]:
        from bench.cost import cost_report, print_cost

        cost = cost_report()
        print_cost(cost)
        print(f"\n(results in {write_results({'cost': cost})})")
        return 0

    from bench.bundle import bundle_report, print_bundle
    from bench.carts import bench_get_cart, bench_pricing
    from bench.checkout import bench_checkout
    from bench.imports import FIRST_REQUEST, import_profile
    from bench.keepalive import bench_keepalive
    from bench.search import bench_search, print_search
    from bench.util import count_round_trips, timed
    from localdev.server import ApiServer
    from localdev.stack import LocalStack, StackConfig, clients
    from tests.support import ADMIN_KEY

    if sys.argv[1:] == ["search"]:  # `python -m bench search`: the search bench alone
        return search_only()
    imports = {"app": import_profile("import app"), "first_request": import_profile(FIRST_REQUEST)}
    if sys.argv[1:] == ["imports"]:  # `python -m bench imports`: the cold import alone, no stack
        print_imports(imports)
        return 0

    config = local_config()
    assert isinstance(config, StackConfig)
    results: dict[str, object] = {"import": imports, "pricing": bench_pricing(RUNS), "bundle": bundle_report()}
    with LocalStack(config):
        from app import app
        from localdev.server import test_client

        client = test_client(app)
        headers = {"X-Api-Key": ADMIN_KEY, "Content-Type": "application/json"}

        def post(path: str, body: dict) -> dict:
            response = client.http.post(path, headers=headers, body=json.dumps(body).encode())
            assert response.status_code == 201, response.body
            return json.loads(response.body)

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
            {"title": "Bench tee", "category_id": category["id"], "status": "listed", "skus": skus},
        )
        path = f"/products/{product['id']}"

        def via_app() -> None:
            response = client.http.get(path)
            if response.status_code != 200:
                raise RuntimeError(response.body)

        dynamodb, _, _ = clients(config)
        key = {"PK": {"S": f"PRODUCT#{product['id']}"}, "SK": {"S": "PRODUCT"}}

        def floor() -> None:
            dynamodb.get_item(TableName=config.table_name, Key=key, ConsistentRead=True)

        app_timing = timed(via_app, RUNS)
        floor_timing = timed(floor, RUNS)
        with count_round_trips() as trips:
            via_app()
        results["get_cart"] = bench_get_cart(client, headers, RUNS)
        results["search"] = bench_search(client)
        server = ApiServer(app, "127.0.0.1", config.api_port).start()
        try:
            results["keep_alive"] = bench_keepalive(server.url, path, min(RUNS, 200))
            results["checkout"] = bench_checkout(server.url, {"X-Api-Key": ADMIN_KEY})
        finally:
            server.stop()
        results["get_product"] = {
            "app": app_timing,
            "getitem_floor": floor_timing,
            "ratio": app_timing["median_ms"] / floor_timing["median_ms"],
            "dynamodb_round_trips": len(trips.calls),
            "dynamodb_calls": trips.calls,
        }

    print("\n== GET /products/{id} (in-process app vs raw GetItem, DynamoDB Local) ==")
    g = results["get_product"]
    assert isinstance(g, dict)
    print(f"  app            median {g['app']['median_ms']:.2f} ms   p90 {g['app']['p90_ms']:.2f} ms   ({RUNS} runs)")
    print(
        f"  GetItem floor  median {g['getitem_floor']['median_ms']:.2f} ms   p90 {g['getitem_floor']['p90_ms']:.2f} ms"
    )
    print(f"  ratio app/floor  {g['ratio']:.2f}x")
    print(f"  DynamoDB round trips per request: {g['dynamodb_round_trips']} ({', '.join(g['dynamodb_calls'])})")
    p = results["pricing"]
    assert isinstance(p, dict)
    print(f"\n== price_cart, pure: {p['lines']} lines, {p['promotions']} active promotions, coupon, shipping ==")
    print(f"  median {p['median_ms']:.3f} ms   p90 {p['p90_ms']:.3f} ms   ({p['runs']} runs)")
    c = results["get_cart"]
    assert isinstance(c, dict)
    print(f"\n== GET /carts/{{id}} in-process, DynamoDB Local: {c['lines']} lines, 3 promotions, coupon, address ==")
    print(f"  median {c['median_ms']:.2f} ms   p90 {c['p90_ms']:.2f} ms   ({c['runs']} runs)")
    ratio = c["median_ms"] / g["getitem_floor"]["median_ms"]
    print(
        f"  vs GetItem floor {ratio:.2f}x; DynamoDB round trips per request: {c['dynamodb_round_trips']} ({', '.join(c['dynamodb_calls'])})"
    )
    ka = results["keep_alive"]
    assert isinstance(ka, dict)
    print("\n== GET /products/{id} over HTTP on the local server (make run) ==")
    print(
        f"  one kept-alive connection: median {ka['keep_alive_median_ms']:.2f} ms; a new connection each: "
        f"{ka['new_connection_median_ms']:.2f} ms; ratio {ka['ratio']:.2f}x ({ka['runs']} requests each)"
    )
    k = results["checkout"]
    assert isinstance(k, dict)
    seq, con = k["sequential"], k["contended"]
    print("\n== POST /checkout over HTTP, DynamoDB Local + localstripe ==")
    print(f"  one at a time: median {seq['median_ms']:.1f} ms   p90 {seq['p90_ms']:.1f} ms   ({seq['runs']} checkouts)")
    print(f"  DynamoDB round trips per checkout: {k['dynamodb_round_trips']} ({', '.join(k['dynamodb_calls'])})")
    print(
        f"  contention on one SKU: {con['requests']} buyers, {con['stock']} units, 32 at a time: "
        f"{con['orders']} orders, {con['out_of_stock']} out_of_stock, {con['other']} other, "
        f"{con['requests_per_second']:.0f} checkouts/s"
    )
    search = results["search"]
    assert isinstance(search, dict)
    print_search(search)
    print_imports(imports)
    bundle = results["bundle"]
    assert isinstance(bundle, dict)
    print_bundle(bundle)
    from bench.cost import cost_report, print_cost
    from bench.settle import print_settle

    results["settle"] = run_settle()
    print_settle(results["settle"])
    path = write_results(results)
    results["cost"] = cost_report()
    print_cost(results["cost"])
    print(f"\n(results in {write_results({'cost': results['cost']})})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
