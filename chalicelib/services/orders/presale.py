"""Presale orders (ADR 0026): checkout turns a presale cart into a
``deposit_pending`` order whose PaymentIntent is the deposit's; the deposit paid
makes it ``balance_due`` (stock still reserved); in the balance window the
customer asks for the balance's PaymentIntent (``balance_payment``), and its
payment makes the order ``paid``, into the usual flow. A ``balance_due`` order
still unpaid when the window closes is cancelled by ``close_unpaid_balances``:
its stock released, its deposit kept or refunded per the promotion's rule."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime

from ...domain.error_codes import CheckoutErrorCode
from ...domain.errors import Conflict, FieldError, NotFound, PaymentProviderUnavailable, ValidationFailed
from ...domain.orders import Order, note, order_event, transition
from ...domain.presale import terms_for
from ...domain.presale_pricing import presale_of
from ...domain.promotions import Promotion
from ...domain.refunds import RefundRequest, by_source, in_flight
from ..carts import CartView
from ..ports import OrderChange, PaymentGateway, PaymentIntent
from ..refunds import RefundService, with_refund
from .changes import OrderChanges
from .payment_events import PaymentEventService

log = logging.getLogger("commerce.orders.presale")

DEPOSIT_REFUND = "presale_deposit"  # the source of an unpaid balance's deposit refund


def presale_for(view: CartView, now: datetime) -> Promotion | None:
    """The presale a cart checks out under (None: an ordinary cart). A presale order
    holds its presale line only: one presale, one SKU; anything else is 422
    ``presale_mixed_cart``."""
    presale_lines = [line for line in view.priced.lines if line.price_source == "presale"]
    if not presale_lines:
        return None
    if len(view.priced.lines) > 1:
        raise ValidationFailed(
            "A presale item is checked out on its own: put the other items in another order.",
            [FieldError("cart_id", "presale_mixed_cart", "One presale SKU per order, and nothing else.")],
            code=CheckoutErrorCode.PRESALE_MIXED_CART,
        )
    promotion = presale_of([p for p in view.promotions if p.is_active(now)], presale_lines[0].sku)
    assert promotion is not None  # priced as a presale: its promotion is among the cart's
    return promotion


def as_presale(order: Order, promotion: Promotion | None) -> Order:
    """The order checkout placed, as a presale order when ``promotion`` is one."""
    if promotion is None:
        return order
    quantity = sum(line.quantity for line in order.lines)
    assert promotion.presale is not None
    terms = terms_for(promotion.id, promotion.presale, quantity, order.total)
    return replace(order, status="deposit_pending", presale=terms)


def intent_amount(order: Order) -> int:
    """What checkout's PaymentIntent charges: the deposit of a presale order, else the total."""
    return order.presale.deposit if order.presale is not None else order.total


@dataclass(frozen=True)
class BalancePayment:
    order: Order
    payment: PaymentIntent


class PresaleOrders:
    def __init__(
        self,
        changes: OrderChanges,
        gateway: PaymentGateway,
        payments: PaymentEventService,
        refunds: RefundService,
    ) -> None:
        self.changes = changes
        self.orders = changes.orders
        self.gateway = gateway
        self.payments = payments
        self.refunds = refunds

    def balance_payment(self, customer_id: str, order_id: str) -> BalancePayment:
        """The balance's PaymentIntent of the customer's presale order (another
        customer's is 404), created once (Stripe key ``<order_id>:balance_intent``)
        and recorded on the order; asked again, the same intent. Only a
        ``balance_due`` order (409 ``balance_not_due``) in its balance window (409
        ``balance_window_not_open`` / ``balance_window_closed``)."""
        order = self.changes.get(order_id)
        if order.customer_id != customer_id:
            raise NotFound(f"No order {order_id}.")
        terms = order.presale
        if terms is None or order.status != "balance_due":
            raise _not_due(order)
        window = terms.window(self.changes.clock.now())
        if window != "open":
            code = (
                CheckoutErrorCode.BALANCE_WINDOW_NOT_OPEN
                if window == "not_open"
                else CheckoutErrorCode.BALANCE_WINDOW_CLOSED
            )
            raise Conflict(
                f"The balance is paid from {terms.balance_starts_at.isoformat()} "
                f"until {terms.balance_ends_at.isoformat()}.",
                code=code,
            )
        if terms.balance_intent_id is not None:
            return BalancePayment(order, self.gateway.retrieve_payment_intent(terms.balance_intent_id))
        intent = self.gateway.create_payment_intent(
            order.id, terms.balance, order.currency, order.customer_id, idempotency_key=f"{order.id}:balance_intent"
        )

        def decide(current: Order) -> tuple[Order, OrderChange] | None:
            if current.presale is None or current.presale.balance_intent_id is not None:
                return None
            if current.status != "balance_due":  # closed meanwhile: this intent must never be paid
                raise _not_due(current)
            now = self.changes.clock.now()
            noted = replace(
                current,
                presale=replace(current.presale, balance_intent_id=intent.id),
                updated_at=now,
            )
            noted = note(noted, now, "balance_payment", f"customer:{customer_id}", "balance payment started")
            return noted, OrderChange(payment_intent=intent.id)

        try:
            saved = self.changes.change(order.id, decide)
        except Conflict as error:
            if error.code == CheckoutErrorCode.BALANCE_NOT_DUE:  # (the same intent for every caller: Stripe's key)
                self.gateway.cancel_payment_intent(intent.id, f"{order.id}:balance_abandoned")
            raise
        assert saved.presale is not None
        if saved.presale.balance_intent_id != intent.id and saved.presale.balance_intent_id is not None:
            intent = self.gateway.retrieve_payment_intent(saved.presale.balance_intent_id)
        return BalancePayment(saved, intent)

    def close_unpaid_balances(self, as_of: datetime, batch: int = 100) -> dict[str, int]:
        """``balance_due`` orders whose balance window closed by ``as_of``: the balance's
        PaymentIntent (if any) is cancelled first, and one that succeeded meanwhile is
        recorded as paid; otherwise the order is cancelled (reason ``balance unpaid``),
        its stock released, its deposit kept, or refunded when the promotion's
        ``deposit_refundable``; event ``order.cancelled``."""
        summary = {"examined": 0, "cancelled": 0, "deposits_kept": 0, "deposits_refunded": 0}
        summary |= {"paid_meanwhile": 0, "processing": 0, "skipped": 0}
        for order in self.orders.due_balance(as_of, batch):
            summary["examined"] += 1
            try:
                outcome = self._close(order, as_of)
            except Exception:  # noqa: BLE001 - one order's failure must not stop the others
                log.exception(
                    "closing a presale order failed", extra={"event": "presale_close_failed", "order_id": order.id}
                )
                outcome = "skipped"
            summary[outcome] += 1
            if outcome == "cancelled":
                assert order.presale is not None
                summary["deposits_refunded" if order.presale.deposit_refundable else "deposits_kept"] += 1
        return summary

    def _close(self, order: Order, as_of: datetime) -> str:
        terms = order.presale
        assert terms is not None
        if terms.balance_intent_id:
            try:
                status = self.gateway.cancel_payment_intent(terms.balance_intent_id, f"{order.id}:balance_expire")
                if status == "succeeded":
                    intent = self.gateway.retrieve_payment_intent(terms.balance_intent_id)
                    facts = {"id": intent.id, "amount": intent.amount, "currency": intent.currency}
                    self.payments.record_succeeded(order.id, facts)
                    return "paid_meanwhile"
            except PaymentProviderUnavailable:
                return "skipped"
            if status != "canceled":
                return "processing"

        moved = [False]  # by this run: an overlapping run may have got there first
        refund_due = []

        def decide(current: Order) -> tuple[Order, OrderChange] | None:
            # A balance intent asked for after this run read the order is left to the next run (it cancels it first).
            asked = current.presale is not None and current.presale.balance_intent_id != terms.balance_intent_id
            moved[0] = current.status == "balance_due" and not asked
            if not moved[0]:
                return None
            assert current.presale is not None
            refundable = current.presale.deposit_refundable
            why = "balance unpaid: deposit refunded" if refundable else "balance unpaid: deposit kept"
            cancelled = transition(current, "cancelled", as_of, "system", why)
            left = current.amount_paid - current.amount_refunded - in_flight(current.refunds)  # staff may have refunded
            if refundable and left > 0 and by_source(cancelled.refunds, DEPOSIT_REFUND) is None:
                request = RefundRequest(current.id, DEPOSIT_REFUND, why, "system", amount=left)
                cancelled, refund = with_refund(cancelled, request, as_of)
                refund_due.append(refund)
            return cancelled, OrderChange(release_stock=True, events=(order_event("order.cancelled", cancelled),))

        saved = self.changes.change(order.id, decide)
        for refund in refund_due[-1:]:
            self.refunds.take(saved, refund)
        return "cancelled" if moved[0] else "skipped"


def _not_due(order: Order) -> Conflict:
    """409 ``balance_not_due``: the order has no balance to pay (now)."""
    return Conflict(
        f"The order is {order.status}: there is no balance to pay.",
        code=CheckoutErrorCode.BALANCE_NOT_DUE,
        current_status=order.status,
    )
