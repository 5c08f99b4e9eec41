"""The composition root's part for budgets (ADR 0028; kept apart so bootstrap.py
stays short): the promotion report, kept by the promotion-reports worker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .services.promotion_reports import PromotionReports


def promotion_reports(container: Any) -> PromotionReports:
    """The container's promotion reports, built once on first use."""
    found = getattr(container, "_promotion_reports", None)
    if found is None:
        from .adapters.dynamo.promotion_reports import DynamoPromotionReports
        from .services.promotion_reports import PromotionReports

        found = PromotionReports(DynamoPromotionReports(), container.marketing, container.clock)
        setattr(container, "_promotion_reports", found)  # noqa: B010
    return found
