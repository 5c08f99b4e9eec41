"""DynamoDB repositories for carts, promotions, coupons and shipping templates."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from pynamodb.exceptions import DoesNotExist, PutError
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from ...domain.carts import Cart, CartItem
from ...domain.error_codes import CartErrorCode, CommonErrorCode, MarketingErrorCode
from ...domain.errors import Conflict
from ...domain.presale import PresaleRule
from ...domain.promotions import Coupon, Promotion, Scope, Tier
from ...domain.targeting import Audience
from ...services.ports import Page, Position
from . import keys, raw_reads, transact
from .budgets import CouponBudgets
from .merch_rules import merch_fields, merch_rules_json
from .models import (
    CartItem as CartRecord,
)
from .models import (
    CouponItem,
    CustomerCartItem,
    Item,
    PricingChangeItem,
    PromotionItem,
    UsageItem,
    cart_line,
)
from .paging import GSI2_KEYS, query_page


# --- carts -----------------------------------------------------------------------------
def _cart_record(cart: Cart) -> CartRecord:
    return CartRecord(
        *keys.cart(cart.id),
        id=cart.id,
        customer_id=cart.customer_id,
        token_digest=cart.token_digest,
        status=cart.status,
        lines=[
            cart_line(
                sku=i.sku,
                product_id=i.product_id,
                quantity=i.quantity,
                added_unit_price=i.added_unit_price,
                added_at=i.added_at,
            )
            for i in cart.items
        ],
        coupon_code=cart.coupon_code,
        shipping_address=dict(cart.shipping_address) if cart.shipping_address else None,
        order_id=cart.order_id,
        visitor_id=cart.visitor_id,
        created_at=cart.created_at,
        updated_at=cart.updated_at,
        expires_at=cart.expires_at(),
    )


def _cart(record: CartRecord) -> Cart:
    address = record.shipping_address
    return Cart(
        id=record.id,
        customer_id=record.customer_id,
        token_digest=record.token_digest,
        status=record.status,
        items=tuple(
            CartItem(line.sku, line.product_id, int(line.quantity), int(line.added_unit_price), line.added_at)
            for line in record.lines or []
        ),
        created_at=record.created_at,
        updated_at=record.updated_at,
        coupon_code=record.coupon_code,
        shipping_address=address.as_dict() if address is not None else None,
        version=int(record.version or 1),
        order_id=record.order_id,
        visitor_id=record.visitor_id,
    )


def _cart_of(raw: raw_reads.RawItem | None) -> Cart | None:
    if raw is None or raw_reads.model_of(raw) is not CartRecord:
        return None
    return _cart(raw_reads.decode(raw, CartRecord))


class DynamoCarts:
    def add(self, cart: Cart) -> None:
        pointer_condition: Any = CustomerCartItem.PK.does_not_exist()
        if cart.customer_id is not None:
            current = self.active_cart_id(cart.customer_id)
            if current is not None:
                existing = self.get(current)
                if existing is not None and existing.status == "active":
                    raise Conflict("The customer already has an active cart.", code=CartErrorCode.ACTIVE_CART_EXISTS)
                # The pointer names a finished cart: replace it, unless someone else just did.
                pointer_condition = CustomerCartItem.cart_id == current

        def build(tw: TransactWrite) -> None:
            tw.save(_cart_record(cart), condition=CartRecord.PK.does_not_exist())
            if cart.customer_id is not None:
                tw.save(
                    CustomerCartItem(*keys.customer_cart(cart.customer_id), cart_id=cart.id),
                    condition=pointer_condition,
                )

        transact.run_checked(
            build, Conflict("The customer already has an active cart.", code=CartErrorCode.ACTIVE_CART_EXISTS)
        )

    def get(self, cart_id: str) -> Cart | None:
        return _cart_of(raw_reads.get_item(*keys.cart(cart_id)))

    def get_ahead(self, cart_id: str) -> tuple[Cart | None, Any]:
        """The cart with what its last view here priced from, in one round trip (ADR 0030)."""
        from .read_ahead import read_cart

        raw, ahead = read_cart(cart_id)
        return _cart_of(raw), ahead

    def active_cart_id(self, customer_id: str) -> str | None:
        try:
            return str(CustomerCartItem.get(*keys.customer_cart(customer_id), consistent_read=True).cart_id)
        except DoesNotExist:
            return None

    def save(self, cart: Cart, *others: Cart) -> Cart:
        carts = (cart, *others)

        def build(tw: TransactWrite) -> None:
            for c in carts:
                record = _cart_record(c)
                record.version = c.version  # PynamoDB conditions on it and increments it
                tw.save(record)

        transact.run_checked(
            build, Conflict("The cart changed meanwhile; try again.", code=CommonErrorCode.CONCURRENT_UPDATE)
        )
        return replace(cart, version=cart.version + 1)


# --- promotions --------------------------------------------------------------------------
def _scope_json(scope: Scope) -> dict[str, list[str]]:
    return {
        "category_ids": sorted(scope.category_ids),
        "product_ids": sorted(scope.product_ids),
        "skus": sorted(scope.skus),
    }


def _scope(data: dict[str, Any] | None) -> Scope:
    data = data or {}
    return Scope(
        category_ids=frozenset(data.get("category_ids", [])),
        product_ids=frozenset(data.get("product_ids", [])),
        skus=frozenset(data.get("skus", [])),
    )


def _rules_json(p: Promotion) -> dict[str, Any]:
    return {
        "percent": p.percent,
        "n": p.n,
        "weekday": p.weekday,
        "tiers": [[t.threshold, t.discount] for t in p.tiers],
        "sku": p.sku,
        "price": p.price,
        "quantity": p.quantity,
        "per_customer_limit": p.per_customer_limit,
        "audience": p.audience.to_json() if p.audience is not None else None,
        "margin_override": p.margin_override,
        **merch_rules_json(p),
        "budget": p.budget,  # ADR 0028; ``spent`` is checkout's counter on the item
        "owner": p.owner,
        **({"presale": p.presale.to_json()} if p.presale is not None else {}),  # ADR 0026
    }


def promotion_of(item: PromotionItem) -> Promotion:
    r = item.rules or {}
    return Promotion(
        id=item.id,
        name=item.name,
        type=item.promo_type,
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        scope=_scope(item.scope),
        percent=r.get("percent"),
        n=r.get("n"),
        weekday=r.get("weekday"),
        tiers=tuple(Tier(int(t), int(d)) for t, d in r.get("tiers", [])),
        sku=r.get("sku"),
        price=r.get("price"),
        quantity=r.get("quantity"),
        per_customer_limit=r.get("per_customer_limit"),
        sold=int(item.sold or 0),
        ended_at=item.ended_at,
        audience=Audience.from_json(r.get("audience")),
        margin_override=r.get("margin_override"),
        **merch_fields(r),
        budget=r.get("budget"),
        spent=int(item.spent or 0),
        owner=r.get("owner"),
        presale=PresaleRule.from_json(r.get("presale")),
    )


def _effective_end(p: Promotion) -> datetime:
    return min(p.ends_at, p.ended_at) if p.ended_at else p.ends_at


def mark_pricing_change(tw: TransactWrite) -> None:
    """Staff changed a promotion or a shipping template: checkout's caches loaded before
    now are stale. The time is this process's clock, like the caches' load times."""
    tw.save(PricingChangeItem(*keys.pricing_change(), changed_at=datetime.now(UTC)))


class DynamoPromotions:
    def add(self, promotion: Promotion, now: datetime) -> None:
        item = PromotionItem(
            *keys.promotion(promotion.id),
            id=promotion.id,
            name=promotion.name,
            promo_type=promotion.type,
            starts_at=promotion.starts_at,
            ends_at=promotion.ends_at,
            ended_at=promotion.ended_at,
            scope=_scope_json(promotion.scope),
            rules=_rules_json(promotion),
            sold=promotion.sold,
            created_at=now,
            updated_at=now,
            GSI1PK=keys.PROMOTIONS_PK,
            GSI1SK=f"{keys.iso_key(_effective_end(promotion))}#{promotion.id}",
            GSI2PK=keys.PROMOTIONS_PK,
            GSI2SK=promotion.id,
        )

        def build(tw: TransactWrite) -> None:
            tw.save(item, condition=PromotionItem.PK.does_not_exist())
            mark_pricing_change(tw)

        transact.run(build)

    def get(self, promotion_id: str) -> Promotion | None:
        try:
            return promotion_of(PromotionItem.get(*keys.promotion(promotion_id), consistent_read=True))
        except DoesNotExist:
            return None

    def save(self, promotion: Promotion, now: datetime) -> None:
        """Staff edits: every field but the sold counter, which checkout ADDs to."""

        def build(tw: TransactWrite) -> None:
            tw.update(
                PromotionItem(*keys.promotion(promotion.id)), actions=actions, condition=PromotionItem.PK.exists()
            )
            mark_pricing_change(tw)

        actions: list[Action] = [
            PromotionItem.name.set(promotion.name),
            PromotionItem.starts_at.set(promotion.starts_at),
            PromotionItem.ends_at.set(promotion.ends_at),
            PromotionItem.ended_at.set(promotion.ended_at) if promotion.ended_at else PromotionItem.ended_at.remove(),
            PromotionItem.scope.set(_scope_json(promotion.scope)),
            PromotionItem.rules.set(_rules_json(promotion)),
            PromotionItem.updated_at.set(now),
            PromotionItem.GSI1SK.set(f"{keys.iso_key(_effective_end(promotion))}#{promotion.id}"),
        ]
        transact.run(build)

    def not_ended(self, now: datetime) -> list[Promotion]:
        """Running and scheduled promotions: those whose end is still ahead."""
        items = PromotionItem.gsi1.query(keys.PROMOTIONS_PK, keys.iso_key(now) < PromotionItem.GSI1SK)
        return [promotion_of(i) for i in items]

    def page(self, limit: int, after: Position | None) -> Page:
        page = query_page(keys.PROMOTIONS_PK, "GSI2", GSI2_KEYS, limit, after, forward=False)
        return Page([promotion_of(i) for i in page.items], page.next_position)

    def flash_used(self, customer_id: str, promotion_ids: list[str]) -> dict[str, int]:
        if not promotion_ids:
            return {}
        found = UsageItem.batch_get([keys.promotion_usage(p, customer_id) for p in promotion_ids], consistent_read=True)
        return {i.PK.split("#", 1)[1]: int(i.used or 0) for i in found}


# --- coupons -------------------------------------------------------------------------------
def coupon_of(item: CouponItem, used_by_customer: int) -> Coupon:
    def opt(value: Any) -> int | None:
        return None if value is None else int(value)

    return Coupon(
        code=item.code,
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        amount_off=opt(item.amount_off),
        percent_off=opt(item.percent_off),
        max_discount=opt(item.max_discount),
        min_spend=int(item.min_spend or 0),
        usage_limit=opt(item.usage_limit),
        per_customer_limit=opt(item.per_customer_limit),
        scope=_scope(item.scope),
        audience=Audience.from_json(item.audience),
        used=int(item.used or 0),
        used_by_customer=used_by_customer,
        owner_id=item.owner_id,
        claimable=bool(item.claimable),
        claim_limit=opt(item.claim_limit),
        claimed=int(item.claimed or 0),
        budget=opt(item.budget),
        spent=int(item.spent or 0),
        owner=item.staff_owner,
    )


def coupon_item(coupon: Coupon, created_at: datetime, *, listed: bool = True) -> CouponItem:
    """A coupon's item, unused. ``listed`` puts it on the staff's coupon list (GSI2); a
    customer's own coupon (a compensation) is read by its code and the wallet only."""
    item = CouponItem(
        *keys.coupon(coupon.code),
        code=coupon.code,
        starts_at=coupon.starts_at,
        ends_at=coupon.ends_at,
        amount_off=coupon.amount_off,
        percent_off=coupon.percent_off,
        max_discount=coupon.max_discount,
        min_spend=coupon.min_spend,
        usage_limit=coupon.usage_limit,
        per_customer_limit=coupon.per_customer_limit,
        scope=_scope_json(coupon.scope),
        audience=coupon.audience.to_json() if coupon.audience is not None else None,
        used=0,
        created_at=created_at,
        owner_id=coupon.owner_id,
        budget=coupon.budget,
        staff_owner=coupon.owner,
    )
    if coupon.claimable:
        item.claimable, item.claim_limit, item.claimed = True, coupon.claim_limit, 0
    if listed:
        item.GSI2PK, item.GSI2SK = keys.COUPONS_PK, f"{keys.iso_key(created_at)}#{coupon.code}"
    return item


class DynamoCoupons(CouponBudgets):
    def add(self, coupon: Coupon, now: datetime) -> None:
        try:
            coupon_item(coupon, now).save(condition=CouponItem.PK.does_not_exist())
        except PutError as error:
            if transact.put_refused(error):
                raise Conflict(
                    f"Coupon code {coupon.code} exists already.", code=MarketingErrorCode.COUPON_CODE_TAKEN
                ) from error
            raise

    def get(self, code: str, customer_id: str | None) -> Coupon | None:
        wanted = [keys.coupon(code)] + ([keys.coupon_usage(code, customer_id)] if customer_id else [])
        coupon_item: CouponItem | None = None
        used_by_customer = 0
        for item in Item.batch_get(wanted, consistent_read=True):
            if isinstance(item, CouponItem):
                coupon_item = item
            elif isinstance(item, UsageItem):
                used_by_customer = int(item.used or 0)
        return coupon_of(coupon_item, used_by_customer) if coupon_item is not None else None

    def page(self, limit: int, after: Position | None) -> Page:
        page = query_page(keys.COUPONS_PK, "GSI2", GSI2_KEYS, limit, after, forward=False)
        return Page([coupon_of(i, 0) for i in page.items], page.next_position)


# --- shipping templates ----------------------------------------------------------------------
