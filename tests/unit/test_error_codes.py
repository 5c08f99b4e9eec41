"""Error codes: one StrEnum per context (domain/error_codes.py), one status table
(api/errors.py), and wire values that never change."""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path

import pytest

from chalicelib.api.errors import STATUS_BY_CODE, from_domain, status_for
from chalicelib.domain.error_codes import (
    ERROR_CODE_ENUMS,
    CommonErrorCode,
    ErrorCode,
    InventoryErrorCode,
    PaymentErrorCode,
    error_code,
)
from chalicelib.domain.errors import Conflict, DomainError, NotFound, RefundRefused, ValidationFailed

# The wire codes and their statuses before the enums: the old STATUS_BY_CODE, plus the codes it
# did not list, answered by their error class (DomainError and RefundRefused 400, Conflict 409).
WIRE_STATUSES = {
    "validation_error": 400,
    "read_only_field": 400,
    "malformed_json": 400,
    "invalid_cursor": 400,
    "unauthorized": 401,
    "invalid_credentials": 401,
    "invalid_token": 401,
    "token_expired": 401,
    "invalid_api_key": 401,
    "forbidden": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "conflict": 409,
    "out_of_stock": 409,
    "not_available": 409,
    "active_cart_exists": 409,
    "coupon_code_taken": 409,
    "coupon_invalid": 422,
    "margin_too_low": 422,  # merchandising (ADR 0023)
    "media_spec": 422,
    "listing_incomplete": 422,
    "idempotency_key_required": 400,
    "idempotency_key_reused": 422,
    "payment_failed": 402,
    "payment_provider_unavailable": 503,
    "payment_in_progress": 409,
    "cart_checked_out": 409,
    "cart_empty": 400,
    "cart_too_large": 400,
    "tracking_number_taken": 409,
    "duplicate_fulfillment": 409,
    "reservation_mismatch": 409,
    "unknown_tracking": 404,
    "shipping_address_required": 400,
    "flash_sale_unavailable": 409,
    "promotion_exhausted": 409,  # ADR 0028
    "invalid_signature": 400,
    "invalid_date": 400,
    "idempotency_key_in_use": 409,
    "email_taken": 409,
    "slug_taken": 409,
    "sku_code_taken": 409,
    "handle_taken": 409,
    "insufficient_stock": 409,
    "invalid_transition": 409,
    "concurrent_update": 409,
    "membership_active": 409,
    "membership_expired": 409,
    "membership_pending": 409,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "rate_limited": 429,
    "internal_error": 500,
    "service_unavailable": 503,
    # not in the old table: answered by class
    "domain_error": 400,
    "refund_refused": 400,
    "duplicate_event": 409,
    "alert_open": 409,
    "over_receipt": 409,
    "receipt_id_reused": 422,
    "not_sold_out": 409,
    # added since: conditional product edits (If-Match) and the local server's header limits
    "precondition_failed": 412,
    "request_header_fields_too_large": 431,
    # refunds and after-sales
    "refund_exceeds_paid": 422,
    "nothing_to_refund": 422,
    "order_not_paid": 422,
    "after_sale_window_closed": 422,
    "not_returnable": 422,
    "quantity_exceeds_returnable": 422,
    "after_sale_open": 422,
    "order_not_eligible": 422,
    "unknown_order_line": 422,
    "ticket_already_rated": 409,
    "ticket_already_compensated": 409,
    "ticket_message_limit": 409,
    "compensation_over_cap": 403,
    "review_exists": 409,
    "order_not_delivered": 409,
    "review_window_closed": 422,
    "follow_up_exists": 409,
    "follow_up_window_closed": 422,
    "address_book_full": 409,
    "coupon_not_claimable": 422,
    "coupon_expired": 409,
    "coupon_already_claimed": 409,
    "claims_exhausted": 409,
    "wallet_coupon_unavailable": 422,
    "experiment_already_running": 409,
    "presale_mixed_cart": 422,  # ADR 0026
    "balance_not_due": 409,
    "balance_window_not_open": 409,
    "balance_window_closed": 409,
}

MEMBERS = [member for enum in ERROR_CODE_ENUMS for member in enum]


def test_every_member_of_every_enum_has_a_status_and_every_status_is_a_member():
    assert set(STATUS_BY_CODE) == set(MEMBERS)
    assert all(type(code) in ERROR_CODE_ENUMS for code in STATUS_BY_CODE)
    assert all(
        status in (400, 401, 402, 403, 404, 405, 409, 412, 413, 415, 422, 429, 431, 500, 503)
        for status in STATUS_BY_CODE.values()
    )


def test_wire_values_and_statuses_are_unchanged():
    assert {code.value: status for code, status in STATUS_BY_CODE.items()} == WIRE_STATUSES


def test_a_wire_value_belongs_to_one_context_only():
    values = [member.value for member in MEMBERS]
    assert len(values) == len(set(values))


def test_the_error_code_type_is_the_union_of_the_enums():
    assert typing.get_args(ErrorCode) == ERROR_CODE_ENUMS


CODE_LITERAL = re.compile(
    r"""\bcode\s*=\s*"([a-z_]+)"|\.code\s*(?:==|!=)\s*"([a-z_]+)"|\.code\s+(?:not\s+)?in\s+\(([^)]*)\)"""
)


def code_literals() -> list[tuple[str, str]]:
    """(code, file) for every code written as a string: code="x", code = "x", .code == "x", .code in ("x", ...)."""
    root = Path(__file__).resolve().parents[2] / "chalicelib"
    pattern = CODE_LITERAL
    found = []
    for path in sorted(root.rglob("*.py")):
        where = path.relative_to(root).as_posix()
        for match in pattern.finditer(path.read_text()):
            names = [match[1] or match[2]] if match[1] or match[2] else re.findall(r'"([a-z_]+)"', match[3])
            found += [(name, where) for name in names]
    return found


def test_no_code_is_written_as_a_string():
    assert code_literals() == []


def test_the_scan_finds_codes_written_as_strings(tmp_path, monkeypatch):
    planted = 'raise Conflict("x", code="out_of_stock")\nif error.code == "concurrent_update": pass\n'
    assert [m.group(0) for m in CODE_LITERAL.finditer(planted)] == [
        'code="out_of_stock"',
        '.code == "concurrent_update"',
    ]


def test_a_string_code_becomes_its_member_and_an_unknown_one_is_refused():
    error = Conflict("Changed meanwhile.", code="concurrent_update")
    assert error.code is CommonErrorCode.CONCURRENT_UPDATE
    assert error.code == "concurrent_update"  # a StrEnum is its value
    assert Conflict("Short.", code=InventoryErrorCode.OUT_OF_STOCK).code is InventoryErrorCode.OUT_OF_STOCK
    assert error_code("refund_refused") is PaymentErrorCode.REFUND_REFUSED
    with pytest.raises(ValueError, match="unknown error code 'no_such_code'"):
        error_code("no_such_code")
    with pytest.raises(ValueError):
        DomainError("Nope.", code="no_such_code")


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (NotFound("No such order."), 404, "not_found"),
        (ValidationFailed("Bad.", code="cart_empty"), 400, "cart_empty"),
        (Conflict("Gone.", code="alert_open"), 409, "alert_open"),
        (RefundRefused("Refused."), 400, "refund_refused"),
        (DomainError("Something."), 400, "domain_error"),
    ],
)
def test_problem_bodies_carry_the_wire_value(error, status, code):
    assert status_for(error) == status
    response = from_domain(error)
    body = json.loads(response.body)
    assert response.status_code == status
    assert body["code"] == code and type(body["code"]) is str
    assert body["type"] == f"urn:commerce:problem:{code}"
