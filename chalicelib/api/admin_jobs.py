"""Run a scheduled job on demand (staff: admin, operations, finance)."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from ..domain.errors import FieldError, ValidationFailed
from .http import json_response, parse_body, route, staff

bp = Blueprint(__name__)


@route(bp, "/admin/jobs/{name}/runs", ("POST",))
def run(name: str) -> Response:
    from ..domain.clock import to_rfc3339
    from ..workers.jobs import run_job
    from .schemas.staff import JobRunIn

    staff(bp.current_request, "jobs:run")
    body = parse_body(bp.current_request, JobRunIn)
    container = get_container()
    now = container.clock.now()
    as_of = body.as_of or now
    if as_of > now and not container.settings.is_local:
        raise ValidationFailed(
            "as_of may not be in the future outside the local stage.",
            [FieldError("as_of", "as_of_in_future", "Use a moment at or before now.")],
        )
    started = container.clock.now()
    summary = run_job(name, as_of)
    return json_response(
        {
            "job": name,
            "as_of": to_rfc3339(as_of),
            "started_at": to_rfc3339(started),
            "finished_at": to_rfc3339(container.clock.now()),
            "summary": summary,
        }
    )
