"""Checkout: the customer's cart is priced, a PaymentIntent created for its total,
and the cart becomes an order with its stock reserved, coupon and flash-sale units
counted (first_n units and budget spends too, ADR 0028), its PaymentIntent recorded
and its events in the outbox, in one transaction. An order with nothing to pay has no intent and is paid at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from ...domain.budgets import budget_uses
from ...domain.carts import Caller
from ...domain.error_codes import (
    CatalogErrorCode,
    CheckoutErrorCode,
    CommonErrorCode,
    InventoryErrorCode,
    MarketingErrorCode,
)
from ...domain.errors import (
    Conflict,
    CouponInvalid,
    FieldError,
    NotFound,
    PaymentFailed,
    PaymentProviderUnavailable,
    ValidationFailed,
)
from ...domain.ids import new_id
from ...domain.orders import Order, OrderLine, RiskPolicy, note, order_event, risk_reasons, settle_paid, transition
from ...domain.stock_shards import ShardShort, choose_shard
from ...domain.targeting import HighValue
from ..carts import CartService, CartView
from ..inventory import level_event, level_guard
from ..ports import (
    CouponUse,
    IdempotentResponse,
    OrderChange,
    OutboxEvent,
    PaymentGateway,
    PaymentIntent,
    Reservation,
)
from ..retry import retry_on_conflict
from . import counters
from .changes import ATTEMPTS, OrderChanges
from .merch_checkout import open_bags, stock_checked, warnings_of, without_gifts
from .presale import as_presale, intent_amount, presale_for

PROMOTION_EXHAUSTED = MarketingErrorCode.PROMOTION_EXHAUSTED

MAX_TRANSACTION_ITEMS = 100  # one TransactWriteItems


@dataclass(frozen=True)
class Checkout:
    order: Order
    payment: PaymentIntent | None
    answered: bool = False  # the caller's Idempotency-Key was completed in the order's transaction
    warnings: tuple[dict[str, Any], ...] = ()  # gifts not given, members-only prices (ADR 0027)


Respond = Callable[["Checkout"], IdempotentResponse]  # the answer to store for a checkout, from the API


class CheckoutService:
    def __init__(
        self,
        changes: OrderChanges,
        carts: CartService,
        gateway: PaymentGateway,
        risk: RiskPolicy,
        payment_window: timedelta,
        default_address: Callable[[str], dict[str, Any] | None] | None = None,
        high_value: HighValue | None = None,  # whose orders are marked priority (ADR 0019)
    ) -> None:
        self.changes = changes
        self.high_value = high_value or HighValue()
        self.default_address = default_address  # the address book's default (None: no address book)
        self.orders = changes.orders
        self.carts = carts
        self.gateway = gateway
        self.risk = risk
        self.payment_window = payment_window
        self.clock = changes.clock

    def checkout(
        self,
        customer_id: str,
        cart_id: str,
        address: dict[str, Any] | None,
        respond: Respond | None = None,
        coupon_code: str | None = None,
    ) -> Checkout:
        """Turn the customer's cart into an order with its stock reserved, then a
        PaymentIntent. Safe to repeat: a cart checked out already resumes its order
        (the retry after a lost response); a checkout the payment provider could not
        serve placed nothing, and its retry starts afresh. When the cart changed
        or was checked out concurrently, or a SKU's level crossed its safety stock
        meanwhile, the cart is priced again (or its order resumed). ``respond`` gives
        the Idempotency-Key answer of a checkout: a new order with a PaymentIntent
        stores it in its own transaction (``answered``). ``coupon_code`` (a wallet coupon,
        ADR 0018) is used in place of the cart's coupon, like ``address``."""
        return retry_on_conflict(
            lambda: self._attempt(customer_id, cart_id, address, respond, coupon_code),
            ATTEMPTS,
            # A budget or first_n units gone meanwhile: priced again, without it (ADR 0028).
            codes=(CheckoutErrorCode.CART_CHECKED_OUT, CommonErrorCode.CONCURRENT_UPDATE, PROMOTION_EXHAUSTED),
        )

    def _attempt(
        self,
        customer_id: str,
        cart_id: str,
        address: dict[str, Any] | None,
        respond: Respond | None,
        coupon_code: str | None = None,
    ) -> Checkout:
        caller = Caller(customer_id=customer_id)
        cart = self.carts.carts.get(cart_id)
        if cart is None or cart.customer_id != customer_id:
            raise NotFound(f"No cart {cart_id}.")
        if cart.status == "checked_out" and cart.order_id:
            order = self.orders.get(cart.order_id)
            if order is None:
                raise NotFound(f"No cart {cart_id}.")
            return Checkout(order, self._payment_for(order))
        if cart.status != "active":
            raise NotFound(f"No cart {cart_id}.")
        if address is None and not cart.shipping_address and self.default_address is not None:
            address = self.default_address(customer_id)  # the address book's default, if any
        if address is not None:
            # Priced and ordered with this address; the cart itself is checked out, not edited.
            cart = replace(cart, shipping_address=dict(address))
        if coupon_code is not None:
            cart = replace(cart, coupon_code=coupon_code)  # priced and counted like the cart's own coupon
        view = self.carts.price(cart, caller)
        presale = presale_for(view, self.clock.now())  # a presale cart: deposit_pending (ADR 0026)
        order = as_presale(open_bags(self._order_from(view, customer_id), view), presale)  # bags: ADR 0027
        warnings = warnings_of(view)
        tried: dict[str, set[int]] = {}  # stock shards found short (ADR 0025)
        order, reservations, stock_events = self._reservations(view, order, tried)
        coupon = None
        if view.coupon is not None and view.priced.coupon is not None and view.priced.coupon.applied:
            coupon = CouponUse(view.coupon.code, customer_id, view.coupon.usage_limit, view.coupon.per_customer_limit)
        flash = counters.flash_uses(order, {p.id: p for p in view.promotions})
        budgets = budget_uses(view.priced, view.promotions, view.coupon)  # ADR 0028
        order = replace(order, budget_spends=counters.budget_spends(budgets))
        # The order and its 3 index items (ADR 0031), 2 per line, the cart and its pointer, the coupon's 2, ...
        items = 4 + 2 * len(reservations) + 2 + (2 if coupon else 0) + 2 * len(flash) + 1 + len(stock_events)
        items += counters.extra_items(budgets, flash)
        items += (2 if respond else 1) if order.total > 0 else 0  # the PaymentIntent pointer, the key's answer
        if items > MAX_TRANSACTION_ITEMS:
            raise ValidationFailed(
                "This cart is too large to check out at once; split it into two orders.",
                [FieldError("cart_id", "cart_too_large", f"{items} writes; at most 100.")],
                code=CheckoutErrorCode.CART_TOO_LARGE,
            )
        # The PaymentIntent first, so that the transaction records it with the order (no write after
        # Stripe answered). Every cheap refusal above came before it; a transaction that still fails
        # (stock or a limit taken meanwhile, the cart changed) cancels it again.
        intent = self._new_intent(order) if order.total > 0 else None
        if intent is not None:
            order = replace(order, payment_intent_id=intent.id)
        try:
            while True:  # a stock shard found short: another shard, in the same single transaction
                event = order_event("order.placed", order)
                answer = respond(Checkout(order, intent, True, tuple(warnings))) if respond and intent else None
                try:
                    events = [event, *stock_events]
                    self.orders.place(order, view.cart, reservations, coupon, flash, events, answer, budgets=budgets)
                    break
                except ShardShort as short:
                    for code, shard in short.shards.items():
                        tried.setdefault(code, set()).add(shard)
                    order, reservations, stock_events = self._reservations(view, order, tried)
                except Conflict as refused:  # a gift's stock taken meanwhile: on without it (ADR 0027)
                    order, dropped = without_gifts(order, refused)
                    warnings += dropped
                    order, reservations, stock_events = self._reservations(view, order, tried)
        except BaseException:
            if intent is not None:
                self._abandon(order, intent)
            raise
        # order.placed is informational: the relay_outbox schedule publishes it, keeping checkout short;
        # a stock alert goes out at once.
        self.changes.relay.relay(stock_events)
        if intent is None:
            return Checkout(self._paid_in_full(order), None, warnings=tuple(warnings))
        return Checkout(order, intent, answered=answer is not None, warnings=tuple(warnings))

    def _order_from(self, view: CartView, customer_id: str) -> Order:
        priced, cart = view.priced, view.cart
        errors: list[FieldError] = []
        if not priced.lines:
            raise ValidationFailed(
                "The cart is empty.",
                [FieldError("cart_id", "cart_empty", "Add items first.")],
                code=CheckoutErrorCode.CART_EMPTY,
            )
        if view.unavailable:
            skus = [u["sku"] for u in view.unavailable]
            raise Conflict(f"No longer for sale: {', '.join(skus)}.", code=CatalogErrorCode.NOT_AVAILABLE, skus=skus)
        self._check_stock(view)
        if priced.coupon is not None and not priced.coupon.applied:
            raise CouponInvalid(f"Coupon {priced.coupon.code} cannot be used.", reason=priced.coupon.reason)
        if not cart.shipping_address:
            errors.append(FieldError("shipping_address", "required", "Send shipping_address or set one on the cart."))
            raise ValidationFailed(
                "A shipping address is required.", errors, code=CheckoutErrorCode.SHIPPING_ADDRESS_REQUIRED
            )
        now = self.clock.now()
        lines = tuple(
            OrderLine(
                sku=line.sku,
                product_id=line.product_id,
                title=view.catalog[line.sku][0].title,
                specs=dict(view.catalog[line.sku][1].specs),
                quantity=line.quantity,
                list_price=line.list_price,
                unit_price=line.unit_price,
                line_total=line.line_total,
                order_discount=line.order_discount,
                payable=line.payable,
                adjustments=tuple(
                    {
                        "type": a.kind,
                        "promotion_id": a.promotion_id,
                        "code": a.code,
                        "label": a.label,
                        "amount": a.amount,
                    }
                    for a in line.adjustments
                ),
                flash_promotion_id=line.flash_promotion_id,
                flash_units=line.flash_units,
                unit_cost=view.catalog[line.sku][1].cost_price,
                experiment=view.experiments.get(line.sku),
                gift_promotion_id=line.gift_promotion_id,
            )
            for line in priced.lines
        )
        order = Order(
            id=new_id("ord"),
            customer_id=customer_id,
            cart_id=cart.id,
            status="pending_payment",
            payment_status="unpaid",
            currency=self.carts.currency,
            lines=lines,
            subtotal=priced.subtotal,
            discounts=tuple(
                {"type": d.kind, "promotion_id": d.promotion_id, "code": d.code, "label": d.label, "amount": d.amount}
                for d in priced.discounts
            ),
            shipping=priced.shipping.amount,
            total=priced.total,
            shipping_address=dict(cart.shipping_address),
            created_at=now,
            updated_at=now,
            payment_due_at=now + self.payment_window,
            coupon_code=priced.coupon.code if priced.coupon is not None and priced.coupon.applied else None,
            priority=self.high_value.of(view.segment, view.stats, self.changes.business_day(now)),
        )
        return note(order, now, "placed", f"customer:{customer_id}", "order placed")

    @staticmethod
    def _reservations(
        view: CartView, order: Order, tried: dict[str, set[int]]
    ) -> tuple[Order, list[Reservation], list[OutboxEvent]]:
        """Each line's reservation, and a stock.low event for every line that leaves its
        SKU at or below its safety stock (the worker keeps one open alert per SKU). The
        event is decided on the level read here and the reservation guarded by it: a
        concurrent change across the threshold makes the checkout read again rather
        than miss, or wrongly send, the alert. A sharded SKU's line takes from a random
        shard with enough (not one in ``tried``), recorded on the line; its alert is
        decided on the total read, unguarded (ADR 0025)."""
        reservations, events, lines = [], [], []
        for line in order.lines:
            _, sku, stock = view.catalog[line.sku]
            guard: tuple[int | None, int | None] | None = None
            shard = None
            if stock.shards:
                shard = choose_shard(dict(enumerate(stock.shards)), line.quantity, tried.get(line.sku, ()))
                if shard is None:
                    raise Conflict(
                        f"Not enough stock for {line.sku}.", code=InventoryErrorCode.OUT_OF_STOCK, skus=[line.sku]
                    )
            else:
                guard = level_guard(stock.available, sku.alert_level, -line.quantity)
            reservations.append(Reservation(line.product_id, line.sku, line.quantity, guard, shard))
            lines.append(replace(line, stock_shard=shard))
            event = level_event(sku, stock.available - line.quantity, -line.quantity, order.created_at)
            if event is not None:
                events.append(event)
        return replace(order, lines=tuple(lines)), reservations, events

    @staticmethod
    def _check_stock(view: CartView) -> None:
        """A fast early answer; the reservation's condition in the transaction is the guarantee."""
        short = [line.sku for line in stock_checked(view) if view.catalog[line.sku][2].available < line.quantity]
        if short:
            raise Conflict(
                f"Not enough stock for {', '.join(short)}.", code=InventoryErrorCode.OUT_OF_STOCK, skus=short
            )

    def _payment_for(self, order: Order) -> PaymentIntent | None:
        if order.status not in ("pending_payment", "deposit_pending"):
            return None
        if order.payment_intent_id:
            return self.gateway.retrieve_payment_intent(order.payment_intent_id)
        # An order placed before checkout created the intent first (or by a test's hand): record it now.
        intent = self._new_intent(order)
        self.orders.set_payment_intent(order.id, intent.id)
        return intent

    def _new_intent(self, order: Order) -> PaymentIntent:
        amount = intent_amount(order)  # a presale order's: its deposit
        key = f"{order.id}:payment_intent"
        return self.gateway.create_payment_intent(order.id, amount, order.currency, order.customer_id, key)

    def _abandon(self, order: Order, intent: PaymentIntent) -> None:
        """The order was not placed: its intent is cancelled, so nothing can be paid for it.
        Its client secret never left the server, so an intent Stripe did not cancel (the
        provider unreachable) cannot be paid either."""
        try:
            self.gateway.cancel_payment_intent(intent.id, f"{order.id}:abandoned")
        except (PaymentProviderUnavailable, PaymentFailed):
            pass

    def _paid_in_full(self, order: Order) -> Order:
        """Nothing to pay (coupons or points covered it all): paid at once."""
        now = self.clock.now()
        paid = replace(transition(order, "paid", now, "system", "no payment due"), payment_status="paid", amount_paid=0)
        recent = self.orders.count_since(order.customer_id, now - timedelta(hours=1))
        paid, events = settle_paid(paid, now, risk_reasons(paid, self.risk, recent))
        change = OrderChange(sales_day=self.changes.business_day(now), events=events)
        return self.changes.save(paid, change, order)
