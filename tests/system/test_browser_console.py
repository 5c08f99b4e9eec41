"""The ops console (/console/) in headless Chromium: staff sign in with their
API key and approve an order the risk rules held for review (a large order:
its total is over COMMERCE_RISK_REVIEW_OVER, 5,000.00 by default)."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

import requests

from tests.support import ADMIN, iso, sku_body
from tests.system.browser import browser_page  # noqa: F401 - the fixture

ADDRESS = {"name": "Mei", "phone": "13800000000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 West Lake Rd"}


def held_order(api, stack) -> str:
    """A paid order of 6,000.00, held for review: checked out over HTTP and paid on localstripe."""
    category = api.category()
    api.product(category["id"], title="Zisha teapot", skus=[sku_body("ZISHA-1", price=600000, stock=3)])
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", {}, headers=me).body
    assert api.post(f"/carts/{cart['id']}/items", {"sku": "ZISHA-1", "quantity": 1}, headers=me).status == 200
    placed = api.post(
        "/checkout",
        {"cart_id": cart["id"], "shipping_address": ADDRESS},
        headers={**me, "Idempotency-Key": str(uuid.uuid4())},
    ).body
    stripe = f"http://127.0.0.1:{stack.config.stripe_port}/v1/payment_intents/{placed['payment']['payment_intent_id']}"
    auth = ("sk_test_local", "")
    assert requests.post(stripe, data={"payment_method": "pm_card_visa"}, auth=auth, timeout=10).ok
    assert requests.post(f"{stripe}/confirm", auth=auth, timeout=10).json()["status"] == "succeeded"
    order_id = placed["order"]["id"]
    deadline = time.monotonic() + 30
    while (order := api.get(f"/admin/orders/{order_id}", headers=ADMIN).body)["status"] != "under_review":
        assert time.monotonic() < deadline, order["status"]
        time.sleep(0.3)
    assert order["risk_reasons"] == ["large_order"]
    return order_id


def test_staff_sign_in_with_their_key_and_approve_an_order_held_for_review(api, stack, browser_page):  # noqa: F811
    page = browser_page
    order_id = held_order(api, stack)
    reviewer = api.staff_key("customer_service")["X-Api-Key"]

    page.goto(f"{api.base_url}/console/")
    page.locator("#signin").wait_for()
    page.fill("#signin input[name=api_key]", reviewer)
    page.click("#signin button")
    row = page.locator(f"#review-queue tr[data-order-id='{order_id}']")
    row.wait_for()
    assert "large_order" in row.inner_text()
    assert "6000.00 CNY" in row.inner_text()
    # The key is in this tab's session storage, and nowhere persistent.
    assert page.evaluate("sessionStorage.getItem('console.apiKey')") == reviewer
    assert page.evaluate("localStorage.length") == 0
    page.shot("review-queue")

    page.click(f"#approve-{order_id}")
    page.locator(".notice", has_text="Approve: done.").wait_for()
    assert page.locator(f"#review-queue tr[data-order-id='{order_id}']").count() == 0
    page.shot("approved")

    order = api.get(f"/admin/orders/{order_id}", headers=ADMIN).body
    assert order["status"] == "paid"
    approval = [t for t in order["timeline"] if t["type"] == "status_changed" and t["to"] == "paid"][-1]
    assert (approval["from"], approval["reason"]) == ("under_review", "review approved")
    assert approval["actor"].startswith("staff:key_")

    # The order's page in the console shows the decision in its timeline.
    page.goto(f"{api.base_url}/console/#/order/{order_id}")
    page.locator("#timeline").wait_for()
    assert "under_review → paid" in page.inner_text("#timeline")
    page.shot("order")
    assert page.problems == []


def test_the_other_queues_show_what_the_api_holds_and_an_sla_breach_is_resolved_with_a_note(
    api,
    stack,
    browser_page,  # noqa: F811
):
    page = browser_page
    order_id = held_order(api, stack)
    as_of = iso(datetime.now(UTC) + timedelta(hours=25))  # a held order not confirmed within 24 h
    assert api.post("/admin/jobs/scan_slas/runs", {"as_of": as_of}, headers=ADMIN).status == 200

    page.goto(f"{api.base_url}/console/")
    page.fill("#signin input[name=api_key]", api.staff_key("operations", "finance")["X-Api-Key"])
    page.click("#signin button")
    page.locator("#review-queue").wait_for()
    page.click("text=Exceptions & SLAs")
    row = page.locator(f"#exceptions tr[data-exception-id='exc_{order_id.removeprefix('ord_')}_not_confirmed']")
    row.wait_for()
    assert "Held for review and not confirmed within 24 h" in row.inner_text()
    page.shot("exceptions")
    page.once("dialog", lambda dialog: dialog.accept("called the customer"))
    row.locator("button", has_text="Resolve").click()
    page.locator(".notice", has_text="Resolve: done.").wait_for()
    resolved = api.get("/admin/exceptions?status=resolved", headers=ADMIN).body["items"]
    assert [(e["order_id"], e["note"]) for e in resolved] == [(order_id, "called the customer")]

    for tab, heading in [
        ("Stock alerts", "Stock alerts"),
        ("After-sales", "After-sales requests"),
        ("Settlements", "Settlements"),
        ("Orders", "Orders"),
    ]:
        page.click(f"#tabs >> text={tab}")
        page.locator("h1", has_text=heading).wait_for()
    page.click("text=under review")
    page.locator(f"#orders a[href='#/order/{order_id}']").wait_for()
    page.shot("orders")
    assert page.problems == []
