"""What staff define to discount a cart: promotions (line and order promotions,
flash sales) and coupons, each limited to a scope of SKUs, products or
categories. How they apply: domain/pricing.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from .presale import PresaleRule
from .targeting import Audience


class Scoped(Protocol):
    """What a scope is matched against: a cart line."""

    @property
    def sku(self) -> str: ...
    @property
    def product_id(self) -> str: ...
    @property
    def category_path(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Scope:
    """Empty scope: everything. Otherwise a line matches if its SKU, its product or
    any category on its category path is listed."""

    category_ids: frozenset[str] = frozenset()
    product_ids: frozenset[str] = frozenset()
    skus: frozenset[str] = frozenset()

    @property
    def is_everything(self) -> bool:
        return not (self.category_ids or self.product_ids or self.skus)

    def matches(self, line: Scoped) -> bool:
        if self.is_everything:
            return True
        return (
            line.sku in self.skus
            or line.product_id in self.product_ids
            or any(c in self.category_ids for c in line.category_path)
        )


@dataclass(frozen=True)
class Tier:
    threshold: int
    discount: int


@dataclass(frozen=True)
class Promotion:
    id: str
    name: str
    type: str
    starts_at: datetime
    ends_at: datetime
    scope: Scope = field(default_factory=Scope)
    percent: int | None = None  # percent_off, nth_item_discount, member_day
    n: int | None = None  # nth_item_discount
    weekday: int | None = None  # member_day: ISO weekday, 1 = Monday
    tiers: tuple[Tier, ...] = ()  # spend_threshold
    sku: str | None = None  # flash_sale
    price: int | None = None  # flash_sale
    quantity: int | None = None  # flash_sale: units offered
    per_customer_limit: int | None = None  # flash_sale
    sold: int = 0  # flash_sale: units already sold
    ended_at: datetime | None = None  # ended early by staff
    # Targeting (ADR 0019): only customers of the audience get it; None: everyone
    # (a member_day promotion without one: paid members, as before).
    audience: Audience | None = None
    margin_override: dict[str, Any] | None = None  # an admin let it under the minimum margin (ADR 0023)
    # Merchandising (ADR 0027): gift_with_purchase, bundle, lucky_bag; members-only flash sales.
    # A bundle's fixed price and a lucky bag's SKU are ``price`` and ``sku`` above.
    gift_sku: str | None = None  # gift_with_purchase: the SKU given at 0
    gift_product_id: str | None = None
    gift_quantity: int = 1  # units given per trigger reached
    gift_limit: int | None = None  # gift units at most per order
    trigger_sku: str | None = None  # gift_with_purchase: every trigger_quantity units of it ...
    trigger_quantity: int = 1
    threshold: int | None = None  # ... or spending this much on the scope (line totals)
    items: tuple[tuple[str, int], ...] = ()  # bundle: (SKU, quantity) of one set
    pool: tuple[tuple[str, str], ...] = ()  # lucky_bag: (product id, SKU) the bag may become
    members_only: bool = False  # flash_sale: active paid members only
    # Budgets and owners (ADR 0028): the discount money it may give in all (None: no
    # budget), what orders took of it so far (checkout's counter), and who runs it.
    # first_n: the first ``quantity`` units sold in ``scope`` at ``price`` or ``percent`` off.
    budget: int | None = None
    spent: int = 0
    owner: str | None = None
    presale: PresaleRule | None = None  # presale (ADR 0026): deposit, its worth, the balance window

    def is_active(self, now: datetime) -> bool:
        end = min(self.ends_at, self.ended_at) if self.ended_at else self.ends_at
        return self.starts_at <= now < end


@dataclass(frozen=True)
class Coupon:
    code: str
    starts_at: datetime
    ends_at: datetime
    amount_off: int | None = None
    percent_off: int | None = None
    max_discount: int | None = None  # cap for percent_off
    min_spend: int = 0
    usage_limit: int | None = None
    per_customer_limit: int | None = None
    scope: Scope = field(default_factory=Scope)
    audience: Audience | None = None  # targeting (ADR 0019): None, everyone
    used: int = 0  # redemptions so far, store-wide
    used_by_customer: int = 0
    owner_id: str | None = None  # a granted coupon (CouponGrant): only this customer may use it
    # The wallet (ADR 0018): a claimable coupon is claimed into customers' wallets (at most
    # claim_limit claims in all) and applies only for a customer whose wallet holds it.
    claimable: bool = False
    claim_limit: int | None = None
    claimed: int = 0  # claims so far (staff grants are not claims)
    in_wallet: bool = False  # read with the coupon: the pricing customer's wallet holds it
    # Budgets and owners (ADR 0028): the discount money it may give in all (None: no budget),
    # what orders took of it so far, and the staff member who runs it (not ``owner_id``).
    budget: int | None = None
    spent: int = 0
    owner: str | None = None


@dataclass(frozen=True)
class CouponGrant:
    """A coupon in one customer's wallet: granted to them alone (a compensation on a
    ticket, for one), single use, valid for a while. The coupon itself is an
    ordinary coupon whose ``owner_id`` is the customer: checkout applies it like any
    other, and to no one else."""

    code: str
    customer_id: str
    amount_off: int
    granted_at: datetime
    ends_at: datetime
    source: str  # what granted it: ticket:<id>
    reason: str
    used: bool = False

    def coupon(self) -> Coupon:
        return Coupon(
            code=self.code,
            starts_at=self.granted_at,
            ends_at=self.ends_at,
            amount_off=self.amount_off,
            usage_limit=1,
            per_customer_limit=1,
            owner_id=self.customer_id,
        )
