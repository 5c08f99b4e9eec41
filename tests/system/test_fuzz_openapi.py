"""Fuzz pass: schemathesis generates requests from docs/openapi.yaml for every
operation and sends them to the app over HTTP (the system tier's one local
stack), then checks each answer: no 5xx, a status the operation documents,
the documented content type, headers and body schema.

Generation is positive (requests the document says are valid), bounded
(``MAX_EXAMPLES`` per operation plus schemathesis' coverage and examples
phases) and derandomized (a fixed seed), so a run is reproducible; nothing
is timed. Staff operations are sent with the bootstrap admin key, customer
and cart operations with a registered customer's Bearer token."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
import yaml
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support import ADMIN, ADMIN_KEY, sku_body
from tests.system.conftest import HttpApi

pytestmark = pytest.mark.system

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
MAX_EXAMPLES = 12
SEED = 20261206

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        # Nothing timed: the one time-based health check is off (a loaded machine must not fail the
        # pass; schemathesis already sets no deadline).
        "suppress-health-check": ["too_slow"],
        "generation": {
            "mode": "positive",
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            # No example database: a run never replays what an earlier local run saved.
            "database": "none",
            # Credentials are the real ones set below, not generated strings.
            "with-security-parameters": False,
        },
        "phases": {"stateful": {"enabled": False}},
    }
)
schema = schemathesis.openapi.from_path(DOC_PATH, config=CONFIG).exclude(
    # Signed callbacks: every generated request fails the signature check (401) before the
    # body is read, so fuzzing them exercises nothing; tests/integration sends them signed
    # (tests/payments.py for Stripe, test_fulfillment_api for the carrier, test_openapi_contract).
    path=["/webhooks/stripe", "/webhooks/logistics"],
)

# 400 codes that say a request was malformed. A request the document calls valid must never
# get one: the document must be as strict as the server (bounds, patterns, lengths, one-ofs).
# (400s about state are fine: `cart_empty`, `shipping_address_required`, `invalid_cursor` for a
# generated cursor string, ...)
MALFORMED = {"validation_error", "read_only_field", "malformed_json", "invalid_date"}
# Field codes of rules JSON Schema cannot state (or only with conditionals the generator handles
# poorly), which the document states in prose: a field compared with another (`ends_at` after
# `starts_at`, increasing tiers, a promotion's fields by its `type`, a product's `list_at` only
# when listed), or with stored data (a referenced id that does not exist, a cart merged into itself,
# a flash-sale price not below the SKU's).
CROSS_FIELD = {
    "before_starts_at",
    "not_increasing",
    "required",
    "not_applicable",
    "requires_listed",
    "not_found",
    "same_cart",
    "not_a_discount",
    "immutable",
    "duplicate",
    "invalid_range",
    "above_price",
    "before_list_at",
    "not_ready",  # a media id that is not a ready upload (merchandising)
    "one_of",  # a content slot item's image or media_id, exactly one
    "unknown_supplier",  # a purchase order's supplier that does not exist
    "unknown_sku",  # a count sheet's SKU that does not exist
    "clock_skew",  # a visitor event's time against the server's clock
    "invalid_week",  # an ISO week of the pattern that the year does not have (W53 of a short year)
    "duplicate_key",  # an experiment's variants: unique keys,
    "control_required",  # exactly one control,
    "invalid_variant",  # and each sets only its kind's field
    "below_deposit",  # a presale's deposit_value against its deposit,
    "before_deposit_ends",  # its balance window against its deposit window,
    "before_balance_starts",  # and the balance window's two ends
    "contains_bag",  # a lucky bag's pool that holds the bag's own SKU
}
# The same for one field: a tier's discount must not exceed its threshold.
# And a presale's final price is at least 1 (another type's price may be 0).
CROSS_FIELD_AT = {("discount", "out_of_range"), ("price", "out_of_range")}


def valid_requests_are_not_refused_as_malformed(ctx: Any, response: Any, case: Any) -> bool | None:
    if response.status_code == 400:
        body = response.json()
        if body.get("code") in MALFORMED:
            codes = {
                error["code"]
                for error in body.get("errors", [])
                if (error["field"].rsplit(".", 1)[-1], error["code"]) not in CROSS_FIELD_AT
            }
            assert body.get("errors") and codes <= CROSS_FIELD, (
                f"{case.method} {case.formatted_path}: a request valid by the document was refused: {body}"
            )
    return None


CHECKS = [
    not_a_server_error,
    valid_requests_are_not_refused_as_malformed,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

_DOC = yaml.safe_load(DOC_PATH.read_text(encoding="utf-8"))
# The security schemes each operation accepts, e.g. {"apiKey"} or {"bearerAuth", "cartToken"}.
SECURITY: dict[tuple[str, str], set[str]] = {
    (method.upper(), path): {name for requirement in op.get("security", []) for name in requirement}
    for path, item in _DOC["paths"].items()
    for method, op in item.items()
    if isinstance(op, dict) and "responses" in op
}


@pytest.fixture(scope="module")
def fuzz_api(stack, server) -> Iterator[dict[str, str]]:
    """A fresh table of the fuzz pass's own on the session's stack (the generated data stays
    out of the other tests' tables), its bootstrap admin key and a registered customer."""
    import requests

    from chalicelib.bootstrap import get_container, reset_container
    from chalicelib.resources import table_definition
    from chalicelib.settings import reset_settings
    from localdev.stack import clients

    stack.apply_environment()
    dynamodb, _, _ = clients(stack.config)
    name = "commerce-fuzz"
    dynamodb.create_table(**table_definition(name))
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("COMMERCE_TABLE", name)
        reset_settings()
        reset_container()
        get_container().auth.bootstrap_admin_key(ADMIN_KEY, "local")
        registered = requests.post(
            server.url + "/auth/register",
            json={"email": "fuzz@example.com", "password": "fuzz-password-1", "name": "Fuzz"},
            timeout=30,
        )
        assert registered.status_code == 201, registered.text
        token = registered.json()["access_token"]
        yield {"base_url": server.url, "token": token, "ids": seed(HttpApi(server.url), token)}
    dynamodb.delete_table(TableName=name)
    stack.apply_environment()


def seed(api: HttpApi, token: str) -> dict[str, str]:
    """Real resources, so that part of the generated requests reach past the lookup of their path ids."""
    category = api.category()
    product = api.product(category["id"], skus=[sku_body("FUZZ-1", stock=1000)])
    customer = {"Authorization": f"Bearer {token}"}
    cart = api.post("/carts", headers=customer)
    assert cart.status == 201, cart.body
    added = api.post(f"/carts/{cart.body['id']}/items", {"sku": "FUZZ-1", "quantity": 1}, headers=customer)
    assert added.status == 200, added.body
    window = {"starts_at": "2026-01-01T00:00:00Z", "ends_at": "2099-01-01T00:00:00Z"}
    coupon = api.post("/admin/coupons", {"code": "FUZZ10", "percent_off": 10, **window}, headers=ADMIN)
    assert coupon.status == 201, coupon.body
    ticket = api.post("/me/tickets", {"category": "complaint", "subject": "Fuzz", "body": "Broken."}, headers=customer)
    assert ticket.status == 201, ticket.body
    return {
        "product_id": product["id"],
        "cart_id": cart.body["id"],
        "sku": "FUZZ-1",
        "code": "FUZZ10",
        "ticket_id": ticket.body["id"],
    }


def with_real_ids(case: Any, ids: dict[str, str]) -> None:
    """Half of the generated path ids (chosen by a checksum of the value, so runs repeat) are
    replaced by the seeded resources' ids; the other half stay generated (mostly 404)."""
    for name, value in list((case.path_parameters or {}).items()):
        if name in ids and zlib.crc32(repr(value).encode()) % 2 == 0:
            case.path_parameters[name] = ids[name]


def credentials(case: Any, token: str) -> dict[str, str]:
    schemes = SECURITY[(case.method.upper(), case.path)]
    if "apiKey" in schemes:
        return {"X-Api-Key": ADMIN_KEY}
    if "bearerAuth" in schemes:
        return {"Authorization": f"Bearer {token}"}
    return {}


def whole_numbers(value: Any) -> Any:
    """JSON Schema counts 14.0 as an integer and the generator sends such floats; the API's
    models are strict (no coercion: 400 `invalid_type`) and every number it takes is an integer."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: whole_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [whole_numbers(item) for item in value]
    return value


@schema.parametrize()
def test_the_api_answers_every_valid_request_as_documented(case, fuzz_api):
    if isinstance(case.body, dict | list):
        case.body = whole_numbers(case.body)
    with_real_ids(case, fuzz_api["ids"])
    headers = credentials(case, fuzz_api["token"])
    case.call_and_validate(base_url=fuzz_api["base_url"], headers=headers, checks=CHECKS, timeout=30)


def _broken_body() -> Any:
    from chalice import Response

    return Response(body={"items": "not a list"}, status_code=200, headers={"Content-Type": "application/json"})


def _server_error() -> Any:
    raise RuntimeError("a deliberately broken route")


@pytest.mark.parametrize(
    ("view", "failure"),
    [(_broken_body, "Response violates schema"), (_server_error, "Server error")],
    ids=["body-violating-the-document", "server-error"],
)
def test_the_pass_fails_on_a_route_that_breaks_the_document(fuzz_api, monkeypatch, view, failure):
    """The checks above are not vacuous: with GET /membership/plans broken in the served app,
    the same case and checks fail."""
    from app import app

    monkeypatch.setattr(app.routes["/membership/plans"]["GET"], "view_function", view)
    case = schema["/membership/plans"]["GET"].Case()
    with pytest.raises(FailureGroup, match=failure):
        case.call_and_validate(base_url=fuzz_api["base_url"], checks=CHECKS, timeout=30)
    monkeypatch.undo()
    case.call_and_validate(base_url=fuzz_api["base_url"], checks=CHECKS, timeout=30)  # and pass once it is fixed
