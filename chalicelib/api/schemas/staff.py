"""Staff API keys and jobs run by staff."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ...services.ports import StaffKey
from .common import Strict, Timestamp, ts


class ApiKeyIn(Strict):
    name: str = Field(min_length=1, max_length=100)
    roles: list[str] = Field(min_length=1, max_length=5)


class JobRunIn(Strict):
    as_of: Timestamp | None = None


def staff_key_out(k: StaffKey) -> dict[str, Any]:
    return {
        "id": k.id,
        "name": k.name,
        "roles": sorted(k.roles),
        "created_at": ts(k.created_at),
        "created_by": k.created_by,
    }
