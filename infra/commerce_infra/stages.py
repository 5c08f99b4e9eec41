"""A deployment stage: what .chalice/config.json says about it, plus the few
settings only the deployment needs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CHALICE_CONFIG = ROOT / ".chalice" / "config.json"

# Per stage: API Gateway throttling (steady requests/s, burst), whether the
# table is protected from deletion (and retained if the stack goes), and how long
# the log groups (functions' and the API's access log) keep their lines.
DEPLOYMENT = {
    "dev": {"throttle_rate": 50, "throttle_burst": 100, "protect_data": False, "log_retention_days": 14},
    "prod": {"throttle_rate": 500, "throttle_burst": 1000, "protect_data": True, "log_retention_days": 90},
}

# Jobs that walk many items get more than the API's 30 s (EventBridge Scheduler
# invokes them asynchronously; nothing waits on them). The two that call Stripe
# once per item get Lambda's maximum.
JOB_TIMEOUTS = {
    "settle": 900,  # the coordinator: reads the due keys (a million in a few minutes) and sends the chunks
    "settle_chunks": 300,  # a chunk of 500 orders; a chunk short of time sends itself on (ADR 0012)
    "classify_abc": 300,
    "recompute_safety_stock": 300,
    "score_rfm": 900,  # pages through the stats twice; a run short of time stops at its checkpoint (ADR 0016)
    "loyalty_coupons": 900,  # pages through the stats once a quarter; short of time, incomplete (ADR 0019)
    "renew_memberships": 900,  # the coordinator: reads the due keys, renews inline up to 1,000
    "renew_chunks": 300,  # a chunk of 200 memberships; a chunk short of time sends itself on (ADR 0012)
    "campaign_batches": 120,  # a batch of 100 customers, one SES/SNS call each; short of time, sent on (ADR 0012)
    "scan_slas": 300,
    "auto_complete_orders": 120,
    "release_unpaid_orders": 120,
    "aggregate_kpis": 300,  # two days, each reading 90 days of paying customers for the repurchase rate
    "flag_product_health": 900,  # per listed product: a read, 14 day Queries in parallel, 2 Queries, 3 writes
}


# Reserved concurrency, the one table (both stages; the tests read it): function ->
# (reserved concurrent executions, why). Both stages in one account reserve 2 x the
# sum, which must leave Lambda's 100 unreserved out of the default 1000.
# Stripe allows about 100 requests/s live, shared by checkout, the webhooks' follow-ups
# and the jobs, and 25/s per endpoint unless Stripe raises it; DynamoDB on-demand takes
# thousands of writes/s, so Stripe is the bound.
RESERVED_CONCURRENCY: dict[str, tuple[int, str]] = {
    "api_handler": (200, "prod throttle 500 req/s x up to 0.4 s a request; the rest is left to the workers and jobs"),
    "fulfillment": (
        10,
        "10 batches of 10 in flight: the queue absorbs peaks, the carrier's API is called at a steady pace",
    ),
    "stock_alerts": (
        5,
        "DynamoDB writes only (one open alert per SKU): 5 batches in flight drain a restock in minutes",
    ),
    "notifications": (
        5,
        "5 batches of 10 events in flight, each a few DynamoDB writes and one SES/SNS call per channel: "
        "well under SES's and SNS's default sending rates",
    ),
    "campaign_batches": (
        2,
        "2 batches of a fanned-out campaign in flight, one SES/SNS call per customer (~10/s each): under SES's "
        "default 14 e-mails/s with the notifications worker beside it; the monthly cap is a conditional counter, "
        "so concurrent batches and campaigns never pass it (ADR 0012)",
    ),
    "customer_stats": (
        2,
        "2 batches of 10 order events in flight, a read and one 3-item transaction each, DynamoDB only: "
        "few writers per customer keeps the stats item's version conflicts rare",
    ),
    "coupon_grants": (
        2,
        "2 batches of a staff coupon grant in flight, 100 conditional puts each, DynamoDB only: a grant to "
        "a large segment drains in minutes without crowding checkout's writes (ADR 0018)",
    ),
    "score_rfm": (1, "one run a day, checkpointed: two passes over the stats index, writes only changed scores"),
    "birthday_coupons": (1, "one run a day over one birthday-index partition; grants are idempotent by coupon code"),
    "loyalty_coupons": (1, "one run a quarter over the stats index; grants are idempotent by coupon code"),
    "reviews": (
        2,
        "2 batches of 10 review events in flight: a conditional ticket or reward write each, DynamoDB only; "
        "both idempotent, so a redelivery changes nothing",
    ),
    "compute_dsr": (1, "one run a day: a Query of 180 days of reviews, two writes"),
    "analytics_sales": (
        2,
        "2 batches of 10 order events in flight, a read and one 4-item transaction each, DynamoDB only: "
        "counters are sharded, so the day's sales take concurrent events without conflicts (ADR 0021)",
    ),
    "promotion_reports": (
        2,
        "2 batches of 10 order events in flight, a read and one small transaction each, DynamoDB only: "
        "an order touches few promotions, and each report counts an order once (ADR 0028)",
    ),
    "aggregate_kpis": (1, "one run at a time: a few Queries per day over the aggregates, rewrites two day rows"),
    "flag_product_health": (1, "one weekly run at a time: pages through the listed products, no overlap"),
    "publish_scheduled_listings": (1, "one run at a time: a late tick waits in Lambda's async queue, no overlap"),
    "release_unpaid_orders": (
        1,
        "one sweep at a time: one Stripe look-up per unpaid order, a few req/s, no order released twice",
    ),
    "retry_refunds": (1, "one Stripe caller at a time: a few req/s, far under Stripe's 100 req/s"),
    "requeue_fulfillment": (1, "one sweep at a time, so an order is requeued once"),
    "auto_complete_orders": (1, "one sweep at a time, so two runs never complete the same order"),
    "scan_slas": (1, "one scan at a time: its alarms count each breach once"),
    "refresh_sales_ranks": (1, "one sweep at a time over the day's sales rows: DynamoDB writes only"),
    "after_sale_deadlines": (
        1,
        "one sweep at a time: auto-approvals and refunds retried with their keys, a few Stripe req/s",
    ),
    "scan_ticket_slas": (1, "one scan at a time: each breach is marked (and counted) once, DynamoDB only"),
    "relay_outbox": (1, "one relay at a time keeps the outbox's order and sends each event once"),
    "classify_abc": (1, "weekly batch over the sales: one run, DynamoDB reads only"),
    "recompute_safety_stock": (1, "daily batch over the sales and the SKU plans: one run, DynamoDB only (ADR 0022)"),
    "rebalance_stock_shards": (
        1,
        "one run at a time over the sharded SKUs: a transaction each, DynamoDB only (ADR 0025)",
    ),
    "close_unpaid_balances": (
        1,
        "one sweep at a time over presale orders past their balance window: a Stripe cancel (and a deposit "
        "refund) per order, a few req/s, no order closed twice (ADR 0026)",
    ),
    "schedule_cycle_counts": (1, "daily: one sheet per due class, once per day and class (ADR 0022)"),
    "renew_memberships": (1, "the coordinator: one plan per run (inline up to 1,000), the chunks go to renew_chunks"),
    "renew_chunks": (
        3,
        "3 chunks in flight, ~3 off-session PaymentIntent creates/s each: ~9 of the 25/s Stripe allows "
        "POST /v1/payment_intents by default, the rest for checkout (09:00 store time); "
        "a (customer, period, attempt) claim keeps two workers from charging one member (ADR 0012)",
    ),
    "settle": (1, "the coordinator: one plan per run, the chunks go to settle_chunks"),
    "settle_chunks": (
        12,
        "12 chunks in flight, 1 Stripe GET per order (~6.5 orders/s each): ~77 of Stripe's 100 req/s, a million "
        "in ~3.7 h of the 4 h window; needs Stripe's per-endpoint limit (25/s by default) raised (ADR 0012)",
    ),
}


@dataclass(frozen=True)
class Stage:
    name: str
    environment: dict[str, str]
    lambda_timeout: int
    lambda_memory_size: int
    api_gateway_stage: str
    throttle_rate: int
    throttle_burst: int
    protect_data: bool
    log_retention_days: int
    chalice: dict[str, Any] = field(default_factory=dict)

    @property
    def table_name(self) -> str:
        return self.environment["COMMERCE_TABLE"]

    @property
    def queue_prefix(self) -> str:
        return self.environment["COMMERCE_QUEUE_PREFIX"]

    @property
    def event_bus_name(self) -> str:
        return self.environment["COMMERCE_EVENT_BUS"]

    @property
    def store_timezone(self) -> str:
        return self.environment["COMMERCE_STORE_TIMEZONE"]

    def timeout_of(self, function: str) -> int:
        return JOB_TIMEOUTS.get(function, self.lambda_timeout)

    @staticmethod
    def reserved_concurrency_of(function: str) -> int:
        return RESERVED_CONCURRENCY[function][0]


def load_stage(name: str) -> Stage:
    config = json.loads(CHALICE_CONFIG.read_text())
    if name not in DEPLOYMENT or name not in config.get("stages", {}):
        raise SystemExit(f"unknown stage {name!r}: deployable stages are {sorted(DEPLOYMENT)}")
    stage_config = config["stages"][name]
    environment = {**config.get("environment_variables", {}), **stage_config.get("environment_variables", {})}
    for required in ("COMMERCE_TABLE", "COMMERCE_QUEUE_PREFIX", "COMMERCE_EVENT_BUS", "COMMERCE_STORE_TIMEZONE"):
        if required not in environment:
            raise SystemExit(f".chalice/config.json stage {name!r} has no {required}")
    return Stage(
        name=name,
        environment=environment,
        lambda_timeout=int(stage_config.get("lambda_timeout", config.get("lambda_timeout", 60))),
        lambda_memory_size=int(stage_config.get("lambda_memory_size", config.get("lambda_memory_size", 512))),
        api_gateway_stage=stage_config.get("api_gateway_stage", "api"),
        chalice=stage_config,
        **DEPLOYMENT[name],
    )
