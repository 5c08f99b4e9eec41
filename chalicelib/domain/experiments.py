"""A/B experiments on a product (ADR 0024): a price, main image or title tried
against the product as it is (the ``control`` variant).

- The status machine is a table (``TRANSITIONS``): draft -> running -> stopped.
- ``assign``: a visitor's variant is a pure function of the experiment id and the
  visitor id (SHA-256 -> a bucket in the sum of the weights), so every read of
  every service agrees without storing an assignment.
- ``apply_variant``: what a visitor sees of a product and its SKUs (title, first
  image, SKU prices).
- ``srm_check``: the sample-ratio-mismatch test, a chi-square goodness of fit of
  the exposures against the weights, its p-value exact for the integer degrees
  of freedom (closed forms with erfc), flagged below ``SRM_ALPHA``."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from .catalog import Product, Sku, StockLevel
from .errors import FieldError, InvalidTransition, ValidationFailed
from .experiment_variants import Running as Running
from .experiment_variants import Variant as Variant

KINDS = ("price", "main_image", "title")
STATUSES = ("draft", "running", "stopped")
TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"running"}),
    "running": frozenset({"stopped"}),
    "stopped": frozenset(),
}
ACTIONS = {"start": "running", "stop": "stopped"}
CONTROL = "control"
MIN_VARIANTS, MAX_VARIANTS = 2, 5
MIN_WEIGHT, MAX_WEIGHT = 1, 100
SRM_ALPHA = 0.001
# What each kind changes: the field a non-control variant must set (and the only one).
FIELD_OF_KIND = {"price": "price", "main_image": "image", "title": "title"}


@dataclass(frozen=True)
class Experiment:
    id: str
    name: str
    kind: str
    product_id: str
    variants: tuple[Variant, ...]
    status: str
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None = None
    stopped_at: datetime | None = None
    version: int = 1
    margin_override: dict[str, Any] | None = None  # an admin let a price variant under the minimum margin

    def variant(self, key: str) -> Variant | None:
        return next((v for v in self.variants if v.key == key), None)


def validate(kind: str, variants: Sequence[Variant]) -> None:
    errors: list[FieldError] = []
    if kind not in KINDS:
        errors.append(FieldError("kind", "invalid_choice", f"One of {', '.join(KINDS)}."))
    if not MIN_VARIANTS <= len(variants) <= MAX_VARIANTS:
        errors.append(FieldError("variants", "invalid_length", f"{MIN_VARIANTS} to {MAX_VARIANTS} variants."))
    keys = [v.key for v in variants]
    if len(set(keys)) != len(keys):
        errors.append(FieldError("variants", "duplicate_key", "Variant keys are unique."))
    if keys.count(CONTROL) != 1:
        errors.append(FieldError("variants", "control_required", "Exactly one variant is the control."))
    wanted = FIELD_OF_KIND.get(kind)
    for i, v in enumerate(variants):
        if not MIN_WEIGHT <= v.weight <= MAX_WEIGHT:
            errors.append(FieldError(f"variants.{i}.weight", "out_of_range", f"{MIN_WEIGHT} to {MAX_WEIGHT}."))
        given = {name for name in ("price", "image", "title") if getattr(v, name) is not None}
        expected = set() if v.key == CONTROL or wanted is None else {wanted}
        if given != expected:
            what = "nothing: it is the product as it is" if not expected else f"{wanted} only"
            errors.append(FieldError(f"variants.{i}", "invalid_variant", f"The {v.key} variant sets {what}."))
        if v.price is not None and v.price <= 0:
            errors.append(FieldError(f"variants.{i}.price", "out_of_range", "A price above zero."))
    if errors:
        raise ValidationFailed("The experiment is not valid.", errors)


def new_experiment(
    experiment_id: str, name: str, kind: str, product_id: str, variants: Sequence[Variant], now: datetime
) -> Experiment:
    validate(kind, variants)
    return Experiment(experiment_id, name, kind, product_id, tuple(variants), "draft", now, now)


def can_move(status: str, to: str) -> bool:
    return to in TRANSITIONS.get(status, frozenset())


def transition(experiment: Experiment, action: str, at: datetime) -> Experiment:
    to = ACTIONS.get(action)
    if to is None or not can_move(experiment.status, to):
        raise InvalidTransition(
            f"An experiment that is {experiment.status} cannot {action}.", current_status=experiment.status
        )
    if to == "running":
        return replace(experiment, status=to, started_at=at, updated_at=at)
    return replace(experiment, status=to, stopped_at=at, updated_at=at)


def running_of(experiment: Experiment) -> Running:
    return Running(experiment.id, experiment.kind, experiment.variants)


# --- assignment ----------------------------------------------------------------------------------
def bucket(experiment_id: str, visitor_id: str, total: int) -> int:
    digest = hashlib.sha256(f"{experiment_id}:{visitor_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % total


def assign(experiment_id: str, visitor_id: str, variants: Sequence[Variant]) -> Variant:
    """The visitor's variant: deterministic, in proportion to the weights."""
    point = bucket(experiment_id, visitor_id, sum(v.weight for v in variants))
    for v in variants:
        if point < v.weight:
            return v
        point -= v.weight
    raise AssertionError("a bucket lies inside the weights")  # pragma: no cover


def apply_variant(
    product: Product, skus: Sequence[Sku], running: Running | None, visitor_id: str | None
) -> tuple[Product, list[Sku], str | None]:
    """What ``visitor_id`` sees: the product and SKUs of its variant and the variant's
    key (None: no running experiment; no visitor id sees the control, unnamed)."""
    if running is None or visitor_id is None:
        return product, list(skus), None
    variant = assign(running.id, visitor_id, running.variants)
    return vary_product(product, variant), [vary_sku(s, variant) for s in skus], variant.key


def vary_product(product: Product, variant: Variant) -> Product:
    if variant.title is not None:
        product = replace(product, title=variant.title)
    if variant.image is not None:
        product = replace(product, images=(variant.image, *product.images[1:]))
    if variant.price is not None:
        product = replace(product, min_price=variant.price, max_price=variant.price)
    return product


def vary_sku(sku: Sku, variant: Variant) -> Sku:
    if variant.price is None:
        return sku
    member = None if sku.member_price is None else min(sku.member_price, variant.price)
    return replace(sku, price=variant.price, member_price=member)


def vary_rows(
    rows: Mapping[str, tuple[Product, Sku, StockLevel]], visitor_id: str | None
) -> tuple[dict[str, tuple[Product, Sku, StockLevel]], dict[str, dict[str, str]]]:
    """Cart lines as ``visitor_id`` is served them (keyed by SKU code): the variant's product
    and SKU where a running experiment covers the product, and each such line's
    ``{id, variant}`` tag for the order line. Without a visitor id: the control, untagged."""
    varied: dict[str, tuple[Product, Sku, StockLevel]] = {}
    tags: dict[str, dict[str, str]] = {}
    for code, (product, sku, stock) in rows.items():
        running = product.experiment
        if running is None or visitor_id is None:
            varied[code] = (product, sku, stock)
            continue
        variant = assign(running.id, visitor_id, running.variants)
        varied[code] = (vary_product(product, variant), vary_sku(sku, variant), stock)
        tags[code] = {"id": running.id, "variant": variant.key}
    return varied, tags


# --- the store's form on the product item --------------------------------------------------------
def variant_body(v: Variant) -> dict[str, Any]:
    body: dict[str, Any] = {"key": v.key, "weight": v.weight}
    for name in ("price", "image", "title"):
        if getattr(v, name) is not None:
            body[name] = getattr(v, name)
    return body


def variant_of(body: Mapping[str, Any]) -> Variant:
    price = body.get("price")
    return Variant(
        str(body["key"]),
        int(body["weight"]),
        None if price is None else int(price),
        body.get("image"),
        body.get("title"),
    )


def running_body(r: Running) -> dict[str, Any]:
    return {"id": r.id, "kind": r.kind, "variants": [variant_body(v) for v in r.variants]}


def running_from(body: Mapping[str, Any]) -> Running:
    return Running(str(body["id"]), str(body["kind"]), tuple(variant_of(v) for v in body["variants"]))


# --- results -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VariantCounts:
    exposures: int = 0
    orders: int = 0
    revenue: int = 0


@dataclass(frozen=True)
class Srm:
    chi_square: float
    p_value: float
    srm: bool


def chi_square_sf(x: float, df: int) -> float:
    """P(X >= x) for a chi-square variable with ``df`` (a positive integer) degrees of
    freedom: the closed forms of the regularized upper incomplete gamma function."""
    if df < 1:
        raise ValueError("df is a positive integer")
    if x <= 0:
        return 1.0
    half = x / 2
    if df % 2 == 0:
        term, total = 1.0, 1.0
        for i in range(1, df // 2):
            term *= half / i
            total += term
        return min(1.0, math.exp(-half) * total)
    p = math.erfc(math.sqrt(half))
    term = math.sqrt(x) * math.sqrt(2 / math.pi) * math.exp(-half)  # i = 1: x^(1/2) / 1
    for i in range(1, (df - 1) // 2 + 1):
        if i > 1:
            term *= x / (2 * i - 1)
        p += term
    return min(1.0, p)


def srm_check(observed: Sequence[int], weights: Sequence[int], alpha: float = SRM_ALPHA) -> Srm:
    """The chi-square goodness of fit of ``observed`` against the ``weights``' shares."""
    n, w = sum(observed), sum(weights)
    if n == 0 or len(observed) < 2:
        return Srm(0.0, 1.0, False)
    statistic = sum((o - n * wi / w) ** 2 / (n * wi / w) for o, wi in zip(observed, weights, strict=True))
    p = chi_square_sf(statistic, len(observed) - 1)
    return Srm(round(statistic, 4), p, p < alpha)


def results(experiment: Experiment, counts: Mapping[str, VariantCounts]) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    for v in experiment.variants:
        c = counts.get(v.key, VariantCounts())
        rate = round(c.orders / c.exposures, 4) if c.exposures else None
        rows.append(
            {"key": v.key, "weight": v.weight, "exposures": c.exposures, "orders": c.orders}
            | {"revenue": c.revenue, "conversion_rate": rate}
        )
    check = srm_check([r["exposures"] for r in rows], [v.weight for v in experiment.variants])
    return {"variants": rows, "chi_square": check.chi_square, "p_value": check.p_value, "srm": check.srm}
