"""Refund records: every movement of money back to a customer, on its order.

A refund is written (``pending``) before the payment provider is called, with an
idempotency key of its own derived from its ``source`` (the after-sale request,
the staff call's Idempotency-Key, the cancellation), so a retry after a lost
answer or a crash never pays twice. ``succeeded`` when the provider took it,
``failed`` when it could not be reached (``retry_refunds`` tries again with the
same key), ``refused`` when it answered no (an exception for customer service).
The provider's ``charge.refunded`` webhook reconciles by provider refund id."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .clock import parse_rfc3339, to_rfc3339

REFUND_STATUSES = ("pending", "succeeded", "failed", "refused")
# Money that has left or is on its way: counts against what can still be refunded.
COMMITTED = frozenset({"pending", "succeeded", "failed"})


@dataclass(frozen=True)
class Refund:
    id: str  # rf_<ulid>
    order_id: str
    amount: int  # lines + shipping + any extra amount
    status: str  # pending | succeeded | failed | refused
    reason: str
    source: str  # after_sale:<as id> | staff:<idempotency key> | cancellation | dispute:<id>
    created_at: datetime
    lines: dict[str, int] = field(default_factory=dict)  # sku -> units refunded
    line_amounts: dict[str, int] = field(default_factory=dict)  # sku -> amount for those units
    shipping: int = 0
    actor: str = "system"
    provider_refund_id: str | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class RefundRequest:
    """What a caller asks to give back. ``lines`` are units (their share of what was
    paid, see refund_allocation); ``amount`` an extra sum (goodwill, price
    protection); ``include_shipping`` the shipping fee when not refunded yet.
    ``source`` names the refund: asking again with the same source returns the
    refund already made instead of a second one."""

    order_id: str
    source: str
    reason: str
    actor: str
    lines: dict[str, int] = field(default_factory=dict)
    amount: int = 0
    include_shipping: bool = False
    seller_fault: bool = False


def refunded_units(refunds: Sequence[Refund]) -> dict[str, int]:
    """Units that came back with a refund (every refund but a refused one)."""
    units: dict[str, int] = {}
    for refund in refunds:
        if refund.status == "refused":
            continue
        for sku, quantity in refund.lines.items():
            units[sku] = units.get(sku, 0) + quantity
    return units


def in_flight(refunds: Sequence[Refund]) -> int:
    """Money promised but not yet taken by the provider (pending or failed refunds)."""
    return sum(r.amount for r in refunds if r.status in ("pending", "failed"))


def shipping_refunded(refunds: Sequence[Refund]) -> bool:
    return any(r.shipping > 0 and r.status != "refused" for r in refunds)


def by_source(refunds: Sequence[Refund], source: str) -> Refund | None:
    return next((r for r in refunds if r.source == source), None)


def owed(refunds: Sequence[Refund]) -> tuple[Refund, ...]:
    """Refunds still to be taken to the provider (retried by ``retry_refunds``)."""
    return tuple(r for r in refunds if r.status in ("pending", "failed"))


def refund_to_dict(refund: Refund) -> dict[str, Any]:
    return {
        "id": refund.id,
        "order_id": refund.order_id,
        "amount": refund.amount,
        "status": refund.status,
        "reason": refund.reason,
        "source": refund.source,
        "created_at": to_rfc3339(refund.created_at),
        "lines": dict(refund.lines),
        "line_amounts": dict(refund.line_amounts),
        "shipping": refund.shipping,
        "actor": refund.actor,
        "provider_refund_id": refund.provider_refund_id,
        "updated_at": to_rfc3339(refund.updated_at) if refund.updated_at else None,
    }


def refund_from_dict(data: dict[str, Any]) -> Refund:
    return Refund(
        id=data["id"],
        order_id=data["order_id"],
        amount=int(data["amount"]),
        status=data["status"],
        reason=data["reason"],
        source=data["source"],
        created_at=parse_rfc3339(data["created_at"]),
        lines={sku: int(q) for sku, q in (data.get("lines") or {}).items()},
        line_amounts={sku: int(a) for sku, a in (data.get("line_amounts") or {}).items()},
        shipping=int(data.get("shipping") or 0),
        actor=data.get("actor") or "system",
        provider_refund_id=data.get("provider_refund_id"),
        updated_at=parse_rfc3339(data["updated_at"]) if data.get("updated_at") else None,
    )
