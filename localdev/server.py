"""The HTTP side of the local stack: Chalice's local gateway, with unknown
routes answered as 404 problem+json (as the API Gateway "missing
authentication token" gateway response is configured on AWS, see infra/)."""

from __future__ import annotations

import json
import threading
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
    ThreadedHTTPServer,
)
from chalice.test import Client

NO_ROUTE = {
    "type": "urn:commerce:problem:not_found",
    "title": "Not Found",
    "status": 404,
    "detail": "No such route.",
    "code": "not_found",
}


class ProblemGateway(LocalGateway):
    def handle_request(self, method: str, path: str, headers: Any, body: bytes | None) -> Any:
        try:
            return super().handle_request(method, path, headers, body)
        except ForbiddenError:  # Chalice's stand-in for API Gateway's "no such route"
            return {
                "statusCode": 404,
                "headers": {"Content-Type": "application/problem+json"},
                "multiValueHeaders": {},
                "body": json.dumps({**NO_ROUTE, "detail": f"No route {method} {path.split('?')[0]}."}),
            }


class ProblemRequestHandler(ChaliceRequestHandler):
    def __init__(self, request: Any, client_address: Any, server: Any, app_object: Chalice, config: Config) -> None:
        self.local_gateway = ProblemGateway(app_object, config)
        BaseHTTPRequestHandler.__init__(self, request, client_address, server)  # type: ignore[arg-type]

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
