"""The composition root's part for CRM targeting (ADR 0019; kept apart so
bootstrap.py stays short): the birthday and loyalty coupon jobs, and who counts as
a high-value customer at checkout. Imports nothing heavy at module level."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .domain.targeting import HighValue
    from .services.crm_coupons import CrmCoupons, Offer
    from .settings import Settings


def high_value_of(settings: Settings) -> HighValue:
    from .domain.targeting import HighValue

    return HighValue(spend_over=settings.high_value_spend)


def build_crm_coupons(settings: Settings, offer: Offer) -> CrmCoupons:
    """Built per job run (once a day or a quarter): nothing worth keeping warm.
    ``offer`` tells a customer of their coupon (the notifications service)."""
    from .adapters.dynamo.crm import DynamoRfm
    from .adapters.dynamo.targeting import DynamoBirthdays, DynamoCouponGrants
    from .services.crm_coupons import CrmCouponPolicy, CrmCoupons

    s = settings
    policy = CrmCouponPolicy(
        store_timezone=s.store_timezone,
        currency=s.currency,
        birthday_days_ahead=s.birthday_coupon_days_ahead,
        birthday_amount=s.birthday_coupon_amount,
        loyalty_spend_over=s.loyalty_spend_over,
        loyalty_amount=s.loyalty_coupon_amount,
        valid_days=s.crm_coupon_valid_days,
    )
    return CrmCoupons(DynamoBirthdays(), DynamoCouponGrants(), DynamoRfm(), offer, policy)
