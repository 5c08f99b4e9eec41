"""Stripe: PaymentIntents and refunds. stripe is imported here only, on first use."""

from __future__ import annotations

from typing import Any

from ..domain.errors import PaymentFailed, PaymentProviderUnavailable, RefundRefused
from ..services.ports import PaymentIntent
from ..settings import Settings


class StripeGateway:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client: Any = None

    def _stripe(self) -> Any:
        if self._client is None:
            import stripe

            base = {"api": self.settings.stripe_api_base} if self.settings.stripe_api_base else None
            self._client = stripe.StripeClient(
                self.settings.stripe_api_key,
                base_addresses=base,  # type: ignore[arg-type]
                http_client=stripe.RequestsClient(timeout=self.settings.stripe_timeout_seconds),
                max_network_retries=2,
            )
        return self._client

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        import stripe

        try:
            return fn(*args, **kwargs)
        except (stripe.APIConnectionError, stripe.RateLimitError) as error:
            raise PaymentProviderUnavailable("The payment provider is unreachable; retry shortly.") from error
        except stripe.APIError as error:  # Stripe's 5xx
            raise PaymentProviderUnavailable("The payment provider failed; retry shortly.") from error
        except stripe.CardError as error:
            raise PaymentFailed(str(error.user_message or "The payment was declined.")) from error

    @staticmethod
    def _intent(pi: Any) -> PaymentIntent:
        return PaymentIntent(
            id=pi["id"],
            client_secret=pi["client_secret"],
            status=pi["status"],
            amount=int(pi["amount"]),
            currency=str(pi["currency"]).upper(),
        )

    def create_payment_intent(
        self, order_id: str, amount: int, currency: str, customer_id: str, idempotency_key: str
    ) -> PaymentIntent:
        client = self._stripe()
        pi = self._call(
            client.v1.payment_intents.create,
            params={
                "amount": amount,
                "currency": currency.lower(),
                "payment_method_types": list(self.settings.payment_method_types),
                "metadata": {"order_id": order_id, "customer_id": customer_id},
            },
            options={"idempotency_key": idempotency_key},
        )
        return self._intent(pi)

    def retrieve_payment_intent(self, payment_intent_id: str) -> PaymentIntent:
        return self._intent(self._call(self._stripe().v1.payment_intents.retrieve, payment_intent_id))

    def cancel_payment_intent(self, payment_intent_id: str, idempotency_key: str) -> str:
        import stripe

        client = self._stripe()
        try:
            pi = self._call(
                client.v1.payment_intents.cancel, payment_intent_id, options={"idempotency_key": idempotency_key}
            )
        except stripe.InvalidRequestError:
            # Already succeeded or cancelled: report what it is now.
            return str(self.retrieve_payment_intent(payment_intent_id).status)
        return str(pi["status"])

    def refund(self, payment_intent_id: str, amount: int, idempotency_key: str) -> str:
        import stripe

        try:
            refund = self._call(
                self._stripe().v1.refunds.create,
                params={"payment_intent": payment_intent_id, "amount": amount},
                options={"idempotency_key": idempotency_key},
            )
        except stripe.InvalidRequestError as error:  # answered, and refused: a retry gets the same answer
            raise RefundRefused(str(error.user_message or error)) from error
        return str(refund["id"])

    # --- membership: a saved card, charged again off-session -----------------------------------
    def ensure_customer(self, customer_id: str, idempotency_key: str) -> str:
        created = self._call(
            self._stripe().v1.customers.create,
            params={"metadata": {"customer_id": customer_id}},
            options={"idempotency_key": idempotency_key},
        )
        return str(created["id"])

    def attach_payment_method(self, payment_method_id: str, stripe_customer_id: str) -> None:
        import stripe

        client = self._stripe()
        try:
            self._call(client.v1.payment_methods.attach, payment_method_id, params={"customer": stripe_customer_id})
        except stripe.InvalidRequestError as error:
            if "already been attached" in str(error) or "already attached" in str(error):
                return
            raise PaymentFailed(str(error.user_message or "That payment method cannot be used.")) from error

    def create_intent(
        self,
        amount: int,
        currency: str,
        stripe_customer_id: str,
        payment_method_id: str,
        metadata: dict[str, str],
        idempotency_key: str,
        off_session: bool = False,
    ) -> PaymentIntent:
        params: dict[str, Any] = {
            "amount": amount,
            "currency": currency.lower(),
            "customer": stripe_customer_id,
            "payment_method": payment_method_id,
            "payment_method_types": ["card"],
            "metadata": metadata,
        }
        if off_session:
            params.update(off_session=True, confirm=True)
        pi = self._call(
            self._stripe().v1.payment_intents.create, params=params, options={"idempotency_key": idempotency_key}
        )
        return self._intent(pi)

    # --- settlement -------------------------------------------------------------------------
    def payment_facts(self, payment_intent_id: str) -> tuple[int | None, int | None]:
        """(amount captured, Stripe's fee) in one GET: the PaymentIntent with its
        latest charge's balance transaction expanded; None for what Stripe cannot
        tell (no charge yet, no balance transaction, an unexpanded id)."""
        import stripe

        try:
            pi = self._call(
                self._stripe().v1.payment_intents.retrieve,
                payment_intent_id,
                params={"expand": ["latest_charge.balance_transaction"]},
            ).to_dict()
        except stripe.InvalidRequestError:
            return 0, None  # Stripe knows no such payment: reconciliation flags it
        return facts_of(pi)


def facts_of(pi: dict[str, Any]) -> tuple[int | None, int | None]:
    """(captured, fee) from a PaymentIntent whose ``latest_charge.balance_transaction``
    was expanded."""
    captured = int(pi["amount_received"]) if pi.get("amount_received") is not None else None
    charge = pi.get("latest_charge")
    txn = charge.get("balance_transaction") if isinstance(charge, dict) else None
    fee = txn.get("fee") if isinstance(txn, dict) else None
    return captured, int(fee) if fee is not None else None
