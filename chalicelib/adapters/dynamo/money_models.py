"""PynamoDB items of memberships and settlements (the shared table's model and its other items are in models.py)."""

from __future__ import annotations

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute, VersionAttribute

from .models import Item


class PlanItem(Item, discriminator="MembershipPlan"):
    id = UnicodeAttribute()
    body = JSONAttribute()  # name, price, currency, period, benefits, active
    created_at = UTCDateTimeAttribute()


class MembershipItem(Item, discriminator="Membership"):
    customer_id = UnicodeAttribute()
    status = UnicodeAttribute()
    current_period_end = UTCDateTimeAttribute(null=True)
    body = JSONAttribute()  # plan snapshot, periods, Stripe ids, history
    version = VersionAttribute()


class MembershipChargeClaim(Item, discriminator="MembershipCharge"):
    claimed_at = UTCDateTimeAttribute()


class SettlementLineItem(Item, discriminator="SettlementLine"):
    order_id = UnicodeAttribute()
    body = JSONAttribute()  # kind, amounts, fee source, order status, mismatch


class SettlementStatementItem(Item, discriminator="SettlementStatement"):
    business_date = UnicodeAttribute()
    currency = UnicodeAttribute()
    line_count = NumberAttribute()
    totals = JSONAttribute()  # gross, discounts, shipping, refunds, fees, net, orders, adjustments, exceptions
    generated_at = UTCDateTimeAttribute()
