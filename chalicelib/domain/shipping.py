"""Shipping templates: a fee for the first weight and each further step,
overridden by region (province), free over an amount except in some provinces.
Whether a cart ships free: domain/pricing.py."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RegionRate:
    provinces: frozenset[str]
    first_fee: int
    additional_fee: int


@dataclass(frozen=True)
class ShippingTemplate:
    id: str
    name: str
    first_weight_grams: int
    first_fee: int
    additional_weight_grams: int
    additional_fee: int
    free_over: int | None = None
    regions: tuple[RegionRate, ...] = ()
    no_free_shipping_provinces: frozenset[str] = frozenset()


def shipping_fee(template: ShippingTemplate, weight_grams: int, province: str | None) -> int:
    first_fee, additional_fee = template.first_fee, template.additional_fee
    if province is not None:
        for region in template.regions:
            if province in region.provinces:
                first_fee, additional_fee = region.first_fee, region.additional_fee
                break
    extra = max(0, weight_grams - template.first_weight_grams)
    step = max(1, template.additional_weight_grams)
    return first_fee + -(-extra // step) * additional_fee
