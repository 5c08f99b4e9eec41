"""GET /health: each dependency probed in parallel, bounded by a timeout."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import json_response, route

if TYPE_CHECKING:  # boto3 is imported by the probes only when they run
    from ..adapters.health import Probe

bp = Blueprint(__name__)
HEALTH_RETRY_AFTER_SECONDS = 5


def _probe(probe: Probe) -> dict[str, str]:
    try:
        probe.check()
    except Exception as error:  # noqa: BLE001 - any failure means "down"
        return {"status": "down", "detail": f"{type(error).__name__}: {error}"[:300]}
    return {"status": "ok"}


@route(bp, "/health")
def health() -> Response:
    probes = get_container().health_probes
    with ThreadPoolExecutor(max_workers=len(probes)) as pool:
        results = dict(zip((p.name for p in probes), pool.map(_probe, probes), strict=True))
    down = sorted(name for name, r in results.items() if r["status"] != "ok")
    body = {"status": "ok" if not down else "unavailable", "components": results}
    if down:
        body["detail"] = f"Down: {', '.join(down)}."
    if not down:
        return json_response(body)
    # Like every 503 of the API: when to look again (a load balancer or monitor polling it).
    return json_response(body, 503, {"Retry-After": str(HEALTH_RETRY_AFTER_SECONDS)})
