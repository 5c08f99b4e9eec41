"""Staff rules of the merchandising promotions (ADR 0027): gift with purchase, bundle,
lucky bag, and the members-only flag of a flash sale. MarketingService calls these
from its validation; the SKUs named are checked and their products recorded (a gift
and a lucky bag's pool are read with the cart's lines, in its one batch)."""

from __future__ import annotations

from typing import Any

from ..domain.errors import ErrorList
from ..domain.money import Money
from ..domain.promotions import Promotion
from .ports import ProductRepository

MERCH_TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "gift_with_purchase": ("gift_sku",),
    "bundle": ("items", "price"),
    "lucky_bag": ("sku", "pool"),
}
MAX_POOL = 20  # pool SKUs of a lucky bag: all read in checkout's one batch
MAX_ITEMS = 10  # SKUs of one bundle set
# Patchable merchandising fields (the SKUs a gift or bag names are not: create a new promotion).
PATCHABLE = ("gift_quantity", "gift_limit", "trigger_quantity", "threshold", "items", "pool", "members_only")


def check_merch(
    spec: Any, products: ProductRepository, currency: str, errors: ErrorList, check_skus: bool = True
) -> dict[str, Any]:
    """The Promotion fields of ``spec``'s merchandising rules, with their errors added."""
    kind = spec.type
    gift = kind == "gift_with_purchase"
    for name in ("gift_sku", "gift_quantity", "gift_limit", "trigger_sku", "trigger_quantity", "threshold"):
        if not gift and getattr(spec, name) is not None:
            errors.add(name, "not_applicable", f"A {kind} promotion has no {name}.")
    if kind != "bundle" and spec.items:
        errors.add("items", "not_applicable", f"A {kind} promotion has no items.")
    if kind != "lucky_bag" and spec.pool:
        errors.add("pool", "not_applicable", f"A {kind} promotion has no pool.")
    if kind != "flash_sale" and spec.members_only:
        errors.add("members_only", "not_applicable", "Only a flash sale is members-only.")
    fields: dict[str, Any] = {"members_only": bool(spec.members_only)}
    if gift:
        fields |= _gift(spec, products, currency, errors, check_skus)
    if kind == "bundle":
        fields["items"] = _items(spec, products, currency, errors, check_skus)
    if kind == "lucky_bag":
        fields["pool"] = _pool(spec, products, errors, check_skus)
    return fields


def _gift(spec: Any, products: ProductRepository, currency: str, errors: ErrorList, check: bool) -> dict[str, Any]:
    if (spec.threshold is None) == (spec.trigger_sku is None):
        errors.add("threshold", "one_of", "Give exactly one of threshold and trigger_sku.")
    if spec.trigger_quantity is not None and spec.trigger_sku is None:
        errors.add("trigger_quantity", "not_applicable", "trigger_quantity goes with trigger_sku.")
    if spec.threshold is not None:
        _currency("threshold", spec.threshold, currency, errors)
        if spec.threshold.amount < 1:
            errors.add("threshold", "out_of_range", "threshold is positive.")
    for name in ("gift_quantity", "gift_limit", "trigger_quantity"):
        value = getattr(spec, name)
        if value is not None and value < 1:
            errors.add(name, "out_of_range", f"{name} is at least 1.")
    if spec.trigger_sku is not None and check and products.product_id_of(spec.trigger_sku) is None:
        errors.add("trigger_sku", "not_found", f"No SKU {spec.trigger_sku}.")
    product_id = spec.gift_sku
    if spec.gift_sku is not None and check:
        product_id = products.product_id_of(spec.gift_sku)
        if product_id is None:
            errors.add("gift_sku", "not_found", f"No SKU {spec.gift_sku}.")
    return {
        "gift_sku": spec.gift_sku,
        "gift_product_id": product_id,
        "gift_quantity": spec.gift_quantity or 1,
        "gift_limit": spec.gift_limit,
        "trigger_sku": spec.trigger_sku,
        "trigger_quantity": spec.trigger_quantity or 1,
        "threshold": spec.threshold.amount if spec.threshold is not None else None,
    }


def _items(
    spec: Any, products: ProductRepository, currency: str, errors: ErrorList, check: bool
) -> tuple[tuple[str, int], ...]:
    if spec.price is not None:
        _currency("price", spec.price, currency, errors)
    skus = [sku for sku, _ in spec.items]
    if len(set(skus)) != len(skus):
        errors.add("items", "duplicate", "Each SKU once in a bundle.")
    if len(skus) > MAX_ITEMS:
        errors.add("items", "too_many", f"At most {MAX_ITEMS} SKUs in a bundle.")
    for i, (sku, quantity) in enumerate(spec.items):
        if quantity < 1:
            errors.add(f"items.{i}.quantity", "out_of_range", "quantity is at least 1.")
        if check and products.product_id_of(sku) is None:
            errors.add(f"items.{i}.sku", "not_found", f"No SKU {sku}.")
    return tuple((sku, quantity) for sku, quantity in spec.items)


def _pool(spec: Any, products: ProductRepository, errors: ErrorList, check: bool) -> tuple[tuple[str, str], ...]:
    if check and spec.sku is not None and products.product_id_of(spec.sku) is None:
        errors.add("sku", "not_found", f"No SKU {spec.sku}.")
    codes = list(dict.fromkeys(spec.pool))
    if spec.sku in codes:
        errors.add("pool", "contains_bag", "The bag's own SKU cannot be in its pool.")
    if len(codes) > MAX_POOL:
        errors.add("pool", "too_many", f"At most {MAX_POOL} SKUs in a pool.")
    pool: list[tuple[str, str]] = []
    for i, sku in enumerate(codes):
        product_id = products.product_id_of(sku) if check else sku
        if product_id is None:
            errors.add(f"pool.{i}", "not_found", f"No SKU {sku}.")
        else:
            pool.append((product_id, sku))
    return tuple(pool)


def merch_changes(current: Promotion, changes: dict[str, Any], currency: str) -> dict[str, Any]:
    """The PromotionSpec merchandising fields of an update: the changes over the current rules."""
    threshold = Money(current.threshold, currency) if current.threshold is not None else None
    gift = current.type == "gift_with_purchase"
    return {
        "gift_sku": current.gift_sku,
        "gift_quantity": changes.get("gift_quantity", current.gift_quantity if gift else None),
        "gift_limit": changes.get("gift_limit", current.gift_limit),
        "trigger_sku": current.trigger_sku,
        "trigger_quantity": changes.get(
            "trigger_quantity", current.trigger_quantity if current.trigger_sku is not None else None
        ),
        "threshold": changes.get("threshold", threshold),
        "items": changes.get("items", current.items),
        "pool": changes.get("pool", tuple(sku for _, sku in current.pool)),
        "members_only": changes.get("members_only", current.members_only),
    }


def _currency(field_name: str, money: Money, currency: str, errors: ErrorList) -> None:
    if money.currency != currency:
        errors.add(f"{field_name}.currency", "currency_mismatch", f"The store sells in {currency}.")
