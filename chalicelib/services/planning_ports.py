"""Ports of inventory planning (ADR 0022): purchasing, SKU plans, cycle counts and
notify-me subscriptions. The DynamoDB adapters are in adapters/dynamo/."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from ..domain.cycle_counts import CountSheet
from ..domain.purchasing import PurchaseOrder, Receipt, Supplier
from ..domain.replenishment import SafetyPolicy
from .ports import LedgerEntry, OutboxEvent, Page, Position

Guard = tuple[int | None, int | None]


class PurchasingRepository(Protocol):
    def add_supplier(self, supplier: Supplier) -> None: ...
    def get_supplier(self, supplier_id: str) -> Supplier | None: ...
    def suppliers(self, limit: int, after: Position | None) -> Page: ...
    def add_po(self, po: PurchaseOrder) -> None:
        """Conflict(alert_open) when ``po.alert_id`` has a draft already."""
        ...

    def get_po(self, po_id: str) -> PurchaseOrder | None: ...
    def po_for_alert(self, alert_id: str) -> str | None: ...
    def save_po(self, po: PurchaseOrder, read_version: int) -> None:
        """Conflict(concurrent_update) when the order moved since it was read."""
        ...

    def pos_by_status(self, status: str, limit: int, after: Position | None) -> Page: ...
    def get_receipt(self, receipt_id: str) -> Receipt | None: ...
    def receive(
        self,
        po: PurchaseOrder,
        read_version: int,
        receipt: Receipt,
        entries: list[LedgerEntry],
        guards: dict[str, Guard],
        events: list[OutboxEvent],
    ) -> bool:
        """In one transaction: the receipt (on condition its id is new), the order
        (on its read version), every line's stock and ledger row (the SKU's
        ``available`` within its guard) and the events. False when the receipt id
        exists already (nothing written); Conflict(concurrent_update) when the order
        or a SKU moved."""
        ...


@dataclass(frozen=True)
class SkuPlan:
    code: str
    policy: SafetyPolicy
    average_daily_sales: float | None = None
    lead_time_days: int | None = None
    safety_stock: int | None = None
    reorder_point: int | None = None
    computed_on: str | None = None
    updated_at: datetime | None = None


class PlanningRepository(Protocol):
    def plan_of(self, code: str) -> SkuPlan | None: ...
    def save_policy(self, code: str, policy: SafetyPolicy, at: datetime) -> SkuPlan: ...
    def planned_codes(self) -> list[str]: ...  # every SKU with a plan
    def save_plan(self, plan: SkuPlan, at: datetime) -> bool:
        """The computed plan, and the SKU's safety stock and reorder point; False when the SKU
        is gone or staff changed its policy since it was read (nothing written)."""
        ...

    def units_by_sku(self, days: list[date]) -> dict[str, int]: ...  # every SKU sold on those days
    def units_of(self, code: str, days: list[date]) -> dict[date, int]: ...  # one SKU's days
    def all_sku_codes(self, limit: int) -> list[str]: ...
    def abc_facts(self, codes: list[str]) -> dict[str, tuple[str | None, float | None]]:
        """(class, turnover) of each SKU in the latest classify_abc run: unsold in its
        window, C and no turnover; (None, None) for all before any run."""
        ...


class CountRepository(Protocol):
    def add(self, sheet: CountSheet) -> None: ...
    def get(self, sheet_id: str) -> CountSheet | None: ...
    def claim(self, sheet_id: str, at: datetime) -> bool: ...  # open -> counting, once
    def finish(self, sheet: CountSheet) -> None: ...
    def recent(self, limit: int, after: Position | None) -> Page: ...
    def schedule(self, day: date, abc_class: str, sheet: CountSheet) -> CountSheet | None:
        """The sheet with its (day, class) pointer, once: None when that day's class has one."""
        ...


@dataclass(frozen=True)
class Subscription:
    id: str
    customer_id: str
    sku: str
    product_id: str
    created_at: datetime


class NotifyMeRepository(Protocol):
    def subscribe(self, subscription: Subscription) -> Subscription:
        """The customer's subscription to the SKU: the one stored already, if any."""
        ...

    def waiting(self, sku: str, limit: int) -> list[Subscription]: ...  # oldest first
    def done(self, subscription: Subscription) -> None: ...  # the subscriber was told
