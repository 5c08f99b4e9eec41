"""The export and erasure of a customer's personal data on moto: ``GET /me/export``
holds everything, ``DELETE /me`` leaves none of the customer's values in any item
(a scan of the whole table), the old token is refused, wallet coupons are void, the
e-mail can register again, and the orders keep their customer id for the books."""

from __future__ import annotations

from datetime import UTC, datetime

import boto3
import pytest

from tests.integration.test_openapi_contract import Checked
from tests.payments import signed
from tests.privacy_scenario import Person, leftovers, open_ticket_with_compensation, scan_all, set_up_profile
from tests.support import ADMIN, sku_body

from .test_fulfillment_api import drain, runner, tracking  # noqa: F401 - the runner fixture


@pytest.fixture
def c(api) -> Checked:
    return Checked(api)


def delivered_with_default_address(api, gateway, runner, me) -> str:  # noqa: F811
    api.product(api.category()["id"], skus=[sku_body("PV-1", price=9900, stock=10)], returnable_without_reason=True)
    cart = api.post("/carts", headers=me).body["id"]
    api.post(f"/carts/{cart}/items", {"sku": "PV-1", "quantity": 2}, headers=me)
    placed = api.post("/checkout", {"cart_id": cart}, headers={**me, "Idempotency-Key": cart})
    assert placed.status == 201, placed.body
    payload, headers = signed(gateway.succeed(placed.body["payment"]["payment_intent_id"]))
    api.request("POST", "/webhooks/stripe", raw=payload, headers=headers)
    order_id = str(placed.body["order"]["id"])
    drain(runner)
    shipped = api.post(
        f"/admin/orders/{order_id}/shipments", {"carrier": "sf", "tracking_number": "SF7009"}, headers=ADMIN
    )
    assert shipped.status == 201, shipped.body
    assert tracking(api, "SF7009", "delivered", "ev-pv-1").status == 200
    return order_id


def test_erasure_leaves_nothing_of_the_customer_and_keeps_the_books(api, gateway, runner, c):  # noqa: F811
    person = Person()
    me = set_up_profile(api, person)
    customer_id = api.get("/me", headers=me).body["id"]
    order_id = delivered_with_default_address(api, gateway, runner, me)
    body = {"type": "return_refund", "reason": "damaged", "lines": [{"sku": "PV-1", "quantity": 1}]}
    body["description"] = f"Ask {person.name} at the door"
    asked = api.post(f"/orders/{order_id}/after-sales", body, headers={**me, "Idempotency-Key": "as-1"})
    assert asked.status == 201, asked.body
    code = open_ticket_with_compensation(api, me, person, order_id)
    from chalicelib.bootstrap import get_container
    from chalicelib.domain.events import new_event

    delivered = new_event("order.delivered", {"order_id": order_id, "customer_id": customer_id}, datetime.now(UTC))
    assert get_container().notifications.notify(delivered)["in_app"] == "sent"

    export = c.call("GET", "/me/export", headers=me, expect=200).body
    assert export["customer_id"] == customer_id and export["profile"]["email"] == person.email
    assert export["profile"]["phone"] == person.phone_e164 and export["profile"]["birthday"] == person.birthday
    assert "password_hash" not in export["profile"]
    assert [a["fields"]["line1"] for a in export["addresses"]] == [person.line1]
    assert [o["body"]["shipping_address"]["line1"] for o in export["orders"]] == [person.line1]
    assert [a["body"]["description"] for a in export["after_sales"]] == [body["description"]]
    assert [len(t["messages"]) for t in export["tickets"]] == [2]
    assert [w["code"] for w in export["wallet"]] == [code]
    assert export["notifications"] and export["preferences"] is not None

    table = get_container().settings.table_name
    scan = boto3.client("dynamodb").scan
    assert leftovers(scan_all(scan, table), person)  # the scan can see them before

    c.call("DELETE", "/me", headers=me, expect=204)

    assert leftovers(scan_all(scan, table), person) == []
    for path in ("/me", "/me/addresses", "/me/export", "/orders"):
        refused = api.get(path, headers=me)
        assert refused.status == 401 and refused.code == "invalid_token", path
    assert api.delete("/me", headers=me).status == 401
    order = api.get(f"/admin/orders/{order_id}", headers=ADMIN).body
    assert order["customer_id"] == customer_id and order["total"]["amount"] == 19800
    assert order["shipping_address"]["name"] == "(erased)" and order["shipping_address"]["province"] == "Sichuan"
    from chalicelib.adapters.dynamo import keys
    from chalicelib.adapters.dynamo.models import CouponItem

    assert CouponItem.get(*keys.coupon(code)).ends_at <= datetime.now(UTC)  # void
    again = api.post("/auth/register", {"email": person.email, "password": "correct horse", "name": "New"})
    assert again.status == 201 and again.body["customer"]["id"] != customer_id

    from chalicelib.bootstrap_profile import build_privacy

    container = get_container()
    rerun = build_privacy(container.clock, container.metrics).erase(customer_id)
    assert rerun == {}  # idempotent: a second run finds nothing left to change
