"""A ``presale`` promotion's own fields, checked (ADR 0026): the deposit, what it
is worth, the balance window and the rule for an unpaid balance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.errors import ErrorList
from ..domain.money import Money
from ..domain.presale import PresaleRule

PRESALE_FIELDS = ("deposit", "deposit_value", "balance_starts_at", "balance_ends_at")


@dataclass(frozen=True)
class PresaleSpec:
    deposit: Money | None = None
    deposit_value: Money | None = None
    balance_starts_at: datetime | None = None
    balance_ends_at: datetime | None = None
    deposit_refundable: bool = False

    @staticmethod
    def of(rule: PresaleRule | None, currency: str) -> PresaleSpec | None:
        if rule is None:
            return None
        return PresaleSpec(
            Money(rule.deposit, currency),
            Money(rule.deposit_value, currency),
            rule.balance_starts_at,
            rule.balance_ends_at,
            rule.deposit_refundable,
        )


def presale_rule(
    kind: str, spec: PresaleSpec | None, price: Money | None, ends_at: datetime, currency: str, errors: ErrorList
) -> PresaleRule | None:
    """The promotion's presale rule (None for another type, which must not have one).
    Field codes: ``required``, ``not_applicable``, ``currency_mismatch``,
    ``out_of_range`` (a deposit or price below 1), ``below_deposit`` (deposit_value
    under the deposit), ``above_price`` (deposit_value over the final price),
    ``before_deposit_ends`` (the balance window opens before the deposit window
    closes), ``before_balance_starts`` (the balance window ends before it opens)."""
    if kind != "presale":
        if spec is not None:
            for name in (*PRESALE_FIELDS, "deposit_refundable"):
                errors.add(name, "not_applicable", f"A {kind} promotion has no {name}.")
        return None
    spec = spec or PresaleSpec()
    for name in PRESALE_FIELDS:
        if getattr(spec, name) is None:
            errors.add(name, "required", f"A presale promotion needs {name}.")
    for name, money in (("deposit", spec.deposit), ("deposit_value", spec.deposit_value), ("price", price)):
        if money is not None and money.currency != currency:
            errors.add(f"{name}.currency", "currency_mismatch", f"The store sells in {currency}.")
        if money is not None and money.amount < 1:
            errors.add(name, "out_of_range", f"{name} is at least 1.")
    if spec.deposit is not None and spec.deposit_value is not None:
        if spec.deposit_value.amount < spec.deposit.amount:
            errors.add("deposit_value", "below_deposit", "deposit_value is at least the deposit.")
        if price is not None and spec.deposit_value.amount > price.amount:
            errors.add("deposit_value", "above_price", "deposit_value is at most the final price.")
    if spec.balance_starts_at is not None and spec.balance_starts_at < ends_at:
        errors.add("balance_starts_at", "before_deposit_ends", "The balance window opens after the deposit window.")
    starts, ends = spec.balance_starts_at, spec.balance_ends_at
    if starts is not None and ends is not None and ends <= starts:
        errors.add("balance_ends_at", "before_balance_starts", "balance_ends_at is after balance_starts_at.")
    if errors.items or spec.deposit is None or spec.deposit_value is None:
        return None
    assert spec.balance_starts_at is not None and spec.balance_ends_at is not None
    return PresaleRule(
        deposit=spec.deposit.amount,
        deposit_value=spec.deposit_value.amount,
        balance_starts_at=spec.balance_starts_at,
        balance_ends_at=spec.balance_ends_at,
        deposit_refundable=spec.deposit_refundable,
    )
