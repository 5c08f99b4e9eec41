"""The API reference the app serves (chalicelib/api/reference.py): /openapi.json
and /openapi.yaml are the one document, docs/openapi.yaml, as it stands now (a
stale build fails here), the JSON validates as OpenAPI 3.1, /docs loads only
what the app serves, and unknown assets are 404 problems. The files live in
chalicelib/, which Chalice packages whole (tests/infra/test_bundle.py reads them
from the synthesised bundle)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from chalicelib.api import reference

ROOT = Path(__file__).resolve().parents[2]
DOC_PATH = ROOT / "docs" / "openapi.yaml"


def test_every_file_the_routes_read_is_built_inside_the_packaged_chalicelib():
    assert reference.REFERENCE_DIR == ROOT / "chalicelib" / "reference"
    for name in reference.SERVED_FILES:
        path = reference.REFERENCE_DIR / name
        assert path.is_file() and path.stat().st_size > 0, f"{path} is missing: run `make reference` (make test does)"


def test_openapi_json_is_the_document_and_validates_as_openapi_3_1(api):
    r = api.get("/openapi.json")
    assert r.status == 200 and r.header("Content-Type") == "application/json"
    assert r.header("Cache-Control") == "public, max-age=300" and r.header("X-Request-Id")
    assert r.body == yaml.safe_load(DOC_PATH.read_text(encoding="utf-8")), (
        "the served document is stale against docs/openapi.yaml: run `make reference`"
    )
    validate(r.body, cls=OpenAPIV31SpecValidator)
    assert r.body["openapi"] == "3.1.0" and "/openapi.json" in r.body["paths"]


def test_openapi_yaml_is_the_document_byte_for_byte(api):
    r = api.get("/openapi.yaml")
    assert r.status == 200 and r.header("Content-Type") == "application/yaml; charset=utf-8"
    body = r.body.decode("utf-8") if isinstance(r.body, bytes) else r.body
    assert body == DOC_PATH.read_text(encoding="utf-8")


def test_the_docs_page_renders_the_document_with_the_redoc_the_app_serves(api):
    r = api.get("/docs")
    assert r.status == 200 and r.header("Content-Type") == "text/html; charset=utf-8"
    page = r.body.decode("utf-8") if isinstance(r.body, bytes) else r.body
    [spec] = re.findall(r'<redoc spec-url="([^"]+)"', page)
    scripts = re.findall(r'<script src="([^"]+)"', page)
    # Relative URLs only (they resolve under a deployed stage's path too), nothing from elsewhere.
    assert not re.search(r"(src|href|spec-url)=\"(https?:|//|/)", page)
    assert api.get("/" + spec).status == 200
    assert scripts == ["docs/assets/redoc.standalone.js"]
    script = api.get("/" + scripts[0])
    assert script.status == 200 and script.header("Content-Type") == "text/javascript; charset=utf-8"
    code = script.body.decode("utf-8") if isinstance(script.body, bytes) else script.body
    assert len(code) > 500_000 and "Redoc" in code


def test_unknown_assets_are_404_problems(api):
    for name in ("redoc.js", "openapi.json", "README", "redoc.standalone.js.LICENSE.txt", "..%2Fapp.py", "x" * 200):
        r = api.get(f"/docs/assets/{name}")
        assert r.status == 404, name
        assert r.header("Content-Type") == "application/problem+json" and r.code == "not_found", name
