"""Presale in headless Chromium (ADRs 0026 and 0028): a customer puts a presale
SKU in the cart (tagged as a presale, with its deposit-worth-more adjustment),
pays the deposit on localstripe from the storefront and sees the order
balance_due with the deposit paid and the balance window; once the window
opens, "Pay the balance" asks for the balance's PaymentIntent and the same card
step pays it, and the order reaches fulfilling. The console's promotions page
lists the presale with its owner and budget, and its report counts the order.
Screenshots go to docs/screenshots/ with COMMERCE_KEEP_SCREENSHOTS=1."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta

import boto3

from tests.support import ADMIN, iso, money, sku_body
from tests.system.browser import browser_page  # noqa: F401 - the fixture
from tests.system.test_browser_engage import console_sign_in, keep, storefront_sign_in
from tests.system.test_checkout_system import ADDRESS, wait_for

OPENS_IN = 30  # seconds until the deposit window closes and the balance window opens


def test_a_presale_deposit_then_its_balance_are_paid_in_the_storefront_and_the_console_report_counts_it(
    api,
    stack,
    browser_page,  # noqa: F811
):
    from app import app
    from localdev.runner import EventRunner

    page = browser_page
    start = datetime.now(UTC).replace(microsecond=0)
    opens = start + timedelta(seconds=OPENS_IN)
    product = api.product(
        api.category()["id"], title="Spring first-flush Longjing", skus=[sku_body("PRE-LJ", price=60000, stock=5)]
    )
    created = api.post(
        "/admin/promotions",
        {
            "name": "Longjing presale",
            "type": "presale",
            "sku": "PRE-LJ",
            "price": money(50000),
            "deposit": money(5000),
            "deposit_value": money(10000),
            "starts_at": iso(start - timedelta(hours=1)),
            "ends_at": iso(opens),
            "balance_starts_at": iso(opens),
            "balance_ends_at": iso(opens + timedelta(minutes=30)),
            "owner": "tea-buyer@example.com",
            "budget": money(100000),
        },
        headers=ADMIN,
    )
    assert created.status == 201, created.body
    promotion_id = created.body["id"]
    email, password = f"presale-{time.time_ns()}@example.com", "browser password"
    _, token = api.customer(email, password)
    me = {"Authorization": f"Bearer {token}"}

    sqs = boto3.client("sqs", endpoint_url=f"http://127.0.0.1:{stack.config.moto_port}", region_name="us-east-1")
    runner = EventRunner(app, "us-east-1", sqs)
    runner.schedules = []  # the queues only: fulfillment and the promotion reports
    runner.start()
    try:
        # The cart: the presale line at its final price, less what the deposit is worth more.
        storefront_sign_in(page, api.base_url, email, password)
        page.goto(f"{api.base_url}/demo/#/product/{product['id']}")
        page.locator("#add-to-cart").wait_for()
        page.click("#add-to-cart button")
        line = page.locator("#cart-lines [data-sku='PRE-LJ']")
        line.wait_for()
        assert line.locator("[data-kind='presale']").count() == 1
        assert "Longjing presale (deposit worth more): −50.00 CNY" in line.inner_text()
        assert page.locator("#cart-lines [data-gift]").count() == 0
        keep(page.shot("storefront-presale-cart"), "storefront-presale-cart")

        # Checkout asks for the deposit; the card step pays it.
        page.click("#to-checkout")
        page.locator("#checkout").wait_for()
        for name, value in ADDRESS.items():
            page.fill(f"#checkout input[name={name}]", value)
        page.click("#place-order")
        page.locator("#pay").wait_for()
        order_id = re.search(r"#/pay/(ord_\w+)", page.url).group(1)
        assert "Presale deposit 50.00 CNY" in page.inner_text("#amount-due")
        assert page.inner_text("#pay-now") == "Pay 50.00 CNY"
        page.click("#pay-now")
        page.wait_for_url(re.compile(rf"#/order/{order_id}$"))
        page.locator("#order-status [data-status='balance_due']").wait_for(timeout=30_000)
        assert page.inner_text("#presale-deposit") == "50.00 CNY (paid)"
        order = api.get(f"/orders/{order_id}", headers=me).body
        balance = order["presale"]["balance"]
        assert balance["amount"] == 40000 + order["shipping"]["amount"]
        assert page.inner_text("#presale-balance") == f"{balance['amount'] / 100:.2f} CNY (due)"
        if datetime.now(UTC) < opens - timedelta(seconds=2):
            assert "can be paid from" in page.inner_text("#balance-not-open")
            assert page.locator("#pay-balance").count() == 0

        # In the balance window: "Pay the balance", the same card step, then fulfilling.
        time.sleep(max(0.0, (opens - datetime.now(UTC)).total_seconds()) + 1)
        page.reload()
        page.locator("#pay-balance").wait_for()
        keep(page.shot("storefront-presale-balance-due"), "storefront-presale-balance-due")
        page.click("#pay-balance")
        page.wait_for_url(re.compile(rf"#/pay/{order_id}$"))
        assert page.inner_text("#pay-now") == f"Pay {balance['amount'] / 100:.2f} CNY"
        page.click("#pay-now")
        page.wait_for_url(re.compile(rf"#/order/{order_id}$"))
        page.locator("#order-status [data-status='fulfilling']").wait_for(timeout=30_000)
        done = api.get(f"/orders/{order_id}", headers=me).body
        assert done["payment_status"] == "paid" and done["amount_paid"] == done["total"]
        assert done["presale"]["balance_payment_intent_id"]
        timeline = page.inner_text("#timeline")
        assert "deposit_pending → balance_due" in timeline and "balance_due → paid" in timeline

        # The console: the presale with its owner and budget, and its report counting the order.
        wait_for(
            lambda: api.get(f"/admin/promotions/{promotion_id}/report", headers=ADMIN).body["orders"] == 1, timeout=30
        )
    finally:
        runner.stop()
    console_sign_in(page, api.base_url)
    page.click("#tabs >> text=Promotions")
    row = page.locator(f"#promotions tr[data-promotion-id='{promotion_id}']")
    row.wait_for()
    assert "tea-buyer@example.com" in row.inner_text() and "950.00 CNY left of 1000.00 CNY" in row.inner_text()
    row.locator("a").click()
    report = page.locator("#promotion-report")
    report.wait_for()
    figure = lambda key: page.inner_text(f"#promotion-report tr[data-figure='{key}'] td.num")  # noqa: E731
    assert (figure("orders"), figure("units")) == ("1", "1")
    assert figure("discount") == "50.00 CNY" and figure("budget-left") == "950.00 CNY"
    assert figure("gmv") == f"{sum(line['payable']['amount'] for line in done['lines']) / 100:.2f} CNY"
    assert figure("refunds").startswith("0 · ")
    assert "tea-buyer@example.com" in page.inner_text("#promotion-owner")
    keep(page.shot("console-promotion-report"), "console-promotion-report")
    assert page.problems == []


def test_the_cart_shows_a_gift_line_a_bundles_share_a_first_n_price_and_the_gift_warning(api, browser_page):  # noqa: F811
    page = browser_page
    category = api.category()["id"]
    now = datetime.now(UTC)
    window = {"starts_at": iso(now - timedelta(hours=1)), "ends_at": iso(now + timedelta(days=1))}
    api.product(category, title="Tea set", skus=[sku_body("SET-A", price=10000, stock=10)])
    api.product(category, title="Tea tray", skus=[sku_body("TRAY-B", price=8000, stock=10)])
    api.product(category, title="Tasting cup", skus=[sku_body("CUP-G", price=3000, stock=1)])
    api.product(category, title="Matcha tin", skus=[sku_body("MAT-N", price=5000, stock=10)])
    for promotion in (
        {"name": "Cup with every set", "type": "gift_with_purchase", "trigger_sku": "SET-A", "gift_sku": "CUP-G"},
        {
            "name": "Set and tray",
            "type": "bundle",
            "items": [{"sku": "SET-A", "quantity": 1}, {"sku": "TRAY-B", "quantity": 1}],
        },
        {"name": "First 10 tins", "type": "first_n", "quantity": 10, "percent": 20, "scope": {"skus": ["MAT-N"]}},
    ):
        extra = {"gift_quantity": 2} if promotion["type"] == "gift_with_purchase" else {}
        extra |= {"price": money(15000)} if promotion["type"] == "bundle" else {}
        created = api.post("/admin/promotions", {**promotion, **extra, **window}, headers=ADMIN)
        assert created.status == 201, created.body
    email, password = f"gifts-{time.time_ns()}@example.com", "browser password"
    _, token = api.customer(email, password)
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", {}, headers=me).body
    for sku in ("SET-A", "TRAY-B", "MAT-N"):
        assert api.post(f"/carts/{cart['id']}/items", {"sku": sku, "quantity": 1}, headers=me).status == 200

    storefront_sign_in(page, api.base_url, email, password)
    page.goto(f"{api.base_url}/demo/#/cart")
    gift = page.locator("#cart-lines tr[data-sku='CUP-G']")
    gift.wait_for()
    assert gift.get_attribute("data-gift") == "true"
    assert gift.locator("[data-kind='gift']").inner_text() == "Gift"
    assert gift.locator("input").count() == 0  # a gift's quantity is not the shopper's to change
    assert gift.locator("td.num").nth(1).inner_text() == "1"  # one cup left of the two earned
    bundled = [page.locator(f"#cart-lines tr[data-sku='{s}'] [data-type='bundle']") for s in ("SET-A", "TRAY-B")]
    assert all(b.count() == 1 and "Set and tray" in b.inner_text() for b in bundled)
    shares = sorted(int(float(b.inner_text().split("−")[1].split()[0]) * 100) for b in bundled)
    assert sum(shares) == 3000  # 100.00 + 80.00 as a set at 150.00
    tin = page.locator("#cart-lines tr[data-sku='MAT-N']")
    assert tin.locator("[data-kind='first_n']").count() == 1 and "40.00 CNY" in tin.inner_text()
    warning = page.locator("#cart-warnings [data-code='gift_out_of_stock']")
    assert warning.count() == 1 and warning.inner_text()
    keep(page.shot("storefront-cart-gift-bundle"), "storefront-cart-gift-bundle")
    assert page.problems == []
