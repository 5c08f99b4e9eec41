"""Configuration: one frozen dataclass, read lazily from the environment.

Nothing here runs at import time. ``get_settings()`` reads the environment on
first use and caches the result; tests call ``reset_settings()`` after
changing the environment.

On AWS the secrets (Stripe keys, the token signing key, webhook secrets) are
never in the function's configuration: ``COMMERCE_SECRETS_ID`` names a Secrets
Manager secret, a JSON object of ``COMMERCE_*`` names to values, read once per
cold start. An environment variable of the same name wins over the secret
(handy for a one-off override); a value still set to ``REPLACE_ME`` counts as
missing, so a half-configured deployment fails with a message naming it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

LOCAL_STAGE = "local"
_DEV_TOKEN_SECRET = "local-dev-token-secret-not-for-production"


class ConfigurationError(RuntimeError):
    """Raised when the environment does not describe a usable configuration."""


PLACEHOLDER = "REPLACE_ME"
_WHERE = " (an environment variable, or a key of the secret COMMERCE_SECRETS_ID names)"


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    if value is None or value == "":
        value = _secrets().get(name)
    if value is None or value == "" or value == PLACEHOLDER:
        return default
    return value


@lru_cache(maxsize=1)
def _secrets() -> dict[str, str]:
    """The deployment's secret values, fetched once (empty when not configured)."""
    secret_id = os.environ.get("COMMERCE_SECRETS_ID")
    if not secret_id:
        return {}
    import json

    import boto3

    client = boto3.client("secretsmanager", endpoint_url=os.environ.get("COMMERCE_SECRETS_ENDPOINT") or None)
    try:
        raw = client.get_secret_value(SecretId=secret_id)["SecretString"]
        values = json.loads(raw)
    except Exception as exc:  # noqa: BLE001 - any failure here makes the stage unusable: say which secret
        raise ConfigurationError(f"cannot read the secret {secret_id} (COMMERCE_SECRETS_ID): {exc}") from exc
    if not isinstance(values, dict):
        raise ConfigurationError(f"the secret {secret_id} must be a JSON object of COMMERCE_* names to values")
    return {str(k): str(v) for k, v in values.items() if str(k).startswith("COMMERCE_")}


def _int(name: str, default: int) -> int:
    raw = _env(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be an integer, got {raw!r}") from exc


def _bounded_int(name: str, default: int, low: int, high: int) -> int:
    value = _int(name, default)
    if not low <= value <= high:
        raise ConfigurationError(f"{name} must be from {low} to {high}, got {value}")
    return value


def _optional_int(name: str, default: int | None) -> int | None:
    raw = _env(name)
    if raw is None:
        return default
    if raw.lower() in ("off", "none"):
        return None
    return _int(name, default or 0)


def _pairs(name: str, default: dict[str, int], keys: tuple[str, ...], high: int) -> tuple[tuple[str, int], ...]:
    """``key:number,...`` over the defaults (customer care's targets and caps)."""
    values = dict(default)
    for part in _list(name, ""):
        key, _, raw = part.partition(":")
        key = key.strip()
        if key not in keys or not raw.strip().isdigit() or not 0 <= int(raw) <= high:
            raise ConfigurationError(f"{name}: {part!r} is not <one of {', '.join(keys)}>:<0 to {high}>")
        values[key] = int(raw)
    return tuple(sorted(values.items()))


def _list(name: str, default: str) -> tuple[str, ...]:
    raw = _env(name, default) or ""
    return tuple(part.strip() for part in raw.split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    stage: str
    region: str
    table_name: str
    dynamodb_endpoint: str | None
    sqs_endpoint: str | None
    events_endpoint: str | None
    event_bus_name: str
    queue_prefix: str
    stripe_api_key: str
    stripe_api_base: str | None
    stripe_webhook_secret: str
    token_secret: str
    token_ttl_seconds: int
    currency: str
    store_timezone: str
    admin_bootstrap_key: str | None
    health_timeout_seconds: float = 2.0
    pricing_cache_seconds: float = 10.0
    payment_method_types: tuple[str, ...] = ("card",)
    unpaid_order_minutes: int = 30
    requeue_after_minutes: int = 10
    risk_review_over: int | None = 500000
    risk_provinces: frozenset[str] = frozenset()
    risk_max_orders_per_hour: int | None = 5
    stripe_timeout_seconds: float = 10.0
    logistics_webhook_secret: str = "logistics-local-secret"
    # A new SKU created without a safety_stock gets this (0 to 1,000,000).
    default_safety_stock: int = 5
    # Merchandising (ADR 0023): the lowest margin a SKU sells at (percent of the selling
    # price), the shortest description a listed product has, and the media bucket
    # (locally on the moto server) with the base of the URLs its objects are shown at.
    min_margin_percent: int = 30
    listing_min_description: int = 20
    media_bucket: str = "commerce-media"
    s3_endpoint: str | None = None
    media_base_url: str | None = None
    replenishment_lead_days: int = 7
    safety_window_days: int = 28  # recompute_safety_stock: average daily sales over these days (ADR 0022)
    sla_confirm_hours: int = 24
    sla_ship_hours: int = 48
    sla_tracking_hours: int = 48
    alert_webhook_url: str | None = None
    alert_webhook_secret: str = "alerts-local-secret"
    # Notifications: SES and SNS (locally the moto server), the verified sender, and
    # the most marketing messages a customer gets in a calendar month.
    ses_endpoint: str | None = None
    sns_endpoint: str | None = None
    email_sender: str = "no-reply@commerce.local"
    marketing_monthly_cap: int = 2
    carrier: str = "manual"
    payment_fee_bps: int = 60  # settlement's fee when Stripe cannot say: 0.6 %
    settlement_days: int = 7  # T+N
    settlement_basis: str = "paid"  # paid: N days after payment | completed: N days after completion
    # The settle job's fan-out (ADR 0012): orders per chunk message, and the most due
    # orders a run settles inline (in the coordinator, no queue) before it fans out.
    settlement_chunk_size: int = 500
    settlement_inline_max: int = 1000
    # renew_memberships' fan-out, the same way (ADR 0012): memberships per chunk, the most inline.
    renewal_chunk_size: int = 200
    renewal_inline_max: int = 1000
    # Marketing campaigns (ADR 0012): up to this many customers a send goes out in the
    # request; beyond, in batches of this many customers on the campaign-batches queue.
    campaign_inline_max: int = 200
    campaign_batch_size: int = 100
    # CRM targeting (ADR 0019): birthday coupons N days ahead, loyalty coupons over a 365-day
    # net spend, how long their coupons last, and the spend that makes orders priority (minor units).
    birthday_coupon_days_ahead: int = 7
    birthday_coupon_amount: int = 2000
    loyalty_spend_over: int = 1_000_000
    loyalty_coupon_amount: int = 5000
    crm_coupon_valid_days: int = 30
    high_value_spend: int = 1_000_000
    # A carrier's delivery exception is followed up with the carrier within these hours:
    # the /admin/exceptions entry's due time and what the customer is told.
    carrier_follow_up_hours: int = 4
    auto_complete_days: int = 7  # delivered -> completed
    # After-sales (ADR 0009): the no-reason return window from delivery, and the deadlines.
    return_window_days: int = 7
    after_sale_respond_hours: int = 48  # staff answer, else approved automatically
    after_sale_ship_back_days: int = 7  # the customer ships back after approval, else closed
    after_sale_inspect_hours: int = 24  # a received return is inspected
    after_sale_refund_days: int = 3  # a passed inspection is refunded
    simulated_carrier_url: str = "http://127.0.0.1:8000/webhooks/logistics"
    # Throttling (ADR 0007): failed sign-ins per e-mail and per source address, and
    # sign-ups (registrations, guest carts: each counted apart) per source address.
    login_failures_per_email: int = 5
    login_failures_per_ip: int = 50
    login_window_minutes: int = 15
    signups_per_ip: int = 50
    # Customer care (docs/api.md): first-response targets by ticket category (minutes),
    # the most one compensation may grant by staff role (minor units), coupon validity.
    ticket_first_response_minutes: tuple[tuple[str, int], ...] = (
        ("after_sales", 120),
        ("complaint", 60),
        ("logistics", 240),
        ("other", 120),
        ("question", 120),
    )
    compensation_caps: tuple[tuple[str, int], ...] = (("admin", 50000), ("customer_service", 5000))
    compensation_coupon_days: int = 90
    # Reviews (docs/api.md "Reviews"): days after delivery a review and its follow-up are
    # taken, words that hold a text for moderation, the first-review reward coupon.
    review_window_days: int = 30
    review_follow_up_days: int = 90
    review_banned_words: tuple[str, ...] = ()
    review_reward_amount: int = 500
    review_reward_days: int = 30
    # product health (ADR 0021): the flag_product_health job's thresholds
    low_conversion_bps: int = 100  # under 1 % of a week's product views ordering
    low_conversion_min_views: int = 100  # views a week needs before its conversion is judged
    slow_moving_days: int = 30

    @property
    def is_local(self) -> bool:
        return self.stage == LOCAL_STAGE

    @property
    def media_url_base(self) -> str:
        """Where media objects are shown from: COMMERCE_MEDIA_BASE_URL (a CDN in front of
        the bucket), else the bucket's own address (path style on a local endpoint)."""
        if self.media_base_url:
            return self.media_base_url.rstrip("/")
        if self.s3_endpoint:
            return f"{self.s3_endpoint.rstrip('/')}/{self.media_bucket}"
        return f"https://{self.media_bucket}.s3.{self.region}.amazonaws.com"


def load_settings() -> Settings:
    stage = _env("COMMERCE_STAGE", LOCAL_STAGE) or LOCAL_STAGE
    token_secret = _env("COMMERCE_TOKEN_SECRET")
    if token_secret is None:
        if stage != LOCAL_STAGE:
            raise ConfigurationError("COMMERCE_TOKEN_SECRET is required outside the local stage" + _WHERE)
        token_secret = _DEV_TOKEN_SECRET
    if stage != LOCAL_STAGE:
        for name in ("COMMERCE_STRIPE_API_KEY", "COMMERCE_STRIPE_WEBHOOK_SECRET", "COMMERCE_LOGISTICS_WEBHOOK_SECRET"):
            if _env(name) is None:
                raise ConfigurationError(f"{name} is required outside the local stage" + _WHERE)
    if len(token_secret) < 32:
        raise ConfigurationError("COMMERCE_TOKEN_SECRET must be at least 32 characters")
    carrier = _env("COMMERCE_CARRIER", "manual") or "manual"
    if carrier not in ("manual", "simulated"):
        raise ConfigurationError("COMMERCE_CARRIER must be manual or simulated")
    if carrier == "simulated" and stage != LOCAL_STAGE:
        raise ConfigurationError("COMMERCE_CARRIER=simulated is for the local stage only")
    currency = (_env("COMMERCE_CURRENCY", "CNY") or "CNY").upper()
    if len(currency) != 3 or not currency.isalpha():
        raise ConfigurationError("COMMERCE_CURRENCY must be an ISO 4217 code")
    settlement_basis = (_env("COMMERCE_SETTLEMENT_BASIS", "paid") or "paid").lower()
    if settlement_basis not in ("paid", "completed"):
        raise ConfigurationError("COMMERCE_SETTLEMENT_BASIS must be paid or completed")
    return Settings(
        stage=stage,
        region=_env("AWS_DEFAULT_REGION", _env("AWS_REGION", "us-east-1")) or "us-east-1",
        table_name=_env("COMMERCE_TABLE", "commerce") or "commerce",
        dynamodb_endpoint=_env("COMMERCE_DYNAMODB_ENDPOINT"),
        sqs_endpoint=_env("COMMERCE_SQS_ENDPOINT"),
        events_endpoint=_env("COMMERCE_EVENTS_ENDPOINT"),
        event_bus_name=_env("COMMERCE_EVENT_BUS", "commerce-events") or "commerce-events",
        queue_prefix=_env("COMMERCE_QUEUE_PREFIX", "commerce-") or "commerce-",
        stripe_api_key=_env("COMMERCE_STRIPE_API_KEY", "sk_test_local") or "sk_test_local",
        stripe_api_base=_env("COMMERCE_STRIPE_API_BASE"),
        stripe_webhook_secret=_env("COMMERCE_STRIPE_WEBHOOK_SECRET", "whsec_local") or "whsec_local",
        token_secret=token_secret,
        token_ttl_seconds=_int("COMMERCE_TOKEN_TTL_SECONDS", 3600),
        currency=currency,
        store_timezone=_env("COMMERCE_STORE_TIMEZONE", "Asia/Shanghai") or "Asia/Shanghai",
        admin_bootstrap_key=_env("COMMERCE_ADMIN_API_KEY"),
        health_timeout_seconds=float(_env("COMMERCE_HEALTH_TIMEOUT_SECONDS", "2") or "2"),
        pricing_cache_seconds=float(_env("COMMERCE_PRICING_CACHE_SECONDS", "10") or "10"),
        payment_method_types=_list("COMMERCE_PAYMENT_METHOD_TYPES", "card"),
        unpaid_order_minutes=_int("COMMERCE_UNPAID_ORDER_MINUTES", 30),
        requeue_after_minutes=_int("COMMERCE_REQUEUE_AFTER_MINUTES", 10),
        risk_review_over=_optional_int("COMMERCE_RISK_REVIEW_OVER", 500000),
        risk_provinces=frozenset(_list("COMMERCE_RISK_PROVINCES", "")),
        risk_max_orders_per_hour=_optional_int("COMMERCE_RISK_MAX_ORDERS_PER_HOUR", 5),
        stripe_timeout_seconds=float(_env("COMMERCE_STRIPE_TIMEOUT_SECONDS", "10") or "10"),
        logistics_webhook_secret=_env("COMMERCE_LOGISTICS_WEBHOOK_SECRET", "logistics-local-secret")
        or "logistics-local-secret",
        default_safety_stock=_bounded_int("COMMERCE_DEFAULT_SAFETY_STOCK", 5, 0, 1_000_000),
        min_margin_percent=_bounded_int("COMMERCE_MIN_MARGIN", 30, 0, 99),
        listing_min_description=_bounded_int("COMMERCE_LISTING_MIN_DESCRIPTION", 20, 0, 5000),
        media_bucket=_env("COMMERCE_MEDIA_BUCKET", "commerce-media") or "commerce-media",
        s3_endpoint=_env("COMMERCE_S3_ENDPOINT"),
        media_base_url=_env("COMMERCE_MEDIA_BASE_URL"),
        replenishment_lead_days=_int("COMMERCE_REPLENISHMENT_LEAD_DAYS", 7),
        safety_window_days=_bounded_int("COMMERCE_SAFETY_WINDOW_DAYS", 28, 1, 365),
        sla_confirm_hours=_int("COMMERCE_SLA_CONFIRM_HOURS", 24),
        sla_ship_hours=_int("COMMERCE_SLA_SHIP_HOURS", 48),
        sla_tracking_hours=_int("COMMERCE_SLA_TRACKING_HOURS", 48),
        alert_webhook_url=_env("COMMERCE_ALERT_WEBHOOK_URL"),
        alert_webhook_secret=_env("COMMERCE_ALERT_WEBHOOK_SECRET", "alerts-local-secret") or "alerts-local-secret",
        ses_endpoint=_env("COMMERCE_SES_ENDPOINT"),
        sns_endpoint=_env("COMMERCE_SNS_ENDPOINT"),
        email_sender=_env("COMMERCE_EMAIL_SENDER", "no-reply@commerce.local") or "no-reply@commerce.local",
        marketing_monthly_cap=_bounded_int("COMMERCE_MARKETING_MONTHLY_CAP", 2, 0, 100),
        carrier=carrier,
        payment_fee_bps=_int("COMMERCE_PAYMENT_FEE_BPS", 60),
        settlement_days=_bounded_int("COMMERCE_SETTLEMENT_DAYS", 7, 0, 60),
        settlement_basis=settlement_basis,
        settlement_chunk_size=_bounded_int("COMMERCE_SETTLEMENT_CHUNK_SIZE", 500, 1, 10_000),
        settlement_inline_max=_bounded_int("COMMERCE_SETTLEMENT_INLINE_MAX", 1000, 0, 100_000),
        renewal_chunk_size=_bounded_int("COMMERCE_RENEWAL_CHUNK_SIZE", 200, 1, 10_000),
        renewal_inline_max=_bounded_int("COMMERCE_RENEWAL_INLINE_MAX", 1000, 0, 100_000),
        campaign_inline_max=_bounded_int("COMMERCE_CAMPAIGN_INLINE_MAX", 200, 0, 100_000),
        campaign_batch_size=_bounded_int("COMMERCE_CAMPAIGN_BATCH_SIZE", 100, 1, 10_000),
        birthday_coupon_days_ahead=_bounded_int("COMMERCE_BIRTHDAY_COUPON_DAYS_AHEAD", 7, 0, 60),
        birthday_coupon_amount=_bounded_int("COMMERCE_BIRTHDAY_COUPON_AMOUNT", 2000, 1, 10**9),
        loyalty_spend_over=_bounded_int("COMMERCE_LOYALTY_SPEND_OVER", 1_000_000, 1, 10**12),
        loyalty_coupon_amount=_bounded_int("COMMERCE_LOYALTY_COUPON_AMOUNT", 5000, 1, 10**9),
        crm_coupon_valid_days=_bounded_int("COMMERCE_CRM_COUPON_VALID_DAYS", 30, 1, 365),
        high_value_spend=_bounded_int("COMMERCE_HIGH_VALUE_SPEND", 1_000_000, 1, 10**12),
        carrier_follow_up_hours=_bounded_int("COMMERCE_CARRIER_FOLLOW_UP_HOURS", 4, 1, 168),
        auto_complete_days=_bounded_int("COMMERCE_AUTO_COMPLETE_DAYS", 7, 1, 60),
        return_window_days=_bounded_int("COMMERCE_RETURN_WINDOW_DAYS", 7, 0, 365),
        after_sale_respond_hours=_bounded_int("COMMERCE_AFTER_SALE_RESPOND_HOURS", 48, 1, 720),
        after_sale_ship_back_days=_bounded_int("COMMERCE_AFTER_SALE_SHIP_BACK_DAYS", 7, 1, 90),
        after_sale_inspect_hours=_bounded_int("COMMERCE_AFTER_SALE_INSPECT_HOURS", 24, 1, 720),
        after_sale_refund_days=_bounded_int("COMMERCE_AFTER_SALE_REFUND_DAYS", 3, 1, 90),
        simulated_carrier_url=_env("COMMERCE_SIMULATED_CARRIER_URL", "http://127.0.0.1:8000/webhooks/logistics")
        or "http://127.0.0.1:8000/webhooks/logistics",
        login_failures_per_email=_bounded_int("COMMERCE_LOGIN_FAILURES_PER_EMAIL", 5, 1, 1000),
        login_failures_per_ip=_bounded_int("COMMERCE_LOGIN_FAILURES_PER_IP", 50, 1, 100000),
        login_window_minutes=_bounded_int("COMMERCE_LOGIN_WINDOW_MINUTES", 15, 1, 1440),
        signups_per_ip=_bounded_int("COMMERCE_SIGNUPS_PER_IP", 50, 1, 100000),
        ticket_first_response_minutes=_pairs(
            "COMMERCE_TICKET_FIRST_RESPONSE_MINUTES",
            {"complaint": 60, "question": 120, "logistics": 240, "after_sales": 120, "other": 120},
            ("complaint", "question", "logistics", "after_sales", "other"),
            10080,
        ),
        compensation_caps=_pairs(
            "COMMERCE_COMPENSATION_CAPS",
            {"customer_service": 5000, "admin": 50000},
            ("admin", "operations", "customer_service", "warehouse", "finance"),
            10**9,
        ),
        compensation_coupon_days=_bounded_int("COMMERCE_COMPENSATION_COUPON_DAYS", 90, 1, 365),
        review_window_days=_bounded_int("COMMERCE_REVIEW_WINDOW_DAYS", 30, 1, 365),
        review_follow_up_days=_bounded_int("COMMERCE_REVIEW_FOLLOW_UP_DAYS", 90, 1, 730),
        review_banned_words=_list("COMMERCE_REVIEW_BANNED_WORDS", ""),
        review_reward_amount=_bounded_int("COMMERCE_REVIEW_REWARD_AMOUNT", 500, 1, 10**7),
        review_reward_days=_bounded_int("COMMERCE_REVIEW_REWARD_DAYS", 30, 1, 365),
        low_conversion_bps=_bounded_int("COMMERCE_LOW_CONVERSION_BPS", 100, 1, 10_000),
        low_conversion_min_views=_bounded_int("COMMERCE_LOW_CONVERSION_MIN_VIEWS", 100, 1, 10**9),
        slow_moving_days=_bounded_int("COMMERCE_SLOW_MOVING_DAYS", 30, 1, 365),
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()


def reset_settings() -> None:
    get_settings.cache_clear()
    _secrets.cache_clear()
