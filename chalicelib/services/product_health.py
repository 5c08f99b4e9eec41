"""Product health (ADR 0021 "Product health"): the weekly ``flag_product_health``
job and the report of its flags.

The job pages through the listed products (the catalog's status listing, a
page at a time: memory stays bounded by one page), reads each product with its
SKUs and stock, its product views per day of the two judged weeks (the traffic
counters), its sales days (the per-product daily sales read model) and its last
sale, and writes the flags ``domain/product_health.evaluate`` raises, deleting
the ones it no longer raises. No order is read. A rerun in the same week judges
the same two weeks and writes the same flags.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from ..domain.clock import Clock, business_date
from ..domain.product_health import (
    FLAGS,
    DaySales,
    Flag,
    HealthPolicy,
    ProductFacts,
    SkuPrice,
    Week,
    evaluate,
    weeks_before,
)
from .ports import Page, Position, ProductRepository

log = logging.getLogger("commerce.product_health")
PRODUCTS_PAGE = 100


class HealthStore(Protocol):
    def product_views(self, product_id: str, days: list[date]) -> dict[date, int]:
        """Product views per day (the traffic counters, summed over their shards)."""
        ...

    def product_sales(self, product_id: str, first: date, last: date) -> list[DaySales]:
        """The product's days with sales from first to last."""
        ...

    def last_sale(self, product_id: str, on_or_before: date) -> date | None: ...

    def save_flags(
        self, week: str, product_id: str, flags: list[Flag], flags_known: tuple[str, ...], at: datetime
    ) -> None:
        """Write these flags of the week, delete the product's other flags of the week."""
        ...

    def save_run(self, week: str, summary: dict[str, Any], at: datetime) -> None: ...

    def latest_week(self) -> str | None: ...

    def flags(self, week: str, flag: str, limit: int, after: Position | None) -> Page:
        """A page of the week's products with ``flag`` (``Flag`` items), by product id."""
        ...


class ProductHealth:
    def __init__(
        self, products: ProductRepository, store: HealthStore, clock: Clock, timezone: str, policy: HealthPolicy
    ) -> None:
        self.products = products
        self.store = store
        self.clock = clock
        self.timezone = timezone
        self.policy = policy

    def weeks(self, as_of: datetime) -> tuple[Week, Week]:
        return weeks_before(business_date(as_of, self.timezone))

    def flag(self, as_of: datetime) -> dict[str, Any]:
        """The job: judge every listed product over the two complete weeks before as_of's week."""
        weeks = self.weeks(as_of)
        label = weeks[1].label
        now = self.clock.now()
        counts = dict.fromkeys(FLAGS, 0)
        examined = 0
        after: Position | None = None
        while True:
            page = self.products.by_status("listed", PRODUCTS_PAGE, after)
            for product in page.items:
                facts = self._facts(product.id, weeks)
                if facts is None:
                    continue
                flags = evaluate(facts, weeks, self.policy)
                self.store.save_flags(label, facts.product_id, flags, FLAGS, now)
                examined += 1
                for f in flags:
                    counts[f.flag] += 1
            after = page.next_position
            if after is None:
                break
        summary: dict[str, Any] = {
            "week": label,
            "from": weeks[0].first.isoformat(),
            "to": weeks[1].last.isoformat(),
            "products": examined,
            **counts,
        }
        self.store.save_run(label, summary, now)
        log.info("product health %s", summary, extra={"event": "product_health_flagged", **summary})
        return summary

    def _facts(self, product_id: str, weeks: tuple[Week, Week]) -> ProductFacts | None:
        view = self.products.get(product_id)
        if view is None or view.product.status != "listed":
            return None
        product = view.product
        first, last = weeks[0].first, weeks[1].last
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        listed_at = product.listed_at
        return ProductFacts(
            product_id=product.id,
            title=product.title,
            listed_on=business_date(listed_at, self.timezone) if listed_at is not None else None,
            skus=tuple(SkuPrice(sku.code, sku.price, sku.cost_price, stock.on_hand) for sku, stock in view.skus),
            views=self.store.product_views(product.id, days),
            sales=tuple(self.store.product_sales(product.id, first, last)),
            last_sale=self.store.last_sale(product.id, last),
        )

    # --- the report ------------------------------------------------------------------------------
    def report(self, flag: str, week: str | None, limit: int, after: Position | None) -> tuple[str | None, Page]:
        """The flagged products of ``week`` (default: the latest week a run stored)."""
        chosen = week or self.store.latest_week()
        if chosen is None:
            return None, Page([], None)
        return chosen, self.store.flags(chosen, flag, limit, after)
