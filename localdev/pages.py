"""The storefront demo (/demo/) and the ops console (/console/) on the local
API port: static files from web/, and the TypeScript client's browser bundle.

Local stage only (the app itself serves no pages; deployed stages may host the
pages elsewhere, see docs/pages.md). Paths under each page:

- ``/demo/...``, ``/console/...``: files of ``web/demo/``, ``web/console/``
  (``index.html`` for the folder itself; ``/demo`` redirects to ``/demo/``);
- ``/demo/shared/...``, ``/console/shared/...``: ``web/shared/``;
- ``/demo/commerce.js``, ``/console/commerce.js``: the client bundle,
  ``clients/typescript/dist/commerce.js`` (built by ``make run``);
- ``POST /demo/localstripe/confirm``: the card step, see :func:`confirm_card`.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chalicelib.domain.error_codes import CommonErrorCode, ErrorCode, PaymentErrorCode

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
BUNDLE = ROOT / "clients" / "typescript" / "dist" / "commerce.js"
PAGES = {"demo": WEB / "demo", "console": WEB / "console"}
TYPES = {".js": "text/javascript; charset=utf-8", ".html": "text/html; charset=utf-8", ".css": "text/css"}
# The pages load nothing from elsewhere: scripts, styles and calls stay on this origin.
CSP = "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def is_page_path(path: str) -> bool:
    first = path.split("?")[0].lstrip("/").split("/")[0]
    return first in PAGES


def resolve(path: str) -> Path | None:
    """The file a page path names, or None (also for any path leaving its folder)."""
    page, _, rest = path.split("?")[0].lstrip("/").partition("/")
    rest = urllib.parse.unquote(rest)
    if page not in PAGES:
        return None
    if rest == "commerce.js":
        return BUNDLE if BUNDLE.is_file() else None
    folder = PAGES[page]
    if rest.startswith("shared/"):
        folder, rest = WEB / "shared", rest.removeprefix("shared/")
    target = (folder / (rest or "index.html")).resolve()
    if folder.resolve() not in target.parents or not target.is_file():
        return None
    return target


def serve(method: str, path: str, body: bytes | None) -> Answer:
    bare = path.split("?")[0]
    if bare.rstrip("/") == "/demo/localstripe/confirm":
        if method != "POST":
            return _problem(405, CommonErrorCode.METHOD_NOT_ALLOWED, "Use POST.", {"Allow": "POST"})
        return confirm_card(body or b"")
    if method not in ("GET", "HEAD"):
        detail = "The pages are static: use GET or HEAD."
        return _problem(405, CommonErrorCode.METHOD_NOT_ALLOWED, detail, {"Allow": "GET, HEAD"})
    if bare in ("/demo", "/console"):
        return Answer(301, {"Location": bare + "/", "Content-Length": "0"}, b"")
    target = resolve(bare)
    if target is None:
        if bare.endswith("/commerce.js"):
            detail = "clients/typescript/dist/commerce.js is not built: run `make client` (make run builds it)."
            return _problem(404, CommonErrorCode.NOT_FOUND, detail)
        return _problem(404, CommonErrorCode.NOT_FOUND, f"No page file {bare}.")
    kind = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    content = target.read_bytes()
    headers = {
        "Content-Type": kind,
        "Content-Length": str(len(content)),
        "Cache-Control": "no-cache",
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
    }
    return Answer(200, headers, b"" if method == "HEAD" else content)


def _json(status: int, body: dict[str, Any]) -> Answer:
    data = json.dumps(body).encode()
    return Answer(status, {"Content-Type": "application/json", "Content-Length": str(len(data))}, data)


def _problem(status: int, code: ErrorCode, detail: str, headers: dict[str, str] | None = None) -> Answer:
    """problem+json, as the server's own answers (localdev/server.py)."""
    from .server import problem_body

    data = problem_body(status, code, detail).encode()
    sent = {"Content-Type": "application/problem+json", "Content-Length": str(len(data)), **(headers or {})}
    return Answer(status, sent, data)


def confirm_card(body: bytes) -> Answer:
    """Pays a PaymentIntent on localstripe with a test card, as Stripe.js does
    in a browser against real Stripe: ``{"client_secret", "card": {"number",
    "exp_month", "exp_year", "cvc"}}``; answers the intent's ``{id, status,
    last_payment_error}``.

    The page cannot call localstripe itself: its PaymentIntent confirm takes
    only the secret key (not a publishable key with the client secret, as
    Stripe does), and it answers no CORS preflight, so a browser on this origin
    cannot send that key either (and must not hold it). This route, on the
    local server only, checks the client secret against the intent and then
    makes the calls `make demo` makes with the local stack's secret key. The
    webhook then marks the order paid, as on a deployed stage."""
    from chalicelib.bootstrap import get_container

    settings = get_container().settings
    base = settings.stripe_api_base or ""
    try:
        sent = json.loads(body or b"{}")
        secret = str(sent["client_secret"])
        card = {k: str(sent["card"][k]) for k in ("number", "exp_month", "exp_year", "cvc")}
    except (ValueError, KeyError, TypeError):
        detail = 'Send {"client_secret", "card": {"number", "exp_month", "exp_year", "cvc"}}.'
        return _problem(400, CommonErrorCode.VALIDATION_ERROR, detail)
    match = re.fullmatch(r"(pi_\w+?)_secret_\w+", secret)
    if match is None or not base:
        return _problem(400, CommonErrorCode.VALIDATION_ERROR, "Not a client secret of this stack's localstripe.")
    intent_id = match.group(1)
    key = settings.stripe_api_key

    def stripe(method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        auth = base64.b64encode(f"{key}:".encode()).decode()
        request = urllib.request.Request(
            base + path, data=data, method=method, headers={"Authorization": f"Basic {auth}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, dict(json.loads(response.read()))
        except urllib.error.HTTPError as error:
            return error.code, dict(json.loads(error.read() or b"{}"))

    status, intent = stripe("GET", f"/v1/payment_intents/{intent_id}")
    if status != 200 or intent.get("client_secret") != secret:
        return _problem(404, CommonErrorCode.NOT_FOUND, "No such payment for this client secret.")
    if intent.get("last_payment_error"):
        detail = (
            "localstripe cannot charge a PaymentIntent again after a declined card (Stripe can): "
            "cancel this order and check out again."
        )
        return _problem(409, CommonErrorCode.CONFLICT, detail)
    number = card["number"].replace(" ", "")
    status, method = stripe(
        "POST",
        "/v1/payment_methods",
        {
            "type": "card",
            "card[number]": number,
            "card[exp_month]": card["exp_month"],
            "card[exp_year]": card["exp_year"],
            "card[cvc]": card["cvc"],
        },
    )
    if status != 200:
        message = (method.get("error") or {}).get("message") or "localstripe refused the card."
        return _problem(402, PaymentErrorCode.PAYMENT_FAILED, f"Card refused: {message}")
    status, intent = stripe("POST", f"/v1/payment_intents/{intent_id}", {"payment_method": str(method["id"])})
    if status == 200:
        status, intent = stripe("POST", f"/v1/payment_intents/{intent_id}/confirm", {})
    error = intent.get("error") or intent.get("last_payment_error")
    if status != 200:  # a declined card: the intent as it now stands
        _, intent = stripe("GET", f"/v1/payment_intents/{intent_id}")
    # A declined card is still an answer about the intent (200): its status says what happened.
    return _json(200, {"id": intent_id, "status": intent.get("status"), "last_payment_error": error})
