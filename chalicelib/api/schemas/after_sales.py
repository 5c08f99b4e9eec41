"""After-sale requests: what customers and staff send, and the request as answered."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator

from ...domain.after_sale_requests import LineSpec, RequestSpec
from ...domain.after_sales import AfterSale
from .carts import AddressIn
from .common import Code, Strict, money, ts


def _https_urls(value: list[str]) -> list[str]:
    for url in value:
        if not url.startswith("https://") or len(url) > 2048:
            raise ValueError("images must be https URLs of at most 2048 characters")
    return value


class AfterSaleLineIn(Strict):
    sku: str = Code
    quantity: int = Field(ge=1, le=999)
    exchange_sku: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class AfterSaleIn(Strict):
    type: Literal["refund_only", "return_refund", "exchange"]
    reason: Literal["no_reason", "quality", "damaged", "wrong_item", "not_as_described", "missing_item", "other"]
    lines: list[AfterSaleLineIn] = Field(min_length=1, max_length=50)
    description: str | None = Field(default=None, max_length=2000)
    images: list[str] = Field(default_factory=list, max_length=9)

    _images = field_validator("images")(_https_urls)

    def to_spec(self) -> RequestSpec:
        return RequestSpec(
            self.type,
            self.reason,
            tuple(LineSpec(line.sku, line.quantity, line.exchange_sku) for line in self.lines),
            self.description,
            tuple(self.images),
        )


class ParcelIn(Strict):
    carrier: str = Field(pattern=r"^[a-z0-9_-]{2,30}$")
    tracking_number: str = Field(pattern=r"^[A-Za-z0-9-]{4,40}$")


class ApproveAfterSaleIn(Strict):
    return_address: AddressIn | None = None


class RejectAfterSaleIn(Strict):
    reason: str = Field(min_length=1, max_length=500)


class InspectIn(Strict):
    result: Literal["pass", "fail"]
    note: str | None = Field(default=None, max_length=1000)


def after_sale_out(r: AfterSale) -> dict[str, Any]:
    c = r.currency
    return {
        "id": r.id,
        "order_id": r.order_id,
        "type": r.type,
        "reason": r.reason,
        "status": r.status,
        "lines": [
            {
                "sku": line.sku,
                "quantity": line.quantity,
                "refund_amount": money(line.refund_amount, c),
                **({"exchange_sku": line.exchange_sku} if line.exchange_sku else {}),
            }
            for line in r.lines
        ],
        "shipping_refund": money(r.shipping_refund, c),
        "refund_amount": money(r.refund_amount, c),
        "refund_status": r.refund_status,
        "description": r.description,
        "images": list(r.images),
        "return_address": r.return_address,
        "return_shipment": r.return_shipment,
        "exchange_shipment": r.exchange_shipment,
        "inspection": r.inspection,
        "due": {
            name: ts(getattr(r.due, name))
            for name in ("respond_by", "ship_back_by", "inspect_by", "refund_by")
            if getattr(r.due, name) is not None
        },
        "timeline": [
            {"at": ts(e.at), "actor": e.actor, "from": e.from_status, "to": e.to_status, "note": e.note}
            for e in r.timeline
        ],
        "created_at": ts(r.created_at),
        "updated_at": ts(r.updated_at),
    }
