"""The promotion report's rules (ADR 0028): what an order took from each promotion
and coupon (carried on order events as ``data.promotions``), and how paid orders and
refunds add up in the read model the promotion-reports worker keeps.

- An order counts for a promotion (or coupon) when it took a discount from it; it
  counts once, on ``order.paid``: one order, the units the promotion priced (a line
  promotion's lines, a flash sale's or first_n's flash-priced units; an order
  discount's (spend threshold, coupon): the units of the lines it was spread over),
  the order's GMV (its lines' ``payable``: goods after every discount, no shipping)
  and the discount given.
- Refunds: every ``order.refunded`` of such an order that refunds more than the
  report saw (by the order's cumulative ``refunded``) counts one refund of the
  amount added. Refunds never give budget back; a cancelled unpaid order does
  (its budget spend is released with its stock), and was never counted here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

REPORT_EVENTS = frozenset({"order.paid", "order.refunded"})
FLASH_KINDS = ("flash_sale", "first_n")


@dataclass(frozen=True)
class Take:
    """What one order took from one promotion (``kind`` promotion) or coupon."""

    kind: str
    id: str
    discount: int
    units: int

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "discount": self.discount, "units": self.units}

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> Take:
        return Take(str(data["kind"]), str(data["id"]), int(data["discount"]), int(data["units"]))


def takes(lines: Iterable[Any], discounts: Iterable[Mapping[str, Any]]) -> list[Take]:
    """An order's takes, from its lines (``OrderLine``) and its order discounts."""
    lines = list(lines)
    money: dict[tuple[str, str], int] = {}
    units: dict[tuple[str, str], int] = {}

    def add(key: tuple[str, str], amount: int, n: int) -> None:
        money[key] = money.get(key, 0) + amount
        units[key] = units.get(key, 0) + n

    for line in lines:
        for a in line.adjustments:
            if a.get("promotion_id"):
                n = line.flash_units if a.get("type") in FLASH_KINDS else line.quantity
                add(("promotion", a["promotion_id"]), int(a["amount"]), n)
        if line.flash_promotion_id and line.flash_units == line.quantity:  # the whole line at that price
            add(
                ("promotion", line.flash_promotion_id),
                max(0, line.list_price - line.unit_price) * line.quantity,
                line.quantity,
            )
    spread = sum(line.quantity for line in lines if line.order_discount > 0)
    for d in discounts:
        if d.get("promotion_id"):
            add(("promotion", str(d["promotion_id"])), int(d["amount"]), spread)
        elif d.get("type") == "coupon" and d.get("code"):
            add(("coupon", str(d["code"])), int(d["amount"]), spread)
    return [Take(kind, key, money[(kind, key)], units[(kind, key)]) for kind, key in sorted(money)]


@dataclass(frozen=True)
class Tally:
    """A promotion's or coupon's report figures (the read model)."""

    orders: int = 0
    units: int = 0
    gmv: int = 0
    discount: int = 0
    refunds: int = 0
    refunded: int = 0
    as_of: str | None = None  # the occurred_at of the last event applied
