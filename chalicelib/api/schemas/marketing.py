"""Promotions (flash sales included), coupons and shipping templates."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator

from ...domain.money import Money
from ...domain.promotions import Coupon, Promotion, Scope
from ...domain.shipping import ShippingTemplate
from ...domain.targeting import Audience
from ...services.merch_promotions import MAX_ITEMS, MAX_POOL
from ...services.presale_rules import PresaleSpec
from ...services.promotions import CouponSpec, PromotionSpec, RegionSpec, ShippingSpec
from .common import MoneyIn, Strict, Timestamp, money, not_blank, ts

Id = Annotated[str, StringConstraints(min_length=1, max_length=64)]
# Upper bounds of the integers (lower bounds are the service's rules, reported with the others).
MAX_PERCENT = 100
MAX_N = 100  # "every n-th unit": a cart line holds at most 99
MAX_LIMIT = 1_000_000  # usage limits, per-customer limits, flash-sale quantities
SKU_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
# Who runs a promotion or coupon (ADR 0028): a staff email or name, no control characters.
Owner = Annotated[str, StringConstraints(min_length=1, max_length=254, pattern=r"^[^\x00-\x1f\x7f]+$")]


class ScopeIn(Strict):
    category_ids: list[Id] = Field(default_factory=list, max_length=100)
    product_ids: list[Id] = Field(default_factory=list, max_length=100)
    skus: list[Id] = Field(default_factory=list, max_length=100)

    def to_scope(self) -> Scope:
        return Scope(frozenset(self.category_ids), frozenset(self.product_ids), frozenset(self.skus))


class AudienceIn(Strict):
    """Targeting (ADR 0019), any-of: RFM segments, new customers, paid members."""

    segments: list[Annotated[str, StringConstraints(min_length=1, max_length=32)]] = Field(
        default_factory=list, max_length=8
    )
    new_customers: bool = False
    paid_members: bool = False

    def to_audience(self) -> Audience:
        return Audience(frozenset(self.segments), self.new_customers, self.paid_members)


def audience_out(audience: Audience | None) -> dict[str, Any] | None:
    return audience.to_json() if audience is not None else None


class BundleItemIn(Strict):
    sku: str = Field(pattern=SKU_PATTERN)
    quantity: int = Field(ge=1, le=MAX_N)


def merch_out(p: Promotion, currency: str) -> dict[str, Any]:
    """A merchandising promotion's own fields (ADR 0027)."""
    if p.type == "gift_with_purchase":
        return {
            "gift_sku": p.gift_sku,
            "gift_quantity": p.gift_quantity,
            "gift_limit": p.gift_limit,
            "trigger_sku": p.trigger_sku,
            "trigger_quantity": p.trigger_quantity if p.trigger_sku is not None else None,
            "threshold": money(p.threshold, currency),
        }
    if p.type == "bundle":
        return {"items": [{"sku": s, "quantity": q} for s, q in p.items], "price": money(p.price, currency)}
    if p.type == "lucky_bag":
        return {"sku": p.sku, "pool": [sku for _, sku in p.pool]}
    return {}


class TierIn(Strict):
    threshold: MoneyIn
    discount: MoneyIn


class PromotionIn(Strict):
    name: str = Field(min_length=1, max_length=100)
    type: Literal[
        "percent_off",
        "nth_item_discount",
        "member_day",
        "spend_threshold",
        "flash_sale",
        "gift_with_purchase",
        "bundle",
        "lucky_bag",
        "first_n",
        "presale",
    ]
    starts_at: Timestamp
    ends_at: Timestamp
    scope: ScopeIn = Field(default_factory=ScopeIn)
    percent: int | None = Field(default=None, le=MAX_PERCENT)
    n: int | None = Field(default=None, le=MAX_N)
    weekday: int | None = Field(default=None, le=7)
    tiers: list[TierIn] | None = Field(default=None, max_length=10)
    sku: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
    price: MoneyIn | None = None
    quantity: int | None = Field(default=None, le=MAX_LIMIT)
    per_customer_limit: int | None = Field(default=None, le=MAX_LIMIT)
    audience: AudienceIn | None = None
    override_margin: bool = False  # admins only: under the minimum margin all the same (ADR 0023)
    # Merchandising (ADR 0027)
    gift_sku: str | None = Field(default=None, pattern=SKU_PATTERN)
    gift_quantity: int | None = Field(default=None, le=MAX_N)
    gift_limit: int | None = Field(default=None, le=MAX_LIMIT)
    trigger_sku: str | None = Field(default=None, pattern=SKU_PATTERN)
    trigger_quantity: int | None = Field(default=None, le=MAX_N)
    threshold: MoneyIn | None = None
    items: list[BundleItemIn] | None = Field(default=None, max_length=MAX_ITEMS)
    pool: list[Annotated[str, StringConstraints(pattern=SKU_PATTERN)]] | None = Field(default=None, max_length=MAX_POOL)
    members_only: bool = False
    budget: MoneyIn | None = None  # budgets and owners (ADR 0028)
    owner: Owner | None = None
    # presale (ADR 0026): starts_at..ends_at is the deposit window, price the final price
    deposit: MoneyIn | None = None
    deposit_value: MoneyIn | None = None
    balance_starts_at: Timestamp | None = None
    balance_ends_at: Timestamp | None = None
    deposit_refundable: bool | None = None

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
            audience=self.audience.to_audience() if self.audience else None,
            gift_sku=self.gift_sku,
            gift_quantity=self.gift_quantity,
            gift_limit=self.gift_limit,
            trigger_sku=self.trigger_sku,
            trigger_quantity=self.trigger_quantity,
            threshold=self.threshold.to_money() if self.threshold else None,
            items=tuple((i.sku, i.quantity) for i in self.items or []),
            pool=tuple(self.pool or []),
            members_only=self.members_only,
            budget=self.budget.to_money() if self.budget else None,
            owner=self.owner,
            presale=presale_spec(self),
        )


def presale_spec(body: PromotionIn) -> PresaleSpec | None:
    """The presale fields, when any is given (ADR 0026)."""
    given = {"deposit", "deposit_value", "balance_starts_at", "balance_ends_at", "deposit_refundable"}
    if body.type != "presale" and not given & body.model_fields_set:
        return None
    return PresaleSpec(
        deposit=body.deposit.to_money() if body.deposit else None,
        deposit_value=body.deposit_value.to_money() if body.deposit_value else None,
        balance_starts_at=body.balance_starts_at,
        balance_ends_at=body.balance_ends_at,
        deposit_refundable=bool(body.deposit_refundable),
    )


class PromotionPatchIn(Strict):
    type: str | None = None  # refused unless unchanged: create a new promotion instead
    name: str | None = Field(default=None, min_length=1, max_length=100)
    starts_at: Timestamp | None = None
    ends_at: Timestamp | None = None
    scope: ScopeIn | None = None
    percent: int | None = Field(default=None, le=MAX_PERCENT)
    n: int | None = Field(default=None, le=MAX_N)
    weekday: int | None = Field(default=None, le=7)
    tiers: list[TierIn] | None = Field(default=None, max_length=10)
    price: MoneyIn | None = None
    quantity: int | None = Field(default=None, le=MAX_LIMIT)
    per_customer_limit: int | None = Field(default=None, le=MAX_LIMIT)
    audience: AudienceIn | None = None  # null: for everyone again
    override_margin: bool = False  # admins only (ADR 0023)
    # Merchandising (ADR 0027): the SKUs a gift or a bag names are not patched
    gift_quantity: int | None = Field(default=None, le=MAX_N)
    gift_limit: int | None = Field(default=None, le=MAX_LIMIT)
    trigger_quantity: int | None = Field(default=None, le=MAX_N)
    threshold: MoneyIn | None = None
    items: list[BundleItemIn] | None = Field(default=None, max_length=MAX_ITEMS)
    pool: list[Annotated[str, StringConstraints(pattern=SKU_PATTERN)]] | None = Field(default=None, max_length=MAX_POOL)
    members_only: bool | None = None
    budget: MoneyIn | None = None  # null: no budget any more (ADR 0028)
    owner: Owner | None = None  # null: no owner

    def to_changes(self) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        for name in self.model_fields_set - {"override_margin"}:
            value = getattr(self, name)
            if name == "audience":
                changes[name] = value.to_audience() if value is not None else None
                continue
            if name in ("budget", "owner"):  # null removes it
                changes[name] = value.to_money() if isinstance(value, MoneyIn) else value
                continue
            if value is None:
                continue
            if name == "scope":
                value = value.to_scope()
            elif name == "tiers":
                value = tuple((t.threshold.to_money(), t.discount.to_money()) for t in value)
            elif name in ("items", "pool"):
                value = tuple((i.sku, i.quantity) for i in value) if name == "items" else tuple(value)
            elif isinstance(value, MoneyIn):
                value = value.to_money()
            changes[name] = value
        return changes


class CouponIn(Strict):
    code: str = Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")
    starts_at: Timestamp
    ends_at: Timestamp
    amount_off: MoneyIn | None = None
    percent_off: int | None = Field(default=None, le=MAX_PERCENT)
    max_discount: MoneyIn | None = None
    min_spend: MoneyIn | None = None
    usage_limit: int | None = Field(default=None, le=MAX_LIMIT)
    per_customer_limit: int | None = Field(default=None, le=MAX_LIMIT)
    scope: ScopeIn = Field(default_factory=ScopeIn)
    # the wallet (ADR 0018)
    claimable: bool = False
    claim_limit: int | None = Field(default=None, le=MAX_LIMIT)
    audience: AudienceIn | None = None
    budget: MoneyIn | None = None  # budgets and owners (ADR 0028)
    owner: Owner | None = None

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
            claimable=self.claimable,
            claim_limit=self.claim_limit,
            audience=self.audience.to_audience() if self.audience else None,
            budget=money_of(self.budget),
            owner=self.owner,
        )


class CouponPatchIn(Strict):
    """A coupon's budget and owner (ADR 0028); null removes either."""

    budget: MoneyIn | None = None
    owner: Owner | None = None

    def to_changes(self) -> dict[str, Any]:
        return {
            name: (value.to_money() if isinstance(value, MoneyIn) else value)
            for name in self.model_fields_set
            for value in [getattr(self, name)]
        }


class RegionIn(Strict):
    provinces: list[Annotated[str, StringConstraints(min_length=1, max_length=30)]] = Field(min_length=1, max_length=40)
    first_fee: MoneyIn
    additional_fee: MoneyIn


class ShippingTemplateIn(Strict):
    name: str = Field(min_length=1, max_length=100)
    _name = field_validator("name")(not_blank)
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
        "audience": audience_out(p.audience),
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
            members_only=p.members_only,
        )
    body.update(merch_out(p, currency))
    if p.type == "first_n":
        body.update(price=money(p.price, currency), percent=p.percent, quantity=p.quantity, sold=p.sold)
    if p.type == "presale" and p.presale is not None:
        rule = p.presale
        body.update(
            sku=p.sku,
            price=money(p.price, currency),
            deposit=money(rule.deposit, currency),
            deposit_value=money(rule.deposit_value, currency),
            balance_starts_at=ts(rule.balance_starts_at),
            balance_ends_at=ts(rule.balance_ends_at),
            deposit_refundable=rule.deposit_refundable,
        )
    body["margin_override"] = p.margin_override  # who let it under the minimum margin, when (ADR 0023)
    body.update(budget_out(p.budget, p.spent, p.owner, currency))
    return body


def budget_out(budget: int | None, spent: int, owner: str | None, currency: str) -> dict[str, Any]:
    """Budgets and owners (ADR 0028): the budget, what orders took of it, what is left."""
    return {
        "budget": money(budget, currency),
        "spent": money(spent, currency),
        "budget_left": money(max(0, budget - spent), currency) if budget is not None else None,
        "owner": owner,
    }


def report_out(report: dict[str, Any], currency: str) -> dict[str, Any]:
    """A promotion's or coupon's report (ADR 0028): the read model's figures (as of the
    last order event applied) and the budget's live counter."""
    tally = report["tally"]
    return {
        ("promotion_id" if report["kind"] == "promotion" else "code"): report["id"],
        "owner": report["owner"],
        "orders": tally.orders,
        "units": tally.units,
        "gmv": money(tally.gmv, currency),
        "discount": money(tally.discount, currency),
        "refunds": {"count": tally.refunds, "amount": money(tally.refunded, currency)},
        "as_of": tally.as_of,
        "budget": money(report["budget"], currency),
        "spent": money(report["spent"], currency),
        "budget_left": money(report["budget_left"], currency),
        "read_at": report["read_at"],
    }


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
        "claimable": c.claimable,
        "claim_limit": c.claim_limit,
        "claimed": c.claimed,
        "audience": audience_out(c.audience),
        **budget_out(c.budget, c.spent, c.owner, currency),
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
