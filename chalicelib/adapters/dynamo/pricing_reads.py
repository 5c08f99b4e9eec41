"""DynamoDB: everything pricing a cart needs, in one BatchGetItem (cart views and checkout)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from ...domain.catalog import Product, Sku, StockLevel
from ...domain.customer_stats import CustomerStats
from ...domain.membership import Membership
from ...domain.promotions import Promotion
from ...services.ports import PricingRead
from . import keys, raw_reads
from .catalog import product_of
from .commerce import coupon_of, promotion_of
from .crm import CustomerStatsItem, RfmItem, rfm_key, stats_key, stats_of
from .inventory import read_shards, sku_of
from .membership import membership_of
from .models import CouponItem, PricingChangeItem, ProductItem, PromotionItem, SkuItem, UsageItem
from .money_models import MembershipItem
from .wallet import WalletCouponItem

if TYPE_CHECKING:
    from .read_ahead import ReadAhead

# --- the cart view's batch read --------------------------------------------------------------
# Whole items, no ProjectionExpression (ADR 0030): DynamoDB bills a read by the whole
# item either way; the JSON is parsed by json.loads and decoded lazily, so leaving
# out a product's description saved less than DynamoDB Local took to apply a 90-name
# projection (0.47 ms on a 31-item batch), and no attribute can be forgotten in it.


def _holds(raw: raw_reads.RawItem, name: str) -> bool:
    """The stored attribute is there and not null, false or empty."""
    value = raw.get(name) or {}
    return bool(value) and "NULL" not in value and value.get("BOOL", True) is not False and value.get("S") != ""


class DynamoPricingReads:
    def load(
        self,
        line_keys: list[tuple[str, str]],
        coupon_code: str | None,
        customer_id: str | None,
        promotion_ids: tuple[str, ...] = (),
        pricing_change: bool = False,
        targeting: bool = False,
        ahead: ReadAhead | None = None,
        coupon_targeting: bool = False,
    ) -> PricingRead:
        wanted = {keys.product(pid) for pid, _ in line_keys} | {keys.sku(pid, code) for pid, code in line_keys}
        if customer_id and line_keys:
            wanted.add(keys.membership(customer_id))  # member prices, discount, shipping
        # The coupon as read with the cart (ADR 0030): what it shows it does not need is not read.
        read_coupon = ahead.items.get(keys.coupon(coupon_code)) if ahead is not None and coupon_code else None
        if coupon_code:
            wanted.add(keys.coupon(coupon_code))
            if customer_id:
                wanted.add(keys.coupon_usage(coupon_code, customer_id))
                if read_coupon is None or _holds(read_coupon, "claimable"):
                    wanted.add(keys.wallet_coupon(customer_id, coupon_code))  # a claimable coupon needs it
        if coupon_targeting and (read_coupon is None or _holds(read_coupon, "audience")):
            targeting = True  # the coupon may name an audience: the customer's segment and stats decide
        if targeting and customer_id and line_keys:
            wanted |= {rfm_key(customer_id), stats_key(customer_id)}  # ADR 0019: same batch, no round trip
        wanted |= {keys.promotion(p) for p in promotion_ids}
        if pricing_change:
            wanted.add(keys.pricing_change())
        if not wanted:
            if ahead is not None:
                ahead.take(())
            return PricingRead({}, None, None)
        membership: Membership | None = None
        products: dict[str, Product] = {}
        skus: dict[str, tuple[Sku, StockLevel]] = {}
        sku_items: list[SkuItem] = []
        promotions: dict[str, Promotion] = {}
        coupon_item: CouponItem | None = None
        used_by_customer = 0
        in_wallet = False
        changed_at: datetime | None = None
        segment: str | None = None
        stats: CustomerStats | None = None
        if ahead is not None:  # read with the cart (ADR 0030): only what it did not ask for
            found, missing = ahead.take(wanted)
            found += raw_reads.batch_get(missing) if missing else []
        else:
            found = raw_reads.batch_get(sorted(wanted))
        for raw in found:
            kind = raw_reads.model_of(raw)
            if kind is ProductItem:
                product = product_of(raw_reads.decode(raw, ProductItem))
                products[product.id] = product
            elif kind is SkuItem:
                sku_items.append(raw_reads.decode(raw, SkuItem))
            elif kind is CouponItem:
                coupon_item = raw_reads.decode(raw, CouponItem)
            elif kind is UsageItem:
                used_by_customer = int(raw_reads.decode(raw, UsageItem).used or 0)
            elif kind is WalletCouponItem:
                in_wallet = "voided_at" not in raw or "NULL" in raw["voided_at"]
            elif kind is MembershipItem:
                membership = membership_of(raw_reads.decode(raw, MembershipItem))
            elif kind is PromotionItem:
                promotion = promotion_of(raw_reads.decode(raw, PromotionItem))
                promotions[promotion.id] = promotion
            elif kind is PricingChangeItem:
                changed_at = raw_reads.decode(raw, PricingChangeItem).changed_at
            elif kind is RfmItem:
                segment = raw_reads.decode(raw, RfmItem).segment
            elif kind is CustomerStatsItem:
                stats = stats_of(raw_reads.decode(raw, CustomerStatsItem))
        # A sharded SKU's shards (ADR 0025): one more BatchGetItem, only when the cart has one.
        shards = read_shards(sku_items, consistent=False)
        for item in sku_items:
            sku, stock = sku_of(item, shards.get(item.code))
            skus[sku.code] = (sku, stock)
        rows = {
            code: (products[sku.product_id], sku, stock)
            for code, (sku, stock) in skus.items()
            if sku.product_id in products
        }
        coupon = coupon_of(coupon_item, used_by_customer) if coupon_item is not None else None
        if coupon is not None and in_wallet:
            coupon = replace(coupon, in_wallet=True)
        return PricingRead(rows, coupon, membership, promotions, changed_at, segment, stats)
