"""PynamoDB models of the single table. One base model holds the key and index
attributes; each entity is a discriminated subclass (attribute ``type``).

Table name, endpoint and region are set by ``configure()`` at composition time
(bootstrap), never at import.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    DiscriminatorAttribute,
    JSONAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from .packed import PackedJSONAttribute


def _index(name: str, sort_type: type) -> type[GlobalSecondaryIndex[Any]]:
    attrs = {
        "Meta": type("Meta", (), {"index_name": name, "projection": AllProjection()}),
        f"{name}PK": UnicodeAttribute(hash_key=True),
        f"{name}SK": sort_type(range_key=True),
    }
    return type(name, (GlobalSecondaryIndex,), attrs)


GSI1 = _index("GSI1", UnicodeAttribute)
GSI2 = _index("GSI2", UnicodeAttribute)
GSI3 = _index("GSI3", NumberAttribute)
GSI4 = _index("GSI4", NumberAttribute)
GSI5 = _index("GSI5", UnicodeAttribute)


# PynamoDB's raw MapAttribute constructor is untyped: this is the same attribute, typed.
any_map: Callable[..., MapAttribute[str, Any]] = MapAttribute
# PynamoDB types a list's ``of`` as the element's Python type, but wants the attribute class.
str_list: Callable[..., ListAttribute[str]] = ListAttribute


class Item(Model):
    class Meta:
        table_name = "commerce"
        region = "us-east-1"
        host: str | None = None
        max_retry_attempts = 3
        connect_timeout_seconds = 2
        read_timeout_seconds = 5
        max_pool_connections = 50

    PK = UnicodeAttribute(hash_key=True)
    SK = UnicodeAttribute(range_key=True)
    type = DiscriminatorAttribute(attr_name="type")
    GSI1PK = UnicodeAttribute(null=True)
    GSI1SK = UnicodeAttribute(null=True)
    GSI2PK = UnicodeAttribute(null=True)
    GSI2SK = UnicodeAttribute(null=True)
    GSI3PK = UnicodeAttribute(null=True)
    GSI3SK = NumberAttribute(null=True)
    GSI4PK = UnicodeAttribute(null=True)
    GSI4SK = NumberAttribute(null=True)
    GSI5PK = UnicodeAttribute(null=True)
    GSI5SK = UnicodeAttribute(null=True)
    gsi1 = GSI1()
    gsi2 = GSI2()
    gsi3 = GSI3()
    gsi4 = GSI4()
    gsi5 = GSI5()


class ApiKeyItem(Item, discriminator="ApiKey"):
    id = UnicodeAttribute()
    name = UnicodeAttribute()
    roles = str_list(of=UnicodeAttribute)
    created_at = UTCDateTimeAttribute()
    created_by = UnicodeAttribute(null=True)


class CategoryItem(Item, discriminator="Category"):
    id = UnicodeAttribute()
    name = UnicodeAttribute()
    slug = UnicodeAttribute()
    parent_id = UnicodeAttribute(null=True)
    path = str_list(of=UnicodeAttribute)
    created_at = UTCDateTimeAttribute()


class CategorySlugItem(Item, discriminator="CategorySlug"):
    category_id = UnicodeAttribute()


class ProductItem(Item, discriminator="Product"):
    id = UnicodeAttribute()
    title = UnicodeAttribute()
    description = UnicodeAttribute(default="")
    category_id = UnicodeAttribute()
    category_path = str_list(of=UnicodeAttribute)
    images = str_list(of=UnicodeAttribute, default=list)
    media = str_list(of=UnicodeAttribute, null=True)  # ADR 0023: media ids, margin override, last delisting
    margin_override = JSONAttribute(null=True)
    delisting = JSONAttribute(null=True)
    attrs = any_map(attr_name="attributes", default=dict)
    status = UnicodeAttribute()
    list_at = UTCDateTimeAttribute(null=True)
    delist_at = UTCDateTimeAttribute(null=True)
    listed_at = UTCDateTimeAttribute(null=True)
    sku_codes = str_list(of=UnicodeAttribute)
    min_price = NumberAttribute()
    max_price = NumberAttribute()
    sales = NumberAttribute(default=0)
    search_text = UnicodeAttribute(default="")
    returnable_without_reason = BooleanAttribute(default=True)
    handle = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    version = VersionAttribute()
    ranked_sales = NumberAttribute(null=True)  # the sales last copied onto the indexes
    # Published reviews' rating sum, count and lines per star (ADDed by dynamo/reviews.py)
    rating_sum = NumberAttribute(default=0)
    rating_count = NumberAttribute(default=0)
    rating_1 = NumberAttribute(default=0)
    rating_2 = NumberAttribute(default=0)
    rating_3 = NumberAttribute(default=0)
    rating_4 = NumberAttribute(default=0)
    rating_5 = NumberAttribute(default=0)
    # The running A/B experiment (ADR 0024): its id and variants, set at start, removed at stop
    experiment = JSONAttribute(null=True)


class CategoryEntryItem(Item, discriminator="CategoryEntry"):
    """A listed product under one category of its path: what a category page shows."""

    id = UnicodeAttribute()
    title = UnicodeAttribute()
    description = UnicodeAttribute(default="")
    category_id = UnicodeAttribute()
    category_path = str_list(of=UnicodeAttribute)
    images = str_list(of=UnicodeAttribute, default=list)
    attrs = any_map(attr_name="attributes", default=dict)
    status = UnicodeAttribute()
    delist_at = UTCDateTimeAttribute(null=True)
    listed_at = UTCDateTimeAttribute(null=True)
    sku_codes = str_list(of=UnicodeAttribute)
    min_price = NumberAttribute()
    max_price = NumberAttribute()
    sales = NumberAttribute(default=0)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()


class PostingItem(Item, discriminator="Posting"):
    """A listed product under one search token."""

    token = UnicodeAttribute()
    product_id = UnicodeAttribute()
    in_title = BooleanAttribute(default=False)
    sales = NumberAttribute(default=0)
    min_price = NumberAttribute()
    category_path = str_list(of=UnicodeAttribute)
    attrs = any_map(attr_name="attributes", default=dict)
    delist_at = UTCDateTimeAttribute(null=True)


class SynonymChunkItem(Item, discriminator="SynonymChunk"):
    groups = JSONAttribute()


class SkuItem(Item, discriminator="Sku"):
    code = UnicodeAttribute()
    product_id = UnicodeAttribute()
    specs = any_map(default=dict)
    price = NumberAttribute()
    member_price = NumberAttribute(null=True)
    cost_price = NumberAttribute(null=True)
    weight_grams = NumberAttribute()
    safety_stock = NumberAttribute(default=0)
    reorder_point = NumberAttribute(null=True)  # set by recompute_safety_stock (ADR 0022)
    on_hand = NumberAttribute(default=0)
    reserved = NumberAttribute(default=0)
    available = NumberAttribute(default=0)  # on_hand - reserved, kept in the same writes
    currency = UnicodeAttribute()
    updated_at = UTCDateTimeAttribute()
    # Stock shards (ADR 0025): this item is shard 0; checkouts use shards < stock_shards;
    # shard_items shard items exist (the most ever); shards_available is the other
    # shards' available as last counted (a split, a merge, the rebalance job): for display.
    stock_shards = NumberAttribute(null=True)
    shard_items = NumberAttribute(null=True)
    shards_available = NumberAttribute(null=True)


class SkuCodeItem(Item, discriminator="SkuCode"):
    product_id = UnicodeAttribute()
    abc_class = UnicodeAttribute(null=True)  # set by the classify_abc job
    abc_run = UnicodeAttribute(null=True)  # the business date of that run
    abc_turnover = NumberAttribute(null=True)  # units sold in its window per unit on hand (ADR 0022)


class ProductHandleItem(Item, discriminator="ProductHandle"):
    product_id = UnicodeAttribute()  # a product's handle points to it: written with it, never changed


class SkuSalesItem(Item, discriminator="SkuSales"):
    """Units and revenue of one SKU on one business day, added when orders are paid."""

    sku = UnicodeAttribute()
    product_id = UnicodeAttribute()
    units = NumberAttribute(default=0)
    revenue = NumberAttribute(default=0)


class AbcRunItem(Item, discriminator="AbcRun"):
    run = UnicodeAttribute()  # business date
    window_from = UnicodeAttribute()
    window_to = UnicodeAttribute()
    summary = JSONAttribute()
    at = UTCDateTimeAttribute()


class LedgerItem(Item, discriminator="LedgerEntry"):
    id = UnicodeAttribute()
    sku = UnicodeAttribute()
    on_hand_delta = NumberAttribute()
    reserved_delta = NumberAttribute(default=0)
    reason = UnicodeAttribute()
    note = UnicodeAttribute(null=True)
    reference = UnicodeAttribute(null=True)
    actor = UnicodeAttribute()
    at = UTCDateTimeAttribute()


def configure(table_name: str, region: str, host: str | None) -> None:
    """Point every model at the table and share one connection between them."""
    Item.Meta.table_name = table_name
    Item.Meta.region = region
    Item.Meta.host = host
    Item._connection = None
    for sub in Item.__subclasses__():
        # Subclasses inherit Meta; drop any connection they cached for an older table.
        if "_connection" in sub.__dict__:
            del sub._connection  # type: ignore[attr-defined]
    Item._get_connection()


class CartLineMap(MapAttribute[str, Any]):
    sku = UnicodeAttribute()
    product_id = UnicodeAttribute()
    quantity = NumberAttribute()
    added_unit_price = NumberAttribute()
    added_at = UTCDateTimeAttribute()


# CartLineMap(sku=..., ...), typed (PynamoDB's MapAttribute constructor is not).
cart_line: Callable[..., CartLineMap] = CartLineMap


class CartItem(Item, discriminator="Cart"):
    id = UnicodeAttribute()
    customer_id = UnicodeAttribute(null=True)
    token_digest = UnicodeAttribute(null=True)
    status = UnicodeAttribute()
    lines = ListAttribute[CartLineMap](of=CartLineMap, default=list)
    coupon_code = UnicodeAttribute(null=True)
    shipping_address = any_map(null=True)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute(null=True)
    order_id = UnicodeAttribute(null=True)
    visitor_id = UnicodeAttribute(null=True)  # A/B experiments' assignment (ADR 0024)
    version = VersionAttribute()


class CustomerCartItem(Item, discriminator="CustomerCart"):
    cart_id = UnicodeAttribute()


class PromotionItem(Item, discriminator="Promotion"):
    id = UnicodeAttribute()
    name = UnicodeAttribute()
    promo_type = UnicodeAttribute(attr_name="promotion_type")
    starts_at = UTCDateTimeAttribute()
    ends_at = UTCDateTimeAttribute()
    ended_at = UTCDateTimeAttribute(null=True)
    scope = JSONAttribute(default=dict)
    rules = JSONAttribute(default=dict)  # type-specific fields: percent, n, weekday, tiers, sku, price...
    sold = NumberAttribute(default=0)
    spent = NumberAttribute(null=True)  # discount money taken from its budget (ADR 0028)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()


class UsageItem(Item, discriminator="Usage"):
    """Per-customer usage of a promotion (flash units) or a coupon (redemptions)."""

    # Stored as "count"; named ``used`` here, as ``count`` is Model.count() (a table count).
    used = NumberAttribute(attr_name="count", default=0)


class CouponItem(Item, discriminator="Coupon"):
    code = UnicodeAttribute()
    starts_at = UTCDateTimeAttribute()
    ends_at = UTCDateTimeAttribute()
    amount_off = NumberAttribute(null=True)
    percent_off = NumberAttribute(null=True)
    max_discount = NumberAttribute(null=True)
    min_spend = NumberAttribute(default=0)
    usage_limit = NumberAttribute(null=True)
    per_customer_limit = NumberAttribute(null=True)
    scope = JSONAttribute(default=dict)
    audience = JSONAttribute(null=True)  # targeting (ADR 0019): {segments, new_customers, paid_members}
    used = NumberAttribute(default=0)
    created_at = UTCDateTimeAttribute()
    owner_id = UnicodeAttribute(null=True)  # a granted coupon: its one customer
    # the wallet (ADR 0018): claimable, its claim limit and the claims counted so far
    claimable = BooleanAttribute(null=True)
    claim_limit = NumberAttribute(null=True)
    claimed = NumberAttribute(null=True)
    budget, spent = NumberAttribute(null=True), NumberAttribute(null=True)  # ADR 0028
    staff_owner = UnicodeAttribute(null=True, attr_name="owner")  # who runs it (ADR 0028)


class PricingChangeItem(Item, discriminator="PricingChange"):
    """When staff last changed a promotion or a shipping template: checkout trusts its
    process cache of them only if it was loaded after that (services/carts.py)."""

    changed_at = UTCDateTimeAttribute()


class ShippingTemplateItem(Item, discriminator="ShippingTemplate"):
    id = UnicodeAttribute()
    name = UnicodeAttribute()
    body = JSONAttribute()  # the template's fees and regions
    is_default = BooleanAttribute(default=False)
    created_at = UTCDateTimeAttribute()


class OrderRecord(Item, discriminator="Order"):
    id = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    cart_id = UnicodeAttribute()
    status = UnicodeAttribute()
    payment_status = UnicodeAttribute()
    currency = UnicodeAttribute()
    total = NumberAttribute()
    body = PackedJSONAttribute()  # lines, discounts, address, timeline, risk... (defaults left out)
    payment_intent_id = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    payment_due_at = UTCDateTimeAttribute()
    version = VersionAttribute()


class FulfillmentRecord(Item, discriminator="Fulfillment"):
    order_id = UnicodeAttribute()
    status = UnicodeAttribute()  # awaiting_shipment | shipped | delivered
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    priority = BooleanAttribute(null=True)  # a high-value customer's order (ADR 0019)


class TrackingPointer(Item, discriminator="TrackingPointer"):
    order_id = UnicodeAttribute()


class PaymentIntentPointer(Item, discriminator="PaymentIntentPointer"):
    order_id = UnicodeAttribute()


class ProcessedEvent(Item, discriminator="ProcessedEvent"):
    at = UTCDateTimeAttribute()
    outcome = UnicodeAttribute(null=True)
    expires_at = TTLAttribute(null=True)


class IdempotencyRecord(Item, discriminator="Idempotency"):
    fingerprint = UnicodeAttribute()
    state = UnicodeAttribute()  # in_progress | completed
    locked_until = UTCDateTimeAttribute()
    response_status = NumberAttribute(null=True)
    response_body = JSONAttribute(null=True)
    expires_at = TTLAttribute(null=True)


class AttemptBucket(Item, discriminator="AttemptBucket"):
    """Attempts of one throttled key in one minute (domain/throttle.py), only ever
    ADDed to; DynamoDB deletes it by ``expires_at`` once it no longer counts."""

    attempts = NumberAttribute(default=0)
    expires_at = TTLAttribute(null=True)


class OutboxRecord(Item, discriminator="OutboxEvent"):
    id = UnicodeAttribute()
    event_type = UnicodeAttribute()
    version = NumberAttribute(default=1)
    detail = JSONAttribute()  # the event's data
    at = UTCDateTimeAttribute()  # occurred_at


class StockAlertRecord(Item, discriminator="StockAlert"):
    id = UnicodeAttribute()
    sku = UnicodeAttribute()
    product_id = UnicodeAttribute()
    status = UnicodeAttribute()  # open | acknowledged | resolved
    available = NumberAttribute()
    safety_stock = NumberAttribute()
    suggestion = JSONAttribute()
    history = JSONAttribute(default=list)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()


class OpenAlertPointer(Item, discriminator="OpenStockAlert"):
    alert_id = UnicodeAttribute()


class ExceptionRecord(Item, discriminator="OrderException"):
    id = UnicodeAttribute()
    order_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    status = UnicodeAttribute()  # open | resolved
    owner_role = UnicodeAttribute()
    detail = UnicodeAttribute()
    due_at = UTCDateTimeAttribute()
    created_at = UTCDateTimeAttribute()
    resolved_at = UTCDateTimeAttribute(null=True)
    resolved_by = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    deadline_hours = NumberAttribute(null=True)  # SLA kinds; absent on records from before
