"""chalicelib/observability.py: the console format of `make run`, the caller
kind, and a logger that Chalice's own log configuration does not silence."""

from __future__ import annotations

import json
import logging
import re

from chalicelib import observability


def record(name: str, msg: str, level: int = logging.INFO, **extra: object) -> logging.LogRecord:
    made = logging.makeLogRecord({"name": name, "msg": msg, "levelno": level, "levelname": logging.getLevelName(level)})
    made.__dict__.update(extra)
    return made


def test_the_console_format_is_one_short_line_per_record():
    formatter = observability.console_formatter()
    access = record(
        "commerce.access",
        "GET /products/{product_id} 200 4.1ms",
        event="access",
        method="GET",
        route="/products/{product_id}",
        status=200,
        duration_ms=4.1,
        caller="anonymous",
    )
    observability.bind_request("ab12cd34ef56")
    try:
        line = formatter.format(access)
        event = formatter.format(
            record("commerce.settlement", "settled order o1", event="settled", order_id="o1", kind="sale")
        )
    finally:
        observability.unbind_request()
    assert re.fullmatch(
        r"\d\d:\d\d:\d\d INFO  GET /products/\{product_id\} 200 4\.1ms caller=anonymous req=ab12cd34", line
    )
    assert re.fullmatch(
        r"\d\d:\d\d:\d\d INFO  \[settlement\] settled order o1 order_id=o1 kind=sale req=ab12cd34", event
    )
    # Out of a request: no request id.
    later = formatter.format(record("commerce.workers.fulfillment", "order o2: shipped", logging.WARNING))
    assert re.fullmatch(r"\d\d:\d\d:\d\d WARNING \[workers\.fulfillment\] order o2: shipped", later)


def test_the_console_format_keeps_the_traceback():
    formatter = observability.console_formatter()
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        failing = record("commerce.api", "unhandled error", logging.ERROR, exc_info=sys.exc_info())
    text = formatter.format(failing)
    assert text.splitlines()[0].endswith("ERROR [api] unhandled error")
    assert "Traceback" in text and "ValueError: boom" in text


def test_the_caller_kind_names_the_credential_never_shows_it():
    observability.bind_request("r1")
    try:
        assert observability.caller_kind({}) == "anonymous"
        assert observability.caller_kind({"authorization": "Bearer t"}) == "customer"
        assert observability.caller_kind({"x-api-key": "k"}) == "api_key"
        observability.note_caller("staff")
        assert observability.caller_kind({"x-api-key": "k"}) == "staff"
    finally:
        observability.unbind_request()
    assert observability.caller_kind({"x-api-key": "k"}) == "api_key"  # not carried to the next request


def test_info_lines_survive_chalice_configuring_its_app_logger(capsys):
    from chalice import Chalice

    observability.setup_logging()
    parent = logging.getLogger("commerce")
    level = parent.level
    try:
        Chalice(app_name="commerce")  # would add its handler, set ERROR and stop propagation
        Chalice(app_name="commerce", debug=True)
        logging.getLogger("commerce.unit").info("still here", extra={"event": "probe", "n": 1})
        assert parent.level == logging.INFO
        ours = [h for h in parent.handlers if type(h).__module__ != "_pytest.logging"]  # pytest's capture apart
        assert len(ours) == 1 and isinstance(ours[0], observability.StdoutHandler)
    finally:
        parent.setLevel(level)
    (line,) = [json.loads(raw) for raw in capsys.readouterr().out.splitlines() if '"probe"' in raw]
    assert line["message"] == "still here" and line["n"] == 1 and line["service"] == "commerce"
