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


class _Retrieved(dict):  # type: ignore[type-arg]
    def to_dict(self) -> dict:  # type: ignore[type-arg]
        return dict(self)


def gateway_answering(pi: dict, calls: list) -> StripeGateway:  # type: ignore[type-arg]
    def retrieve(*args: object, **kwargs: object) -> _Retrieved:
        calls.append((args, kwargs))
        return _Retrieved(pi)

    gateway = StripeGateway(settings=None)  # type: ignore[arg-type]
    gateway._client = SimpleNamespace(v1=SimpleNamespace(payment_intents=SimpleNamespace(retrieve=retrieve)))
    return gateway


def test_settlement_reads_captured_amount_and_fee_in_one_expanded_get():
    calls: list = []  # type: ignore[type-arg]
    pi = {
        "id": "pi_1",
        "amount_received": 5000,
        "latest_charge": {"id": "ch_1", "balance_transaction": {"id": "txn_1", "fee": 175}},
    }
    assert gateway_answering(pi, calls).payment_facts("pi_1") == (5000, 175)
    assert calls == [(("pi_1",), {"params": {"expand": ["latest_charge.balance_transaction"]}})]


def test_settlement_facts_stripe_cannot_tell_are_none():
    calls: list = []  # type: ignore[type-arg]
    no_charge = {"id": "pi_1", "amount_received": 0, "latest_charge": None}
    assert gateway_answering(no_charge, calls).payment_facts("pi_1") == (0, None)
    unexpanded = {"id": "pi_1", "amount_received": 900, "latest_charge": {"id": "ch_1", "balance_transaction": "txn_1"}}
    assert gateway_answering(unexpanded, calls).payment_facts("pi_1") == (900, None)
    no_txn = {"id": "pi_1", "latest_charge": {"id": "ch_1", "balance_transaction": None}}
    assert gateway_answering(no_txn, calls).payment_facts("pi_1") == (None, None)
    assert len(calls) == 3  # one GET each


def test_settlement_facts_of_an_unknown_payment_are_nothing_captured():
    def retrieve(*_: object, **__: object) -> None:
        raise stripe.InvalidRequestError("No such payment_intent", "id")

    gateway = StripeGateway(settings=None)  # type: ignore[arg-type]
    gateway._client = SimpleNamespace(v1=SimpleNamespace(payment_intents=SimpleNamespace(retrieve=retrieve)))
    assert gateway.payment_facts("pi_missing") == (0, None)


def test_settlement_facts_when_stripe_is_unreachable_raise_for_the_estimated_fee():
    def retrieve(*_: object, **__: object) -> None:
        raise stripe.APIConnectionError("timed out")

    gateway = StripeGateway(settings=None)  # type: ignore[arg-type]
    gateway._client = SimpleNamespace(v1=SimpleNamespace(payment_intents=SimpleNamespace(retrieve=retrieve)))
    with pytest.raises(PaymentProviderUnavailable):
        gateway.payment_facts("pi_1")
