"""Media and content: `commerce media upload|show`, `commerce slots set|show` and
`commerce products history` (added to the `products` group)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from .client import ApiError
from .cmd_catalog import products
from .config import ConfigError
from .output import err, failures, show
from .state import JsonOption, api_of

media = typer.Typer(help="The media library: upload an image or video, checked against its kind.", no_args_is_help=True)
slots = typer.Typer(help="Content slots of the storefront (banners): replace, read.", no_args_is_help=True)

CONTENT_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}
CONTENT_TYPES[".mp4"] = "video/mp4"
MEDIA_COLUMNS = ("id", "kind", "status", "content_type", "size", "width", "height", "duration_seconds", "url")
SLOT_ITEM_COLUMNS = ("position", "title", "image", "media_id", "link", "starts_at", "ends_at")
HISTORY_COLUMNS = ("at", "action", "actor", "details")


@media.command("upload")
def upload_media(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="The image or MP4.")],
    kind: Annotated[str, typer.Option("--kind", "--role", help="main, detail or video.")] = "main",
    content_type: Annotated[
        str | None, typer.Option(help="Default: from the file's extension (jpg, png, webp, mp4).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Announce the file, PUT its bytes to the presigned URL, then have it checked.
    A file off the specification exits 1 listing each failure (media_spec)."""
    with failures(as_json):
        chosen = content_type or CONTENT_TYPES.get(file.suffix.lower())
        if not chosen:
            raise ConfigError(f"cannot tell the content type of {file.name}: pass --content-type")
        data = file.read_bytes()
        api = api_of(ctx)
        pending: dict[str, Any] = api.post("/admin/media", {"kind": kind, "content_type": chosen, "size": len(data)})
        upload = pending.get("upload") or {}
        headers = {str(k): str(v) for k, v in (upload.get("headers") or {"Content-Type": chosen}).items()}
        api.upload(str(upload.get("url")), data, headers)
        try:
            ready = api.post(f"/admin/media/{pending['id']}/complete")
        except ApiError as error:
            error.problem.setdefault("media_id", pending["id"])
            raise
    if not as_json:
        err.print(f"{file.name}: {ready.get('status')} as {ready.get('id')}")
    show(ready, as_json, MEDIA_COLUMNS)


@media.command("show")
def show_media(ctx: typer.Context, media_id: str, as_json: JsonOption = False) -> None:
    """One media: its status, dimensions and URL (and its failures when rejected)."""
    with failures(as_json):
        found: dict[str, Any] = api_of(ctx).get(f"/admin/media/{media_id}")
    show(found, as_json, MEDIA_COLUMNS)
    if not as_json and found.get("failures"):
        for failure in found["failures"]:
            typer.echo(f"  - {failure}")


def parse_item(text: str) -> dict[str, Any]:
    """`title=Winter sale,image=https://...,link=/#/product/x,position=1`: one slot item."""
    item: dict[str, Any] = {}
    for pair in text.split(","):
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or name not in ("title", "image", "media_id", "link", "position", "starts_at", "ends_at"):
            raise ConfigError(f"--item {text!r}: expected name=value pairs (title, image or media_id, link, ...)")
        item[name] = int(value) if name == "position" and value.strip().isdigit() else value.strip()
    if "title" not in item:
        raise ConfigError(f"--item {text!r}: a title is required")
    return item


@slots.command("set")
def set_slot(
    ctx: typer.Context,
    slot: str,
    item: Annotated[
        list[str] | None, typer.Option(help="title=...,image=URL|media_id=ID[,link=...,position=N]; repeat.")
    ] = None,
    file: Annotated[Path | None, typer.Option("--file", help='A JSON file {"items": [...]} instead.')] = None,
    as_json: JsonOption = False,
) -> None:
    """Replace all the items of a slot (no --item and no --file empties it)."""
    with failures(as_json):
        if file is not None and item:
            raise ConfigError("either --item or --file, not both")
        if file is not None:
            try:
                body = json.loads(file.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise ConfigError(f"cannot read {file}: {error}") from error
        else:
            body = {"items": [parse_item(text) for text in item or []]}
        stored: dict[str, Any] = api_of(ctx).put(f"/admin/content/slots/{slot}", body)
    _show_slot(stored, as_json)


def _show_slot(stored: dict[str, Any], as_json: bool) -> None:
    if as_json:
        show(stored, True)
        return
    version = f" (version {stored['version']}, by {stored.get('updated_by')})" if "version" in stored else ""
    typer.echo(f"slot {stored.get('slot')}{version}")
    show(stored.get("items") or [], False, SLOT_ITEM_COLUMNS, "items")


@slots.command("show")
def show_slot(
    ctx: typer.Context,
    slot: str,
    public: Annotated[
        bool, typer.Option("--public", help="Only the items live now, as the storefront sees them.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """A slot as stored (every item), or as shoppers see it now (--public)."""
    with failures(as_json):
        stored = api_of(ctx).get(f"/content/slots/{slot}" if public else f"/admin/content/slots/{slot}")
    _show_slot(stored, as_json)


@products.command("history")
def product_history(
    ctx: typer.Context,
    product_id: str,
    limit: Annotated[int, typer.Option(min=1, help="At most this many entries.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """What happened to a product, newest first: created, listed, delisted, margin overrides."""
    with failures(as_json):
        items = list(api_of(ctx).pages(f"/admin/products/{product_id}/history", None, limit))
        show(items, as_json, HISTORY_COLUMNS, "history")
