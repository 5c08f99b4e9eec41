"""Every failure path answers RFC 9457 problem+json with a stable code."""

from __future__ import annotations

from tests.support import ADMIN


def assert_problem(r, status: int, code: str) -> None:
    assert r.status == status, r.body
    assert r.header("Content-Type") == "application/problem+json"
    assert r.body["code"] == code
    assert r.body["status"] == status
    assert r.body["title"] and r.body["detail"] and r.body["type"].endswith(code)


def test_unknown_route_is_404_problem(api):
    assert_problem(api.get("/no/such/thing"), 404, "not_found")


def test_wrong_method_is_405_problem_with_allow_header(api):
    r = api.delete("/categories")
    assert_problem(r, 405, "method_not_allowed")
    assert "GET" in r.header("Allow")


def test_non_json_content_type_is_415_problem(api):
    r = api.request(
        "POST", "/auth/login", raw=b"email=a", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert_problem(r, 415, "unsupported_media_type")


def test_malformed_json_is_400_malformed_json(api):
    assert_problem(api.request("POST", "/auth/login", raw=b'{"email": '), 400, "malformed_json")


def test_body_over_one_mebibyte_is_413(api):
    big = b'{"name": "' + b"x" * (1024 * 1024) + b'"}'
    assert_problem(api.request("POST", "/admin/categories", raw=big, headers=ADMIN), 413, "payload_too_large")


def test_body_of_exactly_one_mebibyte_is_not_rejected_for_size(api):
    padding = 1024 * 1024 - len(b'{"name": "", "slug": "x"}')
    body = b'{"name": "' + b"x" * padding + b'", "slug": "x"}'
    assert len(body) == 1024 * 1024
    r = api.request("POST", "/admin/categories", raw=body, headers=ADMIN)
    assert r.status == 400 and r.code == "validation_error"  # too long a name, not too large a body


def test_validation_errors_name_each_field(api):
    r = api.post("/auth/register", {"email": "not-an-email", "password": 12345678})
    assert_problem(r, 400, "validation_error")
    by_field = {e["field"]: e["code"] for e in r.body["errors"]}
    assert by_field == {"email": "invalid_format", "password": "invalid_type", "name": "required"}


def test_strings_are_not_coerced_to_numbers(api):
    category = api.category()
    r = api.post(
        "/admin/products",
        {
            "title": "T",
            "category_id": category["id"],
            "skus": [{"code": "A1", "price": {"amount": "100", "currency": "CNY"}, "weight_grams": 1}],
        },
        headers=ADMIN,
    )
    assert_problem(r, 400, "validation_error")
    assert r.body["errors"][0]["field"] == "skus.0.price.amount"


def test_floats_and_negative_money_are_refused(api):
    category = api.category()
    for amount in (99.5, -1):
        r = api.post(
            "/admin/products",
            {
                "title": "T",
                "category_id": category["id"],
                "skus": [{"code": "A1", "price": {"amount": amount, "currency": "CNY"}, "weight_grams": 1}],
            },
            headers=ADMIN,
        )
        assert_problem(r, 400, "validation_error")


def test_server_computed_fields_are_read_only(api):
    category = api.category()
    r = api.post(
        "/admin/products",
        {
            "title": "T",
            "category_id": category["id"],
            "id": "prod_mine",
            "skus": [{"code": "A1", "price": {"amount": 1, "currency": "CNY"}, "weight_grams": 1, "available": 5}],
        },
        headers=ADMIN,
    )
    assert_problem(r, 400, "read_only_field")
    assert {e["field"] for e in r.body["errors"]} == {"id", "skus.0.available"}


def test_unknown_fields_are_refused(api):
    r = api.post("/auth/login", {"email": "a@b.co", "password": "x", "remember": True})
    assert_problem(r, 400, "validation_error")
    assert r.body["errors"] == [
        {"field": "remember", "code": "unknown_field", "message": "Extra inputs are not permitted"}
    ]


def test_json_array_body_is_a_validation_error_not_a_crash(api):
    assert_problem(api.request("POST", "/auth/login", raw=b"[1, 2]"), 400, "validation_error")


def test_responses_carry_a_request_id(api):
    r = api.get("/categories", headers={"X-Request-Id": "req-123"})
    assert r.header("X-Request-Id") == "req-123"
    assert api.get("/categories").header("X-Request-Id")
