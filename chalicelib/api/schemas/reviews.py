"""Reviews: what buyers and staff send, the review as shown, the store rating."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from ...domain.reviews import MAX_IMAGES, MAX_TEXT, LineIn, ProductReview, Review, StoreRating
from .common import Code, Strict, not_blank, ts

Stars = Field(ge=1, le=5)


def _https_urls(value: list[str]) -> list[str]:
    for url in value:
        if not url.startswith("https://") or len(url) > 2048:
            raise ValueError("images must be https URLs of at most 2048 characters")
    return value


class ReviewItemIn(Strict):
    sku: str = Code
    rating: int = Stars
    text: str | None = Field(default=None, max_length=MAX_TEXT)
    images: list[str] = Field(default_factory=list, max_length=MAX_IMAGES)

    _images = field_validator("images")(_https_urls)

    def to_line(self) -> LineIn:
        return LineIn(self.sku, self.rating, self.text, tuple(self.images))


class ReviewIn(Strict):
    items: list[ReviewItemIn] = Field(min_length=1, max_length=40)
    service_rating: int = Stars
    logistics_rating: int = Stars
    anonymous: bool = False


class FollowUpIn(Strict):
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    images: list[str] = Field(default_factory=list, max_length=MAX_IMAGES)

    _blank = field_validator("text")(not_blank)
    _images = field_validator("images")(_https_urls)


class HideIn(Strict):
    reason: str = Field(min_length=1, max_length=500)

    _blank = field_validator("reason")(not_blank)


class ReplyIn(Strict):
    body: str = Field(min_length=1, max_length=1000)

    _blank = field_validator("body")(not_blank)


def _follow_up(r: Review, staff: bool) -> dict[str, Any] | None:
    f = r.follow_up
    if f is None or (f.held and not staff):
        return None
    shown = {"text": f.text, "images": list(f.images), "created_at": ts(f.at)}
    return {**shown, "held": f.held} if staff else shown


def _reply(r: Review) -> dict[str, Any] | None:
    a = r.reply
    return None if a is None else {"body": a.body, "created_at": ts(a.at), "edited_at": ts(a.edited_at)}


def review_out(r: Review, *, staff: bool = False) -> dict[str, Any]:
    """The review as its buyer (and staff) see it; staff also see who wrote it and why it is hidden."""
    body: dict[str, Any] = {
        "id": r.id,
        "order_id": r.order_id,
        "author": r.author,
        "anonymous": r.anonymous,
        "status": r.status,
        "items": [
            {
                "sku": line.sku,
                "product_id": line.product_id,
                "title": line.title,
                "rating": line.rating,
                "text": line.text,
                "images": list(line.images),
            }
            for line in r.lines
        ],
        "service_rating": r.service_rating,
        "logistics_rating": r.logistics_rating,
        "follow_up": _follow_up(r, staff),
        "reply": _reply(r),
        "created_at": ts(r.created_at),
    }
    if staff:
        body.update(customer_id=r.customer_id, hidden_reason=r.hidden_reason, updated_at=ts(r.updated_at))
    return body


def product_review_out(entry: ProductReview) -> dict[str, Any]:
    r, line = entry.review, entry.line
    return {
        "review_id": r.id,
        "author": r.author,
        "sku": line.sku,
        "specs": dict(line.specs),
        "rating": line.rating,
        "text": line.text,
        "images": list(line.images),
        "follow_up": _follow_up(r, False),
        "reply": _reply(r),
        "created_at": ts(r.created_at),
    }


def store_rating_out(s: StoreRating) -> dict[str, Any]:
    return {
        "description": s.description,
        "service": s.service,
        "logistics": s.logistics,
        "count": s.count,
        "window_days": s.window_days,
        "day": s.day,
        "computed_at": ts(s.computed_at),
    }
