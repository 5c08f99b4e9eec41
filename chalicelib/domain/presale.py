"""Presale (预售) with a deposit and a balance (ADR 0026): what a ``presale``
promotion offers, what a presale order carries, how its line is priced, what
each of its two payments is, and how a refund is split over them.

The customer pays the ``deposit`` per unit in the promotion's deposit window
(its starts_at..ends_at), worth ``deposit_value`` per unit off the final
``price`` (定金膨胀: pay 50, worth 100); then, in the balance window, the
balance: ``(price - deposit_value) x quantity + shipping``. The order's total
is what the customer pays in all, deposit plus balance: the line is priced at
``price`` with a ``presale`` adjustment of ``(deposit_value - deposit) x
quantity``. A presale line takes no other promotion and no coupon, and a
presale order holds its presale line only (checkout refuses anything else). How a cart is priced
under a presale: domain/presale_pricing.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .clock import parse_rfc3339, to_rfc3339


@dataclass(frozen=True)
class PresaleRule:
    """What a ``presale`` promotion adds to its ``sku`` and ``price`` (the final unit price)."""

    deposit: int  # per unit, paid at checkout
    deposit_value: int  # per unit, what the deposit is worth off the final price (>= deposit)
    balance_starts_at: datetime
    balance_ends_at: datetime
    # An unpaid balance when the balance window closes: the order is cancelled, its stock
    # released; the deposit is kept (False, the default: 定金不退) or refunded (True).
    deposit_refundable: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "deposit": self.deposit,
            "deposit_value": self.deposit_value,
            "balance_starts_at": to_rfc3339(self.balance_starts_at),
            "balance_ends_at": to_rfc3339(self.balance_ends_at),
            "deposit_refundable": self.deposit_refundable,
        }

    @staticmethod
    def from_json(data: dict[str, Any] | None) -> PresaleRule | None:
        if not data:
            return None
        return PresaleRule(
            deposit=int(data["deposit"]),
            deposit_value=int(data["deposit_value"]),
            balance_starts_at=parse_rfc3339(data["balance_starts_at"]),
            balance_ends_at=parse_rfc3339(data["balance_ends_at"]),
            deposit_refundable=bool(data.get("deposit_refundable", False)),
        )


@dataclass(frozen=True)
class PresaleTerms:
    """A presale order's two payments. ``Order.payment_intent_id`` is the deposit's
    intent; the balance's is recorded here once the customer asks for it."""

    promotion_id: str
    deposit: int  # the order's deposit: per-unit deposit x quantity
    balance: int  # total - deposit: (price - deposit_value) x quantity + shipping
    balance_starts_at: datetime
    balance_ends_at: datetime
    deposit_refundable: bool = False
    balance_intent_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "promotion_id": self.promotion_id,
            "deposit": self.deposit,
            "balance": self.balance,
            "balance_starts_at": to_rfc3339(self.balance_starts_at),
            "balance_ends_at": to_rfc3339(self.balance_ends_at),
            "deposit_refundable": self.deposit_refundable,
            "balance_intent_id": self.balance_intent_id,
        }

    @staticmethod
    def from_json(data: dict[str, Any] | None) -> PresaleTerms | None:
        if not data:
            return None
        return PresaleTerms(
            promotion_id=str(data["promotion_id"]),
            deposit=int(data["deposit"]),
            balance=int(data["balance"]),
            balance_starts_at=parse_rfc3339(data["balance_starts_at"]),
            balance_ends_at=parse_rfc3339(data["balance_ends_at"]),
            deposit_refundable=bool(data.get("deposit_refundable", False)),
            balance_intent_id=data.get("balance_intent_id"),
        )

    def window(self, now: datetime) -> str:
        """Where ``now`` is against the balance window: not_open | open | closed."""
        if now < self.balance_starts_at:
            return "not_open"
        return "open" if now < self.balance_ends_at else "closed"


def terms_for(promotion_id: str, rule: PresaleRule, quantity: int, total: int) -> PresaleTerms:
    """A presale order's terms: ``quantity`` units of the promotion's SKU, ``total`` in all."""
    deposit = rule.deposit * quantity
    return PresaleTerms(
        promotion_id=promotion_id,
        deposit=deposit,
        balance=total - deposit,
        balance_starts_at=rule.balance_starts_at,
        balance_ends_at=rule.balance_ends_at,
        deposit_refundable=rule.deposit_refundable,
    )


def expected_amount(terms: PresaleTerms | None, total: int, intent_id: str | None) -> int:
    """What a payment intent of the order is for: the balance's, the balance; the
    deposit's, the deposit; an ordinary order's, its total."""
    if terms is None:
        return total
    if intent_id is not None and intent_id == terms.balance_intent_id:
        return terms.balance
    return terms.deposit


def refund_split(terms: PresaleTerms, amount_paid: int, refunded_before: int, amount: int) -> tuple[int, int]:
    """A refund of ``amount`` over the two payments: (from the balance, from the
    deposit). The balance is refunded first, then the deposit: ``refunded_before``
    (what earlier refunds took) came off the balance first too."""
    balance_paid = max(0, amount_paid - terms.deposit)
    from_balance = max(0, min(amount, balance_paid - refunded_before))
    return from_balance, amount - from_balance
