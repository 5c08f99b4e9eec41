"""Staff: A/B experiments on a product's price, main image or title (ADR 0024)."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import json_response, parse_body, route, staff
from .merch import margin_override

bp = Blueprint(__name__)


@route(bp, "/admin/experiments", ("POST",))
def create() -> Response:
    from .schemas.experiments import ExperimentIn, experiment_out

    member = staff(bp.current_request, "experiments:write")
    body = parse_body(bp.current_request, ExperimentIn)
    container = get_container()
    currency = container.settings.currency
    experiment = container.analytics.experiments.create(
        body.name,
        body.kind,
        body.product_id,
        [v.to_variant(currency) for v in body.variants],
        margin_override(member, body.override_margin),
    )
    return json_response(experiment_out(experiment, currency), status=201)


@route(bp, "/admin/experiments")
def listing() -> Response:
    from .schemas.experiments import experiment_out

    staff(bp.current_request, "experiments:read")
    container = get_container()
    items = container.analytics.experiments.list_all()
    return json_response({"items": [experiment_out(e, container.settings.currency) for e in items]})


@route(bp, "/admin/experiments/{experiment_id}")
def detail(experiment_id: str) -> Response:
    from .schemas.experiments import experiment_out

    staff(bp.current_request, "experiments:read")
    container = get_container()
    experiment = container.analytics.experiments.get(experiment_id)
    return json_response(experiment_out(experiment, container.settings.currency))


def _act(experiment_id: str, action: str) -> Response:
    from .schemas.experiments import experiment_out

    container = get_container()
    experiment = container.analytics.experiments.act(experiment_id, action)
    return json_response(experiment_out(experiment, container.settings.currency))


@route(bp, "/admin/experiments/{experiment_id}/start", ("POST",))
def start(experiment_id: str) -> Response:
    from .schemas.common import EmptyIn

    staff(bp.current_request, "experiments:write")
    parse_body(bp.current_request, EmptyIn)
    return _act(experiment_id, "start")


@route(bp, "/admin/experiments/{experiment_id}/stop", ("POST",))
def stop(experiment_id: str) -> Response:
    from .schemas.common import EmptyIn

    staff(bp.current_request, "experiments:write")
    parse_body(bp.current_request, EmptyIn)
    return _act(experiment_id, "stop")


@route(bp, "/admin/experiments/{experiment_id}/results")
def results(experiment_id: str) -> Response:
    from .schemas.experiments import results_out

    staff(bp.current_request, "experiments:read")
    container = get_container()
    experiment, body = container.analytics.experiments.results(experiment_id)
    return json_response(results_out(experiment, body, container.settings.currency))
