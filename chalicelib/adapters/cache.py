"""Short-lived in-process caches for data every cart view reads and staff
rarely change (running promotions, the default shipping template).

A warm Lambda reuses them for ``ttl`` seconds; writes through the same
instance invalidate at once. Checkout uses whatever they hold, of any age, only
when it was loaded after staff's last change to promotions or shipping templates
(``CheckoutPricingCache``; the change time is read in checkout's batch).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Generic, TypeVar

from ..domain.promotions import Promotion
from ..domain.shipping import ShippingTemplate
from ..services.ports import Page, Position, PromotionRepository, ShippingRepository
from ..services.search_ports import SynonymRepository

T = TypeVar("T")


class TtlValue(Generic[T]):
    def __init__(
        self,
        ttl: float,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.ttl = ttl
        self.clock = clock
        self.wall_clock = wall_clock
        self._lock = threading.Lock()
        self._value: tuple[float, datetime, T] | None = None

    def get(self, load: Callable[[], T]) -> T:
        now = self.clock()
        with self._lock:
            if self._value is not None and now - self._value[0] < self.ttl:
                return self._value[2]
        return self._load(load, now)[0]

    def loaded(self, load: Callable[[], T]) -> tuple[T, datetime]:
        """The value held, whatever its age, and when its load started (loading it if none)."""
        with self._lock:
            if self._value is not None:
                return self._value[2], self._value[1]
        return self._load(load, self.clock())

    def _load(self, load: Callable[[], T], now: float) -> tuple[T, datetime]:
        started = self.wall_clock()  # before the read: the value has every change made before this
        value = load()
        with self._lock:
            self._value = (now, started, value)
        return value, started

    def invalidate(self) -> None:
        with self._lock:
            self._value = None


class CachedPromotions:
    """not_ended() is cached (the list is filtered by time again by the pipeline:
    a promotion that ended within the TTL no longer applies)."""

    def __init__(self, inner: PromotionRepository, ttl: float) -> None:
        self.inner = inner
        self._not_ended: TtlValue[list[Promotion]] = TtlValue(ttl)

    def not_ended(self, now: datetime) -> list[Promotion]:
        return self._current(self._not_ended.get(lambda: self.inner.not_ended(now)), now)

    def loaded(self, now: datetime) -> tuple[list[Promotion], datetime]:
        promotions, loaded_at = self._not_ended.loaded(lambda: self.inner.not_ended(now))
        return self._current(promotions, now), loaded_at

    def invalidate(self) -> None:
        self._not_ended.invalidate()

    @staticmethod
    def _current(promotions: list[Promotion], now: datetime) -> list[Promotion]:
        return [p for p in promotions if p.is_active(now) or p.starts_at > now]

    def add(self, promotion: Promotion, now: datetime) -> None:
        self.inner.add(promotion, now)
        self._not_ended.invalidate()

    def save(self, promotion: Promotion, now: datetime) -> None:
        self.inner.save(promotion, now)
        self._not_ended.invalidate()

    def get(self, promotion_id: str) -> Promotion | None:
        return self.inner.get(promotion_id)

    def page(self, limit: int, after: Position | None) -> Page:
        return self.inner.page(limit, after)

    def flash_used(self, customer_id: str, promotion_ids: list[str]) -> dict[str, int]:
        return self.inner.flash_used(customer_id, promotion_ids)


class CachedShipping:
    def __init__(self, inner: ShippingRepository, ttl: float) -> None:
        self.inner = inner
        self._default: TtlValue[ShippingTemplate | None] = TtlValue(ttl)

    def default(self) -> ShippingTemplate | None:
        return self._default.get(self.inner.default)

    def loaded(self) -> tuple[ShippingTemplate | None, datetime]:
        return self._default.loaded(self.inner.default)

    def invalidate(self) -> None:
        self._default.invalidate()

    def add(self, template: ShippingTemplate, is_default: bool, now: datetime) -> None:
        self.inner.add(template, is_default, now)
        self._default.invalidate()

    def all(self) -> list[tuple[ShippingTemplate, bool]]:
        return self.inner.all()


class CachedSynonyms:
    """The staff's synonym set, read by every search: cached for ``ttl`` seconds
    (another instance's PUT shows here within that), invalidated by a PUT here."""

    def __init__(self, inner: SynonymRepository, ttl: float) -> None:
        self.inner = inner
        self._groups: TtlValue[list[list[str]]] = TtlValue(ttl)

    def get(self) -> list[list[str]]:
        return self._groups.get(self.inner.get)

    def put(self, groups: list[list[str]]) -> None:
        self.inner.put(groups)
        self._groups.invalidate()


class CheckoutPricingCache:
    """The cart views' caches as checkout sees them: whatever they hold, with when it was
    loaded; checkout compares that with staff's last change, read in its own batch."""

    def __init__(self, promotions: CachedPromotions, shipping: CachedShipping) -> None:
        self._promotions = promotions
        self._shipping = shipping

    def promotions(self, now: datetime) -> tuple[list[Promotion], datetime]:
        return self._promotions.loaded(now)

    def template(self) -> tuple[ShippingTemplate | None, datetime]:
        return self._shipping.loaded()

    def invalidate(self) -> None:
        self._promotions.invalidate()
        self._shipping.invalidate()
