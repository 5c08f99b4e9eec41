"""The pricing pipeline: pure, deterministic, integer minor units.

Steps, in order (docs/adr/0003-pricing-rules.md says why):

1. Unit price per line: the list price, or the member price for an active
   member, whichever is lower. A running flash sale for the SKU prices up to
   min(units left in the sale, the customer's remaining flash limit) units at
   the flash price; if that covers every unit of the line, the line's
   unit_price is the flash price, otherwise the difference for the covered
   units is a ``flash_sale`` adjustment. Flash-priced units take no other
   line promotion.
2. Line promotions, on the units not flash-priced, each on what remains of
   the line after the previous step:
   - ``percent_off``: the single best one whose scope matches the line;
   - ``member_day``: on its weekday in the store's time zone, for paid
     members, or for its audience when it has one (the best one if several);
   - ``member_discount``: the member's plan percent off (issue #6), members only;
   - ``nth_item_discount``: every n-th unit of the scoped units across lines,
     cheapest units first, at ``percent`` off (the single best promotion).
3. Order promotion ``spend_threshold``: on the scoped lines' totals after
   line promotions, the highest tier reached; only the best such promotion.
4. Coupon (one per cart): checked (not_claimed: a claimable coupon the
   customer's wallet does not hold; not_started, expired, usage_exhausted,
   not_applicable, min_spend_not_met against the scoped amount after steps
   1-3), then ``amount_off`` or ``percent_off`` (optionally capped) on that
   amount.
5. Shipping: the template's first weight + additional steps (weight rounded
   up to the next step), a region override by province; free over
   ``free_over`` (goods after all discounts) or for active members, except
   in ``no_free_shipping_provinces`` (remote areas), which no benefit ships
   free: they pay the fee, with ``not_free_reason`` ``remote_area``.

A promotion or coupon with an ``audience`` (domain/targeting.py, ADR 0019)
applies only to a customer who matches it: a targeted promotion is left out
for anyone else, a targeted coupon is refused (``audience_mismatch``).

Percentages round down to the minor unit. No discount exceeds what it
applies to; no line and no total is negative. Order discounts are allocated
to lines (largest remainder) so refunds can be computed per line. The result
does not depend on the order of the lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from .promotions import Coupon, Promotion
from .shipping import ShippingTemplate, shipping_fee
from .targeting import GUEST, Shopper

COUPON_REASONS = (
    "not_found",
    "expired",
    "not_started",
    "min_spend_not_met",
    "usage_exhausted",
    "not_applicable",
    "not_claimed",
    "audience_mismatch",
)


@dataclass(frozen=True)
class CartLine:
    sku: str
    product_id: str
    category_path: tuple[str, ...]
    quantity: int
    list_price: int
    member_price: int | None
    weight_grams: int


@dataclass(frozen=True)
class PricingContext:
    now: datetime
    store_timezone: str = "Asia/Shanghai"
    is_member: bool = False
    # What membership gives (issue #6: per plan); only read when is_member.
    member_prices: bool = True
    member_percent_off: int = 0
    member_free_shipping: bool = True
    province: str | None = None
    flash_used: Mapping[str, int] = field(default_factory=dict)  # promotion id -> units bought by this customer
    customer_id: str | None = None  # who prices: a granted coupon applies to its owner only
    shopper: Shopper = GUEST  # what targeting knows of the customer (ADR 0019)


@dataclass(frozen=True)
class Adjustment:
    kind: str  # flash_sale | percent_off | member_day | member_discount | nth_item_discount | spend_threshold | coupon
    label: str
    amount: int
    promotion_id: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class PricedLine:
    sku: str
    product_id: str
    quantity: int
    list_price: int
    unit_price: int
    price_source: str  # list | member | flash_sale
    adjustments: tuple[Adjustment, ...]
    line_total: int  # unit_price * quantity - line adjustments
    order_discount: int  # this line's share of the order discounts
    payable: int  # line_total - order_discount
    flash_units: int = 0
    flash_promotion_id: str | None = None


@dataclass(frozen=True)
class CouponResult:
    code: str
    applied: bool
    reason: str | None  # one of COUPON_REASONS when not applied
    amount: int = 0


@dataclass(frozen=True)
class Shipping:
    amount: int
    free_reason: str | None  # member | free_over | None
    estimated: bool  # no province known
    weight_grams: int
    template_id: str | None
    not_free_reason: str | None = None  # remote_area: a benefit applied but not to this province


@dataclass(frozen=True)
class PricedCart:
    lines: tuple[PricedLine, ...]
    subtotal: int  # sum of line totals (after line promotions)
    discounts: tuple[Adjustment, ...]  # order-level: spend threshold, coupon
    shipping: Shipping
    total: int
    coupon: CouponResult | None
    undiscounted: int  # sum of list_price * quantity

    @property
    def discount_total(self) -> int:
        return sum(d.amount for d in self.discounts)


def percent_of(amount: int, percent: int) -> int:
    """``percent`` % of ``amount``, rounded down to the minor unit."""
    return amount * percent // 100


# --- the pipeline ---------------------------------------------------------------------
@dataclass
class _Work:
    line: CartLine
    unit_price: int
    price_source: str
    promotable_units: int
    remaining: int  # what is left of the line's promotable amount
    flash_total: int  # amount of the flash-priced units
    adjustments: list[Adjustment]
    flash_units: int = 0
    flash_promotion_id: str | None = None

    @property
    def line_total(self) -> int:
        return self.remaining + self.flash_total


def price_cart(
    lines: Sequence[CartLine],
    promotions: Sequence[Promotion],
    context: PricingContext,
    coupon: Coupon | None = None,
    coupon_code: str | None = None,
    shipping_template: ShippingTemplate | None = None,
) -> PricedCart:
    """Price a cart. ``coupon_code`` without a ``coupon`` means the code is unknown."""
    active = [p for p in promotions if p.is_active(context.now) and _targets(p, context)]
    # Work on lines in SKU order so that nothing depends on the order they came in.
    order = sorted(range(len(lines)), key=lambda i: (lines[i].sku, i))
    work = {i: _unit_price(lines[i], active, context) for i in order}

    weekday = context.now.astimezone(ZoneInfo(context.store_timezone)).isoweekday()
    member_days = [p for p in active if p.type == "member_day" and p.weekday == weekday]
    for i in order:
        _line_promotion(work[i], [p for p in active if p.type == "percent_off"], "percent_off")
        _line_promotion(work[i], member_days, "member_day")
        if context.is_member and context.member_percent_off > 0:
            _member_discount(work[i], context.member_percent_off)
    _nth_item(work, order, [p for p in active if p.type == "nth_item_discount"])

    subtotal = sum(w.line_total for w in work.values())
    order_discounts: list[Adjustment] = []
    allocated = dict.fromkeys(order, 0)

    spend = _best_spend_threshold(work, order, [p for p in active if p.type == "spend_threshold"])
    if spend is not None:
        promotion, amount, eligible = spend
        order_discounts.append(Adjustment("spend_threshold", promotion.name, amount, promotion_id=promotion.id))
        _allocate(amount, eligible, work, allocated)

    coupon_result = None
    if coupon_code is not None or coupon is not None:
        coupon_result = _apply_coupon(coupon, coupon_code, work, order, allocated, context)
        if coupon_result.applied and coupon_result.amount > 0:
            order_discounts.append(
                Adjustment("coupon", f"Coupon {coupon_result.code}", coupon_result.amount, code=coupon_result.code)
            )

    goods = subtotal - sum(d.amount for d in order_discounts)
    shipping = _shipping(lines, shipping_template, context, goods)
    priced = tuple(_priced_line(work[i], allocated[i]) for i in range(len(lines)))
    return PricedCart(
        lines=priced,
        subtotal=subtotal,
        discounts=tuple(order_discounts),
        shipping=shipping,
        total=goods + shipping.amount,
        coupon=coupon_result,
        undiscounted=sum(line.list_price * line.quantity for line in lines),
    )


def _targets(promotion: Promotion, context: PricingContext) -> bool:
    """Whether the promotion is for this customer: its audience's, or (a member day
    without an audience) paid members only."""
    if promotion.audience is not None:
        return promotion.audience.matches(context.shopper)
    return promotion.type != "member_day" or context.is_member


def _unit_price(line: CartLine, active: list[Promotion], context: PricingContext) -> _Work:
    unit, source = line.list_price, "list"
    if context.is_member and context.member_prices and line.member_price is not None and line.member_price < unit:
        unit, source = line.member_price, "member"
    work = _Work(line, unit, source, line.quantity, unit * line.quantity, 0, [])
    best: tuple[int, str, Promotion, int] | None = None  # (price, id, promotion, units)
    for p in active:
        if p.type != "flash_sale" or p.sku != line.sku or p.price is None or p.price >= unit:
            continue
        left = line.quantity if p.quantity is None else max(0, p.quantity - p.sold)
        if p.per_customer_limit is not None:
            left = min(left, max(0, p.per_customer_limit - context.flash_used.get(p.id, 0)))
        units = min(line.quantity, left)
        if units > 0 and (best is None or (p.price, p.id) < (best[0], best[1])):
            best = (p.price, p.id, p, units)
    if best is None:
        return work
    price, _, promotion, units = best
    work.flash_units, work.flash_promotion_id = units, promotion.id
    work.promotable_units = line.quantity - units
    work.remaining = unit * work.promotable_units
    if units == line.quantity:
        work.unit_price, work.price_source = price, "flash_sale"
        work.flash_total = price * units
    else:
        work.flash_total = price * units
        work.adjustments.append(
            Adjustment("flash_sale", f"{promotion.name} ({units} at flash price)", (unit - price) * units, promotion.id)
        )
    return work


def _member_discount(work: _Work, percent: int) -> None:
    """The membership plan's percent off, on what remains of the line's promotable units."""
    amount = percent_of(work.remaining, percent)
    if amount > 0:
        work.remaining -= amount
        work.adjustments.append(Adjustment("member_discount", f"Member {percent}% off", amount))


def _line_promotion(work: _Work, candidates: list[Promotion], kind: str) -> None:
    """The single best promotion of one kind on what remains of the line."""
    if work.remaining <= 0:
        return
    best: tuple[int, str, Promotion] | None = None
    for p in candidates:
        if p.percent is None or not p.scope.matches(work.line):
            continue
        amount = percent_of(work.remaining, p.percent)
        if amount > 0 and (best is None or (-amount, p.id) < (-best[0], best[1])):
            best = (amount, p.id, p)
    if best is not None:
        amount, _, promotion = best
        work.remaining -= amount
        work.adjustments.append(Adjustment(kind, promotion.name, amount, promotion.id))


def _nth_item(work: dict[int, _Work], order: list[int], candidates: list[Promotion]) -> None:
    best: tuple[int, str, Promotion, dict[int, int]] | None = None
    for p in candidates:
        if not p.n or p.n < 1 or p.percent is None:
            continue
        units: list[tuple[int, str, int]] = []  # (unit net price, sku, line index), one per unit
        for i in order:
            w = work[i]
            if w.promotable_units > 0 and w.remaining > 0 and p.scope.matches(w.line):
                unit_net = w.remaining // w.promotable_units
                units += [(unit_net, w.line.sku, i)] * w.promotable_units
        units.sort()
        per_line: dict[int, int] = {}
        for unit_net, _, i in units[: len(units) // p.n]:
            per_line[i] = per_line.get(i, 0) + percent_of(unit_net, p.percent)
        total = sum(per_line.values())
        if total > 0 and (best is None or (-total, p.id) < (-best[0], best[1])):
            best = (total, p.id, p, per_line)
    if best is None:
        return
    _, _, promotion, per_line = best
    for i, amount in per_line.items():
        amount = min(amount, work[i].remaining)
        if amount > 0:
            work[i].remaining -= amount
            work[i].adjustments.append(Adjustment("nth_item_discount", promotion.name, amount, promotion.id))


def _best_spend_threshold(
    work: dict[int, _Work], order: list[int], candidates: list[Promotion]
) -> tuple[Promotion, int, list[int]] | None:
    best: tuple[int, str, Promotion, list[int]] | None = None
    for p in candidates:
        eligible = [i for i in order if p.scope.matches(work[i].line)]
        base = sum(work[i].line_total for i in eligible)
        reached = [t for t in p.tiers if t.threshold <= base]
        if not reached:
            continue
        tier = max(reached, key=lambda t: (t.threshold, t.discount))
        amount = min(tier.discount, base)
        if amount > 0 and (best is None or (-amount, p.id) < (-best[0], best[1])):
            best = (amount, p.id, p, eligible)
    if best is None:
        return None
    return best[2], best[0], best[3]


def _allocate(amount: int, eligible: list[int], work: dict[int, _Work], allocated: dict[int, int]) -> None:
    """Spread an order discount over lines in proportion to what each still owes
    (largest remainder, ties by SKU), never more than a line owes."""
    owed = {i: work[i].line_total - allocated[i] for i in eligible}
    base = sum(owed.values())
    if base <= 0 or amount <= 0:
        return
    amount = min(amount, base)
    shares = {i: amount * owed[i] // base for i in eligible}
    rest = amount - sum(shares.values())
    by_remainder = sorted(eligible, key=lambda i: (-(amount * owed[i] % base), work[i].line.sku, i))
    for i in by_remainder:
        if rest == 0:
            break
        if shares[i] < owed[i]:
            shares[i] += 1
            rest -= 1
    for i in eligible:
        allocated[i] += shares[i]


def _apply_coupon(
    coupon: Coupon | None,
    code: str | None,
    work: dict[int, _Work],
    order: list[int],
    allocated: dict[int, int],
    context: PricingContext,
) -> CouponResult:
    if coupon is None or (coupon.owner_id is not None and coupon.owner_id != context.customer_id):
        # Someone else's granted coupon is as unknown as a code that does not exist.
        return CouponResult(code or (coupon.code if coupon else ""), False, "not_found")
    now = context.now
    reason = None
    if coupon.claimable and not coupon.in_wallet:
        reason = "not_claimed"  # a claimable coupon applies from the customer's wallet only (ADR 0018)
    elif coupon.audience is not None and not coupon.audience.matches(context.shopper):
        reason = "audience_mismatch"
    elif now < coupon.starts_at:
        reason = "not_started"
    elif now >= coupon.ends_at:
        reason = "expired"
    elif (coupon.usage_limit is not None and coupon.used >= coupon.usage_limit) or (
        coupon.per_customer_limit is not None and coupon.used_by_customer >= coupon.per_customer_limit
    ):
        reason = "usage_exhausted"
    eligible = [i for i in order if coupon.scope.matches(work[i].line)]
    base = sum(work[i].line_total - allocated[i] for i in eligible)
    if reason is None and (not eligible or base <= 0):
        reason = "not_applicable"
    if reason is None and base < coupon.min_spend:
        reason = "min_spend_not_met"
    if reason is not None:
        return CouponResult(coupon.code, False, reason)
    if coupon.amount_off is not None:
        amount = min(coupon.amount_off, base)
    else:
        amount = percent_of(base, coupon.percent_off or 0)
        if coupon.max_discount is not None:
            amount = min(amount, coupon.max_discount)
    _allocate(amount, eligible, work, allocated)
    return CouponResult(coupon.code, True, None, amount)


def _shipping(
    lines: Sequence[CartLine], template: ShippingTemplate | None, context: PricingContext, goods: int
) -> Shipping:
    weight = sum(line.weight_grams * line.quantity for line in lines)
    estimated = context.province is None
    if not lines or template is None:
        return Shipping(0, None, estimated, weight, template.id if template else None)
    benefit = None
    if context.is_member and context.member_free_shipping:
        benefit = "member"
    elif template.free_over is not None and goods >= template.free_over:
        benefit = "free_over"
    if benefit is None:
        return Shipping(shipping_fee(template, weight, context.province), None, estimated, weight, template.id)
    # Remote areas (偏远地区除外) never ship free, whatever the benefit.
    if context.province is not None and context.province in template.no_free_shipping_provinces:
        fee = shipping_fee(template, weight, context.province)
        return Shipping(fee, None, estimated, weight, template.id, "remote_area" if fee > 0 else None)
    return Shipping(0, benefit, estimated, weight, template.id)


def _priced_line(work: _Work, order_discount: int) -> PricedLine:
    line = work.line
    return PricedLine(
        sku=line.sku,
        product_id=line.product_id,
        quantity=line.quantity,
        list_price=line.list_price,
        unit_price=work.unit_price,
        price_source=work.price_source,
        adjustments=tuple(work.adjustments),
        line_total=work.line_total,
        order_discount=order_discount,
        payable=work.line_total - order_discount,
        flash_units=work.flash_units,
        flash_promotion_id=work.flash_promotion_id,
    )
