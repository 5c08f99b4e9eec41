"""How the Stripe adapter turns Stripe's answers into domain errors (the HTTP
paths to Stripe are exercised against localstripe in the system tier)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import stripe

from chalicelib.adapters.stripe_gateway import StripeGateway
from chalicelib.domain.errors import PaymentProviderUnavailable, RefundRefused


def gateway_raising(error: Exception) -> StripeGateway:
    def create(**_: object) -> None:
        raise error

    gateway = StripeGateway(settings=None)  # type: ignore[arg-type]
    gateway._client = SimpleNamespace(v1=SimpleNamespace(refunds=SimpleNamespace(create=create)))
    return gateway


def test_a_refund_stripe_refuses_is_refund_refused_with_stripes_message():
    refused = stripe.InvalidRequestError(
        "Charge ch_1 has already been refunded.",
        "charge",
        code="charge_already_refunded",
        json_body={"error": {"message": "Charge ch_1 has already been refunded.", "code": "charge_already_refunded"}},
    )
    with pytest.raises(RefundRefused) as caught:
        gateway_raising(refused).refund("pi_1", 100, "ord_1:refund:cancelled")
    assert str(caught.value) == "Charge ch_1 has already been refunded."
    assert caught.value.code == "refund_refused"


def test_a_refund_stripe_cannot_take_now_stays_retryable():
    with pytest.raises(PaymentProviderUnavailable):
        gateway_raising(stripe.APIConnectionError("timed out")).refund("pi_1", 100, "k")
    with pytest.raises(PaymentProviderUnavailable):
        gateway_raising(stripe.RateLimitError("slow down")).refund("pi_1", 100, "k")
