"""The short-lived pricing caches: hits within the TTL, invalidated by writes,
never serving a promotion after it ends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chalicelib.adapters.cache import CachedPromotions, CachedShipping, TtlValue
from chalicelib.domain.promotions import Promotion
from chalicelib.domain.shipping import ShippingTemplate

T0 = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


class CountingPromotions:
    def __init__(self, promotions):
        self.promotions = list(promotions)
        self.reads = 0

    def not_ended(self, now):
        self.reads += 1
        return [p for p in self.promotions if p.ends_at > now]

    def add(self, promotion, now):
        self.promotions.append(promotion)

    def save(self, promotion, now):
        self.promotions = [promotion if p.id == promotion.id else p for p in self.promotions]


def promo(pid, ends_in=timedelta(hours=1), starts_in=-timedelta(hours=1)):
    return Promotion(pid, pid, "percent_off", T0 + starts_in, T0 + ends_in, percent=10)


def test_ttl_value_reloads_after_the_ttl():
    clock = [0.0]
    value = TtlValue(10, clock=lambda: clock[0])
    loads = []
    assert value.get(lambda: loads.append(1) or "a") == "a"
    clock[0] = 9.9
    assert value.get(lambda: loads.append(1) or "b") == "a"
    clock[0] = 10.0
    assert value.get(lambda: loads.append(1) or "c") == "c"
    assert len(loads) == 2


def test_promotions_are_read_once_within_the_ttl_and_again_after_a_write():
    inner = CountingPromotions([promo("a")])
    cached = CachedPromotions(inner, ttl=60)
    assert [p.id for p in cached.not_ended(T0)] == ["a"]
    assert [p.id for p in cached.not_ended(T0)] == ["a"]
    assert inner.reads == 1
    cached.add(promo("b"), T0)
    assert {p.id for p in cached.not_ended(T0)} == {"a", "b"}
    assert inner.reads == 2


def test_a_cached_promotion_stops_being_served_when_it_ends():
    inner = CountingPromotions(
        [
            promo("short", ends_in=timedelta(seconds=5)),
            promo("future", starts_in=timedelta(hours=2), ends_in=timedelta(hours=3)),
        ]
    )
    cached = CachedPromotions(inner, ttl=60)
    assert {p.id for p in cached.not_ended(T0)} == {"short", "future"}
    assert {p.id for p in cached.not_ended(T0 + timedelta(seconds=6))} == {"future"}
    assert inner.reads == 1


def test_default_shipping_template_is_cached_and_invalidated_by_a_new_one():
    class Templates:
        def __init__(self):
            self.current = ShippingTemplate("s1", "One", 1000, 1000, 500, 500)
            self.reads = 0

        def default(self):
            self.reads += 1
            return self.current

        def add(self, template, is_default, now):
            self.current = template

    inner = Templates()
    cached = CachedShipping(inner, ttl=60)
    assert cached.default().id == "s1" and cached.default().id == "s1" and inner.reads == 1
    cached.add(ShippingTemplate("s2", "Two", 1000, 0, 500, 0), True, T0)
    assert cached.default().id == "s2"
