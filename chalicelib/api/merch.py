"""What the merchandising rules (ADR 0023) take from a staff request: an admin's
margin override, and a delisting's reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..bootstrap import get_container
from ..domain.errors import Forbidden
from .http import actor_of

if TYPE_CHECKING:
    from ..domain.margins import MarginOverride
    from ..services.ports import StaffKey

OVERRIDE_ROLE = "admin"


def margin_override(member: StaffKey, requested: bool) -> MarginOverride | None:
    """``override_margin: true`` from an admin: the override (who, now); from anyone else: 403."""
    if not requested:
        return None
    if OVERRIDE_ROLE not in member.roles:
        raise Forbidden("Only an admin may sell under the minimum margin (override_margin).")
    from ..domain.margins import MarginOverride

    return MarginOverride(by=actor_of(member), at=get_container().clock.now())
