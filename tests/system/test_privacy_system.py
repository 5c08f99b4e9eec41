"""Erasure end to end over HTTP against DynamoDB Local, moto server and localstripe:
a customer with a profile, an address book, a paid and delivered order shipped to
the default address, an after-sale request, a ticket with messages and a wallet
coupon is erased with ``DELETE /me``. A scan of the whole table then finds none of
the customer's e-mail, phone, name, address lines or birthday; the old token is
refused; and the order, kept under its customer id, still settles and adds up."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from tests.integration.test_settlement_api import day_of, settle
from tests.privacy_scenario import Person, leftovers, open_ticket_with_compensation, scan_all, set_up_profile
from tests.support import ADMIN, iso, sku_body
from tests.system.test_after_sales_system import delivered
from tests.system.test_checkout_system import pay_on_localstripe, wait_for


def amounts(body: dict) -> dict[str, int]:
    return {k: body[k]["amount"] for k in ("gross", "discounts", "shipping", "refunds", "fees", "net")}


def test_an_erased_customer_is_nowhere_in_the_table_and_the_books_still_add_up(api, stack):
    from chalicelib.bootstrap import get_container
    from localdev.stack import clients

    api.product(api.category()["id"], skus=[sku_body("PVS-1", price=12900, stock=10)])
    person = Person()
    me = set_up_profile(api, person)
    customer_id = api.get("/me", headers=me).body["id"]
    cart = api.post("/carts", headers=me).body["id"]
    assert api.post(f"/carts/{cart}/items", {"sku": "PVS-1", "quantity": 2}, headers=me).status == 200
    placed = api.post("/checkout", {"cart_id": cart}, headers={**me, "Idempotency-Key": str(uuid.uuid4())})
    assert placed.status == 201, placed.body
    assert placed.body["order"]["shipping_address"]["line1"] == person.line1  # the default address
    intent = placed.body["payment"]["payment_intent_id"]
    pay_on_localstripe(f"http://127.0.0.1:{stack.config.stripe_port}", intent)
    order_id = placed.body["order"]["id"]
    paid = wait_for(lambda: (o := api.get(f"/orders/{order_id}", headers=me).body)["payment_status"] == "paid" and o)
    order = delivered(api, {**paid, "payment_intent_id": intent}, me)
    assert order["status"] == "delivered"
    question = {"type": "refund_only", "reason": "damaged", "lines": [{"sku": "PVS-1", "quantity": 1}]}
    question["description"] = f"{person.name} here, call {person.phone}"
    asked = api.post(f"/orders/{order_id}/after-sales", question, headers={**me, "Idempotency-Key": "pvs-as"})
    assert asked.status == 201, asked.body
    assert api.post(f"/after-sales/{asked.body['id']}/cancel", headers=me).status == 200
    open_ticket_with_compensation(api, me, person, order_id)

    table = get_container().settings.table_name
    scan = clients(stack.config)[0].scan
    before = leftovers(scan_all(scan, table), person)
    assert {secret for _, _, secret in before} == set(person.secrets)  # each value is there to be found
    assert any(pk.startswith("ORDER#") for pk, _, _ in before)  # the order's (packed) body among them

    assert api.delete("/me", headers=me).status == 204

    assert leftovers(scan_all(scan, table), person) == []
    refused = api.get("/me", headers=me)
    assert refused.status == 401 and refused.code == "invalid_token"
    assert api.get(f"/orders/{order_id}", headers=me).status == 401

    # The books: the order completes and settles under its (now anonymous) customer id.
    as_of = iso(datetime.now(UTC) + timedelta(days=9))
    assert api.post("/admin/jobs/auto_complete_orders/runs", {"as_of": as_of}, headers=ADMIN).status == 200
    assert settle(api, 9)["settled"] == 1
    statement = api.get(f"/admin/settlements/{day_of(9)}", headers=ADMIN).body
    [line] = [line for line in statement["lines"] if line["order_id"] == order_id]
    kept = api.get(f"/admin/orders/{order_id}", headers=ADMIN).body
    assert kept["customer_id"] == customer_id and kept["status"] == "completed"
    assert line["gross"]["amount"] == kept["amount_paid"]["amount"] == 25800
    got = amounts(line)
    assert got["net"] == got["gross"] - got["refunds"] - got["fees"] and got["refunds"] == 0
    assert amounts(statement) == got  # the only order of the day: the statement is its line
    assert leftovers(scan_all(scan, table), person) == []  # settling wrote nothing of the person back
    again = api.post("/auth/register", {"email": person.email, "password": "correct horse", "name": "Again"})
    assert again.status == 201 and again.body["customer"]["id"] != customer_id  # the e-mail is free again
