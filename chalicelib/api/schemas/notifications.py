"""Notifications: preferences, the inbox, send records, campaigns."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .common import ShortText, Strict, ts


class ChannelsIn(Strict):
    email: bool | None = None
    sms: bool | None = None
    in_app: bool | None = None


class PreferencesIn(Strict):
    marketing: bool | None = None
    channels: ChannelsIn | None = None
    locale: Literal["zh-CN", "en"] | None = None
    phone: str | None = Field(default=None, pattern=r"^\+[1-9][0-9]{6,14}$")  # E.164, for SMS


class CampaignIn(Strict):
    name: str = ShortText
    message: str = Field(min_length=1, max_length=1000)
    channel: Literal["in_app", "email", "sms"]
    segment: Literal["all"] | None = None  # customer segments are not modelled yet


def preferences_out(p: Any) -> dict[str, Any]:
    return {
        "marketing": p.marketing,
        "channels": p.channels(),
        "locale": p.locale,
        "phone": p.phone,
        "updated_at": ts(p.updated_at),
    }


def inbox_out(e: Any) -> dict[str, Any]:
    return {
        "id": f"{e.source_id}",
        "kind": e.kind,
        "subject": e.subject,
        "body": e.body,
        "created_at": ts(e.created_at),
    }


def send_out(r: Any) -> dict[str, Any]:
    return {
        "customer_id": r.customer_id,
        "source_id": r.source_id,
        "channel": r.channel,
        "kind": r.kind,
        "category": r.category,
        "status": r.status,
        "reason": r.reason,
        "subject": r.subject or None,
        "provider_id": r.provider_id,
        "created_at": ts(r.created_at),
    }


def campaign_out(c: Any) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "message": c.message,
        "channel": c.channel,
        "segment": c.segment,
        "status": c.status,
        "created_at": ts(c.created_at),
        "created_by": c.created_by,
        "result": dict(c.result) if c.result is not None else None,
        "sent_at": ts(c.sent_at),
        "batches": c.batches,
        "batches_done": c.batches_done,
    }
