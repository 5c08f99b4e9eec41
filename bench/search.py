"""Search and category-page benchmark on DynamoDB Local.

Seeds products straight into the table (batch writes of the same items the app
writes: the product, its category entries, its search postings; no API), grows
the catalog through the sizes in BENCH_SEARCH_SIZES (default 1000,10000; add
100000 when there is time: seeding runs at DynamoDB Local's write speed), and at
each size measures GET /products in-process: a hot keyword (in half the
catalog), a three-token query, a keyword in one product only, and a root
category page (price order, then the next page): median and p90 latency, items
on the page and DynamoDB round trips per page. Never asserts.
"""

from __future__ import annotations

import json
import os
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.util import count_round_trips, timed

SIZES = [int(s) for s in os.environ.get("BENCH_SEARCH_SIZES", "1000,10000").split(",") if s.strip()]
RUNS = int(os.environ.get("BENCH_SEARCH_RUNS", "30"))
WRITERS = 8

NOUNS = [
    "shirt",
    "dress",
    "jacket",
    "scarf",
    "hat",
    "sock",
    "boot",
    "bag",
    "belt",
    "coat",
    "skirt",
    "vest",
    "glove",
    "shoe",
    "sandal",
    "cap",
    "tie",
    "robe",
]
ADJECTIVES = [
    "classic",
    "slim",
    "loose",
    "light",
    "warm",
    "soft",
    "bold",
    "plain",
    "striped",
    "checked",
    "vintage",
    "urban",
    "summer",
    "winter",
]
CHINESE = ["纯棉", "真丝", "羊毛", "短袖", "长袖", "白色", "黑色", "休闲", "商务", "复古", "宽松", "修身"]
COLORS = ["red", "blue", "black", "white", "green", "grey", "navy", "beige"]
SIZES_ATTR = ["S", "M", "L", "XL"]
RARE_WORD = "zephyrine"  # in exactly one product


class _Collect:
    """A PostingStore that keeps what the engine would write."""

    def __init__(self) -> None:
        self.postings: list[Any] = []

    def replace(self, product_id: str, postings: list[Any]) -> None:
        self.postings = postings

    def read(self, token: str, limit: int) -> list[Any]:
        return []

    def products(self, product_ids: list[str]) -> dict[str, Any]:
        return {}


def _categories() -> tuple[list[Any], list[Any]]:
    from chalicelib.bootstrap import get_container

    catalog = get_container().catalog
    suffix = str(int(time.time()))
    roots = [catalog.create_category(f"Root {r}", f"root-{r}-{suffix}", None) for r in range(4)]
    leaves = []
    for root in roots:
        for m in range(3):
            mid = catalog.create_category(f"Mid {m}", f"mid-{root.id.lower()}-{m}", root.id)
            leaves += [catalog.create_category(f"Leaf {x}", f"leaf-{mid.id.lower()}-{x}", mid.id) for x in range(3)]
    return roots, leaves


def _product(i: int, leaves: list[Any], rng: random.Random, now: datetime) -> Any:
    from chalicelib.domain.catalog import Product
    from chalicelib.domain.ids import new_id

    leaf = leaves[i % len(leaves)]
    words = [rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(CHINESE) + rng.choice(CHINESE)]
    if i % 2 == 0:
        words.insert(0, "cotton")
    if i == 7:
        words.append(RARE_WORD)
    price = rng.randrange(500, 200000)
    return Product(
        id=new_id("prod"),
        title=" ".join(words),
        description="Bench product",
        category_id=leaf.id,
        category_path=leaf.path,
        images=(),
        attributes={"color": rng.choice(COLORS), "size": rng.choice(SIZES_ATTR)},
        status="listed",
        list_at=None,
        delist_at=None,
        sku_codes=(f"BX{i:06d}",),
        min_price=price,
        max_price=price,
        created_at=now,
        updated_at=now,
        sales=int(rng.paretovariate(1.2)) - 1,
        listed_at=now,
    )


def seed(start: int, stop: int, leaves: list[Any]) -> dict[str, float]:
    """Products start..stop-1 with their entries and postings, in parallel batch writes."""
    from chalicelib.adapters.dynamo.catalog import product_item
    from chalicelib.adapters.dynamo.catalog_index import entry_item
    from chalicelib.adapters.dynamo.models import Item
    from chalicelib.adapters.dynamo.search import posting_item
    from chalicelib.services.search import BuiltinSearch
    from chalicelib.services.tokens import index_tokens

    names = {c.id: c.name for c in leaves}
    now = datetime.now(UTC) - timedelta(days=1)
    index_tokens("预热")  # load the segmenter once, outside the writers

    def write(chunk: range) -> int:
        rng = random.Random(chunk.start)
        collect = _Collect()
        engine = BuiltinSearch(collect, _Collect())  # type: ignore[arg-type]
        written = 0
        with Item.batch_write() as batch:
            for i in chunk:
                product = _product(i, leaves, rng, now)
                item = product_item(product)
                item.sales = product.sales
                item.ranked_sales = product.sales
                item.GSI4SK = product.sales
                batch.save(item)
                for category_id in product.category_path:
                    batch.save(entry_item(product, category_id))
                engine.index(replace(product), [names.get(c, "") for c in product.category_path])
                for posting in collect.postings:
                    batch.save(posting_item(posting))
                written += 1 + len(product.category_path) + len(collect.postings)
        return written

    step = 250
    chunks = [range(s, min(s + step, stop)) for s in range(start, stop, step)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        items = sum(pool.map(write, chunks))
    seconds = time.perf_counter() - started
    return {"products": stop - start, "items": items, "seconds": seconds, "items_per_second": items / seconds}


def _measure(client: Any, path: str) -> dict[str, Any]:
    def get() -> dict[str, Any]:
        response = client.http.get(path)
        if response.status_code != 200:
            raise RuntimeError(response.body)
        body: dict[str, Any] = json.loads(response.body)
        return body

    with count_round_trips() as trips:
        body = get()
    timing = timed(get, RUNS, warmup=3)
    return {
        **timing,
        "items": len(body["items"]),
        "has_next": body["next_cursor"] is not None,
        "first_title": body["items"][0]["title"] if body["items"] else None,
        "round_trips": len(trips.calls),
        "calls": trips.calls,
        "next_cursor": body["next_cursor"],
    }


def bench_search(client: Any) -> dict[str, Any]:
    roots, leaves = _categories()
    results: dict[str, Any] = {"sizes": {}}
    seeded = 0
    for size in SIZES:
        load = seed(seeded, size, leaves)
        seeded = size
        from urllib.parse import quote

        figures = {
            "seed": load,
            "hot keyword (cotton)": _measure(client, "/products?q=cotton&limit=20"),
            "three tokens": _measure(client, "/products?q=" + quote("cotton shirt 纯棉") + "&limit=20"),
            "rare keyword": _measure(client, f"/products?q={RARE_WORD}&limit=20"),
            "category page, price_asc": _measure(
                client, f"/products?category_id={roots[0].id}&sort=price_asc&limit=20"
            ),
        }
        cursor = figures["category page, price_asc"]["next_cursor"]
        if cursor:
            path = f"/products?category_id={roots[0].id}&sort=price_asc&limit=20&cursor={cursor}"
            figures["category page 2"] = _measure(client, path)
        figures["category page, sales"] = _measure(client, f"/products?category_id={roots[0].id}&sort=sales&limit=20")
        results["sizes"][str(size)] = figures
    return results


def print_search(results: dict[str, Any]) -> None:
    print("\n== GET /products: search and category pages, in-process, DynamoDB Local ==")
    for size, figures in results["sizes"].items():
        load = figures["seed"]
        print(
            f"  {int(size):,} products (seeded {load['products']:,} now: {load['items']:,} items in "
            f"{load['seconds']:.0f} s, {load['items_per_second']:.0f} items/s)"
        )
        for name, f in figures.items():
            if name == "seed":
                continue
            print(
                f"    {name:28} median {f['median_ms']:7.1f} ms  p90 {f['p90_ms']:7.1f} ms  "
                f"{f['items']:3} items  next {'yes' if f['has_next'] else 'no ':3}  "
                f"{f['round_trips']} round trips ({', '.join(f['calls'])})"
            )
