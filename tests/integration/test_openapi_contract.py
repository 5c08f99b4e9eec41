"""Contract: real responses of the app validate against the schemas that
docs/openapi.yaml declares for their operation, status and media type.

Representative flows (a guest and a customer cart, checkout, payment, cancel,
fulfillment, settlement, membership, staff reads and writes) and error answers
are driven through the integration tier's app; every answer is checked with
``openapi_schema_validator`` (OAS 3.1), ``$ref``s resolved against the whole
document."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import boto3
import pytest
import yaml
from jsonschema.exceptions import ValidationError
from openapi_schema_validator import OAS31Validator, validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from chalicelib.domain.signatures import sign_timestamped
from tests.payments import paid_order, signed
from tests.support import ADMIN, Resp, iso, money, product_body, sku_body, use_risk

DOC = yaml.safe_load((Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml").read_text(encoding="utf-8"))
DOC_URI = "urn:commerce:openapi"
REGISTRY = Registry().with_resource(DOC_URI, Resource.from_contents(DOC, default_specification=DRAFT202012))
# Statuses any route may answer, covered by each operation's `default` response.
ANY_ROUTE = {405, 413, 415, 500, 503}

ADDRESS = {"name": "Mei", "phone": "+86 138 0000 0000", "province": "Zhejiang", "city": "Hangzhou", "line1": "1 Rd"}
NOW = datetime.now(UTC)
WINDOW = {"starts_at": iso(NOW - timedelta(hours=1)), "ends_at": iso(NOW + timedelta(days=2))}


def _escape(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


def documented_response(method: str, path: str, status: int) -> tuple[str, dict[str, Any]]:
    """The JSON pointer and the Response object the document declares for this answer."""
    item = DOC["paths"][path]
    if method.lower() not in item:  # a method the path does not have: 405, as any of its operations documents
        assert status == 405, f"{method} {path} is not documented"
        method = next(m for m in item if m != "parameters")
    op = item[method.lower()]
    key = str(status)
    if key not in op["responses"]:
        assert status in ANY_ROUTE, f"{method} {path} does not document {status}"
        key = "default"
    pointer = f"/paths/{_escape(path)}/{method.lower()}/responses/{key}"
    response = op["responses"][key]
    if "$ref" in response:
        pointer = response["$ref"].removeprefix("#")
        response = DOC["components"]["responses"][pointer.rsplit("/", 1)[-1]]
    return pointer, response


def response_schema(method: str, path: str, status: int, media: str) -> dict[str, Any]:
    """A schema that ``$ref``s the document's schema for this answer."""
    pointer, response = documented_response(method, path, status)
    content = response.get("content", {})
    assert media in content, f"{method} {path} {status}: {media} is not documented ({sorted(content)})"
    return {"$ref": f"{DOC_URI}#{pointer}/content/{_escape(media)}/schema"}


def check_body(body: Any, method: str, path: str, status: int, media: str = "application/json") -> None:
    validate(
        body,
        response_schema(method, path, status, media),
        cls=OAS31Validator,
        registry=REGISTRY,
        format_checker=OAS31Validator.FORMAT_CHECKER,
    )


class Checked:
    """Calls the API and validates every answer against the document."""

    def __init__(self, api: Any) -> None:
        self.api = api

    def call(
        self,
        method: str,
        template: str,
        *,
        expect: int,
        params: dict[str, str] | None = None,
        query: str | None = None,
        **kw: Any,
    ) -> Resp:
        """``template`` is the documented path; ``params`` fill it in, ``query`` is appended."""
        path = template.format(**(params or {})) + (f"?{query}" if query else "")
        r = self.api.request(method, path, **kw)
        assert r.status == expect, (method, path, r.status, r.body)
        media = (r.header("Content-Type") or "").split(";")[0].strip()
        if r.status == 204:
            assert not r.body and "content" not in documented_response(method, template, 204)[1]
        elif media == "text/csv":
            check_body(r.body.decode() if isinstance(r.body, bytes) else r.body, method, template, r.status, media)
        else:
            check_body(r.body, method, template, r.status, media)
        return r


@pytest.fixture
def c(api) -> Checked:
    return Checked(api)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def pay(api, gateway, payment) -> None:
    payload, headers = signed(gateway.succeed(payment["payment_intent_id"]))
    r = api.request("POST", "/webhooks/stripe", raw=payload, headers=headers)
    assert r.status == 200 and r.body["outcome"] == "paid", r.body


def test_the_helper_rejects_a_body_the_document_does_not_allow():
    good = {
        "id": "cus_1",
        "email": "a@example.com",
        "name": "A",
        "phone": None,
        "birthday": None,
        "locale": "zh-CN",
        "marketing_consent": {"granted": False, "at": None, "source": None},
        "created_at": "2026-11-22T03:15:33.492Z",
        "updated_at": None,
    }
    check_body(good, "GET", "/me", 200)
    check_body({**good, "nickname": "added fields are allowed"}, "GET", "/me", 200)
    with pytest.raises(ValidationError):
        check_body({k: v for k, v in good.items() if k != "email"}, "GET", "/me", 200)
    with pytest.raises(ValidationError):
        check_body({**good, "created_at": "yesterday"}, "GET", "/me", 200)
    summary = {
        "id": "ord_1",
        "status": "paid",
        "payment_status": "paid",
        "total": money(100),
        "item_count": 1,
        "priority": False,
        "created_at": "2026-11-22T03:15:33Z",
    }
    check_body({"items": [summary], "next_cursor": None}, "GET", "/orders", 200)
    with pytest.raises(ValidationError):  # nested through $refs: Page -> OrderSummary -> Money
        check_body(
            {"items": [{**summary, "total": {"amount": "100", "currency": "CNY"}}], "next_cursor": None},
            "GET",
            "/orders",
            200,
        )
    with pytest.raises(ValidationError):
        check_body({"items": [{**summary, "status": "lost"}], "next_cursor": None}, "GET", "/orders", 200)
    problem = {
        "type": "urn:commerce:problem:not_found",
        "title": "Not Found",
        "status": 404,
        "detail": "x",
        "code": "not_found",
    }
    check_body(problem, "GET", "/orders/{order_id}", 404, "application/problem+json")
    with pytest.raises(ValidationError):
        check_body({**problem, "status": "404"}, "GET", "/orders/{order_id}", 404, "application/problem+json")
    with pytest.raises(AssertionError):  # a problem is not documented as application/json
        check_body(problem, "GET", "/orders/{order_id}", 404, "application/json")
    with pytest.raises(AssertionError):  # nor an undocumented status
        check_body(problem, "GET", "/orders/{order_id}", 402, "application/problem+json")


def test_customer_cart_checkout_and_order_answers(api, c, gateway):
    assert c.call("GET", "/health", expect=503).body["components"]["payments"]["status"] == "down"
    session = c.call(
        "POST",
        "/auth/register",
        json_body={"email": "ann@example.com", "password": "correct horse", "name": "Ann"},
        expect=201,
    ).body
    c.call("POST", "/auth/login", json_body={"email": "Ann@Example.com", "password": "correct horse"}, expect=200)
    me = bearer(session["access_token"])
    c.call("GET", "/me", headers=me, expect=200)

    parent = api.category("Tea")
    child = api.category("Green", parent_id=parent["id"])
    c.call("GET", "/categories", expect=200)
    product = api.product(
        child["id"],
        images=["https://img.example.com/lj.jpg"],
        attributes={"origin": "Hangzhou"},
        skus=[sku_body("CT-1", price=6800, member_price=money(5800), stock=10), sku_body("CT-2", price=2000, stock=1)],
    )
    assert c.call("GET", "/products", query=f"category_id={parent['id']}&limit=5", expect=200).body["items"]
    c.call("GET", "/products/{product_id}", params={"product_id": product["id"]}, expect=200)
    coupon = c.call(
        "POST", "/admin/coupons", json_body={"code": "save10", "percent_off": 10, **WINDOW}, headers=ADMIN, expect=201
    )
    assert coupon.body["code"] == "SAVE10"

    guest = c.call("POST", "/carts", expect=201).body
    token = {"X-Cart-Token": guest["token"]}
    cart_path = {"cart_id": guest["id"]}
    c.call(
        "POST",
        "/carts/{cart_id}/items",
        params=cart_path,
        json_body={"sku": "CT-2", "quantity": 1},
        headers=token,
        expect=200,
    )
    c.call("GET", "/carts/{cart_id}", params=cart_path, headers=token, expect=200)

    cart = c.call("POST", "/carts", headers=me, expect=201).body
    assert c.call("POST", "/carts", headers=me, expect=200).body["id"] == cart["id"]
    ids = {"cart_id": cart["id"]}
    c.call(
        "POST", "/carts/{cart_id}/items", params=ids, json_body={"sku": "CT-1", "quantity": 3}, headers=me, expect=200
    )
    c.call(
        "PATCH",
        "/carts/{cart_id}/items/{sku}",
        params={**ids, "sku": "CT-1"},
        json_body={"quantity": 2},
        headers=me,
        expect=200,
    )
    c.call(
        "POST",
        "/carts/{cart_id}/merge",
        params=ids,
        json_body={"guest_cart_id": guest["id"], "guest_token": guest["token"]},
        headers=me,
        expect=200,
    )
    c.call("DELETE", "/carts/{cart_id}/items/{sku}", params={**ids, "sku": "CT-2"}, headers=me, expect=200)
    c.call("POST", "/carts/{cart_id}/coupons", params=ids, json_body={"code": "save10"}, headers=me, expect=200)
    c.call("DELETE", "/carts/{cart_id}/coupons/{code}", params={**ids, "code": "SAVE10"}, headers=me, expect=200)
    priced = c.call(
        "POST", "/carts/{cart_id}/coupons", params=ids, json_body={"code": "SAVE10"}, headers=me, expect=200
    ).body
    assert priced["coupon"]["applied"] is True and priced["discounts"]
    c.call("PUT", "/carts/{cart_id}/shipping-address", params=ids, json_body=ADDRESS, headers=me, expect=200)

    placed = c.call(
        "POST", "/checkout", json_body={"cart_id": cart["id"]}, headers={**me, "Idempotency-Key": "co-1"}, expect=201
    )
    replay = c.call(
        "POST", "/checkout", json_body={"cart_id": cart["id"]}, headers={**me, "Idempotency-Key": "co-1"}, expect=201
    )
    assert replay.header("Idempotent-Replayed") == "true"
    order = placed.body["order"]
    assert order["coupon_code"] == "SAVE10" and placed.body["payment"]["payment_intent_id"]
    assert c.call("GET", "/orders", query="limit=1", headers=me, expect=200).body["items"]
    c.call("GET", "/orders/{order_id}", params={"order_id": order["id"]}, headers=me, expect=200)
    cancelled = c.call(
        "POST", "/orders/{order_id}/cancel", params={"order_id": order["id"]}, headers=me, expect=200
    ).body
    assert cancelled["status"] == "cancelled"

    # a paid order, cancelled: refunded, with the refund in its timeline
    cart2 = c.call("POST", "/carts", headers=me, expect=201).body["id"]
    c.call(
        "POST",
        "/carts/{cart_id}/items",
        params={"cart_id": cart2},
        json_body={"sku": "CT-1", "quantity": 1},
        headers=me,
        expect=200,
    )
    paid = c.call(
        "POST",
        "/checkout",
        json_body={"cart_id": cart2, "shipping_address": ADDRESS},
        headers={**me, "Idempotency-Key": "co-2"},
        expect=201,
    ).body
    pay(api, gateway, paid["payment"])
    refunded = c.call(
        "POST", "/orders/{order_id}/cancel", params={"order_id": paid["order"]["id"]}, headers=me, expect=200
    ).body
    assert refunded["payment_status"] == "refunded" and refunded["timeline"][-1]["data"]["amount"] > 0


def test_fulfillment_settlement_and_staff_order_answers(api, c, gateway):
    from chalicelib.bootstrap import get_container

    category = api.category()
    created = c.call(
        "POST",
        "/admin/products",
        json_body=product_body(category["id"], skus=[sku_body("FS-1", price=10000, stock=20, safety_stock=5)]),
        headers=ADMIN,
        expect=201,
    )
    product = created.body
    assert created.header("Location") == f"/admin/products/{product['id']}"
    pid = {"product_id": product["id"]}
    c.call("GET", "/admin/products/{product_id}", params=pid, headers=ADMIN, expect=200)
    c.call("GET", "/admin/products", query="status=listed&limit=2", headers=ADMIN, expect=200)
    c.call(
        "PATCH",
        "/admin/products/{product_id}",
        params=pid,
        json_body={"title": "Renamed", "skus": [{"code": "FS-2", "price": money(500), "weight_grams": 10}]},
        headers=ADMIN,
        expect=200,
    )
    c.call(
        "POST",
        "/admin/products/{product_id}/delist",
        params=pid,
        json_body={"reason": "seasonal"},
        headers=ADMIN,
        expect=200,
    )
    c.call("POST", "/admin/products/{product_id}/list", params=pid, json_body={"at": None}, headers=ADMIN, expect=200)
    sku = {"sku": "FS-1"}
    c.call("GET", "/admin/inventory/{sku}", params=sku, headers=ADMIN, expect=200)

    order_id, me, _ = paid_order(api, gateway, {"FS-1": 2})
    oid = {"order_id": order_id}
    c.call("GET", "/admin/orders", query="status=paid", headers=ADMIN, expect=200)
    c.call("GET", "/admin/orders/{order_id}", params=oid, headers=ADMIN, expect=200)
    scan = c.call(
        "POST",
        "/admin/jobs/{name}/runs",
        params={"name": "scan_slas"},
        json_body={"as_of": iso(NOW + timedelta(hours=25))},
        headers=ADMIN,
        expect=200,
    )
    assert scan.body["summary"]["recorded"] == 1
    [exception] = c.call("GET", "/admin/exceptions", query="status=open", headers=ADMIN, expect=200).body["items"]
    c.call(
        "POST",
        "/admin/exceptions/{exception_id}/resolve",
        params={"exception_id": exception["id"]},
        json_body={"reason": "on it"},
        headers=ADMIN,
        expect=200,
    )

    get_container().fulfillment.start_fulfillment(order_id)
    assert c.call("GET", "/admin/fulfillments", headers=ADMIN, expect=200).body["items"]
    shipped = c.call(
        "POST",
        "/admin/orders/{order_id}/shipments",
        params=oid,
        json_body={"carrier": "sf", "tracking_number": "SF1001"},
        headers=ADMIN,
        expect=201,
    ).body
    assert shipped["status"] == "shipped" and shipped["shipments"][0]["lines"] == [{"sku": "FS-1", "quantity": 2}]
    update = json.dumps(
        {
            "event_id": "sf-1",
            "carrier": "sf",
            "tracking_number": "SF1001",
            "status": "delivered",
            "at": iso(datetime.now(UTC)),
            "location": "Hangzhou",
        }
    ).encode()
    now = int(time.time())
    signature = {
        "X-Logistics-Timestamp": str(now),
        "X-Logistics-Signature": sign_timestamped(update, "logistics-local-secret", now),
    }
    assert (
        c.call("POST", "/webhooks/logistics", raw=update, headers=signature, expect=200).body["outcome"] == "delivered"
    )
    c.call("GET", "/orders/{order_id}", params=oid, headers=me, expect=200)
    c.call("POST", "/orders/{order_id}/confirm-receipt", params=oid, headers=me, expect=200)
    c.call("GET", "/admin/inventory/{sku}/ledger", params=sku, query="limit=10", headers=ADMIN, expect=200)

    settled = c.call(
        "POST",
        "/admin/jobs/{name}/runs",
        params={"name": "settle"},
        json_body={"as_of": iso(NOW + timedelta(days=9))},
        headers=ADMIN,
        expect=200,
    )
    day = ((NOW + timedelta(days=9)).astimezone(ZoneInfo("Asia/Shanghai")).date() - timedelta(days=1)).isoformat()
    assert settled.body["summary"]["business_date"] == day
    c.call("GET", "/admin/settlements", query=f"from={NOW.date().isoformat()}&to={day}", headers=ADMIN, expect=200)
    statement = c.call("GET", "/admin/settlements/{day}", params={"day": day}, headers=ADMIN, expect=200).body
    assert statement["lines"][0]["order_id"] == order_id
    c.call("GET", "/admin/settlements/{day}/csv", params={"day": day}, headers=ADMIN, expect=200)

    # a stock alert: an adjustment down to the safety stock, through the stock-alerts queue
    from app import app
    from localdev.runner import EventRunner

    c.call(
        "POST",
        "/admin/inventory/{sku}/adjustments",
        params=sku,
        json_body={"delta": -14, "reason": "damaged", "note": "wet"},
        headers=ADMIN,
        expect=201,
    )
    runner = EventRunner(app, "us-east-1", boto3.client("sqs"))
    source = next(q for q in runner.queues if q.name == "stock_alerts")
    while runner.poll_once(source, wait_seconds=0)[0]:
        pass
    [alert] = c.call("GET", "/admin/stock-alerts", query="status=open", headers=ADMIN, expect=200).body["items"]
    aid = {"alert_id": alert["id"]}
    c.call("POST", "/admin/stock-alerts/{alert_id}/acknowledge", params=aid, headers=ADMIN, expect=200)
    resolved = c.call(
        "POST",
        "/admin/stock-alerts/{alert_id}/resolve",
        params=aid,
        json_body={"reason": "reordered"},
        headers=ADMIN,
        expect=200,
    )
    assert [h["status"] for h in resolved.body["history"]] == ["open", "acknowledged", "resolved"]


def test_refund_and_dispute_answers(api, c, gateway):
    from tests.payments import event

    api.product(api.category()["id"], skus=[sku_body("RFD-1", price=4000, stock=5)])
    order_id, me, succeeded = paid_order(api, gateway, {"RFD-1": 2})
    oid = {"order_id": order_id}
    made = c.call(
        "POST",
        "/admin/orders/{order_id}/refunds",
        params=oid,
        json_body={"lines": [{"sku": "RFD-1", "quantity": 1}], "reason": "damaged"},
        headers={**ADMIN, "Idempotency-Key": "contract-refund-1"},
        expect=201,
    ).body
    assert made["status"] == "succeeded"
    c.call(
        "POST",
        "/admin/orders/{order_id}/refunds",
        params=oid,
        json_body={"amount": 10**9, "reason": "too much"},
        headers={**ADMIN, "Idempotency-Key": "contract-refund-2"},
        expect=422,
    )
    assert c.call("GET", "/admin/orders/{order_id}/refunds", params=oid, headers=ADMIN, expect=200).body["items"]
    dispute = {
        "id": "dp_contract",
        "payment_intent": succeeded["data"]["object"]["id"],
        "amount": 4000,
        "reason": "fraudulent",
        "status": "needs_response",
        "evidence_details": {"due_by": int((NOW + timedelta(days=7)).timestamp())},
    }
    for kind, status in (("charge.dispute.created", "needs_response"), ("charge.dispute.closed", "lost")):
        payload, headers = signed(event(kind, {**dispute, "status": status}))
        assert api.request("POST", "/webhooks/stripe", raw=payload, headers=headers).status == 200
    body = c.call("GET", "/orders/{order_id}", params=oid, headers=me, expect=200).body
    assert (body["payment_status"], body["dispute"]["outcome"]) == ("disputed", "lost")
    c.call("GET", "/admin/orders/{order_id}", params=oid, headers=ADMIN, expect=200)
    kinds = [
        e["kind"]
        for e in c.call("GET", "/admin/exceptions", query="status=resolved", headers=ADMIN, expect=200).body["items"]
    ]
    assert "dispute" in kinds  # opened by charge.dispute.created, resolved by charge.dispute.closed


def test_review_answers(api, c, gateway):
    from chalicelib.bootstrap import get_container

    use_risk(get_container(), type(get_container().risk_policy)(review_over=1))
    category = api.category()
    api.product(category["id"], skus=[sku_body("RV-1", stock=10)])
    held, _, _ = paid_order(api, gateway, {"RV-1": 1})
    other, _, _ = paid_order(api, gateway, {"RV-1": 1})
    queue = c.call("GET", "/admin/orders", query="status=under_review", headers=ADMIN, expect=200).body["items"]
    assert {o["id"] for o in queue} == {held, other}
    approved = c.call(
        "POST", "/admin/orders/{order_id}/approve", params={"order_id": held}, headers=ADMIN, expect=200
    ).body
    assert approved["risk_reasons"] == ["large_order"]
    c.call(
        "POST",
        "/admin/orders/{order_id}/reject",
        params={"order_id": other},
        json_body={"reason": "fraud"},
        headers=ADMIN,
        expect=200,
    )


def test_membership_answers(api, c, gateway):
    plan = c.call(
        "POST",
        "/admin/membership/plans",
        json_body={"name": "Gold", "price": money(19900), "period": "year", "benefits": {"percent_off": 10}},
        headers=ADMIN,
        expect=201,
    ).body
    c.call("GET", "/membership/plans", expect=200)
    _, token = api.customer()
    me = bearer(token)
    c.call("GET", "/me/membership", headers=me, expect=404)
    bought = c.call(
        "POST",
        "/me/membership",
        json_body={"plan_id": plan["id"], "payment_method_id": "pm_card_visa"},
        headers={**me, "Idempotency-Key": "m-1"},
        expect=201,
    ).body
    payload, headers = signed(gateway.succeed(bought["payment"]["payment_intent_id"]))
    assert c.call("POST", "/webhooks/stripe", raw=payload, headers=headers, expect=200).body["outcome"] == "activated"
    assert c.call("GET", "/me/membership", headers=me, expect=200).body["is_member"] is True
    assert c.call("DELETE", "/me/membership/auto-renew", headers=me, expect=200).body["auto_renew"] is False
    assert c.call("PUT", "/me/membership/auto-renew", headers=me, expect=200).body["next_renewal_at"]
    c.call(
        "POST",
        "/me/membership",
        json_body={"plan_id": plan["id"], "payment_method_id": "pm_card_visa"},
        headers={**me, "Idempotency-Key": "m-2"},
        expect=409,
    )


def test_marketing_key_and_job_answers(api, c):
    category = api.category()
    api.product(category["id"], skus=[sku_body("MK-1", price=5000)])
    flash = c.call(
        "POST",
        "/admin/promotions",
        json_body={
            "name": "Flash",
            "type": "flash_sale",
            "sku": "MK-1",
            "price": money(3000),
            "quantity": 5,
            "per_customer_limit": 1,
            **WINDOW,
        },
        headers=ADMIN,
        expect=201,
    ).body
    tiers = [{"threshold": money(10000), "discount": money(1000)}]
    c.call(
        "POST",
        "/admin/promotions",
        json_body={"name": "Spend", "type": "spend_threshold", "tiers": tiers, **WINDOW},
        headers=ADMIN,
        expect=201,
    )
    c.call(
        "POST",
        "/admin/promotions",
        json_body={"name": "Nth", "type": "nth_item_discount", "n": 2, "percent": 50, **WINDOW},
        headers=ADMIN,
        expect=201,
    )
    c.call("GET", "/admin/promotions", query="limit=2", headers=ADMIN, expect=200)
    pid = {"promotion_id": flash["id"]}
    c.call("GET", "/admin/promotions/{promotion_id}", params=pid, headers=ADMIN, expect=200)
    c.call(
        "PATCH", "/admin/promotions/{promotion_id}", params=pid, json_body={"quantity": 8}, headers=ADMIN, expect=200
    )
    c.call("POST", "/admin/promotions/{promotion_id}/end", params=pid, headers=ADMIN, expect=200)
    c.call(
        "POST",
        "/admin/coupons",
        json_body={"code": "TEN", "amount_off": money(1000), "min_spend": money(5000), "usage_limit": 100, **WINDOW},
        headers=ADMIN,
        expect=201,
    )
    c.call("GET", "/admin/coupons", headers=ADMIN, expect=200)
    c.call("GET", "/admin/coupons/{code}", params={"code": "ten"}, headers=ADMIN, expect=200)
    template = {
        "name": "Standard",
        "is_default": True,
        "first_weight_grams": 1000,
        "first_fee": money(1000),
        "additional_weight_grams": 500,
        "additional_fee": money(500),
        "free_over": money(99900),
        "regions": [{"provinces": ["Tibet"], "first_fee": money(2500), "additional_fee": money(1500)}],
        "no_free_shipping_provinces": ["Tibet"],
    }
    c.call("POST", "/admin/shipping-templates", json_body=template, headers=ADMIN, expect=201)
    c.call("GET", "/admin/shipping-templates", headers=ADMIN, expect=200)
    # a guest cart with a per-customer flash sale and a shipping template: warnings and shipping details
    guest = c.call("POST", "/carts", expect=201).body
    c.call(
        "POST",
        "/carts/{cart_id}/items",
        params={"cart_id": guest["id"]},
        json_body={"sku": "MK-1", "quantity": 2},
        headers={"X-Cart-Token": guest["token"]},
        expect=200,
    )

    key = c.call(
        "POST", "/admin/api-keys", json_body={"name": "scanner", "roles": ["warehouse"]}, headers=ADMIN, expect=201
    ).body
    c.call("GET", "/admin/api-keys", headers=ADMIN, expect=200)
    c.call("DELETE", "/admin/api-keys/{key_id}", params={"key_id": key["id"]}, headers=ADMIN, expect=204)
    c.call("POST", "/admin/jobs/{name}/runs", params={"name": "publish_scheduled_listings"}, headers=ADMIN, expect=200)
    c.call("POST", "/admin/categories", json_body={"name": "Shoes", "slug": "shoes"}, headers=ADMIN, expect=201)


def test_error_answers_are_documented_problems(api, c):
    category = api.category()
    api.product(category["id"], skus=[sku_body("ER-1", stock=1)])
    _, token = api.customer()
    me = bearer(token)
    warehouse = api.staff_key("warehouse")

    # 404 not_found
    c.call("GET", "/products/{product_id}", params={"product_id": "prod_nope"}, expect=404)
    c.call("GET", "/orders/{order_id}", params={"order_id": "ord_nope"}, headers=me, expect=404)
    c.call("GET", "/admin/inventory/{sku}", params={"sku": "NOPE"}, headers=ADMIN, expect=404)
    c.call("POST", "/admin/jobs/{name}/runs", params={"name": "nope"}, headers=ADMIN, expect=404)
    # 400 validation_error, read_only_field, invalid_cursor, idempotency_key_required
    bad = c.call("POST", "/auth/register", json_body={"email": "nope", "password": "x"}, expect=400).body
    assert bad["code"] == "validation_error" and {e["field"] for e in bad["errors"]} >= {"email", "name"}
    c.call("GET", "/products", query="limit=0", expect=400)
    c.call("GET", "/products", query="cursor=forged", expect=400)
    cart = c.call("POST", "/carts", headers=me, expect=201).body["id"]
    ro = c.call(
        "POST",
        "/carts/{cart_id}/items",
        params={"cart_id": cart},
        json_body={"sku": "ER-1", "quantity": 1, "price": 1},
        headers=me,
        expect=400,
    )
    assert ro.body["code"] == "read_only_field"
    assert (
        c.call("POST", "/checkout", json_body={"cart_id": cart}, headers=me, expect=400).body["code"]
        == "idempotency_key_required"
    )
    # 401, 403
    c.call("GET", "/me", expect=401)
    c.call("GET", "/orders", headers={"Authorization": "Bearer not-a-token"}, expect=401)
    c.call("GET", "/admin/orders", expect=401)
    c.call("GET", "/admin/orders", headers={"X-Api-Key": "ck_unknown"}, expect=401)
    c.call("POST", "/admin/categories", json_body={"name": "X", "slug": "x"}, headers=warehouse, expect=403)
    # 409 out_of_stock, conflicts; 422 coupon_invalid
    oos = c.call(
        "POST",
        "/carts/{cart_id}/items",
        params={"cart_id": cart},
        json_body={"sku": "ER-1", "quantity": 2},
        headers=me,
        expect=409,
    )
    assert (oos.body["code"], oos.body["skus"], oos.body["available"]) == ("out_of_stock", ["ER-1"], 1)
    c.call(
        "POST",
        "/auth/register",
        json_body={"email": "dup@example.com", "password": "correct horse", "name": "D"},
        expect=201,
    )
    c.call(
        "POST",
        "/auth/register",
        json_body={"email": "dup@example.com", "password": "correct horse", "name": "D"},
        expect=409,
    )
    invalid = c.call(
        "POST", "/carts/{cart_id}/coupons", params={"cart_id": cart}, json_body={"code": "NOPE"}, headers=me, expect=422
    )
    assert invalid.body["reason"] == "not_found"
    c.call("POST", "/webhooks/stripe", json_body={"id": "evt_1", "type": "x"}, expect=400)
    # answers every route can give (the operation's `default`)
    c.call("PUT", "/me", expect=405)
    c.call("GET", "/categories", headers={"Content-Type": "text/plain"}, expect=415)


def test_after_sale_answers(api, c, gateway):
    from chalicelib.bootstrap import get_container

    category = api.category()
    api.product(category["id"], skus=[sku_body("AF-1", price=10000, stock=20), sku_body("AF-2", price=10000)])
    order_id, me, _ = paid_order(api, gateway, {"AF-1": 2, "AF-2": 1})
    oid = {"order_id": order_id}
    get_container().fulfillment.start_fulfillment(order_id)
    get_container().fulfillment.ship(order_id, "sf", "SF2001", None, "staff:test")
    get_container().fulfillment.apply_tracking(
        {"event_id": "af-1", "carrier": "sf", "tracking_number": "SF2001", "status": "delivered", "at": NOW}
    )
    ask = {"type": "return_refund", "reason": "damaged", "lines": [{"sku": "AF-1", "quantity": 1}]}
    keyed = {**me, "Idempotency-Key": "af-1"}
    request = c.call(
        "POST", "/orders/{order_id}/after-sales", params=oid, json_body=ask, headers=keyed, expect=201
    ).body
    c.call("POST", "/orders/{order_id}/after-sales", params=oid, json_body=ask, headers=keyed, expect=201)
    c.call(
        "POST",
        "/orders/{order_id}/after-sales",
        params=oid,
        json_body=ask,
        headers={**me, "Idempotency-Key": "af-2"},
        expect=422,
    )
    exchange = {
        "type": "exchange",
        "reason": "no_reason",
        "lines": [{"sku": "AF-2", "quantity": 1, "exchange_sku": "AF-2"}],
        "description": "too small",
        "images": ["https://img.example/a.jpg"],
    }
    swap = c.call(
        "POST",
        "/orders/{order_id}/after-sales",
        params=oid,
        json_body=exchange,
        headers={**me, "Idempotency-Key": "af-3"},
        expect=201,
    ).body
    c.call("GET", "/orders/{order_id}/after-sales", params=oid, headers=me, expect=200)
    rid = {"after_sale_id": request["id"]}
    sid = {"after_sale_id": swap["id"]}
    c.call("GET", "/after-sales/{after_sale_id}", params=rid, headers=me, expect=200)
    c.call("GET", "/admin/after-sales", query="status=requested&type=return_refund", headers=ADMIN, expect=200)
    c.call("GET", "/admin/after-sales/{after_sale_id}", params=rid, headers=ADMIN, expect=200)
    c.call(
        "POST",
        "/admin/after-sales/{after_sale_id}/approve",
        params=rid,
        json_body={"return_address": ADDRESS},
        headers=ADMIN,
        expect=200,
    )
    c.call(
        "POST",
        "/after-sales/{after_sale_id}/return-shipment",
        params=rid,
        json_body={"carrier": "sf", "tracking_number": "RT2001"},
        headers=me,
        expect=200,
    )
    c.call("POST", "/after-sales/{after_sale_id}/cancel", params=rid, headers=me, expect=409)
    c.call("POST", "/admin/after-sales/{after_sale_id}/receive", params=rid, headers=ADMIN, expect=200)
    done = c.call(
        "POST",
        "/admin/after-sales/{after_sale_id}/inspect",
        params=rid,
        json_body={"result": "pass", "note": "ok"},
        headers=ADMIN,
        expect=200,
    ).body
    assert done["status"] == "refunded"
    c.call("POST", "/admin/after-sales/{after_sale_id}/approve", params=sid, headers=ADMIN, expect=200)
    c.call("POST", "/admin/after-sales/{after_sale_id}/receive", params=sid, headers=ADMIN, expect=200)
    c.call(
        "POST",
        "/admin/after-sales/{after_sale_id}/inspect",
        params=sid,
        json_body={"result": "pass"},
        headers=ADMIN,
        expect=200,
    )
    shipped = c.call(
        "POST",
        "/admin/after-sales/{after_sale_id}/exchange-shipments",
        params=sid,
        json_body={"carrier": "sf", "tracking_number": "EX2001"},
        headers=ADMIN,
        expect=201,
    ).body
    assert shipped["status"] == "exchanged"
    c.call(
        "POST",
        "/admin/after-sales/{after_sale_id}/reject",
        params=sid,
        json_body={"reason": "late"},
        headers=ADMIN,
        expect=409,
    )
    c.call("GET", "/after-sales/{after_sale_id}", params={"after_sale_id": "as_nope"}, headers=me, expect=404)


def test_merchandising_answers(api, c):
    import requests

    from tests.unit import media_bytes

    boto3.client("s3").create_bucket(Bucket="commerce-media")
    started = c.call(
        "POST",
        "/admin/media",
        json_body={"kind": "main", "content_type": "image/png", "size": len(media_bytes.png(1000, 1000))},
        headers=ADMIN,
        expect=201,
    ).body
    upload = started["upload"]
    assert requests.put(upload["url"], data=media_bytes.png(1000, 1000), headers=upload["headers"], timeout=10).ok
    mid = {"media_id": started["id"]}
    c.call("POST", "/admin/media/{media_id}/complete", params=mid, json_body={}, headers=ADMIN, expect=200)
    c.call("GET", "/admin/media/{media_id}", params=mid, headers=ADMIN, expect=200)
    bad = c.call(
        "POST",
        "/admin/media",
        json_body={"kind": "video", "content_type": "image/png", "size": 1},
        headers=ADMIN,
        expect=422,
    )
    assert bad.body["code"] == "media_spec"

    category = api.category()
    body = product_body(category["id"], images=[], media=[started["id"]], skus=[sku_body(cost_price=money(9000))])
    low = c.call("POST", "/admin/products", json_body=body, headers=ADMIN, expect=422)
    assert low.body["code"] == "margin_too_low"
    product = c.call(
        "POST", "/admin/products", json_body={**body, "override_margin": True}, headers=ADMIN, expect=201
    ).body
    pid = {"product_id": product["id"]}
    c.call("GET", "/products/{product_id}", params=pid, expect=200)
    c.call(
        "POST",
        "/admin/products/{product_id}/delist",
        params=pid,
        json_body={"reason": "other"},
        headers=ADMIN,
        expect=400,
    )
    c.call(
        "POST",
        "/admin/products/{product_id}/delist",
        params=pid,
        json_body={"reason": "other", "note": "Photo shoot"},
        headers=ADMIN,
        expect=200,
    )
    c.call("GET", "/admin/products/{product_id}/history", params=pid, headers=ADMIN, expect=200)
    short = c.call(
        "POST",
        "/admin/products",
        json_body=product_body(category["id"], description="short"),
        headers=ADMIN,
        expect=422,
    )
    assert short.body["code"] == "listing_incomplete"

    slot = {"slot": "home-banners"}
    items = [{"title": "Spring", "media_id": started["id"], "link": "/products/x", "position": 1, **WINDOW}]
    c.call("PUT", "/admin/content/slots/{slot}", params=slot, json_body={"items": items}, headers=ADMIN, expect=200)
    c.call("GET", "/admin/content/slots/{slot}", params=slot, headers=ADMIN, expect=200)
    live = c.call("GET", "/content/slots/{slot}", params=slot, expect=200)
    assert live.body["items"][0]["image"].endswith(f"/media/{started['id']}")
