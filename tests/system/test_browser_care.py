"""Customer care across both pages in headless Chromium: a customer opens a
complaint about an order in the storefront demo, staff answer it in the ops
console (an internal note first, then a public reply), and the customer sees
the reply on the ticket and a "ticket replied" notification in the inbox. The
notifications worker is the app's own, fed from the local stack's SQS queue
by the event runner (as `make run` does)."""

from __future__ import annotations

import time

from tests.support import ADMIN, sku_body
from tests.system.browser import browser_page  # noqa: F401 - the fixture
from tests.system.test_checkout_system import checkout
from tests.system.test_notifications_system import sqs_client


def deliver_notifications(stack, until) -> None:
    """Runs the notifications worker over its queue until ``until()`` holds."""
    from app import app
    from localdev.runner import EventRunner

    runner = EventRunner(app, "us-east-1", sqs_client(stack))
    notifications = next(q for q in runner.queues if q.name == "notifications")
    deadline = time.monotonic() + 30
    while not until():
        assert time.monotonic() < deadline, "the notification never reached the inbox"
        _, failed = runner.poll_once(notifications, wait_seconds=1)
        assert failed == 0


def test_a_complaint_opened_in_the_storefront_is_answered_in_the_console_and_the_customer_is_told(
    api,
    stack,
    browser_page,  # noqa: F811
):
    page = browser_page
    api.product(api.category()["id"], title="Celadon cup", skus=[sku_body("CUP-CARE", price=4800, stock=5)])
    email, password = f"care-{time.time_ns()}@example.com", "browser password"
    _, token = api.customer(email, password)
    me = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", {}, headers=me).body
    assert api.post(f"/carts/{cart['id']}/items", {"sku": "CUP-CARE", "quantity": 1}, headers=me).status == 200
    order_id = checkout(api.base_url, token, cart["id"]).json()["order"]["id"]

    # The customer signs in, opens the order and contacts customer care about it.
    page.goto(f"{api.base_url}/demo/#/signin")
    page.fill("#signin input[name=email]", email)
    page.fill("#signin input[name=password]", password)
    page.click("#signin button")
    page.locator("#search").wait_for()
    page.goto(f"{api.base_url}/demo/#/order/{order_id}")
    page.click("#contact-care")
    page.locator("#new-ticket").wait_for()
    assert page.input_value("#new-ticket select[name=order_id]") == order_id
    page.select_option("#new-ticket select[name=category]", "complaint")
    page.fill("#new-ticket input[name=subject]", "Cup arrived chipped")
    page.fill("#new-ticket textarea[name=body]", "The rim of the cup is chipped.")
    page.shot("storefront-new-ticket")
    page.click("#open-ticket")
    page.locator("#ticket-status [data-status='open']").wait_for()
    ticket_id = page.url.rsplit("/", 1)[1]
    assert ticket_id.startswith("tkt_") and order_id in page.inner_text("#ticket-status")
    page.goto(f"{api.base_url}/demo/#/tickets")
    assert "Cup arrived chipped" in page.locator(f"#my-tickets tr[data-ticket-id='{ticket_id}']").inner_text()
    page.shot("storefront-my-tickets")

    # Staff find it in the queue (open complaints), add a note, then answer.
    page.goto(f"{api.base_url}/console/")
    page.fill("#signin input[name=api_key]", api.staff_key("customer_service")["X-Api-Key"])
    page.click("#signin button")
    page.locator("#review-queue, .empty").first.wait_for()
    page.click("#tabs >> text=Tickets")
    page.select_option("#ticket-filters select[name=status]", "open")
    page.select_option("#ticket-filters select[name=category]", "complaint")
    page.click("#ticket-filters button")
    row = page.locator(f"#tickets tr[data-ticket-id='{ticket_id}']")
    row.wait_for()
    assert "Cup arrived chipped" in row.inner_text()
    page.shot("console-queue")
    row.locator("a").first.click()
    page.locator("#reply").wait_for()
    page.fill("#reply textarea[name=body]", "Photo shows a chip: replace.")
    page.check("#reply input[name=internal]")
    page.click("#reply button")
    page.locator(".notice", has_text="Reply: done.").wait_for()
    assert page.locator("#thread tr[data-internal='true']").count() == 1
    assert page.locator("#ticket-status [data-status='open']").count() == 1  # a note is no answer
    page.fill("#reply textarea[name=body]", "Sorry about that: a new cup is on its way.")
    page.click("#reply button")
    page.locator("#ticket-status [data-status='answered']").wait_for()
    page.shot("console-ticket-answered")
    ticket = api.get(f"/admin/tickets/{ticket_id}", headers=ADMIN).body
    assert [(m["author"], m["internal"]) for m in ticket["messages"]] == [
        ("customer", False),
        ("staff", True),
        ("staff", False),
    ]
    assert ticket["first_responded_at"] is not None

    # The worker tells the customer; the storefront shows the reply (not the note) and the inbox entry.
    def replied() -> bool:
        inbox = api.get("/me/notifications", headers=me).body["items"]
        return any(n["kind"] == "ticket.replied" for n in inbox)

    deliver_notifications(stack, replied)
    page.goto(f"{api.base_url}/demo/#/ticket/{ticket_id}")
    page.locator("#ticket-status [data-status='answered']").wait_for()
    thread = page.inner_text("#ticket-messages")
    assert "a new cup is on its way" in thread and "Photo shows a chip" not in thread
    page.shot("storefront-ticket-replied")
    page.click("#nav-inbox")
    entry = page.locator("#inbox [data-kind='ticket.replied']")
    entry.wait_for()
    assert ticket_id in entry.inner_text()
    page.shot("storefront-inbox")

    # The customer consents to marketing in English; staff see the reply's sends in the console.
    page.goto(f"{api.base_url}/demo/#/preferences")
    page.check("#preferences input[name=marketing]")
    page.select_option("#preferences select[name=locale]", "en")
    page.click("#save-preferences")
    page.locator(".notice", has_text="Preferences saved.").wait_for()
    saved = api.get("/me/notification-preferences", headers=me).body
    assert (saved["marketing"], saved["locale"]) == (True, "en")
    page.shot("storefront-preferences")
    page.goto(f"{api.base_url}/console/#/ticket/{ticket_id}")
    page.click("#customer-notifications")
    page.locator("#sends tr[data-kind='ticket.replied'][data-channel='in_app']").wait_for()
    assert "sent" in page.inner_text("#sends")
    page.shot("console-notifications")
    assert page.problems == []


def test_staff_resolve_and_compensate_a_ticket_in_the_console(api, browser_page):  # noqa: F811
    page = browser_page
    _, token = api.customer()
    me = {"Authorization": f"Bearer {token}"}
    opened = api.post(
        "/me/tickets", {"category": "logistics", "subject": "Late parcel", "body": "Where is it?"}, headers=me
    )
    assert opened.status == 201
    ticket_id = opened.body["id"]

    page.goto(f"{api.base_url}/console/#/ticket/{ticket_id}")
    page.fill("#signin input[name=api_key]", api.staff_key("customer_service")["X-Api-Key"])
    page.click("#signin button")
    page.locator("body[data-page='review']").wait_for(state="attached")
    page.goto(f"{api.base_url}/console/#/ticket/{ticket_id}")
    page.locator("#compensate").wait_for()
    page.fill("#compensate input[name=amount]", "80")  # over customer_service's cap of 50.00
    page.fill("#compensate input[name=reason]", "late delivery")
    page.click("#compensate button")
    page.locator(".notice.error", has_text="compensation_over_cap").wait_for()
    page.problems.clear()  # the 403 was the point
    page.fill("#compensate input[name=amount]", "20")
    page.click("#compensate button")
    page.locator("#compensation").wait_for()
    assert "20.00 CNY" in page.inner_text("#compensation")
    page.fill("#resolve textarea[name=resolution]", "Parcel found; coupon granted.")
    page.click("#resolve button")
    page.locator("#ticket-status [data-status='resolved']").wait_for()
    page.shot("console-resolved")
    wallet = api.get("/me/coupons", headers=me).body["items"]
    assert [(c["amount_off"]["amount"], c["source"]) for c in wallet] == [(2000, f"ticket:{ticket_id}")]
    assert page.problems == []
