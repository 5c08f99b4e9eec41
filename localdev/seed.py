"""`make seed`: a demo catalog, loaded through the API of a running `make run`.
Idempotent: categories and SKU codes that exist already are left alone."""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from typing import Any

CATEGORIES = [
    ("Apparel", "apparel", None),
    ("T-shirts", "t-shirts", "apparel"),
    ("Outerwear", "outerwear", "apparel"),
    ("Home", "home", None),
    ("Tea", "tea", "home"),
]


def _money(amount: int) -> dict[str, Any]:
    return {"amount": amount, "currency": "CNY"}


# (category slug, title, description, [(code, specs, price, member price, cost, grams, stock, safety)])
SeedSku = tuple[str, dict[str, str], int, int | None, int, int, int, int]
PRODUCTS: list[tuple[str, str, str, list[SeedSku]]] = [
    (
        "t-shirts",
        "Organic cotton tee",
        "Heavyweight 220 g organic cotton.",
        [
            ("TEE-WHT-M", {"color": "white", "size": "M"}, 9900, 8900, 3500, 220, 120, 10),
            ("TEE-WHT-L", {"color": "white", "size": "L"}, 9900, 8900, 3500, 230, 80, 10),
            ("TEE-BLK-M", {"color": "black", "size": "M"}, 9900, 8900, 3500, 220, 5, 10),
        ],
    ),
    (
        "outerwear",
        "Down jacket",
        "650-fill goose down, water-repellent shell.",
        [
            ("JKT-NVY-M", {"color": "navy", "size": "M"}, 89900, 79900, 42000, 900, 30, 5),
            ("JKT-NVY-L", {"color": "navy", "size": "L"}, 89900, 79900, 42000, 950, 25, 5),
        ],
    ),
    (
        "tea",
        "West Lake Longjing, 250 g",
        "Pre-Qingming spring harvest.",
        [
            ("TEA-LJ-250", {"weight": "250 g"}, 26800, 23800, 11000, 300, 200, 20),
        ],
    ),
    (
        "tea",
        "Tie Guan Yin, 125 g",
        "Anxi oolong, light roast.",
        [
            ("TEA-TGY-125", {"weight": "125 g"}, 12800, None, 5200, 160, 0, 10),
        ],
    ),
]


def _call(base: str, key: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        base + path, data=data, method=method, headers={"X-Api-Key": key, "Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def seed(url: str | None) -> int:
    base = url or f"http://127.0.0.1:{os.environ.get('COMMERCE_API_PORT') or 8000}"
    key = os.environ.get("COMMERCE_ADMIN_API_KEY") or "local-admin-key"
    try:
        status, tree = _call(base, key, "GET", "/categories")
    except urllib.error.URLError:
        print(f"make seed: no API at {base}; start it with `make run` first.", file=sys.stderr)
        return 1
    ids: dict[str, str] = {}

    def walk(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            ids[node["slug"]] = node["id"]
            walk(node["children"])

    walk(tree["items"])
    for name, slug, parent in CATEGORIES:
        if slug not in ids:
            status, body = _call(
                base,
                key,
                "POST",
                "/admin/categories",
                {"name": name, "slug": slug, "parent_id": ids.get(parent) if parent else None},
            )
            if status != 201:
                print(f"category {slug}: {status} {body}", file=sys.stderr)
                return 1
            ids[slug] = body["id"]
    created = skipped = 0
    for category, title, description, skus in PRODUCTS:
        payload = {
            "title": title,
            "description": description,
            "category_id": ids[category],
            # A listed product is complete (ADR 0023): a description and at least one main image.
            "images": [f"https://images.example.com/seed/{skus[0][0].lower()}.jpg"],
            "status": "listed",
            "skus": [
                {
                    "code": code,
                    "specs": specs,
                    "price": _money(price),
                    **({"member_price": _money(member)} if member else {}),
                    "cost_price": _money(cost),
                    "weight_grams": weight,
                    "stock": stock,
                    "safety_stock": safety,
                }
                for code, specs, price, member, cost, weight, stock, safety in skus
            ],
        }
        status, body = _call(base, key, "POST", "/admin/products", payload)
        if status == 201:
            created += 1
        elif status == 409 and body.get("code") == "sku_code_taken":
            skipped += 1
        else:
            print(f"product {title}: {status} {body}", file=sys.stderr)
            return 1
    print(f"seeded: {len(ids)} categories, {created} products created, {skipped} already there")
    return 0
