"""`commerce products import`: brings the API's catalog to what a CSV says.

A product_key is the product's handle: products are created with it, and found
again by it (`GET /admin/products?handle=`), so a rerun of the same file finds
every product and changes nothing. A product_key of the form `prod_...` names a
product by its id instead (what `products export` writes for a product that has
no handle). For a product found, title, category and each SKU's specs, price and
weight are patched when they differ, and SKUs it lacks are added with their
stock; the stock of SKUs that exist already is left alone (sales move it: use
`commerce inventory adjust`). A product the API refuses fails all of its rows,
with the API's reason."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .catalog_csv import ProductPlan, RowError, SkuRow
from .client import ApiError


class Api(Protocol):
    def get(self, path: str, params: dict[str, str] | None = None) -> Any: ...

    def post(self, path: str, body: Any = None, idempotent: bool = False) -> Any: ...

    def patch(self, path: str, body: Any) -> Any: ...


@dataclass
class ImportReport:
    imported: int = 0
    unchanged: int = 0
    failed: list[RowError] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        failed = sorted(self.failed, key=lambda f: f.row)
        return {
            "imported": self.imported,
            "unchanged": self.unchanged,
            "failed": [{"row": f.row, "error": f.error} for f in failed],
        }


def category_ids(api: Api) -> dict[str, str]:
    """slug -> id over the whole category tree."""
    found: dict[str, str] = {}

    def walk(nodes: Iterable[dict[str, Any]]) -> None:
        for node in nodes:
            found[str(node["slug"])] = str(node["id"])
            walk(node.get("children") or [])

    walk(api.get("/categories").get("items", []))
    return found


def _money(amount: int, currency: str) -> dict[str, Any]:
    return {"amount": amount, "currency": currency}


def _new_sku(sku: SkuRow, currency: str) -> dict[str, Any]:
    return {
        "code": sku.code,
        "specs": sku.specs,
        "price": _money(sku.price, currency),
        "weight_grams": sku.weight_grams,
        "stock": sku.stock,
    }


def find_product(api: Api, key: str) -> dict[str, Any] | None:
    """The staff view of the product with this handle (or, for `prod_...`, this id), if any."""
    found = api.get("/admin/products", {"handle": key}).get("items", [])
    if found:
        return dict(api.get(f"/admin/products/{found[0]['id']}"))
    if key.startswith("prod_"):
        try:
            return dict(api.get(f"/admin/products/{key}"))
        except ApiError as error:
            if error.status == 404:
                raise LookupError(
                    f"no product {key} (a product_key of the form prod_... names a product by id)"
                ) from error
            raise
    return None


def product_patch(current: dict[str, Any], plan: ProductPlan, category_id: str, currency: str) -> dict[str, Any]:
    """What differs between the product as stored and as planned ({} when nothing does)."""
    patch: dict[str, Any] = {}
    if current.get("title") != plan.title:
        patch["title"] = plan.title
    if current.get("category_id") != category_id:
        patch["category_id"] = category_id
    if plan.description is not None and current.get("description") != plan.description:
        patch["description"] = plan.description
    if plan.images is not None and tuple(current.get("images") or ()) != plan.images:
        patch["images"] = list(plan.images)
    stored = {s["code"]: s for s in current.get("skus", [])}
    skus: list[dict[str, Any]] = []
    for sku in plan.skus:
        existing = stored.get(sku.code)
        if existing is None:
            skus.append(_new_sku(sku, currency))
            continue
        change: dict[str, Any] = {}
        if existing.get("specs", {}) != sku.specs:
            change["specs"] = sku.specs
        if existing["price"]["amount"] != sku.price or existing["price"]["currency"] != currency:
            change["price"] = _money(sku.price, currency)
        if existing.get("weight_grams") != sku.weight_grams:
            change["weight_grams"] = sku.weight_grams
        if change:
            skus.append({"code": sku.code, **change})
    if skus:
        patch["skus"] = skus
    return patch


def import_plan(api: Api, plan: ProductPlan, categories: dict[str, str], currency: str, status: str) -> bool:
    """Create or bring one product up to date; True when something changed."""
    category_id = categories.get(plan.category_slug)
    if category_id is None:
        raise LookupError(f"unknown category_slug {plan.category_slug!r}")
    current = find_product(api, plan.key)
    if current is None:
        body = {
            "handle": plan.key,
            "title": plan.title,
            "category_id": category_id,
            "status": status,
            "skus": [_new_sku(s, currency) for s in plan.skus],
        }
        if plan.description is not None:
            body["description"] = plan.description
        if plan.images is not None:
            body["images"] = list(plan.images)
        api.post("/admin/products", body)
        return True
    patch = product_patch(current, plan, category_id, currency)
    if not patch:
        return False
    api.patch(f"/admin/products/{current['id']}", patch)
    return True


def import_catalog(
    api: Api,
    plans: list[ProductPlan],
    refused: list[RowError],
    currency: str,
    status: str = "draft",
    advance: Callable[[int], None] = lambda _: None,
) -> ImportReport:
    """Import every plan; ``advance(n)`` is told of each n rows done (the progress bar).
    The rows refused by parsing count as failed, and are advanced first."""
    report = ImportReport(failed=list(refused))
    advance(len(refused))
    categories = category_ids(api)
    for plan in plans:
        try:
            changed = import_plan(api, plan, categories, currency, status)
        except ApiError as error:
            if error.status == 0:  # no answer at all: stop, the rest would fail the same way
                raise
            report.failed += [RowError(row, error.summary()) for row in plan.rows]
        except LookupError as error:
            report.failed += [RowError(row, str(error)) for row in plan.rows]
        else:
            if changed:
                report.imported += len(plan.rows)
            else:
                report.unchanged += len(plan.rows)
        advance(len(plan.rows))
    return report
