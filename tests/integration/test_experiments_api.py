"""A/B experiments on moto, end to end (ADR 0024): staff create and start a price
test; the product page, in one read, answers each visitor their variant; a cart
carrying the visitor id is priced and checked out in it and the order line is
tagged; exposures counted at POST /events and the paid order counted by the
analytics-sales worker become the results, with the SRM check."""

from __future__ import annotations

import pytest

from bench.util import count_round_trips
from chalicelib.domain.experiments import Variant, assign
from tests.integration.test_analytics_api import event
from tests.integration.test_openapi_contract import Checked
from tests.integration.test_orders_api import checkout, pay, shop, shopper
from tests.support import ADMIN, drain_ok, event_runner, money, sku_body

VARIANTS = (Variant("control", 50), Variant("cheap", 50, price=4000))


@pytest.fixture
def runner(api):
    return event_runner("commerce-analytics-sales")


@pytest.fixture
def c(api) -> Checked:
    return Checked(api)


def visitors(experiment_id: str) -> dict[str, str]:
    """A visitor id in each variant."""
    found: dict[str, str] = {}
    for i in range(100):
        visitor = f"visitor-{i:04d}"
        found.setdefault(assign(experiment_id, visitor, VARIANTS).key, visitor)
    return found


def create(c, product_id, **overrides):
    body = {
        "name": "Cheaper tee",
        "kind": "price",
        "product_id": product_id,
        "variants": [{"key": "control", "weight": 50}, {"key": "cheap", "weight": 50, "price": money(4000)}],
    } | overrides
    return c.call("POST", "/admin/experiments", json_body=body, headers=ADMIN, expect=201).body


def test_a_price_experiment_from_the_product_page_to_the_results(api, gateway, runner, c):
    product = shop(api, sku_body("EX-1", price=5000, stock=20))
    pid = product["id"]
    experiment = create(c, pid)
    eid = experiment["id"]
    assert experiment["status"] == "draft" and experiment["variants"][1]["price"] == money(4000)
    ops = api.staff_key("operations")
    started = c.call(
        "POST",
        "/admin/experiments/{experiment_id}/start",
        params={"experiment_id": eid},
        json_body={},
        headers=ops,
        expect=200,
    ).body
    assert started["status"] == "running" and started["started_at"] is not None
    c.call(
        "POST",
        "/admin/experiments/{experiment_id}/start",
        params={"experiment_id": eid},
        json_body={},
        headers=ADMIN,
        expect=409,
    )
    second = create(c, pid, name="Another")
    refused = c.call(
        "POST",
        "/admin/experiments/{experiment_id}/start",
        params={"experiment_id": second["id"]},
        json_body={},
        headers=ADMIN,
        expect=409,
    )
    assert refused.body["code"] == "experiment_already_running"

    who = visitors(eid)
    pages = {}
    for key, visitor in who.items():
        with count_round_trips() as trips:
            page = api.get(f"/products/{pid}?visitor_id={visitor}")
        assert page.status == 200 and trips.calls == ["Query"]  # the definition rides on the product item
        pages[key] = page.body
    assert pages["control"]["experiment"] == {"id": eid, "variant": "control"}
    assert pages["cheap"]["experiment"] == {"id": eid, "variant": "cheap"}
    assert pages["control"]["skus"][0]["price"]["amount"] == 5000
    assert pages["cheap"]["skus"][0]["price"]["amount"] == 4000
    plain = api.get(f"/products/{pid}").body
    assert "experiment" not in plain and plain["skus"][0]["price"]["amount"] == 5000
    assert api.get(f"/products/{pid}?visitor_id=bad").status == 400

    # the cheap visitor's cart and order are priced in the variant, the line tagged
    _, h = shopper(api)
    cart = api.post("/carts", headers={**h, "X-Visitor-Id": who["cheap"]}).body["id"]
    added = api.post(f"/carts/{cart}/items", {"sku": "EX-1", "quantity": 2}, headers=h)
    assert added.status == 200, added.body
    assert added.body["lines"][0]["unit_price"]["amount"] == 4000
    assert not [w for w in added.body["warnings"] if w["code"] == "price_changed"]
    placed = checkout(api, h, cart)
    assert placed.status == 201, placed.body
    order = placed.body["order"]
    pay(api, gateway, placed.body["payment"])
    from chalicelib.bootstrap import get_container

    [line] = get_container().orders.orders.get(order["id"]).lines
    assert line.experiment == {"id": eid, "variant": "cheap"} and line.unit_price == 4000

    # exposures at intake, the order through the analytics-sales worker
    batch = [event("product_view", who["cheap"], "session-0001", pid)] * 3
    batch += [event("product_view", who["control"], "session-0002", pid)] * 2
    batch += [event("product_view", "visitor-none", "session-0003", "prod_other")]
    c.call("POST", "/events", json_body={"events": batch}, expect=202)
    assert drain_ok(runner, "analytics_sales") >= 1
    results = c.call(
        "GET",
        "/admin/experiments/{experiment_id}/results",
        params={"experiment_id": eid},
        headers=api.staff_key("finance"),
        expect=200,
    ).body
    rows = {r["key"]: r for r in results["variants"]}
    assert (rows["cheap"]["exposures"], rows["cheap"]["orders"]) == (3, 1)
    assert rows["cheap"]["revenue"]["amount"] == line.payable and rows["cheap"]["conversion_rate"] == pytest.approx(
        0.3333
    )
    assert (rows["control"]["exposures"], rows["control"]["orders"], rows["control"]["conversion_rate"]) == (2, 0, 0.0)
    assert results["srm"] is False and 0 < results["p_value"] <= 1

    listed = c.call("GET", "/admin/experiments", headers=ADMIN, expect=200).body["items"]
    assert {e["id"] for e in listed} == {eid, second["id"]}
    stopped = c.call(
        "POST",
        "/admin/experiments/{experiment_id}/stop",
        params={"experiment_id": eid},
        json_body={},
        headers=ADMIN,
        expect=200,
    ).body
    assert stopped["status"] == "stopped"
    assert "experiment" not in api.get(f"/products/{pid}?visitor_id={who['cheap']}").body
    c.call(
        "POST",
        "/admin/experiments/{experiment_id}/start",
        params={"experiment_id": second["id"]},
        json_body={},
        headers=ADMIN,
        expect=200,
    )  # the product is free again
    got = c.call("GET", "/admin/experiments/{experiment_id}", params={"experiment_id": eid}, headers=ADMIN, expect=200)
    assert got.body["stopped_at"] is not None


def test_definitions_are_bounded_and_staff_only(api, c):
    product = shop(api, sku_body("EX-2", price=5000))
    pid = product["id"]
    bad = [
        [{"key": "control", "weight": 50}],
        [{"key": "a", "weight": 50, "price": money(1)}, {"key": "b", "weight": 50, "price": money(2)}],
        [{"key": "control", "weight": 0}, {"key": "b", "weight": 50, "price": money(2)}],
        [{"key": "control", "weight": 10}, {"key": "b", "weight": 10, "title": "Wrong kind"}],
    ]
    for variants in bad:
        body = {"name": "x", "kind": "price", "product_id": pid, "variants": variants}
        c.call("POST", "/admin/experiments", json_body=body, headers=ADMIN, expect=400)
    body = {
        "name": "x",
        "kind": "title",
        "product_id": "prod_missing",
        "variants": [{"key": "control", "weight": 1}, {"key": "b", "weight": 1, "title": "New"}],
    }
    c.call("POST", "/admin/experiments", json_body=body, headers=ADMIN, expect=404)
    c.call(
        "POST",
        "/admin/experiments",
        json_body={**body, "product_id": pid},
        headers=api.staff_key("warehouse"),
        expect=403,
    )
    c.call(
        "GET", "/admin/experiments/{experiment_id}", params={"experiment_id": "exp_missing"}, headers=ADMIN, expect=404
    )


def test_a_price_variant_under_the_minimum_margin_needs_an_admin_override(api, c):
    """A price variant is a selling price: ¥50.00 cost 3,000 sells at 40 % margin; a ¥40.00
    variant (25 %) is margin_too_low naming the SKU, an operations key cannot override,
    an admin can, and the override is on the experiment."""
    product = shop(api, sku_body("EX-3", price=5000, cost_price=money(3000)))
    pid = product["id"]
    refused = c.call(
        "POST",
        "/admin/experiments",
        json_body={
            "name": "Too cheap",
            "kind": "price",
            "product_id": pid,
            "variants": [{"key": "control", "weight": 50}, {"key": "cheap", "weight": 50, "price": money(4000)}],
        },
        headers=ADMIN,
        expect=422,
    )
    assert refused.body["code"] == "margin_too_low"
    assert [s["sku"] for s in refused.body["skus"]] == ["EX-3"] and refused.body["skus"][0]["margin_percent"] == 25.0
    fine = create(c, pid, variants=[{"key": "control", "weight": 50}, {"key": "b", "weight": 50, "price": money(4500)}])
    assert fine["margin_override"] is None  # 4500 - 3000 = 33.33 %: over the minimum
    body = {
        "name": "Too cheap",
        "kind": "price",
        "product_id": pid,
        "override_margin": True,
        "variants": [{"key": "control", "weight": 50}, {"key": "cheap", "weight": 50, "price": money(4000)}],
    }
    c.call("POST", "/admin/experiments", json_body=body, headers=api.staff_key("operations"), expect=403)
    overridden = create(c, pid, **{k: v for k, v in body.items() if k not in ("name", "product_id")})
    assert overridden["margin_override"]["skus"] == ["EX-3"] and overridden["margin_override"]["by"]
    got = c.call(
        "GET",
        "/admin/experiments/{experiment_id}",
        params={"experiment_id": overridden["id"]},
        headers=ADMIN,
        expect=200,
    )
    assert got.body["margin_override"] == overridden["margin_override"]
