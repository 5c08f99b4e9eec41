"""Carts: guest and customer carts, always priced fresh on the server."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, TypeVar

from ..domain import carts as rules
from ..domain.budgets import counted, price_cart  # the pipeline with first_n and budgets (ADR 0028)
from ..domain.carts import Caller, Cart
from ..domain.catalog import Product, Sku, StockLevel
from ..domain.clock import Clock
from ..domain.customer_stats import CustomerStats
from ..domain.error_codes import CartErrorCode, CatalogErrorCode, InventoryErrorCode
from ..domain.errors import Conflict, CouponInvalid, FieldError, NotFound, ValidationFailed
from ..domain.experiments import apply_variant, vary_rows
from ..domain.ids import new_id
from ..domain.membership import Benefits
from ..domain.presale_pricing import price_presale
from ..domain.pricing import CartLine, PricedCart, PricingContext
from ..domain.promotions import Coupon, Promotion
from ..domain.shipping import ShippingTemplate
from ..domain.targeting import shopper_of
from ..domain.throttle import UNKNOWN_SOURCE
from .merch_cart import dress, merch_keys
from .ports import (
    CartRepository,
    PricingCache,
    PricingRead,
    PricingReads,
    ProductRepository,
    PromotionRepository,
    ShippingRepository,
)
from .retry import retry_on_conflict
from .throttle import Throttle

T = TypeVar("T")
MUTATION_ATTEMPTS = 3
# How long after a staff change to promotions or templates a cache loaded meanwhile may still
# miss it (index propagation, clocks of two processes): checkout reads them again until then.
PRICING_CHANGE_SETTLE = timedelta(seconds=2)


@dataclass(frozen=True)
class CartView:
    cart: Cart
    priced: PricedCart
    warnings: list[dict[str, Any]]
    catalog: dict[str, tuple[Product, Sku, StockLevel]]
    unavailable: list[dict[str, Any]]
    coupon: Coupon | None = None
    promotions: tuple[Promotion, ...] = ()
    # Targeting (ADR 0019): the customer's RFM segment and stats as priced (checkout always reads them).
    segment: str | None = None
    stats: CustomerStats | None = None
    # A/B experiments (ADR 0024): SKU code -> {id, variant} of the lines priced in a variant.
    experiments: dict[str, dict[str, str]] = field(default_factory=dict)


def unit_price_for(sku: Sku, is_member: bool) -> int:
    if is_member and sku.member_price is not None:
        return min(sku.price, sku.member_price)
    return sku.price


class CartService:
    def __init__(
        self,
        carts: CartRepository,
        products: ProductRepository,
        promotions: PromotionRepository,
        reads: PricingReads,
        shipping: ShippingRepository,
        clock: Clock,
        store_timezone: str,
        benefits_of: Callable[[str], Benefits | None] = lambda _customer_id: None,
        currency: str = "CNY",
        throttle: Throttle | None = None,  # guest carts per source address; None: not throttled
        checked_cache: PricingCache | None = None,  # checkout: cached promotions and template, checked
    ) -> None:
        self.carts = carts
        self.products = products
        self.promotions = promotions
        self.reads = reads
        self.shipping = shipping
        self.clock = clock
        self.store_timezone = store_timezone
        self.benefits_of = benefits_of  # a customer's membership benefits now, None for non-members
        self.currency = currency
        self.throttle = throttle
        self.checked_cache = checked_cache

    # --- lifecycle ------------------------------------------------------------------------
    def create(
        self, caller: Caller, source: str = UNKNOWN_SOURCE, visitor_id: str | None = None
    ) -> tuple[CartView, str | None, bool]:
        """A new cart. A customer has one active cart: asking again returns it
        (created=False). Guests get a token that every later call must send;
        their new carts are throttled per ``source`` address (RateLimited)."""
        now = self.clock.now()
        if caller.customer_id is not None:
            existing = self._active_cart_of(caller.customer_id)
            if existing is not None:
                return self._view(existing, caller), None, False
            cart = Cart(new_id("cart"), caller.customer_id, None, "active", (), now, now, visitor_id=visitor_id)
            try:
                self.carts.add(cart)
            except Conflict as error:
                if error.code != CartErrorCode.ACTIVE_CART_EXISTS:
                    raise
                raced = self._active_cart_of(caller.customer_id)
                if raced is None:
                    raise
                return self._view(raced, caller), None, False
            return self._view(cart, caller), None, True
        if self.throttle is not None:
            self.throttle.guest_cart(source)
        token = rules.new_token()
        cart = Cart(new_id("cart"), None, rules.token_digest(token), "active", (), now, now, visitor_id=visitor_id)
        self.carts.add(cart)
        return self._view(cart, Caller(cart_token=token)), token, True

    def _active_cart_of(self, customer_id: str) -> Cart | None:
        cart_id = self.carts.active_cart_id(customer_id)
        cart = self.carts.get(cart_id) if cart_id else None
        if cart is None or cart.status != "active":
            return None
        return cart

    def view(self, cart_id: str, caller: Caller) -> CartView:
        cart, ahead = self.carts.get_ahead(cart_id)  # with what it priced from last time (ADR 0030)
        return self._view(self._accessible(cart_id, cart, caller), caller, ahead)

    # --- lines ------------------------------------------------------------------------------
    def add_item(
        self, cart_id: str, caller: Caller, sku_code: str, quantity: int, visitor_id: str | None = None
    ) -> CartView:
        rules.check_quantity(quantity)
        product_id = self.products.product_id_of(sku_code)
        if product_id is None:
            raise NotFound(f"No SKU {sku_code}.")

        def change(cart: Cart) -> Cart:
            if cart.visitor_id is None and visitor_id is not None:  # kept once set (ADR 0024)
                cart = replace(cart, visitor_id=visitor_id)
            product, sku, stock = self._sellable(product_id, sku_code)
            _, [sku], _ = apply_variant(product, [sku], product.experiment, cart.visitor_id)
            existing = cart.item(sku_code)
            wanted = quantity + (existing.quantity if existing else 0)
            rules.check_quantity(wanted)
            self._check_stock(sku_code, wanted, stock)
            price = unit_price_for(sku, self._member(caller))
            return rules.add_item(cart, sku_code, product.id, quantity, price, self.clock.now())

        return self._mutate(cart_id, caller, change)

    def set_quantity(self, cart_id: str, caller: Caller, sku_code: str, quantity: int) -> CartView:
        rules.check_quantity(quantity)

        def change(cart: Cart) -> Cart:
            item = cart.item(sku_code)
            if item is None:
                raise NotFound(f"{sku_code} is not in the cart.")
            _, sku, stock = self._sellable(item.product_id, sku_code)
            self._check_stock(sku_code, quantity, stock)
            price = unit_price_for(sku, self._member(caller))
            return rules.set_quantity(cart, sku_code, quantity, price, self.clock.now())

        return self._mutate(cart_id, caller, change)

    def remove_item(self, cart_id: str, caller: Caller, sku_code: str) -> CartView:
        return self._mutate(cart_id, caller, lambda cart: rules.remove_item(cart, sku_code, self.clock.now()))

    # --- coupon and address -----------------------------------------------------------------
    def apply_coupon(self, cart_id: str, caller: Caller, code: str) -> CartView:
        code = code.strip().upper()

        def change(cart: Cart) -> Cart:
            candidate = replace(cart, coupon_code=code, updated_at=self.clock.now())
            result = self._view(candidate, caller).priced.coupon
            if result is None or not result.applied:
                reason = result.reason if result else "not_found"
                raise CouponInvalid(f"Coupon {code} cannot be used: {reason}.", reason=reason)
            return candidate

        return self._mutate(cart_id, caller, change)

    def remove_coupon(self, cart_id: str, caller: Caller, code: str) -> CartView:
        def change(cart: Cart) -> Cart:
            if cart.coupon_code != code.strip().upper():
                raise NotFound(f"Coupon {code} is not on the cart.")
            return replace(cart, coupon_code=None, updated_at=self.clock.now())

        return self._mutate(cart_id, caller, change)

    def set_shipping_address(self, cart_id: str, caller: Caller, address: dict[str, Any]) -> CartView:
        return self._mutate(
            cart_id, caller, lambda cart: replace(cart, shipping_address=dict(address), updated_at=self.clock.now())
        )

    # --- merge --------------------------------------------------------------------------------
    def merge(self, cart_id: str, caller: Caller, guest_cart_id: str, guest_token: str) -> CartView:
        if caller.customer_id is None:
            raise NotFound(f"No cart {cart_id}.")
        if guest_cart_id == cart_id:
            raise ValidationFailed(
                "A cart cannot be merged into itself.",
                [FieldError("guest_cart_id", "same_cart", "Name the guest cart, not this one.")],
            )

        def attempt() -> Cart:
            target = self._load(cart_id, caller)
            if target.customer_id != caller.customer_id:  # a guest cart is never the target
                raise NotFound(f"No cart {cart_id}.")
            guest = self._load(guest_cart_id, Caller(cart_token=guest_token))
            if guest.customer_id is not None:
                raise NotFound(f"No guest cart {guest_cart_id}.")
            merged, consumed = rules.merge(target, guest, self.clock.now())
            return self.carts.save(merged, consumed)

        return self._view(retry_on_conflict(attempt, MUTATION_ATTEMPTS), caller)

    def price(self, cart: Cart, caller: Caller) -> CartView:
        """Price a cart already read (checkout: with the address it was given)."""
        return self._view(cart, caller)

    # --- internals -----------------------------------------------------------------------------
    def _load(self, cart_id: str, caller: Caller) -> Cart:
        return self._accessible(cart_id, self.carts.get(cart_id), caller)

    def _accessible(self, cart_id: str, cart: Cart | None, caller: Caller) -> Cart:
        if cart is None or not rules.can_access(cart, caller, self.clock.now()):
            raise NotFound(f"No cart {cart_id}.")
        return cart

    def _mutate(self, cart_id: str, caller: Caller, change: Callable[[Cart], Cart]) -> CartView:
        """Read, change, write guarded by the cart's version; a concurrent change to
        the same cart (another tab) is retried on fresh data."""
        saved = retry_on_conflict(lambda: self.carts.save(change(self._load(cart_id, caller))), MUTATION_ATTEMPTS)
        return self._view(saved, caller)

    def _sellable(self, product_id: str, sku_code: str) -> tuple[Product, Sku, StockLevel]:
        row = self.products.for_lines([(product_id, sku_code)]).get(sku_code)
        if row is None:
            raise NotFound(f"No SKU {sku_code}.")
        if not row[0].is_visible(self.clock.now()):
            raise Conflict(f"{sku_code} is not for sale.", code=CatalogErrorCode.NOT_AVAILABLE, skus=[sku_code])
        return row

    @staticmethod
    def _check_stock(sku_code: str, quantity: int, stock: StockLevel) -> None:
        if quantity > stock.available:
            raise Conflict(
                f"Only {max(stock.available, 0)} of {sku_code} available.",
                code=InventoryErrorCode.OUT_OF_STOCK,
                skus=[sku_code],
                available=max(stock.available, 0),
            )

    def _benefits(self, customer_id: str | None) -> Benefits | None:
        return self.benefits_of(customer_id) if customer_id is not None else None

    def _member(self, caller: Caller) -> bool:
        benefits = self._benefits(caller.customer_id)
        return benefits is not None and benefits.member_prices

    def _checked_read(
        self, line_keys: list[tuple[str, str]], coupon_code: str | None, customer_id: str | None, now: datetime
    ) -> tuple[PricingRead, list[Promotion], ShippingTemplate | None]:
        """Checkout's reads: the cached promotions and template, trusted only when loaded
        after staff's last change to either (read in the same batch as the lines, with
        the cart's flash sales, whose ``sold`` moves with every order); otherwise read
        again."""
        assert self.checked_cache is not None
        promotions, promotions_loaded = self.checked_cache.promotions(now)
        template, template_loaded = self.checked_cache.template()
        skus = {sku for _, sku in line_keys}
        flash = tuple(
            p.id for p in promotions if (p.type == "flash_sale" and p.sku in skus) or (counted(p) and p.is_active(now))
        )
        line_keys = line_keys + merch_keys(promotions, skus, now)  # gifts, bag pools (ADR 0027): same batch
        read = self.reads.load(
            line_keys, coupon_code, customer_id, promotion_ids=flash, pricing_change=True, targeting=True
        )
        changed = read.pricing_changed_at
        if changed is not None and min(promotions_loaded, template_loaded) < changed + PRICING_CHANGE_SETTLE:
            self.checked_cache.invalidate()
            promotions, _ = self.checked_cache.promotions(now)
            template, _ = self.checked_cache.template()
        else:
            promotions = [read.promotions.get(p.id, p) for p in promotions]
        return read, promotions, template

    def _view(self, cart: Cart, caller: Caller, ahead: Any = None) -> CartView:
        now = self.clock.now()
        customer_id = cart.customer_id or caller.customer_id
        line_keys = [(i.product_id, i.sku) for i in cart.items]
        checked_template: ShippingTemplate | None = None
        if self.checked_cache is None:
            promotions = self.promotions.not_ended(now)
            # The customer's segment and stats ride in the same batch, when anything targeted may apply.
            targeting = any(p.audience is not None for p in promotions)
            line_keys += merch_keys(promotions, {sku for _, sku in line_keys}, now)  # ADR 0027
            read = self.reads.load(
                line_keys,
                cart.coupon_code,
                customer_id,
                targeting=targeting,
                ahead=ahead,
                coupon_targeting=cart.coupon_code is not None,
            )
        else:
            read, promotions, checked_template = self._checked_read(line_keys, cart.coupon_code, customer_id, now)
        rows, experiments = vary_rows(read.rows, cart.visitor_id)  # A/B price variants (ADR 0024)
        coupon, membership = read.coupon, read.membership
        benefits = membership.benefits_at(now) if membership is not None else None
        is_member = benefits is not None and benefits.member_prices
        warnings: list[dict[str, Any]] = []
        unavailable: list[dict[str, Any]] = []
        lines: list[CartLine] = []
        for item in cart.items:
            row = rows.get(item.sku)
            if row is None or not row[0].is_visible(now):
                unavailable.append({"sku": item.sku, "quantity": item.quantity, "reason": "not_available"})
                warnings.append({"code": "not_available", "sku": item.sku, "message": f"{item.sku} is no longer sold."})
                continue
            product, sku, stock = row
            if stock.available <= 0:
                warnings.append({"code": "out_of_stock", "sku": item.sku, "message": f"{item.sku} is out of stock."})
            elif stock.available < item.quantity:
                warnings.append(
                    {
                        "code": "insufficient_stock",
                        "sku": item.sku,
                        "available": stock.available,
                        "message": f"Only {stock.available} of {item.sku} available.",
                    }
                )
            current = unit_price_for(sku, is_member)
            if current != item.added_unit_price:
                warnings.append(
                    {
                        "code": "price_changed",
                        "sku": item.sku,
                        "previous": {"amount": item.added_unit_price, "currency": self.currency},
                        "current": {"amount": current, "currency": self.currency},
                        "message": f"The price of {item.sku} changed since it was added.",
                    }
                )
            lines.append(
                CartLine(
                    sku=item.sku,
                    product_id=product.id,
                    category_path=product.category_path,
                    quantity=item.quantity,
                    list_price=sku.price,
                    member_price=sku.member_price,
                    weight_grams=sku.weight_grams,
                )
            )
        flash_limited = [
            p
            for p in promotions
            if p.type == "flash_sale"
            and p.per_customer_limit is not None
            and p.sku in rows
            and cart.item(p.sku or "")
            and p.is_active(now)
        ]
        flash_used: dict[str, int] = {}
        if flash_limited:
            if customer_id is None:
                # A per-customer flash limit needs a customer: guests pay the regular price.
                flash_used = {p.id: p.per_customer_limit or 0 for p in flash_limited}
                warnings.append({"code": "flash_sale_requires_sign_in", "message": "Sign in to get flash-sale prices."})
            else:
                flash_used = self.promotions.flash_used(customer_id, [p.id for p in flash_limited])
        province = (cart.shipping_address or {}).get("province")
        shopper = shopper_of(customer_id, read.segment, read.stats, benefits is not None)
        priced = price_cart(
            lines,
            promotions,
            PricingContext(
                now=now,
                store_timezone=self.store_timezone,
                is_member=benefits is not None,
                member_prices=benefits.member_prices if benefits else True,
                member_percent_off=benefits.percent_off if benefits else 0,
                member_free_shipping=benefits.free_shipping if benefits else True,
                province=province,
                flash_used=flash_used,
                customer_id=customer_id,
                shopper=shopper,
            ),
            coupon=coupon,
            coupon_code=cart.coupon_code,
            shipping_template=(checked_template if self.checked_cache is not None else self.shipping.default())
            if lines
            else None,
        )
        priced = price_presale(priced, promotions, now)  # a presale line: its final price, nothing else (ADR 0026)
        priced, merch = dress(priced, lines, promotions, rows, benefits is not None, now, shopper)  # ADR 0027
        warnings += merch
        if priced.coupon is not None and not priced.coupon.applied:
            warnings.append(
                {
                    "code": "coupon_not_applied",
                    "coupon": priced.coupon.code,
                    "reason": priced.coupon.reason,
                    "message": f"Coupon {priced.coupon.code} does not apply: {priced.coupon.reason}.",
                }
            )
        if lines and province is None:
            warnings.append(
                {"code": "shipping_estimated", "message": "Shipping is estimated until a shipping address is set."}
            )
        return CartView(
            cart, priced, warnings, rows, unavailable, coupon, tuple(promotions), read.segment, read.stats, experiments
        )
