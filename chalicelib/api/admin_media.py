"""Staff: the media library (ADR 0023): an upload URL, then the check of what was uploaded."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from ..bootstrap import get_container
from .http import actor_of, json_response, parse_body, route, staff

bp = Blueprint(__name__)


@route(bp, "/admin/media", ("POST",))
def start_upload() -> Response:
    """A pending media and a presigned URL: PUT the file there (with this Content-Type), then complete it."""
    from ..bootstrap_merch import merch
    from ..services.media import UPLOAD_URL_SECONDS
    from .schemas.media import MediaUploadIn, media_out

    member = staff(bp.current_request, "catalog:write")
    body = parse_body(bp.current_request, MediaUploadIn)
    media, url = merch(get_container()).media.start_upload(body.kind, body.content_type, body.size, actor_of(member))
    upload = {"url": url, "method": "PUT", "headers": {"Content-Type": media.content_type}}
    return json_response(
        {**media_out(media), "upload": {**upload, "expires_in": UPLOAD_URL_SECONDS}},
        201,
        {"Location": f"/admin/media/{media.id}"},
    )


@route(bp, "/admin/media/{media_id}")
def get_media(media_id: str) -> Response:
    from ..bootstrap_merch import merch
    from .schemas.media import media_out

    staff(bp.current_request, "catalog:read")
    return json_response(media_out(merch(get_container()).media.get(media_id)))


@route(bp, "/admin/media/{media_id}/complete", ("POST",))
def complete_upload(media_id: str) -> Response:
    """Check the uploaded file: ready, or 422 media_spec listing what failed (the media is then rejected)."""
    from ..bootstrap_merch import merch
    from .schemas.common import EmptyIn
    from .schemas.media import media_out

    staff(bp.current_request, "catalog:write")
    parse_body(bp.current_request, EmptyIn)
    return json_response(media_out(merch(get_container()).media.complete(media_id)))
