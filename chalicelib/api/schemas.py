"""Request models (shape validation at the edge) and response serialisers.

Requests are strict: no type coercion ("12" is not 12, 1.0 is not 1), unknown
fields are refused, server-computed fields are refused as read_only_field.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from ..domain.catalog import MAX_SKUS_PER_PRODUCT, Category, Product, Sku, StockLevel
from ..domain.clock import to_rfc3339
from ..domain.money import Money
from ..domain.orders import Order
from ..domain.pricing import Adjustment, Coupon, Promotion, Scope, ShippingTemplate
from ..services.carts import CartView
from ..services.catalog import ProductView, SkuSpec
from ..services.ports import Customer, LedgerEntry, StaffKey
from ..services.promotions import CouponSpec, PromotionSpec, RegionSpec, ShippingSpec


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", str_strip_whitespace=False)


Code = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
ShortText = Field(min_length=1, max_length=200)
# Keys and values of specs and attributes are bounded so that an item always fits DynamoDB's 400 KB.
Key = Annotated[str, StringConstraints(min_length=1, max_length=50)]
Value = Annotated[str, StringConstraints(max_length=500)]
Labels = dict[Key, Value]


def _not_blank(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise ValueError("must not be blank")
    return value


def _http_urls(value: list[str] | None) -> list[str] | None:
    for url in value or []:
        if not url.startswith(("https://", "http://")) or len(url) > 2000:
            raise ValueError("images must be http(s) URLs of at most 2000 characters")
    return value


class MoneyIn(Strict):
    amount: int = Field(ge=0, le=10**12)
    currency: str = Field(pattern=r"^[A-Z]{3}$")

    def to_money(self) -> Money:
        return Money(self.amount, self.currency)


# --- auth ---------------------------------------------------------------------------
class RegisterIn(Strict):
    email: str = Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    password: str = Field(max_length=128)
    name: str = Field(min_length=1, max_length=100)


class LoginIn(Strict):
    email: str = Field(max_length=254)
    password: str = Field(max_length=128)


class ApiKeyIn(Strict):
    name: str = Field(min_length=1, max_length=100)
    roles: list[str] = Field(min_length=1, max_length=5)


# --- catalog ------------------------------------------------------------------------
class CategoryIn(Strict):
    name: str = Field(min_length=1, max_length=100)
    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)
    parent_id: str | None = Field(default=None, max_length=64)

    _name_not_blank = field_validator("name")(_not_blank)


Specs = Labels


class SkuIn(Strict):
    code: str = Code
    specs: Specs = Field(default_factory=dict, max_length=20)
    price: MoneyIn
    member_price: MoneyIn | None = None
    cost_price: MoneyIn | None = None
    weight_grams: int = Field(ge=0, le=1_000_000)
    stock: int = Field(default=0, ge=0, le=10_000_000)
    safety_stock: int = Field(default=0, ge=0, le=10_000_000)

    def to_spec(self) -> SkuSpec:
        return SkuSpec(
            code=self.code,
            specs=self.specs,
            price=self.price.to_money(),
            member_price=self.member_price.to_money() if self.member_price else None,
            cost_price=self.cost_price.to_money() if self.cost_price else None,
            weight_grams=self.weight_grams,
            stock=self.stock,
            safety_stock=self.safety_stock,
        )


class ProductIn(Strict):
    title: str = ShortText
    description: str = Field(default="", max_length=20_000)
    category_id: str = Field(min_length=1, max_length=64)
    images: list[str] = Field(default_factory=list, max_length=20)
    attributes: Labels = Field(default_factory=dict, max_length=50)
    skus: list[SkuIn] = Field(min_length=1, max_length=MAX_SKUS_PER_PRODUCT)
    status: Literal["draft", "listed"] = "draft"
    list_at: AwareDatetime | None = None
    delist_at: AwareDatetime | None = None

    _title_not_blank = field_validator("title")(_not_blank)
    _images = field_validator("images")(_http_urls)


class SkuPatchIn(Strict):
    code: str = Code
    specs: Specs | None = Field(default=None, max_length=20)
    price: MoneyIn | None = None
    member_price: MoneyIn | None = None
    cost_price: MoneyIn | None = None
    weight_grams: int | None = Field(default=None, ge=0, le=1_000_000)
    safety_stock: int | None = Field(default=None, ge=0, le=10_000_000)
    stock: int | None = Field(default=None, ge=0, le=10_000_000)  # new SKUs only


class ProductPatchIn(Strict):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=20_000)
    category_id: str | None = Field(default=None, max_length=64)
    images: list[str] | None = Field(default=None, max_length=20)
    attributes: Labels | None = Field(default=None, max_length=50)
    skus: list[SkuPatchIn] | None = Field(default=None, max_length=MAX_SKUS_PER_PRODUCT)
    list_at: AwareDatetime | None = None
    delist_at: AwareDatetime | None = None

    _title_not_blank = field_validator("title")(_not_blank)
    _images = field_validator("images")(_http_urls)

    def to_patch(self) -> dict[str, Any]:
        """Only the fields the client sent; an explicit null clears a nullable field."""
        patch: dict[str, Any] = {}
        for name in self.model_fields_set:
            value = getattr(self, name)
            if name == "skus":
                patch["skus"] = [_sku_patch(s) for s in value or []]
            elif value is None and name not in ("list_at", "delist_at"):
                continue
            else:
                patch[name] = value
        return patch


def _sku_patch(s: SkuPatchIn) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in s.model_fields_set | {"code"}:
        value = getattr(s, name)
        out[name] = value.to_money() if isinstance(value, MoneyIn) else value
    return out


class ScheduleIn(Strict):
    at: AwareDatetime | None = None


class AdjustmentIn(Strict):
    delta: int = Field(ge=-1_000_000, le=1_000_000)
    reason: str = Field(min_length=1, max_length=40)
    note: str | None = Field(default=None, max_length=500)


class JobRunIn(Strict):
    as_of: AwareDatetime | None = None


# --- responses ----------------------------------------------------------------------
def ts(value: datetime | None) -> str | None:
    return to_rfc3339(value) if value is not None else None


def money(amount: int | None, currency: str) -> dict[str, Any] | None:
    return None if amount is None else {"amount": amount, "currency": currency}


def customer_out(c: Customer) -> dict[str, Any]:
    return {"id": c.id, "email": c.email, "name": c.name, "created_at": ts(c.created_at)}


def staff_key_out(k: StaffKey) -> dict[str, Any]:
    return {
        "id": k.id,
        "name": k.name,
        "roles": sorted(k.roles),
        "created_at": ts(k.created_at),
        "created_by": k.created_by,
    }


def category_out(c: Category) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "slug": c.slug,
        "parent_id": c.parent_id,
        "path": list(c.path),
        "created_at": ts(c.created_at),
    }


def store_sku_out(sku: Sku, stock: StockLevel, currency: str, is_member: bool) -> dict[str, Any]:
    effective = sku.price
    if is_member and sku.member_price is not None:
        effective = min(effective, sku.member_price)
    return {
        "code": sku.code,
        "specs": sku.specs,
        "price": money(sku.price, currency),
        "member_price": money(sku.member_price, currency),
        "effective_price": money(effective, currency),
        "in_stock": stock.available > 0,
    }


def store_product_out(view: ProductView, currency: str, is_member: bool = False) -> dict[str, Any]:
    p = view.product
    return {
        **_product_common(p, currency),
        "skus": [store_sku_out(s, st, currency, is_member) for s, st in view.skus],
    }


def product_summary_out(p: Product, currency: str) -> dict[str, Any]:
    return {**_product_common(p, currency), "sales": p.sales}


def _product_common(p: Product, currency: str) -> dict[str, Any]:
    return {
        "id": p.id,
        "title": p.title,
        "description": p.description,
        "category_id": p.category_id,
        "images": list(p.images),
        "attributes": p.attributes,
        "price_range": {"min": money(p.min_price, currency), "max": money(p.max_price, currency)},
        "created_at": ts(p.created_at),
    }


def admin_product_out(view: ProductView, currency: str, now: datetime) -> dict[str, Any]:
    p = view.product
    return {
        **_product_common(p, currency),
        "category_path": list(p.category_path),
        "status": p.status,
        "visible": p.is_visible(now),
        "list_at": ts(p.list_at),
        "delist_at": ts(p.delist_at),
        "listed_at": ts(p.listed_at),
        "sales": p.sales,
        "version": p.version,
        "updated_at": ts(p.updated_at),
        "skus": [
            {
                "code": s.code,
                "specs": s.specs,
                "price": money(s.price, currency),
                "member_price": money(s.member_price, currency),
                "cost_price": money(s.cost_price, currency),
                "weight_grams": s.weight_grams,
                "safety_stock": s.safety_stock,
                **stock_out(st),
            }
            for s, st in view.skus
        ],
    }


def admin_product_summary_out(p: Product, currency: str, now: datetime) -> dict[str, Any]:
    return {
        **_product_common(p, currency),
        "status": p.status,
        "visible": p.is_visible(now),
        "list_at": ts(p.list_at),
        "delist_at": ts(p.delist_at),
        "sku_codes": list(p.sku_codes),
        "updated_at": ts(p.updated_at),
    }


def stock_out(stock: StockLevel) -> dict[str, int]:
    return {"on_hand": stock.on_hand, "reserved": stock.reserved, "available": stock.available}


def ledger_out(e: LedgerEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "sku": e.sku,
        "on_hand_delta": e.on_hand_delta,
        "reserved_delta": e.reserved_delta,
        "reason": e.reason,
        "note": e.note,
        "reference": e.reference,
        "actor": e.actor,
        "at": ts(e.at),
    }


# --- carts ----------------------------------------------------------------------------------
class EmptyIn(Strict):
    """A body with no fields: anything sent is refused."""


class CartItemIn(Strict):
    sku: str = Code
    quantity: int = Field(ge=1, le=99)


class QuantityIn(Strict):
    quantity: int = Field(ge=1, le=99)


class CouponCodeIn(Strict):
    code: str = Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")


class AddressIn(Strict):
    name: str = Field(min_length=1, max_length=50)
    phone: str = Field(pattern=r"^\+?[0-9][0-9 -]{4,19}$")
    country: str = Field(default="CN", pattern=r"^[A-Z]{2}$")
    province: str = Field(min_length=1, max_length=30)
    city: str = Field(min_length=1, max_length=30)
    district: str | None = Field(default=None, max_length=30)
    line1: str = Field(min_length=1, max_length=200)
    line2: str | None = Field(default=None, max_length=200)
    postal_code: str | None = Field(default=None, pattern=r"^[0-9A-Za-z -]{3,10}$")

    _blank = field_validator("name", "province", "city", "line1")(_not_blank)


class MergeIn(Strict):
    guest_cart_id: str = Field(min_length=1, max_length=64)
    guest_token: str = Field(min_length=1, max_length=100)


# --- promotions, coupons, shipping ------------------------------------------------------------
Id = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class ScopeIn(Strict):
    category_ids: list[Id] = Field(default_factory=list, max_length=100)
    product_ids: list[Id] = Field(default_factory=list, max_length=100)
    skus: list[Id] = Field(default_factory=list, max_length=100)

    def to_scope(self) -> Scope:
        return Scope(frozenset(self.category_ids), frozenset(self.product_ids), frozenset(self.skus))


class TierIn(Strict):
    threshold: MoneyIn
    discount: MoneyIn


class PromotionIn(Strict):
    name: str = Field(min_length=1, max_length=100)
    type: Literal["percent_off", "nth_item_discount", "member_day", "spend_threshold", "flash_sale"]
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    scope: ScopeIn = Field(default_factory=ScopeIn)
    percent: int | None = None
    n: int | None = None
    weekday: int | None = None
    tiers: list[TierIn] | None = Field(default=None, max_length=10)
    sku: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
    price: MoneyIn | None = None
    quantity: int | None = None
    per_customer_limit: int | None = None

    def to_spec(self) -> PromotionSpec:
        return PromotionSpec(
            name=self.name,
            type=self.type,
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            scope=self.scope.to_scope(),
            percent=self.percent,
            n=self.n,
            weekday=self.weekday,
            tiers=tuple((t.threshold.to_money(), t.discount.to_money()) for t in self.tiers or []),
            sku=self.sku,
            price=self.price.to_money() if self.price else None,
            quantity=self.quantity,
            per_customer_limit=self.per_customer_limit,
        )


class PromotionPatchIn(Strict):
    type: str | None = None  # refused unless unchanged: create a new promotion instead
    name: str | None = Field(default=None, min_length=1, max_length=100)
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    scope: ScopeIn | None = None
    percent: int | None = None
    n: int | None = None
    weekday: int | None = None
    tiers: list[TierIn] | None = Field(default=None, max_length=10)
    price: MoneyIn | None = None
    quantity: int | None = None
    per_customer_limit: int | None = None

    def to_changes(self) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        for name in self.model_fields_set:
            value = getattr(self, name)
            if value is None:
                continue
            if name == "scope":
                value = value.to_scope()
            elif name == "tiers":
                value = tuple((t.threshold.to_money(), t.discount.to_money()) for t in value)
            elif isinstance(value, MoneyIn):
                value = value.to_money()
            changes[name] = value
        return changes


class CouponIn(Strict):
    code: str = Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    amount_off: MoneyIn | None = None
    percent_off: int | None = None
    max_discount: MoneyIn | None = None
    min_spend: MoneyIn | None = None
    usage_limit: int | None = None
    per_customer_limit: int | None = None
    scope: ScopeIn = Field(default_factory=ScopeIn)

    def to_spec(self) -> CouponSpec:
        def money_of(value: MoneyIn | None) -> Money | None:
            return value.to_money() if value else None

        return CouponSpec(
            code=self.code,
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            scope=self.scope.to_scope(),
            amount_off=money_of(self.amount_off),
            percent_off=self.percent_off,
            max_discount=money_of(self.max_discount),
            min_spend=money_of(self.min_spend),
            usage_limit=self.usage_limit,
            per_customer_limit=self.per_customer_limit,
        )


class RegionIn(Strict):
    provinces: list[Annotated[str, StringConstraints(min_length=1, max_length=30)]] = Field(min_length=1, max_length=40)
    first_fee: MoneyIn
    additional_fee: MoneyIn


class ShippingTemplateIn(Strict):
    name: str = Field(min_length=1, max_length=100)
    _name = field_validator("name")(_not_blank)
    is_default: bool = False
    first_weight_grams: int = Field(ge=0, le=1_000_000)
    first_fee: MoneyIn
    additional_weight_grams: int = Field(ge=1, le=1_000_000)
    additional_fee: MoneyIn
    free_over: MoneyIn | None = None
    regions: list[RegionIn] = Field(default_factory=list, max_length=40)
    no_free_shipping_provinces: list[Annotated[str, StringConstraints(min_length=1, max_length=30)]] = Field(
        default_factory=list, max_length=40
    )

    def to_spec(self) -> ShippingSpec:
        return ShippingSpec(
            name=self.name,
            is_default=self.is_default,
            first_weight_grams=self.first_weight_grams,
            first_fee=self.first_fee.to_money(),
            additional_weight_grams=self.additional_weight_grams,
            additional_fee=self.additional_fee.to_money(),
            free_over=self.free_over.to_money() if self.free_over else None,
            regions=tuple(
                RegionSpec(tuple(r.provinces), r.first_fee.to_money(), r.additional_fee.to_money())
                for r in self.regions
            ),
            no_free_shipping_provinces=tuple(self.no_free_shipping_provinces),
        )


# --- cart and marketing responses ---------------------------------------------------------------
def scope_out(scope: Scope) -> dict[str, list[str]]:
    return {
        "category_ids": sorted(scope.category_ids),
        "product_ids": sorted(scope.product_ids),
        "skus": sorted(scope.skus),
    }


def promotion_out(p: Promotion, currency: str, now: datetime) -> dict[str, Any]:
    end = min(p.ends_at, p.ended_at) if p.ended_at else p.ends_at
    state = "scheduled" if now < p.starts_at else ("running" if now < end else "ended")
    body: dict[str, Any] = {
        "id": p.id,
        "name": p.name,
        "type": p.type,
        "state": state,
        "starts_at": ts(p.starts_at),
        "ends_at": ts(p.ends_at),
        "ended_at": ts(p.ended_at),
        "scope": scope_out(p.scope),
    }
    if p.type in ("percent_off", "nth_item_discount", "member_day"):
        body["percent"] = p.percent
    if p.type == "nth_item_discount":
        body["n"] = p.n
    if p.type == "member_day":
        body["weekday"] = p.weekday
    if p.type == "spend_threshold":
        body["tiers"] = [
            {"threshold": money(t.threshold, currency), "discount": money(t.discount, currency)} for t in p.tiers
        ]
    if p.type == "flash_sale":
        body.update(
            sku=p.sku,
            price=money(p.price, currency),
            quantity=p.quantity,
            sold=p.sold,
            per_customer_limit=p.per_customer_limit,
        )
    return body


def coupon_out(c: Coupon, currency: str) -> dict[str, Any]:
    return {
        "code": c.code,
        "starts_at": ts(c.starts_at),
        "ends_at": ts(c.ends_at),
        "amount_off": money(c.amount_off, currency),
        "percent_off": c.percent_off,
        "max_discount": money(c.max_discount, currency),
        "min_spend": money(c.min_spend, currency),
        "usage_limit": c.usage_limit,
        "per_customer_limit": c.per_customer_limit,
        "used": c.used,
        "scope": scope_out(c.scope),
    }


def shipping_template_out(t: ShippingTemplate, is_default: bool, currency: str) -> dict[str, Any]:
    return {
        "id": t.id,
        "name": t.name,
        "is_default": is_default,
        "first_weight_grams": t.first_weight_grams,
        "first_fee": money(t.first_fee, currency),
        "additional_weight_grams": t.additional_weight_grams,
        "additional_fee": money(t.additional_fee, currency),
        "free_over": money(t.free_over, currency),
        "regions": [
            {
                "provinces": sorted(r.provinces),
                "first_fee": money(r.first_fee, currency),
                "additional_fee": money(r.additional_fee, currency),
            }
            for r in t.regions
        ],
        "no_free_shipping_provinces": sorted(t.no_free_shipping_provinces),
    }


def _adjustment_out(a: Adjustment, currency: str) -> dict[str, Any]:
    return {
        "type": a.kind,
        "promotion_id": a.promotion_id,
        "code": a.code,
        "label": a.label,
        "amount": money(a.amount, currency),
    }


def cart_out(view: CartView, currency: str, token: str | None = None) -> dict[str, Any]:
    cart, priced = view.cart, view.priced
    lines = []
    for line in priced.lines:
        product, sku, stock = view.catalog[line.sku]
        lines.append(
            {
                "sku": line.sku,
                "product_id": line.product_id,
                "title": product.title,
                "specs": sku.specs,
                "image": product.images[0] if product.images else None,
                "quantity": line.quantity,
                "list_price": money(line.list_price, currency),
                "unit_price": money(line.unit_price, currency),
                "price_source": line.price_source,
                "adjustments": [_adjustment_out(a, currency) for a in line.adjustments],
                "line_total": money(line.line_total, currency),
                "order_discount": money(line.order_discount, currency),
                "payable": money(line.payable, currency),
                "in_stock": stock.available >= line.quantity,
            }
        )
    shipping = priced.shipping
    body: dict[str, Any] = {
        "id": cart.id,
        "status": cart.status,
        "customer_id": cart.customer_id,
        "lines": lines,
        "unavailable_lines": view.unavailable,
        "item_count": sum(line.quantity for line in priced.lines),
        "subtotal": money(priced.subtotal, currency),
        "discounts": [
            {"promotion_id": d.promotion_id, "code": d.code, "label": d.label, "amount": money(d.amount, currency)}
            for d in priced.discounts
        ],
        "discount_total": money(priced.discount_total, currency),
        "shipping": money(shipping.amount, currency),
        "shipping_details": {
            "free_reason": shipping.free_reason,
            "estimated": shipping.estimated,
            "weight_grams": shipping.weight_grams,
            "template_id": shipping.template_id,
        },
        "total": money(priced.total, currency),
        "savings": money(priced.undiscounted + shipping.amount - priced.total, currency),
        "coupon": None
        if priced.coupon is None
        else {"code": priced.coupon.code, "applied": priced.coupon.applied, "reason": priced.coupon.reason},
        "shipping_address": cart.shipping_address,
        "warnings": view.warnings,
        "created_at": ts(cart.created_at),
        "updated_at": ts(cart.updated_at),
        "expires_at": ts(cart.expires_at()),
    }
    if token is not None:
        body["token"] = token
    return body


# --- checkout and orders ------------------------------------------------------------------------
class CheckoutIn(Strict):
    cart_id: str = Field(min_length=1, max_length=64)
    shipping_address: AddressIn | None = None


class RejectIn(Strict):
    reason: str | None = Field(default=None, max_length=500)


def order_out(order: Order) -> dict[str, Any]:
    c = order.currency
    return {
        "id": order.id,
        "status": order.status,
        "payment_status": order.payment_status,
        "customer_id": order.customer_id,
        "cart_id": order.cart_id,
        "lines": [
            {
                "sku": line.sku,
                "product_id": line.product_id,
                "title": line.title,
                "specs": line.specs,
                "quantity": line.quantity,
                "list_price": money(line.list_price, c),
                "unit_price": money(line.unit_price, c),
                "adjustments": [{**a, "amount": money(a["amount"], c)} for a in line.adjustments],
                "line_total": money(line.line_total, c),
                "order_discount": money(line.order_discount, c),
                "payable": money(line.payable, c),
            }
            for line in order.lines
        ],
        "subtotal": money(order.subtotal, c),
        "discounts": [{**d, "amount": money(d["amount"], c)} for d in order.discounts],
        "shipping": money(order.shipping, c),
        "total": money(order.total, c),
        "amount_paid": money(order.amount_paid, c),
        "amount_refunded": money(order.amount_refunded, c),
        "coupon_code": order.coupon_code,
        "shipping_address": order.shipping_address,
        "payment_due_at": ts(order.payment_due_at) if order.status == "pending_payment" else None,
        "risk_reasons": list(order.risk_reasons),
        "shipments": shipments_out(order),
        "delivered_at": ts(order.delivered_at),
        "timeline": [
            {
                "at": ts(e.at),
                "type": e.type,
                "actor": e.actor,
                "from": e.from_status,
                "to": e.to_status,
                "reason": e.reason,
                **({"data": e.data} if e.data else {}),
            }
            for e in order.timeline
        ],
        "created_at": ts(order.created_at),
        "updated_at": ts(order.updated_at),
    }


def order_summary_out(order: Order) -> dict[str, Any]:
    return {
        "id": order.id,
        "status": order.status,
        "payment_status": order.payment_status,
        "total": money(order.total, order.currency),
        "item_count": sum(line.quantity for line in order.lines),
        "created_at": ts(order.created_at),
    }


# --- fulfillment ------------------------------------------------------------------------------------
class ShipmentLineIn(Strict):
    sku: str = Code
    quantity: int = Field(ge=1, le=99)


class ShipmentIn(Strict):
    carrier: str = Field(pattern=r"^[a-z0-9_-]{2,30}$")
    tracking_number: str = Field(pattern=r"^[A-Za-z0-9-]{4,40}$")
    lines: list[ShipmentLineIn] | None = Field(default=None, max_length=40)


class TrackingUpdateIn(Strict):
    event_id: str = Field(min_length=1, max_length=100)
    carrier: str = Field(pattern=r"^[a-z0-9_-]{2,30}$")
    tracking_number: str = Field(pattern=r"^[A-Za-z0-9-]{4,40}$")
    status: Literal["in_transit", "out_for_delivery", "delivered", "exception"]
    at: AwareDatetime
    description: str | None = Field(default=None, max_length=500)
    location: str | None = Field(default=None, max_length=200)


def shipments_out(order: Order) -> list[dict[str, Any]]:
    return [
        {
            "carrier": s.carrier,
            "tracking_number": s.tracking_number,
            "status": s.status,
            "lines": [{"sku": sku, "quantity": q} for sku, q in s.lines.items()],
            "shipped_at": ts(s.shipped_at),
            "tracking": [
                {"at": ts(e.at), "status": e.status, "description": e.description, "location": e.location}
                for e in sorted(s.events, key=lambda e: e.at)
            ],
        }
        for s in order.shipments
    ]


# --- membership ------------------------------------------------------------------------
class BenefitsIn(Strict):
    member_prices: bool = True
    percent_off: int = Field(default=0, ge=0, le=50)
    free_shipping: bool = True


class PlanIn(Strict):
    name: str = ShortText
    price: MoneyIn
    period: Literal["year", "month"]
    benefits: BenefitsIn = BenefitsIn()


class MembershipPurchaseIn(Strict):
    plan_id: str = Field(min_length=1, max_length=64)
    payment_method_id: str = Field(pattern=r"^pm_[A-Za-z0-9_]{1,100}$")
    auto_renew: bool = True


def plan_out(plan: Any) -> dict[str, Any]:
    b = plan.benefits
    return {
        "id": plan.id,
        "name": plan.name,
        "price": money(plan.price, plan.currency),
        "period": plan.period,
        "benefits": {"member_prices": b.member_prices, "percent_off": b.percent_off, "free_shipping": b.free_shipping},
        "created_at": ts(plan.created_at),
    }


def membership_out(m: Any, now: datetime) -> dict[str, Any]:
    return {
        "plan": plan_out(m.plan),
        "status": m.status,
        "is_member": m.is_member(now),
        "auto_renew": m.auto_renew,
        "period": m.period,
        "current_period_start": ts(m.current_period_start),
        "current_period_end": ts(m.current_period_end),
        "next_renewal_at": ts(m.next_action_at()) if m.auto_renew and m.status in ("active", "past_due") else None,
        "failed_attempts": m.failed_attempts,
        "history": list(m.history),
        "created_at": ts(m.created_at),
        "updated_at": ts(m.updated_at),
    }
