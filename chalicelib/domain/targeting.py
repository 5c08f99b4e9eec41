"""CRM targeting (ADR 0019): who a promotion or coupon is for, which customers are
high-value (their orders ship first), and the calendar keys of the birthday and
loyalty coupons.

An audience is any-of: a customer matches when their RFM segment is listed, or
they are new (no paid order counted yet) and new customers are targeted, or
they are a paid member and members are targeted. A guest matches no audience."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from .customer_stats import CustomerStats, in_window
from .notifications import Template
from .rfm import SEGMENTS


@dataclass(frozen=True)
class Shopper:
    """What targeting knows of the customer pricing a cart (nothing, for a guest)."""

    signed_in: bool = False
    segment: str | None = None  # the last RFM score's segment (None: never scored)
    is_new: bool = False  # no paid order counted in the customer stats yet
    is_member: bool = False  # an active paid membership


GUEST = Shopper()


@dataclass(frozen=True)
class Audience:
    segments: frozenset[str] = frozenset()
    new_customers: bool = False
    paid_members: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.segments or self.new_customers or self.paid_members)

    def matches(self, shopper: Shopper) -> bool:
        if not shopper.signed_in:
            return False
        return (
            (shopper.segment is not None and shopper.segment in self.segments)
            or (self.new_customers and shopper.is_new)
            or (self.paid_members and shopper.is_member)
        )

    def to_json(self) -> dict[str, object]:
        return {
            "segments": sorted(self.segments),
            "new_customers": self.new_customers,
            "paid_members": self.paid_members,
        }

    @staticmethod
    def from_json(data: object) -> Audience | None:
        if not isinstance(data, dict):
            return None
        return Audience(
            frozenset(str(s) for s in data.get("segments") or []),
            bool(data.get("new_customers")),
            bool(data.get("paid_members")),
        )


def unknown_segments(audience: Audience) -> list[str]:
    return sorted(s for s in audience.segments if s not in SEGMENTS)


def shopper_of(customer_id: str | None, segment: str | None, stats: CustomerStats | None, is_member: bool) -> Shopper:
    if customer_id is None:
        return GUEST
    return Shopper(True, segment, stats is None or stats.orders_count <= 0, is_member)


# --- high-value customers: their orders are marked priority at checkout -------------------------
@dataclass(frozen=True)
class HighValue:
    """A customer is high-value when their segment is one of ``segments`` or their net
    spend over the last 365 days (customer stats, month buckets) is over ``spend_over``."""

    segments: frozenset[str] = frozenset({"champions"})
    spend_over: int = 1_000_000  # minor units: ¥10,000

    def of(self, segment: str | None, stats: CustomerStats | None, today: date) -> bool:
        if segment is not None and segment in self.segments:
            return True
        return stats is not None and in_window(stats, today)[1] > self.spend_over


# --- birthday and loyalty coupons ---------------------------------------------------------------
def birthday_key(day: date) -> str:
    """The birthday index's partition: month and day."""
    return f"{day.month:02d}-{day.day:02d}"


def birthday_keys_for(day: date) -> tuple[str, ...]:
    """The birthdays celebrated on ``day``: its own, and on 28 February of a common
    year also those born on 29 February."""
    if day.month == 2 and day.day == 28 and (day + timedelta(days=1)).month == 3:
        return (birthday_key(day), "02-29")
    return (birthday_key(day),)


def quarter_of(day: date) -> str:
    return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"


def grant_code(kind: str, customer_id: str, period: str) -> str:
    """The coupon code of one customer's grant for one period: the same inputs always
    give the same code, so the code's item is the grant's idempotency key."""
    digest = hashlib.sha256(f"{kind}|{customer_id}|{period}".encode()).hexdigest()[:12].upper()
    prefix = {"birthday": "BDAY", "loyalty": "LOYAL"}[kind]
    return f"{prefix}-{period.replace('-', '')}-{digest}"


# What the customer is told of a coupon granted to them (NotificationService.offer).
OFFER_TEMPLATES: dict[str, Template] = {
    "birthday": Template(
        ("in_app", "email"),
        {
            "zh-CN": ("生日快乐！送您一张优惠券", "祝您生日快乐！优惠券 {code} 立减 {amount}，{ends_on} 前有效。"),
            "en": (
                "Happy birthday: a coupon for you",
                "Happy birthday! Coupon {code} takes {amount} off until {ends_on}.",
            ),
        },
    ),
    "loyalty": Template(
        ("in_app", "email"),
        {
            "zh-CN": (
                "感谢您的支持，送您一张优惠券",
                "感谢您一直以来的支持！优惠券 {code} 立减 {amount}，{ends_on} 前有效。",
            ),
            "en": (
                "Thank you: a coupon for you",
                "Thank you for shopping with us! Coupon {code} takes {amount} off until {ends_on}.",
            ),
        },
    ),
}
