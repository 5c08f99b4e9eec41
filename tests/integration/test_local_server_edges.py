"""The local server (`make run`, localdev/server.py) over real HTTP: the answers
http.server gives before any route runs, and unknown routes, are problem+json
with X-Request-Id, like the app's own errors."""

from __future__ import annotations

import http.client
import json
import socket

import pytest


@pytest.fixture
def server(api):
    from app import app
    from localdev.server import ApiServer

    original = app.__class__
    running = ApiServer(app, "127.0.0.1", 0).start()
    yield running
    running.stop()
    app.__class__ = original


def send(server, method: str, path: str, headers: list[tuple[str, str]] | None = None):
    connection = http.client.HTTPConnection(server.host, server.port, timeout=10)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in headers or []:
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def assert_problem(status: int, headers: dict[str, str], body: bytes, expected_status: int, code: str) -> dict:
    assert status == expected_status, body
    assert headers["Content-Type"] == "application/problem+json"
    assert headers.get("X-Request-Id")
    problem = json.loads(body)
    assert {"type", "title", "status", "detail", "code"} <= set(problem)
    assert (problem["status"], problem["code"]) == (expected_status, code)
    assert problem["type"] == f"urn:commerce:problem:{code}"
    return problem


def test_an_unknown_method_on_an_existing_path_is_405_with_allow(server):
    status, headers, body = send(server, "PROPFIND", "/products", [("X-Request-Id", "req-propfind")])
    problem = assert_problem(status, headers, body, 405, "method_not_allowed")
    assert problem["title"] == "Method Not Allowed" and "PROPFIND" in problem["detail"]
    assert headers["X-Request-Id"] == "req-propfind"
    assert "GET" in [m.strip() for m in headers["Allow"].split(",")]


def test_an_unknown_method_on_an_unknown_path_is_405_without_allow(server):
    status, headers, body = send(server, "FOO", "/no/such/path")
    assert_problem(status, headers, body, 405, "method_not_allowed")
    assert "Allow" not in headers


def test_the_app_s_own_405_names_the_same_methods(server):
    ours = send(server, "PROPFIND", "/admin/products/prod_1")
    apps = send(server, "DELETE", "/admin/products/prod_1")
    assert_problem(*ours, 405, "method_not_allowed")
    assert_problem(*apps, 405, "method_not_allowed")
    assert sorted(ours[1]["Allow"].split(", ")) == sorted(apps[1]["Allow"].split(", "))


def test_a_header_line_over_the_limit_is_431_problem_json(server):
    status, headers, body = send(server, "GET", "/products", [("X-Big", "x" * 70_000)])
    problem = assert_problem(status, headers, body, 431, "request_header_fields_too_large")
    assert problem["title"] == "Request Header Fields Too Large"


def test_more_than_100_headers_is_431_problem_json(server):
    many = [(f"X-H{i}", "1") for i in range(101)]
    status, headers, body = send(server, "GET", "/products", [("X-Request-Id", "req-many"), *many])
    assert_problem(status, headers, body, 431, "request_header_fields_too_large")


def test_an_unknown_route_is_404_problem_json_with_the_request_id(server):
    status, headers, body = send(server, "GET", "/nowhere", [("X-Request-Id", "req-404")])
    problem = assert_problem(status, headers, body, 404, "not_found")
    assert headers["X-Request-Id"] == "req-404" and problem["detail"] == "No route GET /nowhere."


def test_a_malformed_request_line_is_400_problem_json(server):
    with socket.create_connection((server.host, server.port), timeout=10) as raw:
        raw.sendall(b"GET /products HTTP/1.1 extra\r\n\r\n")
        received = b""
        while chunk := raw.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    assert lines[0].startswith("HTTP/1.1 400") or lines[0].startswith("HTTP/1.0 400")
    assert_problem(400, headers, body, 400, "validation_error")


def test_a_normal_request_still_works_on_the_same_server(server):
    status, headers, body = send(server, "GET", "/products", [("X-Request-Id", "req-ok")])
    assert status == 200 and headers["X-Request-Id"] == "req-ok" and "items" in json.loads(body)


def test_the_server_sends_without_waiting_for_acks_on_kept_alive_connections(server, monkeypatch):
    """Nagle's algorithm held each response's body back until the client's delayed ACK
    (about 40 ms a request on a reused connection): the accepted sockets have TCP_NODELAY."""
    from localdev.server import ProblemRequestHandler

    seen: list[int] = []
    setup = ProblemRequestHandler.setup

    def recording_setup(self):
        setup(self)
        seen.append(self.connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    monkeypatch.setattr(ProblemRequestHandler, "setup", recording_setup)
    connection = http.client.HTTPConnection(server.host, server.port, timeout=10)
    try:
        for _ in range(3):  # one connection, kept alive
            connection.request("GET", "/no-such-route")
            response = connection.getresponse()
            response.read()
            assert response.status == 404
    finally:
        connection.close()
    assert len(seen) == 1 and seen[0] != 0
