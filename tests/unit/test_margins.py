"""The margin guard's maths (domain/margins.py) and the promotions' guard over a
fake catalog (services/margin_guard.py)."""

from __future__ import annotations

import pytest

from chalicelib.domain.margins import (
    MarginOverride,
    MarginTooLow,
    PricedSku,
    breaches,
    discounted,
    guard,
    margin_percent,
    percent_promotion_breaches,
)
from chalicelib.domain.promotions import Promotion, Scope
from chalicelib.services.margin_guard import PromotionMargins
from tests.unit.builders import T0, Shop, a_sku_spec, at, cny


def test_margin_is_the_share_of_the_selling_price_left_over_the_cost():
    assert margin_percent(10000, 7000) == 30.0
    assert margin_percent(9900, 7000) == 29.29
    assert margin_percent(5000, 6000) == -20.0
    assert margin_percent(0, 100) == -100.0


def test_a_percent_discount_is_rounded_down_as_pricing_does():
    assert discounted(999, 10) == 900  # 99.9 off, rounded down to 99
    assert discounted(10000, 100) == 0


def test_price_and_member_price_are_both_checked_and_only_those_under_the_minimum_reported():
    sku = PricedSku("TEE", price=10000, member_price=8000, cost_price=6500)
    found = breaches(sku, 30)
    assert [(b.price_type, b.price, b.margin_percent) for b in found] == [("member_price", 8000, 18.75)]
    assert breaches(PricedSku("TEE", 10000, None, 7000), 30) == []  # exactly the minimum is fine


def test_a_sku_without_cost_is_not_checked():
    assert breaches(PricedSku("FREE", 100, 1, None), 30) == []


def test_a_percent_promotion_applies_to_the_lowest_price_a_customer_pays():
    sku = PricedSku("TEE", price=10000, member_price=9000, cost_price=5000)
    (breach,) = percent_promotion_breaches(sku, 30, 25)  # 9000 less 25 % = 6750: 25.93 %
    assert (breach.price_type, breach.price, breach.margin_percent) == ("promotion", 6750, 25.93)
    assert percent_promotion_breaches(sku, 30, 20) == []  # 7200: 30.56 %


def test_guard_raises_naming_each_sku_and_its_margin():
    found = breaches(PricedSku("B", 1000, None, 900), 30) + breaches(PricedSku("A", 1000, None, 800), 30)
    with pytest.raises(MarginTooLow) as raised:
        guard(found, 30, None)
    error = raised.value
    assert error.code == "margin_too_low" and "A, B" in error.detail
    assert error.extra["min_margin_percent"] == 30
    assert [(s["sku"], s["margin_percent"]) for s in error.extra["skus"]] == [("B", 10.0), ("A", 20.0)]


def test_an_override_lets_it_through_and_names_what_it_let_through():
    found = breaches(PricedSku("A", 1000, None, 800), 30)
    recorded = guard(found, 30, MarginOverride("staff:key_1", T0))
    assert recorded == MarginOverride("staff:key_1", T0, ("A",))
    assert recorded.to_dict() == {"by": "staff:key_1", "at": "2025-03-01T12:00:00Z", "skus": ["A"]}
    assert guard([], 30, MarginOverride("staff:key_1", T0)) is None  # nothing overridden: nothing recorded


def _promotion(**overrides):
    values = {"id": "promo_1", "name": "Sale", "type": "percent_off", "starts_at": T0, "ends_at": at(days=1)}
    values.update(overrides)
    return Promotion(**values)


def test_promotions_are_guarded_over_the_skus_in_their_scope():
    shop = Shop()
    category = shop.category()
    cheap = shop.product(category, skus=[a_sku_spec("LOW", 10000, cost_price=cny(6000))])
    shop.product(category, skus=[a_sku_spec("HIGH", 10000, cost_price=cny(2000))])
    shop.product(shop.category(slug="other"), skus=[a_sku_spec("ELSE", 10000, cost_price=cny(9000))])
    guard_ = PromotionMargins(shop.products, shop.clock, 30)

    by_sku = _promotion(scope=Scope(skus=frozenset({"LOW", "HIGH"})), percent=20)
    assert [b.sku for b in guard_.breaches(by_sku)] == ["LOW"]  # 8000 over 6000: 25 %
    by_product = _promotion(scope=Scope(product_ids=frozenset({cheap.id})), percent=20)
    assert [b.sku for b in guard_.breaches(by_product)] == ["LOW"]
    flash = _promotion(type="flash_sale", sku="HIGH", price=2500, quantity=5)
    assert [(b.sku, b.price_type, b.margin_percent) for b in guard_.breaches(flash)] == [("HIGH", "promotion", 20.0)]
    assert guard_.breaches(_promotion(type="flash_sale", sku="HIGH", price=5000, quantity=5)) == []
    with pytest.raises(MarginTooLow):
        guard_.guard(by_sku, None)
    overridden = guard_.guard(by_sku, MarginOverride("staff:admin", T0))
    assert overridden.margin_override == {"by": "staff:admin", "at": "2025-03-01T12:00:00Z", "skus": ["LOW"]}


def test_a_category_or_store_wide_promotion_checks_the_listed_products_under_it():
    shop = Shop()
    tees = shop.category("Tees")
    shop.product(tees, status="listed", skus=[a_sku_spec("TEE", 10000, cost_price=cny(7500))])
    shop.product(tees, skus=[a_sku_spec("DRAFT", 10000, cost_price=cny(9500))])  # not listed: not sold
    shop.product(shop.category("Tea"), status="listed", skus=[a_sku_spec("TEA", 10000, cost_price=cny(8000))])
    guard_ = PromotionMargins(shop.products, shop.clock, 30)
    in_tees = _promotion(scope=Scope(category_ids=frozenset({tees.id})), percent=5)
    assert [b.sku for b in guard_.breaches(in_tees)] == ["TEE"]
    assert sorted(b.sku for b in guard_.breaches(_promotion(percent=5))) == ["TEA", "TEE"]
    assert guard_.breaches(_promotion(type="spend_threshold")) == []  # an order discount: not per SKU


def test_first_n_presale_and_bundle_prices_are_guarded_too():
    from chalicelib.domain.presale import PresaleRule

    shop = Shop()
    category = shop.category()
    shop.product(category, skus=[a_sku_spec("LOW", 10000, cost_price=cny(6000))])
    shop.product(category, skus=[a_sku_spec("HIGH", 10000, cost_price=cny(2000))])
    guard_ = PromotionMargins(shop.products, shop.clock, 30)
    skus = Scope(skus=frozenset({"LOW", "HIGH"}))

    # first_n at a fixed price over its scope: 8000 over 6000 is 25 %, over 2000 75 %
    first_n = _promotion(type="first_n", scope=skus, price=8000, quantity=5)
    assert [(b.sku, b.price, b.margin_percent) for b in guard_.breaches(first_n)] == [("LOW", 8000, 25.0)]
    assert [b.sku for b in guard_.breaches(_promotion(type="first_n", scope=skus, percent=20, quantity=5))] == ["LOW"]
    assert guard_.breaches(_promotion(type="first_n", scope=skus, percent=10, quantity=5)) == []  # 9000: 33.33 %

    # a presale: the final price 10000 less the deposit's extra worth (3000 - 1000) is 8000 paid in all
    rule = PresaleRule(1000, 3000, at(days=2), at(days=3))
    presale = _promotion(type="presale", sku="LOW", price=10000, presale=rule)
    assert [(b.sku, b.price, b.margin_percent) for b in guard_.breaches(presale)] == [("LOW", 8000, 25.0)]
    fair = _promotion(type="presale", sku="LOW", price=10000, presale=PresaleRule(1000, 1500, at(days=2), at(days=3)))
    assert guard_.breaches(fair) == []  # 9500 over 6000: 36.84 %

    # a bundle against its set's cost (8000): 11000 is 27.27 %, 12000 is 33.33 %
    cheap_set = _promotion(type="bundle", items=(("LOW", 1), ("HIGH", 1)), price=11000)
    found = guard_.breaches(cheap_set)
    assert sorted(b.sku for b in found) == ["HIGH", "LOW"] and {b.margin_percent for b in found} == {27.27}
    assert guard_.breaches(_promotion(type="bundle", items=(("LOW", 1), ("HIGH", 1)), price=12000)) == []
    with pytest.raises(MarginTooLow):
        guard_.guard(cheap_set, None)
