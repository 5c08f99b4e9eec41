"""The storefront demo (/demo/) in headless Chromium: a full purchase as a
shopper makes it. Browse, product page, cart with its promotion shown,
register, checkout with an address, pay with a localstripe test card, and the
order page showing the order paid (the signed webhook from localstripe), then
a refund of one unit asked for on the order page.
(A declined card: tests/system/test_local_card_step.py.)"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from tests.support import ADMIN, iso, sku_body
from tests.system.browser import browser_page  # noqa: F401 - the fixture

NOW = datetime.now(UTC)


def test_a_guest_browses_signs_up_checks_out_and_pays_with_a_test_card(api, browser_page):  # noqa: F811
    page = browser_page
    category = api.category("Teaware")
    product = api.product(
        category["id"],
        title="Celadon teapot",
        skus=[sku_body("POT-CEL", price=26800, stock=5, specs={"glaze": "celadon"})],
    )
    promotion = {
        "name": "Teaware 10% off",
        "type": "percent_off",
        "percent": 10,
        "scope": {"category_ids": [category["id"]]},
        "starts_at": iso(NOW - timedelta(hours=1)),
        "ends_at": iso(NOW + timedelta(days=1)),
    }
    assert api.post("/admin/promotions", promotion, headers=ADMIN).status == 201

    # Browse and search.
    page.goto(f"{api.base_url}/demo/")
    page.fill("input[name=q]", "celadon")
    page.click("#search button")
    page.locator("h1", has_text="Results for").wait_for()
    card = page.locator(f"[data-product-id='{product['id']}']")
    card.wait_for()
    page.shot("search")
    card.click()

    # The product page, then the cart with the promotion on its line.
    page.locator("#add-to-cart").wait_for()
    page.fill("#add-to-cart input[name=quantity]", "2")
    page.click("#add-to-cart button")
    page.locator("#cart-lines [data-sku='POT-CEL']").wait_for()
    assert "Teaware 10% off" in page.inner_text("#cart-lines")
    assert page.inner_text("#cart-total").startswith("482.40")  # 2 x 268.00 less 10 %
    page.shot("cart")

    # Checkout asks a guest to sign in; registering merges the guest cart.
    page.click("#to-checkout")
    page.locator("#register").wait_for()
    email = f"browser-{NOW.timestamp():.0f}@example.com"
    page.fill("#register input[name=name]", "Li Mei")
    page.fill("#register input[name=email]", email)
    page.fill("#register input[name=password]", "browser password")
    page.click("#register button")
    page.locator("#checkout").wait_for()
    assert "Teaware 10% off" in page.inner_text("main")
    for name, value in {
        "name": "Li Mei",
        "phone": "13800000000",
        "province": "Zhejiang",
        "city": "Hangzhou",
        "line1": "1 Longjing Rd",
    }.items():
        page.fill(f"#checkout input[name={name}]", value)
    page.shot("checkout")
    page.click("#place-order")

    # Pay with the localstripe Visa test card.
    page.locator("#pay").wait_for()
    order_id = re.search(r"#/pay/(ord_\w+)", page.url).group(1)
    assert page.input_value("#pay input[name=number]") == "4242424242424242"
    page.shot("pay")
    page.click("#pay-now")

    # The order page shows it paid once localstripe's webhook lands.
    page.wait_for_url(re.compile(rf"#/order/{order_id}$"))
    page.locator("#order-status [data-status='paid']").first.wait_for(timeout=30_000)
    timeline = page.inner_text("#timeline")
    assert "pending_payment → paid" in timeline
    page.shot("order-paid")

    # One of the two teapots back before it ships: a refund request, approved and refunded at once.
    page.select_option("#after-sale select[name=reason]", "other")
    page.fill("#after-sale input[name='qty.POT-CEL']", "1")
    page.click("#request-return")
    page.locator("#after-sales [data-status='refunded']").wait_for(timeout=30_000)
    assert "241.20 CNY" in page.inner_text("#after-sales")
    page.shot("refund-requested")

    order = api.get(f"/admin/orders/{order_id}", headers=ADMIN).body
    assert (order["status"], order["payment_status"]) == ("paid", "partially_refunded")
    assert order["total"]["amount"] == 48240
    assert order["amount_paid"]["amount"] == 48240
    assert order["shipping_address"]["province"] == "Zhejiang"
    assert [(r["amount"]["amount"], r["status"]) for r in order["refunds"]] == [(24120, "succeeded")]
    assert page.problems == []
