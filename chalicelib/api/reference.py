"""The API reference, served by the app itself: GET /openapi.json and
/openapi.yaml (the one document, docs/openapi.yaml), GET /docs (Redoc rendering
it) and GET /docs/assets/{asset} (Redoc's standalone bundle; no CDN).

The files come from chalicelib/reference/, which `make reference`
(tools/reference/build.mjs) generates from docs/openapi.yaml and the redoc npm
package; Chalice packages all of chalicelib/, so a deployed stage reads the
same files. Nothing is read at import: each file on its first request, then
kept for the life of the process."""

from __future__ import annotations

import functools
from pathlib import Path

from chalice.app import Blueprint, Response

from ..domain.errors import NotFound
from .http import route

bp = Blueprint(__name__)

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"
CACHE_CONTROL = "public, max-age=300"
# What /openapi.* and /docs/assets/{asset} serve: file name -> media type. Nothing else is served.
DOCUMENTS = {
    "openapi.json": "application/json",
    "openapi.yaml": "application/yaml; charset=utf-8",
}
ASSETS = {
    "redoc.standalone.js": "text/javascript; charset=utf-8",
}
SERVED_FILES = (*DOCUMENTS, *ASSETS)

# Relative URLs: right at the local root and under a deployed stage's path (/dev/docs).
DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Commerce API reference</title>
<style>body { margin: 0; }</style>
</head>
<body>
<redoc spec-url="openapi.json"></redoc>
<script src="docs/assets/redoc.standalone.js"></script>
</body>
</html>
"""


@functools.cache
def _read(name: str) -> str:
    return (REFERENCE_DIR / name).read_text(encoding="utf-8")


def _file(name: str, media_type: str) -> Response:
    return Response(
        body=_read(name), status_code=200, headers={"Content-Type": media_type, "Cache-Control": CACHE_CONTROL}
    )


@route(bp, "/openapi.json")
def openapi_json() -> Response:
    return _file("openapi.json", DOCUMENTS["openapi.json"])


@route(bp, "/openapi.yaml")
def openapi_yaml() -> Response:
    return _file("openapi.yaml", DOCUMENTS["openapi.yaml"])


@route(bp, "/docs")
def docs_page() -> Response:
    return Response(
        body=DOCS_PAGE,
        status_code=200,
        headers={"Content-Type": "text/html; charset=utf-8", "Cache-Control": CACHE_CONTROL},
    )


@route(bp, "/docs/assets/{asset}")
def docs_asset(asset: str) -> Response:
    media_type = ASSETS.get(asset)
    if media_type is None:
        raise NotFound("No such asset.")
    return _file(asset, media_type)
