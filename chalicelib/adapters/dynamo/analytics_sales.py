"""DynamoDB: the daily sales read model kept from order events (ADR 0021,
docs/data-model.md "Analytics").

- ``ANALYTICS#ORDER#<id>`` / ``TALLY``: what was counted of the order (versioned);
  ``EVENT#<event id>``: an applied event's marker (expires).
- ``ANALYTICS#SALES#<day>`` / ``SHARD#<n>``: the day's sales counters, ADDed to a
  random shard; ``CUSTOMER#<id>``: orders the customer paid that day.
- ``ANALYTICS#CUSTOMER#<id>`` / ``FIRST_ORDER``: the first day the customer paid.
- ``ANALYTICS#PRODUCT#<id>`` / ``SALES#<day>``: each product's day (adapters/dynamo/product_health.py).
One event is one transaction: marker, tally, shard, customer-day and product-days together."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from pynamodb.attributes import JSONAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.attributes import UTCDateTimeAttribute as Moment
from pynamodb.exceptions import DoesNotExist, UpdateError
from pynamodb.transactions import TransactWrite

from ...domain.analytics import COUNTER_SHARDS, SALES_FIELDS, SalesDelta, SalesTally, shard
from . import transact
from .models import Item
from .product_health import product_sales_key, sales_actions

MARKER_DAYS = 30
BATCH_GET = 100


class AnalyticsSalesItem(Item, discriminator="AnalyticsSales"):
    """One shard of a day's sales counters (money in minor units)."""

    orders = NumberAttribute(null=True)
    gmv = NumberAttribute(null=True)
    cost = NumberAttribute(null=True)
    costed_revenue = NumberAttribute(null=True)
    member_orders = NumberAttribute(null=True)
    member_gmv = NumberAttribute(null=True)
    refunds = NumberAttribute(null=True)
    refunded_orders = NumberAttribute(null=True)


class AnalyticsPayingCustomerItem(Item, discriminator="AnalyticsPayingCustomer"):
    customer_id = UnicodeAttribute()
    orders = NumberAttribute(null=True)


class AnalyticsFirstOrderItem(Item, discriminator="AnalyticsFirstOrder"):
    customer_id = UnicodeAttribute()
    first_day = UnicodeAttribute()


class AnalyticsOrderTallyItem(Item, discriminator="AnalyticsOrderTally"):
    body = JSONAttribute()
    tally_version = NumberAttribute()


class AnalyticsSalesEventMarker(Item, discriminator="AnalyticsSalesEvent"):
    at = Moment()
    expires_at = TTLAttribute(null=True)


def sales_pk(day: date) -> str:
    return f"ANALYTICS#SALES#{day.isoformat()}"


def _order_pk(order_id: str) -> str:
    return f"ANALYTICS#ORDER#{order_id}"


def _first_key(customer_id: str) -> tuple[str, str]:
    return f"ANALYTICS#CUSTOMER#{customer_id}", "FIRST_ORDER"


class DynamoSalesModel:
    def load(self, order_id: str) -> SalesTally:
        try:
            item = AnalyticsOrderTallyItem.get(_order_pk(order_id), "TALLY", consistent_read=True)
        except DoesNotExist:
            return SalesTally(order_id)
        b = item.body
        return SalesTally(
            order_id,
            paid=bool(b.get("paid")),
            paid_day=date.fromisoformat(b["paid_day"]) if b.get("paid_day") else None,
            refunded=int(b.get("refunded", 0)),
            version=int(item.tally_version),
        )

    def save(
        self, tally: SalesTally, delta: SalesDelta | None, event_id: str, expected_version: int, at: datetime
    ) -> str:
        pk = _order_pk(tally.order_id)
        marker = AnalyticsSalesEventMarker(pk, f"EVENT#{event_id}", at=at, expires_at=at + timedelta(days=MARKER_DAYS))
        body = {
            "paid": tally.paid,
            "paid_day": tally.paid_day.isoformat() if tally.paid_day else None,
            "refunded": tally.refunded,
        }
        item = AnalyticsOrderTallyItem(pk, "TALLY", body=body, tally_version=tally.version)
        version_ok: Any = (
            AnalyticsOrderTallyItem.PK.does_not_exist()
            if expected_version == 0
            else AnalyticsOrderTallyItem.tally_version == expected_version
        )
        labels: list[str] = []

        def build(tw: TransactWrite) -> None:
            lab = transact.Labelled(tw)
            lab.save("marker", marker, condition=AnalyticsSalesEventMarker.PK.does_not_exist())
            lab.save("tally", item, condition=version_ok)
            if delta is not None:
                counts = {k: v for k, v in delta.counts.items() if v and k in SALES_FIELDS}
                if counts:
                    actions = [getattr(AnalyticsSalesItem, k).add(v) for k, v in counts.items()]
                    actions.append(AnalyticsSalesItem.type.set(AnalyticsSalesItem))
                    lab.raw_update("shard", sales_pk(delta.day), f"SHARD#{shard(COUNTER_SHARDS):02d}", actions, None)
                if delta.customer_id is not None:
                    lab.raw_update(
                        "customer",
                        sales_pk(delta.day),
                        f"CUSTOMER#{delta.customer_id}",
                        [
                            AnalyticsPayingCustomerItem.orders.add(1),
                            AnalyticsPayingCustomerItem.customer_id.set(delta.customer_id),
                            AnalyticsPayingCustomerItem.type.set(AnalyticsPayingCustomerItem),
                        ],
                        None,
                    )
                for product_id, product_counts in delta.products.items():  # product health (at most 40 lines)
                    pk, sk = product_sales_key(product_id, delta.day)
                    lab.raw_update("product", pk, sk, sales_actions(product_id, delta.day, product_counts), None)
            labels[:] = lab.labels

        from pynamodb.exceptions import TransactWriteError

        try:
            transact.run(build)
        except TransactWriteError as error:
            failed = transact.failed_labels(error, labels)
            if "marker" in failed:
                return "duplicate"
            if "tally" in failed:
                return "conflict"
            raise
        except transact.TransactionConflictExhausted:
            return "conflict"
        return "saved"

    def note_first_order(self, customer_id: str, day: date) -> None:
        text = day.isoformat()
        try:
            AnalyticsFirstOrderItem(*_first_key(customer_id)).update(
                actions=[
                    AnalyticsFirstOrderItem.first_day.set(text),
                    AnalyticsFirstOrderItem.customer_id.set(customer_id),
                    AnalyticsFirstOrderItem.type.set(AnalyticsFirstOrderItem),
                ],
                condition=AnalyticsFirstOrderItem.first_day.does_not_exist()
                | (AnalyticsFirstOrderItem.first_day > text),
            )
        except UpdateError as error:
            if not transact.put_refused(error):
                raise  # refused: an earlier day is kept

    def day_sales(self, day: date) -> dict[str, int]:
        total: dict[str, int] = {}
        for item in AnalyticsSalesItem.query(
            sales_pk(day), AnalyticsSalesItem.SK.startswith("SHARD#"), consistent_read=True
        ):
            for name in SALES_FIELDS:
                value = getattr(item, name)
                if value is not None:
                    total[name] = total.get(name, 0) + int(value)
        return total

    def day_customers(self, day: date) -> dict[str, int]:
        return {
            item.customer_id: int(item.orders or 0)
            for item in AnalyticsPayingCustomerItem.query(
                sales_pk(day), AnalyticsPayingCustomerItem.SK.startswith("CUSTOMER#"), consistent_read=True
            )
        }

    def first_days(self, customer_ids: list[str]) -> dict[str, date]:
        found: dict[str, date] = {}
        for i in range(0, len(customer_ids), BATCH_GET):
            keys = [_first_key(c) for c in customer_ids[i : i + BATCH_GET]]
            for item in AnalyticsFirstOrderItem.batch_get(keys):
                found[item.customer_id] = date.fromisoformat(item.first_day)
        return found
