"""docs/openapi.yaml stays true to the app: a valid OpenAPI 3.1 document whose
operations are exactly the routes the app serves, with their path parameters,
security and error responses. (Response bodies are checked against the
document's schemas in tests/integration/test_openapi_contract.py.)"""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PROBLEM_REF = "#/components/responses/Problem"

# Operations anyone may call: no credentials at all, or an optional Bearer token.
PUBLIC = {
    ("GET", "/content/slots/{slot}"),
    ("GET", "/health"),
    ("POST", "/auth/register"),
    ("POST", "/auth/login"),
    ("GET", "/categories"),
    ("GET", "/products"),
    ("GET", "/products/{product_id}"),
    ("GET", "/products/{product_id}/reviews"),
    ("GET", "/store/rating"),
    ("POST", "/carts"),
    ("GET", "/membership/plans"),
    ("POST", "/events"),  # storefront visitor events, throttled per source address (ADR 0021)
    ("GET", "/openapi.json"),
    ("GET", "/openapi.yaml"),
    ("GET", "/docs"),
    ("GET", "/docs/assets/{asset}"),
}
# Error answers that are not problem documents.
NOT_PROBLEMS = {("GET", "/health", "503")}


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return yaml.safe_load(DOC_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def app_routes() -> dict[tuple[str, str], Any]:
    from app import app

    return {(method, path): entry for path, methods in app.routes.items() for method, entry in methods.items()}


def operations(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method.upper(), path): op
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if method in METHODS
    }


def resolve(doc: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        assert node["$ref"].startswith("#/"), node["$ref"]
        target: Any = doc
        for part in node["$ref"][2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def path_parameters(doc: dict[str, Any], path: str, op: dict[str, Any]) -> list[dict[str, Any]]:
    declared = [*doc["paths"][path].get("parameters", []), *op.get("parameters", [])]
    return [p for p in (resolve(doc, d) for d in declared) if p["in"] == "path"]


# --- (a) a valid OpenAPI 3.1 document ----------------------------------------------------------
def test_the_document_is_valid_openapi_3_1(doc):
    assert doc["openapi"] == "3.1.0"
    validate(doc, cls=OpenAPIV31SpecValidator)
    assert doc["info"]["title"] == "Commerce API" and doc["info"]["version"] == "1"
    assert doc["servers"][0]["url"] == "http://127.0.0.1:8000"


def test_every_reference_resolves(doc):
    refs: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                refs.append(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc)
    assert refs
    for ref in set(refs):
        assert resolve(doc, {"$ref": ref}) is not None, ref


# --- (b) the operations are exactly the app's routes ----------------------------------------------
def test_the_operations_are_exactly_the_app_routes(doc, app_routes):
    documented = set(operations(doc))
    served = set(app_routes)
    assert sorted(served - documented) == [], "routes the document lacks"
    assert sorted(documented - served) == [], "operations the app does not serve"


def test_path_parameters_match_the_routes(doc, app_routes):
    for (method, path), op in operations(doc).items():
        declared = path_parameters(doc, path, op)
        names = sorted(p["name"] for p in declared)  # a name declared twice shows up twice
        assert names == sorted(re.findall(r"{(\w+)}", path)), (method, path)
        assert names == sorted(app_routes[(method, path)].view_args), (method, path)
        assert all(p["required"] is True for p in declared), (method, path)


def test_operation_ids_are_unique_and_tags_declared(doc):
    ops = operations(doc)
    ids = [op["operationId"] for op in ops.values()]
    assert len(ids) == len(set(ids))
    declared_tags = {tag["name"] for tag in doc["tags"]}
    for key, op in ops.items():
        assert op.get("summary") and op.get("tags"), key
        assert set(op["tags"]) <= declared_tags, key


# --- (c) success responses and security -----------------------------------------------------------
def test_every_operation_has_a_success_response(doc):
    for key, op in operations(doc).items():
        assert any(re.fullmatch(r"2\d\d", str(status)) for status in op["responses"]), key


def test_every_non_public_operation_declares_security(doc):
    schemes = set(doc["components"]["securitySchemes"])
    assert {"bearerAuth", "apiKey", "cartToken"} <= schemes
    defined = doc["components"]["securitySchemes"]
    assert (defined["bearerAuth"]["type"], defined["bearerAuth"]["scheme"]) == ("http", "bearer")
    assert (defined["apiKey"]["type"], defined["apiKey"]["in"], defined["apiKey"]["name"]) == (
        "apiKey",
        "header",
        "X-Api-Key",
    )
    assert (defined["cartToken"]["in"], defined["cartToken"]["name"]) == ("header", "X-Cart-Token")
    assert "security" not in doc, "no global default: each operation says who may call it"
    for (method, path), op in operations(doc).items():
        assert "security" in op, (method, path)
        requirements = op["security"]
        for requirement in requirements:
            assert set(requirement) <= schemes, (method, path)
        if (method, path) in PUBLIC:
            assert requirements == [] or {} in requirements, (method, path)
        else:
            assert requirements and {} not in requirements, (method, path)
        if path.startswith("/admin/"):
            assert requirements == [{"apiKey": []}], (method, path)


def _handler_actions(entry: Any) -> set[str]:
    pattern = r'\bstaff\([^,()]+, "([a-z_]+:[a-z_]+)"\)'
    found = set(re.findall(pattern, inspect.getsource(entry.view_function)))
    if not found:  # the check sits in a helper of the module (settlements)
        found = set(re.findall(pattern, inspect.getsource(inspect.getmodule(entry.view_function))))
        assert len(found) == 1
    return found


def test_staff_operations_name_the_action_and_roles_the_code_checks(doc, app_routes):
    from chalicelib.domain.auth import PERMISSIONS, ROLES

    for (method, path), op in operations(doc).items():
        if not path.startswith("/admin/"):
            assert "x-staff-action" not in op, (method, path)
            continue
        action = op["x-staff-action"]
        assert _handler_actions(app_routes[(method, path)]) == {action}, (method, path)
        roles = [r for r in ROLES if r == "admin" or r in PERMISSIONS[action]]
        assert op["x-staff-roles"] == roles, (method, path)
        for role in roles:
            assert f"`{role}`" in op["description"], (method, path, role)
        for status in ("401", "403"):
            assert op["responses"][status]["$ref"] == PROBLEM_REF, (method, path, status)


def test_idempotent_routes_require_the_idempotency_key_header(doc, app_routes):
    for (method, path), op in operations(doc).items():
        source = inspect.getsource(app_routes[(method, path)].view_function)
        headers = [resolve(doc, p) for p in op.get("parameters", [])]
        keyed = [p for p in headers if p["in"] == "header" and p["name"] == "Idempotency-Key"]
        if "idempotent(" in source:
            assert keyed and keyed[0]["required"] is True, (method, path)
        else:
            assert not keyed, (method, path)


def _object_schema(doc: dict[str, Any], schema: Any) -> dict[str, Any] | None:
    """The object schema inside ``schema`` (through $ref, a nullable anyOf and array items)."""
    schema = resolve(doc, schema)
    for branch in schema.get("anyOf", []):
        found = _object_schema(doc, branch)
        if found is not None:
            return found
    if "items" in schema:
        return _object_schema(doc, schema["items"])
    return schema if "properties" in schema else None


def _nested_model(annotation: Any) -> Any:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _nested_model(arg)
        if found is not None:
            return found
    return None


def _assert_matches_model(doc: dict[str, Any], schema: dict[str, Any], model: Any, where: str) -> None:
    assert schema.get("additionalProperties") is False, where
    assert set(schema["properties"]) == set(model.model_fields), where
    required = {name for name, field in model.model_fields.items() if field.is_required()}
    assert set(schema.get("required", [])) == required, where
    for name, field in model.model_fields.items():
        nested = _nested_model(field.annotation)
        if nested is not None:
            inner = _object_schema(doc, schema["properties"][name])
            assert inner is not None, f"{where}.{name}"
            _assert_matches_model(doc, inner, nested, f"{where}.{name}")


def test_request_bodies_match_the_request_models(doc, app_routes):
    """A route that parses a body documents it with the model's fields and required fields, nested models too."""
    import importlib
    import pkgutil

    from chalicelib.api import schemas

    models: dict[str, Any] = {}  # every request model of every context module, by name (names are unique)
    for info in pkgutil.iter_modules(schemas.__path__):
        module = importlib.import_module(f"{schemas.__name__}.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, type) and value.__module__ == module.__name__:
                assert models.setdefault(name, value) is value, name
    for (method, path), op in operations(doc).items():
        source = inspect.getsource(app_routes[(method, path)].view_function)
        parsed = re.findall(r"parse_body\([^,()]+, (\w+)\)", source)
        if not parsed:
            # only the Stripe webhook reads a body without a model (it is Stripe's event)
            assert ("requestBody" in op) == (path == "/webhooks/stripe"), (method, path)
            continue
        [model_name] = parsed
        model = models[model_name]
        schema = resolve(doc, op["requestBody"]["content"]["application/json"]["schema"])
        _assert_matches_model(doc, schema, model, f"{method} {path} ({model_name})")
        required = any(field.is_required() for field in model.model_fields.values())
        assert op["requestBody"]["required"] is required, (method, path)  # an empty body counts as {}


def test_enumerations_follow_the_code(doc):
    from chalicelib.domain import catalog, membership, orders
    from chalicelib.domain.auth import ROLES
    from chalicelib.services import catalog as catalog_service
    from chalicelib.services import inventory, stock_alerts
    from chalicelib.services import operations as exceptions

    s = doc["components"]["schemas"]
    ops = operations(doc)

    def query(key: tuple[str, str], name: str) -> list[str]:  # a query parameter's choices
        [p] = [p for p in (resolve(doc, d) for d in ops[key]["parameters"]) if p["name"] == name]
        return p["schema"]["enum"]

    assert set(s["Order"]["properties"]["status"]["enum"]) == set(orders.STATUSES)
    assert set(s["Order"]["properties"]["payment_status"]["enum"]) == set(orders.PAYMENT_STATUSES)
    assert set(s["TrackingUpdate"]["properties"]["status"]["enum"]) == set(orders.TRACKING_STATUSES)
    assert set(query(("GET", "/admin/orders"), "status")) == set(orders.STATUSES)
    assert set(s["AdminProduct"]["properties"]["status"]["enum"]) == set(catalog.STATUSES)
    assert set(query(("GET", "/admin/products"), "status")) == set(catalog.STATUSES)
    assert set(query(("GET", "/products"), "sort")) == set(catalog_service.SEARCH_SORTS)
    assert set(s["Membership"]["properties"]["status"]["enum"]) == set(membership.STATUSES)
    assert set(s["StockAlert"]["properties"]["status"]["enum"]) == set(stock_alerts.STATUSES)
    assert set(query(("GET", "/admin/stock-alerts"), "status")) == set(stock_alerts.STATUSES)
    assert set(s["AdjustmentRequest"]["properties"]["reason"]["enum"]) == set(inventory.ADJUSTMENT_REASONS)
    assert set(s["ApiKey"]["properties"]["roles"]["items"]["enum"]) == set(ROLES)
    assert set(s["ApiKeyRequest"]["properties"]["roles"]["items"]["enum"]) == set(ROLES)
    from chalicelib.services.after_sales_jobs import BREACHES

    exception_kinds = {
        *exceptions.KINDS,
        exceptions.REFUND_REFUSED[0],
        exceptions.PAYMENT_MISMATCH[0],
        exceptions.DISPUTE[0],
    }
    exception_kinds |= {kind for kind, _ in BREACHES.values()}
    assert set(s["OrderException"]["properties"]["kind"]["enum"]) == exception_kinds


def test_job_names_are_the_known_jobs(doc):
    from chalicelib.workers.jobs import JOBS

    assert doc["components"]["parameters"]["JobName"]["schema"]["enum"] == list(JOBS)


# --- (d) errors are problem documents ----------------------------------------------------------------
def test_the_problem_response_is_problem_json(doc):
    problem = doc["components"]["responses"]["Problem"]
    assert set(problem["content"]) == {"application/problem+json"}
    schema = resolve(doc, problem["content"]["application/problem+json"]["schema"])
    assert schema is doc["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "code", "errors"} <= set(schema["properties"])
    assert schema.get("additionalProperties", True) is not False
    field_error = resolve(doc, schema["properties"]["errors"]["items"])
    assert set(field_error["properties"]) == {"field", "code", "message"}


def test_every_error_response_is_the_shared_problem_response(doc):
    for (method, path), op in operations(doc).items():
        assert "default" in op["responses"], (method, path)
        for status, response in op["responses"].items():
            if status != "default" and int(status) < 400:
                continue
            if (method, path, str(status)) in NOT_PROBLEMS:
                continue
            assert response.get("$ref") == PROBLEM_REF, (method, path, status)
            assert response.get("description"), (method, path, status)
            resolved = resolve(doc, response)
            assert set(resolved["content"]) == {"application/problem+json"}, (method, path, status)


# Success answers that are not JSON: the API reference's YAML, page and script (api/reference.py).
NOT_JSON = {
    "/openapi.yaml": "application/yaml",
    "/docs": "text/html",
    "/docs/assets/{asset}": "text/javascript",
}
# Success answers in several forms, chosen by a query parameter (``format``).
FORMATS = {
    "/admin/reports/kpis": {"application/json", "text/csv", "image/svg+xml"},
    "/admin/reports/products": {"application/json", "text/csv"},
}


def test_success_responses_are_json_except_the_csv_export_and_the_reference(doc):
    for (method, path), op in operations(doc).items():
        for status, response in op["responses"].items():
            if status == "default" or not str(status).startswith("2"):
                continue
            content = set(response.get("content", {}))
            if str(status) == "204":
                assert content == set(), (method, path)
            elif path.endswith("/csv"):
                assert content == {"text/csv"}, (method, path)
            elif path in FORMATS:
                assert content == FORMATS[path], (method, path)
            elif path in NOT_JSON:
                assert content == {NOT_JSON[path]}, (method, path)
            else:
                assert content == {"application/json"}, (method, path)


# --- (e) every integer a request may carry is bounded, in the model and in the document ------------
def _is_int(annotation: Any) -> bool:
    return annotation is int or (int in getattr(annotation, "__args__", ()) and not _nested_model(annotation))


def _bound(field: Any, name: str) -> Any:
    return next((getattr(m, name) for m in field.metadata if getattr(m, name, None) is not None), None)


def _integer_schema(doc: dict[str, Any], schema: Any) -> dict[str, Any]:
    schema = resolve(doc, schema)
    for branch in schema.get("anyOf", []):
        branch = resolve(doc, branch)
        if "integer" in (branch.get("type") if isinstance(branch.get("type"), list) else [branch.get("type")]):
            return branch
    return schema


def _integer_bounds(doc: dict[str, Any], schema: dict[str, Any], model: Any, where: str, seen: list[str]) -> None:
    for name, field in model.model_fields.items():
        nested = _nested_model(field.annotation)
        if nested is not None:
            inner = _object_schema(doc, schema["properties"][name])
            _integer_bounds(doc, inner, nested, f"{where}.{name}", seen)
        elif _is_int(field.annotation):
            seen.append(f"{where}.{name}")
            maximum = _bound(field, "le")
            assert maximum is not None, f"{where}.{name}: an integer without a maximum (le=)"
            assert maximum <= 10**15, f"{where}.{name}"  # DynamoDB numbers hold 38 digits; sums stay far below
            documented = _integer_schema(doc, schema["properties"][name])
            assert documented.get("maximum") == maximum, f"{where}.{name}: the document's maximum"
            if _bound(field, "ge") is not None:
                # The document may be stricter than the model where a service rule adds to it
                # (a plan's price is at least 100: MIN_PRICE in services/membership.py).
                assert documented.get("minimum", -1) >= _bound(field, "ge"), f"{where}.{name}: the document's minimum"


def test_every_integer_of_every_request_model_has_the_documented_maximum(doc, app_routes):
    import importlib
    import pkgutil

    from chalicelib.api import schemas

    models: dict[str, Any] = {}
    for info in pkgutil.iter_modules(schemas.__path__):
        module = importlib.import_module(f"{schemas.__name__}.{info.name}")
        models.update(
            {n: v for n, v in vars(module).items() if isinstance(v, type) and v.__module__ == module.__name__}
        )
    seen: list[str] = []
    for (method, path), op in operations(doc).items():
        source = inspect.getsource(app_routes[(method, path)].view_function)
        for model_name in re.findall(r"parse_body\([^,()]+, (\w+)\)", source):
            schema = resolve(doc, op["requestBody"]["content"]["application/json"]["schema"])
            _integer_bounds(doc, schema, models[model_name], f"{method} {path}", seen)
    assert any(s.endswith(".usage_limit") for s in seen) and any(s.endswith(".price.amount") for s in seen)
