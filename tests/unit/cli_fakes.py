"""An in-memory stand-in for the catalog routes the CLI's import uses, answering
as the API does (look-up by handle, 404 for an unknown product, 409
sku_code_taken and handle_taken, 400 for a price the API refuses), so the
importer is tested without HTTP."""

from __future__ import annotations

import itertools
from typing import Any

from commerce_cli.client import ApiError


def problem(status: int, code: str, detail: str = "", **extra: Any) -> ApiError:
    return ApiError(status, {"status": status, "code": code, "detail": detail or code, **extra})


class FakeCatalogApi:
    def __init__(self, categories: dict[str, str] | None = None) -> None:
        self.categories = categories or {"tea": "cat_tea", "t-shirts": "cat_tee"}
        self.products: dict[str, dict[str, Any]] = {}
        self.owner: dict[str, str] = {}  # sku code -> product id
        self.writes: list[tuple[str, str]] = []
        self.max_price = 10**12
        self._ids = itertools.count(1)

    def get(self, path: str, params: dict[str, str] | None = None) -> Any:
        if path == "/categories":
            return {"items": [{"id": i, "slug": s, "children": []} for s, i in self.categories.items()]}
        if path == "/admin/products":
            handle = (params or {})["handle"]
            items = [{"id": p["id"], "handle": handle} for p in self.products.values() if p.get("handle") == handle]
            return {"items": items, "next_cursor": None}
        if path.startswith("/admin/products/"):
            product_id = path.rsplit("/", 1)[1]
            if product_id not in self.products:
                raise problem(404, "not_found", f"No product {product_id}.")
            return self.products[product_id]
        raise AssertionError(f"unexpected GET {path}")

    def _check(self, skus: list[dict[str, Any]], product_id: str | None) -> None:
        taken = [s["code"] for s in skus if self.owner.get(s["code"], product_id) != product_id]
        if taken:
            raise problem(409, "sku_code_taken", "SKU codes already exist.", skus=taken)
        for i, sku in enumerate(skus):
            if "price" in sku and sku["price"]["amount"] > self.max_price:
                raise ApiError(
                    400,
                    {
                        "code": "validation_error",
                        "detail": "The request is not valid.",
                        "errors": [{"field": f"skus.{i}.price.amount", "code": "out_of_range", "message": "too big"}],
                    },
                )

    def post(self, path: str, body: Any = None, idempotent: bool = False) -> Any:
        assert path == "/admin/products", path
        if any(p.get("handle") == body.get("handle") for p in self.products.values()):
            raise problem(409, "handle_taken", "Another product has this handle.", handle=body["handle"])
        self._check(body["skus"], None)
        product_id = f"prod_{next(self._ids)}"
        skus = [{**s, "on_hand": s.get("stock", 0)} for s in body["skus"]]
        self.products[product_id] = {"id": product_id, **{k: v for k, v in body.items() if k != "skus"}, "skus": skus}
        for sku in skus:
            self.owner[sku["code"]] = product_id
        self.writes.append(("POST", product_id))
        return self.products[product_id]

    def patch(self, path: str, body: Any) -> Any:
        product_id = path.rsplit("/", 1)[1]
        product = self.products[product_id]
        self._check(body.get("skus", []), product_id)
        for name in ("title", "category_id", "description", "images"):
            if name in body:
                product[name] = body[name]
        stored = {s["code"]: s for s in product["skus"]}
        for sku in body.get("skus", []):
            if sku["code"] in stored:
                stored[sku["code"]].update(sku)
            else:
                product["skus"].append({**sku, "on_hand": sku.get("stock", 0)})
                self.owner[sku["code"]] = product_id
        self.writes.append(("PATCH", product_id))
        return product
