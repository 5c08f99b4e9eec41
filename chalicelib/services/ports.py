"""Ports: what the services need from storage and the outside world.

Adapters in chalicelib/adapters implement these; unit tests use in-memory fakes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from ..domain.budgets import BudgetUse
from ..domain.carts import Cart
from ..domain.catalog import Category, Product, Sku, StockLevel
from ..domain.events import Event
from ..domain.membership import Membership, Plan
from ..domain.orders import Order
from ..domain.promotions import Coupon, Promotion
from ..domain.refunds import Refund, RefundRequest
from ..domain.shipping import ShippingTemplate

# The cart view's and checkout's pricing reads live in pricing_ports.py; re-exported here.
from .pricing_ports import PricingCache as PricingCache
from .pricing_ports import PricingRead as PricingRead
from .pricing_ports import PricingReads as PricingReads

Position = dict[str, Any]  # opaque storage position for pagination


@dataclass(frozen=True)
class Customer:
    id: str
    email: str
    name: str
    password_hash: str
    created_at: datetime


@dataclass(frozen=True)
class StaffKey:
    id: str
    digest: str
    name: str
    roles: frozenset[str]
    created_at: datetime
    created_by: str | None = None


@dataclass(frozen=True)
class LedgerEntry:
    id: str
    sku: str
    on_hand_delta: int
    reserved_delta: int
    reason: str
    actor: str
    at: datetime
    note: str | None = None
    reference: str | None = None


@dataclass(frozen=True)
class ProductView:
    """A product with its SKUs and their stock, in the product's SKU order."""

    product: Product
    skus: list[tuple[Sku, StockLevel]]


@dataclass(frozen=True)
class Page:
    items: list[Any]
    next_position: Position | None


@dataclass(frozen=True)
class CatalogQuery:
    sort: str  # newest | price_asc | price_desc | sales
    category_id: str | None
    keyword: str | None
    now: datetime
    limit: int


class CustomerRepository(Protocol):
    def add(self, customer: Customer) -> None: ...  # Conflict(code=AuthErrorCode.EMAIL_TAKEN) if the e-mail exists
    def get(self, customer_id: str) -> Customer | None: ...
    def get_by_email(self, email: str) -> Customer | None: ...


class StaffKeyRepository(Protocol):
    def add(self, key: StaffKey) -> None: ...  # Conflict if the digest exists
    def get_by_digest(self, digest: str) -> StaffKey | None: ...
    def list(self) -> list[StaffKey]: ...
    def revoke(self, key_id: str) -> bool: ...


class CategoryRepository(Protocol):
    def add(self, category: Category) -> None: ...  # Conflict(code=CatalogErrorCode.SLUG_TAKEN)
    def get(self, category_id: str) -> Category | None: ...
    def list_all(self) -> list[Category]: ...


class ProductRepository(Protocol):
    def add(self, product: Product, skus: list[Sku], stock: dict[str, int], entries: list[LedgerEntry]) -> None:
        """Product, SKUs, initial stock and ledger rows in one transaction.
        Conflict(code=CatalogErrorCode.SKU_CODE_TAKEN) names the codes already used,
        Conflict(code=CatalogErrorCode.HANDLE_TAKEN) a handle another product has."""
        ...

    def get(self, product_id: str) -> ProductView | None: ...  # one strongly consistent read

    def save(
        self,
        product: Product,
        changed_skus: list[Sku],
        new_skus: list[Sku],
        stock: dict[str, int],
        entries: list[LedgerEntry],
    ) -> ProductView:
        """Write a changed product guarded by its version (Conflict(code=CommonErrorCode.CONCURRENT_UPDATE)
        if it moved). Returns the product as stored (version bumped)."""
        ...

    def for_lines(self, line_keys: list[tuple[str, str]]) -> dict[str, tuple[Product, Sku, StockLevel]]:
        """Products and SKUs for cart lines, by (product_id, sku code): one batch read.
        Keyed by SKU code; missing ones are left out."""
        ...

    def product_id_of(self, code: str) -> str | None: ...
    def product_id_of_handle(self, handle: str) -> str | None: ...  # one strongly consistent read

    # A storefront page: with a category, one Query of its category index (entries under every ancestor).
    def catalog(self, query: CatalogQuery, after: Position | None) -> Page: ...

    # (min_price, attributes) of the category's (or catalog's) best sellers: one Query.
    def facet_sample(self, category_id: str | None, now: datetime, limit: int) -> list[tuple[int, dict[str, str]]]: ...

    def sales_moved(self, days: list[date], limit: int) -> list[tuple[Product, int]]:
        """Products sold (or refunded) on ``days`` whose sales counter moved since
        the category index last copied it, with the count it copied."""
        ...

    def mark_ranked(self, product: Product) -> None: ...  # its sales onto its category entries

    def by_status(self, status: str, limit: int, after: Position | None, oldest_first: bool = False) -> Page: ...
    def due_for_transition(self, now: datetime, limit: int) -> list[Product]: ...


class InventoryRepository(Protocol):
    def get(self, code: str) -> tuple[Sku, StockLevel] | None: ...

    def adjust(
        self,
        entry: LedgerEntry,
        available_between: tuple[int | None, int | None] | None = None,
        events: list[OutboxEvent] | None = None,
    ) -> StockLevel:
        """Apply entry.on_hand_delta atomically with the ledger row and the outbox
        events; available never goes below zero (InsufficientStock), unknown SKU is
        NotFound. With ``available_between`` (inclusive bounds, None open), Conflict
        ``concurrent_update`` when available before the change is outside them."""
        ...

    def ledger(self, code: str, limit: int, after: Position | None, partitions: int = 1) -> Page: ...


class CartRepository(Protocol):
    def add(self, cart: Cart) -> None:
        """A new cart; for a customer also the one-active-cart pointer
        (Conflict(code=CartErrorCode.ACTIVE_CART_EXISTS) if the customer has one)."""
        ...

    def get(self, cart_id: str) -> Cart | None: ...

    def get_ahead(self, cart_id: str) -> tuple[Cart | None, Any]:
        """The cart and, opaque to the service, what its view will price from that
        storage read alongside it (ADR 0030); handed to ``PricingReads.load``."""
        ...

    def active_cart_id(self, customer_id: str) -> str | None: ...

    def save(self, cart: Cart, *others: Cart) -> Cart:
        """Write changed carts, each guarded by its version (Conflict(code=CommonErrorCode.CONCURRENT_UPDATE))."""
        ...


class PromotionRepository(Protocol):
    def add(self, promotion: Promotion, now: datetime) -> None: ...
    def get(self, promotion_id: str) -> Promotion | None: ...
    def save(self, promotion: Promotion, now: datetime) -> None: ...  # every field but the sold counter
    def not_ended(self, now: datetime) -> list[Promotion]: ...  # running or scheduled
    def page(self, limit: int, after: Position | None) -> Page: ...
    def flash_used(self, customer_id: str, promotion_ids: list[str]) -> dict[str, int]: ...


class CouponRepository(Protocol):
    def add(self, coupon: Coupon, now: datetime) -> None: ...  # Conflict(code=MarketingErrorCode.COUPON_CODE_TAKEN)
    def get(self, code: str, customer_id: str | None) -> Coupon | None: ...  # with the customer's usage
    def set_budget(self, code: str, budget: int | None, owner: str | None) -> None: ...  # ADR 0028
    def page(self, limit: int, after: Position | None) -> Page: ...


class ShippingRepository(Protocol):
    def add(self, template: ShippingTemplate, is_default: bool, now: datetime) -> None: ...
    def default(self) -> ShippingTemplate | None: ...
    def all(self) -> list[tuple[ShippingTemplate, bool]]: ...


# --- orders, payments, idempotency, events -----------------------------------------------
@dataclass(frozen=True)
class Reservation:
    product_id: str
    sku: str
    quantity: int
    # Where `available` must still be (low, high; None = open) for the stock event
    # decided on the level read before to hold: see services.inventory.level_guard.
    available_between: tuple[int | None, int | None] | None = None
    shard: int | None = None  # the stock shard it takes from (ADR 0025); None or 0: the SKU item


@dataclass(frozen=True)
class CouponUse:
    code: str
    customer_id: str
    usage_limit: int | None
    per_customer_limit: int | None


@dataclass(frozen=True)
class FlashUse:
    promotion_id: str
    customer_id: str
    units: int
    quantity: int | None
    per_customer_limit: int | None
    first_n: bool = False  # a first_n promotion's units (ADR 0028): sold out meanwhile, priced again


# What the outbox holds and the relay publishes: the domain event envelope.
OutboxEvent = Event


@dataclass(frozen=True)
class OrderChange:
    """What one conditional write does besides saving the order."""

    release_stock: bool = False  # return reserved stock (and coupon/flash usage) of every line
    # Count the lines as sold on this business day: the products' sales counters
    # and each SKU's daily sales row (units and revenue).
    sales_day: date | None = None
    sales_sign: int = 1  # -1: a sold order cancelled: take its lines back off that day's sales
    # Count these (sku -> (units, revenue)) instead of every line: a refund of some
    # units, or a cancellation after some were refunded already.
    sales_units: Mapping[str, tuple[int, int]] | None = None
    webhook_event_id: str | None = None  # apply a provider event at most once
    event_provider: str = "stripe"
    events: tuple[OutboxEvent, ...] = ()
    fulfillment_status: str | None = None  # create (first time) or move the order's fulfillment record
    ship: tuple[Reservation, ...] = ()  # goods that left: on_hand and reserved both go down
    tracking: tuple[str, str] | None = None  # (carrier, tracking number) now pointing at this order
    payment_intent: str | None = None  # another PaymentIntent of the order (a presale's balance, ADR 0026)


class OrderRepository(Protocol):
    def place(
        self,
        order: Order,
        cart: Cart,
        reservations: list[Reservation],
        coupon: CouponUse | None,
        flash: list[FlashUse],
        events: list[OutboxEvent],
        response: IdempotentResponse | None = None,
        budgets: Sequence[BudgetUse] = (),
    ) -> None:
        """One transaction: stock reserved (available >= qty), order written, cart
        checked out, coupon and flash usage counted, ledger rows, outbox event, and
        (``response``) the request's claimed Idempotency-Key completed with its answer.
        Conflict(code=InventoryErrorCode.OUT_OF_STOCK, skus=[...]) names the SKUs short;
        CouponInvalid(reason="usage_exhausted") when a limit was reached meanwhile;
        Conflict(code=CheckoutErrorCode.CART_CHECKED_OUT) when the cart was checked out
        or changed meanwhile; Conflict(code=CommonErrorCode.CONCURRENT_UPDATE) when a
        reservation's level guard no longer holds. ``budgets`` (ADR 0028): each added to
        its promotion's or coupon's ``spent`` under ``spent + amount <= budget``;
        Conflict(code=MarketingErrorCode.PROMOTION_EXHAUSTED) when a promotion's budget
        or a first_n promotion's units ran out meanwhile (checkout prices again),
        CouponInvalid(reason="budget_exhausted") for a coupon's budget."""
        ...

    def get(self, order_id: str) -> Order | None: ...

    def save(self, order: Order, change: OrderChange, previous: Order | None = None) -> Order:
        """Version-guarded write (Conflict(code=CommonErrorCode.CONCURRENT_UPDATE)); a webhook
        event id already applied is Conflict(code=CommonErrorCode.DUPLICATE_EVENT). ``previous``:
        the order as read (the version replaced), so that only the listings whose keys
        change are written (ADR 0031); without it, every listing but the customer's is."""
        ...

    def set_payment_intent(self, order_id: str, payment_intent_id: str) -> None:
        """NotFound for an unknown order; Conflict(code=CommonErrorCode.CONCURRENT_UPDATE)
        when it has another intent."""
        ...

    def order_id_for_payment_intent(self, payment_intent_id: str) -> str | None: ...
    def for_customer(self, customer_id: str, limit: int, after: Position | None) -> Page: ...
    def by_status(self, status: str, limit: int, after: Position | None, oldest_first: bool = False) -> Page: ...
    def due_unpaid(self, as_of: datetime, limit: int) -> list[Order]: ...  # pending_payment, deposit_pending
    def due_balance(self, as_of: datetime, limit: int) -> list[Order]: ...  # balance_due past its window
    def due_refund(self, as_of: datetime, limit: int) -> list[Order]: ...
    def count_since(self, customer_id: str, since: datetime) -> int: ...
    def record_ignored_event(self, event_id: str, at: datetime, provider: str = "stripe") -> bool: ...  # False if seen
    def order_id_for_tracking(self, carrier: str, tracking_number: str) -> str | None: ...
    def fulfillments(self, status: str, limit: int, after: Position | None) -> Page: ...  # of FulfillmentRecordView
    def due_completion(self, as_of: datetime, limit: int) -> list[Order]: ...


@dataclass(frozen=True)
class PaymentIntent:
    id: str
    client_secret: str
    status: str
    amount: int
    currency: str


class PaymentGateway(Protocol):
    def create_payment_intent(
        self, order_id: str, amount: int, currency: str, customer_id: str, idempotency_key: str
    ) -> PaymentIntent: ...
    def retrieve_payment_intent(self, payment_intent_id: str) -> PaymentIntent: ...
    def cancel_payment_intent(self, payment_intent_id: str, idempotency_key: str) -> str: ...  # resulting status
    def refund(self, payment_intent_id: str, amount: int, idempotency_key: str) -> str: ...  # refund id


class OrderRefunds(Protocol):
    def refund_order(self, request: RefundRequest) -> Refund:
        """Refund part or all of an order (domain/refunds.py): the refund is recorded
        before the provider is called and identified by ``request.source`` (the same
        source again returns the refund already made). NotFound for an unknown order,
        ValidationFailed(code=RefundErrorCode.REFUND_EXCEEDS_PAID) above paid minus
        refunded, AfterSaleErrorCode.QUANTITY_EXCEEDS_RETURNABLE for units beyond what
        is left; a provider that is down leaves the refund ``failed`` (retried by
        ``retry_refunds``), one that refuses leaves it ``refused`` with an exception."""
        ...


@dataclass(frozen=True)
class StoredResponse:
    status: int
    body: dict[str, Any]


@dataclass(frozen=True)
class IdempotentResponse:
    """A claimed Idempotency-Key's answer, stored by the transaction that produced it."""

    scope: str
    key: str
    response: StoredResponse
    at: datetime


class EventPublisher(Protocol):
    def publish(self, events: list[OutboxEvent]) -> None: ...


class Outbox(Protocol):
    def pending(self, limit: int) -> list[OutboxEvent]: ...
    def mark_sent(self, events: list[OutboxEvent]) -> None: ...


# --- membership -------------------------------------------------------------------------------
class PlanRepository(Protocol):
    def add(self, plan: Plan) -> None: ...
    def get(self, plan_id: str) -> Plan | None: ...
    def all(self) -> list[Plan]: ...


class MembershipRepository(Protocol):
    def get(self, customer_id: str) -> Membership | None: ...
    def save(self, membership: Membership, events: list[OutboxEvent]) -> Membership:
        """Put guarded by the version read (Conflict ``concurrent_update``), with the events."""
        ...

    def due(self, as_of: datetime, limit: int) -> list[Membership]: ...
    def claim_charge(self, customer_id: str, period: int, attempt: int, now: datetime) -> bool: ...
    def release_charge(self, customer_id: str, period: int, attempt: int) -> None: ...


class MembershipGateway(Protocol):
    def ensure_customer(self, customer_id: str, idempotency_key: str) -> str: ...
    def attach_payment_method(self, payment_method_id: str, stripe_customer_id: str) -> None: ...
    def create_intent(
        self,
        amount: int,
        currency: str,
        stripe_customer_id: str,
        payment_method_id: str,
        metadata: dict[str, str],
        idempotency_key: str,
        off_session: bool = False,
    ) -> PaymentIntent: ...  # off_session: confirmed now (raises PaymentFailed when declined)
    def cancel_payment_intent(self, payment_intent_id: str, idempotency_key: str) -> str: ...  # its status after
    def refund(self, payment_intent_id: str, amount: int, idempotency_key: str) -> str: ...  # the refund id


# --- throttling -----------------------------------------------------------------------------------
class AttemptCounter(Protocol):
    """Attempts per throttled key in per-minute buckets (domain/throttle.py)."""

    def buckets(self, key: str, first: int, last: int) -> dict[int, int]:
        """The key's buckets from ``first`` to ``last`` (inclusive) that hold attempts,
        bucket -> attempts, in one strongly consistent read."""
        ...

    def add(self, key: str, bucket: int, expires_at: datetime) -> None:
        """One more attempt in the bucket: an atomic, condition-free add (never a
        read-modify-write); ``expires_at`` is when storage may drop the bucket."""
        ...

    def clear(self, key: str, buckets: list[int]) -> None: ...  # forget these buckets of the key


class Relay(Protocol):
    def relay(self, events: list[OutboxEvent]) -> int: ...


class Metrics(Protocol):
    """Counts for what operations alarm on (alerts raised, SLA breaches, DLQ sends)."""

    def count(self, name: str, value: int = 1, **dimensions: str) -> None: ...


class NoMetrics:
    def count(self, name: str, value: int = 1, **dimensions: str) -> None:
        return None
