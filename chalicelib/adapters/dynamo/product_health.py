"""DynamoDB: product health (ADR 0021 "Product health", docs/data-model.md "Analytics").

- ``ANALYTICS#PRODUCT#<product id>`` / ``SALES#<day>``: the product's sales of a
  store day (orders paid, units, revenue, cost), ADDed by the analytics-sales
  worker in the transaction that applies the order.paid event
  (``sales_actions``); one partition per product, so a window of days is one Query.
- Product views come from the traffic counters, ``ANALYTICS#DAY#<day>#PRODUCT#<id>``
  (``DynamoTraffic.product_day``): one Query a day, in parallel.
- ``ANALYTICS#HEALTH#<week>#<flag>`` / ``PRODUCT#<product id>``: a flag of the
  week, written or deleted by each run (a rerun converges on the same items);
  ``ANALYTICS#HEALTH`` / ``RUN#<week>``: the run's summary (the report's latest week).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from typing import Any

from pynamodb.attributes import JSONAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.attributes import UTCDateTimeAttribute as Moment

from ...domain.error_codes import CommonErrorCode
from ...domain.errors import FieldError, ValidationFailed
from ...domain.product_health import DaySales, Flag
from ...services.ports import Page, Position
from .analytics import DynamoTraffic
from .models import Item
from .paging import BASE_KEYS, query_page

FLAG_DAYS = 190  # flags and runs expire after about six months
SALES_FIELDS = ("orders", "units", "revenue", "cost", "costed_revenue")
RUN_PK = "ANALYTICS#HEALTH"
READERS = 8  # a product's days read in parallel


class AnalyticsProductSalesItem(Item, discriminator="AnalyticsProductSales"):
    """A product's sales of one store day (money in minor units)."""

    product_id = UnicodeAttribute(null=True)
    day = UnicodeAttribute(null=True)
    orders = NumberAttribute(null=True)
    units = NumberAttribute(null=True)
    revenue = NumberAttribute(null=True)
    cost = NumberAttribute(null=True)
    costed_revenue = NumberAttribute(null=True)


class AnalyticsProductFlagItem(Item, discriminator="AnalyticsProductFlag"):
    product_id = UnicodeAttribute()
    title = UnicodeAttribute()
    flag = UnicodeAttribute()
    week = UnicodeAttribute()
    figures = JSONAttribute()
    suggestion = UnicodeAttribute()
    flagged_at = Moment()
    expires_at = TTLAttribute(null=True)


class AnalyticsHealthRunItem(Item, discriminator="AnalyticsHealthRun"):
    week = UnicodeAttribute()
    body = JSONAttribute()  # the summary
    ran_at = Moment()
    expires_at = TTLAttribute(null=True)


def product_sales_key(product_id: str, day: date) -> tuple[str, str]:
    return f"ANALYTICS#PRODUCT#{product_id}", f"SALES#{day.isoformat()}"


def flag_pk(week: str, flag: str) -> str:
    return f"ANALYTICS#HEALTH#{week}#{flag}"


def sales_actions(product_id: str, day: date, counts: dict[str, int]) -> list[Any]:
    """The update actions adding one order's ``counts`` to the product's day."""
    M = AnalyticsProductSalesItem
    actions: list[Any] = [getattr(M, k).add(v) for k, v in counts.items() if k in SALES_FIELDS and v]
    return actions + [M.product_id.set(product_id), M.day.set(day.isoformat()), M.type.set(M)]


def flag_of(item: AnalyticsProductFlagItem) -> Flag:
    return Flag(item.product_id, item.title, item.flag, item.week, dict(item.figures or {}))


class DynamoProductHealth:
    def product_views(self, product_id: str, days: list[date]) -> dict[date, int]:
        traffic = DynamoTraffic()
        with ThreadPoolExecutor(max_workers=READERS, thread_name_prefix="product-health") as pool:
            answers = list(pool.map(lambda d: traffic.product_day(d, product_id)[0], days))
        return {d: int(counts.get("product_view", 0)) for d, counts in zip(days, answers, strict=True)}

    def product_sales(self, product_id: str, first: date, last: date) -> list[DaySales]:
        pk, low = product_sales_key(product_id, first)
        _, high = product_sales_key(product_id, last)
        M = AnalyticsProductSalesItem
        return [
            DaySales(
                date.fromisoformat(item.SK.removeprefix("SALES#")),
                **{name: int(getattr(item, name) or 0) for name in SALES_FIELDS},
            )
            for item in M.query(pk, M.SK.between(low, high), consistent_read=True)
        ]

    def last_sale(self, product_id: str, on_or_before: date) -> date | None:
        pk, high = product_sales_key(product_id, on_or_before)
        M = AnalyticsProductSalesItem
        for item in M.query(
            pk, M.SK.between("SALES#", high), scan_index_forward=False, limit=1, filter_condition=M.orders > 0
        ):
            return date.fromisoformat(item.SK.removeprefix("SALES#"))
        return None

    def save_flags(
        self, week: str, product_id: str, flags: list[Flag], flags_known: tuple[str, ...], at: datetime
    ) -> None:
        """Write the product's flags of the week and delete the others (a rerun converges)."""
        raised = {f.flag: f for f in flags}
        expires = at + timedelta(days=FLAG_DAYS)
        for name in flags_known:
            flag = raised.get(name)
            sk = f"PRODUCT#{product_id}"
            if flag is None:
                AnalyticsProductFlagItem(flag_pk(week, name), sk).delete()
                continue
            AnalyticsProductFlagItem(
                flag_pk(week, name),
                sk,
                product_id=product_id,
                title=flag.title,
                flag=name,
                week=week,
                figures=flag.figures,
                suggestion=flag.suggestion,
                flagged_at=at,
                expires_at=expires,
            ).save()

    def save_run(self, week: str, summary: dict[str, Any], at: datetime) -> None:
        AnalyticsHealthRunItem(
            RUN_PK, f"RUN#{week}", week=week, body=summary, ran_at=at, expires_at=at + timedelta(days=FLAG_DAYS)
        ).save()

    def latest_week(self) -> str | None:
        M = AnalyticsHealthRunItem
        for item in M.query(RUN_PK, M.SK.startswith("RUN#"), scan_index_forward=False, limit=1):
            return str(item.week)
        return None

    def flags(self, week: str, flag: str, limit: int, after: Position | None) -> Page:
        pk = flag_pk(week, flag)
        if after is not None and after.get("PK") != {"S": pk}:  # a cursor of another week (a run since)
            raise ValidationFailed(
                "The cursor is not valid for this listing.",
                [FieldError("cursor", "invalid_cursor", "Start again without a cursor.")],
                code=CommonErrorCode.INVALID_CURSOR,
            )
        page = query_page(pk, None, BASE_KEYS, limit, after)
        return Page([flag_of(i) for i in page.items if isinstance(i, AnalyticsProductFlagItem)], page.next_position)
