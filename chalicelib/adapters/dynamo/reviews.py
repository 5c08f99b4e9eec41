"""DynamoDB: reviews, their product index entries, the products' rating counters,
the first-review reward and the daily store rating (DSR).

A review is one item (ReviewRecord, key ``REVIEW#<id>``; its id follows from its
order's, so a second review of an order fails the Put's condition). While it is
published, each of its lines has an index entry beside it (ReviewLineRecord) on
its product's review list (GSI1) and on the list of that rating (GSI2), and the
products' counters (``rating_sum``, ``rating_count``, ``rating_<n>``) hold its
lines: every write is one transaction of the review (guarded by its version), the
entries it Puts or Deletes, an ADD per product (no version: a staff edit of the
product is not disturbed) and its outbox events."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from ...domain.clock import parse_rfc3339, parse_rfc3339_or_none, rfc3339_or_none, to_rfc3339
from ...domain.error_codes import CommonErrorCode, ReviewErrorCode
from ...domain.errors import Conflict
from ...domain.promotions import CouponGrant
from ...domain.reviews import FollowUp, ProductReview, Reply, Review, ReviewChange, ReviewLine, StoreRating
from ...services.ports import Page, Position
from . import keys, review_keys, transact
from .commerce import coupon_item
from .models import CouponItem, Item, ProductItem
from .outbox import outbox_record
from .paging import GSI1_KEYS, GSI2_KEYS, GSI3_KEYS, query_page
from .tickets import CouponGrantRecord, grant_record

CONFLICT_ATTEMPTS = 10  # many reviews of one product at once all ADD to its item


class ReviewRecord(Item, discriminator="Review"):
    id = UnicodeAttribute()
    order_id = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    status = UnicodeAttribute()
    counted = BooleanAttribute(default=False)
    body = JSONAttribute()  # author, lines (text, images), ratings, follow-up, reply, hidden reason
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    version = VersionAttribute()


class ReviewLineRecord(Item, discriminator="ReviewLine"):
    """A published review's line on its product's list: the index entry (the text is the review's)."""

    review_id = UnicodeAttribute()
    product_id = UnicodeAttribute()
    sku = UnicodeAttribute()
    rating = NumberAttribute()


class ReviewRewardItem(Item, discriminator="ReviewReward"):
    """The customer's one first-review reward: which review earned which coupon."""

    customer_id = UnicodeAttribute()
    review_id = UnicodeAttribute()
    code = UnicodeAttribute()
    at = UTCDateTimeAttribute()


class StoreRatingItem(Item, discriminator="StoreRating"):
    day = UnicodeAttribute()
    body = JSONAttribute()  # averages (description, service, logistics), count, window


def _line(line: ReviewLine) -> dict[str, Any]:
    return {
        "sku": line.sku,
        "product_id": line.product_id,
        "rating": line.rating,
        "text": line.text,
        "images": list(line.images),
        "title": line.title,
        "specs": dict(line.specs),
    }


def _body(r: Review) -> dict[str, Any]:
    f, a = r.follow_up, r.reply
    return {
        "author": r.author,
        "anonymous": r.anonymous,
        "lines": [_line(line) for line in r.lines],
        "service_rating": r.service_rating,
        "logistics_rating": r.logistics_rating,
        "delivered_at": to_rfc3339(r.delivered_at),
        "hidden_reason": r.hidden_reason,
        "follow_up": None
        if f is None
        else {"text": f.text, "images": list(f.images), "at": to_rfc3339(f.at), "held": f.held},
        "reply": None
        if a is None
        else {"body": a.body, "actor": a.actor, "at": to_rfc3339(a.at), "edited_at": rfc3339_or_none(a.edited_at)},
    }


def review_of(item: ReviewRecord) -> Review:
    b = item.body
    f, a = b.get("follow_up"), b.get("reply")
    lines = tuple(
        ReviewLine(
            x["sku"],
            x["product_id"],
            int(x["rating"]),
            x.get("text"),
            tuple(x.get("images") or ()),
            x.get("title", ""),
            dict(x.get("specs") or {}),
        )
        for x in b["lines"]
    )
    return Review(
        id=item.id,
        order_id=item.order_id,
        customer_id=item.customer_id,
        author=b["author"],
        anonymous=bool(b.get("anonymous")),
        status=item.status,
        lines=lines,
        service_rating=int(b["service_rating"]),
        logistics_rating=int(b["logistics_rating"]),
        delivered_at=parse_rfc3339(b["delivered_at"]),
        created_at=item.created_at,
        updated_at=item.updated_at,
        follow_up=None
        if f is None
        else FollowUp(f["text"], parse_rfc3339(f["at"]), tuple(f.get("images") or ()), bool(f.get("held"))),
        reply=None
        if a is None
        else Reply(a["body"], a["actor"], parse_rfc3339(a["at"]), parse_rfc3339_or_none(a.get("edited_at"))),
        hidden_reason=b.get("hidden_reason"),
        counted=bool(item.counted),
        version=int(item.version or 1),
    )


def _sort_key(r: Review, suffix: str = "") -> str:
    return keys.due_sort_key(r.created_at, r.id + suffix)


def review_record(r: Review) -> ReviewRecord:
    return ReviewRecord(
        *review_keys.review(r.id),
        id=r.id,
        order_id=r.order_id,
        customer_id=r.customer_id,
        status=r.status,
        counted=r.counted,
        body=_body(r),
        created_at=r.created_at,
        updated_at=r.updated_at,
        GSI1PK=review_keys.customer_reviews(r.customer_id),
        GSI1SK=r.id,
        GSI2PK=review_keys.reviews_by_status(r.status),
        GSI2SK=_sort_key(r),
        GSI3PK=review_keys.REVIEWS_PK,
        GSI3SK=int(r.created_at.timestamp() * 1000),
    )


def _line_record(r: Review, line: ReviewLine) -> ReviewLineRecord:
    return ReviewLineRecord(
        *review_keys.review_line(r.id, line.sku),
        review_id=r.id,
        product_id=line.product_id,
        sku=line.sku,
        rating=line.rating,
        GSI1PK=review_keys.product_reviews(line.product_id),
        GSI1SK=_sort_key(r, f"#{line.sku}"),
        GSI2PK=review_keys.product_reviews(line.product_id, line.rating),
        GSI2SK=_sort_key(r, f"#{line.sku}"),
    )


class DynamoReviews:
    def add(self, change: ReviewChange) -> None:
        self._write(change, new=True)

    def save(self, change: ReviewChange) -> Review:
        self._write(change, new=False)
        return replace(change.review, version=change.review.version + 1)

    def _write(self, change: ReviewChange, *, new: bool) -> None:
        review = change.review
        labels: list[str] = []

        def build(tw: TransactWrite) -> None:
            t = transact.Labelled(tw)
            record = review_record(review)
            if new:
                t.save("review", record, condition=ReviewRecord.PK.does_not_exist())
            else:
                record.version = review.version
                t.save("review", record)
            if change.deltas:  # counted in or out: the product list entries follow
                for line in review.lines:
                    entry = _line_record(review, line)
                    if review.counted:
                        t.save("line", entry)
                    else:
                        t.delete("line", entry)
            for delta in change.deltas:
                actions = [ProductItem.rating_sum.add(delta.total), ProductItem.rating_count.add(delta.count)]
                actions += [getattr(ProductItem, f"rating_{star}").add(n) for star, n in sorted(delta.stars.items())]
                t.raw_update(
                    f"rating:{delta.product_id}",
                    *keys.product(delta.product_id),
                    actions=actions,
                    condition=ProductItem.PK.exists(),
                )
            for event in change.events:
                t.save("outbox", outbox_record(event))
            labels[:] = t.labels

        def refused(error: TransactWriteError) -> BaseException | None:
            failed = transact.failed_labels(error, labels)
            if new and "review" in failed:
                return Conflict("This order has its review already.", code=ReviewErrorCode.REVIEW_EXISTS)
            if failed:
                return Conflict("The review changed meanwhile; read it again.", code=CommonErrorCode.CONCURRENT_UPDATE)
            return None

        try:
            _run(build)
        except TransactWriteError as error:
            mapped = refused(error) if transact.condition_failed(error) else None
            if mapped is None:
                raise
            raise mapped from error

    def get(self, review_id: str) -> Review | None:
        try:
            return review_of(ReviewRecord.get(*review_keys.review(review_id), consistent_read=True))
        except DoesNotExist:
            return None

    def for_product(self, product_id: str, rating: int | None, limit: int, after: Position | None) -> Page:
        if rating is None:
            page = query_page(review_keys.product_reviews(product_id), "GSI1", GSI1_KEYS, limit, after, forward=False)
        else:
            page = query_page(
                review_keys.product_reviews(product_id, rating), "GSI2", GSI2_KEYS, limit, after, forward=False
            )
        entries = [i for i in page.items if isinstance(i, ReviewLineRecord)]
        wanted = sorted({review_keys.review(e.review_id) for e in entries})
        reviews = {r.id: review_of(r) for r in ReviewRecord.batch_get(wanted)} if wanted else {}
        items = []
        for entry in entries:
            review = reviews.get(entry.review_id)
            line = next((x for x in review.lines if x.sku == entry.sku), None) if review is not None else None
            if review is not None and line is not None and review.status == "published":
                items.append(ProductReview(review, line))
        return Page(items, page.next_position)

    def listing(self, status: str | None, limit: int, after: Position | None) -> Page:
        if status is not None:
            page = query_page(review_keys.reviews_by_status(status), "GSI2", GSI2_KEYS, limit, after, forward=False)
        else:
            page = query_page(review_keys.REVIEWS_PK, "GSI3", GSI3_KEYS, limit, after, forward=False)
        return Page([review_of(i) for i in page.items if isinstance(i, ReviewRecord)], page.next_position)

    def created_between(self, start: datetime, end: datetime) -> list[Review]:
        low, high = int(start.timestamp() * 1000), int(end.timestamp() * 1000)
        found = ReviewRecord.gsi3.query(review_keys.REVIEWS_PK, ReviewRecord.GSI3SK.between(low, high))
        return [review_of(i) for i in found if isinstance(i, ReviewRecord)]

    def save_store_rating(self, rating: StoreRating) -> None:
        body = {
            "description": rating.description,
            "service": rating.service,
            "logistics": rating.logistics,
            "count": rating.count,
            "window_days": rating.window_days,
            "computed_at": to_rfc3339(rating.computed_at),
        }
        # JSON numbers: the averages stay floats as computed
        StoreRatingItem(*review_keys.store_rating(rating.day), day=rating.day, body=body).save()
        StoreRatingItem(*review_keys.store_rating("LATEST"), day=rating.day, body=body).save()

    def store_rating(self) -> StoreRating | None:
        try:
            item = StoreRatingItem.get(*review_keys.store_rating("LATEST"), consistent_read=True)
        except DoesNotExist:
            return None
        b = item.body
        return StoreRating(
            item.day,
            b.get("description"),
            b.get("service"),
            b.get("logistics"),
            int(b["count"]),
            int(b["window_days"]),
            parse_rfc3339(b["computed_at"]),
        )


def _run(build: Any) -> None:
    """transact.run with a larger budget: concurrent reviews of one product conflict on its item."""
    import random
    import time

    for attempt in range(1, CONFLICT_ATTEMPTS + 1):
        try:
            with TransactWrite(connection=transact.connection()) as tw:
                build(tw)
            return
        except TransactWriteError as error:
            if not transact.is_conflict(error):
                raise
            if attempt == CONFLICT_ATTEMPTS:
                raise transact.TransactionConflictExhausted("review write conflicted repeatedly") from error
            time.sleep(random.uniform(0, min(1.0, 0.02 * 2**attempt)))


class DynamoReviewRewards:
    def grant_first(self, grant: CouponGrant) -> bool:
        """The marker, the owned coupon and the wallet's grant, in one write: once per customer."""
        review_id = grant.source.split(":", 1)[-1]

        def build(tw: TransactWrite) -> None:
            tw.save(
                ReviewRewardItem(
                    *review_keys.review_reward(grant.customer_id),
                    customer_id=grant.customer_id,
                    review_id=review_id,
                    code=grant.code,
                    at=grant.granted_at,
                ),
                condition=ReviewRewardItem.PK.does_not_exist(),
            )
            tw.save(
                coupon_item(grant.coupon(), grant.granted_at, listed=False), condition=CouponItem.PK.does_not_exist()
            )
            tw.save(
                grant_record(grant),
                condition=CouponGrantRecord.PK.does_not_exist(),
            )

        return transact.run_checked(build)
