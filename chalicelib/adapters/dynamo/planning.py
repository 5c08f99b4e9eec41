"""DynamoDB: SKU plans (safety policy, computed safety stock and reorder point),
the sales they are computed from, and the SKUs and ABC classes count sheets and
suggestions are built and ordered from."""

from __future__ import annotations

from datetime import date, datetime

from pynamodb.exceptions import DoesNotExist
from pynamodb.transactions import TransactWrite

from ...domain.catalog import STATUSES as PRODUCT_STATUSES
from ...domain.replenishment import SafetyPolicy
from ...services.planning_ports import SkuPlan
from . import keys, transact
from . import planning_models as pk
from .inventory import product_id_of
from .models import AbcRunItem, Item, ProductItem, SkuCodeItem, SkuItem, SkuSalesItem
from .planning_models import SkuPlanItem


def _plan(item: SkuPlanItem) -> SkuPlan:
    def number(value: object) -> int | None:
        return None if value is None else int(str(value))

    return SkuPlan(
        code=item.code,
        policy=SafetyPolicy(item.mode, int(item.days), int(item.floor), item.supplier_id),
        average_daily_sales=None if item.average_daily_sales is None else float(item.average_daily_sales),
        lead_time_days=number(item.lead_time_days),
        safety_stock=number(item.safety_stock),
        reorder_point=number(item.reorder_point),
        computed_on=item.computed_on,
        updated_at=item.updated_at,
    )


class DynamoPlanning:
    def plan_of(self, code: str) -> SkuPlan | None:
        try:
            return _plan(SkuPlanItem.get(*pk.sku_plan(code), consistent_read=True))
        except DoesNotExist:
            return None

    def save_policy(self, code: str, policy: SafetyPolicy, at: datetime) -> SkuPlan:
        """Sets the policy and keeps what the last recompute found."""
        try:
            item = SkuPlanItem.get(*pk.sku_plan(code), consistent_read=True)
        except DoesNotExist:
            item = SkuPlanItem(*pk.sku_plan(code), code=code, GSI2PK=pk.SKU_PLANS_PK, GSI2SK=code)
        item.mode, item.days, item.floor = policy.mode, policy.days, policy.floor
        item.supplier_id = policy.supplier_id
        item.updated_at = at
        item.save()
        return _plan(item)

    def planned_codes(self) -> list[str]:
        return sorted(str(i.code) for i in SkuPlanItem.gsi2.query(pk.SKU_PLANS_PK) if isinstance(i, SkuPlanItem))

    def save_plan(self, plan: SkuPlan, at: datetime) -> bool:
        product_id = product_id_of(plan.code)
        if product_id is None:
            return False
        p = plan.policy

        def build(tw: TransactWrite) -> None:
            tw.update(
                SkuItem(*keys.sku(product_id, plan.code)),
                actions=[
                    SkuItem.safety_stock.set(plan.safety_stock or 0),
                    SkuItem.reorder_point.set(plan.reorder_point or 0),
                ],
                condition=SkuItem.PK.exists(),
            )
            tw.save(
                SkuPlanItem(
                    *pk.sku_plan(plan.code),
                    code=plan.code,
                    mode=p.mode,
                    days=p.days,
                    floor=p.floor,
                    supplier_id=p.supplier_id,
                    average_daily_sales=plan.average_daily_sales,
                    lead_time_days=plan.lead_time_days,
                    safety_stock=plan.safety_stock,
                    reorder_point=plan.reorder_point,
                    computed_on=plan.computed_on,
                    updated_at=at,
                    GSI2PK=pk.SKU_PLANS_PK,
                    GSI2SK=plan.code,
                ),
                # never over a policy staff changed since the job read it
                condition=SkuPlanItem.PK.does_not_exist() | (SkuPlanItem.mode == p.mode) & (SkuPlanItem.days == p.days),
            )

        return transact.run_checked(build)

    def units_by_sku(self, days: list[date]) -> dict[str, int]:
        totals: dict[str, int] = {}
        for day in days:
            for row in SkuSalesItem.query(keys.sales_day(day)):
                totals[row.sku] = totals.get(row.sku, 0) + int(row.units or 0)
        return totals

    def units_of(self, code: str, days: list[date]) -> dict[date, int]:
        by_key = {keys.sku_sales(day, code): day for day in days}
        found = {day: 0 for day in days}
        for item in Item.batch_get(list(by_key)):
            if isinstance(item, SkuSalesItem):
                found[by_key[(item.PK, item.SK)]] = int(item.units or 0)
        return found

    def all_sku_codes(self, limit: int) -> list[str]:
        """Every SKU of every product (draft, listed, delisted), up to ``limit``."""
        codes: list[str] = []
        for status in PRODUCT_STATUSES:
            for product in ProductItem.gsi2.query(keys.products_by_status(status)):
                if isinstance(product, ProductItem):
                    codes += list(product.sku_codes or [])
                if len(codes) >= limit:
                    return sorted(set(codes))[:limit]
        return sorted(set(codes))

    def abc_facts(self, codes: list[str]) -> dict[str, tuple[str | None, float | None]]:
        facts: dict[str, tuple[str | None, float | None]] = dict.fromkeys(codes, (None, None))
        try:
            latest = AbcRunItem.get(*keys.ABC_LATEST, consistent_read=True)
        except DoesNotExist:
            return facts
        for code in codes:
            facts[code] = ("C", None)
        for item in Item.batch_get([keys.sku_code(code) for code in codes]):
            if isinstance(item, SkuCodeItem) and item.abc_run == latest.run and item.abc_class:
                turns = None if item.abc_turnover is None else float(item.abc_turnover)
                facts[item.PK.removeprefix("SKU#")] = (str(item.abc_class), turns)
        return facts
