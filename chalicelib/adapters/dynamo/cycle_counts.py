"""DynamoDB: cycle count sheets (newest first on GSI2) and the schedule's
pointer per (business day, class), so a day's class gets one sheet."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pynamodb.exceptions import DoesNotExist, UpdateError
from pynamodb.transactions import TransactWrite

from ...domain.clock import parse_rfc3339_or_none, rfc3339_or_none
from ...domain.cycle_counts import CountLine, CountSheet
from ...services.ports import Page, Position
from . import planning_models as pk
from . import transact
from .paging import GSI2_KEYS, query_page
from .planning_models import CountScheduleItem, CountSheetItem


def _record(sheet: CountSheet) -> CountSheetItem:
    body: dict[str, Any] = {
        "lines": [[x.sku, x.expected, x.counted, x.adjusted, x.error] for x in sheet.lines],
        "created_by": sheet.created_by,
        "abc_class": sheet.abc_class,
        "business_date": sheet.business_date,
        "submitted_at": rfc3339_or_none(sheet.submitted_at),
        "submitted_by": sheet.submitted_by,
    }
    return CountSheetItem(
        *pk.count_sheet(sheet.id),
        id=sheet.id,
        status=sheet.status,
        body=body,
        created_at=sheet.created_at,
        GSI2PK=pk.COUNTS_PK,
        GSI2SK=sheet.id,
    )


def _sheet(item: CountSheetItem) -> CountSheet:
    body = dict(item.body or {})
    return CountSheet(
        id=item.id,
        status=item.status,
        lines=tuple(CountLine(str(s), e, c, int(a or 0), err) for s, e, c, a, err in body.get("lines", [])),
        created_at=item.created_at,
        created_by=str(body.get("created_by", "")),
        abc_class=body.get("abc_class"),
        business_date=body.get("business_date"),
        submitted_at=parse_rfc3339_or_none(body.get("submitted_at")),
        submitted_by=body.get("submitted_by"),
    )


class DynamoCycleCounts:
    def add(self, sheet: CountSheet) -> None:
        _record(sheet).save(condition=CountSheetItem.PK.does_not_exist())

    def get(self, sheet_id: str) -> CountSheet | None:
        try:
            return _sheet(CountSheetItem.get(*pk.count_sheet(sheet_id), consistent_read=True))
        except DoesNotExist:
            return None

    def claim(self, sheet_id: str, at: datetime) -> bool:
        try:
            CountSheetItem(*pk.count_sheet(sheet_id)).update(
                actions=[CountSheetItem.status.set("counting")],
                condition=CountSheetItem.status == "open",
            )
        except UpdateError as error:
            if transact.put_refused(error):
                return False
            raise
        return True

    def finish(self, sheet: CountSheet) -> None:
        _record(sheet).save()

    def recent(self, limit: int, after: Position | None) -> Page:
        page = query_page(pk.COUNTS_PK, "GSI2", GSI2_KEYS, limit, after, forward=False)
        return Page([_sheet(i) for i in page.items], page.next_position)

    def schedule(self, day: date, abc_class: str, sheet: CountSheet) -> CountSheet | None:
        def build(tw: TransactWrite) -> None:
            tw.save(
                CountScheduleItem(*pk.count_scheduled(day, abc_class), sheet_id=sheet.id),
                condition=CountScheduleItem.PK.does_not_exist(),
            )
            tw.save(_record(sheet), condition=CountSheetItem.PK.does_not_exist())

        return sheet if transact.run_checked(build) else None
