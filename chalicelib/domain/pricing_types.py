"""What the pricing pipeline (domain/pricing.py) takes and records per line, shared
with the merchandising promotions (domain/merchandising.py) it calls."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CartLine:
    sku: str
    product_id: str
    category_path: tuple[str, ...]
    quantity: int
    list_price: int
    member_price: int | None
    weight_grams: int


@dataclass(frozen=True)
class Adjustment:
    kind: str  # flash_sale | percent_off | member_day | member_discount | nth_item_discount | bundle | ...
    label: str
    amount: int
    promotion_id: str | None = None
    code: str | None = None
