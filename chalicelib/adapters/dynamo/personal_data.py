"""DynamoDB: everything stored about one customer, for the export and the erasure
(ADR 0017, docs/data-model.md "Personal data").

``PERSONAL`` names every item kind that can hold a customer's personal data, with
what erasure does to it; ``NOT_PERSONAL`` names every other kind with the reason.
tests/unit/test_personal_data_registry.py fails when a model is in neither, so a
new kind of item is classified before it ships. Erasure keeps the customer id on
orders, after-sales and settlement lines (a random id, no longer linked to anyone:
the books still add up) and is safe to run again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TypeVar

from pynamodb.exceptions import DoesNotExist, PutError, UpdateError

from . import keys, order_index, review_keys, transact
from .after_sales import AfterSaleRecord
from .customer_models import AddressBookItem, CustomerEmailItem, CustomerItem, NotificationPreferencesItem
from .models import CartItem, CouponItem, CustomerCartItem, IdempotencyRecord, Item, OrderRecord
from .money_models import MembershipItem
from .notifications import InboxItem, NotificationSendItem
from .order_index import OrderIndexItem
from .planning_models import NotifyMeItem
from .profiles import forget_revocation
from .reviews import ReviewRecord
from .tickets import CouponGrantRecord, TicketMessageRecord, TicketRecord
from .wallet import WalletCouponItem

ERASED = "(erased)"
ATTEMPTS = 5
M = TypeVar("M", bound=Item)

# Kind -> what erasure does with it.
PERSONAL: dict[type[Item], str] = {
    CustomerItem: "e-mail, name, phone, birthday, password, consent, the staff search and birthday index keys blanked; erased_at and "
    "tokens_revoked_at set",
    CustomerEmailItem: "deleted: the e-mail can register again",
    AddressBookItem: "deleted",
    NotificationPreferencesItem: "deleted (channels; a phone written before the profile)",
    InboxItem: "deleted",
    NotifyMeItem: "deleted (a back-in-stock request, in the notifications partition)",
    NotificationSendItem: "deleted (subjects; a provider's reason may quote an address)",
    OrderRecord: "shipping address reduced to country, province and city; customer id kept for the books",
    CartItem: "shipping address removed",
    AfterSaleRecord: "description, images and the customer's timeline notes blanked",
    TicketRecord: "subject and rating comment blanked",
    TicketMessageRecord: "the customer's messages blanked",
    CouponGrantRecord: "reason blanked; the coupon is voided (ends at the erasure)",
    WalletCouponItem: "voided (voided_at set): kept, so that no grant gives the coupon again; checkout refuses it",
    ReviewRecord: "author, texts, images and follow-up blanked; the ratings kept (they stay in the products' counts)",
    IdempotencyRecord: "the stored answers of the customer's scopes (IDEMPOTENCY_SCOPES, by GSI1) deleted",
}

# Every Idempotency-Key scope of the API (api/*.py ``idempotent(request, scope, ...)``), by
# its prefix, with what it names: erasure deletes the records of the customer's scopes.
# tests/unit/test_personal_data_registry.py fails when the API uses a prefix not listed here.
IDEMPOTENCY_SCOPES: dict[str, str] = {
    "checkout": "checkout:<customer id>",
    "after-sale": "after-sale:<customer id>:<order id>",
    "balance-payment": "balance-payment:<customer id>:<order id>",  # a presale's balance (ADR 0026)
    "ticket-compensate": "ticket-compensate:<ticket id>",
}


def idempotency_scopes(customer_id: str, order_ids: list[str], ticket_ids: list[str]) -> list[str]:
    return [
        f"checkout:{customer_id}",
        *(f"after-sale:{customer_id}:{order_id}" for order_id in order_ids),
        *(f"balance-payment:{customer_id}:{order_id}" for order_id in order_ids),
        *(f"ticket-compensate:{ticket_id}" for ticket_id in ticket_ids),
    ]


# Kind (class name) -> why it holds no personal data.
NOT_PERSONAL: dict[str, str] = {
    "CampaignBatchItem": "a campaign batch: a range of customer ids and its checkpoint",
    "CustomerStatsItem": "order counts and amounts under the customer id (which links to nothing once erased)",
    "StatsOrderItem": "an order's paid and refunded amounts as the stats counted them",
    "OrderIndexItem": "an order's listing keys (ADR 0031): order id, status, due time, the customer id the order keeps",
    "StatsEventMarker": "an event id the stats applied (expires)",
    "RfmItem": "the customer's R/F/M scores and segment",
    "RfmHistoryItem": "the customer's segment changes",
    "RfmRunItem": "a scoring run's breakpoints and checkpoint",
    "ApiKeyItem": "staff keys: a key's name is the staff's label",
    "CategoryItem": "catalogue",
    "CategorySlugItem": "catalogue",
    "ProductItem": "catalogue",
    "CategoryEntryItem": "catalogue",
    "PostingItem": "search index of products",
    "SynonymChunkItem": "search synonyms",
    "SkuItem": "catalogue",
    "SkuCodeItem": "catalogue",
    "ProductHandleItem": "catalogue",
    "ProductHistoryItem": "catalogue: a product's listings, delistings and overrides by staff key",
    "MediaItem": "product media uploaded by staff",
    "ContentSlotItem": "storefront content (banners) written by staff",
    "SkuSalesItem": "sales totals per SKU",
    "AbcRunItem": "inventory analysis",
    "LedgerItem": "stock movements; notes are staff's about stock",
    "StockShardItem": "a SKU's stock split for checkouts (ADR 0025)",
    "StockShardedItem": "the list of SKUs with stock shards",
    "CustomerCartItem": "a pointer to the cart (the cart is scrubbed)",
    "PromotionItem": "pricing rules",
    "UsageItem": "a count of coupon uses per customer id",
    "CouponItem": "a coupon; a granted one names its owner's id only (voided via CouponGrantRecord)",
    "PricingChangeItem": "a timestamp",
    "PromotionReportItem": "a promotion's or coupon's totals (ADR 0028)",
    "PromotionReportOrderItem": "what a promotion report counted of one order (by order id)",
    "ShippingTemplateItem": "shipping rates",
    "FulfillmentRecord": "status and dates of an order's fulfilment",
    "TrackingPointer": "a tracking number -> order id",
    "PaymentIntentPointer": "a payment intent id -> order id",
    "ProcessedEvent": "a webhook event id, expiring",
    "AttemptBucket": "login throttling counters, keyed by a digest (never an address), expiring",
    "OutboxRecord": "events carry ids, statuses and totals (docs/events.md), no personal fields",
    "StockAlertRecord": "stock levels",
    "OpenAlertPointer": "stock levels",
    "ExceptionRecord": "operations exceptions about orders: kinds, deadlines, staff notes",
    "PlanItem": "membership plans",
    "MembershipItem": "plan, periods and charges of a customer id (exported, kept for the books)",
    "MembershipChargeClaim": "a charge claim",
    "SettlementLineItem": "amounts of an order (customer id kept for the books)",
    "SettlementStatementItem": "daily totals",
    "JobRunItem": "job progress",
    "JobChunkItem": "job progress",
    "MarketingCapItem": "a monthly count, expiring",
    "CampaignItem": "a campaign's text, written by staff",
    "CouponGrantJobItem": "a staff coupon grant: the code, the segment, counts and the staff actor (no customer ids)",
    "CouponGrantBatchItem": "a grant batch's counts",
    "ReviewLineRecord": "a published review line's index entry: ids, SKU and rating",
    "ReviewRewardItem": "which review of a customer id earned the reward coupon",
    "StoreRatingItem": "the store's average ratings of a day",
    "SupplierItem": "a supplier (a business) and its business contact",
    "PurchaseOrderItem": "purchase order lines, costs and staff actors",
    "ReceiptItem": "goods received against a purchase order",
    "AlertPurchaseOrderItem": "a stock alert id -> the purchase order drafted from it",
    "SkuPlanItem": "a SKU's safety policy and computed reorder point",
    "CountSheetItem": "a cycle count sheet: SKUs, counted quantities, staff actors",
    "CountScheduleItem": "a scheduled count sheet per day and ABC class",
    # Analytics (ADR 0021). Visitor and session ids are pseudonymous: random ids the storefront
    # makes, never linked to a customer here; a visitor id is kept only as HyperLogLog registers
    # (a hash's rank, not reversible), a session id as a key that expires in 3 days.
    "AnalyticsTrafficItem": "event counts of a day (or a day and product)",
    "AnalyticsVisitorsItem": "HyperLogLog registers of hashed pseudonymous visitor ids: no id recoverable",
    "AnalyticsSessionItem": "a pseudonymous session id's event and page counts, expiring after 3 days",
    "MarketingSpendItem": "marketing spend by channel, entered by staff",
    "AnalyticsKpiDayItem": "a day's KPI counts and HyperLogLog registers (hashed ids, not reversible)",
    "AnalyticsSalesItem": "a day's sales counts and amounts",
    "AnalyticsPayingCustomerItem": "orders per customer id per day (the id links to nothing once erased)",
    "AnalyticsFirstOrderItem": "the day a customer id first paid (the id links to nothing once erased)",
    "AnalyticsOrderTallyItem": "what the sales read model counted of an order: amounts and a day",
    "AnalyticsSalesEventMarker": "an order event id the sales read model applied (expires)",
    "AnalyticsProductSalesItem": "a product's sales of a day: counts and amounts",
    "AnalyticsProductFlagItem": "a product's health flag of a week and its figures (expires)",
    "AnalyticsHealthRunItem": "a product health run's counts (expires)",
    # A/B experiments (ADR 0024): definitions and per-variant counts; visitor ids are never stored.
    "ExperimentItem": "an A/B experiment's definition and status, set by staff",
    "ExperimentCountItem": "a variant's exposure, order and revenue counts",
}


def _scan_json(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _raw(item: Item) -> dict[str, Any]:
    """An item's own attributes as JSON (keys and index attributes left out)."""
    skip = {"PK", "SK", "type", "password_hash"} | {f"GSI{i}{p}" for i in range(1, 6) for p in ("PK", "SK")}
    raw: dict[str, Any] = _scan_json({k: v for k, v in item.attribute_values.items() if k not in skip})
    return raw


def _get(model: type[M], pk: str, sk: str) -> M | None:
    try:
        return model.get(pk, sk, consistent_read=True)
    except DoesNotExist:
        return None


def _rewrite(model: type[M], pk: str, sk: str, change: Callable[[M], bool]) -> bool:
    """Read, change, save on the item's version; again when a writer came first. False: nothing to change."""
    for _ in range(ATTEMPTS):
        item = _get(model, pk, sk)
        if item is None or not change(item):
            return False
        try:
            item.save()
            return True
        except PutError as error:
            if not transact.put_refused(error):
                raise
    raise transact.TransactionConflictExhausted(f"{pk} kept changing during erasure")


class DynamoPersonalData:
    # --- where a customer's items are ---------------------------------------------------------
    def _partition(self, customer_id: str) -> list[Item]:
        return list(Item.query(keys.customer(customer_id)[0]))

    def _notifications(self, customer_id: str) -> list[Item]:
        return list(Item.query(keys.notify_partition(customer_id)))

    def _orders(self, customer_id: str) -> list[OrderRecord]:
        """The customer's orders: their index items (GSI1, ADR 0031), then the orders, consistently."""
        ids = order_index.order_ids(OrderIndexItem.gsi1.query(keys.customer_orders(customer_id)))
        found = {str(r.id): r for r in OrderRecord.batch_get([keys.order(i) for i in ids], consistent_read=True)}
        return [found[i] for i in ids if i in found]

    def _after_sales(self, order_ids: list[str]) -> Iterator[AfterSaleRecord]:
        for order_id in order_ids:
            for item in AfterSaleRecord.gsi1.query(keys.order_after_sales(order_id)):
                if isinstance(item, AfterSaleRecord):
                    yield item

    def _tickets(self, customer_id: str) -> list[TicketRecord]:
        found = TicketRecord.gsi1.query(keys.customer_tickets(customer_id))
        return [i for i in found if isinstance(i, TicketRecord)]

    def _reviews(self, customer_id: str) -> list[ReviewRecord]:
        found = ReviewRecord.gsi1.query(review_keys.customer_reviews(customer_id))
        return [i for i in found if isinstance(i, ReviewRecord)]

    def _messages(self, ticket_id: str) -> list[TicketMessageRecord]:
        found = Item.query(keys.ticket_partition(ticket_id), Item.SK.startswith(keys.TICKET_MESSAGE_PREFIX))
        return [i for i in found if isinstance(i, TicketMessageRecord)]

    # --- the export ---------------------------------------------------------------------------
    def export(self, customer_id: str) -> dict[str, Any]:
        """Every item holding the customer's data, as stored (no password hash, no staff-internal notes)."""
        own = self._partition(customer_id)
        orders = self._orders(customer_id)
        tickets = self._tickets(customer_id)
        notes = self._notifications(customer_id)
        return {
            "profile": next((_raw(i) for i in own if isinstance(i, CustomerItem)), None),
            "addresses": next((_raw(i)["addresses"] for i in own if isinstance(i, AddressBookItem)), []),
            "orders": [_raw(o) for o in orders],
            "after_sales": [_raw(a) for a in self._after_sales([o.id for o in orders])],
            "tickets": [
                {**_raw(t), "messages": [_raw(m) for m in self._messages(t.id) if not m.internal]} for t in tickets
            ],
            "reviews": [_raw(r) for r in self._reviews(customer_id)],
            "notifications": [_raw(i) for i in notes if isinstance(i, InboxItem)],
            "preferences": next((_raw(i) for i in notes if isinstance(i, NotificationPreferencesItem)), None),
            "wallet": [_raw(i) for i in own if isinstance(i, CouponGrantRecord | WalletCouponItem)],
            "membership": next((_raw(i) for i in own if isinstance(i, MembershipItem)), None),
        }

    # --- the erasure --------------------------------------------------------------------------
    def erase(self, customer_id: str, erased_at: datetime) -> dict[str, int]:
        """Erase the customer's personal data everywhere (PERSONAL); {kind: items changed}."""
        changed: dict[str, int] = {}

        def count(kind: type[Item], done: bool = True) -> None:
            if done:
                changed[kind.__name__] = changed.get(kind.__name__, 0) + 1

        # Tokens first: whatever happens next, the account can no longer be used.
        self._revoke(customer_id, erased_at)
        orders = self._orders(customer_id)
        order_ids = [o.id for o in orders]
        for order in orders:
            count(OrderRecord, _rewrite(OrderRecord, order.PK, order.SK, _scrub_order))
        carts = {o.cart_id for o in orders}
        for item in self._partition(customer_id):
            if isinstance(item, CustomerCartItem):
                carts.add(item.cart_id)
            elif isinstance(item, AddressBookItem):
                item.delete()
                count(AddressBookItem)
            elif isinstance(item, CouponGrantRecord):
                count(CouponGrantRecord, self._void(item, erased_at))
            elif isinstance(item, WalletCouponItem) and item.voided_at is None:
                item.update(actions=[WalletCouponItem.voided_at.set(erased_at)])
                count(WalletCouponItem)
        for cart_id in sorted(c for c in carts if c):
            count(CartItem, _rewrite(CartItem, *keys.cart(cart_id), _scrub_cart))
        actor = f"customer:{customer_id}"
        for request in list(self._after_sales(order_ids)):
            count(
                AfterSaleRecord, _rewrite(AfterSaleRecord, request.PK, request.SK, lambda r: _scrub_request(r, actor))
            )
        for ticket in self._tickets(customer_id):
            count(TicketRecord, _rewrite(TicketRecord, ticket.PK, ticket.SK, _scrub_ticket))
            for message in self._messages(ticket.id):
                if message.author == "customer" and message.body != ERASED:
                    message.update(actions=[TicketMessageRecord.body.set(ERASED)])
                    count(TicketMessageRecord)
        for review in self._reviews(customer_id):
            count(ReviewRecord, _rewrite(ReviewRecord, review.PK, review.SK, _scrub_review))
        for item in self._notifications(customer_id):
            item.delete()
            count(type(item))
        for scope in idempotency_scopes(customer_id, order_ids, [t.id for t in self._tickets(customer_id)]):
            for record in IdempotencyRecord.gsi1.query(keys.idempotency_scope(scope)):
                record.delete()
                count(IdempotencyRecord)
        count(CustomerItem, self._erase_profile(customer_id, erased_at))
        return changed

    def _revoke(self, customer_id: str, at: datetime) -> None:
        item = CustomerItem(*keys.customer(customer_id))
        try:
            item.update(
                actions=[CustomerItem.tokens_revoked_at.set(int(at.timestamp()))],
                condition=CustomerItem.PK.exists(),
            )
        except UpdateError as error:  # no such customer: nothing to revoke
            if not transact.put_refused(error):
                raise
        forget_revocation(customer_id)  # this process refuses the tokens at once

    def _void(self, grant: CouponGrantRecord, at: datetime) -> bool:
        """The granted coupon ends now (unless it ended already); False when there was nothing to do."""
        coupon = _get(CouponItem, *keys.coupon(grant.code))
        if coupon is not None and coupon.ends_at > at:
            coupon.update(actions=[CouponItem.ends_at.set(at)])
        if grant.reason == ERASED:
            return False
        grant.update(
            actions=[CouponGrantRecord.reason.set(ERASED), CouponGrantRecord.ends_at.set(min(grant.ends_at, at))]
        )
        return True

    def _erase_profile(self, customer_id: str, at: datetime) -> bool:
        item = _get(CustomerItem, *keys.customer(customer_id))
        if item is None or item.erased_at is not None:
            return False
        pointer = _get(CustomerEmailItem, *keys.customer_email(item.email))
        if pointer is not None and pointer.customer_id == customer_id:
            pointer.delete(condition=CustomerEmailItem.customer_id == customer_id)
        item.update(
            actions=[
                CustomerItem.email.set(ERASED),
                CustomerItem.name.set(ERASED),
                CustomerItem.password_hash.set(ERASED),
                CustomerItem.phone.remove(),
                CustomerItem.birthday.remove(),
                CustomerItem.marketing.remove(),
                CustomerItem.locale.remove(),
                # the staff's search index keys (adapters/dynamo/crm.py) hold the e-mail and name
                CustomerItem.GSI1PK.remove(),
                CustomerItem.GSI1SK.remove(),
                CustomerItem.GSI2PK.remove(),
                CustomerItem.GSI2SK.remove(),
                # the birthday index (adapters/dynamo/targeting.py) holds the month and day
                CustomerItem.GSI5PK.remove(),
                CustomerItem.GSI5SK.remove(),
                CustomerItem.erased_at.set(at),
                CustomerItem.updated_at.set(at),
            ]
        )
        return True


# --- what each kind keeps -----------------------------------------------------------------------
def _scrub_order(order: OrderRecord) -> bool:
    body = dict(order.body or {})
    address = body.get("shipping_address") or {}
    kept = {k: address[k] for k in ("country", "province", "city") if address.get(k)}
    kept.update(name=ERASED, phone=ERASED, line1=ERASED)  # the shape an address has, nothing of the person
    if address == kept:
        return False
    body["shipping_address"] = kept
    order.body = body
    return True


def _scrub_cart(cart: CartItem) -> bool:
    if cart.shipping_address is None:
        return False
    cart.shipping_address = None
    return True


def _scrub_request(request: AfterSaleRecord, actor: str) -> bool:
    body = dict(request.body or {})
    before = json.dumps(body, sort_keys=True, default=str)
    if body.get("description"):
        body["description"] = ERASED
    body["images"] = []
    body["timeline"] = [
        {**e, "note": ERASED} if e.get("actor") == actor and e.get("note") else e for e in body.get("timeline") or []
    ]
    if json.dumps(body, sort_keys=True, default=str) == before:
        return False
    request.body = body
    return True


def _scrub_ticket(ticket: TicketRecord) -> bool:
    body = dict(ticket.body or {})
    before = json.dumps(body, sort_keys=True, default=str)
    body["subject"] = ERASED
    if isinstance(body.get("rating"), dict) and body["rating"].get("comment"):
        body["rating"] = {**body["rating"], "comment": ERASED}
    if json.dumps(body, sort_keys=True, default=str) == before:
        return False
    ticket.body = body
    return True


def _scrub_review(review: ReviewRecord) -> bool:
    body = dict(review.body or {})
    before = json.dumps(body, sort_keys=True, default=str)
    body["author"] = ERASED
    body["lines"] = [{**line, "text": None, "images": []} for line in body.get("lines") or []]
    if body.get("follow_up"):
        body["follow_up"] = {**body["follow_up"], "text": ERASED, "images": []}
    if json.dumps(body, sort_keys=True, default=str) == before:
        return False
    review.body = body
    return True
