"""Merchandising promotions (ADR 0027): bundles, gifts with purchase, lucky bags and
members-only flash sales. Pure, integer minor units, like domain/pricing.py, which
calls ``apply_bundles`` as its step 1b; gifts and lucky bags act on the priced cart.

- ``bundle``: a set of SKUs (with quantities) at a fixed ``price``. Applied as many
  times as the cart holds the complete set, on units no flash sale priced; the
  discount, (sum of the set's unit prices - bundle price) per set and never negative,
  is allocated to the set's lines by largest remainder. Bundled units take no other
  line promotion; order promotions and coupons apply on top. Bundles are tried the
  best saving per set first (ties by id), each on the units left by the previous.
- ``gift_with_purchase``: a trigger (``threshold``: the scoped lines' totals after line
  promotions reach it; or ``trigger_sku``: every ``trigger_quantity`` units of it) gives
  ``gift_quantity`` units of ``gift_sku`` per trigger (a threshold once), at most
  ``gift_limit`` per order, as a line at price 0, as far as its stock goes.
- ``lucky_bag``: the bag SKU (``sku``) sells at its own price; at checkout each unit
  becomes one SKU of the ``pool``, picked reproducibly from the order id, the bag
  SKU and the unit's index, among the pool SKUs with stock left.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from .pricing_types import Adjustment, CartLine
from .promotions import Promotion

K = TypeVar("K", str, int)
MAX_GIFT_UNITS = 99  # a cart line holds at most 99 units


class Work(Protocol):
    """What a bundle changes of pricing's line in progress (pricing._Work)."""

    line: CartLine
    unit_price: int
    promotable_units: int
    remaining: int
    flash_total: int  # the units priced already: taken by no later line promotion
    adjustments: list[Adjustment]


def shares(amount: int, weights: Mapping[K, int]) -> dict[K, int]:
    """``amount`` spread over ``weights`` in proportion, by largest remainder (ties by
    key): the shares sum to ``amount`` exactly and none exceeds its weight when
    ``amount`` is at most the weights' sum."""
    base = sum(weights.values())
    if base <= 0 or amount <= 0:
        return dict.fromkeys(weights, 0)
    amount = min(amount, base)
    out = {k: amount * w // base for k, w in weights.items()}
    rest = amount - sum(out.values())
    for k in sorted(weights, key=lambda k: (-(amount * weights[k] % base), k))[:rest]:
        out[k] += 1
    return out


def split(amount: int, parts: Sequence[int]) -> list[int]:
    """``amount`` split over ``parts`` (quantities) cumulatively: every share is at
    least 0 and they sum to ``amount``."""
    total = sum(parts)
    out, done, before = [], 0, 0
    for part in parts:
        done += part
        upto = amount * done // total if total else 0
        out.append(upto - before)
        before = upto
    return out


# --- bundles (pricing step 1b) -------------------------------------------------------------
def apply_bundles(work: Iterable[Work], promotions: Sequence[Promotion]) -> None:
    by_sku = {w.line.sku: w for w in work}
    ranked: list[tuple[int, str, Promotion]] = []
    for p in promotions:
        if p.type != "bundle" or p.price is None or not p.items or any(s not in by_sku for s, _ in p.items):
            continue
        saving = sum(by_sku[s].unit_price * q for s, q in p.items) - p.price
        ranked.append((-saving, p.id, p))
    for _, _, p in sorted(ranked):
        assert p.price is not None
        times = min(by_sku[s].promotable_units // q for s, q in p.items if q > 0)
        if times <= 0:
            continue
        values = {s: by_sku[s].unit_price * q * times for s, q in p.items}
        discount = shares(max(0, sum(values.values()) - p.price * times), values)
        for s, q in p.items:
            w = by_sku[s]
            w.promotable_units -= q * times
            w.remaining -= w.unit_price * q * times
            w.flash_total += values[s] - discount[s]
            if discount[s] > 0:
                w.adjustments.append(Adjustment("bundle", p.name, discount[s], p.id))


# --- gifts with purchase --------------------------------------------------------------------
@dataclass(frozen=True)
class Gift:
    promotion_id: str
    sku: str
    product_id: str
    quantity: int


def gifts_for(
    lines: Sequence[tuple[CartLine, int]],  # each cart line with its line total after line promotions
    promotions: Sequence[Promotion],
    available: Mapping[str, int],  # gift SKU -> units available (absent: no such SKU)
) -> tuple[list[Gift], list[dict[str, Any]]]:
    """The gift lines the cart earns, and warnings for those its stock cannot give
    (fully or in part). One line per gift SKU: the promotion giving most units wins
    (ties by id); a gift SKU the cart buys is not given (``gift_sku_in_cart``)."""
    bought = {line.sku for line, _ in lines}
    best: dict[str, tuple[int, str, Promotion]] = {}
    for p in promotions:
        if p.type != "gift_with_purchase" or p.gift_sku is None or p.gift_product_id is None:
            continue
        if p.trigger_sku is not None:
            units = sum(line.quantity for line, _ in lines if line.sku == p.trigger_sku)
            times = units // max(p.trigger_quantity, 1)
        else:
            spend = sum(total for line, total in lines if p.scope.matches(line))
            times = 1 if p.threshold is not None and spend >= p.threshold else 0
        earned = times * p.gift_quantity
        if p.gift_limit is not None:
            earned = min(earned, p.gift_limit)
        earned = min(earned, MAX_GIFT_UNITS)
        current = best.get(p.gift_sku)
        if earned > 0 and (current is None or (-earned, p.id) < (-current[0], current[1])):
            best[p.gift_sku] = (earned, p.id, p)
    gifts: list[Gift] = []
    warnings: list[dict[str, Any]] = []
    for sku in sorted(best):
        earned, _, p = best[sku]
        if sku in bought:
            warnings.append(gift_warning("gift_sku_in_cart", p.id, sku, "The gift is not added: the cart buys it."))
            continue
        given = min(earned, max(available.get(sku, 0), 0))
        if given < earned:
            warnings.append(gift_warning("gift_out_of_stock", p.id, sku, f"Only {given} of {earned} gift(s) left."))
        if given > 0:
            assert p.gift_product_id is not None
            gifts.append(Gift(p.id, sku, p.gift_product_id, given))
    return gifts, warnings


def gift_warning(code: str, promotion_id: str, sku: str, message: str) -> dict[str, Any]:
    return {"code": code, "promotion_id": promotion_id, "sku": sku, "message": message}


def members_only_warnings(
    skus: Iterable[str], promotions: Sequence[Promotion], is_member: bool
) -> list[dict[str, Any]]:
    """Why a non-member sees no flash price: the SKU's members-only flash sale."""
    if is_member:
        return []
    wanted = set(skus)
    return [
        {
            "code": "members_only",
            "promotion_id": p.id,
            "sku": p.sku,
            "message": f"{p.name}: the flash price is for members only.",
        }
        for p in sorted(promotions, key=lambda p: p.id)
        if p.type == "flash_sale" and p.members_only and p.sku in wanted
    ]


# --- lucky bags --------------------------------------------------------------------------------
def pick(
    order_id: str, bag_sku: str, quantity: int, pool: Iterable[str], left: dict[str, int]
) -> dict[str, int] | None:
    """Each of ``quantity`` bag units as one pool SKU, drawn among those with units
    ``left`` (decremented), by a generator seeded with the order id, the bag SKU and
    the unit's index: the same order, bag and stock pick the same. None: the pool ran
    out."""
    picked: dict[str, int] = {}
    candidates = sorted(set(pool))
    for unit in range(quantity):
        stocked = [s for s in candidates if left.get(s, 0) > 0]
        if not stocked:
            return None
        choice = stocked[random.Random(f"{order_id}:{bag_sku}:{unit}").randrange(len(stocked))]  # noqa: S311
        left[choice] -= 1
        picked[choice] = picked.get(choice, 0) + 1
    return picked
