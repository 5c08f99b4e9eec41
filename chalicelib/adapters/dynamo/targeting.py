"""DynamoDB for CRM targeting (ADR 0019): the birthday index (a sparse GSI5
partition per month and day, on the customer item) and the coupon grants of the
birthday and loyalty jobs (docs/data-model.md, "CRM targeting")."""

from __future__ import annotations

from typing import Any

from pynamodb.transactions import TransactWrite

from ...domain.promotions import CouponGrant
from ...services.ports import Position
from . import transact
from .commerce import coupon_item
from .models import CouponItem
from .paging import query_page
from .tickets import CouponGrantRecord, grant_record

BIRTHDAY_PREFIX = "BIRTHDAY#"
GSI5_KEYS = ("PK", "SK", "GSI5PK", "GSI5SK")


def birthday_keys(birthday: Any, customer_id: str) -> dict[str, str] | None:
    """The birthday index's keys of a customer item (None: no birthday, no entry)."""
    if birthday is None:
        return None
    return {"GSI5PK": f"{BIRTHDAY_PREFIX}{birthday.month:02d}-{birthday.day:02d}", "GSI5SK": customer_id}


class DynamoBirthdays:
    def born_on(self, month_day: str, limit: int, after: Position | None) -> tuple[list[str], Position | None]:
        page = query_page(f"{BIRTHDAY_PREFIX}{month_day}", "GSI5", GSI5_KEYS, limit, after)
        return [str(item.id) for item in page.items], page.next_position


class DynamoCouponGrants:
    def grant(self, grant: CouponGrant) -> bool:
        def build(tw: TransactWrite) -> None:
            tw.save(
                coupon_item(grant.coupon(), grant.granted_at, listed=False),
                condition=CouponItem.PK.does_not_exist(),
            )
            tw.save(
                grant_record(grant),
                condition=CouponGrantRecord.PK.does_not_exist(),
            )

        return transact.run_checked(build)
