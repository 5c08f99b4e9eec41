"""`make bench`: starts DynamoDB Local (and the rest of the local stack) on free
ports, then measures

1. GET /products/{id} and GET /carts/{id} (20 lines) through the whole app
   in-process (bench/reads.py): as Lambda invokes it (app(event, context)) and
   through chalice.test.Client, interleaved with a raw boto3 GetItem of the
   product item on the same table: the floor. Medians over many runs, ratios.
2. DynamoDB round trips per GET /products/{id} and GET /carts/{id}.
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
7. The cost (bench/cost.py): dollars per 1,000 orders at AWS list prices, from the
   usage counted in 11. and 6. (a model of assumed calls when neither has run).
8. score_rfm (bench/rfm.py): 100,000 synthetic customers scored, time and peak memory.
9. Checkouts/s on one hot SKU with 1, 4 and 16 stock shards (bench/shards.py): a
   seeded discrete-event simulation of DynamoDB's per-partition write limit (ADR 0025);
   then on DynamoDB Local through the app in-process (bench/shards_local.py):
   BENCH_SHARDS_BUYERS (200) concurrent checkouts on BENCH_SHARDS_THREADS (8) threads,
   unsharded and 16 shards: checkouts/s, cancelled transactions, the oversell check.
10. Analytics (bench/analytics.py): POST /events with 50 events, latency and DynamoDB
   calls per batch; a million synthetic events aggregated in memory, time and peak memory.
11. One order's journey (bench/journey.py), in process on a stack of its own: every
   DynamoDB call's consumed capacity, EventBridge entry, SQS request and invocation
   counted per step (browse, cart, checkout, pay, fulfil), the queue workers included.

Last, the Done-when figures of issue #25 (``done_when`` in latest.json, with the load
average), recomputed whenever any part writes its results.

Prints figures and ratios; writes bench/results/latest.json. Never asserts.
`python -m bench reads` runs the read paths (1., 2.) alone;
`python -m bench imports` measures and prints the cold import (3.) alone;
`python -m bench search` runs the search bench (5.) alone;
`python -m bench settle` the settle job (6.) alone, on a stack of its own
(BENCH_SETTLE_ORDERS orders, default 20,000); `python -m bench cost` the cost
model (7.) alone, from the latest results when there are any; `python -m bench rfm`
score_rfm (8.) alone, on a stack of its own (BENCH_RFM_CUSTOMERS, default 100,000);
`python -m bench shards` the stock shards (9.) alone: the simulation, then a stack of its own.
`python -m bench analytics` the analytics bench (10.) alone, on a stack of its own.
`python -m bench journey` the journey (11.) alone, on a stack of its own.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

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


def reads_only() -> int:
    """`python -m bench reads`: GET /products/{id} and GET /carts/{id} alone, on a stack of their own."""
    from bench.reads import print_reads
    from localdev.stack import LocalStack, StackConfig

    config = local_config()
    assert isinstance(config, StackConfig)
    with LocalStack(config):
        from app import app
        from localdev.server import test_client

        _, results = bench_reads(test_client(app), app, config)
    print_reads(results)
    print(f"\n(results in {write_results(results)})")
    return 0


def bench_reads(client: Any, app: Any, config: Any) -> tuple[str, dict[str, Any]]:
    """The product and cart reads (bench/reads.py); the product's path and the results."""
    from bench.carts import bench_get_cart
    from bench.reads import bench_get_product, getitem_floor
    from tests.support import ADMIN_KEY

    headers = {"X-Api-Key": ADMIN_KEY, "Content-Type": "application/json"}
    path, product = bench_get_product(client, app, config, headers)
    floor = getitem_floor(config, path.rsplit("/", 1)[1])
    return path, {"get_product": product, "get_cart": bench_get_cart(client, headers, RUNS, app, floor)}


def write_results(update: dict[str, object]) -> Path:
    """Merges ``update`` into bench/results/latest.json, with the Done-when figures of
    issue #25 recomputed from everything the file holds (``done_when``)."""
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    path = out / "latest.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    results.update(update)
    results["done_when"] = done_when(results)
    path.write_text(json.dumps(results, indent=2))
    return path


def done_when(results: dict[str, Any]) -> dict[str, Any]:
    """Each goal with its figure from the latest results (None: not measured yet), and
    the machine's load average when the figures were written."""

    def get(*path: str) -> Any:
        found: Any = results
        for key in path:
            if not isinstance(found, dict) or key not in found:
                return None
            found = found[key]
        return found

    cold = get("bundle", "cold_import", "APIHandler", "as_shipped_ms")
    settle_s = get("settle", "projected_million_seconds")
    cost = get("cost", "per_1000_orders")
    figures = {
        "product_ratio": (get("get_product", "ratio"), 1.3),
        "cart_ratio": (get("get_cart", "ratio"), 3.0),
        "checkout_round_trips": (get("checkout", "dynamodb_round_trips"), 3),
        "cold_import_from_bundle_ms": (cold, 200),
        "keep_alive_ratio": (get("keep_alive", "ratio"), 1.5),
        "settle_million_seconds": (settle_s, get("settle", "window_seconds")),
        "cost_per_1000_orders_usd": (cost, 0.10),
    }
    summary: dict[str, Any] = {
        name: {"value": value, "goal": goal, "met": None if value is None or goal is None else value <= goal}
        for name, (value, goal) in figures.items()
    }
    summary["settle_orders_per_second"] = get("settle", "projected_million_orders_per_second")
    summary["settle_workers"] = get("settle", "workers")
    summary["cost_counted"] = get("cost", "measured")
    summary["load_average_at_write"] = list(os.getloadavg())
    return summary


def run_settle() -> dict[str, object]:
    """The settle bench on a stack of its own: settle's chunks need no other data."""
    from bench.settle import bench_settle
    from localdev.stack import LocalStack, StackConfig

    config = local_config()
    assert isinstance(config, StackConfig)
    os.environ.setdefault("COMMERCE_SETTLEMENT_INLINE_MAX", "0")  # always the fan-out, whatever the size
    with LocalStack(config):
        return bench_settle()


def run_journey() -> dict[str, object]:
    """One order's journey with its AWS usage counted (bench/journey.py), on a stack of its own."""
    from bench.journey import run_journey as journey
    from localdev.stack import LocalStack, StackConfig
    from tests.support import ADMIN_KEY

    config = local_config()
    assert isinstance(config, StackConfig)
    with LocalStack(config):
        from app import app
        from localdev.server import test_client

        return journey(test_client(app), app, {"X-Api-Key": ADMIN_KEY})


def run_rfm() -> dict[str, object]:
    """The score_rfm bench on a stack of its own (bench/rfm.py)."""
    from bench.rfm import bench_rfm
    from localdev.stack import LocalStack, StackConfig

    config = local_config()
    assert isinstance(config, StackConfig)
    with LocalStack(config):
        return bench_rfm()


def run_analytics() -> dict[str, object]:
    """The analytics bench on a stack of its own (bench/analytics.py)."""
    from bench.analytics import bench_analytics
    from localdev.stack import LocalStack, StackConfig

    config = local_config()
    assert isinstance(config, StackConfig)
    with LocalStack(config):
        return bench_analytics()


def main() -> int:
    if sys.argv[1:] == ["shards"]:
        from bench.shards import bench_shards, print_shards
        from bench.shards_local import bench_shards_local, print_shards_local

        shards = bench_shards()
        print_shards(shards)
        shards["local"] = bench_shards_local()
        print_shards_local(shards["local"])
        print(f"\n(results in {write_results({'shards': shards})})")
        return 0
    if sys.argv[1:] == ["analytics"]:
        from bench.analytics import print_analytics

        analytics = run_analytics()
        print_analytics(analytics)
        print(f"\n(results in {write_results({'analytics': analytics})})")
        return 0
    if sys.argv[1:] == ["rfm"]:
        from bench.rfm import print_rfm

        rfm = run_rfm()
        print_rfm(rfm)
        print(f"\n(results in {write_results({'rfm': rfm})})")
        return 0
    if sys.argv[1:] == ["settle"]:
        from bench.settle import print_settle

        settle = run_settle()
        print_settle(settle)
        print(f"\n(results in {write_results({'settle': settle})})")
        return 0
    if sys.argv[1:] == ["journey"]:
        from bench.journey import print_journey

        journey = run_journey()
        print_journey(journey)
        print(f"\n(results in {write_results({'journey': journey})})")
        return 0
    if sys.argv[1:] == ["cost"]:
        from bench.cost import cost_report, print_cost

        cost = cost_report()
        print_cost(cost)
        path = write_results({"cost": cost})
        print_done_when(json.loads(path.read_text())["done_when"])
        print(f"\n(results in {path})")
        return 0

    from bench.bundle import bundle_report, print_bundle
    from bench.carts import bench_pricing
    from bench.checkout import bench_checkout
    from bench.imports import FIRST_REQUEST, import_profile
    from bench.keepalive import bench_keepalive
    from bench.reads import print_reads
    from bench.search import bench_search, print_search
    from localdev.server import ApiServer
    from localdev.stack import LocalStack, StackConfig
    from tests.support import ADMIN_KEY

    if sys.argv[1:] == ["reads"]:  # `python -m bench reads`: the product and cart reads alone
        return reads_only()
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
        product_path, reads = bench_reads(client, app, config)
        results.update(reads)
        results["search"] = bench_search(client)
        server = ApiServer(app, "127.0.0.1", config.api_port).start()
        try:
            results["keep_alive"] = bench_keepalive(server.url, product_path, min(RUNS, 200))
            results["checkout"] = bench_checkout(server.url, {"X-Api-Key": ADMIN_KEY})
        finally:
            server.stop()

    print_reads(results)
    p = results["pricing"]
    assert isinstance(p, dict)
    print(f"\n== price_cart, pure: {p['lines']} lines, {p['promotions']} active promotions, coupon, shipping ==")
    print(f"  median {p['median_ms']:.3f} ms   p90 {p['p90_ms']:.3f} ms   ({p['runs']} runs)")
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
    from bench.rfm import print_rfm

    results["rfm"] = run_rfm()
    print_rfm(results["rfm"])
    from bench.shards import bench_shards, print_shards
    from bench.shards_local import bench_shards_local, print_shards_local

    shards = bench_shards()
    print_shards(shards)
    shards["local"] = bench_shards_local()
    print_shards_local(shards["local"])
    results["shards"] = shards
    from bench.analytics import print_analytics

    results["analytics"] = run_analytics()
    print_analytics(results["analytics"])
    from bench.journey import print_journey

    results["journey"] = run_journey()
    print_journey(results["journey"])
    write_results(results)
    results["cost"] = cost_report()
    print_cost(results["cost"])
    path = write_results({"cost": results["cost"]})
    print_done_when(json.loads(path.read_text())["done_when"])
    print(f"\n(results in {path})")
    return 0


def print_done_when(summary: dict[str, Any]) -> None:
    print("\n== issue #25, Done when ==")
    for name, figure in summary.items():
        if isinstance(figure, dict):
            verdict = {True: "met", False: "NOT met", None: "not measured"}[figure["met"]]
            value = figure["value"]
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            print(f"  {name:<28} {shown:>10}  (goal <= {figure['goal']}): {verdict}")
    print(f"  load average when written: {', '.join(f'{x:.2f}' for x in summary['load_average_at_write'])}")


if __name__ == "__main__":
    sys.exit(main())
