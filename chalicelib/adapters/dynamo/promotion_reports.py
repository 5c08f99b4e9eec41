"""DynamoDB: the promotion report's read model (ADR 0028), kept by the
promotion-reports worker from order events. In the promotion's (or coupon's)
partition: ``REPORT``, the figures (counters ADDed to), and ``REPORT#<order_id>``,
what the report saw of one order (counted paid; its cumulative refunds), which
makes each event count once whatever the redeliveries."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import DoesNotExist
from pynamodb.transactions import TransactWrite

from ...domain.promotion_reports import Take, Tally
from . import transact
from .models import Item


class PromotionReportItem(Item, discriminator="PromotionReport"):
    orders = NumberAttribute(default=0)
    units = NumberAttribute(default=0)
    gmv = NumberAttribute(default=0)
    discount = NumberAttribute(default=0)
    refunds = NumberAttribute(default=0)
    refunded = NumberAttribute(default=0)
    as_of = UnicodeAttribute(null=True)


class PromotionReportOrderItem(Item, discriminator="PromotionReportOrder"):
    paid = BooleanAttribute(null=True)
    refunded = NumberAttribute(null=True)


def report_key(kind: str, key: str) -> tuple[str, str]:
    return (f"PROMO#{key}" if kind == "promotion" else f"COUPON#{key}"), "REPORT"


def order_key(kind: str, key: str, order_id: str) -> tuple[str, str]:
    return report_key(kind, key)[0], f"REPORT#{order_id}"


class DynamoPromotionReports:
    def count_paid(self, order_id: str, takes: list[Take], gmv: int, at: str) -> bool:
        """The paid order into each take's report, once (False: counted already)."""

        def build(tw: TransactWrite) -> None:
            for t in takes:
                tw.update(
                    PromotionReportOrderItem(*order_key(t.kind, t.id, order_id)),
                    actions=[
                        PromotionReportOrderItem.paid.set(True),
                        PromotionReportOrderItem.type.set(PromotionReportOrderItem),
                    ],
                    condition=PromotionReportOrderItem.paid.does_not_exist(),
                )
                tw.update(
                    PromotionReportItem(*report_key(t.kind, t.id)),
                    actions=[
                        PromotionReportItem.orders.add(1),
                        PromotionReportItem.units.add(t.units),
                        PromotionReportItem.gmv.add(gmv),
                        PromotionReportItem.discount.add(t.discount),
                        PromotionReportItem.as_of.set(at),
                        PromotionReportItem.type.set(PromotionReportItem),
                    ],
                )

        return transact.run_checked(build)

    def refunded_seen(self, take: Take, order_id: str) -> int:
        try:
            item = PromotionReportOrderItem.get(*order_key(take.kind, take.id, order_id), consistent_read=True)
        except DoesNotExist:
            return 0
        return int(item.refunded or 0)

    def count_refund(self, order_id: str, takes: list[tuple[Take, int]], refunded: int, at: str) -> bool:
        """One refund of ``refunded - seen`` into each (take, seen)'s report, guarded by
        what was seen (False: another delivery counted it meanwhile)."""

        def build(tw: TransactWrite) -> None:
            for t, seen in takes:
                item = PromotionReportOrderItem
                guard = item.refunded == seen if seen else (item.refunded.does_not_exist() | (item.refunded == 0))
                tw.update(
                    PromotionReportOrderItem(*order_key(t.kind, t.id, order_id)),
                    actions=[item.refunded.set(refunded), item.type.set(PromotionReportOrderItem)],
                    condition=guard,
                )
                tw.update(
                    PromotionReportItem(*report_key(t.kind, t.id)),
                    actions=[
                        PromotionReportItem.refunds.add(1),
                        PromotionReportItem.refunded.add(refunded - seen),
                        PromotionReportItem.as_of.set(at),
                        PromotionReportItem.type.set(PromotionReportItem),
                    ],
                )

        return transact.run_checked(build)

    def tally(self, kind: str, key: str) -> Tally:
        try:
            item = PromotionReportItem.get(*report_key(kind, key), consistent_read=True)
        except DoesNotExist:
            return Tally()
        return Tally(
            orders=int(item.orders or 0),
            units=int(item.units or 0),
            gmv=int(item.gmv or 0),
            discount=int(item.discount or 0),
            refunds=int(item.refunds or 0),
            refunded=int(item.refunded or 0),
            as_of=item.as_of,
        )
