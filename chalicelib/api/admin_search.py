"""Staff search settings: the synonym set applied to storefront queries."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import json_response, parse_body, route, staff

bp = Blueprint(__name__)


@route(bp, "/admin/search/synonyms")
def get_synonyms() -> Response:
    from .schemas.catalog import synonyms_out

    staff(bp.current_request, "search:synonyms")
    return json_response(synonyms_out(get_container().synonyms.get()))


@route(bp, "/admin/search/synonyms", ("PUT",))
def put_synonyms() -> Response:
    """Replace the whole set. Applied to queries at once on this instance, within
    the cache's few seconds on the others."""
    from ..domain.search import clean_synonyms
    from .schemas.catalog import SynonymsIn, synonyms_out

    staff(bp.current_request, "search:synonyms")
    body = parse_body(bp.current_request, SynonymsIn)
    groups = clean_synonyms([g.terms for g in body.synonyms])
    synonyms = get_container().synonyms
    synonyms.put(groups)
    return json_response(synonyms_out(groups))
