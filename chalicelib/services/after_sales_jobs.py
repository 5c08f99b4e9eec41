"""The after-sale deadlines (job ``after_sale_deadlines``): a request staff did
not answer in time is approved automatically, one not shipped back in time is
closed, one waiting for its refund is asked for it again; every deadline
breached opens one exception per request and kind (/admin/exceptions) and
counts an SlaBreaches metric."""

from __future__ import annotations

import logging
from datetime import datetime

from ..domain import after_sales as rules
from ..domain.after_sales import AfterSale
from ..domain.operations import OrderException, exception_id
from .after_sales import AfterSaleService
from .operations import ExceptionRepository
from .ports import Metrics, NoMetrics

log = logging.getLogger("commerce.after_sales.jobs")

# breach kind -> (exception kind, owner role)
BREACHES = {
    "not_answered": ("after_sale_not_answered", "customer_service"),
    "not_shipped_back": ("after_sale_not_shipped_back", "customer_service"),
    "not_inspected": ("after_sale_not_inspected", "warehouse"),
    "not_refunded": ("after_sale_not_refunded", "customer_service"),
}


class AfterSaleJobs:
    def __init__(
        self, service: AfterSaleService, exceptions: ExceptionRepository, metrics: Metrics | None = None
    ) -> None:
        self.service = service
        self.requests = service.requests
        self.exceptions = exceptions
        self.metrics = metrics or NoMetrics()

    def run_deadlines(self, as_of: datetime, batch: int = 100) -> dict[str, int]:
        """Idempotent: a request acted on leaves the due index (or is rewritten), and
        an exception is recorded once per request and kind however often it runs."""
        summary = {"examined": 0, "approved": 0, "closed": 0, "refunded": 0, "breaches": 0, "recorded": 0, "failed": 0}
        for request in self.requests.due(as_of, batch):
            summary["examined"] += 1
            try:
                self._one(request, as_of, summary)
            except Exception:  # noqa: BLE001 - one request's failure must not stop the others
                log.exception(
                    "after-sale deadline failed",
                    extra={"event": "after_sale_deadline_failed", "after_sale_id": request.id},
                )
                summary["failed"] += 1
        return summary

    def _one(self, request: AfterSale, as_of: datetime, summary: dict[str, int]) -> None:
        if rules.awaiting_refund(request):
            done = self.service.retry_refund(request.id)
            if done.status == "refunded":
                summary["refunded"] += 1
                return
            request = done
        found = rules.deadline(request)
        if found is None or found[1] > as_of:
            return
        kind, due_at = found
        if kind in request.escalated:
            return
        summary["breaches"] += 1
        if self._record(request, kind, due_at, as_of):
            summary["recorded"] += 1
        if kind == "not_answered":
            self.service.approve(request.id, "system")
            summary["approved"] += 1
        elif kind == "not_shipped_back":
            self.service.close(request.id, "system", "not shipped back in time")
            summary["closed"] += 1
        else:  # left to a person: the exception; the request leaves the queue for this deadline
            self.service.escalate(request.id, kind)

    def _record(self, request: AfterSale, kind: str, due_at: datetime, as_of: datetime) -> bool:
        exception_kind, owner = BREACHES[kind]
        hours = int((due_at - _since(request)).total_seconds() // 3600)
        recorded = self.exceptions.add(
            OrderException(
                id=exception_id(request.id, exception_kind),
                order_id=request.order_id,
                kind=exception_kind,
                status="open",
                owner_role=owner,
                detail=f"After-sale request {request.id} ({request.type}, {request.status}): {kind.replace('_', ' ')}.",
                due_at=due_at,
                created_at=as_of,
                deadline_hours=hours,
            )
        )
        if recorded:
            log.warning(
                "after-sale deadline breached",
                extra={"event": "sla_breach", "order_id": request.order_id, "after_sale_id": request.id, "kind": kind},
            )
            self.metrics.count("SlaBreaches", kind=exception_kind)
        return recorded


def _since(request: AfterSale) -> datetime:
    """When the status waited on was entered (its deadline runs from there)."""
    for entry in reversed(request.timeline):
        if entry.to_status == request.status:
            return entry.at
    return request.updated_at
