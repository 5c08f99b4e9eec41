"""Reviews and the store rating (DSR): verified reviews of delivered orders, their
moderation, the rating counters they move and the daily detailed seller rating.

A review is written once per order by its buyer, within ``window`` of delivery:
a 1-5 rating per bought SKU (with optional text and up to 9 https images), plus
one for the service and one for the logistics. Clean text is ``published`` at
once; text with a banned word is ``held`` until staff publish or hide it. Only a
published review counts in a product's rating: publishing adds its lines to the
counters, hiding a published one takes them out again (``rating_delta``). One
follow-up (追评) per review within ``follow_up_window`` of delivery.

The care and reward rules (a rating of 2 or less opens one complaint ticket; the
customer's first review with 20+ characters of text or a photo earns one coupon,
whatever its ratings) are decided here and carried out by the reviews worker."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from .error_codes import ReviewErrorCode
from .errors import Conflict, FieldError, InvalidTransition, NotFound, ValidationFailed
from .events import Event, new_event
from .orders import Order

STATUSES = ("held", "published", "hidden")
# The one transition table. Anything else is 409 invalid_transition.
TRANSITIONS: dict[str, frozenset[str]] = {
    "held": frozenset({"published", "hidden"}),
    "published": frozenset({"hidden"}),
    "hidden": frozenset({"published"}),
}
REVIEWABLE_ORDERS = frozenset({"delivered", "completed"})
STARS = (1, 2, 3, 4, 5)
MAX_TEXT = 500  # characters of a line's text, and of a follow-up
MAX_IMAGES = 9
CARE_AT_OR_BELOW = 2  # any rating this low opens a complaint ticket
REWARD_MIN_TEXT = 20  # characters of text (or one photo) that make a review rewardable


@dataclass(frozen=True)
class ReviewPolicy:
    window: timedelta = timedelta(days=30)  # from delivery: the review
    follow_up_window: timedelta = timedelta(days=90)  # from delivery: the follow-up
    banned_words: tuple[str, ...] = ()  # any of them (case-insensitive) holds the text for staff

    def flagged(self, texts: Iterable[str | None]) -> bool:
        lowered = [t.casefold() for t in texts if t]
        return any(word.casefold() in text for word in self.banned_words if word for text in lowered)


@dataclass(frozen=True)
class ReviewLine:
    sku: str
    product_id: str
    rating: int
    text: str | None = None
    images: tuple[str, ...] = ()
    title: str = ""  # the product's title as bought
    specs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FollowUp:
    text: str
    at: datetime
    images: tuple[str, ...] = ()
    held: bool = False  # a banned word: shown once staff publish the review


@dataclass(frozen=True)
class Reply:
    body: str
    actor: str
    at: datetime
    edited_at: datetime | None = None


@dataclass(frozen=True)
class Review:
    id: str
    order_id: str
    customer_id: str
    author: str  # the name shown: masked when anonymous
    anonymous: bool
    status: str
    lines: tuple[ReviewLine, ...]
    service_rating: int
    logistics_rating: int
    delivered_at: datetime
    created_at: datetime
    updated_at: datetime
    follow_up: FollowUp | None = None
    reply: Reply | None = None
    hidden_reason: str | None = None
    counted: bool = False  # its lines are in the products' counters (published)
    version: int = 1

    @property
    def description_rating(self) -> float:
        """The review's description score: the mean of its lines' ratings."""
        return sum(line.rating for line in self.lines) / len(self.lines)

    @property
    def lowest_rating(self) -> int:
        return min(self.service_rating, self.logistics_rating, *(line.rating for line in self.lines))

    @property
    def needs_care(self) -> bool:
        return self.lowest_rating <= CARE_AT_OR_BELOW

    @property
    def rewardable(self) -> bool:
        """Text of 20+ characters or a photo, on any line: whatever the ratings."""
        return any(len((line.text or "").strip()) >= REWARD_MIN_TEXT or line.images for line in self.lines)


@dataclass(frozen=True)
class ProductReview:
    """One line of a published review, as its product's review list shows it."""

    review: Review
    line: ReviewLine


@dataclass(frozen=True)
class RatingDelta:
    """What a review adds to (sign +1) or takes from (-1) one product's counters."""

    product_id: str
    total: int  # the sum of the ratings
    count: int
    stars: dict[int, int]  # rating -> lines


@dataclass(frozen=True)
class ReviewChange:
    review: Review
    deltas: tuple[RatingDelta, ...] = ()  # counters to ADD in the same write
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class LineIn:
    sku: str
    rating: int
    text: str | None = None
    images: tuple[str, ...] = ()


def mask(name: str) -> str:
    """An anonymous reviewer's shown name: the first and last character, starred between."""
    name = name.strip()
    if len(name) <= 1:
        return "*" if not name else f"{name}***"
    return f"{name[0]}***{name[-1]}"


def delivered_at(order: Order) -> datetime | None:
    """When the order reached its buyer: delivered, or completed without a delivery scan."""
    if order.delivered_at is not None:
        return order.delivered_at
    return order.closed_at if order.status == "completed" else None


def transition(review: Review, to: str, at: datetime) -> Review:
    if to not in TRANSITIONS[review.status]:
        raise InvalidTransition(f"A review that is {review.status} cannot become {to}.", current_status=review.status)
    return replace(review, status=to, updated_at=at)


def review_event(kind: str, review: Review, **extra: Any) -> Event:
    """A review event (docs/events.md): ids, status and ratings, never the text."""
    data = {
        "review_id": review.id,
        "order_id": review.order_id,
        "customer_id": review.customer_id,
        "status": review.status,
        "product_ids": sorted({line.product_id for line in review.lines}),
        "lowest_rating": review.lowest_rating,
    }
    return new_event(kind, {**data, **extra}, review.updated_at)


def rating_deltas(lines: Sequence[ReviewLine], sign: int) -> tuple[RatingDelta, ...]:
    by_product: dict[str, list[ReviewLine]] = {}
    for line in lines:
        by_product.setdefault(line.product_id, []).append(line)
    deltas = []
    for product_id in sorted(by_product):
        rated = by_product[product_id]
        stars: dict[int, int] = {}
        for line in rated:
            stars[line.rating] = stars.get(line.rating, 0) + sign
        deltas.append(RatingDelta(product_id, sign * sum(line.rating for line in rated), sign * len(rated), stars))
    return tuple(deltas)


def _check_lines(order: Order, lines: Sequence[LineIn]) -> tuple[ReviewLine, ...]:
    bought = {line.sku: line for line in order.lines}
    errors = [
        FieldError(f"items[{i}].sku", "unknown_sku", "This order did not buy this SKU.")
        for i, line in enumerate(lines)
        if line.sku not in bought
    ]
    skus = [line.sku for line in lines]
    if len(set(skus)) != len(skus):
        errors.append(FieldError("items", "duplicate_sku", "Rate each SKU once."))
    if errors:
        raise ValidationFailed("Rate the SKUs this order bought, each once.", errors)
    return tuple(
        ReviewLine(
            line.sku,
            bought[line.sku].product_id,
            line.rating,
            (line.text or "").strip() or None,
            tuple(line.images),
            bought[line.sku].title,
            dict(bought[line.sku].specs),
        )
        for line in lines
    )


def submit(
    review_id: str,
    order: Order,
    customer_id: str,
    name: str,
    lines: Sequence[LineIn],
    service_rating: int,
    logistics_rating: int,
    anonymous: bool,
    policy: ReviewPolicy,
    at: datetime,
) -> ReviewChange:
    """The buyer's review of the order: verified (their order, delivered or completed,
    within the window), held when its text has a banned word, published otherwise."""
    if order.customer_id != customer_id:
        raise NotFound(f"No order {order.id}.")
    reached = delivered_at(order)
    if order.status not in REVIEWABLE_ORDERS or reached is None:
        raise Conflict(
            "Review an order once it is delivered.", code=ReviewErrorCode.ORDER_NOT_DELIVERED, status=order.status
        )
    if at > reached + policy.window:
        raise ValidationFailed(
            f"Reviews are taken within {policy.window.days} days of delivery.",
            code=ReviewErrorCode.REVIEW_WINDOW_CLOSED,
        )
    checked = _check_lines(order, lines)
    held = policy.flagged(line.text for line in checked)
    review = Review(
        id=review_id,
        order_id=order.id,
        customer_id=customer_id,
        author=mask(name.strip() or "Customer") if anonymous else (name.strip() or "Customer"),
        anonymous=anonymous,
        status="held" if held else "published",
        lines=checked,
        service_rating=service_rating,
        logistics_rating=logistics_rating,
        delivered_at=reached,
        created_at=at,
        updated_at=at,
        counted=not held,
    )
    events = [review_event("review.submitted", review, rewardable=review.rewardable)]
    if not held:
        events.append(review_event("review.published", review, rewardable=review.rewardable))
    return ReviewChange(review, rating_deltas(checked, +1) if not held else (), tuple(events))


def follow_up(review: Review, text: str, images: Sequence[str], policy: ReviewPolicy, at: datetime) -> ReviewChange:
    if review.follow_up is not None:
        raise Conflict("This review has its follow-up already.", code=ReviewErrorCode.FOLLOW_UP_EXISTS)
    if at > review.delivered_at + policy.follow_up_window:
        raise ValidationFailed(
            f"Follow-ups are taken within {policy.follow_up_window.days} days of delivery.",
            code=ReviewErrorCode.FOLLOW_UP_WINDOW_CLOSED,
        )
    held = policy.flagged([text])
    changed = replace(review, follow_up=FollowUp(text.strip(), at, tuple(images), held), updated_at=at)
    return ReviewChange(changed, (), (review_event("review.followed_up", changed, held=held),))


def publish(review: Review, at: datetime) -> ReviewChange:
    """Staff publish a held or hidden review (a held follow-up with it): it counts again."""
    changed = transition(review, "published", at)
    if changed.follow_up is not None and changed.follow_up.held:
        changed = replace(changed, follow_up=replace(changed.follow_up, held=False))
    changed = replace(changed, hidden_reason=None, counted=True)
    deltas = rating_deltas(review.lines, +1) if not review.counted else ()
    event = review_event("review.published", changed, rewardable=changed.rewardable)
    return ReviewChange(changed, deltas, (event,))


def hide(review: Review, reason: str, at: datetime) -> ReviewChange:
    """Staff hide a review: a published one is taken out of the counters."""
    changed = replace(transition(review, "hidden", at), hidden_reason=reason, counted=False)
    deltas = rating_deltas(review.lines, -1) if review.counted else ()
    return ReviewChange(changed, deltas, (review_event("review.hidden", changed, reason=reason),))


def reply(review: Review, body: str, actor: str, at: datetime) -> ReviewChange:
    """The merchant's one reply: written once, edited after (never a second one)."""
    if review.reply is None:
        answer = Reply(body, actor, at)
    else:
        answer = replace(review.reply, body=body, actor=actor, edited_at=at)
    return ReviewChange(replace(review, reply=answer, updated_at=at))


# --- the store rating (DSR) ---------------------------------------------------------------
@dataclass(frozen=True)
class StoreRating:
    """Detailed seller ratings over the window: averages of the published reviews."""

    day: str  # the business date it was computed for
    description: float | None
    service: float | None
    logistics: float | None
    count: int
    window_days: int
    computed_at: datetime


def store_rating(reviews: Iterable[Review], day: str, window_days: int, at: datetime) -> StoreRating:
    counted = [r for r in reviews if r.status == "published"]
    n = len(counted)

    def mean(values: Iterable[float]) -> float | None:
        return round(sum(values) / n, 2) if n else None

    return StoreRating(
        day=day,
        description=mean(r.description_rating for r in counted),
        service=mean(r.service_rating for r in counted),
        logistics=mean(r.logistics_rating for r in counted),
        count=n,
        window_days=window_days,
        computed_at=at,
    )
