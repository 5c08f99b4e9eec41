"""A/B experiments (ADR 0024): the definition staff send and the bodies answered."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from ...domain.errors import FieldError, ValidationFailed
from ...domain.experiments import (
    MAX_VARIANTS,
    MAX_WEIGHT,
    MIN_VARIANTS,
    MIN_WEIGHT,
    Experiment,
    Variant,
    apply_variant,
)
from ...services.ports import ProductView
from .common import MoneyIn, Strict, money, ts

VISITOR_ID = r"[A-Za-z0-9_-]{8,64}"  # the storefront's pseudonymous visitor id (as POST /events)


class VariantIn(Strict):
    key: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,31}$")
    weight: int = Field(ge=MIN_WEIGHT, le=MAX_WEIGHT)
    price: MoneyIn | None = None
    image: str | None = Field(default=None, pattern=r"^https://\S{1,500}$")
    title: str | None = Field(default=None, min_length=1, max_length=200)

    def to_variant(self, currency: str) -> Variant:
        if self.price is not None and self.price.currency != currency:
            raise ValidationFailed(
                "Prices are in the store's currency.",
                [FieldError("price.currency", "currency_mismatch", f"The store's currency is {currency}.")],
            )
        return Variant(self.key, self.weight, self.price.amount if self.price else None, self.image, self.title)


class ExperimentIn(Strict):
    name: str = Field(min_length=1, max_length=100)
    kind: Literal["price", "main_image", "title"]
    product_id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")
    variants: list[VariantIn] = Field(min_length=MIN_VARIANTS, max_length=MAX_VARIANTS)
    override_margin: bool = False  # admins only: a price variant under the minimum margin all the same


def variant_out(v: Variant, currency: str) -> dict[str, Any]:
    return {"key": v.key, "weight": v.weight, "price": money(v.price, currency), "image": v.image, "title": v.title}


def experiment_out(e: Experiment, currency: str) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "kind": e.kind,
        "product_id": e.product_id,
        "status": e.status,
        "variants": [variant_out(v, currency) for v in e.variants],
        "created_at": ts(e.created_at),
        "updated_at": ts(e.updated_at),
        "started_at": ts(e.started_at),
        "stopped_at": ts(e.stopped_at),
        "margin_override": e.margin_override,  # who let a price variant under the minimum margin (ADR 0023)
    }


def results_out(e: Experiment, body: dict[str, Any], currency: str) -> dict[str, Any]:
    return {
        "experiment_id": e.id,
        "status": e.status,
        "variants": [{**row, "revenue": money(row["revenue"], currency)} for row in body["variants"]],
        "chi_square": body["chi_square"],
        "p_value": body["p_value"],
        "srm": body["srm"],
    }


def visitor_id_param(value: str | None) -> str | None:
    """A visitor id from a query parameter or header: the pattern POST /events takes."""
    if value is None:
        return None
    if re.fullmatch(VISITOR_ID, value) is None:
        raise ValidationFailed(
            "visitor_id is 8 to 64 letters, digits, _ or -.",
            [FieldError("visitor_id", "invalid_format", "8 to 64 letters, digits, _ or -.")],
        )
    return value


def with_variant(view: ProductView, visitor_id: str | None) -> tuple[ProductView, dict[str, str] | None]:
    """The product page as ``visitor_id`` sees it, and ``{id, variant}`` when an experiment runs."""
    running = view.product.experiment
    product, skus, key = apply_variant(view.product, [s for s, _ in view.skus], running, visitor_id)
    if key is None or running is None:
        return view, None
    varied = ProductView(product, [(sku, stock) for sku, (_, stock) in zip(skus, view.skus, strict=True)])
    return varied, {"id": running.id, "variant": key}
