"""No input is a 500: every input the API reads is bounded at the edge and an
input out of bounds is a clear 4xx problem (or, for a correctly signed webhook
of a shape we cannot use, a 200 "ignored" so the provider stops retrying), and
nothing is written."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import pytest

from chalicelib.domain.signatures import sign_timestamped, stripe_signature
from tests.payments import WEBHOOK_SECRET, event
from tests.support import ADMIN, sku_body

LONG = "A" * 2048
NOW = datetime.now(UTC)
LOGISTICS_SECRET = "logistics-local-secret"


def problem(r, status: int, code: str) -> None:
    assert r.status == status, (r.status, r.body)
    assert r.header("Content-Type") == "application/problem+json", r.headers
    assert r.body["code"] == code, r.body


# --- 1. path parameters ------------------------------------------------------------------------
BAD_IDS = [LONG, "a" * 65, "ord_1%20x", "ord_1'", "ord_%C3%A9", "a%2Fb", "%00"]
GOOD = {"code": "SAVE10", "sku": "SKU-1", "name": "settle"}


def bounded_routes() -> list[tuple[str, str, str]]:
    """(method, path with one parameter left as {}, that parameter) for every route and parameter."""
    from app import app

    found = []
    for path, methods in app.routes.items():
        for method, entry in methods.items():
            for name in entry.view_args:
                if name == "day":  # a business date: parsed by the view (400 invalid_date)
                    continue
                concrete = path
                for other in entry.view_args:
                    if other != name:
                        concrete = concrete.replace(f"{{{other}}}", GOOD.get(other, "x_1"))
                found.append((method, concrete.replace(f"{{{name}}}", "{}"), name))
    return found


def test_a_path_parameter_that_cannot_exist_is_not_found_on_every_route(api):
    routes = bounded_routes()
    assert len(routes) >= 34
    for method, template, name in routes:
        for bad in BAD_IDS:
            r = api.request(method, template.format(bad), {}, headers=ADMIN)
            assert (r.status, r.body["code"]) == (404, "not_found"), (method, template, name, bad[:20], r.body)
            assert r.header("Content-Type") == "application/problem+json"
    # nothing was written: no cart, order, product or coupon came of it
    assert api.get("/admin/orders", headers=ADMIN).body["items"] == []
    assert api.get("/admin/products", headers=ADMIN).body["items"] == []


def test_every_path_parameter_of_every_route_has_a_bound():
    from app import app
    from chalicelib.api.http import PATH_PARAMETERS

    names = {name for methods in app.routes.values() for entry in methods.values() for name in entry.view_args}
    assert names == set(PATH_PARAMETERS)


def test_legitimate_ids_still_reach_the_view(api):
    category = api.category()
    product = api.product(category["id"], skus=[sku_body("BND.sku-1_a", stock=3)])
    assert api.get(f"/products/{product['id']}").status == 200
    assert api.get("/admin/inventory/BND.sku-1_a", headers=ADMIN).status == 200
    problem(api.get("/products/prod_doesnotexist"), 404, "not_found")
    r = api.get("/admin/settlements/2026-13-01", headers=ADMIN)  # a day keeps its own rule
    problem(r, 400, "validation_error")
    problem(api.get(f"/admin/settlements/{LONG}", headers=ADMIN), 400, "validation_error")


# --- 2. webhook timestamps ---------------------------------------------------------------------
@pytest.mark.parametrize("t", ["²", "¹²³", "١٧٦٠"])
def test_a_stripe_signature_timestamp_in_superscripts_is_an_invalid_signature(api, t):
    payload = json.dumps(event("payment_intent.succeeded", {"id": "pi_x"})).encode()
    good = stripe_signature(payload, WEBHOOK_SECRET, int(time.time()))
    header = f"t={t}," + good.split(",", 1)[1]
    problem(api.post("/webhooks/stripe", raw=payload, headers={"Stripe-Signature": header}), 400, "invalid_signature")


@pytest.mark.parametrize("t", ["¹", "²³", "١٧٦٠"])
def test_a_logistics_timestamp_in_superscripts_is_an_invalid_signature(api, t):
    body = json.dumps({"event_id": "e1"}).encode()
    headers = {"X-Logistics-Timestamp": t, "X-Logistics-Signature": sign_timestamped(body, LOGISTICS_SECRET, 1)}
    problem(api.post("/webhooks/logistics", raw=body, headers=headers), 400, "invalid_signature")
