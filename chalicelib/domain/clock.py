"""Time is UTC, timezone-aware and injected."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock for tests and "as of" job runs."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware datetime")
        self.at = at.astimezone(UTC)

    def now(self) -> datetime:
        return self.at


def to_rfc3339(value: datetime) -> str:
    """RFC 3339 in UTC with a Z suffix, millisecond precision when needed."""
    value = value.astimezone(UTC)
    # Four-digit years always (strftime's %Y gives "232" for the year 232 on Linux).
    text = f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    if value.microsecond:
        return f"{text}.{value.microsecond // 1000:03d}Z"
    return f"{text}Z"


def parse_rfc3339(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError("timestamp has no time zone")
    return value.astimezone(UTC)


def rfc3339_or_none(value: datetime | None) -> str | None:
    """``to_rfc3339`` of an optional moment (a stored or wire field that may be absent)."""
    return to_rfc3339(value) if value is not None else None


def parse_rfc3339_or_none(text: str | None) -> datetime | None:
    """``parse_rfc3339`` of an optional text: None (or empty) reads as no moment."""
    return parse_rfc3339(text) if text else None


def business_date(at: datetime, timezone: str) -> date:
    """The store's calendar day of a moment (settlement days, daily sales)."""
    return at.astimezone(ZoneInfo(timezone)).date()
