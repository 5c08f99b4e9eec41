"""Refund records: every movement of money back to a customer, on its order.

A refund is written (``pending``) before the payment provider is called, with an
idempotency key of its own derived from its ``source`` (the after-sale request,
the staff call's Idempotency-Key, the cancellation), so a retry after a lost
answer or a crash never pays twice. ``succeeded`` when the provider took it,
``failed`` when it could not be reached (``retry_refunds`` tries again with the
same key), ``refused`` when it answered no (an exception for customer service).
The provider's ``charge.refunded`` webhook reconciles by provider refund id."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

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
