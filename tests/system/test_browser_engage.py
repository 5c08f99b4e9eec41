"""Engagement across both pages in headless Chromium: staff replace the home
slot's banner in the console's slot editor and the storefront's home page shows
the new one (the old one gone); a customer claims a coupon in "My coupons",
sees it usable in the wallet, checks out with it from the wallet picker (the
order carries the discount) and the wallet then shows it used; and a customer
reviews a delivered order, the product page shows the rating and the review,
and the shop's reply written in the console's review moderation shows under it.
Screenshots of the new views are copied to docs/screenshots/ with
COMMERCE_KEEP_SCREENSHOTS=1."""

from __future__ import annotations

import os
import shutil
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.support import ADMIN, iso, sku_body
from tests.system.browser import browser_page  # noqa: F401 - the fixture
from tests.system.test_checkout_system import ADDRESS
from tests.system.test_reviews_system import customer_id_of, seed

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
BANNER = "/demo/img/winter-tea.svg"


def keep(shot: Path, name: str) -> None:
    """A copy of a screenshot for the docs, when COMMERCE_KEEP_SCREENSHOTS=1 asks for it
    (other runs leave the tracked files alone)."""
    assert shot.stat().st_size > 5_000  # drawn, not blank
    if os.environ.get("COMMERCE_KEEP_SCREENSHOTS") == "1":
        shutil.copyfile(shot, DOCS / f"{name}.png")


def console_sign_in(page, base_url: str) -> None:
    page.goto(f"{base_url}/console/")
    page.fill("#signin input[name=api_key]", ADMIN["X-Api-Key"])
    page.click("#signin button")
    page.locator("#review-queue, .empty").first.wait_for()


def storefront_sign_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/demo/#/signin")
    page.fill("#signin input[name=email]", email)
    page.fill("#signin input[name=password]", password)
    page.click("#signin button")
    page.locator("#search").wait_for()


def test_a_banner_saved_in_the_console_slot_editor_replaces_the_one_on_the_storefront_home(api, browser_page):  # noqa: F811
    page = browser_page
    old = {"title": "Autumn leftovers", "image": BANNER, "position": 0}
    assert api.put("/admin/content/slots/home", {"items": [old]}, headers=ADMIN).status == 200
    # (The storefront is not opened before the edit: the public slot answer is cached up to 60 s.)
    assert [i["title"] for i in api.get("/content/slots/home").body["items"]] == ["Autumn leftovers"]

    console_sign_in(page, api.base_url)
    page.click("#tabs >> text=Content slots")
    row = page.locator("#slot-editor tr.slot-item").first
    row.wait_for()
    assert row.locator("input[name=title]").input_value() == "Autumn leftovers"
    row.locator("input[name=title]").fill("Winter tea sale")
    row.locator("input[name=link]").fill("/demo/#/?q=tea")
    row.locator("input[name=position]").fill("1")
    page.click("#save-slot")
    page.locator(".notice", has_text="Slot home saved: 1 item(s), version 2.").wait_for()
    keep(page.shot("console-slot-editor"), "console-slot-editor")
    stored = api.get("/admin/content/slots/home", headers=ADMIN).body
    assert [(i["title"], i["image"], i["link"], i["position"]) for i in stored["items"]] == [
        ("Winter tea sale", BANNER, "/demo/#/?q=tea", 1)
    ]

    page.goto(f"{api.base_url}/demo/")
    banner = page.locator("#banners .banner[data-title='Winter tea sale']")
    banner.wait_for()
    assert page.locator("#banners .banner").count() == 1  # the old one replaced, not added to
    assert banner.get_attribute("href") == "/demo/#/?q=tea"
    banner.locator("img").wait_for()
    page.wait_for_function("document.querySelector('#banners img').naturalWidth > 0")  # the picture loaded
    keep(page.shot("storefront-home-banners"), "storefront-home-banners")
    assert page.problems == []


def test_a_customer_claims_a_coupon_checks_out_with_it_from_the_wallet_and_sees_it_used(api, browser_page):  # noqa: F811
    page = browser_page
    code = f"WARM{uuid.uuid4().hex[:6].upper()}"
    now = datetime.now(UTC)
    coupon = {
        "code": code,
        "starts_at": iso(now - timedelta(hours=1)),
        "ends_at": iso(now + timedelta(days=7)),
        "amount_off": {"amount": 1000, "currency": "CNY"},
        "claimable": True,
        "claim_limit": 5,
    }
    assert api.post("/admin/coupons", coupon, headers=ADMIN).status == 201
    api.product(api.category()["id"], title="Pu-erh cake", skus=[sku_body("PUER-1", price=8800, stock=5)])
    email, password = f"wallet-{time.time_ns()}@example.com", "browser password"
    _, token = api.customer(email, password)

    storefront_sign_in(page, api.base_url, email, password)
    page.click("#nav-coupons")
    page.locator("#wallet-empty").wait_for()
    page.fill("#claim-coupon input[name=code]", code)
    page.click("#claim-coupon button")
    row = page.locator(f"#wallet tr[data-code='{code}']")
    row.wait_for()
    assert "usable" in row.inner_text() and "10.00 CNY off" in row.inner_text()
    page.locator(".notice", has_text=f"{code} is in your wallet").wait_for()
    keep(page.shot("storefront-my-coupons"), "storefront-my-coupons")
    again = api.post(f"/coupons/{code}/claim", {}, headers={"Authorization": f"Bearer {token}"})
    assert (again.status, again.code) == (409, "coupon_already_claimed")

    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", {}, headers=me).body
    assert api.post(f"/carts/{cart['id']}/items", {"sku": "PUER-1", "quantity": 1}, headers=me).status == 200
    page.goto(f"{api.base_url}/demo/#/checkout")
    page.locator("#wallet-coupon").wait_for()
    for name, value in ADDRESS.items():
        page.fill(f"#checkout input[name={name}]", value)
    page.select_option("#wallet-coupon", code)
    page.click("#place-order")
    page.wait_for_url("**/#/pay/*")
    order_id = page.url.rsplit("/", 1)[1]
    order = api.get(f"/orders/{order_id}", headers=me).body
    assert order["total"]["amount"] == order["subtotal"]["amount"] + order["shipping"]["amount"] - 1000
    assert any(code in (d.get("code") or d.get("label") or "") for d in order["discounts"]), order["discounts"]

    page.goto(f"{api.base_url}/demo/#/coupons?status=used")
    assert "used" in page.locator(f"#wallet tr[data-code='{code}']").inner_text()
    assert page.problems == []


def test_a_review_of_a_delivered_order_shows_on_the_product_page_with_the_shops_reply(api, browser_page):  # noqa: F811
    page = browser_page
    product_id = api.product(api.category()["id"], title="Oolong tin", skus=[sku_body("OOL-1", price=6600, stock=9)])[
        "id"
    ]
    email, password = f"review-{time.time_ns()}@example.com", "browser password"
    _, token = api.customer(email, password)
    order_id = seed(customer_id_of(api, {"Authorization": f"Bearer {token}"}), product_id, "OOL-1")

    storefront_sign_in(page, api.base_url, email, password)
    page.goto(f"{api.base_url}/demo/#/order/{order_id}")
    page.locator("#review").wait_for()
    page.select_option("#review select[name='rating.OOL-1']", "4")
    page.fill("#review textarea[name='text.OOL-1']", "Roasty and smooth, a lovely tin.")
    page.click("#send-review")
    page.locator(".notice", has_text="Thanks for your review!").wait_for()

    page.goto(f"{api.base_url}/demo/#/product/{product_id}")
    page.locator("#reviews .review").wait_for()
    assert "4 / 5" in page.inner_text("#rating") and "1 rating(s)" in page.inner_text("#rating")
    assert "Roasty and smooth" in page.inner_text("#reviews")

    console_sign_in(page, api.base_url)
    page.goto(f"{api.base_url}/console/#/reviews?status=published")
    row = page.locator("#reviews tr", has_text="Roasty and smooth")
    row.wait_for()
    row.locator("input[name=body]").fill("Thank you! Brew it at 95 °C.")
    row.locator("button", has_text="Reply").click()
    page.locator(".notice", has_text="Reply: done.").wait_for()
    assert "Brew it at 95" in page.locator("#reviews tr", has_text="Roasty and smooth").inner_text()
    keep(page.shot("console-reviews"), "console-reviews")

    page.goto(f"{api.base_url}/demo/#/product/{product_id}")
    page.locator("#reviews .reply").wait_for()
    assert "Brew it at 95" in page.inner_text("#reviews .reply")
    keep(page.shot("storefront-product-reviews"), "storefront-product-reviews")
    assert page.problems == []


def test_a_purchase_order_drafted_sent_and_received_in_the_console_adds_stock_and_the_kpis_draw(api, browser_page):  # noqa: F811
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.kpis import DayKpis

    page = browser_page
    api.product(api.category()["id"], title="Jasmine pearls", skus=[sku_body("JAS-PO", price=5200, stock=2)])
    console_sign_in(page, api.base_url)
    page.click("#tabs >> text=Purchase orders")
    page.locator("#new-po").wait_for()
    page.fill("#new-po input[name=supplier_name]", "Fujian Tea Garden")
    page.fill("#new-po input[name=lead_time_days]", "12")
    page.fill("#new-po textarea[name=lines]", "JAS-PO 10 1800")
    page.click("#create-po")
    page.locator("#po-status [data-status='draft']").wait_for()
    po_id = page.inner_text("#po-id")
    page.click("#order-po")
    page.locator("#po-status [data-status='ordered']").wait_for()
    page.fill("#receive input[name='qty.JAS-PO']", "4")
    page.fill("#receive input[name=receipt_id]", "dock-1")
    page.click("#receive-po")
    page.locator("#po-status [data-status='partially_received']").wait_for()
    assert page.inner_text("#po-lines tr[data-sku='JAS-PO'] td.received") == "4"
    assert "total 180.00 CNY" in page.inner_text("#po-status")
    keep(page.shot("console-purchase-order"), "console-purchase-order")
    po = api.get(f"/admin/purchase-orders/{po_id}", headers=ADMIN).body
    assert [(line["sku"], line["quantity"], line["unit_cost"], line["received"]) for line in po["lines"]] == [
        ("JAS-PO", 10, 1800, 4)
    ]
    assert api.get("/admin/inventory/JAS-PO", headers=ADMIN).body["on_hand"] == 6
    page.goto(f"{api.base_url}/console/#/purchase-orders?status=partially_received")
    assert "Fujian Tea Garden" in page.locator(f"#purchase-orders tr[data-po-id='{po_id}']").inner_text()

    kpis = get_container().analytics.kpis
    last = kpis.today()
    for back, gmv in enumerate((120_000, 98_000, 143_500)):
        kpis.kpis.save(DayKpis(day=last - timedelta(days=back), orders=back + 1, gmv=gmv))
    page.click("#tabs >> text=KPIs")
    page.locator("#kpis").wait_for()
    page.wait_for_function("document.getElementById('kpi-chart').naturalWidth > 300")  # the SVG chart drew
    assert page.locator("#kpis tr").count() == 31  # the heading and the default 30 days
    assert "1435.00 CNY" in page.inner_text("#kpis")
    keep(page.shot("console-kpis"), "console-kpis")
    assert page.problems == []
