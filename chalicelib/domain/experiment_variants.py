"""An A/B experiment's variants and what a product item carries of its running
experiment (ADR 0024): a leaf module, so the catalog's Product names it without
importing the experiments' rules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    key: str
    weight: int
    price: int | None = None  # price: every SKU of the product at this amount (minor units)
    image: str | None = None  # main_image: the product's first image
    title: str | None = None  # title


@dataclass(frozen=True)
class Running:
    """What the product item carries of its running experiment (written at start, removed at stop)."""

    id: str
    kind: str
    variants: tuple[Variant, ...]
