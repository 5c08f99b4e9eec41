"""The one definition of the AWS resources the code expects.

The local stack (localdev/), the test fixtures and infra/ all build the table,
queues and bus from these values, so a key or index cannot drift between them.
"""

from __future__ import annotations

from typing import Any

# Generic overloaded indexes. GSI1/GSI2/GSI5 sort on strings, GSI3/GSI4 on
# numbers (so counters such as sales can be ADDed atomically and still sort).
INDEXES: dict[str, tuple[str, str, str]] = {
    # name: (partition key attribute, sort key attribute, sort key type)
    "GSI1": ("GSI1PK", "GSI1SK", "S"),
    "GSI2": ("GSI2PK", "GSI2SK", "S"),
    "GSI3": ("GSI3PK", "GSI3SK", "N"),
    "GSI4": ("GSI4PK", "GSI4SK", "N"),
    "GSI5": ("GSI5PK", "GSI5SK", "S"),
}
TTL_ATTRIBUTE = "expires_at"

# Queues are named <prefix><name>; each has a dead-letter queue <prefix><name>-dlq.
# settle-chunks, renew-chunks: one message per chunk of a fanned-out settle or
# renew_memberships run (ADR 0012).
# notifications: domain events told to customers (chalicelib/workers/notifications.py).
# campaign-batches: one message per batch of customers of a fanned-out campaign (ADR 0012).
# customer-stats: order events kept as customer stats (chalicelib/workers/customer_stats.py).
# coupon-grants: one message per batch of customers of a staff coupon grant (ADR 0018).
# reviews: review events: the care ticket and the first-review reward (chalicelib/workers/reviews.py).
# analytics-sales: order events kept as daily sales (chalicelib/workers/analytics_sales.py, ADR 0021).
# promotion-reports: order events kept as promotion reports (chalicelib/workers/promotion_reports.py, ADR 0028).
QUEUES: tuple[str, ...] = (
    "fulfillment",
    "stock-alerts",
    "settle-chunks",
    "renew-chunks",
    "notifications",
    "campaign-batches",
    "customer-stats",
    "coupon-grants",
    "reviews",
    "analytics-sales",
    "promotion-reports",
)
MAX_RECEIVE_COUNT = 5


def table_definition(table_name: str) -> dict[str, Any]:
    """Arguments for DynamoDB CreateTable (boto3 client shape)."""
    attributes: dict[str, str] = {"PK": "S", "SK": "S"}
    indexes = []
    for name, (pk, sk, sk_type) in INDEXES.items():
        attributes[pk] = "S"
        attributes[sk] = sk_type
        indexes.append(
            {
                "IndexName": name,
                "KeySchema": [
                    {"AttributeName": pk, "KeyType": "HASH"},
                    {"AttributeName": sk, "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        )
    return {
        "TableName": table_name,
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": n, "AttributeType": t} for n, t in attributes.items()],
        "KeySchema": [
            {"AttributeName": "PK", "KeyType": "HASH"},
            {"AttributeName": "SK", "KeyType": "RANGE"},
        ],
        "GlobalSecondaryIndexes": indexes,
    }


def queue_names(prefix: str) -> list[str]:
    return [prefix + q for q in QUEUES]


# The schedules as deployed (infra/: EventBridge Scheduler), in the store's time
# zone (.chalice/config.json COMMERCE_STORE_TIMEZONE). The Chalice decorators in
# chalicelib/workers/schedules.py carry the same times in UTC, which is what the
# local runner fires; tests/unit/test_schedules.py keeps the two in step.
SCHEDULES: dict[str, str] = {
    "publish_scheduled_listings": "rate(1 minute)",
    "refresh_sales_ranks": "rate(15 minutes)",  # sales onto the category and search indexes
    "release_unpaid_orders": "rate(5 minutes)",
    "retry_refunds": "rate(15 minutes)",
    "requeue_fulfillment": "rate(5 minutes)",
    "auto_complete_orders": "rate(1 hour)",
    "scan_slas": "rate(1 hour)",
    "relay_outbox": "rate(1 minute)",
    "classify_abc": "cron(0 9 ? * MON *)",  # Mondays 09:00: after the weekend's sales are in
    "renew_memberships": "cron(0 9 * * ? *)",  # daily 09:00: reminders, renewals, retries, expiry
    "settle": "cron(0 2 * * ? *)",  # daily 02:00: the statement of the day before
    "after_sale_deadlines": "rate(15 minutes)",  # auto-approve, close, refunds again, breaches
    "scan_ticket_slas": "rate(5 minutes)",  # tickets past their first-response deadline: breached once
    "score_rfm": "cron(0 4 * * ? *)",  # daily 04:00: RFM scores and segments (ADR 0016)
    "birthday_coupons": "cron(30 9 * * ? *)",  # daily 09:30: birthdays N days ahead (ADR 0019)
    "loyalty_coupons": "cron(0 10 1 1,4,7,10 ? *)",  # quarterly, the 1st at 10:00 (ADR 0019)
    "compute_dsr": "cron(30 4 * * ? *)",  # daily 04:30: the store rating over 180 days (ADR 0020)
    "recompute_safety_stock": "cron(0 3 * * ? *)",  # daily 03:00: safety stock, reorder points (ADR 0022)
    "schedule_cycle_counts": "cron(0 6 * * ? *)",  # daily 06:00: the day's count sheets (ADR 0022)
    "aggregate_kpis": "cron(5 * * * ? *)",  # hourly at :05: yesterday's and today's KPIs (ADR 0021)
    "flag_product_health": "cron(0 10 ? * MON *)",  # Mondays 10:00: product health flags (ADR 0021)
    "rebalance_stock_shards": "rate(5 minutes)",  # hot SKUs' stock shards evened out (ADR 0025)
    "close_unpaid_balances": "rate(15 minutes)",  # presale balances unpaid past their window (ADR 0026)
}
