"""The storefront demo and ops console files on the local server (`make run`,
localdev/pages.py): what is served under /demo/ and /console/, and what is not."""

from __future__ import annotations

import json

import pytest

from localdev import pages
from tests.integration.test_local_server_edges import send, server  # noqa: F401 - the fixture


@pytest.mark.parametrize("page", ["demo", "console"])
def test_each_page_is_served_with_its_script_and_the_shared_files(server, page):  # noqa: F811
    status, headers, body = send(server, "GET", f"/{page}/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert b'<script type="module" src="app.js">' in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Request-Id"]
    status, headers, body = send(server, "GET", f"/{page}/app.js")
    assert (status, headers["Content-Type"]) == (200, "text/javascript; charset=utf-8")
    assert b'from "./shared/api.js"' in body
    status, _, body = send(server, "GET", f"/{page}/shared/api.js")
    assert status == 200 and b'from "../commerce.js"' in body
    assert send(server, "GET", f"/{page}/shared/style.css")[0] == 200


def test_a_page_without_its_slash_redirects_to_it(server):  # noqa: F811
    status, headers, _ = send(server, "GET", "/console")
    assert (status, headers["Location"]) == (301, "/console/")


def test_the_client_bundle_is_served_under_each_page(server, tmp_path, monkeypatch):  # noqa: F811
    bundle = tmp_path / "commerce.js"
    bundle.write_text("export const createCommerceClient = () => null;\n")
    monkeypatch.setattr(pages, "BUNDLE", bundle)
    for page in ("demo", "console"):
        status, headers, body = send(server, "GET", f"/{page}/commerce.js")
        assert (status, headers["Content-Type"], body) == (200, "text/javascript; charset=utf-8", bundle.read_bytes())


def test_an_unbuilt_bundle_is_a_404_that_says_how_to_build_it(server, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setattr(pages, "BUNDLE", tmp_path / "missing.js")
    status, headers, body = send(server, "GET", "/demo/commerce.js")
    assert (status, headers["Content-Type"]) == (404, "application/problem+json")
    assert "make client" in json.loads(body)["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/demo/../app.py",
        "/demo/%2e%2e/localdev/pages.py",
        "/demo/shared/../../../app.py",
        "/console/nope.js",
        "/demo/shared/",
    ],
)
def test_nothing_outside_the_page_folders_is_served(server, path):  # noqa: F811
    status, headers, body = send(server, "GET", path)
    assert (status, headers["Content-Type"]) == (404, "application/problem+json")
    assert json.loads(body)["code"] == "not_found"


def test_the_pages_are_read_only_and_the_api_next_to_them_unchanged(server):  # noqa: F811
    status, headers, body = send(server, "POST", "/demo/")
    assert (status, headers["Allow"], json.loads(body)["code"]) == (405, "GET, HEAD", "method_not_allowed")
    status, _, body = send(server, "GET", "/demonstration")
    assert (status, json.loads(body)["code"]) == (404, "not_found")  # the app's own unknown route
    assert send(server, "GET", "/products")[0] == 200


def test_the_card_step_refuses_what_is_not_a_client_secret(server):  # noqa: F811
    status, headers, body = send(server, "GET", "/demo/localstripe/confirm")
    assert (status, headers["Allow"]) == (405, "POST")
    answer = pages.confirm_card(json.dumps({"client_secret": "nope", "card": {}}).encode())
    assert (answer.status, json.loads(answer.body)["code"]) == (400, "validation_error")
    answer = pages.confirm_card(b"not json")
    assert answer.status == 400
