"""Logging for the API, the workers and the local stack: one Powertools
``Logger`` (service ``commerce``) owns the ``commerce`` stdlib logger, so every
``logging.getLogger("commerce.<x>")`` in the code (services and domain never
import Powertools) reaches its handler through propagation.

- ``COMMERCE_LOG_LEVEL``: DEBUG, INFO (default), WARNING, ERROR.
- ``COMMERCE_LOG_FORMAT``: ``json`` (default: one JSON object a line, what
  CloudWatch Logs gets) or ``console`` (a short human line; ``make run``).

Chalice configures the logger named after the app (``commerce``) with a level
of ERROR and ``propagate = False``; app.py creates Chalice with
``configure_logs=False`` after ``setup_logging()``, and ``setup_logging`` also
takes the logger back (handlers, level) if Chalice got there first.

Request-scoped keys (``request_id``) live in a context variable (Powertools'
thread-safe keys): the local server answers requests on many threads at once,
a Lambda one at a time; ``bind_request``/``unbind_request`` bracket each request.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from contextvars import ContextVar
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aws_lambda_powertools import Logger
    from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter

SERVICE = "commerce"
CALLER_KINDS = ("anonymous", "customer", "staff", "api_key")

_logger: Logger | None = None
_caller: ContextVar[str | None] = ContextVar("commerce_caller", default=None)


class StdoutHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stdout`` is when a line is logged (Lambda's,
    pytest's capture), never a stream captured at import."""

    def __init__(self) -> None:
        logging.Handler.__init__(self)

    @property  # type: ignore[override]
    def stream(self) -> IO[str]:
        return sys.stdout

    @stream.setter
    def stream(self, _value: IO[str]) -> None:  # StreamHandler.setStream: always stdout
        pass


def _formatter_class() -> type[LambdaPowertoolsFormatter]:
    from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter

    class ConsoleFormatter(LambdaPowertoolsFormatter):
        """``12:01:02 INFO  GET /products/{product_id} 200 4.1ms caller=anonymous req=ab12cd34``:
        the same keys as the JSON lines, for a person reading ``make run``."""

        HIDDEN = frozenset(
            {
                "level",
                "location",
                "message",
                "timestamp",
                "service",
                "sampling_rate",
                "xray_trace_id",
                "event",
                "request_id",
                "correlation_id",
            }
        )
        IN_ACCESS_MESSAGE = frozenset({"method", "route", "status", "duration_ms"})

        def format(self, record: logging.LogRecord) -> str:
            fields = self._extract_log_keys(log_record=record)
            hidden = self.HIDDEN | (self.IN_ACCESS_MESSAGE if fields.get("event") == "access" else frozenset())
            parts = [time.strftime("%H:%M:%S", time.localtime(record.created)), f"{record.levelname:<5}"]
            if not record.name.startswith(f"{SERVICE}.access"):
                parts.append(f"[{record.name.removeprefix(SERVICE + '.') or SERVICE}]")
            parts.append(record.getMessage())
            parts += [f"{k}={v}" for k, v in fields.items() if k not in hidden and v is not None]
            request_id = fields.get("request_id")
            if request_id:
                parts.append(f"req={str(request_id)[:8]}")
            line = " ".join(parts)
            if record.exc_info:
                line += "\n" + self.formatException(record.exc_info)
            return line

    return ConsoleFormatter


def console_formatter() -> logging.Formatter:
    return _formatter_class()(utc=True, use_rfc3339=True)


def setup_logging() -> Logger:
    """Configures the ``commerce`` logger once per process; later calls return it."""
    global _logger
    if _logger is not None:
        return _logger
    from aws_lambda_powertools import Logger

    parent = logging.getLogger(SERVICE)
    for handler in list(parent.handlers):  # Chalice's own "%(name)s - %(levelname)s" handler, if any
        parent.removeHandler(handler)
    console = os.environ.get("COMMERCE_LOG_FORMAT", "json").strip().lower() == "console"
    _logger = Logger(
        service=SERVICE,
        level=os.environ.get("COMMERCE_LOG_LEVEL", "INFO").strip().upper() or "INFO",
        logger_handler=StdoutHandler(),
        logger_formatter=console_formatter() if console else None,  # type: ignore[arg-type]
        utc=True,
        use_rfc3339=True,
    )
    # One line per record: not again through the root logger's handlers (Lambda's, basicConfig's).
    parent.propagate = False
    return _logger


# --- request scope --------------------------------------------------------------------
def bind_request(request_id: str) -> None:
    """Every line logged until ``unbind_request`` carries ``request_id``."""
    _caller.set(None)
    setup_logging().thread_safe_append_keys(request_id=request_id)


def unbind_request() -> None:
    _caller.set(None)
    setup_logging().thread_safe_remove_keys(["request_id"])


def note_caller(kind: str) -> None:
    """What authentication resolved for this request (``staff`` once a key checked out)."""
    _caller.set(kind)


def caller_kind(headers: Any) -> str:
    """Who called, from what authentication resolved or else which credential
    header was sent; never the credential itself."""
    resolved = _caller.get()
    if resolved is not None:
        return resolved
    if headers.get("x-api-key"):
        return "api_key"
    if headers.get("authorization"):
        return "customer"
    return "anonymous"
