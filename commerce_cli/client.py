"""The API over HTTP: JSON in and out, problem+json errors raised as ApiError."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import requests

from .config import Target

TIMEOUT_SECONDS = 60


class ApiError(Exception):
    """An answer that is not 2xx (or no answer): its problem+json, as sent."""

    def __init__(self, status: int, problem: dict[str, Any]) -> None:
        self.status = status
        self.problem = problem
        super().__init__(self.summary())

    @property
    def code(self) -> str:
        return str(self.problem.get("code") or f"http_{self.status}")

    @property
    def detail(self) -> str:
        return str(self.problem.get("detail") or self.problem.get("title") or "")

    @property
    def field_errors(self) -> list[dict[str, Any]]:
        errors = self.problem.get("errors")
        return [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else []

    def summary(self) -> str:
        """One line: the code, the detail and the field errors."""
        text = f"{self.code} ({self.status}): {self.detail}" if self.status else f"{self.code}: {self.detail}"
        fields = "; ".join(
            f"{e.get('field')}: {e.get('code')} {e.get('message', '')}".strip() for e in self.field_errors
        )
        return f"{text} [{fields}]" if fields else text


class ApiClient:
    def __init__(self, target: Target, session: requests.Session | None = None, bearer: str | None = None) -> None:
        self.target = target
        self.session = session or requests.Session()
        self.bearer = bearer

    def as_customer(self, token: str) -> ApiClient:
        """The same API, called as a customer (a bearer token from /auth/login) instead of with the staff key."""
        return ApiClient(self.target, self.session, bearer=token)

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        params: dict[str, str] | None = None,
        idempotent: bool = False,
    ) -> Any:
        response = self.send(method, path, body, params, idempotent)
        if not response.content:
            return None
        if "json" in response.headers.get("Content-Type", ""):
            return response.json()
        return response.text

    def send(
        self,
        method: str,
        path: str,
        body: Any = None,
        params: dict[str, str] | None = None,
        idempotent: bool = False,
    ) -> requests.Response:
        headers = {"Accept": "application/json, application/problem+json, */*"}
        if self.bearer:
            headers["Authorization"] = f"Bearer {self.bearer}"
        else:
            headers["X-Api-Key"] = self.target.api_key
        if idempotent:
            headers["Idempotency-Key"] = str(uuid.uuid4())
        try:
            response = self.session.request(
                method,
                self.target.url + path,
                json=body,
                params=params,
                headers=headers,
                timeout=TIMEOUT_SECONDS,
            )
        except requests.RequestException as error:
            raise ApiError(0, {"code": "connection_failed", "detail": f"{self.target.url}: {error}"}) from error
        if response.status_code >= 400:
            raise ApiError(response.status_code, _problem(response))
        return response

    def get(self, path: str, params: dict[str, str] | None = None) -> Any:
        return self.request("GET", path, params=params)

    def post(self, path: str, body: Any = None, idempotent: bool = False) -> Any:
        return self.request("POST", path, {} if body is None else body, idempotent=idempotent)

    def patch(self, path: str, body: Any) -> Any:
        return self.request("PATCH", path, body)

    def put(self, path: str, body: Any) -> Any:
        return self.request("PUT", path, body)

    def upload(self, url: str, data: bytes, headers: dict[str, str]) -> None:
        """PUT bytes to a presigned URL (no API key: the URL is the credential)."""
        try:
            response = self.session.put(url, data=data, headers=headers, timeout=TIMEOUT_SECONDS)
        except requests.RequestException as error:
            raise ApiError(0, {"code": "upload_failed", "detail": f"{url}: {error}"}) from error
        if response.status_code >= 400:
            detail = f"the storage answered {response.status_code}: {response.text[:300]}"
            raise ApiError(response.status_code, {"code": "upload_failed", "detail": detail})

    def pages(self, path: str, params: dict[str, str] | None = None, limit: int | None = None) -> Iterator[Any]:
        """Every item of a paginated list (`items`, `next_cursor`), up to ``limit``."""
        query = {**(params or {}), "limit": "100"}
        seen = 0
        while True:
            page = self.get(path, query)
            for item in page.get("items", []):
                if limit is not None and seen >= limit:
                    return
                seen += 1
                yield item
            cursor = page.get("next_cursor")
            if not cursor:
                return
            query["cursor"] = cursor


def _problem(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        return body
    return {"code": f"http_{response.status_code}", "detail": response.text[:500] or response.reason}
