"""The shape of a Stripe event, checked before any of it is used: only the
fields the payment and membership services read, each with its type and bounds
(Stripe sends many more; they are let through unread).

A body without a string ``id`` and ``type`` is not a Stripe event (400). A
correctly signed event whose object has other types for the fields we read is
acknowledged as ``ignored`` and recorded, so that Stripe stops retrying it, and
nothing is applied."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

# Stripe's ids (evt_…, pi_…, ch_…) are short ASCII words; ours in metadata too.
StripeId = Field(default=None, min_length=1, max_length=255, pattern=r"^[A-Za-z0-9_-]+$")
AMOUNT = Field(default=None, ge=0, le=10**12)  # minor units, the bound of MoneyIn


class StripeShape(BaseModel):
    model_config = ConfigDict(strict=True, extra="allow", defer_build=True)


class StripeEnvelopeIn(StripeShape):
    """What makes a body a Stripe event at all."""

    id: str = Field(min_length=1, max_length=255, pattern=r"^[A-Za-z0-9_-]+$")
    type: str = Field(min_length=1, max_length=100, pattern=r"^[a-z0-9_.]+$")


class StripeMetadataIn(StripeShape):
    order_id: str | None = StripeId
    kind: str | None = Field(default=None, max_length=50)
    customer_id: str | None = StripeId
    plan_id: str | None = StripeId
    period: str | None = Field(default=None, pattern=r"^[0-9]{1,6}$")
    purpose: str | None = Field(default=None, max_length=50)


class StripePaymentErrorIn(StripeShape):
    message: str | None = Field(default=None, max_length=5000)


class StripeEvidenceDetailsIn(StripeShape):
    due_by: int | None = Field(default=None, ge=0, le=253402300799)  # unix seconds, up to 9999-12-31


class StripeObjectIn(StripeShape):
    """``data.object``: a PaymentIntent, a Charge or a Dispute."""

    id: str | None = StripeId
    metadata: StripeMetadataIn | None = None
    amount: int | None = AMOUNT
    amount_received: int | None = AMOUNT
    amount_refunded: int | None = AMOUNT
    currency: str | None = Field(default=None, pattern=r"^[A-Za-z]{3}$")
    payment_intent: str | None = StripeId
    last_payment_error: StripePaymentErrorIn | None = None
    reason: str | None = Field(default=None, max_length=5000)
    status: str | None = Field(default=None, max_length=100)
    evidence_details: StripeEvidenceDetailsIn | None = None  # a Dispute's: its evidence deadline


class StripeDataIn(StripeShape):
    object: StripeObjectIn


class StripeEventIn(StripeEnvelopeIn):
    data: StripeDataIn
