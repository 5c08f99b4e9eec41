"""A customer's personal data: the export (``GET /me/export``) and the erasure
(``DELETE /me``), ADR 0017."""

from __future__ import annotations

import logging
from typing import Any

from ..domain.clock import Clock
from ..domain.errors import NotFound
from .ports import Metrics
from .profile_ports import PersonalData, ProfileRepository

log = logging.getLogger("commerce.privacy")

EXPORT_FORMAT = 1


class PrivacyService:
    def __init__(self, profiles: ProfileRepository, data: PersonalData, clock: Clock, metrics: Metrics) -> None:
        self.profiles, self.data, self.clock, self.metrics = profiles, data, clock, metrics

    def export(self, customer_id: str) -> dict[str, Any]:
        if self.profiles.get(customer_id) is None:
            raise NotFound("No such customer.")
        return {
            "format": EXPORT_FORMAT,
            "customer_id": customer_id,
            "exported_at": self.clock.now().isoformat(),
            **self.data.export(customer_id),
        }

    def erase(self, customer_id: str) -> dict[str, int]:
        """Erase the customer's personal data; safe to run again (a rerun changes only what
        a failed run left). Orders and settlements keep the customer id, linked to no one."""
        changed = self.data.erase(customer_id, self.clock.now())
        self.metrics.count("CustomersErased")
        log.info("customer erased", extra={"event": "customer_erased", "customer_id": customer_id, "changed": changed})
        return changed
