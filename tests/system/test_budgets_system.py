"""Budgets and first_n under concurrency (ADR 0028), over HTTP against DynamoDB Local
and localstripe: the counters and their conditions are in the checkout transaction,
so no number of concurrent checkouts takes more than the budget or N units."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from tests.support import ADMIN, iso, money, sku_body
from tests.system.test_checkout_system import checkout, shoppers

NOW = datetime.now(UTC)


def promotion(api, **body):
    window = {"starts_at": iso(NOW - timedelta(hours=1)), "ends_at": iso(NOW + timedelta(hours=2))}
    r = api.post("/admin/promotions", {"name": "Promo", **window, **body}, headers=ADMIN)
    assert r.status == 201, r.body
    return r.body


def race(api, sku: str, buyers: int) -> list:
    people = shoppers(buyers, sku)
    with ThreadPoolExecutor(max_workers=buyers) as pool:
        return list(pool.map(lambda p: checkout(api.base_url, p[1], p[2]), people))


def test_a_budget_of_100_at_10_off_with_30_concurrent_checkouts_discounts_exactly_10(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("BUD-1", price=5000, stock=100)])
    promo = promotion(
        api,
        type="spend_threshold",
        tiers=[{"threshold": money(1000), "discount": money(1000)}],
        budget=money(10000),
        owner="ops@example.com",
    )
    responses = race(api, "BUD-1", 30)
    assert Counter(r.status_code for r in responses) == Counter({201: 30}), [r.text for r in responses[:3]]
    totals = Counter(r.json()["order"]["total"]["amount"] - r.json()["order"]["shipping"]["amount"] for r in responses)
    assert totals == Counter({4000: 10, 5000: 20}), totals
    discounted = [r.json()["order"] for r in responses if r.json()["order"]["discounts"]]
    assert {d["promotion_id"] for o in discounted for d in o["discounts"]} == {promo["id"]}
    # The PaymentIntent of every order (localstripe) is for the order placed, discounted or not.
    from chalicelib.bootstrap import get_container

    gateway = get_container().checkout.gateway
    for r in responses:
        order = r.json()["order"]
        intent = gateway.retrieve_payment_intent(r.json()["payment"]["payment_intent_id"])
        assert intent.amount == order["total"]["amount"], (intent, order["total"])
    read = api.get(f"/admin/promotions/{promo['id']}", headers=ADMIN).body
    assert (read["spent"], read["budget_left"]) == (money(10000), money(0)), read


def test_first_n_with_n_5_and_20_concurrent_buyers_prices_exactly_5_at_the_first_n_price(api):
    category = api.category()
    api.product(category["id"], skus=[sku_body("FN-1", price=5000, stock=100)])
    promo = promotion(api, type="first_n", quantity=5, price=money(1900), scope={"skus": ["FN-1"]})
    responses = race(api, "FN-1", 20)
    assert Counter(r.status_code for r in responses) == Counter({201: 20}), [r.text for r in responses[:3]]
    prices = Counter(r.json()["order"]["lines"][0]["unit_price"]["amount"] for r in responses)
    assert prices == Counter({1900: 5, 5000: 15}), prices
    assert api.get(f"/admin/promotions/{promo['id']}", headers=ADMIN).body["sold"] == 5


def test_negative_control_without_the_budget_condition_the_race_overspends(api, monkeypatch):
    """Proves the budget test can fail: drop the transaction's condition and it overspends."""
    from chalicelib.adapters.dynamo import budgets
    from chalicelib.adapters.dynamo.models import PromotionItem

    monkeypatch.setattr(budgets, "within", lambda model, use: PromotionItem.PK.exists())
    category = api.category()
    api.product(category["id"], skus=[sku_body("BUD-X", price=5000, stock=100)])
    promo = promotion(
        api, type="spend_threshold", tiers=[{"threshold": money(1000), "discount": money(1000)}], budget=money(10000)
    )
    responses = race(api, "BUD-X", 30)
    discounted = sum(1 for r in responses if r.status_code == 201 and r.json()["order"]["discounts"])
    spent = api.get(f"/admin/promotions/{promo['id']}", headers=ADMIN).body["spent"]["amount"]
    assert discounted > 10 and spent > 10000, (discounted, spent)
