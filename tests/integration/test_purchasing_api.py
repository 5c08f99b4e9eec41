"""Inventory planning through the app (ADR 0022): suppliers and purchase orders
through their state machine, receipts that add stock once per receipt id and
never more than was ordered, a stock alert drafted as a purchase order, safety
policies and reorder points from the daily job, forecasts, cycle counts and
notify-me, told once by the stock-alerts worker."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support import ADMIN, drain_ok, event_runner, iso, sku_body


@pytest.fixture
def shop(api):
    category = api.category()
    api.product(
        category["id"],
        skus=[sku_body("PO-1", stock=5, safety_stock=2), sku_body("PO-2", stock=0, safety_stock=0)],
    )
    return api


def supplier(api, lead=5):
    r = api.post(
        "/admin/suppliers", {"name": "Acme", "lead_time_days": lead, "contact": {"email": "a@acme.cn"}}, headers=ADMIN
    )
    assert r.status == 201, r.body
    return r.body["id"]


def available(api, sku):
    return api.get(f"/admin/inventory/{sku}", headers=ADMIN).body["available"]


def ordered_po(api, lines):
    sup = supplier(api)
    r = api.post("/admin/purchase-orders", {"supplier_id": sup, "lines": lines}, headers=ADMIN)
    assert r.status == 201 and r.body["status"] == "draft", r.body
    po = r.body["id"]
    r = api.post(f"/admin/purchase-orders/{po}/order", {}, headers=ADMIN)
    assert r.status == 200 and r.body["status"] == "ordered", r.body
    return po


def test_receipts_add_stock_once_per_receipt_id_and_never_more_than_ordered(shop):
    api = shop
    po = ordered_po(
        api, [{"sku": "PO-1", "quantity": 10, "unit_cost": 500}, {"sku": "PO-2", "quantity": 4, "unit_cost": 900}]
    )
    url = f"/admin/purchase-orders/{po}/receipts"
    first = api.post(url, {"receipt_id": "rcv-1", "lines": [{"sku": "PO-1", "quantity": 6}]}, headers=ADMIN)
    assert first.status == 201, first.body
    assert first.body["purchase_order"]["status"] == "partially_received"
    assert available(api, "PO-1") == 11
    again = api.post(url, {"receipt_id": "rcv-1", "lines": [{"sku": "PO-1", "quantity": 6}]}, headers=ADMIN)
    assert again.status == 200 and again.body["replayed"] is True
    assert available(api, "PO-1") == 11  # the same receipt adds nothing
    other = api.post(url, {"receipt_id": "rcv-1", "lines": [{"sku": "PO-1", "quantity": 5}]}, headers=ADMIN)
    assert other.status == 422 and other.body["code"] == "receipt_id_reused"
    over = api.post(url, {"receipt_id": "rcv-2", "lines": [{"sku": "PO-1", "quantity": 5}]}, headers=ADMIN)
    assert over.status == 409 and over.body["code"] == "over_receipt"
    assert available(api, "PO-1") == 11
    rest = api.post(
        url,
        {"receipt_id": "rcv-3", "lines": [{"sku": "PO-1", "quantity": 4}, {"sku": "PO-2", "quantity": 4}]},
        headers=ADMIN,
    )
    assert rest.status == 201 and rest.body["purchase_order"]["status"] == "received"
    assert (available(api, "PO-1"), available(api, "PO-2")) == (15, 4)
    ledger = api.get("/admin/inventory/PO-1/ledger", headers=ADMIN).body["items"]
    receipts = [e for e in ledger if e["reason"] == "purchase_receipt"]
    assert sorted(e["on_hand_delta"] for e in receipts) == [4, 6] and receipts[0]["reference"] == po
    closed = api.post(f"/admin/purchase-orders/{po}/cancel", {}, headers=ADMIN)
    assert closed.status == 409 and closed.body["code"] == "invalid_transition"
    listed = api.get("/admin/purchase-orders?status=received", headers=ADMIN).body["items"]
    assert [p["id"] for p in listed] == [po]


def test_a_draft_takes_no_receipt_and_a_partial_order_can_be_closed(shop):
    api = shop
    sup = supplier(api)
    po = api.post(
        "/admin/purchase-orders",
        {"supplier_id": sup, "lines": [{"sku": "PO-1", "quantity": 3, "unit_cost": 1}]},
        headers=ADMIN,
    ).body["id"]
    early = api.post(
        f"/admin/purchase-orders/{po}/receipts",
        {"receipt_id": "r-x", "lines": [{"sku": "PO-1", "quantity": 1}]},
        headers=ADMIN,
    )
    assert early.status == 409 and early.body["code"] == "invalid_transition"
    api.post(f"/admin/purchase-orders/{po}/order", {}, headers=ADMIN)
    api.post(
        f"/admin/purchase-orders/{po}/receipts",
        {"receipt_id": "r-y", "lines": [{"sku": "PO-1", "quantity": 1}]},
        headers=ADMIN,
    )
    r = api.post(f"/admin/purchase-orders/{po}/close", {"reason": "supplier is out"}, headers=ADMIN)
    assert r.status == 200 and r.body["status"] == "closed"
    assert [h["to"] for h in r.body["history"]] == ["draft", "ordered", "partially_received", "closed"]


def test_roles_and_bounded_supplier_fields(shop):
    api = shop
    warehouse = api.staff_key("warehouse")
    assert api.post("/admin/suppliers", {"name": "X", "lead_time_days": 1}, headers=warehouse).status == 403
    assert api.get("/admin/suppliers", headers=warehouse).status == 200
    too_long = api.post("/admin/suppliers", {"name": "x" * 201, "lead_time_days": 1}, headers=ADMIN)
    assert too_long.status == 400
    bad_lead = api.post("/admin/suppliers", {"name": "X", "lead_time_days": 400}, headers=ADMIN)
    assert bad_lead.status == 400
    po = ordered_po(api, [{"sku": "PO-1", "quantity": 2, "unit_cost": 1}])
    r = api.post(
        f"/admin/purchase-orders/{po}/receipts",
        {"receipt_id": "w-1", "lines": [{"sku": "PO-1", "quantity": 2}]},
        headers=warehouse,
    )
    assert r.status == 201  # the warehouse receives goods
    cs = api.staff_key("customer_service")
    assert api.post("/admin/cycle-counts", {"skus": ["PO-1"]}, headers=cs).status == 403


def test_an_alert_becomes_a_draft_in_one_call_once(shop):
    api = shop
    sup = supplier(api)
    runner = event_runner()
    api.post("/admin/inventory/PO-1/adjustments", {"delta": -4, "reason": "damaged"}, headers=ADMIN)
    drain_ok(runner, "stock_alerts")
    [alert] = api.get("/admin/stock-alerts?status=open", headers=ADMIN).body["items"]
    r = api.post(f"/admin/stock-alerts/{alert['id']}/purchase-order", {"supplier_id": sup}, headers=ADMIN)
    assert r.status == 201, r.body
    assert r.body["status"] == "draft" and r.body["alert_id"] == alert["id"]
    assert r.body["lines"][0]["sku"] == "PO-1" and r.body["lines"][0]["quantity"] >= 1
    again = api.post(f"/admin/stock-alerts/{alert['id']}/purchase-order", {"supplier_id": sup}, headers=ADMIN)
    assert again.status == 200 and again.body["id"] == r.body["id"]
    suggestions = api.get("/admin/replenishment-suggestions", headers=ADMIN).body["items"]
    assert [s["sku"] for s in suggestions] == ["PO-1"]


def test_a_days_of_sales_policy_sets_safety_stock_and_the_reorder_point_raises_alerts(shop):
    api = shop
    sup = supplier(api, lead=4)
    r = api.put(
        "/admin/inventory/PO-1/safety-policy",
        {"mode": "days_of_sales", "days": 3, "floor": 7, "supplier_id": sup},
        headers=ADMIN,
    )
    assert r.status == 200 and r.body["safety_policy"]["mode"] == "days_of_sales"
    run = api.post(
        "/admin/jobs/recompute_safety_stock/runs", {"as_of": iso(datetime.now(UTC) + timedelta(days=1))}, headers=ADMIN
    )
    assert run.status == 200, run.body
    plan = api.get("/admin/inventory/PO-1/safety-policy", headers=ADMIN).body
    # no sales: the floor; no lead-time demand: the reorder point is the safety stock
    assert (plan["safety_stock"], plan["reorder_point"], plan["lead_time_days"]) == (7, 7, 4)
    level = api.get("/admin/inventory/PO-1", headers=ADMIN).body
    assert (level["safety_stock"], level["reorder_point"]) == (7, 7)
    runner = event_runner()
    api.post("/admin/inventory/PO-1/adjustments", {"delta": 1, "reason": "correction"}, headers=ADMIN)  # 6: below 7
    api.post("/admin/inventory/PO-1/adjustments", {"delta": -1, "reason": "correction"}, headers=ADMIN)
    drain_ok(runner, "stock_alerts")
    [alert] = api.get("/admin/stock-alerts?status=open", headers=ADMIN).body["items"]
    assert alert["sku"] == "PO-1" and alert["safety_stock"] == 7
    bad = api.put("/admin/inventory/PO-1/safety-policy", {"mode": "sometimes"}, headers=ADMIN)
    assert bad.status == 400


def test_forecast_answers_both_methods(shop):
    r = shop.get("/admin/inventory/PO-1/forecast", headers=ADMIN)
    assert r.status == 200, r.body
    assert r.body["method"] in ("moving_average", "exponential_smoothing")
    assert [m["method"] for m in r.body["methods"]] == ["moving_average", "exponential_smoothing"]
    assert len(r.body["weeks"]) == 12 and r.body["next_week"] == 0
    assert shop.get("/admin/inventory/NOPE/forecast", headers=ADMIN).status == 404


def test_a_cycle_count_adjusts_the_stock_and_reports_the_variance(shop):
    api = shop
    r = api.post("/admin/cycle-counts", {"skus": ["PO-1", "PO-2"]}, headers=ADMIN)
    assert r.status == 201 and [x["sku"] for x in r.body["lines"]] == ["PO-1", "PO-2"]
    sheet = r.body["id"]
    done = api.post(
        f"/admin/cycle-counts/{sheet}/results",
        {"lines": [{"sku": "PO-1", "counted": 4}, {"sku": "PO-2", "counted": 0}]},
        headers=ADMIN,
    )
    assert done.status == 200, done.body
    first = done.body["lines"][0]
    assert (first["expected"], first["counted"], first["variance"], first["adjusted"]) == (5, 4, -1, -1)
    assert done.body["variance"]["pct"] == 20.0 and done.body["variance"]["within_target"] is False
    assert available(api, "PO-1") == 4
    ledger = api.get("/admin/inventory/PO-1/ledger", headers=ADMIN).body["items"]
    assert ledger[0]["reason"] == "stock_count" and ledger[0]["on_hand_delta"] == -1
    twice = api.post(f"/admin/cycle-counts/{sheet}/results", {"lines": [{"sku": "PO-1", "counted": 4}]}, headers=ADMIN)
    assert twice.status == 409
    report = api.get("/admin/cycle-counts/report", headers=ADMIN).body
    assert report["sheets"] == 1 and report["overall"]["absolute_units"] == 1 and report["target_pct"] == 1.0
    scheduled = api.post("/admin/jobs/schedule_cycle_counts/runs", {}, headers=ADMIN)
    assert scheduled.status == 200, scheduled.body
    assert api.get(f"/admin/cycle-counts/{sheet}", headers=ADMIN).body["status"] == "submitted"


def test_notify_me_once_per_customer_and_a_restock_tells_each_subscriber_once(shop):
    api = shop
    product = api.get("/admin/inventory/PO-2", headers=ADMIN).body["product_id"]
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    assert api.post(f"/products/{product}/notify-me", {"sku": "PO-2"}).status == 401
    first = api.post(f"/products/{product}/notify-me", {"sku": "PO-2"}, headers=me)
    assert first.status == 201, first.body
    again = api.post(f"/products/{product}/notify-me", {"sku": "PO-2"}, headers=me)
    assert again.status == 200 and again.body["id"] == first.body["id"]
    in_stock = api.post(f"/products/{product}/notify-me", {"sku": "PO-1"}, headers=me)
    assert in_stock.status == 409 and in_stock.body["code"] == "not_sold_out"
    runner = event_runner()
    api.post("/admin/inventory/PO-2/adjustments", {"delta": 3, "reason": "receiving"}, headers=ADMIN)
    assert api.get("/me/notifications", headers=me).body["items"] == []  # not in the request
    drain_ok(runner, "stock_alerts")
    inbox = api.get("/me/notifications", headers=me).body["items"]
    assert [n["kind"] for n in inbox] == ["back_in_stock"]
    api.post("/admin/inventory/PO-2/adjustments", {"delta": -3, "reason": "correction"}, headers=ADMIN)
    api.post("/admin/inventory/PO-2/adjustments", {"delta": 3, "reason": "receiving"}, headers=ADMIN)
    drain_ok(runner, "stock_alerts")
    assert len(api.get("/me/notifications", headers=me).body["items"]) == 1  # told once: the subscription is done


def test_count_sheets_and_suggestions_put_a_first_then_the_faster_turnover(api, gateway):
    from tests.payments import paid_order

    category = api.category()
    api.product(
        category["id"],
        skus=[
            sku_body("T-SLOW", price=50000, stock=100, safety_stock=0),  # A by revenue, slow
            sku_body("T-FAST", price=50000, stock=4, safety_stock=0),  # A by revenue, fast
            sku_body("T-LOW", price=100, stock=4, safety_stock=0),  # C
        ],
    )
    paid_order(api, gateway, {"T-SLOW": 2, "T-FAST": 2, "T-LOW": 1})
    run = api.post(
        "/admin/jobs/classify_abc/runs", {"as_of": iso(datetime.now(UTC) + timedelta(days=1))}, headers=ADMIN
    )
    assert run.status == 200, run.body
    # on hand at the run: T-SLOW 98, T-FAST 2 (each sold 2): T-FAST turns faster
    sheet = api.post("/admin/cycle-counts", {"skus": ["T-LOW", "T-SLOW", "T-FAST"]}, headers=ADMIN).body
    assert [line["sku"] for line in sheet["lines"]] == ["T-FAST", "T-SLOW", "T-LOW"]
    by_class = api.post("/admin/cycle-counts", {"abc_class": "A"}, headers=ADMIN).body
    assert [line["sku"] for line in by_class["lines"]] == ["T-FAST", "T-SLOW"]
    runner = event_runner()
    for code in ("T-LOW", "T-SLOW", "T-FAST"):  # each written off to nothing: an alert each
        level = api.get(f"/admin/inventory/{code}", headers=ADMIN).body["available"]
        r = api.post(f"/admin/inventory/{code}/adjustments", {"delta": -level, "reason": "damaged"}, headers=ADMIN)
        assert r.status == 201, r.body
    drain_ok(runner, "stock_alerts")
    suggestions = api.get("/admin/replenishment-suggestions", headers=ADMIN).body["items"]
    assert [(s["sku"], s["abc_class"]) for s in suggestions] == [("T-FAST", "A"), ("T-SLOW", "A"), ("T-LOW", "C")]
    assert suggestions[0]["turnover"] > suggestions[1]["turnover"]


class ShiftedClock:
    """The real time moved by ``days`` (settable): sales on past business days."""

    def __init__(self) -> None:
        self.days = 0

    def now(self) -> datetime:
        return datetime.now(UTC) + timedelta(days=self.days)


@pytest.fixture
def ten_day_window(request, monkeypatch, aws):
    """The app with a 10-day safety window and a clock the test can move back."""
    from chalicelib.bootstrap import Container, reset_container
    from chalicelib.settings import get_settings, reset_settings

    monkeypatch.setenv("COMMERCE_SAFETY_WINDOW_DAYS", "10")
    reset_settings()
    clock = ShiftedClock()
    reset_container(Container(get_settings(), clock))  # every service built from now on reads this clock
    return request.getfixturevalue("api"), clock


def test_thirty_units_over_ten_days_make_nine_days_of_sales_and_the_alert_fires_at_the_reorder_point(
    ten_day_window, gateway
):
    from tests.payments import paid_order

    api, clock = ten_day_window
    clock.days = -10
    category = api.category()
    api.product(category["id"], skus=[sku_body("DOS-1", stock=100, safety_stock=0)])
    paid_order(api, gateway, {"DOS-1": 5})  # 10 days back: the day before the window, not counted
    for back in range(9, -1, -1):  # 3 units a day on each of the window's 10 days (the last: today)
        clock.days = -back
        paid_order(api, gateway, {"DOS-1": 3})
    clock.days = 0
    sup = supplier(api, lead=2)
    r = api.put(
        "/admin/inventory/DOS-1/safety-policy", {"mode": "days_of_sales", "days": 3, "supplier_id": sup}, headers=ADMIN
    )
    assert r.status == 200, r.body
    run = api.post(
        "/admin/jobs/recompute_safety_stock/runs", {"as_of": iso(datetime.now(UTC) + timedelta(days=1))}, headers=ADMIN
    )
    assert run.status == 200, run.body
    plan = api.get("/admin/inventory/DOS-1/safety-policy", headers=ADMIN).body
    # 30 units / 10 days = 3 a day; 3 days of it: 9; the reorder point: 2 days' lead demand (6) + 9
    assert (plan["average_daily_sales"], plan["safety_stock"], plan["reorder_point"]) == (3.0, 9, 15), plan
    shown = api.get("/admin/inventory/DOS-1", headers=ADMIN).body
    assert (shown["available"], shown["safety_stock"]) == (65, 9)  # the SKU's own safety stock: the job's 9

    runner = event_runner()
    r = api.post("/admin/inventory/DOS-1/adjustments", {"delta": -49, "reason": "damaged"}, headers=ADMIN)
    assert r.status == 201, r.body
    drain_ok(runner, "stock_alerts")
    assert available(api, "DOS-1") == 16
    assert api.get("/admin/stock-alerts?status=open", headers=ADMIN).body["items"] == []  # one above: no alert
    paid_order(api, gateway, {"DOS-1": 1})  # a sale down to the reorder point
    assert drain_ok(runner, "stock_alerts") == 1
    [alert] = api.get("/admin/stock-alerts?status=open", headers=ADMIN).body["items"]
    assert (alert["sku"], alert["available"], alert["safety_stock"]) == ("DOS-1", 15, 15)
