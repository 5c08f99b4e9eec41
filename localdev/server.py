"""The HTTP side of the local stack: Chalice's local gateway, with unknown
routes answered as 404 problem+json (as the API Gateway "missing
authentication token" gateway response is configured on AWS, see infra/),
and the answers http.server gives itself (an unknown method, headers over its
limits, a malformed request line) as problem+json too, each with X-Request-Id.
/demo/ and /console/ are the static pages of localdev/pages.py."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import Any

from chalice.app import Chalice
from chalice.config import Config
from chalice.local import (
    ChaliceRequestHandler,
    CustomLocalChalice,
    ForbiddenError,
    LocalChalice,
    LocalDevServer,
    LocalGateway,
    RouteMatcher,
    ThreadedHTTPServer,
)
from chalice.test import Client

from chalicelib.domain.error_codes import CommonErrorCode, ErrorCode

NO_ROUTE = {
    "type": "urn:commerce:problem:not_found",
    "title": "Not Found",
    "status": 404,
    "detail": "No such route.",
    "code": "not_found",
}


def request_id_of(headers: Mapping[str, str] | None) -> str:
    """The caller's X-Request-Id (first 64 characters), else a new id: as the app's middleware does."""
    sent = next((v for k, v in (headers or {}).items() if k.lower() == "x-request-id"), "")
    return sent[:64] or uuid.uuid4().hex


def problem_body(status: int, code: ErrorCode, detail: str) -> str:
    """The app's problem+json shape (chalicelib/api/errors.py), for answers the app never sees."""
    return json.dumps(
        {
            "type": f"urn:commerce:problem:{code}",
            "title": HTTPStatus(status).phrase,
            "status": status,
            "detail": detail,
            "code": code,
        }
    )


class ProblemGateway(LocalGateway):
    def __init__(self, app_object: Chalice, config: Config) -> None:
        super().__init__(app_object, config)
        self._routes = RouteMatcher(list(app_object.routes))

    def allowed_methods(self, path: str) -> list[str] | None:
        """The methods of the route ``path`` matches (as the app's own 405 lists them), or None."""
        try:
            route = self._routes.match_route(path.split("?")[0]).route
        except ValueError:
            return None
        return list(self._app_object.routes[route])

    def handle_request(self, method: str, path: str, headers: Any, body: bytes | None) -> Any:
        try:
            return super().handle_request(method, path, headers, body)
        except ForbiddenError:  # Chalice's stand-in for API Gateway's "no such route"
            return {
                "statusCode": 404,
                "headers": {"Content-Type": "application/problem+json", "X-Request-Id": request_id_of(headers)},
                "multiValueHeaders": {},
                "body": json.dumps({**NO_ROUTE, "detail": f"No route {method} {path.split('?')[0]}."}),
            }


class ProblemRequestHandler(ChaliceRequestHandler):
    local_gateway: ProblemGateway
    # http.server writes a response's headers and its body in two sends. On a kept-alive
    # connection Nagle's algorithm held the body back until the client's delayed ACK of
    # the headers, about 40 ms later: 44 ms a request instead of 0.2 ms (measured here
    # with http.client, `make bench` prints it). TCP_NODELAY sends the body at once.
    disable_nagle_algorithm = True

    def __init__(self, request: Any, client_address: Any, server: Any, app_object: Chalice, config: Config) -> None:
        self.local_gateway = ProblemGateway(app_object, config)
        BaseHTTPRequestHandler.__init__(self, request, client_address, server)  # type: ignore[arg-type]

    def _generic_handle(self) -> None:
        from . import pages

        if not pages.is_page_path(self.path):
            super()._generic_handle()
            return
        _, body = self._parse_payload()
        answer = pages.serve(self.command, self.path, body)
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("X-Request-Id", request_id_of(self.headers))
        self.end_headers()
        self.wfile.write(answer.body)

    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = do_PATCH = do_OPTIONS = _generic_handle

    def parse_request(self) -> bool:
        # A kept-alive connection's previous request left its headers and path behind:
        # an error while parsing this one must not answer with that request's id.
        self.__dict__.pop("headers", None)
        self.__dict__.pop("path", None)
        return bool(super().parse_request())

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own answers, before any route runs, as problem+json: an unknown
        method (its 501) is 405 with Allow where the path exists; a header line over
        65,536 bytes or over 100 headers is 431; a malformed or over-long request line
        or an unsupported HTTP version keep their status (400, 414, 505)."""
        headers: dict[str, str] = {}
        command = getattr(self, "command", None) or ""
        if code == HTTPStatus.NOT_IMPLEMENTED and command:
            status, error_code = 405, CommonErrorCode.METHOD_NOT_ALLOWED
            detail = f"{command} is not a method this API serves."
            allowed = self.local_gateway.allowed_methods(getattr(self, "path", "") or "/")
            if allowed is not None:
                headers["Allow"] = ", ".join(allowed)
                detail = f"{command} is not allowed here; use {', '.join(allowed)}."
        elif code == HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE:
            status, error_code = 431, CommonErrorCode.REQUEST_HEADER_FIELDS_TOO_LARGE
            detail = f"{message or 'Headers too large'}: at most 100 header lines of at most 65536 bytes each."
        else:
            status, error_code = int(code), CommonErrorCode.VALIDATION_ERROR
            detail = message or HTTPStatus(status).phrase
        body = problem_body(status, error_code, detail).encode()
        # http.server takes a request line it could not parse for HTTP/0.9, which has no
        # status line and no headers: answer with both, so the client can read the problem.
        if getattr(self, "request_version", "HTTP/0.9") == "HTTP/0.9":
            self.request_version = "HTTP/1.0"
        self.send_response(status, HTTPStatus(status).phrase)
        self.send_header("Content-Type", "application/problem+json")
        self.send_header("X-Request-Id", request_id_of(getattr(self, "headers", None)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Connection", "close")  # the rest of the request was not read
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.close_connection = True
        if command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # access logs come from the app's middleware
        return


class Server(ThreadedHTTPServer):
    # The stdlib default backlog of 5 resets connections under a burst of clients.
    request_queue_size = 256


def local_config(stage: str = "local") -> Config:
    return Config.create(chalice_stage=stage, app_name="commerce", lambda_timeout=30, lambda_memory_size=512)


def make_thread_safe(app: Chalice) -> None:
    """What `chalice local` does: keep current_request per thread."""
    if not isinstance(app, LocalChalice):
        CustomLocalChalice.__bases__ = (LocalChalice, app.__class__)
        app.__class__ = CustomLocalChalice


class ApiServer:
    """Serves the app on host:port in a background thread."""

    def __init__(self, app: Chalice, host: str, port: int) -> None:
        make_thread_safe(app)
        self.server = LocalDevServer(
            app, local_config(), host, port, handler_cls=ProblemRequestHandler, server_cls=Server
        )
        self.host, self.port = host, self.server.server.server_address[1]
        self.thread = threading.Thread(target=self.server.server.serve_forever, name="api", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> ApiServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.server.shutdown()
        self.server.server.server_close()


def test_client(app: Chalice, stage: str = "local") -> Client:
    """chalice.test.Client whose gateway answers unknown routes like the deployed API."""
    client = Client(app, stage_name=stage)
    client.http._local_gateway = ProblemGateway(app, client._chalice_config)
    return client
