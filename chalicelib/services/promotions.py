"""Staff management of promotions, coupons and shipping templates."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from ..domain.clock import Clock
from ..domain.errors import ErrorList, InvalidTransition, NotFound
from ..domain.ids import new_id
from ..domain.margins import MarginOverride
from ..domain.money import Money
from ..domain.promotions import Coupon, Promotion, Scope, Tier
from ..domain.shipping import RegionRate, ShippingTemplate
from ..domain.targeting import Audience, unknown_segments
from .margin_guard import PromotionMargins
from .merch_promotions import MERCH_TYPE_FIELDS, check_merch, merch_changes
from .ports import CouponRepository, Page, Position, ProductRepository, PromotionRepository, ShippingRepository
from .presale_rules import PresaleSpec, presale_rule


@dataclass(frozen=True)
class PromotionSpec:
    name: str
    type: str
    starts_at: datetime
    ends_at: datetime
    scope: Scope
    percent: int | None = None
    n: int | None = None
    weekday: int | None = None
    tiers: tuple[tuple[Money, Money], ...] = ()
    sku: str | None = None
    price: Money | None = None
    quantity: int | None = None
    per_customer_limit: int | None = None
    audience: Audience | None = None
    # Merchandising (ADR 0027): gift with purchase, bundle (items at price), lucky bag (sku, pool).
    gift_sku: str | None = None
    gift_quantity: int | None = None
    gift_limit: int | None = None
    trigger_sku: str | None = None
    trigger_quantity: int | None = None
    threshold: Money | None = None
    items: tuple[tuple[str, int], ...] = ()
    pool: tuple[str, ...] = ()
    members_only: bool = False
    budget: Money | None = None  # budgets and owners (ADR 0028)
    owner: str | None = None
    presale: PresaleSpec | None = None  # a presale's deposit, its worth, the balance window (ADR 0026)


@dataclass(frozen=True)
class CouponSpec:
    code: str
    starts_at: datetime
    ends_at: datetime
    scope: Scope
    amount_off: Money | None = None
    percent_off: int | None = None
    max_discount: Money | None = None
    min_spend: Money | None = None
    usage_limit: int | None = None
    per_customer_limit: int | None = None
    # the wallet (ADR 0018)
    claimable: bool = False
    claim_limit: int | None = None
    audience: Audience | None = None
    budget: Money | None = None  # budgets and owners (ADR 0028)
    owner: str | None = None


@dataclass(frozen=True)
class RegionSpec:
    provinces: tuple[str, ...]
    first_fee: Money
    additional_fee: Money


@dataclass(frozen=True)
class ShippingSpec:
    name: str
    is_default: bool
    first_weight_grams: int
    first_fee: Money
    additional_weight_grams: int
    additional_fee: Money
    free_over: Money | None = None
    regions: tuple[RegionSpec, ...] = ()
    no_free_shipping_provinces: tuple[str, ...] = ()


_TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "percent_off": ("percent",),
    "nth_item_discount": ("n", "percent"),
    "member_day": ("weekday", "percent"),
    "spend_threshold": ("tiers",),
    "flash_sale": ("sku", "price", "quantity"),
    **MERCH_TYPE_FIELDS,
    "first_n": ("quantity",),  # and one of price, percent (ADR 0028: _check_first_n)
    "presale": ("sku", "price"),  # and presale_rules.PRESALE_FIELDS
}
_ALL_TYPE_FIELDS = ("percent", "n", "weekday", "tiers", "sku", "price", "quantity", "per_customer_limit")


def _check_claims(spec: CouponSpec, errors: ErrorList) -> None:
    """A claimable coupon names its claim limit (0: staff grants only); others have none."""
    if spec.claimable and spec.claim_limit is None:
        errors.add("claim_limit", "required", "A claimable coupon needs claim_limit (0 for grants only).")
    if spec.claim_limit is not None and not spec.claimable:
        errors.add("claim_limit", "not_applicable", "Only a claimable coupon has a claim limit.")
    if spec.claim_limit is not None and spec.claim_limit < 0:
        errors.add("claim_limit", "out_of_range", "claim_limit is at least 0.")


class MarketingService:
    def __init__(
        self,
        promotions: PromotionRepository,
        coupons: CouponRepository,
        shipping: ShippingRepository,
        products: ProductRepository,
        clock: Clock,
        currency: str,
        margins: PromotionMargins | None = None,
    ) -> None:
        self.margins = margins  # the margin guard (ADR 0023)
        self.promotions = promotions
        self.coupons = coupons
        self.shipping = shipping
        self.products = products
        self.clock = clock
        self.currency = currency

    # --- promotions ------------------------------------------------------------------------
    def create_promotion(self, spec: PromotionSpec, override: MarginOverride | None = None) -> Promotion:
        promotion = self._validated(new_id("promo"), spec)
        if self.margins is not None:
            promotion = self.margins.guard(promotion, override)
        self.promotions.add(promotion, self.clock.now())
        return promotion

    def get_promotion(self, promotion_id: str) -> Promotion:
        promotion = self.promotions.get(promotion_id)
        if promotion is None:
            raise NotFound(f"No promotion {promotion_id}.")
        return promotion

    def list_promotions(self, limit: int, after: Position | None) -> Page:
        return self.promotions.page(limit, after)

    def update_promotion(
        self, promotion_id: str, changes: dict[str, Any], override: MarginOverride | None = None
    ) -> Promotion:
        current = self.get_promotion(promotion_id)
        if current.ended_at is not None or current.ends_at <= self.clock.now():
            raise InvalidTransition("An ended promotion cannot be changed.")
        if "type" in changes and changes["type"] != current.type:
            errors = ErrorList()
            errors.add("type", "immutable", "Create a new promotion to change its type.")
            errors.raise_if_any()
        spec = PromotionSpec(
            name=changes.get("name", current.name),
            type=current.type,
            starts_at=changes.get("starts_at", current.starts_at),
            ends_at=changes.get("ends_at", current.ends_at),
            scope=changes.get("scope", current.scope),
            percent=changes.get("percent", current.percent),
            n=changes.get("n", current.n),
            weekday=changes.get("weekday", current.weekday),
            tiers=changes.get(
                "tiers",
                tuple((Money(t.threshold, self.currency), Money(t.discount, self.currency)) for t in current.tiers),
            ),
            sku=changes.get("sku", current.sku),
            price=changes.get("price", Money(current.price, self.currency) if current.price is not None else None),
            quantity=changes.get("quantity", current.quantity),
            per_customer_limit=changes.get("per_customer_limit", current.per_customer_limit),
            audience=changes.get("audience", current.audience),
            **merch_changes(current, changes, self.currency),
            budget=changes.get("budget", Money(current.budget, self.currency) if current.budget is not None else None),
            owner=changes.get("owner", current.owner),
            presale=PresaleSpec.of(current.presale, self.currency),  # not changed by a patch
        )
        recheck_flash = "price" in changes or "sku" in changes
        updated = replace(
            self._validated(current.id, spec, check_flash_price=recheck_flash),
            sold=current.sold,
            spent=current.spent,
            margin_override=current.margin_override,
        )
        if self.margins is not None and {"price", "sku", "percent", "scope", "items"} & changes.keys():
            updated = self.margins.guard(updated, override)
        self.promotions.save(updated, self.clock.now())
        return updated

    def end_promotion(self, promotion_id: str) -> Promotion:
        current = self.get_promotion(promotion_id)
        now = self.clock.now()
        if current.ended_at is not None or current.ends_at <= now:
            raise InvalidTransition("The promotion has ended already.")
        ended = replace(current, ended_at=now)
        self.promotions.save(ended, now)
        return ended

    def _validated(self, promotion_id: str, spec: PromotionSpec, check_flash_price: bool = True) -> Promotion:
        errors = ErrorList()
        if spec.type not in _TYPE_FIELDS:
            errors.add("type", "invalid_choice", f"One of {', '.join(_TYPE_FIELDS)}.")
            errors.raise_if_any()
        if not spec.name.strip():
            errors.add("name", "required", "Name must not be blank.")
        if spec.ends_at <= spec.starts_at:
            errors.add("ends_at", "before_starts_at", "ends_at must be later than starts_at.")
        needed = _TYPE_FIELDS[spec.type]
        for name in needed:
            if getattr(spec, name) in (None, ()):
                errors.add(name, "required", f"A {spec.type} promotion needs {name}.")
        for name in _ALL_TYPE_FIELDS:
            if name in needed or (spec.type == "first_n" and name in ("price", "percent")):
                continue
            if name != "per_customer_limit" and getattr(spec, name) not in (None, ()):
                errors.add(name, "not_applicable", f"A {spec.type} promotion has no {name}.")
        if spec.per_customer_limit is not None and spec.type != "flash_sale":
            errors.add("per_customer_limit", "not_applicable", "Only flash sales have a per-customer limit.")
        if spec.percent is not None and not 1 <= spec.percent <= 100:
            errors.add("percent", "out_of_range", "percent is 1 to 100.")
        if spec.n is not None and spec.n < 2:
            errors.add("n", "out_of_range", "n is at least 2 (every n-th unit).")
        if spec.weekday is not None and not 1 <= spec.weekday <= 7:
            errors.add("weekday", "out_of_range", "weekday is 1 (Monday) to 7 (Sunday).")
        tiers: list[Tier] = []
        for i, (threshold, discount) in enumerate(spec.tiers):
            self._currency(f"tiers.{i}.threshold", threshold, errors)
            self._currency(f"tiers.{i}.discount", discount, errors)
            if not 0 < discount.amount <= threshold.amount:
                errors.add(f"tiers.{i}.discount", "out_of_range", "A discount is positive and at most its threshold.")
            if tiers and threshold.amount <= tiers[-1].threshold:
                errors.add(f"tiers.{i}.threshold", "not_increasing", "Thresholds must increase.")
            tiers.append(Tier(threshold.amount, discount.amount))
        if spec.type == "flash_sale" and spec.sku is not None and spec.price is not None and check_flash_price:
            self._currency("price", spec.price, errors)
            product_id = self.products.product_id_of(spec.sku)
            row = self.products.for_lines([(product_id, spec.sku)]).get(spec.sku) if product_id else None
            if row is None:
                errors.add("sku", "not_found", f"No SKU {spec.sku}.")
            elif spec.price.amount >= row[1].price:
                errors.add("price", "not_a_discount", "A flash price is below the SKU's list price.")
            if spec.quantity is not None and spec.quantity < 1:
                errors.add("quantity", "out_of_range", "quantity is at least 1.")
            if spec.per_customer_limit is not None and spec.per_customer_limit < 1:
                errors.add("per_customer_limit", "out_of_range", "per_customer_limit is at least 1.")
        _check_audience(spec.audience, errors)
        merch = check_merch(spec, self.products, self.currency, errors)
        _check_first_n(spec, errors)
        if spec.type == "first_n" and spec.price is not None:
            self._currency("price", spec.price, errors)
        self._check_budget(spec.budget, spec.owner, errors)
        presale = presale_rule(spec.type, spec.presale, spec.price, spec.ends_at, self.currency, errors)
        if spec.type == "presale" and spec.sku is not None and self.products.product_id_of(spec.sku) is None:
            errors.add("sku", "not_found", f"No SKU {spec.sku}.")
        errors.raise_if_any()
        return Promotion(
            id=promotion_id,
            name=spec.name.strip(),
            type=spec.type,
            starts_at=spec.starts_at,
            ends_at=spec.ends_at,
            scope=spec.scope,
            percent=spec.percent,
            n=spec.n,
            weekday=spec.weekday,
            tiers=tuple(tiers),
            sku=spec.sku,
            price=spec.price.amount if spec.price is not None else None,
            quantity=spec.quantity,
            per_customer_limit=spec.per_customer_limit,
            audience=spec.audience,
            **merch,
            budget=spec.budget.amount if spec.budget is not None else None,
            owner=spec.owner,
            presale=presale,
        )

    def _check_budget(self, budget: Money | None, owner: str | None, errors: ErrorList) -> None:
        """A budget is money of the store's currency, above zero; an owner is not blank."""
        if budget is not None:
            self._currency("budget", budget, errors)
            if budget.amount < 1:
                errors.add("budget", "out_of_range", "budget is above zero.")
        if owner is not None and not owner.strip():
            errors.add("owner", "required", "owner must not be blank (or leave it out).")

    # --- coupons -----------------------------------------------------------------------------
    def create_coupon(self, spec: CouponSpec) -> Coupon:
        errors = ErrorList()
        if (spec.amount_off is None) == (spec.percent_off is None):
            errors.add("amount_off", "one_of", "Give exactly one of amount_off and percent_off.")
        if spec.amount_off is not None:
            self._currency("amount_off", spec.amount_off, errors)
            if spec.amount_off.amount <= 0:
                errors.add("amount_off", "out_of_range", "amount_off is positive.")
        if spec.percent_off is not None and not 1 <= spec.percent_off <= 100:
            errors.add("percent_off", "out_of_range", "percent_off is 1 to 100.")
        if spec.max_discount is not None:
            self._currency("max_discount", spec.max_discount, errors)
            if spec.percent_off is None:
                errors.add("max_discount", "not_applicable", "max_discount caps a percent_off coupon.")
        if spec.min_spend is not None:
            self._currency("min_spend", spec.min_spend, errors)
        if spec.ends_at <= spec.starts_at:
            errors.add("ends_at", "before_starts_at", "ends_at must be later than starts_at.")
        for name in ("usage_limit", "per_customer_limit"):
            value = getattr(spec, name)
            if value is not None and value < 1:
                errors.add(name, "out_of_range", f"{name} is at least 1.")
        _check_claims(spec, errors)
        _check_audience(spec.audience, errors)
        self._check_budget(spec.budget, spec.owner, errors)
        errors.raise_if_any()
        coupon = Coupon(
            code=spec.code.upper(),
            starts_at=spec.starts_at,
            ends_at=spec.ends_at,
            amount_off=spec.amount_off.amount if spec.amount_off else None,
            percent_off=spec.percent_off,
            max_discount=spec.max_discount.amount if spec.max_discount else None,
            min_spend=spec.min_spend.amount if spec.min_spend else 0,
            usage_limit=spec.usage_limit,
            per_customer_limit=spec.per_customer_limit,
            scope=spec.scope,
            audience=spec.audience,
            budget=spec.budget.amount if spec.budget else None,
            owner=spec.owner,
        )
        if spec.claimable:  # a wallet coupon: once per customer unless staff say otherwise
            coupon = replace(
                coupon, claimable=True, claim_limit=spec.claim_limit, per_customer_limit=spec.per_customer_limit or 1
            )
        self.coupons.add(coupon, self.clock.now())
        return coupon

    def get_coupon(self, code: str) -> Coupon:
        coupon = self.coupons.get(code.upper(), None)
        if coupon is None:
            raise NotFound(f"No coupon {code}.")
        return coupon

    def update_coupon(self, code: str, changes: dict[str, Any]) -> Coupon:
        """Staff change a coupon's budget or owner (ADR 0028); null removes either."""
        current = self.get_coupon(code)
        errors = ErrorList()
        budget = changes.get("budget", Money(current.budget, self.currency) if current.budget is not None else None)
        owner = changes.get("owner", current.owner)
        self._check_budget(budget, owner, errors)
        errors.raise_if_any()
        updated = replace(current, budget=budget.amount if budget is not None else None, owner=owner)
        self.coupons.set_budget(updated.code, updated.budget, updated.owner)
        return updated

    def list_coupons(self, limit: int, after: Position | None) -> Page:
        return self.coupons.page(limit, after)

    # --- shipping ------------------------------------------------------------------------------
    def create_shipping_template(self, spec: ShippingSpec) -> tuple[ShippingTemplate, bool]:
        errors = ErrorList()
        for name in ("first_fee", "additional_fee", "free_over"):
            value = getattr(spec, name)
            if value is not None:
                self._currency(name, value, errors)
        if spec.additional_weight_grams < 1:
            errors.add("additional_weight_grams", "out_of_range", "additional_weight_grams is at least 1.")
        seen: set[str] = set()
        for i, region in enumerate(spec.regions):
            self._currency(f"regions.{i}.first_fee", region.first_fee, errors)
            self._currency(f"regions.{i}.additional_fee", region.additional_fee, errors)
            for province in region.provinces:
                if province in seen:
                    errors.add(f"regions.{i}.provinces", "duplicate", f"{province} is in two regions.")
                seen.add(province)
        errors.raise_if_any()
        template = ShippingTemplate(
            id=new_id("ship"),
            name=spec.name.strip(),
            first_weight_grams=spec.first_weight_grams,
            first_fee=spec.first_fee.amount,
            additional_weight_grams=spec.additional_weight_grams,
            additional_fee=spec.additional_fee.amount,
            free_over=spec.free_over.amount if spec.free_over else None,
            regions=tuple(
                RegionRate(frozenset(r.provinces), r.first_fee.amount, r.additional_fee.amount) for r in spec.regions
            ),
            no_free_shipping_provinces=frozenset(spec.no_free_shipping_provinces),
        )
        self.shipping.add(template, spec.is_default, self.clock.now())
        return template, spec.is_default

    def list_shipping_templates(self) -> list[tuple[ShippingTemplate, bool]]:
        return self.shipping.all()

    def _currency(self, field_name: str, money: Money, errors: ErrorList) -> None:
        if money.currency != self.currency:
            errors.add(f"{field_name}.currency", "currency_mismatch", f"The store sells in {self.currency}.")


def _check_first_n(spec: PromotionSpec, errors: ErrorList) -> None:
    """first_n (ADR 0028): N units (quantity, at least 1) at exactly one of a fixed unit
    price or a percent off."""
    if spec.type != "first_n":
        return
    if (spec.price is None) == (spec.percent is None):
        errors.add("price", "one_of", "Give exactly one of price and percent.")
    if spec.price is not None and spec.price.amount < 0:
        errors.add("price", "out_of_range", "price is at least 0.")
    if spec.quantity is not None and spec.quantity < 1:
        errors.add("quantity", "out_of_range", "quantity is at least 1.")


def _check_audience(audience: Audience | None, errors: ErrorList) -> None:
    """An audience names at least one group, and only segments RFM scoring gives (ADR 0019)."""
    if audience is None:
        return
    if audience.is_empty:
        errors.add("audience", "required", "Name segments, new_customers or paid_members (or leave audience out).")
    for segment in unknown_segments(audience):
        errors.add("audience.segments", "invalid_choice", f"No segment {segment}.")
