"""Inventory planning: suppliers, purchase orders and receipts, safety policies,
cycle counts and notify-me (ADR 0022)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ...domain.cycle_counts import CountSheet, variance_of
from ...domain.purchasing import MAX_LINES, MAX_QUANTITY, MAX_RECEIPT_LINES, MAX_UNIT_COST, PurchaseOrder, Receipt
from ...domain.purchasing import Supplier as SupplierRow
from ...domain.replenishment import MAX_SAFETY_DAYS
from ...services.planning_ports import SkuPlan
from .common import Code, ShortText, Strict, ts

Sku = Code
Id = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")
OptionalId = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,64}$")


class ContactIn(Strict):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    email: str | None = Field(default=None, min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")
    phone: str | None = Field(default=None, min_length=3, max_length=32, pattern=r"^[0-9+() -]+$")


class SupplierIn(Strict):
    name: str = ShortText
    lead_time_days: int = Field(ge=0, le=365)
    contact: ContactIn | None = None


class PoLineIn(Strict):
    sku: str = Sku
    quantity: int = Field(ge=1, le=MAX_QUANTITY)
    unit_cost: int = Field(ge=0, le=MAX_UNIT_COST)


class PurchaseOrderIn(Strict):
    supplier_id: str = Id
    lines: list[PoLineIn] = Field(min_length=1, max_length=MAX_LINES)


class FromAlertIn(Strict):
    supplier_id: str | None = OptionalId


class ReceiptLineIn(Strict):
    sku: str = Sku
    quantity: int = Field(ge=1, le=MAX_QUANTITY)


class ReceiptIn(Strict):
    receipt_id: str = Id
    lines: list[ReceiptLineIn] = Field(min_length=1, max_length=MAX_RECEIPT_LINES)


class SafetyPolicyIn(Strict):
    mode: Literal["fixed", "days_of_sales"]
    days: int = Field(default=3, ge=1, le=MAX_SAFETY_DAYS)
    floor: int = Field(default=0, ge=0, le=10_000_000)
    supplier_id: str | None = OptionalId


class CountSheetIn(Strict):
    skus: list[str] | None = Field(default=None, min_length=1, max_length=500)
    abc_class: Literal["A", "B", "C"] | None = None


class CountedLineIn(Strict):
    sku: str = Sku
    counted: int = Field(ge=0, le=10_000_000)


class CountResultsIn(Strict):
    lines: list[CountedLineIn] = Field(min_length=1, max_length=500)


class NotifyMeIn(Strict):
    sku: str = Sku


def supplier_out(s: SupplierRow) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "lead_time_days": s.lead_time_days,
        "contact": dict(s.contact),
        "created_at": ts(s.created_at),
    }


def po_out(po: PurchaseOrder) -> dict[str, Any]:
    return {
        "id": po.id,
        "supplier_id": po.supplier_id,
        "status": po.status,
        "lines": [
            {"sku": x.sku, "quantity": x.quantity, "unit_cost": x.unit_cost, "received": x.received} for x in po.lines
        ],
        "currency": po.currency,
        "total": po.total,
        "receipts": list(po.receipts),
        "alert_id": po.alert_id,
        "history": list(po.history),
        "created_by": po.created_by,
        "created_at": ts(po.created_at),
        "updated_at": ts(po.updated_at),
    }


def receipt_out(r: Receipt) -> dict[str, Any]:
    return {
        "receipt_id": r.id,
        "po_id": r.po_id,
        "lines": [{"sku": sku, "quantity": q} for sku, q in r.lines],
        "actor": r.actor,
        "at": ts(r.at),
    }


def plan_out(p: SkuPlan) -> dict[str, Any]:
    return {
        "sku": p.code,
        "safety_policy": {
            "mode": p.policy.mode,
            "days": p.policy.days,
            "floor": p.policy.floor,
            "supplier_id": p.policy.supplier_id,
        },
        "average_daily_sales": p.average_daily_sales,
        "lead_time_days": p.lead_time_days,
        "safety_stock": p.safety_stock,
        "reorder_point": p.reorder_point,
        "computed_on": p.computed_on,
    }


def sheet_out(s: CountSheet) -> dict[str, Any]:
    v = variance_of(list(s.lines))
    return {
        "id": s.id,
        "status": s.status,
        "abc_class": s.abc_class,
        "business_date": s.business_date,
        "lines": [
            {
                "sku": x.sku,
                "expected": x.expected,
                "counted": x.counted,
                "variance": x.variance,
                "variance_pct": x.variance_pct,
                "adjusted": x.adjusted,
                "error": x.error,
            }
            for x in s.lines
        ],
        "variance": {
            "expected_units": v.expected,
            "absolute_units": v.absolute,
            "net_units": v.net,
            "pct": v.pct,
            "within_target": v.within_target,
        },
        "created_by": s.created_by,
        "created_at": ts(s.created_at),
        "submitted_by": s.submitted_by,
        "submitted_at": ts(s.submitted_at),
    }
