"""DynamoDB: daily sales per SKU (written with each paid order) and the weekly
ABC classification read from them."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from typing import Any

from pynamodb.exceptions import PutError, UpdateError

from . import keys, transact
from .models import AbcRunItem, Item, SkuCodeItem, SkuItem, SkuSalesItem

WRITERS = 8  # parallel pointer updates per classification run


class DynamoSales:
    def revenue_by_sku(self, days: list[date]) -> dict[str, int]:
        """Revenue per SKU over the given business days: one Query per day partition."""
        return {code: revenue for code, (revenue, _units) in self.sales_by_sku(days).items()}

    def sales_by_sku(self, days: list[date]) -> dict[str, tuple[int, int]]:
        """(revenue, units) per SKU over the given business days: one Query per day partition."""
        totals: dict[str, tuple[int, int]] = {}
        for day in days:
            for row in SkuSalesItem.query(keys.sales_day(day)):
                revenue, units = totals.get(row.sku, (0, 0))
                totals[row.sku] = (revenue + int(row.revenue or 0), units + int(row.units or 0))
        return totals

    def on_hand_of(self, codes: list[str]) -> dict[str, int]:
        """On hand now per SKU: BatchGetItem of the code pointers, then of the SKU items."""
        products = {
            item.PK.removeprefix("SKU#"): str(item.product_id)
            for item in Item.batch_get([keys.sku_code(code) for code in codes])
            if isinstance(item, SkuCodeItem)
        }
        return {
            str(item.code): int(item.on_hand or 0)
            for item in Item.batch_get([keys.sku(pid, code) for code, pid in sorted(products.items())])
            if isinstance(item, SkuItem)
        }

    def save_abc(
        self,
        run: date,
        first: date,
        last: date,
        classes: dict[str, str],
        at: datetime,
        turnover: dict[str, float] | None = None,
    ) -> dict[str, Any]:
        """Writes each SKU's class onto its code pointer, then the run record and the
        'latest' pointer (only forward: an older run finishing late never replaces a
        newer one). Every write is a SET of the same values, so reruns change nothing."""
        connection = Item._get_connection()
        run_key = run.isoformat()

        def classify(item: tuple[str, str]) -> bool:
            code, abc = item
            try:
                connection.update_item(
                    *keys.sku_code(code),
                    actions=[
                        SkuCodeItem.abc_class.set(abc),
                        SkuCodeItem.abc_run.set(run_key),
                        SkuCodeItem.abc_turnover.set((turnover or {}).get(code, 0.0)),
                    ],
                    # Never over a newer run's class (an older run that finishes late).
                    condition=SkuCodeItem.PK.exists()
                    & (SkuCodeItem.abc_run.does_not_exist() | (SkuCodeItem.abc_run <= run_key)),
                )
                return True
            except UpdateError as error:
                if transact.put_refused(error):
                    return False  # deleted since it sold, or classed by a newer run
                raise

        with ThreadPoolExecutor(max_workers=WRITERS) as pool:
            written = sum(pool.map(classify, sorted(classes.items())))
        summary = {"classified": written, **{c: sum(1 for v in classes.values() if v == c) for c in "ABC"}}
        attrs: dict[str, Any] = {
            "run": run_key,
            "window_from": first.isoformat(),
            "window_to": last.isoformat(),
            "summary": summary,
        }
        AbcRunItem(*keys.abc_run(run), at=at, **attrs).save()
        try:
            AbcRunItem(*keys.ABC_LATEST, at=at, **attrs).save(
                condition=AbcRunItem.PK.does_not_exist() | (AbcRunItem.run <= run_key)
            )
        except PutError as error:
            if not transact.put_refused(error):
                raise
        return summary

    def abc_of(self, code: str) -> tuple[str | None, str | None]:
        """(class, run date) of a SKU from one BatchGetItem of its pointer and the
        latest run: a SKU without revenue in the latest window is C."""
        pointer: SkuCodeItem | None = None
        latest: AbcRunItem | None = None
        for item in Item.batch_get([keys.sku_code(code), keys.ABC_LATEST], consistent_read=True):
            if isinstance(item, SkuCodeItem):
                pointer = item
            elif isinstance(item, AbcRunItem):
                latest = item
        if latest is None:
            return None, None
        if pointer is not None and pointer.abc_run == latest.run and pointer.abc_class:
            return str(pointer.abc_class), str(latest.run)
        return "C", str(latest.run)
