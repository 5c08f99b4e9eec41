"""Customer sign-up and sign-in."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ...services.ports import Customer
from .common import Strict, ts


class RegisterIn(Strict):
    email: str = Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    password: str = Field(max_length=128)
    name: str = Field(min_length=1, max_length=100)


class LoginIn(Strict):
    email: str = Field(max_length=254)
    password: str = Field(max_length=128)


def customer_out(c: Customer) -> dict[str, Any]:
    return {"id": c.id, "email": c.email, "name": c.name, "created_at": ts(c.created_at)}
