"""Every key string of the single table is built here and nowhere else.

See docs/data-model.md for the entity chart and the access patterns.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def customer(customer_id: str) -> tuple[str, str]:
    return f"CUSTOMER#{customer_id}", "PROFILE"


def address_book(customer_id: str) -> tuple[str, str]:
    return f"CUSTOMER#{customer_id}", "ADDRESSES"


def customer_email(email: str) -> tuple[str, str]:
    return f"EMAIL#{email}", "EMAIL"


# Notifications: one partition per customer (preferences, send records, monthly
# marketing counters, the inbox); sends listed newest first on GSI1, and every
# customer with preferences (a campaign's audience) on GSI1 too.
def notify_partition(customer_id: str) -> str:
    return f"NOTIFY#{customer_id}"


NOTIFY_PREFS_SK = "PREFS"
NOTIFY_AUDIENCE_GSI1PK = "NOTIFYPREFS"
INBOX_PREFIX = "INBOX#"


def notify_preferences(customer_id: str) -> tuple[str, str]:
    return notify_partition(customer_id), NOTIFY_PREFS_SK


def notify_send(customer_id: str, source_id: str, channel: str) -> tuple[str, str]:
    return notify_partition(customer_id), f"SEND#{source_id}#{channel}"


def notify_sends(customer_id: str) -> str:
    """GSI1: a customer's send records, sorted by when (GSI1SK ``<created_at>#<source>#<channel>``)."""
    return f"NOTIFYSENDS#{customer_id}"


def notify_cap(customer_id: str, month: str) -> tuple[str, str]:
    return notify_partition(customer_id), f"CAP#{month}"


def inbox_entry(customer_id: str, at: datetime, source_id: str) -> tuple[str, str]:
    return notify_partition(customer_id), f"{INBOX_PREFIX}{iso_key(at)}#{source_id}"


def campaign(campaign_id: str) -> tuple[str, str]:
    return f"CAMPAIGN#{campaign_id}", "CAMPAIGN"


def campaign_batch(campaign_id: str, number: int) -> tuple[str, str]:
    """A fanned-out campaign's batch (ADR 0012), in the campaign's partition."""
    return f"CAMPAIGN#{campaign_id}", f"BATCH#{number:06d}"


CAMPAIGNS_GSI1PK = "CAMPAIGNS"  # every campaign, GSI1SK ``<created_at>#<id>``: the list, newest first


def api_key(digest: str) -> tuple[str, str]:
    return f"APIKEY#{digest}", "APIKEY"


API_KEYS_GSI1PK = "APIKEYS"


def category(category_id: str) -> tuple[str, str]:
    return f"CATEGORY#{category_id}", "CATEGORY"


def category_slug(slug: str) -> tuple[str, str]:
    return f"CATSLUG#{slug}", "CATSLUG"


CATEGORIES_GSI1PK = "CATEGORIES"


def product(product_id: str) -> tuple[str, str]:
    return f"PRODUCT#{product_id}", "PRODUCT"


# Sparse catalog indexes: only listed products carry these keys.
CATALOG_PK = "CATALOG"


def product_index(product_id: str) -> str:
    """The partition of a product's index entries: one per category on its path
    (CAT#) and one per search token (TOKEN#); one Query lists them for a rewrite."""
    return f"PRODIDX#{product_id}"


CATEGORY_ENTRY_PREFIX = "CAT#"
POSTING_PREFIX = "TOKEN#"


def category_entry(product_id: str, category_id: str) -> tuple[str, str]:
    return product_index(product_id), f"{CATEGORY_ENTRY_PREFIX}{category_id}"


def category_products(category_id: str) -> str:
    """GSI1 (newest), GSI3 (price) and GSI4 (sales): the products of a category and its descendants."""
    return f"CATPRODUCTS#{category_id}"


def posting(product_id: str, token: str) -> tuple[str, str]:
    return product_index(product_id), f"{POSTING_PREFIX}{token}"


def token_postings(token: str) -> str:
    """GSI4: the products indexed under a search token, by sales."""
    return f"TOKEN#{token}"


SYNONYMS_PK = "SEARCH#SYNONYMS"  # the staff's synonym set, in chunks


def synonym_chunk(index: int) -> tuple[str, str]:
    return SYNONYMS_PK, f"CHUNK#{index:02d}"


def products_by_status(status: str) -> str:
    return f"PRODUCTS#{status}"


DUE_LISTING_PK = "DUE#listing"


def due_sort_key(at: datetime, entity_id: str) -> str:
    return f"{at.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%S.%fZ')}#{entity_id}"


def sku(product_id: str, code: str) -> tuple[str, str]:
    """SKU items live in their product's partition: one Query reads a product page."""
    return f"PRODUCT#{product_id}", f"SKU#{code}"


def sku_code(code: str) -> tuple[str, str]:
    """The pointer from a SKU code to its product; its existence keeps codes unique."""
    return f"SKU#{code}", "CODE"


def product_handle(handle: str) -> tuple[str, str]:
    """The pointer from a product's handle to the product; its existence keeps handles unique."""
    return f"HANDLE#{handle}", "PRODUCT"


LEDGER_PREFIX = "LEDGER#"


def ledger_partition(code: str) -> str:
    """A SKU's ledger shares the partition of its code pointer."""
    return f"SKU#{code}"


def ledger_entry(code: str, entry_id: str, shard: int | None = None) -> tuple[str, str]:
    """A ledger row; a stock shard's own (shard > 0, ADR 0025) lives in that shard's partition."""
    partition = stock_shard_partition(code, shard) if shard else ledger_partition(code)
    return partition, f"{LEDGER_PREFIX}{entry_id}"


def stock_shard_partition(code: str, shard: int) -> str:
    """Stock shard ``shard`` (> 0) of a SKU: a partition key of its own (ADR 0025)."""
    return f"SKU#{code}#SHARD#{shard}"


def stock_shard(code: str, shard: int) -> tuple[str, str]:
    return stock_shard_partition(code, shard), "STOCK"


STOCK_SHARDED = "STOCK_SHARDED"


def stock_sharded(code: str) -> tuple[str, str]:
    """The list of SKUs that have stock shard items (the rebalance job's work)."""
    return STOCK_SHARDED, f"SKU#{code}"


def cart(cart_id: str) -> tuple[str, str]:
    return f"CART#{cart_id}", "CART"


def customer_cart(customer_id: str) -> tuple[str, str]:
    """The customer's one active cart."""
    return f"CUSTOMER#{customer_id}", "CART"


def promotion(promotion_id: str) -> tuple[str, str]:
    return f"PROMO#{promotion_id}", "PROMO"


def promotion_usage(promotion_id: str, customer_id: str) -> tuple[str, str]:
    return f"PROMO#{promotion_id}", f"USAGE#{customer_id}"


PROMOTIONS_PK = "PROMOTIONS"  # GSI1: not yet ended, by end time; GSI2: all, newest first


def coupon(code: str) -> tuple[str, str]:
    return f"COUPON#{code}", "COUPON"


def coupon_usage(code: str, customer_id: str) -> tuple[str, str]:
    return f"COUPON#{code}", f"USAGE#{customer_id}"


COUPONS_PK = "COUPONS"  # GSI2: all coupons, newest first


def coupon_grant(code: str, grant_id: str) -> tuple[str, str]:
    """A staff grant job of the coupon (ADR 0018), beside the coupon."""
    return f"COUPON#{code}", f"GRANT#{grant_id}"


def coupon_grant_batch(code: str, grant_id: str, number: int) -> tuple[str, str]:
    """A grant job's batch, written once it is done (its counts)."""
    return f"COUPON#{code}", f"GRANT#{grant_id}#BATCH#{number:05d}"


def shipping_template(template_id: str) -> tuple[str, str]:
    return f"SHIPTPL#{template_id}", "SHIPTPL"


SHIPPING_TEMPLATES_PK = "SHIPPING_TEMPLATES"  # GSI2: all templates
DEFAULT_SHIPPING_PK = "DEFAULT#shipping"  # GSI5: the default template (sparse)


def pricing_change() -> tuple[str, str]:
    """When staff last changed a promotion or a shipping template."""
    return "PRICING", "CHANGED"


def iso_key(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def order(order_id: str) -> tuple[str, str]:
    return f"ORDER#{order_id}", "ORDER"


def customer_orders(customer_id: str) -> str:
    return f"CUSTOMER#{customer_id}#ORDERS"


def orders_by_status(status: str) -> str:
    return f"ORDERS#{status}"


DUE_PAYMENT_PK = "DUE#payment"
DUE_COMPLETION_PK = "DUE#completion"
DUE_SETTLEMENT_PK = "DUE#settlement"
DUE_REFUND_PK = "DUE#refund"
DUE_BALANCE_PK = "DUE#balance"  # presale orders awaiting their balance, by the window's end (ADR 0026)


def fulfillment(order_id: str) -> tuple[str, str]:
    return f"FULFILLMENT#{order_id}", "FULFILLMENT"


def fulfillments_by_status(status: str) -> str:
    return f"FULFILLMENTS#{status}"


PRIORITY_PREFIX = "~"  # above every order id (ord_<ULID>): read newest first, priority orders come first


def fulfillment_sort(order_id: str, priority: bool) -> str:
    """A fulfillment's GSI2 sort key: the order id, prefixed for a priority order awaiting
    shipment so that the to-ship list (descending) starts with them (ADR 0019)."""
    return f"{PRIORITY_PREFIX}{order_id}" if priority else order_id


def tracking(carrier: str, tracking_number: str) -> tuple[str, str]:
    return f"TRACKING#{carrier}#{tracking_number}", "TRACKING"


def payment_intent(payment_intent_id: str) -> tuple[str, str]:
    return f"PI#{payment_intent_id}", "PI"


def processed_event(provider: str, event_id: str) -> tuple[str, str]:
    return f"EVENT#{provider}#{event_id}", "EVENT"


def idempotency(scope: str, key: str) -> tuple[str, str]:
    return f"IDEM#{scope}#{key}", "IDEM"


def idempotency_scope(scope: str) -> str:
    """GSI1: the Idempotency-Key records of one scope (``checkout:<customer id>``...):
    their stored answers can hold personal data, erased with the customer."""
    return f"IDEMSCOPE#{scope}"


ATTEMPT_BUCKET_PREFIX = "MINUTE#"


def attempts(key: str) -> str:
    """One partition per throttled key (a scope and a digest, never an address in clear)."""
    return f"THROTTLE#{key}"


def attempt_bucket(key: str, minute: int) -> tuple[str, str]:
    """A key's attempts in one minute since the epoch; zero-padded so a range reads a window."""
    return attempts(key), f"{ATTEMPT_BUCKET_PREFIX}{minute:010d}"


def outbox(event_id: str) -> tuple[str, str]:
    return f"OUTBOX#{event_id}", "EVENT"


OUTBOX_PENDING_PK = "OUTBOX"  # GSI1, sparse: events not yet relayed


def stock_alert(alert_id: str) -> tuple[str, str]:
    return f"STOCKALERT#{alert_id}", "ALERT"


def open_stock_alert(code: str) -> tuple[str, str]:
    """At most one open alert per SKU: this item exists while one does."""
    return f"SKU#{code}", "ALERT"


def stock_alerts_by_status(status: str) -> str:
    return f"STOCKALERTS#{status}"


def order_exception(exception_id: str) -> tuple[str, str]:
    return f"EXCEPTION#{exception_id}", "EXCEPTION"


def exceptions_by_status(status: str) -> str:
    return f"EXCEPTIONS#{status}"


def sales_day(day: date) -> str:
    """One partition per business day: a row per SKU sold that day."""
    return f"SALES#{day.isoformat()}"


def sku_sales(day: date, code: str) -> tuple[str, str]:
    return sales_day(day), f"SKU#{code}"


ABC_LATEST = ("ABC", "LATEST")  # the latest ABC classification run


def abc_run(day: date) -> tuple[str, str]:
    return "ABC", f"RUN#{day.isoformat()}"


def plan(plan_id: str) -> tuple[str, str]:
    return f"PLAN#{plan_id}", "PLAN"


PLANS_PK = "PLANS"  # GSI2: every membership plan
DUE_MEMBERSHIP_PK = "DUE#membership"  # GSI5: memberships by their next renewal action


def membership(customer_id: str) -> tuple[str, str]:
    """A customer's one membership lives next to the customer profile."""
    return f"CUSTOMER#{customer_id}", "MEMBERSHIP"


def membership_charge(customer_id: str, period: int, attempt: int) -> tuple[str, str]:
    return f"CUSTOMER#{customer_id}", f"MEMBERCHARGE#{period:04d}#{attempt}"


def settlement_statement(day: date) -> tuple[str, str]:
    return f"SETTLEMENT#{day.isoformat()}", "STATEMENT"


def settlement_line(day: date, order_id: str, refunds_settled: int) -> tuple[str, str]:
    """One line per order, and one per later refund (keyed by the refunds settled after it)."""
    return f"SETTLEMENT#{day.isoformat()}", f"LINE#{order_id}#{refunds_settled:012d}"


SETTLEMENTS_PK = "SETTLEMENTS"  # GSI2: statements by business date


def job_run(job: str, day: date, run: str) -> tuple[str, str]:
    """A fanned-out run of a job (ADR 0012): one partition per job and business date."""
    return f"JOBRUN#{job}#{day.isoformat()}", f"RUN#{run}"


def job_chunk(job: str, day: date, run: str, number: int) -> tuple[str, str]:
    """A run's chunk, next to its run item: one Query reads the run and its chunks."""
    return f"JOBRUN#{job}#{day.isoformat()}", f"RUN#{run}#CHUNK#{number:06d}"


def after_sale(after_sale_id: str) -> tuple[str, str]:
    return f"AFTERSALE#{after_sale_id}", "AFTERSALE"


def order_after_sales(order_id: str) -> str:
    """GSI1: an order's after-sale requests, newest first."""
    return f"ORDER#{order_id}#AFTERSALES"


def after_sales_by_status(status: str) -> str:
    """GSI2: after-sale requests by status (the staff list)."""
    return f"AFTERSALES#{status}"


DUE_AFTER_SALE_PK = "DUE#after_sale"  # GSI5: requests by their next deadline (the deadlines job)


def ticket_partition(ticket_id: str) -> str:
    """A ticket and its messages: one Query reads the thread."""
    return f"TICKET#{ticket_id}"


def ticket(ticket_id: str) -> tuple[str, str]:
    return ticket_partition(ticket_id), "TICKET"


TICKET_MESSAGE_PREFIX = "MSG#"


def ticket_message(ticket_id: str, message_id: str) -> tuple[str, str]:
    return ticket_partition(ticket_id), f"{TICKET_MESSAGE_PREFIX}{message_id}"


def customer_tickets(customer_id: str) -> str:
    """GSI1: a customer's tickets, newest first."""
    return f"CUSTOMER#{customer_id}#TICKETS"


def tickets_by_status(status: str) -> str:
    """GSI2: tickets by status (the staff list)."""
    return f"TICKETS#{status}"


TICKETS_PK = "TICKETS"  # GSI3: every ticket by creation time (ms): the unfiltered staff list, the report
DUE_TICKET_PK = "DUE#ticket"  # GSI5: tickets awaiting a first response, by its deadline (scan_ticket_slas)
WALLET_PREFIX = "WALLET#"


def wallet_coupon(customer_id: str, code: str) -> tuple[str, str]:
    """A coupon granted to a customer (CouponGrant), next to the customer profile."""
    return f"CUSTOMER#{customer_id}", f"{WALLET_PREFIX}{code}"
