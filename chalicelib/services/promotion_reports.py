"""The promotion report (ADR 0028): ``apply`` keeps the read model from order
events (the promotion-reports queue: order.paid, order.refunded), ``report`` reads
it with the budget's own counter (the checkout transaction's ``spent``, read
directly: it is never behind)."""

from __future__ import annotations

from typing import Any, Protocol

from ..domain.clock import Clock, to_rfc3339
from ..domain.events import Event
from ..domain.promotion_reports import REPORT_EVENTS, Take, Tally
from .promotions import MarketingService


class PromotionReportStore(Protocol):
    def count_paid(self, order_id: str, takes: list[Take], gmv: int, at: str) -> bool: ...
    def refunded_seen(self, take: Take, order_id: str) -> int: ...
    def count_refund(self, order_id: str, takes: list[tuple[Take, int]], refunded: int, at: str) -> bool: ...
    def tally(self, kind: str, key: str) -> Tally: ...


class PromotionReports:
    def __init__(self, store: PromotionReportStore, marketing: MarketingService, clock: Clock) -> None:
        self.store = store
        self.marketing = marketing
        self.clock = clock

    def apply(self, event: Event) -> str:
        """One order event into the reports of what the order took: ``applied``,
        ``duplicate`` (counted already) or ``ignored`` (nothing to count)."""
        data = event.data
        found = [Take.from_json(t) for t in data.get("promotions") or []]
        if event.type not in REPORT_EVENTS or not found:
            return "ignored"
        order_id, at = str(data["order_id"]), to_rfc3339(event.occurred_at)
        if event.type == "order.paid":
            gmv = sum(int(line.get("payable") or 0) for line in data.get("lines") or [])
            return "applied" if self.store.count_paid(order_id, found, gmv, at) else "duplicate"
        refunded = int((data.get("refunded") or {}).get("amount") or 0)
        seen = [(t, self.store.refunded_seen(t, order_id)) for t in found]
        due = [(t, s) for t, s in seen if refunded > s]
        if not due:
            return "duplicate"
        if not self.store.count_refund(order_id, due, refunded, at):
            raise RuntimeError(f"order {order_id}: refunds counted concurrently; retried")
        return "applied"

    def promotion(self, promotion_id: str) -> dict[str, Any]:
        p = self.marketing.get_promotion(promotion_id)  # NotFound for an unknown id
        return self._report("promotion", p.id, p.budget, p.spent, p.owner)

    def coupon(self, code: str) -> dict[str, Any]:
        c = self.marketing.get_coupon(code)
        return self._report("coupon", c.code, c.budget, c.spent, c.owner)

    def _report(self, kind: str, key: str, budget: int | None, spent: int, owner: str | None) -> dict[str, Any]:
        tally = self.store.tally(kind, key)
        return {
            "kind": kind,
            "id": key,
            "owner": owner,
            "tally": tally,
            "budget": budget,
            "spent": spent,
            "budget_left": max(0, budget - spent) if budget is not None else None,
            "read_at": to_rfc3339(self.clock.now()),
        }
