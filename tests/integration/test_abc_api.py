"""ABC classification: each paid order adds to its SKUs' daily sales; the weekly
classify_abc job ranks SKUs by trailing 30-day revenue (A: top 80 %, B: next
15 %, C: the rest) and GET /admin/inventory/{sku} shows the class."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.payments import paid_order, signed
from tests.support import ADMIN, iso, sku_body


def classify(api, days_ahead):
    as_of = iso(datetime.now(UTC) + timedelta(days=days_ahead))
    r = api.post("/admin/jobs/classify_abc/runs", {"as_of": as_of}, headers=ADMIN)
    assert r.status == 200, r.body
    return r.body["summary"]


def classes(api, *codes):
    out = {}
    for code in codes:
        body = api.get(f"/admin/inventory/{code}", headers=ADMIN).body
        out[code] = body["abc_class"]
    return out


def shop(api):
    category = api.category()
    api.product(
        category["id"],
        skus=[
            sku_body("ABC-A", price=40000, stock=50),
            sku_body("ABC-B", price=15000, stock=50),
            sku_body("ABC-C", price=5000, stock=50),
            sku_body("ABC-Z", price=1000, stock=50),
        ],
    )


def test_skus_are_classed_by_trailing_revenue_and_unsold_skus_are_c(api, gateway):
    shop(api)
    assert classes(api, "ABC-A") == {"ABC-A": None}  # never classified
    paid_order(api, gateway, {"ABC-A": 1, "ABC-B": 1})
    _, _, succeeded = paid_order(api, gateway, {"ABC-A": 1, "ABC-C": 1})
    payload, headers = signed(succeeded)  # Stripe delivers the event again: counted once
    assert api.request("POST", "/webhooks/stripe", raw=payload, headers=headers).body["outcome"] == "duplicate"

    summary = classify(api, 1)  # today's sales are in the window of tomorrow's run
    # 80000 + 15000 + 5000: A made the first 80 %, B the next 15 %, C the rest
    assert summary["revenue"] == 100000
    assert (summary["A"], summary["B"], summary["C"], summary["classified"]) == (1, 1, 1, 3)
    assert classes(api, "ABC-A", "ABC-B", "ABC-C", "ABC-Z") == {
        "ABC-A": "A",
        "ABC-B": "B",
        "ABC-C": "C",
        "ABC-Z": "C",  # no revenue in the window
    }
    shown = api.get("/admin/inventory/ABC-A", headers=ADMIN).body
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).astimezone(ZoneInfo("Asia/Shanghai"))
    assert shown["abc_classified_on"] == tomorrow.date().isoformat()


def test_sales_leave_the_window_and_an_older_run_never_replaces_a_newer_one(api, gateway):
    shop(api)
    paid_order(api, gateway, {"ABC-A": 1, "ABC-B": 1})
    assert classify(api, 40)["revenue"] == 0  # 40 days on, today's sales are out of the window
    assert classes(api, "ABC-A", "ABC-B") == {"ABC-A": "C", "ABC-B": "C"}
    classify(api, 1)  # an older business date, run late
    assert classes(api, "ABC-A", "ABC-B") == {"ABC-A": "C", "ABC-B": "C"}


def test_a_cancelled_sale_is_taken_off_its_days_sales(api, gateway):
    shop(api)
    big, me, _ = paid_order(api, gateway, {"ABC-A": 2})
    paid_order(api, gateway, {"ABC-B": 1})
    paid_order(api, gateway, {"ABC-C": 1})
    classify(api, 1)
    assert classes(api, "ABC-A", "ABC-B") == {"ABC-A": "A", "ABC-B": "B"}
    cancelled = api.post(f"/orders/{big}/cancel", headers=me)
    assert cancelled.status == 200 and cancelled.body["payment_status"] == "refunded"
    classify(api, 2)
    assert classes(api, "ABC-A", "ABC-B") == {"ABC-A": "C", "ABC-B": "A"}  # no revenue left: C
    products = api.get("/products?sort=sales").body["items"]
    assert products[0]["sales"] == 2  # the product's counter lost the cancelled units too
