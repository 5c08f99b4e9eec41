"""A/B experiments (ADR 0024): assignment, the status machine, variants and the SRM maths."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain import experiments as ex
from chalicelib.domain.catalog import Product, Sku
from chalicelib.domain.errors import InvalidTransition, ValidationFailed

NOW = datetime(2026, 12, 1, tzinfo=UTC)
AB = (ex.Variant("control", 50), ex.Variant("cheap", 50, price=900))


def experiment(**overrides: object) -> ex.Experiment:
    e = ex.new_experiment("exp_1", "Price test", "price", "prod_1", AB, NOW)
    return e if not overrides else ex.Experiment(**{**e.__dict__, **overrides})  # type: ignore[arg-type]


def test_assignment_is_deterministic_per_experiment_and_visitor():
    picks = [ex.assign("exp_1", f"v{i}", AB).key for i in range(200)]
    assert picks == [ex.assign("exp_1", f"v{i}", AB).key for i in range(200)]
    assert picks != [ex.assign("exp_2", f"v{i}", AB).key for i in range(200)]  # another experiment reshuffles


def test_assignment_follows_the_weights():
    variants = (ex.Variant("control", 70), ex.Variant("b", 20, title="B"), ex.Variant("c", 10, title="C"))
    n = 20000
    picks = [ex.assign("exp_w", f"visitor-{i}", variants).key for i in range(n)]
    for v in variants:
        share = picks.count(v.key) / n
        assert abs(share - v.weight / 100) < 0.015, (v.key, share)
    # and the exposures an honest split gives pass the SRM check
    assert not ex.srm_check([picks.count(v.key) for v in variants], [v.weight for v in variants]).srm


@pytest.mark.parametrize(
    ("x", "df", "p"),
    [
        (3.841459, 1, 0.05),
        (10.827566, 1, 0.001),
        (5.991465, 2, 0.05),
        (7.814728, 3, 0.05),
        (9.487729, 4, 0.05),
        (18.466827, 4, 0.001),
        (1.0, 1, 0.317311),
        (2.0, 3, 0.572407),
    ],
)
def test_chi_square_survival_matches_the_tables(x, df, p):
    assert ex.chi_square_sf(x, df) == pytest.approx(p, rel=1e-4)


def test_srm_flags_a_skewed_split_and_not_an_even_one():
    even = ex.srm_check([5020, 4980], [50, 50])
    assert even.chi_square == pytest.approx(0.16) and not even.srm and even.p_value > 0.6
    skewed = ex.srm_check([5300, 4700], [50, 50])  # chi-square 36: p about 2e-9
    assert skewed.srm and skewed.chi_square == pytest.approx(36.0) and skewed.p_value < 1e-8
    assert ex.srm_check([0, 0], [50, 50]) == ex.Srm(0.0, 1.0, False)


def test_validation_bounds_variants_weights_and_the_control():
    with pytest.raises(ValidationFailed):
        ex.validate("price", [ex.Variant("control", 50)])
    with pytest.raises(ValidationFailed):
        ex.validate("price", [ex.Variant("a", 50, price=1), ex.Variant("b", 50, price=2)])  # no control
    with pytest.raises(ValidationFailed):
        ex.validate("price", [ex.Variant("control", 0), ex.Variant("b", 50, price=2)])
    with pytest.raises(ValidationFailed):
        ex.validate("price", [ex.Variant("control", 10), ex.Variant("b", 50, title="x")])  # wrong field
    with pytest.raises(ValidationFailed):
        ex.validate("title", [ex.Variant("control", 10, title="y"), ex.Variant("b", 50, title="x")])
    with pytest.raises(ValidationFailed):
        ex.validate("title", [ex.Variant("control", 10)] + [ex.Variant(f"b{i}", 5, title="x") for i in range(5)])
    ex.validate("main_image", [ex.Variant("control", 10), ex.Variant("b", 100, image="https://i.example/b.jpg")])


@given(st.lists(st.sampled_from(["start", "stop", "pause", "restart"]), max_size=8))
def test_the_status_machine_follows_its_table(actions):
    e = experiment()
    for action in actions:
        to = ex.ACTIONS.get(action)
        if to is not None and to in ex.TRANSITIONS[e.status]:
            moved = ex.transition(e, action, NOW)
            assert moved.status == to
            assert (moved.started_at is not None) == (to in ("running", "stopped"))
            e = moved
        else:
            with pytest.raises(InvalidTransition):
                ex.transition(e, action, NOW)
    assert e.status in ex.STATUSES
    assert ex.STATUSES.index(e.status) <= sum(a in ("start", "stop") for a in actions)


def test_a_price_variant_prices_every_sku_and_caps_the_member_price():
    product = Product(
        "prod_1",
        "Mug",
        "",
        "c",
        ("c",),
        ("https://i.example/a.jpg", "https://i.example/b.jpg"),
        {},
        "listed",
        None,
        None,
        ("M-1", "M-2"),
        1000,
        1200,
        NOW,
        NOW,
    )
    skus = [Sku("M-1", "prod_1", {}, 1000, 950, 400, 300, 0), Sku("M-2", "prod_1", {}, 1200, None, 400, 300, 0)]
    running = ex.running_of(experiment())
    seen = {ex.apply_variant(product, skus, running, f"v{i}")[2] for i in range(40)}
    assert seen == {"control", "cheap"}
    visitor = next(f"v{i}" for i in range(40) if ex.assign("exp_1", f"v{i}", AB).key == "cheap")
    varied, varied_skus, key = ex.apply_variant(product, skus, running, visitor)
    assert key == "cheap" and [s.price for s in varied_skus] == [900, 900]
    assert [s.member_price for s in varied_skus] == [900, None]
    assert (varied.min_price, varied.max_price) == (900, 900)
    assert ex.apply_variant(product, skus, running, None) == (product, skus, None)
    title = ex.Running("exp_t", "title", (ex.Variant("control", 1), ex.Variant("t", 1, title="Big mug")))
    image = ex.vary_product(product, ex.Variant("i", 1, image="https://i.example/z.jpg"))
    assert image.images == ("https://i.example/z.jpg", "https://i.example/b.jpg")
    assert {ex.apply_variant(product, skus, title, f"v{i}")[0].title for i in range(40)} == {"Mug", "Big mug"}
    assert ex.running_from(ex.running_body(running)) == running


def test_results_rate_each_variant():
    body = ex.results(
        experiment(), {"control": ex.VariantCounts(100, 5, 5000), "cheap": ex.VariantCounts(100, 10, 9000)}
    )
    assert [(r["key"], r["conversion_rate"], r["revenue"]) for r in body["variants"]] == [
        ("control", 0.05, 5000),
        ("cheap", 0.1, 9000),
    ]
    assert body["srm"] is False and body["p_value"] == 1.0


def test_cart_rows_are_priced_in_the_visitors_variant_and_tagged():
    from dataclasses import replace

    from chalicelib.domain.catalog import StockLevel

    product = Product(
        "prod_1",
        "Mug",
        "",
        "c",
        ("c",),
        ("https://i.example/a.jpg",),
        {},
        "listed",
        None,
        None,
        ("M-1",),
        1000,
        1000,
        NOW,
        NOW,
    )
    running = ex.running_of(experiment())
    under_test = replace(product, experiment=running)
    sku = Sku("M-1", "prod_1", {}, 1000, None, 400, 300, 0)
    other = Sku("O-1", "prod_2", {}, 700, None, None, 300, 0)
    stock = StockLevel(5, 0)
    rows = {"M-1": (under_test, sku, stock), "O-1": (replace(product, id="prod_2"), other, stock)}
    cheap = next(f"v{i}" for i in range(40) if ex.assign("exp_1", f"v{i}", AB).key == "cheap")
    control = next(f"v{i}" for i in range(40) if ex.assign("exp_1", f"v{i}", AB).key == "control")
    varied, tags = ex.vary_rows(rows, cheap)
    assert varied["M-1"][1].price == 900 and varied["O-1"][1].price == 700
    assert tags == {"M-1": {"id": "exp_1", "variant": "cheap"}}
    varied, tags = ex.vary_rows(rows, control)
    assert varied["M-1"][1].price == 1000 and tags == {"M-1": {"id": "exp_1", "variant": "control"}}
    assert ex.vary_rows(rows, None) == (rows, {})


class FakeStore:
    def __init__(self, running):
        self.running = running
        self.added = []

    def running_for(self, product_ids):
        return {p: r for p, r in self.running.items() if p in product_ids}

    def add_counts(self, experiment_id, variant, counts):
        self.added.append((experiment_id, variant, dict(counts)))


def test_exposures_and_orders_are_counted_per_variant():
    from chalicelib.domain.analytics import VisitorEvent
    from chalicelib.domain.events import new_event
    from chalicelib.services.experiments import Experiments

    store = FakeStore({"prod_1": ex.running_of(experiment())})
    service = Experiments(store, None, lambda _: True)  # type: ignore[arg-type]
    cheap = next(f"visitor-{i}" for i in range(40) if ex.assign("exp_1", f"visitor-{i}", AB).key == "cheap")
    events = [VisitorEvent("product_view", cheap, "s-1", NOW, "prod_1", None)] * 2
    events += [VisitorEvent("product_view", cheap, "s-1", NOW, "prod_9", None)]
    events += [VisitorEvent("add_to_cart", cheap, "s-1", NOW, "prod_1", None)]
    assert service.record_exposures(events) == 2
    assert store.added == [("exp_1", "cheap", {"exposures": 2})]
    lines = [
        {"sku": "M-1", "payable": 900, "experiment": {"id": "exp_1", "variant": "cheap"}},
        {"sku": "M-2", "payable": 800, "experiment": {"id": "exp_1", "variant": "cheap"}},
        {"sku": "X-1", "payable": 500},
    ]
    paid = new_event("order.paid", {"order_id": "ord_1", "lines": lines}, NOW)
    assert service.record_order(paid) == 1
    assert store.added[-1] == ("exp_1", "cheap", {"orders": 1, "revenue": 1700})
    assert service.record_order(new_event("order.refunded", {"lines": lines}, NOW)) == 0
