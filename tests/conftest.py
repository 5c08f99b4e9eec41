"""Shared test setup: dummy AWS credentials for local engines and moto, and a
fresh settings/container for every test."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
# Logs as deployed (JSON lines, read back by tests), no X-Ray.
os.environ["COMMERCE_LOG_FORMAT"] = "json"
os.environ.setdefault("COMMERCE_LOG_LEVEL", "INFO")
os.environ["POWERTOOLS_TRACE_DISABLED"] = "true"
# A pytest-xdist worker (`make test` runs the unit and integration tiers on two)
# starts with COLUMNS=80 and LINES=24 in its environment, which fix the width of
# the admin CLI's rich console at import: drop them, so that a worker lays out
# tables as a serial run does (and as the CLI tests that set COLUMNS expect).
if "PYTEST_XDIST_WORKER" in os.environ:
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)


@pytest.fixture(autouse=True)
def _fresh_settings():
    from chalicelib.bootstrap import reset_container
    from chalicelib.settings import reset_settings

    reset_settings()
    reset_container()
    yield
    reset_settings()
    reset_container()
