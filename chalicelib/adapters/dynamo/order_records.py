"""DynamoDB: an order's item (OrderRecord) and back: the body, and the DUE#
queue of its next timed action (payment deadline, auto-completion, refund,
settlement). The order item carries no index keys: small index items in its
partition list it (order_index, ADR 0031)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ...domain.clock import parse_rfc3339, to_rfc3339
from ...domain.orders import UNPAID, Order, OrderLine, Shipment, TimelineEntry, TrackingEvent
from ...domain.presale import PresaleTerms
from ...domain.refunds import dispute_from_dict, dispute_to_dict, first_retry_at, refund_from_dict, refund_to_dict
from ...domain.settlement import SettlementPolicy, settlement_filed_at
from ...settings import get_settings
from . import keys
from .models import OrderRecord


def settlement_policy() -> SettlementPolicy:
    s = get_settings()
    return SettlementPolicy(days=s.settlement_days, basis=s.settlement_basis)


def auto_complete_after() -> timedelta:
    return timedelta(days=get_settings().auto_complete_days)


# What the body leaves out when it holds its default (order_of reads it back as that
# default): the order item is written at every step, so its size is most of an
# order's write cost (ADR 0029; since ADR 0031 it is written to the table only).
_ORDER_DEFAULTS: dict[str, Any] = {
    "coupon_code": None,
    "amount_paid": 0,
    "amount_refunded": 0,
    "risk_reasons": [],
    "review_cleared": False,
    "delivered_at": None,
    "settled_on": None,
    "settled_refunds": 0,
    "refunds": [],
    "dispute": None,
    "open_after_sales": [],
    "withdrawn": {},
    "priority": False,
    "shipments": [],
}
_LINE_DEFAULTS: dict[str, Any] = {
    "adjustments": [],
    "flash_promotion_id": None,
    "flash_units": 0,
    "unit_cost": None,
    "experiment": None,
}
_TIMELINE_DEFAULTS: dict[str, Any] = {"from": None, "to": None, "reason": None, "data": {}}


def _lean(values: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k not in defaults or v != defaults[k]}


def _body(order: Order) -> dict[str, Any]:
    body = _full_body(order)
    body["lines"] = [_lean(line, _LINE_DEFAULTS) for line in body["lines"]]
    body["timeline"] = [_lean(entry, _TIMELINE_DEFAULTS) for entry in body["timeline"]]
    return _lean(body, _ORDER_DEFAULTS)


def _full_body(order: Order) -> dict[str, Any]:
    return {
        "lines": [
            {
                "sku": line.sku,
                "product_id": line.product_id,
                "title": line.title,
                "specs": line.specs,
                "quantity": line.quantity,
                "list_price": line.list_price,
                "unit_price": line.unit_price,
                "line_total": line.line_total,
                "order_discount": line.order_discount,
                "payable": line.payable,
                "adjustments": list(line.adjustments),
                "flash_promotion_id": line.flash_promotion_id,
                "flash_units": line.flash_units,
                "unit_cost": line.unit_cost,
                "experiment": line.experiment,
                **({"stock_shard": line.stock_shard} if line.stock_shard else {}),
                **({"gift_promotion_id": line.gift_promotion_id} if line.gift_promotion_id else {}),
                **({"lucky_bag": line.lucky_bag} if line.lucky_bag else {}),
            }
            for line in order.lines
        ],
        "subtotal": order.subtotal,
        "discounts": list(order.discounts),
        "shipping": order.shipping,
        "shipping_address": order.shipping_address,
        "timeline": [
            {
                "at": to_rfc3339(e.at),
                "type": e.type,
                "actor": e.actor,
                "from": e.from_status,
                "to": e.to_status,
                "reason": e.reason,
                "data": e.data,
            }
            for e in order.timeline
        ],
        "coupon_code": order.coupon_code,
        "amount_paid": order.amount_paid,
        "amount_refunded": order.amount_refunded,
        "risk_reasons": list(order.risk_reasons),
        "review_cleared": order.review_cleared,
        "delivered_at": to_rfc3339(order.delivered_at) if order.delivered_at else None,
        "settled_on": order.settled_on,
        "settled_refunds": order.settled_refunds,
        **({"payment_fee": order.payment_fee} if order.payment_fee is not None else {}),
        **({"payment_captured": order.payment_captured} if order.payment_captured is not None else {}),
        "refunds": [refund_to_dict(refund) for refund in order.refunds],
        "dispute": dispute_to_dict(order.dispute) if order.dispute else None,
        "open_after_sales": list(order.open_after_sales),
        "withdrawn": order.withdrawn,
        "priority": order.priority,
        **({"budget_spends": order.budget_spends} if order.budget_spends else {}),  # ADR 0028
        **({"presale": order.presale.to_json()} if order.presale is not None else {}),
        "shipments": [
            {
                "carrier": s.carrier,
                "tracking_number": s.tracking_number,
                "lines": s.lines,
                "shipped_at": to_rfc3339(s.shipped_at),
                "status": s.status,
                "events": [
                    {"at": to_rfc3339(e.at), "status": e.status, "description": e.description, "location": e.location}
                    for e in s.events
                ],
            }
            for s in order.shipments
        ],
    }


def order_of(record: OrderRecord) -> Order:
    b = record.body
    return Order(
        id=record.id,
        customer_id=record.customer_id,
        cart_id=record.cart_id,
        status=record.status,
        payment_status=record.payment_status,
        currency=record.currency,
        lines=tuple(
            OrderLine(
                sku=line["sku"],
                product_id=line["product_id"],
                title=line["title"],
                specs=line["specs"],
                quantity=line["quantity"],
                list_price=line["list_price"],
                unit_price=line["unit_price"],
                line_total=line["line_total"],
                order_discount=line["order_discount"],
                payable=line["payable"],
                adjustments=tuple(line.get("adjustments", [])),
                flash_promotion_id=line.get("flash_promotion_id"),
                flash_units=line.get("flash_units", 0),
                unit_cost=line.get("unit_cost"),
                experiment=line.get("experiment"),
                stock_shard=int(line["stock_shard"]) if line.get("stock_shard") else None,
                gift_promotion_id=line.get("gift_promotion_id"),
                lucky_bag=line.get("lucky_bag"),
            )
            for line in b["lines"]
        ),
        subtotal=b["subtotal"],
        discounts=tuple(b["discounts"]),
        shipping=b["shipping"],
        total=int(record.total),
        shipping_address=b["shipping_address"],
        created_at=record.created_at,
        updated_at=record.updated_at,
        payment_due_at=record.payment_due_at,
        timeline=tuple(
            TimelineEntry(
                at=parse_rfc3339(e["at"]),
                type=e["type"],
                actor=e["actor"],
                from_status=e.get("from"),
                to_status=e.get("to"),
                reason=e.get("reason"),
                data=e.get("data") or {},
            )
            for e in b["timeline"]
        ),
        coupon_code=b.get("coupon_code"),
        payment_intent_id=record.payment_intent_id,
        amount_paid=b.get("amount_paid", 0),
        amount_refunded=b.get("amount_refunded", 0),
        risk_reasons=tuple(b.get("risk_reasons", [])),
        review_cleared=b.get("review_cleared", False),
        delivered_at=parse_rfc3339(b["delivered_at"]) if b.get("delivered_at") else None,
        settled_on=b.get("settled_on"),
        settled_refunds=int(b.get("settled_refunds", 0)),
        payment_fee=int(b["payment_fee"]) if b.get("payment_fee") is not None else None,
        payment_captured=int(b["payment_captured"]) if b.get("payment_captured") is not None else None,
        refunds=tuple(refund_from_dict(refund) for refund in b.get("refunds", [])),
        dispute=dispute_from_dict(b["dispute"]) if b.get("dispute") else None,
        open_after_sales=tuple(b.get("open_after_sales", [])),
        withdrawn={sku: int(n) for sku, n in (b.get("withdrawn") or {}).items()},
        priority=bool(b.get("priority", False)),
        budget_spends={key: int(n) for key, n in (b.get("budget_spends") or {}).items()},
        presale=PresaleTerms.from_json(b.get("presale")),
        shipments=tuple(
            Shipment(
                carrier=s["carrier"],
                tracking_number=s["tracking_number"],
                lines=dict(s["lines"]),
                shipped_at=parse_rfc3339(s["shipped_at"]),
                status=s.get("status", "shipped"),
                events=tuple(
                    TrackingEvent(parse_rfc3339(e["at"]), e["status"], e.get("description"), e.get("location"))
                    for e in s.get("events", [])
                ),
            )
            for s in b.get("shipments", [])
        ),
        version=int(record.version or 1),
    )


def due_key(order: Order) -> tuple[str, str] | None:
    """The due queue the order is filed on for its next timed action and its sort key
    there (GSI5PK, GSI5SK of its due index item, ADR 0031), or None."""
    due_pk, due_at = None, None
    settle_at = settlement_filed_at(order, settlement_policy().days)  # the same on either basis
    if order.status in UNPAID:
        due_pk, due_at = keys.DUE_PAYMENT_PK, order.payment_due_at
    elif order.status == "balance_due" and order.presale is not None:  # closed when its window ends (ADR 0026)
        due_pk, due_at = keys.DUE_BALANCE_PK, order.presale.balance_ends_at
    elif (retry_at := first_retry_at(order.refunds)) is not None:
        # A refund the provider has not taken yet: retried first (settled once it is back).
        due_pk, due_at = keys.DUE_REFUND_PK, retry_at
    elif order.status == "delivered" and order.delivered_at is not None:
        # Whichever falls due first; doing it rewrites the order, which files the other.
        due_pk, due_at = keys.DUE_COMPLETION_PK, order.delivered_at + auto_complete_after()
        if settle_at is not None and settle_at < due_at:
            due_pk, due_at = keys.DUE_SETTLEMENT_PK, settle_at
    elif settle_at is not None:
        due_pk, due_at = keys.DUE_SETTLEMENT_PK, settle_at
    if due_pk is None or due_at is None:
        return None
    return due_pk, keys.due_sort_key(due_at, order.id)


def order_record(order: Order) -> OrderRecord:
    return OrderRecord(
        *keys.order(order.id),
        id=order.id,
        customer_id=order.customer_id,
        cart_id=order.cart_id,
        status=order.status,
        payment_status=order.payment_status,
        currency=order.currency,
        total=order.total,
        body=_body(order),
        payment_intent_id=order.payment_intent_id,
        created_at=order.created_at,
        updated_at=order.updated_at,
        payment_due_at=order.payment_due_at,
    )
