"""Analytics services over in-memory stores (tests/unit/analytics_fakes.py): the
intake's counters, sketches, sessions and bounces, its refusals (writing nothing),
the sales read model applied once per event, and the KPI maths of a day and of
merged periods."""

from __future__ import annotations

import inspect
from datetime import UTC, date, datetime, timedelta

import pytest

from chalicelib.adapters.dynamo import analytics as dynamo_analytics
from chalicelib.adapters.dynamo import analytics_sales as dynamo_sales
from chalicelib.domain.analytics import SalesTally, VisitorEvent, apply_sale, session_change
from chalicelib.domain.clock import FixedClock
from chalicelib.domain.errors import RateLimited, ValidationFailed
from chalicelib.domain.events import Event
from chalicelib.domain.throttle import Limit
from chalicelib.services import analytics_ports
from chalicelib.services.analytics import EventIntake, Kpis, SalesConflict, SalesModel
from chalicelib.services.ports import NoMetrics

from .analytics_fakes import FakeKpis, FakeSales, FakeSpend, FakeTraffic
from .throttle_fakes import FakeAttemptCounter

TZ = "Asia/Shanghai"
NOW = datetime(2026, 12, 6, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai
TODAY = date(2026, 12, 6)


class Publisher:
    def __init__(self, fail: bool = False) -> None:
        self.published: list[Event] = []
        self.fail = fail

    def publish(self, events):
        if self.fail:
            raise RuntimeError("bus down")
        self.published += events


def ev(kind, visitor="visitor-1", session="session-1", at=NOW, product=None, page=None):
    if kind in ("product_view", "add_to_cart") and product is None:
        product = "prod_1"
    return VisitorEvent(kind, visitor, session, at, product, page)


@pytest.fixture
def world():
    traffic, counter, publisher = FakeTraffic(), FakeAttemptCounter(), Publisher()
    intake = EventIntake(traffic, counter, publisher, FixedClock(NOW), TZ, NoMetrics(), Limit(3, 1))
    sales = FakeSales()
    kpis = Kpis(traffic, sales, FakeSpend(), FakeKpis(), FixedClock(NOW), TZ, "CNY")
    return intake, traffic, counter, publisher, sales, kpis


def test_a_batch_is_counted_into_the_day_and_its_products(world):
    intake, traffic, _, publisher, _, _ = world
    batch = [ev("page_view", page="/"), ev("product_view", product="prod_a"), ev("add_to_cart", product="prod_a")]
    batch += [ev("product_view", visitor="visitor-2", session="session-2", product="prod_a"), ev("search")]
    assert intake.accept(batch, "1.2.3.4") == {"accepted": 5}
    counts = traffic.day_counts(TODAY)
    assert counts["page_view"] == 1 and counts["product_view"] == 2 and counts["add_to_cart"] == 1
    assert counts["search"] == 1 and counts["sessions"] == 2
    assert counts["single_page_sessions"] == 1  # session-2 saw one page; session-1 two
    product_counts, registers = traffic.product_day(TODAY, "prod_a")
    assert product_counts == {"product_view": 2, "add_to_cart": 1}
    assert registers and len(registers) == 1024
    [envelope] = publisher.published
    assert envelope.type == "analytics.events_collected" and len(envelope.data["events"]) == 5
    assert envelope.data["events"][0]["visitor_id"] == "visitor-1"


def test_an_event_counts_on_the_store_day_it_happened():
    traffic = FakeTraffic()
    intake = EventIntake(traffic, FakeAttemptCounter(), Publisher(), FixedClock(NOW), TZ, NoMetrics())
    late_evening_utc = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)  # 01:00 on the 6th in Shanghai
    intake.accept([ev("page_view", at=late_evening_utc), ev("page_view", at=NOW - timedelta(hours=23))], "ip")
    assert traffic.day_counts(TODAY)["page_view"] == 1
    assert traffic.day_counts(TODAY - timedelta(days=1))["page_view"] == 1


def test_sessions_and_bounces_follow_the_page_count_across_batches(world):
    intake, traffic, *_ = world
    intake.limit = Limit(100, 1)
    intake.accept([ev("page_view", session="s-a"), ev("search", session="s-b")], "ip")
    counts = traffic.day_counts(TODAY)
    assert counts["sessions"] == 2 and counts["single_page_sessions"] == 1  # s-b has no page yet
    intake.accept([ev("page_view", session="s-b")], "ip")
    assert traffic.day_counts(TODAY)["single_page_sessions"] == 2
    intake.accept([ev("product_view", session="s-a")], "ip")  # s-a is no longer a bounce
    counts = traffic.day_counts(TODAY)
    assert counts["sessions"] == 2 and counts["single_page_sessions"] == 1


@pytest.mark.parametrize(
    ("after", "added", "change"),
    [
        ((1, 1), (1, 1), (1, 1)),  # a new one-page session
        ((1, 0), (1, 0), (1, 0)),  # a new session without a page
        ((3, 2), (3, 2), (1, 0)),  # a new two-page session
        ((2, 2), (1, 1), (0, -1)),  # a bounce no longer
        ((2, 1), (1, 0), (0, 0)),  # still one page
        ((2, 1), (1, 1), (0, 1)),  # its first page
        ((5, 4), (1, 1), (0, 0)),
    ],
)
def test_session_change(after, added, change):
    assert session_change(*after, *added) == change


def test_refused_batches_write_nothing(world):
    intake, traffic, counter, publisher, *_ = world
    for at in (NOW + timedelta(minutes=6), NOW - timedelta(hours=25)):
        with pytest.raises(ValidationFailed) as refused:
            intake.accept([ev("page_view"), ev("page_view", at=at)], "ip")
        assert [e.field for e in refused.value.errors] == ["events.1.at"]
        assert refused.value.errors[0].code == "clock_skew"
    with pytest.raises(ValidationFailed):
        intake.accept([ev("page_view")] * 51, "ip")
    assert traffic.shards == {} and traffic.registers == {} and traffic.session_items == {}
    assert counter.total() == 0 and publisher.published == []


def test_batches_are_throttled_per_source_address(world):
    intake, traffic, *_ = world
    for _ in range(3):
        intake.accept([ev("page_view")], "10.0.0.1")
    with pytest.raises(RateLimited) as limited:
        intake.accept([ev("page_view")], "10.0.0.1")
    assert limited.value.retry_after > 0
    intake.accept([ev("page_view")], "10.0.0.2")  # another address is not held back
    assert traffic.day_counts(TODAY)["page_view"] == 4


def test_a_bus_outage_loses_the_archive_copy_not_the_counts():
    traffic = FakeTraffic()
    intake = EventIntake(traffic, FakeAttemptCounter(), Publisher(fail=True), FixedClock(NOW), TZ, NoMetrics())
    assert intake.accept([ev("page_view")], "ip") == {"accepted": 1}
    assert traffic.day_counts(TODAY)["page_view"] == 1


# --- the sales read model ------------------------------------------------------------------------
def order_event(kind, order_id="ord_1", customer="cus_1", total=10_000, refunded=0, at=NOW, lines=None, eid=None):
    data = {
        "order_id": order_id,
        "customer_id": customer,
        "total": {"amount": total, "currency": "CNY"},
        "refunded": {"amount": refunded, "currency": "CNY"},
        "lines": lines or [],
    }
    return Event(kind, eid or f"evt_{kind}_{order_id}_{refunded}", at, data)


def test_an_order_is_counted_once_and_refunds_by_their_cumulative_amount():
    store = FakeSales()
    model = SalesModel(store, TZ, lambda customer, at: customer == "cus_member")
    lines = [
        {"sku": "A", "quantity": 2, "payable": 8_000, "unit_cost": 2_500},
        {"sku": "B", "quantity": 1, "payable": 2_000},
    ]
    paid = order_event("order.paid", lines=lines)
    assert model.apply(paid) == "applied"
    assert model.apply(paid) == "duplicate"
    assert model.apply(order_event("order.paid", eid="evt_other")) == "applied"  # same order: nothing added
    assert model.apply(order_event("order.refunded", refunded=3_000)) == "applied"
    assert model.apply(order_event("order.refunded", refunded=3_000, eid="evt_again")) == "applied"
    assert model.apply(order_event("order.refunded", refunded=5_000)) == "applied"
    assert model.apply(order_event("order.shipped")) == "ignored"
    day = store.day_sales(TODAY)
    assert day == {
        "orders": 1,
        "gmv": 10_000,
        "cost": 5_000,
        "costed_revenue": 8_000,
        "refunds": 5_000,
        "refunded_orders": 1,
    }
    assert store.day_customers(TODAY) == {"cus_1": 1}
    assert store.first == {"cus_1": TODAY}
    assert model.apply(order_event("order.paid", order_id="ord_2", customer="cus_member")) == "applied"
    assert store.day_sales(TODAY)["member_gmv"] == 10_000 and store.day_sales(TODAY)["member_orders"] == 1


def test_a_tally_that_keeps_moving_is_retried_then_handed_back_to_the_queue():
    store = FakeSales()
    model = SalesModel(store, TZ, lambda c, at: False)
    store.conflicts_to_raise = 2
    assert model.apply(order_event("order.paid")) == "applied"
    store.conflicts_to_raise = 10
    with pytest.raises(SalesConflict):
        model.apply(order_event("order.paid", order_id="ord_9"))


def test_a_refund_seen_before_the_payment_is_counted_and_the_payment_still_once():
    tally, delta = apply_sale(SalesTally("o"), "order.refunded", {"refunded": {"amount": 500}}, NOW, TZ, False)
    assert delta is not None and delta.counts == {"refunds": 500, "refunded_orders": 1}
    tally, delta = apply_sale(tally, "order.paid", {"total": {"amount": 900}, "customer_id": "c"}, NOW, TZ, False)
    assert delta is not None and delta.counts["gmv"] == 900 and tally.paid and tally.refunded == 500


# --- KPIs ---------------------------------------------------------------------------------------------
def test_a_day_of_kpis_and_a_rerun_gives_the_same_rows(world):
    intake, traffic, _, _, sales, kpis = world
    intake.limit = Limit(1000, 1)
    for i in range(40):  # 40 visitors, 40 sessions: 30 bounce, 10 see two pages
        batch = [ev("page_view", visitor=f"visitor-{i:03d}", session=f"session-{i:03d}")]
        if i < 10:
            batch.append(ev("product_view", visitor=f"visitor-{i:03d}", session=f"session-{i:03d}"))
        intake.accept(batch, "ip")
    model = SalesModel(sales, TZ, lambda c, at: c == "cus_a")
    lines = [{"sku": "A", "quantity": 1, "payable": 6_000, "unit_cost": 4_000}]
    model.apply(order_event("order.paid", "o1", "cus_a", 6_000, lines=lines))
    model.apply(order_event("order.paid", "o2", "cus_b", 4_000, lines=[{"sku": "B", "quantity": 1, "payable": 4_000}]))
    model.apply(order_event("order.paid", "o0", "cus_b", 1_000, at=NOW - timedelta(days=30)))  # cus_b is back
    model.apply(order_event("order.refunded", "o2", "cus_b", 4_000, refunded=1_000))
    kpis.add_spend(TODAY, "search_ads", 1_000, "CNY", "winter", "staff:key_1")

    first = kpis.aggregate(NOW)
    assert first["days"] == ["2026-12-05", "2026-12-06"]
    rows = kpis.report(TODAY, TODAY, "day")
    again = kpis.aggregate(NOW)
    assert again == first and kpis.report(TODAY, TODAY, "day") == rows
    [row] = rows
    assert row["pv"] == 50 and row["uv"] == 40 and row["sessions"] == 40
    assert row["bounce_rate"] == 0.75
    assert row["orders"] == 2 and row["paying_customers"] == 2
    assert row["new_customers"] == 1 and row["returning_customers"] == 1
    assert row["conversion_rate"] == 0.05
    assert row["gmv"] == 10_000 and row["aov"] == 5_000
    assert row["refunds"] == 1_000 and row["refund_rate"] == 0.1
    assert row["gross_margin"] == 2_000 and row["gross_margin_rate"] == pytest.approx(0.3333)
    assert row["member_sales_share"] == 0.6
    assert row["repurchase_rate"] == 0.5  # cus_b paid twice in 90 days, cus_a once
    assert row["marketing_spend"] == 1_000 and row["roi"] == 1.0


def test_weeks_and_months_merge_days_and_count_a_returning_visitor_once(world):
    intake, traffic, _, _, _, kpis = world
    intake.limit = Limit(1000, 1)
    monday = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)
    for offset in range(3):  # the same 20 visitors on three days, 5 new ones each day
        at = monday + timedelta(days=offset)
        intake.clock = FixedClock(at)
        visitors = [f"visitor-{i:03d}" for i in range(20)] + [f"visitor-d{offset}-{i}" for i in range(5)]
        intake.accept([ev("page_view", visitor=v, session=f"{v}-{offset}-s", at=at) for v in visitors], "ip")
        kpis.aggregate_day(at.date())
    week = kpis.report(date(2026, 11, 30), date(2026, 12, 6), "week")
    assert [r["period"] for r in week] == ["2026-W49"]
    assert week[0]["pv"] == 75 and week[0]["uv"] == 35  # 20 + 3 x 5, not 75
    months = kpis.report(date(2026, 11, 15), date(2026, 12, 6), "month")
    assert [(r["period"], r["from"], r["to"]) for r in months] == [
        ("2026-11", "2026-11-15", "2026-11-30"),
        ("2026-12", "2026-12-01", "2026-12-06"),
    ]
    assert months[0]["uv"] == 25 and months[1]["uv"] == 30 and months[0]["pv"] + months[1]["pv"] == 75
    days = kpis.report(date(2026, 11, 29), date(2026, 12, 3), "day")
    assert [r["pv"] for r in days] == [0, 25, 25, 25, 0]
    assert days[0]["bounce_rate"] is None and days[0]["conversion_rate"] is None and days[0]["roi"] is None


def test_report_ranges_and_spend_are_checked(world):
    *_, kpis = world
    with pytest.raises(ValidationFailed):
        kpis.report(TODAY, TODAY - timedelta(days=1), "day")
    with pytest.raises(ValidationFailed):
        kpis.report(TODAY - timedelta(days=800), TODAY, "month")
    with pytest.raises(ValidationFailed) as refused:
        kpis.add_spend(TODAY + timedelta(days=1), "x", 1, "USD", None, "staff:k")
    assert {e.code for e in refused.value.errors} == {"currency_mismatch", "invalid_range"}


# --- ports ----------------------------------------------------------------------------------------------
IMPLEMENTATIONS = {
    analytics_ports.TrafficStore: [dynamo_analytics.DynamoTraffic, FakeTraffic],
    analytics_ports.SalesStore: [dynamo_sales.DynamoSalesModel, FakeSales],
    analytics_ports.SpendStore: [dynamo_analytics.DynamoSpend, FakeSpend],
    analytics_ports.KpiStore: [dynamo_analytics.DynamoKpis, FakeKpis],
}


@pytest.mark.parametrize("port", list(IMPLEMENTATIONS), ids=lambda p: p.__name__)
def test_adapters_and_fakes_take_the_ports_parameters(port):
    for name, method in inspect.getmembers(port, inspect.isfunction):
        if name.startswith("_"):
            continue
        expected = list(inspect.signature(method).parameters.values())
        for implementation in IMPLEMENTATIONS[port]:
            actual = list(inspect.signature(getattr(implementation, name)).parameters.values())
            assert [(p.name, p.kind, p.default) for p in actual] == [(p.name, p.kind, p.default) for p in expected], (
                implementation.__name__,
                name,
            )
