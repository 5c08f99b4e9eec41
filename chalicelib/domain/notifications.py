"""Notifications: which domain events tell the customer what, on which channels,
in the customer's language; a customer's preferences; marketing campaigns and
their monthly cap; the record of every send.

Transactional messages (an order paid, shipped, a refund, a ticket answered)
always go; the preferences govern marketing only. Every send is recorded once
per (source, channel): the source is the event's id, or the campaign's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

CHANNELS = ("in_app", "email", "sms")
LOCALES = ("zh-CN", "en")
DEFAULT_LOCALE = "zh-CN"
TRANSACTIONAL, MARKETING = "transactional", "marketing"

# Send record statuses: sending (claimed, under way), sent, skipped (reason says why),
# failed (the provider refused; the message is retried and may take it over).
SENDING, SENT, SKIPPED, FAILED = "sending", "sent", "skipped", "failed"


@dataclass(frozen=True)
class Preferences:
    """A customer's choices. ``marketing`` is consent to marketing at all; the
    channel flags say where marketing may go. Without a record: no consent."""

    customer_id: str
    marketing: bool = False
    email: bool = True
    sms: bool = True
    in_app: bool = True
    locale: str = DEFAULT_LOCALE
    phone: str | None = None
    updated_at: datetime | None = None

    def allows_marketing(self, channel: str) -> bool:
        return self.marketing and bool(getattr(self, channel))

    def channels(self) -> dict[str, bool]:
        return {channel: bool(getattr(self, channel)) for channel in CHANNELS}


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


@dataclass(frozen=True)
class SendRecord:
    customer_id: str
    source_id: str  # the event's id, or the campaign's
    channel: str
    kind: str  # the event type, or "campaign"
    category: str  # transactional | marketing
    status: str
    created_at: datetime
    subject: str = ""
    reason: str | None = None
    provider_id: str | None = None


@dataclass(frozen=True)
class InboxEntry:
    customer_id: str
    source_id: str
    kind: str
    subject: str
    body: str
    created_at: datetime


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    message: str
    channel: str
    segment: str | None
    status: str  # draft | sending | sent
    created_at: datetime
    created_by: str
    result: Mapping[str, int] | None = None  # the counts so far (None: a draft)
    sent_at: datetime | None = None
    batches: int = 0  # fanned out (more than the inline maximum): the batch messages sent
    batches_done: int = 0


CAMPAIGN_OUTCOMES = ("sent", "capped", "opted_out", "failed")  # each customer counts in one
LAST_KEY = "\uffff"  # above every customer id: the last batch's upper bound


@dataclass(frozen=True)
class CampaignBatch:
    """One message of a fanned-out campaign: the audience's customer ids in
    ``[lo, hi)``, and where its worker got to (the last customer id counted)."""

    campaign_id: str
    number: int
    lo: str
    hi: str
    checkpoint: str | None = None
    done: bool = False

    def message(self) -> dict[str, Any]:
        return {"campaign_id": self.campaign_id, "batch": self.number, "lo": self.lo, "hi": self.hi}

    @staticmethod
    def of_message(body: Mapping[str, Any]) -> CampaignBatch:
        return CampaignBatch(str(body["campaign_id"]), int(body["batch"]), str(body["lo"]), str(body["hi"]))


def outcome_of(record: SendRecord) -> str:
    """What a customer's campaign send record counts as (a batch delivered again
    counts the customers it finds already claimed by what happened to them):
    an interrupted send (still ``sending``) counts as failed."""
    if record.status == SENT:
        return "sent"
    if record.status == SKIPPED:
        return "capped" if record.reason == "monthly_cap" else "opted_out"
    return "failed"


def month_of(day: date) -> str:
    """The calendar month a marketing cap counts in (the store's calendar)."""
    return f"{day.year:04d}-{day.month:02d}"


# --- templates -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Template:
    channels: tuple[str, ...]
    texts: Mapping[str, tuple[str, str]]  # locale -> (subject, body), str.format fields from the event

    def render(self, locale: str, fields: Mapping[str, Any]) -> Message:
        subject, body = self.texts.get(locale) or self.texts[DEFAULT_LOCALE]
        values = _Fields(fields)
        return Message(subject.format_map(values), body.format_map(values))


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


_ALL = ("in_app", "email")
_URGENT = ("in_app", "email", "sms")

AFTER_SALE_WORDS = {
    "approved": ("已通过", "approved"),
    "rejected": ("未通过", "rejected"),
    "received": ("已收到退回商品", "received your return"),
    "inspected": ("已完成检验", "inspected"),
    "refunded": ("已退款", "refunded"),
    "exchanged": ("已寄出换货", "shipped your exchange"),
    "closed": ("已关闭", "closed"),
}

TEMPLATES: dict[str, Template] = {
    "order.paid": Template(
        _ALL,
        {
            "zh-CN": ("订单 {order_id} 支付成功", "我们已收到您的订单 {order_id} 的付款 {total}，正在为您备货。"),
            "en": ("Order {order_id} is paid", "We received {total} for order {order_id} and are preparing it."),
        },
    ),
    "order.shipped": Template(
        _URGENT,
        {
            "zh-CN": ("订单 {order_id} 已发货", "您的订单 {order_id} 已发货，可在订单详情中查看物流。"),
            "en": ("Order {order_id} has shipped", "Order {order_id} is on its way; its tracking is on the order."),
        },
    ),
    "order.delivered": Template(
        _URGENT,
        {
            "zh-CN": ("订单 {order_id} 已签收", "您的订单 {order_id} 已送达。如有问题，请联系客服。"),
            "en": ("Order {order_id} was delivered", "Order {order_id} was delivered. Tell us if anything is wrong."),
        },
    ),
    "order.tracking_stalled": Template(
        _URGENT,
        {
            "zh-CN": (
                "订单 {order_id} 物流暂无更新",
                "您的包裹已 {hours} 小时没有物流更新，我们已联系承运商跟进，会尽快告知您结果。",
            ),
            "en": (
                "No tracking news for order {order_id}",
                "Your parcel has had no tracking update for {hours} hours. We are chasing the carrier "
                "and will tell you what we hear.",
            ),
        },
    ),
    "order.carrier_exception": Template(
        _URGENT,
        {
            "zh-CN": (
                "订单 {order_id} 配送异常",
                "承运商报告您的包裹 {tracking_number} 配送异常（{description}）。我们将在 {follow_up_hours} 小时内跟进并联系您。",
            ),
            "en": (
                "A delivery problem with order {order_id}",
                "The carrier reports a problem with parcel {tracking_number} ({description}). "
                "We will follow it up within {follow_up_hours} hours and get back to you.",
            ),
        },
    ),
    "order.refunded": Template(
        _ALL,
        {
            "zh-CN": ("订单 {order_id} 退款成功", "订单 {order_id} 的退款已完成，将原路退回您的支付账户。"),
            "en": ("Refund for order {order_id}", "The refund for order {order_id} succeeded, to your payment method."),
        },
    ),
    "after_sale": Template(
        _ALL,
        {
            "zh-CN": (
                "售后申请 {after_sale_id} {status_zh}",
                "您对订单 {order_id} 的售后申请 {after_sale_id} {status_zh}。",
            ),
            "en": (
                "After-sale request {after_sale_id}: {status_en}",
                "We {status_en} after-sale request {after_sale_id} for order {order_id}.",
            ),
        },
    ),
    "ticket.replied": Template(
        _ALL,
        {
            "zh-CN": ("您的工单 {ticket_id} 有新回复", "客服已回复您的工单 {ticket_id}，请登录查看。"),
            "en": (
                "A reply to ticket {ticket_id}",
                "Customer care answered your ticket {ticket_id}; sign in to read it.",
            ),
        },
    ),
    "membership.renewal_upcoming": Template(
        _ALL,
        {
            "zh-CN": ("会员即将续费", "您的会员将于 {current_period_end} 到期并自动续费 {price}。"),
            "en": ("Your membership renews soon", "Your membership renews on {current_period_end} for {price}."),
        },
    ),
    "membership.renewal_failed": Template(
        _URGENT,
        {
            "zh-CN": ("会员续费失败", "会员续费扣款失败，请更新支付方式，以免会员权益中断。"),
            "en": ("Membership renewal failed", "We could not charge your renewal; update your payment method."),
        },
    ),
    # Not an outbox event: the notify-me subscriptions of a SKU back in stock (services/notify_me.py).
    "back_in_stock": Template(
        _ALL,
        {
            "zh-CN": ("到货提醒：{sku} 已到货", "您关注的商品 {sku} 已到货，欢迎选购。"),
            "en": ("{sku} is back in stock", "The item {sku} you asked about is back in stock."),
        },
    ),
    "membership.expired": Template(
        _ALL,
        {
            "zh-CN": ("会员已到期", "您的会员已到期，欢迎随时续订。"),
            "en": ("Your membership has expired", "Your membership has ended; you can buy it again at any time."),
        },
    ),
}

# The event types the notifications queue takes (ROUTES in adapters/queues.py).
NOTIFYING_EVENTS: tuple[str, ...] = (
    "order.paid",
    "order.shipped",
    "order.delivered",
    "order.tracking_stalled",
    "order.carrier_exception",
    "order.refunded",
    *(f"after_sale.{status}" for status in AFTER_SALE_WORDS),
    "ticket.replied",
    "membership.renewal_upcoming",
    "membership.renewal_failed",
    "membership.expired",
)

# Kinds told by a service directly, not from the notifications queue: the notify-me
# subscribers of a SKU back in stock (services/notify_me.py, ADR 0022).
DIRECT_KINDS: tuple[str, ...] = ("back_in_stock",)


def template_for(kind: str, data: Mapping[str, Any]) -> Template | None:
    """The template an event is told with, or None when it tells the customer nothing
    (a type not listed, an internal ticket note)."""
    if kind == "ticket.replied" and data.get("public") is not True:
        return None
    if kind.startswith("after_sale."):
        return TEMPLATES["after_sale"] if kind.removeprefix("after_sale.") in AFTER_SALE_WORDS else None
    return TEMPLATES.get(kind)


def fields_of(kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """The template fields of an event: its data, money as text, the after-sale status in words."""
    fields = {k: v for k, v in data.items() if isinstance(v, str | int | float)}
    for name in ("total", "price"):
        value = data.get(name)
        if isinstance(value, Mapping) and "amount" in value:
            fields[name] = money_text(int(value["amount"]), str(value.get("currency", "CNY")))
    if kind.startswith("after_sale."):
        zh, en = AFTER_SALE_WORDS.get(kind.removeprefix("after_sale."), ("", ""))
        fields["status_zh"], fields["status_en"] = zh, en
    if isinstance(data.get("current_period_end"), str):
        fields["current_period_end"] = str(data["current_period_end"])[:10]
    if not fields.get("description"):
        fields["description"] = "-"
    return fields


def money_text(amount: int, currency: str) -> str:
    symbol = "¥" if currency in ("CNY", "JPY") else f"{currency} "
    return f"{symbol}{amount / 100:.2f}"
