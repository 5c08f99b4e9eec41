"""Refund records: every movement of money back to a customer, on its order.

A refund is written (``pending``) before the payment provider is called, with an
idempotency key of its own derived from its ``source`` (the after-sale request,
the staff call's Idempotency-Key, the cancellation), so a retry after a lost
answer or a crash never pays twice. ``succeeded`` when the provider took it,
``failed`` when it could not be reached (``retry_refunds`` tries again with the
same key), ``refused`` when it answered no (an exception for customer service).
The provider's ``charge.refunded`` webhook reconciles by amount: what Stripe says
it refunded beyond what the records account for was refunded outside the API
(its dashboard) and is recorded as a succeeded refund of its own (source
``provider:<charge>:<cumulative amount>``). docs/adr/0010-refund-records.md.

A dispute (chargeback) is kept on the order as a ``Dispute``; a lost one is
recorded as a succeeded refund (source ``dispute:<id>``), so settlement and
"what is left to refund" count it like any other money back."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .clock import parse_rfc3339, to_rfc3339

# A pending refund older than this lost its answer (a crash between the provider
# call and the record): retry_refunds takes it again with the same key.
PENDING_GRACE = timedelta(minutes=5)
# Stripe's idempotency keys are at most 255 characters: a staff key longer than
# this is named by its digest ("{order id}:refund:staff:" + 128 stays well inside).
MAX_SOURCE_KEY = 128


@dataclass(frozen=True)
class Refund:
    id: str  # rf_<ulid>
    order_id: str
    amount: int  # lines + shipping + any extra amount
    status: str  # pending | succeeded | failed | refused
    reason: str
    # after_sale:<id> | staff:<idempotency key> | cancelled | late_payment | provider:<charge>:<X> | dispute:<id>
    source: str
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


def _units(refunds: Sequence[Refund], statuses: Collection[str]) -> dict[str, int]:
    """Units (SKU -> quantity) of the refunds in ``statuses``."""
    units: dict[str, int] = {}
    for refund in refunds:
        if refund.status in statuses:
            for sku, quantity in refund.lines.items():
                units[sku] = units.get(sku, 0) + quantity
    return units


def refunded_units(refunds: Sequence[Refund]) -> dict[str, int]:
    """Units that came back with a refund (every refund but a refused one)."""
    return _units(refunds, ("pending", "succeeded", "failed"))


def in_flight(refunds: Sequence[Refund]) -> int:
    """Money promised but not yet taken by the provider (pending or failed refunds)."""
    return sum(r.amount for r in refunds if r.status in ("pending", "failed"))


def shipping_refunded(refunds: Sequence[Refund]) -> bool:
    return any(r.shipping > 0 and r.status != "refused" for r in refunds)


def by_source(refunds: Sequence[Refund], source: str) -> Refund | None:
    return next((r for r in refunds if r.source == source), None)


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


def staff_source(idempotency_key: str) -> str:
    """The source of a staff refund: its Idempotency-Key, or the key's SHA-256 when
    it is too long to fit in the provider's idempotency key."""
    if len(idempotency_key) <= MAX_SOURCE_KEY:
        return f"staff:{idempotency_key}"
    return f"staff:sha256:{hashlib.sha256(idempotency_key.encode()).hexdigest()}"


def retry_due_at(refund: Refund) -> datetime | None:
    """When ``retry_refunds`` may take the refund to the provider again (None: never):
    a failed one at once, a pending one once its first attempt has surely ended."""
    if refund.status == "failed":
        return refund.updated_at or refund.created_at
    if refund.status == "pending":
        return refund.created_at + PENDING_GRACE
    return None


def first_retry_at(refunds: Sequence[Refund]) -> datetime | None:
    """The earliest moment one of the order's refunds is due a retry."""
    dues = [due for r in refunds if (due := retry_due_at(r)) is not None]
    return min(dues) if dues else None


def due_for_retry(refunds: Sequence[Refund], as_of: datetime) -> tuple[Refund, ...]:
    return tuple(r for r in refunds if (due := retry_due_at(r)) is not None and due <= as_of)


def succeeded_units(refunds: Sequence[Refund]) -> dict[str, int]:
    """Units the provider has refunded (what the sales counters no longer count)."""
    return _units(refunds, ("succeeded",))


DISPUTE_OUTCOMES = ("won", "lost")


@dataclass(frozen=True)
class Dispute:
    """A chargeback Stripe reported on the order's payment (charge.dispute.*)."""

    id: str  # Stripe's dp_...
    status: str  # Stripe's: needs_response, under_review, won, lost, warning_closed...
    reason: str
    amount: int
    opened_at: datetime
    evidence_due_by: datetime | None = None
    outcome: str | None = None  # won | lost, once closed
    closed_at: datetime | None = None


def dispute_to_dict(dispute: Dispute) -> dict[str, Any]:
    return {
        "id": dispute.id,
        "status": dispute.status,
        "reason": dispute.reason,
        "amount": dispute.amount,
        "opened_at": to_rfc3339(dispute.opened_at),
        "evidence_due_by": to_rfc3339(dispute.evidence_due_by) if dispute.evidence_due_by else None,
        "outcome": dispute.outcome,
        "closed_at": to_rfc3339(dispute.closed_at) if dispute.closed_at else None,
    }


def dispute_from_dict(data: dict[str, Any]) -> Dispute:
    return Dispute(
        id=data["id"],
        status=data["status"],
        reason=data.get("reason") or "",
        amount=int(data.get("amount") or 0),
        opened_at=parse_rfc3339(data["opened_at"]),
        evidence_due_by=parse_rfc3339(data["evidence_due_by"]) if data.get("evidence_due_by") else None,
        outcome=data.get("outcome"),
        closed_at=parse_rfc3339(data["closed_at"]) if data.get("closed_at") else None,
    )
