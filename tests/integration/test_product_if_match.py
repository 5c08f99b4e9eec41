"""Conditional product edits: the admin product answers carry an ETag, and a PATCH
with If-Match applies only while the product is at that version."""

from __future__ import annotations

from tests.support import ADMIN


def _etag_of(api, product_id: str) -> str:
    r = api.get(f"/admin/products/{product_id}", headers=ADMIN)
    assert r.status == 200
    return r.header("ETag")


def test_the_product_answers_carry_its_version_as_a_weak_etag(api):
    product = api.product(api.category()["id"])
    r = api.get(f"/admin/products/{product['id']}", headers=ADMIN)
    assert r.header("ETag") == f'W/"{product["version"]}"' == f'W/"{r.body["version"]}"'
    patched = api.patch(f"/admin/products/{product['id']}", {"title": "Renamed"}, headers=ADMIN)
    assert patched.status == 200
    assert patched.header("ETag") == f'W/"{product["version"] + 1}"'


def test_a_stale_if_match_is_412_and_changes_nothing(api):
    product = api.product(api.category()["id"], title="Original")
    stale = _etag_of(api, product["id"])
    assert api.patch(f"/admin/products/{product['id']}", {"title": "Theirs"}, headers=ADMIN).status == 200
    before = api.get(f"/admin/products/{product['id']}", headers=ADMIN)

    r = api.patch(f"/admin/products/{product['id']}", {"title": "Mine"}, headers={**ADMIN, "If-Match": stale})

    assert r.status == 412 and r.code == "precondition_failed", r.body
    assert r.header("Content-Type") == "application/problem+json"
    assert r.body["status"] == 412 and r.body["type"] == "urn:commerce:problem:precondition_failed"
    after = api.get(f"/admin/products/{product['id']}", headers=ADMIN)
    assert after.body == before.body and after.body["title"] == "Theirs"
    assert after.header("ETag") == before.header("ETag")


def test_the_fresh_etag_applies_the_edit_in_weak_or_strong_form(api):
    product = api.product(api.category()["id"])
    path = f"/admin/products/{product['id']}"
    fresh = _etag_of(api, product["id"])

    r = api.patch(path, {"title": "Weak form"}, headers={**ADMIN, "If-Match": fresh})
    assert r.status == 200 and r.body["title"] == "Weak form"

    strong = r.header("ETag").removeprefix("W/")  # "3": the same version as a strong tag
    r = api.patch(path, {"title": "Strong form"}, headers={**ADMIN, "If-Match": strong})
    assert r.status == 200 and r.body["title"] == "Strong form"

    listed = f'"999", {r.header("ETag")}'  # one of several tags matches
    r = api.patch(path, {"title": "From a list"}, headers={**ADMIN, "If-Match": listed})
    assert r.status == 200 and r.body["title"] == "From a list"


def test_if_match_that_names_no_version_matches_nothing(api):
    product = api.product(api.category()["id"], title="Kept")
    path = f"/admin/products/{product['id']}"
    for header in (str(product["version"]), 'W/"abc"', '""', "garbage"):
        r = api.patch(path, {"title": "Mine"}, headers={**ADMIN, "If-Match": header})
        assert (r.status, r.code) == (412, "precondition_failed"), header
    assert api.get(path, headers=ADMIN).body["title"] == "Kept"


def test_star_matches_any_version_of_an_existing_product(api):
    product = api.product(api.category()["id"])
    path = f"/admin/products/{product['id']}"
    api.patch(path, {"title": "Moved on"}, headers=ADMIN)
    r = api.patch(path, {"title": "Star"}, headers={**ADMIN, "If-Match": "*"})
    assert r.status == 200 and r.body["title"] == "Star"
    r = api.patch("/admin/products/prod_missing", {"title": "Star"}, headers={**ADMIN, "If-Match": "*"})
    assert r.status == 404


def test_without_if_match_the_edit_is_unconditional(api):
    product = api.product(api.category()["id"])
    path = f"/admin/products/{product['id']}"
    api.patch(path, {"title": "One"}, headers=ADMIN)
    r = api.patch(path, {"title": "Two"}, headers=ADMIN)
    assert r.status == 200 and r.body["title"] == "Two" and r.body["version"] == product["version"] + 2


def test_browsers_on_another_origin_may_send_if_match_and_read_the_etag(api):
    product = api.product(api.category()["id"])
    # the preflight API Gateway answers from the routes' CORS config (the test client cannot carry its empty body)
    gateway = api.client.http._local_gateway
    preflight = gateway.handle_request("OPTIONS", f"/admin/products/{product['id']}", {}, b"")
    assert "If-Match" in preflight["headers"]["Access-Control-Allow-Headers"].split(",")
    r = api.get(f"/admin/products/{product['id']}", headers=ADMIN)
    exposed = r.header("Access-Control-Expose-Headers").split(",")
    assert {"ETag", "Idempotent-Replayed", "Retry-After", "X-Request-Id"} <= set(exposed)
