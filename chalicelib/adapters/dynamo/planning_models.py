"""PynamoDB models and keys of inventory planning (ADR 0022): suppliers, purchase
orders and their receipts, SKU plans (safety policy and reorder point), cycle
count sheets and notify-me subscriptions. Kept apart from models.py and keys.py."""

from __future__ import annotations

from datetime import date

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute

from .models import Item, any_map

SUPPLIERS_PK = "SUPPLIERS"  # GSI2: every supplier, by id
SKU_PLANS_PK = "SKUPLANS"  # GSI2: every SKU with a plan, by code (the recompute job's list)
COUNTS_PK = "COUNTSHEETS"  # GSI2: every count sheet, newest first
COUNT_SCHEDULE_PK = "COUNTSCHEDULE"  # a scheduled sheet per (business day, class): scheduled once


def supplier(supplier_id: str) -> tuple[str, str]:
    return f"SUPPLIER#{supplier_id}", "SUPPLIER"


def purchase_order(po_id: str) -> tuple[str, str]:
    return f"PO#{po_id}", "PO"


def purchase_orders_by_status(status: str) -> str:
    """GSI2: purchase orders in one status, by id (newest first)."""
    return f"POS#{status}"


def receipt(receipt_id: str) -> tuple[str, str]:
    """A receipt id is global: the same id names the same receipt, whatever it is posted to."""
    return f"RECEIPT#{receipt_id}", "RECEIPT"


def alert_purchase_order(alert_id: str) -> tuple[str, str]:
    """The draft drafted from a stock alert: one per alert."""
    return f"STOCKALERT#{alert_id}", "PO"


def sku_plan(code: str) -> tuple[str, str]:
    """In the SKU code's partition, beside its pointer and ledger."""
    return f"SKU#{code}", "PLAN"


def count_sheet(sheet_id: str) -> tuple[str, str]:
    return f"COUNT#{sheet_id}", "SHEET"


def count_scheduled(day: date, abc_class: str) -> tuple[str, str]:
    return COUNT_SCHEDULE_PK, f"{day.isoformat()}#{abc_class}"


def notify_me(customer_id: str, code: str) -> tuple[str, str]:
    """In the customer's notifications partition (export and erasure reach it there)."""
    return f"NOTIFY#{customer_id}", f"NOTIFYME#{code}"


def notify_me_by_sku(code: str) -> str:
    """GSI2: a SKU's waiting subscribers, oldest first."""
    return f"NOTIFYME#{code}"


class SupplierItem(Item, discriminator="Supplier"):
    id = UnicodeAttribute()
    name = UnicodeAttribute()
    lead_time_days = NumberAttribute()
    contact = any_map(default=dict)  # name, email, phone of the supplier's contact (a business's)
    created_at = UTCDateTimeAttribute()


class PurchaseOrderItem(Item, discriminator="PurchaseOrder"):
    id = UnicodeAttribute()
    supplier_id = UnicodeAttribute()
    status = UnicodeAttribute()
    po_version = NumberAttribute()  # every write conditions on the one read
    body = JSONAttribute()  # lines, history, receipts, currency, who and when
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()


class ReceiptItem(Item, discriminator="PurchaseReceipt"):
    id = UnicodeAttribute()
    po_id = UnicodeAttribute()
    lines = JSONAttribute()  # [[sku, quantity], ...]
    actor = UnicodeAttribute()
    at = UTCDateTimeAttribute()


class AlertPurchaseOrderItem(Item, discriminator="AlertPurchaseOrder"):
    po_id = UnicodeAttribute()


class SkuPlanItem(Item, discriminator="SkuPlan"):
    code = UnicodeAttribute()
    mode = UnicodeAttribute(default="fixed")
    days = NumberAttribute(default=3)
    floor = NumberAttribute(default=0)
    supplier_id = UnicodeAttribute(null=True)
    average_daily_sales = NumberAttribute(null=True)  # the last recompute's
    lead_time_days = NumberAttribute(null=True)
    safety_stock = NumberAttribute(null=True)
    reorder_point = NumberAttribute(null=True)
    computed_on = UnicodeAttribute(null=True)  # business date of the last recompute
    updated_at = UTCDateTimeAttribute()


class CountSheetItem(Item, discriminator="CountSheet"):
    id = UnicodeAttribute()
    status = UnicodeAttribute()
    body = JSONAttribute()
    created_at = UTCDateTimeAttribute()


class CountScheduleItem(Item, discriminator="CountSchedule"):
    sheet_id = UnicodeAttribute()


class NotifyMeItem(Item, discriminator="NotifyMe"):
    id = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    sku = UnicodeAttribute()
    product_id = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
